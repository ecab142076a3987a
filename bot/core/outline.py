"""A document's table of contents: its books, chapters and sections with the articles each spans
(「第二章 行政复议申请（第十一条至第二十九条）」), or a report's sections; asked with /toc 复议法
or in words (「复议法的目录」, 「民法典分哪几编」)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.answer import InvalidQuestionError
from bot.core.query import OLD_EDITION
from bot.core.services import Services
from bot.core.types import Answer, article_label
from ingest.index import StoredChunk
from ingest.manifest import DocRecord

_ASKS = re.compile(
    r"目录|(?:有|分|共)(?:哪几|哪些|几)个?[章编节]|章节(?:结构|安排|目录)?|结构框架|框架结构"
    r"|(?:一共|总共|共)(?:有)?(?:多少|几)条|有(?:多少|几)条"
)
_FILL = r"(?:的|是|了|吗|呢|有|分|共|一共|总共|条文|什么|怎样|如何|一下|请|给我|看看|查看|列出|[《》？?。！!，,、\s])+"
_WHOLE = re.compile(rf"^{_FILL}?$")
HISTORY = "制定和修订沿革"


@dataclass
class Part:
    level: int  # depth: a code's book, then chapter, then section (a report: its parts)
    heading: str
    first: int = 0  # article numbers spanned (0 for a report)
    last: int = 0

    def line(self) -> str:
        span = ""
        if self.first:
            span = f"（{article_label(self.first)}）"
            if self.last != self.first:
                span = f"（{article_label(self.first)}至{article_label(self.last)}）"
        return "　" * self.level + self.heading + span


def parts_of(services: Services, books: list[DocRecord]) -> list[Part]:
    """Books (when a code has several), chapters and sections in order, each with its articles."""
    parts: dict[tuple[str, ...], Part] = {}
    for doc in books:
        for chunk in services.index.by_doc.get(doc.doc_id, []):
            if chunk.section == HISTORY:
                continue
            path = ([doc.book] if len(books) > 1 else []) + _headings(chunk)
            for depth in range(len(path)):
                part = parts.setdefault(tuple(path[: depth + 1]), Part(depth, path[depth]))
                if chunk.article_no:
                    part.first = part.first or chunk.article_no
                    part.last = max(part.last, chunk.article_no)
    return list(parts.values())


def _headings(chunk: StoredChunk) -> list[str]:
    """A passage's place: its chapter and section (statutes), or its report parts (two levels)."""
    if not chunk.article:
        return [h.strip() for h in chunk.section.split(" > ")[:2] if h.strip()]
    return [" ".join(h.split()) for h in (chunk.chapter, chunk.section) if h.strip()]


def outline(services: Services, name: str) -> str:
    """The table of contents of the document `name` names, as text."""
    if not name.strip():
        raise InvalidQuestionError(services.templates.message("toc_needs_name"))
    title, written, books = services.retriever.named_edition(name)
    if not books:
        raise InvalidQuestionError(services.templates.message("document_not_found", name=name.strip()))
    parts = parts_of(services, books)
    doc = books[0]
    articles = max((p.last for p in parts), default=0)
    details = "，".join(x for x in (doc.edition or doc.version, f"{doc.effective}施行" if doc.effective else "") if x)
    status = "" if doc.status == "in_force" else "，已被新版本取代"
    head = f"《{title}》（{details}{status}）目录" + (f"，共 {articles} 条" if articles else "") + "："
    if not parts:
        return head + "\n（该文件没有分章节。）"
    short = written.removeprefix("中华人民共和国")
    chapters = [p for p in parts if re.match(r"第\S+章", p.heading) and p.first]
    if chapters:  # the example: the second chapter (the first is usually 总则) and its first article
        example = chapters[min(1, len(chapters) - 1)]
        footer = services.templates.message(
            "outline_footer", short=short, chapter=example.heading.split()[0], article=article_label(example.first)
        )
    else:
        footer = services.templates.message("outline_footer_report", short=short)
    return "\n".join([head, *(p.line() for p in parts), "", footer])


def outline_answer(services: Services, question: str) -> Answer | None:
    """「复议法的目录」, 「民法典分哪几编」: the table of contents; None when the message does not ask
    for one of a document it names (「复议法第五章有哪些规定」 is a question)."""
    if not (asks := _ASKS.search(question)):
        return None
    title, written = services.retriever.aliases.find(question)
    rest = OLD_EDITION.sub("", question.replace(written, " ", 1).replace(asks.group(0), " ", 1)) if title else question
    if not title or not _WHOLE.match(rest):
        return None
    return Answer(question=question, text=outline(services, question), grounded=True, mode="outline")
