"""Question sets (JSONL, ../shared/eval's format) and their held-back part: fixed by a hash of
each question's id, so it stays the same as a file grows and no one chooses it. Anything fitted
reads only the rest."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

Row = TypeVar("Row", bound=Mapping[str, Any])

HELD_SHARE = 0.3


def held_back(row_id: str) -> bool:
    return int(hashlib.sha256(row_id.encode()).hexdigest()[:8], 16) / 16**8 < HELD_SHARE


def development(rows: Iterable[Row]) -> list[Row]:
    """The rows anything may be fitted on: all but the held-back part."""
    return [row for row in rows if not held_back(str(row["id"]))]


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
