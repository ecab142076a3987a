"""A question about a part of a report as a whole (「2024年的工作打算是什么」, 「2023年取得了哪些主要
成效」, 「存在哪些问题和不足」) is answered by that part: its opening and each of its items, every one
quoted verbatim and cited. The closest single passage answered with one item of four, or with the
neighbouring part (「取得了一定工作成效，但仍存在一些问题」 for 成效)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from bot.core.prompts import Templates
from bot.core.types import Answer, Citation
from ingest.index import StoredChunk
from ingest.tokenize import tokenize

# A figure asked (多少, 几次, 出庭率) is one fact of a part, not the part; 哪几项 asks for the items.
_FIGURE_ASKED = re.compile(r"多少|(?<!哪)几|率|比例|数量|排名")
_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")
_SENTENCE = re.compile(r"^[^。]*。")
# A report's run-in items: 「一是队伍力量有待进一步加强,……」 — the item is its first clause.
_RUN_IN_ITEM = re.compile(r"[一二三四五六七八九十]是[^,，;；。:：]+")


@dataclass(frozen=True)
class PartLine:
    text: str  # verbatim from the passage
    chunk: StoredChunk


@dataclass(frozen=True)
class ReportPart:
    heading: str  # 四、2024年工作思路
    opening: PartLine | None
    items: list[PartLine]


def part_asked(question: str, lead: StoredChunk, passages: list[StoredChunk]) -> str:
    """The part of the lead passage's report that the question asks about as a whole: the one part
    whose heading says more of the question's words than any other. Words of the report's title
    (法治政府建设, 2023) name the report, not a part. Not when the question narrows to the passage
    that leads, inside that part (「2024年合法性审查工作有什么计划」: its item (二) says 合法性审查)."""
    if lead.article or _FIGURE_ASKED.search(question):
        return ""  # a statute's article, read on every answer: the question is not even tokenized
    words = [w for w in dict.fromkeys(tokenize(question)) if len(w) > 1 and w not in lead.title]
    parts = list(dict.fromkeys(_part(p) for p in passages if _NUMBERED.match(p.section)))
    said = {part: [w for w in words if w in _NUMBERED.sub("", part)] for part in parts}
    ranked = sorted(parts, key=lambda part: -len(said[part]))  # stable: the earlier part on a tie
    if not ranked or not said[ranked[0]] or (len(ranked) > 1 and len(said[ranked[1]]) == len(said[ranked[0]])):
        return ""
    best = ranked[0]
    rest = [w for w in words if w not in said[best]]
    return "" if _part(lead) == best and any(w in lead.text for w in rest) else best


def report_part(part: str, passages: list[StoredChunk]) -> ReportPart:
    """The part's opening and its items: each subsection's heading sentence (「(一)聚焦源头,大力提升
    依法决策水平。」), or, in a part without subsections, each run-in item (「一是……」)."""
    members = [p for p in passages if _part(p) == part]
    intro = [p for p in members if p.section == part]
    subsections: dict[str, StoredChunk] = {}
    for passage in members:
        if passage.section != part:
            subsections.setdefault(passage.section, passage)
    if subsections:
        items = [PartLine(_first_sentence(p.text), p) for p in subsections.values()]
        opening = PartLine(_first_sentence(intro[0].text), intro[0]) if intro else None
        return ReportPart(part, opening, items)
    items = [PartLine(m.group(0), p) for p in members for m in _RUN_IN_ITEM.finditer(p.text)]
    lead_in = members[0].text[: members[0].text.find(items[0].text)] if items else ""
    return ReportPart(part, PartLine(lead_in, members[0]) if lead_in.strip() else None, items)


def _part(passage: StoredChunk) -> str:
    return passage.section.split(" > ")[0]


def _first_sentence(text: str) -> str:
    found = _SENTENCE.match(text)
    return found.group(0) if found else text


def part_answer(question: str, part: ReportPart, templates: Templates) -> Answer:
    """The part's opening quoted, then each item quoted on its own line, every quote cited."""
    lines = ([part.opening] if part.opening else []) + part.items
    citations = [Citation.from_chunk(n, line.chunk, quote=line.text) for n, line in enumerate(lines, start=1)]
    whole = dataclasses.replace(citations[0], section=part.heading)  # the part, not its first item
    text = templates.message("lead_intro", reference=whole.reference())
    if part.opening:
        text += f"\n「{part.opening.text}」[1]"
    text += "\n" + templates.message("report_part_items", count=len(part.items))
    first_item = len(lines) - len(part.items) + 1
    text += "".join(f"\n「{line.text}」[{n}]" for n, line in enumerate(part.items, start=first_item))
    text += "\n" + templates.message("report_part_more", title=whole.title)
    return Answer(question=question, text=text, grounded=True, citations=citations)
