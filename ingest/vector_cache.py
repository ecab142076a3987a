"""Vectors cached by the text they embed and the model that embedded them.

A bulk ingest of the national library embeds for an hour or more. Each batch is committed here
as soon as it is embedded, so a run that is killed restarts where it stopped, and a changed
chunker or metadata never costs a second embedding of the same text. One SQLite file per
embedder (its key is in the file name), beside the index in the data directory.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

_CHUNK = 900  # SQLite's default limit of bound variables is 999


class VectorCache:
    def __init__(self, path: Path, dimension: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.dimension = dimension
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (hash TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    @classmethod
    def for_embedder(cls, data_dir: Path, embedder_key: str, dimension: int) -> VectorCache:
        name = hashlib.sha256(f"{embedder_key}|{dimension}".encode()).hexdigest()[:12]
        return cls(data_dir / "vector-cache" / f"{name}.sqlite", dimension)

    def get_many(self, hashes: Iterable[str]) -> dict[str, list[float]]:
        wanted = sorted(set(hashes))
        found: dict[str, list[float]] = {}
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(part))
            for key, blob in self._db.execute(f"SELECT hash, vector FROM vectors WHERE hash IN ({marks})", part):
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.size == self.dimension:  # a torn or foreign row is embedded again
                    found[key] = vector.tolist()
        return found

    def put_many(self, hashes: Sequence[str], vectors: Sequence[Sequence[float]]) -> None:
        """One transaction per call: after it returns, these vectors survive a kill."""
        rows = [
            (key, np.asarray(vector, dtype=np.float32).tobytes()) for key, vector in zip(hashes, vectors, strict=True)
        ]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO vectors (hash, vector) VALUES (?, ?)", rows)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        self._db.close()
