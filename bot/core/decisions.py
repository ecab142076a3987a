"""The kinds of decision a law gives article by article (复议法第六十三至七十二条: 变更, 撤销, 确认违法,
履行, 确认无效, 维持, 驳回 ……; 行政诉讼法第六十九至七十六条: the judgments): one list, read together."""

from __future__ import annotations

import re

from ingest.index import StoredChunk

# A decision an organ or a court makes (行政复议机关决定变更……, 人民法院判决撤销……, ……确认该行政行为违法).
DECIDES = re.compile(
    r"(?:机关|法院|机构)[^。；]{0,80}?(?:决定|判决|裁定|确认)(?!书)[^。；]{0,30}?(?:行为|请求|申请|履行|违法|无效)"
)
# A run of at least this many consecutive articles of one chapter, each deciding, is a family.
FAMILY_RUN = 3


def family_around(chunks: list[StoredChunk], number: int) -> tuple[int, int] | None:
    """(first, last) article of the family the article belongs to, among one document's passages: its
    neighbours in the chapter whose first paragraph states a decision. None when it has none."""
    first_paragraph = {c.article_no: c.text.split("\n")[0] for c in chunks if c.article and c.part == 0}
    chapter = {c.article_no: c.chapter for c in chunks if c.article}

    def deciding(n: int) -> bool:
        return (
            n in first_paragraph and chapter.get(n) == chapter.get(number) and bool(DECIDES.search(first_paragraph[n]))
        )

    if not deciding(number):
        return None
    first, last = number, number
    while deciding(first - 1):
        first -= 1
    while deciding(last + 1):
        last += 1
    return (first, last) if last - first + 1 >= FAMILY_RUN else None
