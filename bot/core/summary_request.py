"""A summary asked for in words, in a chat message or `ask`: 「概括一下复议法第五章」,
「行政处罚法第五章讲了什么？」, 「2023年报告的主要内容」. The same summary /summary gives."""

from __future__ import annotations

import re

from bot.core.answer import InvalidQuestionError
from bot.core.query import OLD_EDITION, AliasTable
from bot.core.services import Services
from bot.core.summary import CHAPTER, UNNAMED_TARGET, bullet_lines, heading, make_summary
from bot.core.types import Answer

_POLITE = r"(?:请你?|帮我|帮忙|麻烦你?|能不能|能否|可否|可以|给我|想请你)*"
# The request opens with the verb: 「（请）概括一下……」, 「简要总结……」.
_VERB_FIRST = re.compile(rf"^{_POLITE}(?:简要|简单|大致)?地?(?:概括|总结|归纳|概述|梳理|摘要)(?:一下|下)?")
# Or ends by asking what the document says: 「……讲了什么」, 「……的主要内容」, 「……有哪些要点」.
_WHAT_IT_SAYS = re.compile(
    r"(?:主要|都|大概)?(?:讲|说|写)(?:了|的是)?(?:些)?(?:什么|啥|哪些)(?:内容)?"
    r"|(?:的)?(?:主要内容|主要规定|核心内容|内容要点|要点|摘要|概要)(?:是什么|有哪些|有什么)?"
    r"|(?:有)?(?:哪些|什么)(?:主要内容|主要规定|要点)"
    r"|(?:主要)?规定了(?:哪些|什么)(?:内容)?"
    r"$"
)
_END = re.compile(r"[\s？?。！!，,]+$")
# Words around the target that name nothing: 「这部」「一下」「的」「吗」.
_FILL = r"(?:一下|这一?[章节部]|这部法律?|全文|这个|这一|这本|该|的|了|吗|呢|呀|啊|[《》“”\"'？?。！!，,、：:\s])+"
_LOOK = re.compile(r"^\s*(?:帮我|请)?(?:看看|看一下|查看|查一下)|的?(?:内容|全文|规定)\s*$")
_EDGES = re.compile(rf"^{_FILL}|{_FILL}$")


# A message that is only a part of a document, 「复议法第五章」, 「看看复议法第五章的内容」: its summary.
_BARE_PART = re.compile(
    r"^(?:帮我|请)?(?:看看|看一下|查看|查一下)?[《》\w]{2,40}?第[一二三四五六七八九十百\d]+[章节编](?:的?(?:内容|全文|规定))?$"
)


def _trim(text: str) -> str:
    return _EDGES.sub("", text)


def summary_target(question: str, aliases: AliasTable) -> str | None:
    """What the question asks to summarise, as /summary takes it (「复议法 第五章」), "" when it
    asks for a summary without saying of what (「总结一下第五章」), or None when it is not a
    summary request. Without a verb (概括, 总结 …) only a whole document or a part
    of one counts: 「复议法第二十条规定了什么」 is a question about an article, not a summary."""
    text = _END.sub("", question.strip())
    verb = _VERB_FIRST.search(text)
    rest = text[verb.end() :] if verb else text
    says = _WHAT_IT_SAYS.search(rest)
    if says:
        rest = rest[: says.start()]
    elif not verb and not _BARE_PART.match(rest):
        return None
    title, written = aliases.find(rest)
    if not title:
        topic = _trim(rest)
        if not verb:
            return None
        # 「总结一下第五章」, 「概括一下这部法律」: a summary asked for, but of what is not said.
        return "" if len(topic) < 2 or UNNAMED_TARGET.match(topic) else topic
    leftover = rest.replace(written, " ", 1)
    old = "旧" if OLD_EDITION.search(leftover) else ""
    leftover = OLD_EDITION.sub(" ", leftover)
    part = CHAPTER.search(leftover)
    if part:
        leftover = leftover.replace(part.group(0), " ", 1)
    # A named part other than 第X章 (「复议法 行政复议申请」) is tried as a chapter or section title.
    words = _trim(_LOOK.sub(" ", re.sub(r"\s+", " ", leftover))).strip()
    if re.search(r"第[一二三四五六七八九十百\d]+条|\d", words):
        return None  # an article: answered as a question, not summarised
    return " ".join(x for x in (old + written, part.group(0) if part else "", words) if x)


def summary_answer(services: Services, question: str) -> Answer | None:
    """The summary a message asks for, as an answer (its bullets cited), or None when the message
    does not ask for one or names no part the document has (then it is answered as a question)."""
    target = summary_target(question, services.retriever.aliases)
    if target is None:
        return None
    if not target:
        return Answer(question=question, text=services.templates.message("summary_needs_target"), grounded=False)
    try:
        summary = make_summary(services, target)
    except InvalidQuestionError:
        return None
    if not summary.bullets:
        return None
    lines = [heading(summary), *bullet_lines(summary, str, "【{}】")]
    citations = [b.citation for b in summary.bullets]
    return Answer(question=question, text="\n".join(lines), grounded=True, citations=citations, mode="summary")
