"""The terms of the laws in the national library, as a data file
(`python -m ingest.law_terms ../shared/corpus-scale/lawrefbook-national.tar.gz --out knowledge/law_terms.toml`).

A question about a law the knowledge base does not hold often names none: 「肖像权人可以随时解除肖像权
许可合同吗？」 is about the 民法典, and without it the bot quoted 行政许可法第六十七条. The words that tell
are that law's own terms: used in a few laws only, and not words of everyday language (还是, 告诉 are
in few statutes too, but everyone says them). The bot reads this table to say that the base does not
hold the law a question is about, where the words are not in the base either. Words many laws use
(商标, 宅基地, 盗窃) are not terms here: they do not tell which law, and such questions still reach the
grounding and subject checks only."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import jieba
import jieba.posseg

from ingest.library import files_in, table_main
from ingest.tokenize import tokenize

# A term names few laws, is used in them more than in passing, and is not everyday language
# (jieba's dictionary counts a word's use in general text: 还是 9,922, 告诉 10,953; 宅基地 49).
# 500, not 1,000 (session 17): 邻居 (613) told 「和邻居吵架找调解委员会，要收钱吗」 apart as a question
# about the 刑事诉讼法; what the lower bar loses the law router tells (STARD refusals unchanged).
MAX_LAWS = 5
MIN_USES = 5
MAX_EVERYDAY = 500
LAWS_PER_TERM = 2
_TERM = re.compile(r"[\u4e00-\u9fff]{2,}")
# A count or a date (十五岁, 三十日, 一九九七年) is not a term.
_NUMERAL = re.compile(r"[一二三四五六七八九十百千万零〇两]+(?:周岁|万元|[岁年月日号条款项章节倍次人名元个])?")
# A verb, adjective or adverb (jieba's dictionary tags: 查出, 罚没款 v) says what is done, in any law;
# a law's own terms name things (肖像权, 宅基地 n). 「……过了三年才被查出来，还能罚我吗」 was refused as a
# question about the 审计法 (session 24: citizens' development part refusals 0.915 → 0.928, STARD's
# out-of-base refusals 665 → 665 of 749 and 289 → 288 of 326).
_NOT_TERMS = {"v", "vd", "a", "ad", "d"}
# A negation joined to one character that names no thing (不归, 未缴, 无因: jieba tags 归 v, 缴 v, 因 p)
# is a fragment of a phrase, said in any law and by anyone: 「法院说案子不归他们管」 was refused as a
# question about the 公务员法. 非核, 不法 (核 n, 法 j) stay terms.
_NEGATION = "不未无非没"
_THING_TAGS = ("n", "j")
# Cases and judicial interpretations use the words of the laws they apply; a term is a law's.
_NOT_A_LAW = re.compile(r"案例|司法解释")


def terms_in(archive: Path) -> dict[str, list[str]]:
    """term → the laws (titles) that use it most, for the library's laws and regulations."""
    uses: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for name, title, text in files_in(archive):
        if _NOT_A_LAW.search(name):
            continue
        for term in {t for t in tokenize(text) if _TERM.fullmatch(t) and not _NUMERAL.fullmatch(t)}:
            uses[term][title] += text.count(term)
    everyday = jieba.dt.FREQ
    jieba.posseg.initialize()
    tags = jieba.posseg.dt.word_tag_tab
    return {
        term: [title for title, _ in laws.most_common(LAWS_PER_TERM)]
        for term, laws in sorted(uses.items())
        if len(laws) <= MAX_LAWS
        and sum(laws.values()) >= MIN_USES
        and everyday.get(term, 0) <= MAX_EVERYDAY
        and tags.get(term) not in _NOT_TERMS
        and not _negated_fragment(term, tags)
    }


def _negated_fragment(term: str, tags: dict[str, str]) -> bool:
    return len(term) == 2 and term[0] in _NEGATION and not tags.get(term[1], "n").startswith(_THING_TAGS)


def render(terms: dict[str, list[str]], source: str) -> str:
    head = (
        "# Terms of the national library's laws (LawRefBook/Laws): a word used in at most "
        f"{MAX_LAWS} laws, at least\n# {MIN_USES} times, not everyday language, not a verb, adjective or adverb; "
        "each with the\n# laws that use it most. For telling a question about a law the knowledge base "
        f"does not hold.\n# Rebuilt by: python -m ingest.law_terms {source} --out <this file>\n"
    )
    rows = "".join(f"{json.dumps(term, ensure_ascii=False)} = {_laws(laws)}\n" for term, laws in terms.items())
    return head + "[terms]\n" + rows


def _laws(laws: list[str]) -> str:
    return json.dumps(laws, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    return table_main(
        argv, name="law_terms", description="国家法律库的法律用语表", build=terms_in, render=render, unit="用语"
    )


if __name__ == "__main__":
    raise SystemExit(main())
