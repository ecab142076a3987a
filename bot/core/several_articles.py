"""A message that names several articles (「复议法第二十条和第二十二条」, 「行政诉讼法第四十六条至
第四十八条」, 「行政诉讼法第四十六条和复议法第二十条」): each article in full, cited in turn. It showed
the first only. One article named is a lookup the retriever answers."""

from __future__ import annotations

import re

from bot.core.query import ARTICLE_REFERENCE, OLD_EDITION
from bot.core.services import Services
from bot.core.types import Answer, Citation, article_label
from ingest.index import StoredChunk
from ingest.numerals import CN_NUMERAL_CHARS, cn_to_int

MAX_ARTICLES = 10  # shown in one answer; more are said to be left out
MAX_RANGE = 500  # a range longer than any law is not spelled out further
MAX_LAWS = 4
_NUMBER = rf"[{CN_NUMERAL_CHARS}]+|\d+"
# 「第四十六条至第四十八条」, 「第46-48条」: every article between.
_RANGE = re.compile(rf"第\s*({_NUMBER})\s*条?\s*(?:至|到|-|－|—|~|～)\s*第?\s*({_NUMBER})\s*条")
# 「第二十条、二十二条」: a later article of a list named without its 第.
_LISTED = re.compile(rf"(?<=[、和及与，,])\s*({_NUMBER})\s*条")


def _number(raw: str) -> int:
    try:
        return cn_to_int(raw)
    except ValueError:
        return 0


def named_articles(text: str) -> list[int]:
    """The article numbers a text names, in its order, a range spelled out, each once."""
    numbers: list[int] = []
    for found in _RANGE.finditer(text):
        low, high = _number(found.group(1)), _number(found.group(2))
        if 0 < low < high:
            numbers += range(low, min(high, low + MAX_RANGE - 1) + 1)
    text = _RANGE.sub(" ", text)
    spans = [(m.start(), m.group(1) or m.group(2)) for m in ARTICLE_REFERENCE.finditer(text)]
    spans += [(m.start(), m.group(1)) for m in _LISTED.finditer(text)]
    numbers += [_number(raw) for _, raw in sorted(spans)]
    return [n for n in dict.fromkeys(numbers) if n > 0]


def _mentions(services: Services, text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of each held document the text names, in the text's order."""
    found: list[tuple[int, int, str]] = []
    for _ in range(MAX_LAWS):
        title, written = services.retriever.aliases.find(text)
        if not title:
            break
        at = text.find(written)
        found.append((at, at + len(written), title))
        text = text[:at] + "\u3000" * len(written) + text[at + len(written) :]  # keeps the places
    return sorted(found)


def several_articles_answer(services: Services, question: str) -> Answer | None:
    """Each article named, or None when the message names fewer than two."""
    if question.count("条") < 2 and not _RANGE.search(question):  # it runs before every search
        return None
    retriever, templates = services.retriever, services.templates
    parsed = retriever.parse(question)
    text = parsed.text
    mentions = _mentions(services, text)
    wanted: list[tuple[str, int, bool]] = []  # (title, article, old edition)
    for n, (_, end, title) in enumerate(mentions):
        until = mentions[n + 1][0] if n + 1 < len(mentions) else len(text)
        before = mentions[n - 1][1] if n else 0
        old = bool(OLD_EDITION.search(text[before:until])) if len(mentions) > 1 else parsed.wants_old
        wanted += [(title, number, old) for number in named_articles(text[end:until])]
    if len(wanted) < 2:
        return None
    year = parsed.year if len(mentions) == 1 else ""
    lines: list[str] = []
    citations: list[Citation] = []
    superseded: list[StoredChunk] = []
    for title, number, old in wanted[:MAX_ARTICLES]:
        chunks = retriever.article(title, number, old=old, year=year)
        if not chunks:
            lines.append(templates.message("listed_article_missing", title=title, article=article_label(number)))
            continue
        quote = "\n".join(c.text for c in chunks)
        citation = Citation.from_chunk(len(citations) + 1, chunks[0], quote=quote)
        citations.append(citation)
        if not chunks[0].in_force:
            superseded.append(chunks[0])
        intro = templates.message("lead_intro", reference=citation.reference())
        lines.append(f"{intro}\n「{quote}」[{citation.n}]")
    if not citations:
        return None
    if len(wanted) > MAX_ARTICLES:  # 「复议法第一条至第九十条」: not cut silently
        lines.append(templates.message("articles_left_out", shown=MAX_ARTICLES, named=len(wanted)))
    notice = services.answerer.old_version_notice(superseded[0]) if superseded else ""
    return Answer(question=question, text="\n\n".join(lines), grounded=True, citations=citations, notice=notice)
