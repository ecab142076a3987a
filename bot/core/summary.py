"""Quick summaries of a document, a part of one, or a topic: extractive by default, each bullet
a verbatim sentence cited to its article or report section."""

from __future__ import annotations

import heapq
import html
import itertools
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.core import periods
from bot.core.answer import InvalidQuestionError
from bot.core.answer_types import LIST_ITEM, AnswerType
from bot.core.decisions import DECIDES, FAMILY_RUN
from bot.core.outline import HISTORY
from bot.core.query import OLD_EDITION, looks_like_law_title
from bot.core.references import own_law_articles
from bot.core.retrieval import QuestionWords, word_share
from bot.core.services import Services
from bot.core.subjects import law_subject
from bot.core.textsim import sparse_cosine
from bot.core.types import Citation
from ingest.chunking import split_sentences
from ingest.index import StoredChunk
from ingest.manifest import DocRecord
from ingest.numerals import cn_to_int
from ingest.tokenize import jieba_spans, tokenize

if TYPE_CHECKING:
    from bot.core.generate import Generator

_Rule = tuple[float, str, StoredChunk]  # (score, the sentence as quoted, its passage)

# A list's lead-in ends at its colon (full-width, or ASCII as the library's texts often have it).
_LIST_START = re.compile(r"[：:]\s*[（(]一[)）]")
# A list this short is quoted whole in its bullet: 「行政处罚的种类：……」 says what the article is about,
# not what it says. Half of the shipped knowledge's lists fit 105 characters, nine in ten 250; a longer
# list keeps its lead-in and the omission mark, so a summary of a chapter stays a page. (An answer,
# one article rather than a page of them, quotes lists up to answer.SHORT_LIST_CHARS whole.)
LIST_ITEMS_MAX = 160
# A topic's summary gathers the few articles on it, and a list there is often the topic itself (「行政处罚听证
# 程序」 is 行政处罚法第六十四条's eight steps, 「法律援助申请条件」 第三十一条's nine kinds of case): quoted whole.
TOPIC_LIST_MAX = 500
# A target that names no document: a bare part (第五章) or a word for any law (这部法律, 本法).
UNNAMED_TARGET = re.compile(
    r"^(?:第[一二三四五六七八九十百\d]+[章节编条](?:第[一二三四五六七八九十百\d]+[节条])?"
    r"|本?(?:法律|法规|法|条例|规定|文件|办法|内容|它|上面|上述)(?:的?内容)?)$"
)
CHAPTER = re.compile(r"第[一二三四五六七八九十百\d]+[章节]")
# A request for one part of a report (报告 存在的问题) is summarised within that part as before.
_RESULT_SCOPED = re.compile(r"问题|不足|思路|计划|举措|[一二三四五六七八九十]、")
_HAS_FIGURE = re.compile(r"\d|[一二三四五六七八九十百]+[日天个年次%]|％")
# Sentences shorter than this say too little to stand alone as a bullet.
MIN_SENTENCE_CHARS = 12


@dataclass(frozen=True)
class Bullet:
    text: str  # verbatim from the cited passage
    citation: Citation
    group: str = ""  # a report's 主要成效 / 存在的问题 / 下一步工作
    continues: bool = False  # the text is a list's lead-in (…：); the items follow in the article

    @property
    def shown(self) -> str:
        return self.text + ("……" if self.continues else "")


@dataclass
class Summary:
    title: str  # what was summarised
    bullets: list[Bullet] = field(default_factory=list)
    sources: int = 0  # passages read
    mode: str = "extractive"
    note: str = ""  # what a chapter's summary left out for room, said after the bullets


def _scope(services: Services, target: str) -> tuple[str, list[StoredChunk]]:
    """Which passages a request covers: a document, a book, chapter or section of one, or a topic."""
    target = target.strip()
    if not target:
        raise InvalidQuestionError("请写明要摘要的文件、章节或主题，例如：/summary 复议法 第四章")
    title, written, books = services.retriever.named_edition(target)
    if not title and UNNAMED_TARGET.match(target):
        raise InvalidQuestionError(services.templates.message("summary_needs_target"))
    if not title and looks_like_law_title(target):  # 「民法典」 where the base does not hold it: not a topic
        raise InvalidQuestionError(services.templates.message("document_not_found", name=target))
    if not title:
        period_topic = _period_topic(services, target)
        retrieval = services.retriever.retrieve(target, k=TOPIC_PERIOD_DEPTH if period_topic else TOPIC_SEARCH)
        if retrieval.grounding < services.settings.retrieval.min_grounding:
            raise InvalidQuestionError(services.templates.message("refusal"))
        top = retrieval.evidence[0].score
        # those near the first, and at least the first TOPIC_PASSAGES: a period's topic put 行政诉讼法第四十六条 so
        # far ahead (its answer type) that 「行政诉讼起诉期限」 had three passages, and not 解释第六十四、六十五条
        first = enumerate(retrieval.evidence[:TOPIC_SEARCH])
        chosen = [e.chunk for n, e in first if e.score >= 0.5 * top or n < TOPIC_PASSAGES]
        if period_topic:
            # and, further down, the periods for the topic's act: 第四十五条's 十五日 to sue after 复议 was 21st
            chosen += [
                e.chunk
                for e in retrieval.evidence[TOPIC_SEARCH:]
                if periods.fit(target, e.chunk) >= TOPIC_PERIOD_FIT and e.chunk not in chosen
            ]
        return f"主题“{target}”", chosen
    # A code published in books (the 民法典: 总则, 物权编 … 继承编) is one text in several documents.
    if not books:
        raise InvalidQuestionError(services.templates.message("document_not_found", name=written))
    old = bool(OLD_EDITION.search(target))
    label = f"《{title}》" + (f"（{books[0].edition or books[0].version}，旧版本）" if old else "")
    part = OLD_EDITION.sub(" ", target.replace(written, " ", 1)).strip()
    book, part = _book(books, part)
    label += book
    chunks = [
        c
        for d in books
        if not book or d.book == book
        for c in services.index.by_doc.get(d.doc_id, [])
        if c.section != HISTORY
    ]
    if not part:
        return label, chunks
    part = _PART_WORD.sub("", part) or part  # 「执法监督部分」 names the part 执法监督
    # each part named, a chapter and its section both (「第七章第三节」 gave the whole chapter)
    keys = CHAPTER.findall(part) or [part]
    selected = [c for c in chunks if all(key in c.chapter or key in c.section for key in keys)]
    if not selected:
        raise InvalidQuestionError(f"《{title}》{book}中没有找到“{part}”。")
    if len({c.doc_id for c in selected}) > 1:  # 「民法典 第一章」: every book has one
        names = "、".join(d.book for d in books)
        raise InvalidQuestionError(
            f"《{title}》分为{names}，各编都有“{part}”，请写明哪一编，例如：{written} {books[0].book} {part}"
        )
    return f"{label}{part}", selected


_PART_WORD = re.compile(r"的?(?:部分|方面|板块|相关内容|内容)$")
_BOOK_ORDINAL = re.compile(r"第([一二三四五六七八九十]+)编")


def _book(books: list[DocRecord], part: str) -> tuple[str, str]:
    """(the book a request names, the rest of it): 「继承编 第二章」, or 「第六编」 counted in the
    order of the code; ("", part) for a one-document law."""
    if len(books) < 2 or not part:
        return "", part
    names = [d.book for d in books]
    for name in sorted(names, key=len, reverse=True):
        if name in part:
            return name, part.replace(name, " ", 1).strip()
    if (ordinal := _BOOK_ORDINAL.search(part)) and 0 < cn_to_int(ordinal.group(1)) <= len(names):
        return names[cn_to_int(ordinal.group(1)) - 1], part.replace(ordinal.group(0), " ", 1).strip()
    return "", part


def _vector(text: str, idf: Callable[[str], float]) -> dict[str, float]:
    counts = Counter(tokenize(text))
    return {t: c * idf(t) for t, c in counts.items()}


def _group(chunk: StoredChunk) -> str:
    """The part of the document a passage belongs to, for coverage across parts."""
    if chunk.article:
        return chunk.section or chunk.chapter
    return chunk.section.split(" > ")[0]


# What carries a result in a report: a figure with its unit, a ratio, a zero, a run of years, a
# first or an award — the vocabulary of results in general, not of one report.
_RESULT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|个百分点|:\d|：\d|件|次|人次|人|家|个|项|万|亿|元|倍|名|场|篇|支|所|户)"
    r"|零(?:败诉|投诉|差错|事故|发生)|[一二三四五六七八九十两]连[升降增减]|首[个次家批例]"
    r"|全[国省市](?:首|第一|率先)|获评|荣获|入选|被评为|列入"
)
_PROBLEMS = re.compile(r"问题|不足|短板")
_PLANS = re.compile(r"思路|计划|打算|展望|安排")
GROUP_NAMES = {"results": "主要成效", "problems": "存在的问题", "plans": "下一步工作"}
MAX_RESULTS = 12
# Fewer sentences with results than this (a part of a report): the part's most telling ones fill up.
MIN_RESULT_BULLETS = 4
OTHER_GROUP_BULLETS = 2


def _report_group(section: str) -> str:
    top = section.split(" > ")[0]
    if _PROBLEMS.search(top):
        return "problems"
    if _PLANS.search(top):
        return "plans"
    return "results"


_HEADING_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十]+[)）、]")


def summarize_report(services: Services, scope: str, chunks: list[StoredChunk], bullets: int | None) -> Summary:
    """A report, results first: every sentence of the result sections that carries a result
    (figures, ratios, firsts, awards), most results first, up to the limit, shown in document
    order; then the problems and the plans, each its own short group."""
    idf = services.index.lexical.idf
    sentences: list[tuple[str, StoredChunk, str]] = []
    for chunk in sorted(chunks, key=lambda c: c.ordinal):
        for sentence in split_sentences(chunk.text.replace("\n", "")):
            heading = _HEADING_NUMBER.sub("", sentence).rstrip("。") in chunk.section  # 「(三)强化制约,……质效。」
            if len(sentence) >= MIN_SENTENCE_CHARS and not heading:
                sentences.append((sentence, chunk, _report_group(chunk.section)))
    if not sentences:
        raise InvalidQuestionError(f"{scope}没有可摘要的内容。")
    limit = bullets or MAX_RESULTS
    results = [s for s in sentences if s[2] == "results" and _RESULT.search(s[0])]
    results.sort(key=lambda s: -len(_RESULT.findall(s[0])))
    picked = _distinct(results, limit, idf)
    if len(picked) < min(limit, MIN_RESULT_BULLETS):
        # A part with few figures (「2023年报告 执法监督」: its measures, none counted) was summarised
        # by nothing: its most telling sentences fill up.
        rest = [s for s in sentences if s[2] == "results" and s not in picked]
        picked += _distinct(_by_content(rest, idf), min(limit, MIN_RESULT_BULLETS) - len(picked), idf)
    for group in ("problems", "plans"):
        members = [s for s in sentences if s[2] == group]
        picked += _distinct(_by_content(members, idf), OTHER_GROUP_BULLETS, idf)
    order = {"results": 0, "problems": 1, "plans": 2}
    picked.sort(key=lambda s: (order[s[2]], s[1].ordinal, s[1].text.find(s[0])))
    summary = Summary(title=scope, sources=len(chunks))
    for n, (sentence, chunk, group) in enumerate(picked, start=1):
        summary.bullets.append(Bullet(sentence, Citation.from_chunk(n, chunk, quote=sentence), GROUP_NAMES[group]))
    return summary


def _by_content(
    members: list[tuple[str, StoredChunk, str]], idf: Callable[[str], float]
) -> list[tuple[str, StoredChunk, str]]:
    """Sentences most telling first: a named measure or a figure, and nearest the group's centroid."""
    vectors = [_vector(s[0], idf) for s in members]
    centroid: Counter[str] = Counter()
    for v in vectors:
        centroid.update(v)
    scores = [_concrete(m[0]) + sparse_cosine(v, centroid) for v, m in zip(vectors, members, strict=True)]
    return [m for _, m in sorted(zip(scores, members, strict=True), key=lambda sm: -sm[0])]


def _concrete(sentence: str) -> float:
    """A sentence that names a measure (“一号改革工程”, 《…》) or a figure says more than a formula."""
    return 0.5 * bool(re.search(r"[“「《\"][^”」》\"]{2,30}[”」》\"]", sentence)) + 0.5 * bool(_RESULT.search(sentence))


def _distinct(
    ranked: list[tuple[str, StoredChunk, str]], limit: int, idf: Callable[[str], float]
) -> list[tuple[str, StoredChunk, str]]:
    chosen: list[tuple[str, StoredChunk, str]] = []
    vectors: list[dict[str, float]] = []
    for item in ranked:
        if len(chosen) >= limit:
            break
        vector = _vector(item[0], idf)
        if all(sparse_cosine(vector, v) < 0.6 for v in vectors):
            chosen.append(item)
            vectors.append(vector)
    return chosen


# What makes a sentence of a statute a rule a reader acts on: who must or may do what, by when,
# with what consequence — a bar or exemption (不予, 从轻) and a list of options (如下) included
# (the answer-type cues of knowledge/answer_types.toml say the rest).
_RULE = re.compile(
    r"应当|不得|可以|决定|责令|有权|必须|禁止|负责|管辖|种类|是指|包括：|下列|如下|予以|不予|不再|免予|从轻|减轻|无效|视为"
    r"|享有|负有|权利|义务|承担|计算|的(?:方式|形式|范围)[：:]"
    r"|[为是](?:共同)?[^，。；]{0,10}(?:机关|被告|原告|第三人|申请人|请求人)[。；]?$"
    r"|由[^，。；]{1,20}(?:审理|裁定|判决|处理|办理|审查|执行)|是终审的|为终审"
)
# A sentence that leans on the one before it (但…, 其中…, 前款…) does not stand alone as a bullet; after a
# semicolon it is quoted with the clause it leans on (移送规定第七条: 「……签字；其中，不属于本机关管辖的，……」).
_DEPENDENT = re.compile(r"^(?:但|其中|前款|上述|依照前款|对前款)")
# A clause after a semicolon that opens with a bare condition qualifies the clause before it
# (「查封、扣押的期限不得超过三十日；情况复杂的，经……批准，可以延长……」): quoted alone it drops the
# rule it qualifies, so it is quoted with that clause. Up to 20 characters: 「被许可人在规定期限内不改正的，」
# (13) follows up the duty before it (session 36: one bullet of every summary file changed, no score).
_QUALIFIER = re.compile(r"^[^，。；：]{1,20}的，")
# What makes a rule weigh more: a figure (a period, in days or hours, an amount), a bar, or an exemption
# (不收取费用, 免予).
_FIGURE = re.compile(r"[一二三四五六七八九十百千万两\d]+(?:日|天|小时|个月|年|元|倍)")
_WEIGHTY = re.compile(rf"{_FIGURE.pattern}|不予|不再|不得|不收取|免收|免予")
# What a reader does not act on, in any statute's drafting: an exhortation to build or strengthen
# (建立健全…制度, 加强…监督) and the closing formula that disciplines the officials responsible.
_EXHORTATION = re.compile(r"建立健全|建立和完善|加强|完善|推行|鼓励|倡导|定期组织|确保|提高")
_DISCIPLINE = re.compile(r"直接负责的主管人员和其他直接责任人员|给予[^。；]{0,12}处分")
# Rules of a chapter, which gives each of its rules; a whole law, choosing among many, has weightier ones
# (人民调解法's summary lost 第三条 to them). Who holds an office, makes up a body or implements
# (「人民调解员由……委员和……聘任的人员担任」; 「行政许可由……行政机关……实施」「以自己的名义实施」: 行政许可法第三章 left
# out 第二十二、二十三条), and what the chapter's body is (「人民调解委员会是依法设立的调解民间纠纷的群众性组织」).
_CHAPTER_RULE = re.compile(
    r"由[^，。；]{1,30}(?:担任|组成|推选产生|选举产生|实施)|以自己的名义"
    r"|是[^，。；]{2,30}的[^，。；]{0,8}(?:组织|机构|机关)[。；]?$"
)
# A statute's framing articles: its purpose, its date of effect, its interpretation.
_IN_FORCE = re.compile(r"本(?:法|条例|规定)自.{0,30}(?:施行|生效)")
_FRAMING = re.compile(rf"^为了.{{0,80}}制定本(?:法|条例|规定)|{_IN_FORCE.pattern}|解释权")
# A purpose however it opens (「为保证……」, 「……以宪法为根据……」) ends the same way.
_PURPOSE = re.compile(r"制定本(?:法|条例|规定|办法)[。；]?$")
_LIST_OPENS = re.compile(r"：[（(]一[)）]")
MAX_LAW_BULLETS = 30
# A whole law's summary grows with the square root of its length, not in proportion: a third of a
# 20-article regulation (6 bullets) left out half its working rules, and a 90-article law at 30
# bullets is already a page. 3·√n: 13 bullets for 20 articles, 18 for 35, 28 for 90.
LAW_BULLETS_PER_ROOT = 3.0
# A rule that names who acts (a court, an organ, who accepts a case): wider than the body cue
# retrieval uses for 「向哪个机关申请」 (knowledge/answer_types.toml), which names where one applies.
_ACTOR = re.compile(r"管辖|由[^，。]{1,30}负责|受理|人民法院|机关")
# An article questions ask about (knowledge/asked_articles.toml) weighs like half a rule cue: chosen
# on the development laws (1.0 crowds out decision types of the 复议法).
ASKED_WEIGHT = 0.5
# A chapter opens with its general rule (行政处罚法第二十二条: 由违法行为发生地的行政机关管辖; 行政诉讼法
# 第十四条: 基层人民法院管辖第一审行政案件): the first article of a chapter that states a rule weighs
# this much more. Chosen on the development laws (0.5 / 1.0 alike there; 1.0 trades held articles).
OPENING_WEIGHT = 0.5
# A topic's words in a sentence, all of them, weigh as two cue words of a rule (rule_score): enough to pick, of
# an article, the sentence on the topic over one that states a figure on something else.
TOPIC_WEIGHT = 2.0
# A topic's word this rare (BM25 idf over the base) tells its articles from the rest of their law (和解 4.9, 听证 4.0,
# 协议 3.4, 撤销 3.3; 期限 2.5 and 程序 1.2 do not). At 3.5, 「撤销行政许可」 kept 行政许可法第三十二条 and 第四十四条,
# which say neither 撤销 nor anything of it; no summary gold point was lost at 3.0.
RARE_TOPIC_IDF = 3.0
# A topic's summary covers at least this many of the passages its search ranks first (_scope), of the first
# TOPIC_SEARCH.
TOPIC_PASSAGES = 6
TOPIC_SEARCH = 12
# The topic's own article shows at most this many more of its rules on the topic than its bullet (a quick
# summary, not the article again). At 2, 「撤销行政许可」 left out 行政许可法第六十九条's second 款 (a licence got
# by fraud or bribery shall be revoked) of its four, all on the topic. The topic's other articles show this many
# more in all, one each.
TOPIC_MORE = 3
# A period topic also covers, among the first TOPIC_PERIOD_DEPTH passages, those setting a period for the
# topic's act at least this well (periods.fit: a period after a step the topic does not name fits half).
TOPIC_PERIOD_DEPTH = 30
TOPIC_PERIOD_FIT = 0.5
# Statutes repeat their formulae by design (变更 and 维持 share 「事实清楚，证据确凿……」): only a
# sentence said again nearly word for word is a repeat.
NEAR_DUPLICATE = 0.8


def rule_score(body: str, types: Sequence[AnswerType], *, chapter: bool = False) -> float:
    """How much a sentence of a statute states a rule a reader acts on (≥ 1: a rule). In a `chapter`'s
    summary, which gives each of its rules, the discipline of the officials responsible counts as the
    consequence it is (行政处罚法第七章, 法律责任, was summarised by one of its eight articles), and who
    holds an office or implements, and what the chapter's body is, are rules (人民调解法第三章 left out 第十三条,
    who the 人民调解员 are; 第二章 第七条, what the committee is)."""
    stated = sum(bool(_ACTOR.search(body) if t.name == "body" else t.marks_rule_in.search(body)) for t in types)
    score = bool(_RULE.search(body) or (chapter and _CHAPTER_RULE.search(body))) + 0.5 * stated
    score += 0.5 * len(set(_WEIGHTY.findall(body)))
    if _EXHORTATION.search(body) and not _WEIGHTY.search(body):
        score -= 1
    if _DISCIPLINE.search(body) and not chapter:
        score -= 2  # the article's consequence falls on the officials: out of the rules, whatever else it says
    return score


def _cited_within(services: Services, doc_ids: set[str]) -> Counter[tuple[str, int]]:
    """How many other articles of its own document refer to each article: a law builds on its
    load-bearing articles (the decision types, the on-the-spot penalty) by number."""
    citing: dict[tuple[str, int], set[int]] = {}
    for doc_id in doc_ids:
        for chunk in services.index.by_doc.get(doc_id, []):
            for number in own_law_articles(chunk.text):
                if number != chunk.article_no:
                    citing.setdefault((doc_id, number), set()).add(chunk.article_no)
    return Counter({key: len(by) for key, by in citing.items()})


@dataclass(frozen=True)
class _Reading:
    """How a summary reads each article: the answer types whose cues mark a rule, a chapter or
    section (each article shown) or a whole law, and for a topic how much of it a sentence names
    and whether it is a period."""

    types: list[AnswerType]
    chapter: bool
    whole: bool
    topic: str
    on_topic: Callable[[str], float]
    period_topic: bool


def summarize_law(
    services: Services, scope: str, chunks: list[StoredChunk], bullets: int | None, whole: bool, topic: str = ""
) -> Summary:
    """A law or a part of one: one bullet per article that states a rule (who, what, deadline,
    consequence), the clause that carries it verbatim (a list's lead-in, marked as continuing).
    A chapter or section: each of its articles, by its rule or, where it states none, its first
    sentence. A whole law: 3·√n rules of its n articles (at least the configured number, at most 30),
    spread over its chapters, and a list of the kinds of decision kept whole. The reader may say how
    many."""
    reading = _Reading(
        types=[t for t in services.retriever.answer_types.types if t.marks_rule],
        chapter=scope.endswith(("章", "节")),  # a chapter or section, summarised article by article
        whole=whole,
        topic=topic,
        on_topic=_topic_share(services, topic),
        period_topic=_period_topic(services, topic),
    )
    articles = _by_article(chunks)
    topical = bool(topic) and not reading.period_topic  # a topic read by its words, not by its period
    if topical:
        articles = _on_topic(articles, topic, services.index.lexical.idf)
    rules, alternates, framed = _rules(services, articles, reading)
    if reading.chapter:
        rules = _with_framing(rules, framed)
    closing = {_article(f) for f in framed} - {_article(r) for r in rules}  # left out by design
    if not rules:
        raise InvalidQuestionError(f"{scope}没有可摘要的内容。")
    configured = services.settings.summary.bullets
    limit = bullets or (
        min(MAX_LAW_BULLETS, max(configured, round(LAW_BULLETS_PER_ROOT * math.sqrt(len(articles)))))
        if whole
        else MAX_LAW_BULLETS
    )
    chosen = _spread(rules, limit, services.index.lexical.idf, alternates)
    if whole and not bullets:
        chosen = _families_whole(chosen, rules)
    elif not whole:
        chosen = _with_figures(chosen, alternates, limit, reading.on_topic if reading.period_topic else None)
    if topical:
        main = (chunks[0].doc_id, chunks[0].article)  # the passage the topic's search ranked first
        chosen = _with_topic_rules(chosen, alternates.get(main, []), limit, reading.on_topic)
        chosen = _with_others_topic_rules(chosen, alternates, main, limit, reading.on_topic)
    # a topic's summary rests on the passages on the topic, not on every one its search read
    basis = [c for parts in articles.values() for c in parts] if topical else chunks
    result = _bulleted(scope, basis, chosen, topic)
    if reading.chapter:
        result.note = _left_out(services, rules, chosen, closing)
    return result


def _on_topic(
    articles: dict[str, list[StoredChunk]], topic: str, idf: Callable[[str], float]
) -> dict[str, list[StoredChunk]]:
    """Of a topic's articles, those that say one of the topic's words beyond their own law's subject, when one of
    those words is rare or names a chapter or section: 「行政复议和解」 gathered 复议法第四条 and 第二十四条 (who
    reviews), which say 行政复议, every article's subject, and not 和解. 「国家赔偿方式」 gathered 国家赔偿法第一条 and
    第二条 (its purpose, the right to compensation) beside 第四章 (赔偿方式和计算标准), whose name says 方式.
    An article's chapter and section say what it is about as well: 重大行政决策程序暂行条例第十六条 (听证会) is in
    公众参与. A word none of them says (「复议前置」's 前置, no statute's word) tells none apart."""
    # where an article stands says what it is about too
    headings = {key: parts[0].chapter + parts[0].section for key, parts in articles.items()}
    texts = {key: headings[key] + "".join(c.text for c in parts) for key, parts in articles.items()}
    glued = [g for g in _glued(topic) if any(g in text for text in texts.values())]
    words = [w for w in set(tokenize(topic)) if len(w) > 1 and not any(w in g for g in glued)] + glued
    telling = {
        w
        for w in words
        if (w in glued or idf(w) >= RARE_TOPIC_IDF or any(w in h for h in headings.values()))
        and any(w in text for text in texts.values())
    }
    kept: dict[str, list[StoredChunk]] = {}
    for key, parts in articles.items():
        subject = law_subject(parts[0].title)
        beyond = [w for w in words if w not in subject and subject not in w]
        if not telling.intersection(beyond) or any(w in texts[key] for w in beyond):
            kept[key] = parts
    return kept or articles


def _glued(topic: str) -> list[str]:
    """A one-character word jieba cut off a term, glued back to its neighbour: 支付令 is cut 支付 | 令 and
    代履行 代 | 履行, so 「支付令」 gathered every article that says 支付 (国家赔偿法's 支付赔偿金)."""
    cut = [w for w, _, _ in jieba_spans(topic)]
    return [
        glued
        for n, word in enumerate(cut)
        if len(word) == 1 and "\u4e00" <= word <= "\u9fff"
        for glued in (cut[n - 1] + word if n else "", word + cut[n + 1] if n + 1 < len(cut) else "")
        if len(glued) > 1
    ]


def _by_article(chunks: list[StoredChunk]) -> dict[str, list[StoredChunk]]:
    """Each article's passages in order, the articles as their documents come (a code's books in its order)."""
    articles: dict[str, list[StoredChunk]] = {}
    documents = list(dict.fromkeys(c.doc_id for c in chunks))
    for chunk in sorted(chunks, key=lambda c: (documents.index(c.doc_id), c.ordinal)):
        articles.setdefault(f"{chunk.doc_id}|{chunk.article}", []).append(chunk)
    return articles


def _rules(
    services: Services, articles: dict[str, list[StoredChunk]], reading: _Reading
) -> tuple[list[_Rule], dict[tuple[str, str], list[_Rule]], list[_Rule]]:
    """Each article's best rule (the rule a chapter opens with raised), its other rules best first,
    and the framing articles' first sentences (purpose, date of effect)."""
    cited = _cited_within(services, {parts[0].doc_id for parts in articles.values()})
    rules: list[_Rule] = []
    alternates: dict[tuple[str, str], list[_Rule]] = {}  # an article's other rules, best first
    opened: set[tuple[str, str]] = set()  # chapters whose opening rule was found
    framed: list[_Rule] = []
    for parts in articles.values():
        first = parts[0]  # what the article is as a whole: referred to by its law, asked about
        standing = min(1.0, 0.5 * cited[(first.doc_id, first.article_no)]) + ASKED_WEIGHT * bool(
            services.asked.asked(first)
        )
        ranked, opening, framing = _article_rules(parts, standing, reading)
        framed += framing
        if ranked:
            if (first.doc_id, first.chapter) not in opened:  # the rule the chapter opens with
                opened.add((first.doc_id, first.chapter))
                ranked = [(score + OPENING_WEIGHT, sentence, chunk) for score, sentence, chunk in ranked]
            rules.append(ranked[0])
            alternates[_article(ranked[0])] = ranked[1:]
        elif opening and reading.chapter:
            # A chapter or section is summarised article by article (a code's book, like a law, by its rules):
            # one that states no rule a reader acts on (「应当建立完善内部监督制度」, 「人民法院审理行政案件，对行政行为
            # 是否合法进行审查」) still says what the chapter holds, after its rules when room is short.
            # 综合执法条例第六章 gave two of its four articles.
            rules.append(opening)
    return rules, alternates, framed


def _article_rules(
    parts: list[StoredChunk], standing: float, reading: _Reading
) -> tuple[list[_Rule], _Rule | None, list[_Rule]]:
    """One article's sentences that state a rule, best first; its first sentence (rule or not); and
    that sentence when it frames the law (its purpose or date of effect) instead."""
    first = parts[0]
    ranked: list[_Rule] = []
    opening: _Rule | None = None  # the article's first sentence, rule or not
    framed: list[_Rule] = []
    leaning_on: set[str] = set()  # quotes that lean on an earlier 款 (「前款规定的……」)
    for chunk in parts:
        period, period_fit = periods.best_fit(reading.topic, chunk) if reading.period_topic else (None, 0.0)
        for place, (sentence, quoted) in enumerate(_clauses(chunk.text.replace("\n", ""))):
            body = _NUMBER.sub("", sentence)
            framing = _FRAMING.search(body)
            if chunk is first and place == 0 and (framing or _PURPOSE.search(body)):
                framed.append((0.0, quoted, chunk))  # its purpose or date of effect: no opening of a chapter
            elif chunk is first and place == 0:
                # a short lead-in of a list (「证据包括：（一）书证；」) stands for the list it opens
                standing_alone = len(body) >= MIN_SENTENCE_CHARS or _LIST_OPENS.search(body)
                opening = (0.0, quoted, chunk) if standing_alone else None
            item_part = body.startswith(("（", "(")) or _item_offset(quoted, chunk.text) > 0
            if len(body) < MIN_SENTENCE_CHARS or framing or item_part:
                continue  # too short, framing, or (part of) an item without its lead-in
            leaning = bool(_DEPENDENT.match(body)) and quoted == sentence  # not quoted with what it leans on
            score = rule_score(body, reading.types, chapter=not reading.whole) + standing - leaning
            score += reading.on_topic(body)
            if period and periods.states(period, sentence):
                score += TOPIC_WEIGHT * period_fit  # the period of the topic's act, as retrieval reads one
            placed = score - 0.25 * (place + chunk.part)  # the first 款 usually states the article's rule
            # A chapter shows each article's rule wherever it stands (国家赔偿法第三十二条's is in its
            # second 款); a whole law, choosing among many, only those that hold after the placing.
            if (placed if reading.whole else score) >= 1:
                ranked.append((placed, quoted, chunk))
                if leaning:
                    leaning_on.add(quoted)
    ranked.sort(key=lambda r: -r[0])  # stable: the earlier on a tie
    # An elaboration is not its article's bullet while a rule it does not lean on is: 行政处罚法第五十二条 was
    # shown by what its decision form states (前款规定的行政处罚决定书应当载明……), not that the officer shows
    # the badge and hands the numbered form over.
    if ranked and ranked[0][1] in leaning_on:
        own = next((r for r in ranked if r[1] not in leaning_on), None)
        if own is not None:
            ranked.remove(own)
            ranked.insert(0, own)
    return ranked, opening, framed


def _with_framing(rules: list[_Rule], framed: list[_Rule]) -> list[_Rule]:
    """A chapter's rules with its date of effect, a rule a reader acts on: 行政复议法第七章 (附则) gave
    第八十七至八十九条 and not 第九十条, when the revised law applies. It comes after the chapter's rules;
    its purpose stays out. A chapter of framing articles alone (浙江省法律援助条例第六章 附则: its date of
    effect) holds just those; 「总结……第六章」 was answered by a search, with 第六条."""
    if rules:
        return rules + [f for f in framed if _IN_FORCE.search(f[1])]
    return framed


def _bulleted(scope: str, chunks: list[StoredChunk], chosen: list[_Rule], topic: str) -> Summary:
    """The chosen rules as bullets, each quoted with its list whole where it opens one; a summary
    over several chapters grouped by chapter, a topic across laws naming each law, a code's book."""
    docs = list({c.doc_id: c.doc for c in chunks}.values())
    several_laws = len({d.title for d in docs}) > 1
    books = {d.doc_id: d.title.removeprefix("中华人民共和国") if several_laws else d.book for d in docs}
    books = books if len(docs) > 1 else {}
    chapters = {(c.doc_id, c.chapter) for _, _, c in chosen}
    result = Summary(title=scope, sources=len(chunks))
    for n, (_, sentence, chunk) in enumerate(chosen, start=1):
        items = _LIST_START.search(sentence)
        text = sentence[: items.start() + 1] if items else sentence
        listed = _whole_list(chunk.text, text, TOPIC_LIST_MAX if topic else LIST_ITEMS_MAX) if items else ""
        text += listed
        group = " ".join(filter(None, (books.get(chunk.doc_id, ""), chunk.chapter))) if len(chapters) > 1 else ""
        result.bullets.append(
            Bullet(text, Citation.from_chunk(n, chunk, quote=text), group=group, continues=bool(items and not listed))
        )
    return result


def _period_topic(services: Services, topic: str) -> bool:
    """Whether a topic is a period (「行政诉讼起诉期限」): of each article, the sentence stating the period for
    the topic's act is its bullet. 行政诉讼法第四十六条 was shown by its second 款 (二十年, 五年: more figures),
    not the 六个月 to sue."""
    return bool(topic) and any(t.name == "period" for t in services.retriever.answer_types.asked(topic))


def _topic_share(services: Services, topic: str) -> Callable[[str], float]:
    """For a topic's summary, how much of the topic a sentence names (the idf-weighted share of its
    words, × TOPIC_WEIGHT): of 民事诉讼法第一百零三条 the 「财产进行保全」 of its first 款, not the
    四十八小时 of its third, tells what 「财产保全」 is. Nothing for a document or chapter."""
    if not topic:
        return lambda body: 0.0
    idf = services.index.lexical.idf
    said = {w: idf(w) for w in set(tokenize(topic)) if len(w) > 1}
    words = QuestionWords(said, {w: (w,) for w in said})  # the topic's own words, no statute words for them
    return lambda body: TOPIC_WEIGHT * word_share(words, body)


def _left_out(
    services: Services,
    rules: list[_Rule],
    chosen: list[_Rule],
    closing: set[tuple[str, str]],
) -> str:
    """A chapter's articles its summary had no room for (行政诉讼法第七章 has 40, a summary 30), named, so that
    the reader knows the bullets are not the whole chapter and can ask for the rest."""
    shown = {_article(rule) for rule in chosen} | closing
    left = [rule[2] for rule in rules if _article(rule) not in shown]
    if not left:
        return ""
    articles = "、".join(dict.fromkeys(c.article for c in left))
    example = f"{left[0].title.removeprefix('中华人民共和国')}{left[0].article}"
    return services.templates.message("summary_left_out", count=len(left), articles=articles, example=example)


def _with_figures(
    chosen: list[_Rule],
    alternates: dict[tuple[str, str], list[_Rule]],
    limit: int,
    on_period_topic: Callable[[str], float] | None = None,
) -> list[_Rule]:
    """A chapter's bullet that states no period or amount is followed by its article's best rule that
    does, while the chapter has room: 律师法第六条's rule is where to apply and what to bring, its
    二十日 and 十日 of review are in its third 款, and a reader acts on both."""
    out: list[_Rule] = []
    room = limit - len(chosen)
    for rule in chosen:
        out.append(rule)
        if on_period_topic is not None and _FIGURE.search(rule[1]):
            # a period topic gives each of an article's periods that names the topic as much as its bullet does:
            # 行政诉讼法第四十六条's six months and its outer limits (二十年, 五年) are both 起诉's
            named = on_period_topic(rule[1])
            for other in alternates.get(_article(rule), []):
                overlaps = _quoted_with(other, [r for r in out if _article(r) == _article(rule)])
                on_topic = on_period_topic(other[1])
                if room > 0 and _FIGURE.search(other[1]) and not overlaps and on_topic and on_topic >= named:
                    out.append(other)
                    room -= 1
                    break  # one more of an article: a quick summary, not the article again
            continue
        if room > 0 and not _FIGURE.search(rule[1]):
            figured = next((r for r in alternates.get(_article(rule), []) if _FIGURE.search(r[1])), None)
            if figured is None:
                continue
            if rule[1] in figured[1]:
                out[-1] = figured  # the rule with its figure, quoted once, not the rule and then the two again
            else:
                out.append(figured)
                room -= 1
    return out


def _with_topic_rules(
    chosen: list[_Rule], others: list[_Rule], limit: int, on_topic: Callable[[str], float], more: int = TOPIC_MORE
) -> list[_Rule]:
    """An article of the topic shows, after its bullet, up to `more` of its other rules that name the whole topic
    (TOPIC_MORE for the topic's own article, its search's first passage), while there is room: 行政复议法第三十九条
    lists when a 行政复议中止, and its next 款 says the review resumes once the cause is gone, the last that the
    parties are told in writing; 律师法第二十二条's last 款 says who cancels the licence of a 律师事务所 that 终止.
    A list's items stay in their list's bullet."""
    if not others:
        return chosen
    article = _article(others[0])
    at = [n for n, rule in enumerate(chosen) if _article(rule) == article]
    if not at:
        return chosen
    shown = [chosen[n] for n in at]
    room = min(more, limit - len(chosen))
    for other in others:
        if room > 0 and not _quoted_with(other, shown) and not _in_list(other) and on_topic(other[1]) >= TOPIC_WEIGHT:
            shown.append(other)
            room -= 1
    ordered = sorted(shown, key=lambda r: (r[2].ordinal, r[2].text.replace("\n", "").find(r[1])))  # as written
    return chosen[: at[0]] + ordered + [r for r in chosen[at[0] :] if _article(r) != article]


def _with_others_topic_rules(
    chosen: list[_Rule],
    alternates: dict[tuple[str, str], list[_Rule]],
    main: tuple[str, str],
    limit: int,
    on_topic: Callable[[str], float],
) -> list[_Rule]:
    """The topic's other articles, in the order shown, each one more rule that names the whole topic, up to
    TOPIC_MORE in all: 「支付令」 gave 民事诉讼法第二百二十七条 and 第二百二十八条 by their first 款, without the
    debtor's fifteen days to pay or object, or that a lapsed order goes on as a lawsuit."""
    room = TOPIC_MORE
    for article in dict.fromkeys(_article(rule) for rule in chosen):
        if article != main and room > 0:
            shown = len(chosen)
            chosen = _with_topic_rules(chosen, alternates.get(article, []), limit, on_topic, more=1)
            room -= len(chosen) - shown
    return chosen


def _quoted_with(rule: _Rule, shown: list[_Rule]) -> bool:
    """Whether a rule's quote is part of a shown one's, or holds one: quoting it would say that again."""
    return any(rule[1] in r[1] or r[1] in rule[1] for r in shown)


def _in_list(rule: _Rule) -> bool:
    """Whether a rule's quote starts inside a list item (a clause of 「(二)……；以平常信函……的，……」)."""
    return _item_offset(rule[1], rule[2].text) >= 0


def _item_offset(quote: str, passage: str) -> int:
    """How far into a list item of the passage (read as one line) a quote starts: 0 at the item's number, more
    past it (国家赔偿法第三十四条's 「减少的收入每日的赔偿金……五倍；」, the second sentence of its item (一), which
    quoted alone has neither its item's number nor the list's lead-in); -1 outside every item."""
    start = passage.replace("\n", "").find(quote)
    if start < 0:
        return 0 if LIST_ITEM.match(quote.strip()) else -1
    at = 0
    for line in passage.split("\n"):
        if start < at + len(line):
            return start - at if LIST_ITEM.match(line.strip()) else -1
        at += len(line)
    return -1


def _whole_list(passage: str, lead_in: str, longest: int = LIST_ITEMS_MAX) -> str:
    """The items after a list's lead-in, joined as the article runs (one contiguous span of it), when
    the list ends inside the passage and is short enough for a bullet; otherwise nothing."""
    lines = [line.strip() for line in passage.split("\n") if line.strip()]
    start = next((i for i, line in enumerate(lines) if line.endswith(lead_in)), None)
    if start is None:
        return ""
    items = list(itertools.takewhile(LIST_ITEM.match, lines[start + 1 :]))
    listed = "".join(items)
    if not items or not listed.endswith("。") or len(listed) > longest:
        return ""  # cut at the passage's end (the article goes on in the next), or too long to quote
    return listed


def _clauses(text: str) -> list[tuple[str, str]]:
    """Each sentence of a paragraph, scored as it is, with what a bullet quotes for it: a qualifying or
    leaning clause after a semicolon together with the clause before it (contiguous, as written), and a
    clause with the clauses that qualify it: 行政许可法第五十条's 「……作出是否准予延续的决定；」 is not the rule
    without 「逾期未作决定的，视为准予延续。」."""
    out: list[tuple[str, str]] = []
    for sentence in split_sentences(text):
        before = out[-1][1] if out else ""
        # a list's next item (「（二）造成部分……的，」) is no qualifier of the item before it
        leans = (_QUALIFIER.match(sentence) or _DEPENDENT.match(sentence)) and not LIST_ITEM.match(sentence)
        joined = before.endswith("；") and leans and before + sentence in text
        if joined:  # the clauses it qualifies are quoted with it
            out = [(s, before + sentence if q == before else q) for s, q in out]
        out.append((sentence, before + sentence if joined else sentence))
    return out


def _spread(
    rules: list[_Rule],
    limit: int,
    idf: Callable[[str], float],
    alternates: dict[tuple[str, str], list[_Rule]] | None = None,
) -> list[_Rule]:
    """The best rules, in document order: each chapter's best first (a summary covers every
    chapter), then each chapter given room in proportion to its rules, then the best of the rest;
    a rule that says again what a chosen one says (a sentence repeated for another procedure) is
    left out, for the next rule of its article (`alternates`) that says something new."""
    by_part: dict[tuple[str, str], list[_Rule]] = {}
    for rule in rules:  # a chapter of one book: the 民法典's books each have a 第一章 一般规定
        by_part.setdefault((rule[2].doc_id, rule[2].chapter), []).append(rule)
    ordered = [_spread_within(members, len(members)) for members in by_part.values()]
    firsts = sorted((members[0] for members in ordered), key=lambda r: -r[0])
    rooms = [max(1, round(limit * len(members) / len(rules))) for members in ordered]
    shares = sorted(
        (r for members, room in zip(ordered, rooms, strict=True) for r in members[1:room]), key=lambda r: -r[0]
    )
    alternates = alternates or {}
    vectors: dict[int, dict[str, float]] = {}

    def repeats(rule: _Rule) -> bool:
        vector = vectors.setdefault(id(rule), _vector(rule[1], idf))
        return any(sparse_cosine(vector, vectors[id(t)]) >= NEAR_DUPLICATE for t in chosen)

    chosen: list[_Rule] = []
    placed: dict[tuple[str, str], _Rule] = {}  # each article's chosen rule
    # A repeated rule's article competes again, at the last stage, with its next rule at its own score.
    rest = [(-rule[0], n, 0, rule) for n, rule in enumerate(rules)]  # n: document order on a tie
    for rule in firsts + shares:
        if len(placed) < limit and _article(rule) not in placed and not repeats(rule):
            chosen.append(placed.setdefault(_article(rule), rule))
    heapq.heapify(rest)
    while rest and len(placed) < limit:
        _, n, tried, rule = heapq.heappop(rest)
        if _article(rule) in placed:
            continue
        if not repeats(rule):
            chosen.append(placed.setdefault(_article(rule), rule))
        elif tried < len(others := alternates.get(_article(rule), [])):
            heapq.heappush(rest, (-others[tried][0], n, tried + 1, others[tried]))
    return _in_order_of(rules, chosen)


def _families_whole(chosen: list[_Rule], rules: list[_Rule]) -> list[_Rule]:
    """The kinds of decision a law lists article by article (bot.core.decisions) are one list: when a
    whole-law summary took half of them, it takes the rest too (added, not in place of other chapters'
    rules)."""
    runs: list[list[_Rule]] = []
    for rule in rules:  # document order
        _, sentence, chunk = rule
        if not DECIDES.search(sentence):
            continue
        last = runs[-1][-1][2] if runs else None
        if (
            last
            and last.doc_id == chunk.doc_id
            and last.chapter == chunk.chapter
            and chunk.article_no == last.article_no + 1
        ):
            runs[-1].append(rule)
        else:
            runs.append([rule])
    taken = {_article(r) for r in chosen}
    added = [
        rule
        for run in runs
        if len(run) >= FAMILY_RUN and 2 * sum(_article(r) in taken for r in run) >= len(run)
        for rule in run
        if _article(rule) not in taken
    ]
    return _in_order_of(rules, [*chosen, *added])


def _article(rule: _Rule) -> tuple[str, str]:
    return rule[2].doc_id, rule[2].article


def _in_order_of(rules: list[_Rule], some: list[_Rule]) -> list[_Rule]:
    """`some` (a rule, or another rule of the same article) in the order of `rules`."""
    position = {_article(rule): n for n, rule in enumerate(rules)}
    return sorted(some, key=lambda r: position[_article(r)])


def _spread_within(members: list[_Rule], room: int) -> list[_Rule]:
    """The best `room` rules of one chapter; among rules that score the same, the one farthest
    from those already taken, so that a chapter is covered, not its first articles."""
    taken: list[_Rule] = []
    left = list(members)
    while left and len(taken) < room:

        def key(rule: _Rule) -> tuple[float, int]:
            gap = min((abs(rule[2].article_no - t[2].article_no) for t in taken), default=0)
            return (rule[0], gap)

        best = max(left, key=key)
        taken.append(best)
        left.remove(best)
    return taken


_NUMBER = re.compile(r"^第[一二三四五六七八九十百零]+条\s*")


def summarize(services: Services, target: str, bullets: int | None = None, progress: bool = False) -> Summary:
    scope, chunks = _scope(services, target)
    if chunks and all(c.kind == "report" for c in chunks) and not _RESULT_SCOPED.search(target):
        return summarize_report(services, scope, chunks, bullets)
    if chunks and all(c.article for c in chunks):
        topic = target if scope.startswith("主题") else ""
        return summarize_law(services, scope, chunks, bullets, whole=scope.endswith("》"), topic=topic)
    limit = bullets or services.settings.summary.bullets
    idf = services.index.lexical.idf
    groups: dict[str, list[tuple[str, StoredChunk]]] = {}
    for chunk in sorted(chunks, key=lambda c: (c.doc_id, c.ordinal)):
        for sentence in split_sentences(chunk.text.replace("\n", "")):
            body = re.sub(r"^第[一二三四五六七八九十百零]+条\s*", "", sentence)
            if len(body) >= MIN_SENTENCE_CHARS:
                groups.setdefault(_group(chunk), []).append((sentence, chunk))
    if not groups:
        raise InvalidQuestionError(f"{scope}没有可摘要的内容。")
    # Section by section: the most central sentences of each part, then combined.
    candidates: list[tuple[float, str, str, StoredChunk]] = []
    names = list(groups)
    for number, name in enumerate(names, start=1):
        if progress:
            print(f"\r摘要中：第 {number}/{len(names)} 部分", end="", file=sys.stderr, flush=True)
        sentences = groups[name]
        vectors = [_vector(s, idf) for s, _ in sentences]
        centroid: Counter[str] = Counter()
        for v in vectors:
            centroid.update(v)
        for (sentence, chunk), vector in zip(sentences, vectors, strict=True):
            figure_bonus = 0.15 if _HAS_FIGURE.search(sentence) else 0.0
            candidates.append((sparse_cosine(vector, centroid) + figure_bonus, name, sentence, chunk))
    if progress:
        print(file=sys.stderr)
    chosen = _select(candidates, names, limit, idf)
    chosen.sort(key=lambda item: (item[3].doc_id, item[3].ordinal))
    result = Summary(title=scope, sources=len(chunks))
    for n, (_, _, sentence, chunk) in enumerate(chosen, start=1):
        result.bullets.append(Bullet(sentence, Citation.from_chunk(n, chunk, quote=sentence)))
    return result


def _select(
    candidates: list[tuple[float, str, str, StoredChunk]], groups: list[str], limit: int, idf: Callable[[str], float]
) -> list[tuple[float, str, str, StoredChunk]]:
    """Best sentence of each part first (while room), then by score, skipping near-duplicates."""
    ranked = sorted(candidates, key=lambda c: -c[0])
    chosen: list[tuple[float, str, str, StoredChunk]] = []
    vectors: list[dict[str, float]] = []

    def take(item: tuple[float, str, str, StoredChunk]) -> None:
        vector = _vector(item[2], idf)
        if item not in chosen and all(sparse_cosine(vector, v) < 0.6 for v in vectors):
            chosen.append(item)
            vectors.append(vector)

    for group in groups:
        if len(chosen) >= limit:
            break
        best = next((c for c in ranked if c[1] == group), None)
        if best:
            take(best)
    for item in ranked:
        if len(chosen) >= limit:
            break
        take(item)
    return chosen


_BULLET = re.compile(r"^\s*[-•*]\s*(.+?)\s*((?:\[\d+\])+)\s*[。.]?\s*$")
_FIGURE_IN_BULLET = re.compile(
    r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百零两]+)(?:个工作日|个月|日|天|年|%|％|次|倍|条)"
)


def _parse_bullets(reply: str, allowed: dict[int, StoredChunk]) -> list[tuple[str, int]]:
    """'- 要点 [3]' lines → (text, passage number). Raises ValueError on anything unchecked."""
    bullets: list[tuple[str, int]] = []
    for line in reply.splitlines():
        if not line.strip():
            continue
        match = _BULLET.match(line)
        if not match:
            continue  # a heading or a remark, not a bullet
        number = int(re.findall(r"\d+", match.group(2))[0])
        if number not in allowed:
            raise ValueError(f"引用了不存在的编号 [{number}]")
        text = match.group(1)
        for figure in _FIGURE_IN_BULLET.findall(text):
            if figure not in allowed[number].text:
                raise ValueError(f"数字“{figure}”不见于第 {number} 段")
        bullets.append((text, number))
    if not bullets:
        raise ValueError("没有可核验的要点")
    return bullets


def summarize_with_model(
    services: Services, target: str, generator: Generator, bullets: int | None = None, progress: bool = False
) -> Summary:
    """Map-reduce over the parts with a chat model; every bullet's citation and figures are
    checked against the cited passage, and a summary that fails falls back to the extractive one."""
    scope, chunks = _scope(services, target)
    numbered = dict(enumerate(sorted(chunks, key=lambda c: (c.doc_id, c.ordinal)), start=1))
    groups: dict[str, dict[int, StoredChunk]] = {}
    for n, chunk in numbered.items():
        groups.setdefault(_group(chunk), {})[n] = chunk
    points: list[tuple[str, int]] = []
    try:
        for i, group in enumerate(groups.values(), start=1):
            if progress:
                print(f"\r摘要中：第 {i}/{len(groups)} 部分", end="", file=sys.stderr, flush=True)
            passages = "\n\n".join(f"[{n}] {c.text}" for n, c in group.items())
            points += _parse_bullets(
                generator.complete(services.templates.prompt("summary_map", passages=passages)), group
            )
        limit = bullets or services.settings.summary.bullets
        listed = "\n".join(f"- {text} [{n}]" for text, n in points)
        reply = generator.complete(services.templates.prompt("summary_reduce", points=listed, bullets=limit))
        final = _parse_bullets(reply, {n: numbered[n] for _, n in points})[:limit]
    except Exception as exc:  # a failed check or an unreachable model: the extractive summary stands
        fallback = summarize(services, target, bullets=bullets)
        fallback.mode = f"extractive（生成的摘要未通过核验：{exc}）"
        return fallback
    finally:
        if progress:
            print(file=sys.stderr)
    final.sort(key=lambda item: item[1])
    result = Summary(title=scope, sources=len(chunks), mode="llm")
    for k, (text, n) in enumerate(final, start=1):
        result.bullets.append(Bullet(text, Citation.from_chunk(k, numbered[n])))
    return result


def make_summary(services: Services, target: str, bullets: int | None = None, progress: bool = False) -> Summary:
    """The configured kind: with a chat model when answers use one, else extractive."""
    if bullets is not None and not 1 <= bullets <= MAX_LAW_BULLETS:
        raise InvalidQuestionError(
            services.templates.message("summary_bullets_range", limit=MAX_LAW_BULLETS, count=bullets)
        )
    generator = services.answerer.generator
    if generator is not None:
        summary = summarize_with_model(services, target, generator, bullets=bullets, progress=progress)
    else:
        summary = summarize(services, target, bullets=bullets, progress=progress)
    if not summary.bullets:  # a heading over nothing is no summary
        raise InvalidQuestionError(f"{summary.title}没有可摘要的内容。")
    return summary


def bullet_lines(summary: Summary, escape: Callable[[str], str], heading: str) -> list[str]:
    """The bullets, each group (a report's 主要成效 / 存在的问题 / 下一步工作) under its heading."""
    lines: list[str] = []
    group = ""
    for b in summary.bullets:
        if b.group and b.group != group:
            group = b.group
            lines.append(heading.format(escape(group)))
        lines.append(f"• {escape(b.shown)} [{b.citation.n}]")
    return lines + ([escape(summary.note)] if summary.note else [])


def heading(summary: Summary) -> str:
    return f"{summary.title}摘要（依据 {summary.sources} 个段落）："


def render_summary_text(summary: Summary) -> str:
    lines = [heading(summary)]
    if summary.mode != "extractive":
        lines.append(f"（{summary.mode}）")
    lines += bullet_lines(summary, str, "【{}】")
    lines.append("\n出处：")
    lines += [f"[{b.citation.n}] {b.citation.reference()}" for b in summary.bullets]
    return "\n".join(lines)


def render_summary_html(summary: Summary) -> str:
    lines = [f"<b>{html.escape(summary.title)}摘要</b>"]
    lines += bullet_lines(summary, html.escape, "<b>【{}】</b>")
    lines.append("\n<b>出处</b>")
    lines += [f"[{b.citation.n}] {html.escape(b.citation.reference())}" for b in summary.bullets]
    return "\n".join(lines)
