"""Question sets (JSONL, ../shared/eval's format) and their held-back part: fixed by a hash of
each question's id, so it stays the same as a file grows and no one chooses it. Anything fitted
reads only the rest."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

Row = TypeVar("Row", bound=Mapping[str, Any])

HELD_SHARE = 0.3
# Of the development part, the quarter set aside when one learned thing is chosen on top of
# another (the fusion weights read with a query adapter fitted on the other three quarters).
TUNING_SHARE = 0.25
PARTS = ("all", "fit", "tune")


def _share(key: str) -> float:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 16**8


def held_back(row_id: str) -> bool:
    return _share(row_id) < HELD_SHARE


def development(rows: Iterable[Row], part: str = "all") -> list[Row]:
    """The rows anything may be fitted on: all but the held-back part; "fit" without its tuning
    quarter, "tune" that quarter alone."""
    if part not in PARTS:
        raise ValueError(f"part: one of {', '.join(PARTS)}")
    kept = [row for row in rows if not held_back(str(row["id"]))]
    if part == "all":
        return kept
    return [row for row in kept if (_share(str(row["id"]) + "tune") < TUNING_SHARE) == (part == "tune")]


def load_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSONL question (or gold) file; a line that is not JSON is named in the error."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: 不是有效的 JSON（{exc.msg}）") from exc
    return rows


def read_rows(path: Path, what: str = "问题文件") -> list[dict[str, Any]] | None:
    """`load_rows` for a command: None, and why on stderr, when the file cannot be read."""
    try:
        return load_rows(path)
    except (OSError, ValueError) as exc:  # a bad line or encoding is a ValueError
        print(f"无法读取{what}：{exc}", file=sys.stderr)
        return None
