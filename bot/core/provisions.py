"""A 款 or 项 of an article, asked by number (「复议法第二十三条第一款第二项」): the part quoted as the
law has it, an item with the lead-in that says what it is an item of. And the other way round: which
款 and 项 a quote is of, so that it is cited as a 文书 cites it (第二十四条第二款、第四款)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.answer_types import LIST_ITEM
from ingest.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn

# The provision that says when a document takes effect (「本条例自2007年8月1日起施行」): its framing, no rule.
COMMENCES = re.compile(r"本(?:法|条例|规定|解释|办法|细则)[^。；]{0,24}自[^。；]{0,24}起(?:施行|生效)")

_NUMBER = rf"[{CN_NUMERAL_CHARS}]+|\d+"
_PARAGRAPH = re.compile(rf"条\s*第\s*({_NUMBER})\s*款")
_ITEM = re.compile(rf"(?:条|款)\s*第?\s*[（(]?\s*({_NUMBER})\s*[)）]?\s*项")


@dataclass(frozen=True)
class AskedPart:
    paragraph: int = 0  # 第X款, 0 when not asked
    item: int = 0  # 第X项, 0 when not asked

    def __bool__(self) -> bool:
        return bool(self.paragraph or self.item)

    def label(self) -> str:
        """第一款第（二）项, as a citation names it."""
        paragraph = f"第{int_to_cn(self.paragraph)}款" if self.paragraph else ""
        return paragraph + (f"第（{int_to_cn(self.item)}）项" if self.item else "")


def asked_part(question: str) -> AskedPart:
    """The 款 and 项 a question names after its article, by number; nothing when it names none."""

    def number(match: re.Match[str] | None) -> int:
        try:
            return cn_to_int(match.group(1)) if match else 0
        except ValueError:
            return 0

    return AskedPart(number(_PARAGRAPH.search(question)), number(_ITEM.search(question)))


@dataclass
class Paragraph:
    text: str  # the 款 as written, its lead-in when it has items
    items: list[str]


def paragraphs(article: str) -> list[Paragraph]:
    """An article's 款 in order, each with its items (（一）… lines belong to the 款 before them)."""
    out: list[Paragraph] = []
    for line in (line.strip() for line in article.split("\n")):
        if not line:
            continue
        if LIST_ITEM.match(line) and out:
            out[-1].items.append(line)
        else:
            out.append(Paragraph(line, []))
    return out


def _asked_paragraph(found: list[Paragraph], asked: AskedPart) -> Paragraph | None:
    """The 款 asked by number, or for an item asked without one the first 款 with items; None when the
    article has no such 款."""
    if asked.paragraph:
        return found[asked.paragraph - 1] if asked.paragraph <= len(found) else None
    return next((p for p in found if p.items), found[0] if found else None)


def part_of(article: str, asked: AskedPart) -> str | None:
    """The asked 款 (with its items) or 项 (after its 款's lead-in, the lines between marked ……), verbatim;
    None when the article has no such 款 or 项."""
    if (paragraph := _asked_paragraph(paragraphs(article), asked)) is None:
        return None
    if not asked.item:
        return "\n".join([paragraph.text, *paragraph.items])
    if asked.item > len(paragraph.items):
        return None
    gap = "\n……\n" if asked.item > 1 else "\n"
    return paragraph.text + gap + paragraph.items[asked.item - 1]


def count_of(article: str, asked: AskedPart) -> str:
    """What the article does hold, for a part it lacks: 「该条共三款」 or 「该款共四项」."""
    found = paragraphs(article)
    if (paragraph := _asked_paragraph(found, asked)) is None:
        return f"该条共{int_to_cn(len(found))}款" if found else "该条没有正文"
    return f"该款共{int_to_cn(len(paragraph.items))}项" if paragraph.items else "该款没有分项"


def quoted_part(article: str, quote: str) -> str:
    """The 款 and 项 a quote of the article holds, as a citation names them after the article
    (「第二款、第四款」, 「第一款第（三）项」); empty when the quote holds every line, when the
    article is one 款 without items, or when a line of the quote is not the article's."""
    found = paragraphs(article)
    # each line of the article as (款, 项, text): 项 0 for a 款's own text
    lines = [(n, item, text) for n, p in enumerate(found, start=1) for item, text in enumerate([p.text, *p.items])]
    touched: set[int] = set()
    at = 0
    for piece in (line.strip() for line in quote.split("\n")):
        if piece.strip("…") == "":
            continue
        at = next((i for i in range(at, len(lines)) if piece in lines[i][2]), -1)
        if at < 0:
            return ""
        touched.add(at)
    if not touched or len(touched) == len(lines):
        return ""
    quoted: dict[int, set[int]] = {}
    for i in sorted(touched):
        paragraph, item, _ = lines[i]
        quoted.setdefault(paragraph, set()).update({item} - {0})
    labels: list[str] = []
    run: list[int] = []  # whole 款 in a row: three or more are named as a range, 第二款至第四款

    def close_run() -> None:
        names = [f"第{int_to_cn(p)}款" for p in run]
        labels.extend([f"{names[0]}至{names[-1]}"] if len(run) >= 3 else names)
        run.clear()

    for paragraph, items in quoted.items():
        every = set(range(1, len(found[paragraph - 1].items) + 1))
        shown = sorted(items) if items and items != every else []
        if len(found) == 1:
            labels.extend(f"第（{int_to_cn(item)}）项" for item in shown)
            continue
        if shown or (run and paragraph != run[-1] + 1):
            close_run()
        if shown:
            labels.append(f"第{int_to_cn(paragraph)}款" + "、".join(f"第（{int_to_cn(item)}）项" for item in shown))
        else:
            run.append(paragraph)
    close_run()
    return "、".join(labels)
