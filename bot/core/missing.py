"""A document, article or chapter a question names that the knowledge base does not hold, said
plainly instead of answered from the nearest text: 「《某某法》第三条」 is not 行政处罚法第三条, and
「复议法第九百九十九条」 is not the law's history."""

from __future__ import annotations

import re

from bot.core.query import ARTICLE_REFERENCE, parse_article, unknown_titles
from bot.core.services import Services
from bot.core.types import Answer, article_label
from ingest.numerals import CN_NUMERAL_CHARS

_CHAPTER = re.compile(r"第[一二三四五六七八九十百\d]+章")
_SECTION = re.compile(r"第[一二三四五六七八九十百\d]+节")
# An article (第二十条, 20条, a bare 20 or 二十), a chapter, or a title in 《》: what this module checks.
_NAMES_A_PART = re.compile(rf"[第《\d{CN_NUMERAL_CHARS}]")


# What a message that names only an article says besides it: asking words, not a subject.
_ONLY_ASKING = re.compile(
    r"请问|看看|看一下|查一下|查看|具体|规定|内容|原文|全文|条文|讲|说|写|是|了|的|什么|啥|怎么|如何|一下|吗|呢|[\s？?。！!，,：:]"
)


def _holding(services: Services, number: int) -> list[str]:
    """The documents in force that have the article, by their short names."""
    titles = (
        d.title for d in services.index.documents if d.status == "in_force" and services.index.article([d], number)
    )
    return [_short(t) for t in dict.fromkeys(titles)]


def _short(title: str) -> str:
    return title.removeprefix("中华人民共和国")


def missing_answer(services: Services, question: str) -> Answer | None:
    """The plain statement, or None when everything the question names is held."""
    if not _NAMES_A_PART.search(question):  # it runs before every search: the cheap test first
        return None
    retriever, templates = services.retriever, services.templates
    parsed = retriever.parse(question)
    if not parsed.title:
        unknown = unknown_titles(parsed.text, retriever.aliases)
        if unknown and parse_article(parsed.text):  # an article of a law the base does not hold
            message = templates.message("document_not_found", name=f"《{unknown[0]}》")
            return Answer(question=question, text=message, grounded=False, mode="scope")
        if (number := parse_article(parsed.text)) and not _ONLY_ASKING.sub("", ARTICLE_REFERENCE.sub("", parsed.text)):
            # 「第二十条规定了什么」: every law has one (it was answered with 移送规定's, 本规定自公布之日起施行)
            holding, label = _holding(services, number), article_label(number)
            example = min(holding, key=len, default="")
            if not holding:
                message = templates.message("article_in_no_document", article=label)
            elif len(holding) == 1:
                message = templates.message("article_needs_the_document", article=label, example=example)
            else:
                documents = "、".join(f"《{t}》" for t in holding)
                message = templates.message(
                    "article_needs_document", article=label, example=example, documents=documents
                )
            return Answer(question=question, text=message, grounded=False, mode="scope")
        return None
    docs = services.index.edition(parsed.title, version=parsed.year, old=parsed.wants_old)
    chunks = [c for d in docs for c in services.index.by_doc.get(d.doc_id, []) if c.article]
    if not chunks:
        return None
    named = {"title": parsed.title, "edition": docs[0].edition or docs[0].version, "short": _short(parsed.title)}
    if parsed.article_no and not any(c.article_no == parsed.article_no for c in chunks):
        count = max(c.article_no for c in chunks)
        message = templates.message(
            "version_lacks_article", article=article_label(parsed.article_no), count=count, **named
        )
        return Answer(question=question, text=message, grounded=False, mode="scope")
    heads = {c.chapter.split()[0] for c in chunks if c.chapter.strip()}
    chapters = {head for head in heads if _CHAPTER.fullmatch(head)}
    asked = _CHAPTER.search(parsed.text)
    if len(docs) == 1 and chapters and asked and asked.group(0) not in chapters:
        message = templates.message("version_lacks_chapter", chapter=asked.group(0), chapters=len(chapters), **named)
        return Answer(question=question, text=message, grounded=False, mode="scope")
    # a section the chapter (or the law) lacks: 「行政诉讼法第七章第九节」 was answered with 第七十九条
    if len(docs) == 1 and (section := _SECTION.search(parsed.text)):
        within = [c for c in chunks if not asked or c.chapter.startswith(asked.group(0))]
        if not any(c.section.startswith(section.group(0)) for c in within):
            part = (asked.group(0) if asked else "") + section.group(0)
            message = templates.message("version_lacks_section", part=part, **named)
            return Answer(question=question, text=message, grounded=False, mode="scope")
    return None
