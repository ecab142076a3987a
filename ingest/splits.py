"""The held-back part of every question set: fixed by a hash of each question's id, so it stays
the same as a file grows and no one chooses it. Anything fitted reads only the rest."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

Row = TypeVar("Row", bound=Mapping[str, Any])

HELD_SHARE = 0.3


def held_back(row_id: str) -> bool:
    return int(hashlib.sha256(row_id.encode()).hexdigest()[:8], 16) / 16**8 < HELD_SHARE


def development(rows: Iterable[Row]) -> list[Row]:
    """The rows anything may be fitted on: all but the held-back part."""
    return [row for row in rows if not held_back(str(row["id"]))]
