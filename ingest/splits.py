"""The held-back part of every question set: fixed by a hash of each question's id, so it stays
the same as a file grows and no one chooses it. Anything fitted reads only the rest."""

from __future__ import annotations

import hashlib

HELD_SHARE = 0.3


def held_back(row_id: str) -> bool:
    return int(hashlib.sha256(row_id.encode()).hexdigest()[:8], 16) / 16**8 < HELD_SHARE
