"""Every passage's text, place and BM25 tokens, by row id, in one SQLite file beside Chroma.

Rows are immutable: a row id is derived from everything a row holds (ingest.types.Chunk.chunk_id),
so a new text or a moved article is a new row, and the rows a committed manifest names never
change under a reader. Rows no kept generation names are deleted by the garbage collector.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Container, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

_CHUNK = 900  # SQLite's default limit of bound variables is 999
_SCAN_ABOVE = 5000


class ChunkRow(NamedTuple):
    """A passage as stored: its text, BM25 tokens and place. What describes its document (title,
    version, status …) is in the manifest, so that a re-ingest never has to rewrite a row."""

    id: str
    text: str
    tokens: str  # space-separated
    article: str
    article_no: int
    part: int
    chapter: str
    section: str
    ordinal: int


_COLUMNS = ", ".join(ChunkRow._fields)


def _columns(tokens: bool) -> str:
    """The row's columns; without tokens, an empty string in their place (a reader's passages)."""
    return _COLUMNS if tokens else _COLUMNS.replace("tokens", "''")


class ChunkStore:
    def __init__(self, path: Path, *, shared: bool = False) -> None:
        """`shared`: one reader connection used by several threads (the caller serialises)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=not shared)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS chunks (id TEXT PRIMARY KEY, text TEXT NOT NULL, tokens TEXT NOT NULL,"
            " article TEXT NOT NULL, article_no INTEGER NOT NULL, part INTEGER NOT NULL, chapter TEXT NOT NULL,"
            " section TEXT NOT NULL, ordinal INTEGER NOT NULL)"
        )

    @classmethod
    def open(cls, data_dir: Path, prefix: str, *, shared: bool = False) -> ChunkStore:
        return cls(data_dir / "chunks" / f"{prefix}.sqlite", shared=shared)

    def put_many(self, rows: Sequence[ChunkRow]) -> None:
        """In one transaction."""
        marks = ", ".join("?" * len(ChunkRow._fields))
        with self._db:
            self._db.executemany(f"INSERT OR REPLACE INTO chunks ({_COLUMNS}) VALUES ({marks})", rows)

    def present(self, ids: Iterable[str]) -> set[str]:
        wanted = set(ids)
        if len(wanted) > _SCAN_ABOVE:  # one scan beats many lookups
            return wanted & self.all_ids()
        return {row[0] for row in self._select("SELECT id FROM chunks WHERE id IN ({})", wanted)}

    def rows(self, ids: Iterable[str], *, tokens: bool = True) -> Iterator[ChunkRow]:
        for row in self._select(f"SELECT {_columns(tokens)} FROM chunks WHERE id IN ({{}})", ids):
            yield ChunkRow(*row)

    def all_rows(self, named: Container[str], *, tokens: bool = True) -> Iterator[ChunkRow]:
        """The rows among `named`, in one scan (a whole generation: faster than lookups by id);
        without their BM25 tokens (left empty) when a reader does not need them."""
        for row in self._db.execute(f"SELECT {_columns(tokens)} FROM chunks"):
            if row[0] in named:
                yield ChunkRow(*row)

    def tokens(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self._select("SELECT id, tokens FROM chunks WHERE id IN ({})", ids))

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

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
