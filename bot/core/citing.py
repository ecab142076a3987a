"""Which article a question naming an article asks about: the one it names, or one that refers to
it. 「行政诉讼法第四十九条说的“有具体的诉讼请求”具体包括哪些」 is answered by the 解释's 第六十八条
(「行政诉讼法第四十九条第三项规定的“有具体的诉讼请求”是指：……」), 「行政许可法第十二条所列事项，哪些情形可以
不设行政许可」 by its 第十三条 (「本法第十二条所列事项，……可以不设行政许可」): the named article is the condition,
not the answer. A question that says nothing beside the article (「第四十九条是怎么规定的」) is the article's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.core.query import CLAUSE_END, AliasTable, ParsedQuestion
from bot.core.references import references
from ingest.index import KnowledgeIndex, StoredChunk
from ingest.numerals import int_to_cn
from ingest.tokenize import tokenize

# How much more of the question a citing article must say than the named one (idf-weighted words),
# as a share and at least: 「第十二条规定了哪些事项可以设定许可」 stays with 第十二条 (8.7 against 第十四条's 11.2).
MIN_RATIO = 1.5
MIN_GAIN = 5.0


@dataclass(frozen=True)
class CitingArticle:
    chunks: tuple[StoredChunk, ...]  # all parts of the citing article
    after: str  # what it says right after its reference (规定的“有具体的诉讼请求”是指)
    # the named article in the edition the citing one means (the 2017 行政复议法's 第二十八条 for the
    # 2007 实施条例, whatever edition is in force)
    cited: tuple[StoredChunk, ...]


def citing_articles(
    index: KnowledgeIndex, aliases: AliasTable, named: Sequence[StoredChunk], framing: str = ""
) -> list[CitingArticle]:
    """The articles in force that refer to the named one: in its own law, and in the documents that
    apply the law by name (its 解释, its 实施条例). Those that mean another edition of it (the 2007
    实施条例's 「行政复议法第二十条」 is the 2017 text's) only from the `framing` document, which the
    question names as its frame (「实施条例规定，……有复议法第二十八条……」)."""
    first = named[0]
    law = first.title.removeprefix("中华人民共和国")
    numeral = f"第{int_to_cn(first.article_no)}条"
    docs = [d for d in index.documents if d.status == "in_force" and (d.title == first.title or law in d.title)]
    found: list[CitingArticle] = []
    for doc in docs:
        passages = index.by_doc.get(doc.doc_id, [])
        for chunk in passages:
            if not chunk.article or (chunk.article_no == first.article_no and chunk.doc_id == first.doc_id):
                continue
            if numeral not in chunk.text and "至第" not in chunk.text and "》" not in chunk.text:
                continue  # names it neither by number, nor inside a run (第六十七条至第六十九条), nor by a 《》 topic
            for ref in references(index, aliases, chunk):
                target = ref.chunks[0]
                same = target.doc_id == first.doc_id or (framing and chunk.title == framing)
                if same and (target.title, target.article_no) == (first.title, first.article_no):
                    after = chunk.text[chunk.text.find(ref.written) + len(ref.written) :]
                    whole = tuple(c for c in passages if c.article_no == chunk.article_no)
                    found.append(CitingArticle(whole, CLAUSE_END.split(after)[0], ref.chunks))
                    break
    return list({c.chunks[0].chunk_id: c for c in found}.values())


def article_asked(
    parsed: ParsedQuestion, named: Sequence[StoredChunk], citing: list[CitingArticle], idf: Callable[[str], float]
) -> CitingArticle | None:
    """The citing article the question asks about, when one says much more of what the question says
    beside the named article than the named article does; its words right after the reference
    count again against the question's own (「说的“有具体的诉讼请求”」 ↔ 「规定的“有具体的诉讼请求”是指」)."""
    words = set(tokenize(parsed.beside))
    if not words or not citing:
        return None
    right_after = set(tokenize(parsed.after))

    def said(tokens: set[str], text: str) -> float:  # by words, not characters: 说 is not said in 说明
        return sum(idf(t) for t in tokens & set(tokenize(text)))

    own = said(words, "".join(c.text for c in named))
    scored = [(said(words, "".join(c.text for c in a.chunks)) + said(right_after, a.after), a) for a in citing]
    best, article = max(scored, key=lambda sa: sa[0])
    return article if best >= MIN_RATIO * own and best - own >= MIN_GAIN else None
