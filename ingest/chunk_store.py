"""Every passage's text, place and BM25 tokens, by row id, in one SQLite file beside Chroma.

Rows are immutable: a row id is derived from everything a row holds (ingest.types.Chunk.chunk_id),
so a new text or a moved article is a new row, and the rows a committed manifest names never
change under a reader. Rows no kept generation names are deleted by the garbage collector.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

_CHUNK = 900  # SQLite's default limit of bound variables is 999


class ChunkStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS chunks (id TEXT PRIMARY KEY, text TEXT NOT NULL, meta TEXT NOT NULL,"
            " tokens TEXT NOT NULL)"
        )

    @classmethod
    def open(cls, data_dir: Path, prefix: str) -> ChunkStore:
        return cls(data_dir / "chunks" / f"{prefix}.sqlite")

    def put_many(self, rows: Sequence[tuple[str, str, dict[str, Any], str]]) -> None:
        """(id, text, metadata, tokens) rows, in one transaction."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO chunks (id, text, meta, tokens) VALUES (?, ?, ?, ?)",
                [(cid, text, json.dumps(meta, ensure_ascii=False), tokens) for cid, text, meta, tokens in rows],
            )

    def present(self, ids: Iterable[str]) -> set[str]:
        return {row[0] for row in self._select("SELECT id FROM chunks WHERE id IN ({})", ids)}

    def rows(self, ids: Iterable[str]) -> Iterator[tuple[str, str, dict[str, Any], str]]:
        for cid, text, meta, tokens in self._select("SELECT id, text, meta, tokens FROM chunks WHERE id IN ({})", ids):
            yield cid, text, json.loads(meta), tokens

    def tokens(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self._select("SELECT id, tokens FROM chunks WHERE id IN ({})", ids))

    def all_ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT id FROM chunks")}

    def delete(self, ids: Iterable[str]) -> None:
        wanted = sorted(set(ids))
        with self._db:
            for start in range(0, len(wanted), _CHUNK):
                part = wanted[start : start + _CHUNK]
                self._db.execute(f"DELETE FROM chunks WHERE id IN ({','.join('?' * len(part))})", part)

    def close(self) -> None:
        self._db.close()

    def _select(self, sql: str, ids: Iterable[str]) -> Iterator[tuple[Any, ...]]:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            yield from self._db.execute(sql.format(",".join("?" * len(part))), part)
