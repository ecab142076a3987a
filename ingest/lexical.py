"""The BM25 side of the index: one tantivy index per chunk store, written incrementally.

It holds a row for every chunk-store row (jieba tokens, whitespace-separated), so it is a superset
of any one generation: a reader keeps only the rows its manifest names, as on the dense side. A
re-ingest adds the rows it wrote; the garbage collector deletes the rows it collects. A change
costs what it touches, not the library (tantivy writes a small segment and merges later).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

import tantivy

_ID, _TOKENS = "id", "tokens"
_HEAP = 64_000_000  # bytes the writer buffers before it flushes a segment
MAX_OTHERS = 2000  # rows outside a reader's generation a ranker over-fetches for (see search)


def folder_for(data_dir: Path, prefix: str) -> Path:
    return data_dir / "bm25" / prefix


def exists(folder: Path) -> bool:
    return (folder / "meta.json").is_file()


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(_ID, stored=True, tokenizer_name="raw")
    builder.add_text_field(_TOKENS, stored=False, tokenizer_name="whitespace", index_option="freq")
    return builder.build()


def _open(folder: Path) -> tantivy.Index:
    folder.mkdir(parents=True, exist_ok=True)
    return tantivy.Index(_schema(), path=str(folder), reuse=True)


class LexicalIndex:
    """Read side: BM25 over the rows of one generation, and document frequencies for the
    grounding signal. Sees the tantivy commit that was current when it was opened."""

    def __init__(self, index: tantivy.Index, named: Collection[str]) -> None:
        self._schema = index.schema
        self._searcher = index.searcher()
        self._named = named
        self._idf: dict[str, float] = {}

    @classmethod
    def open(cls, folder: Path, named: Collection[str]) -> LexicalIndex:
        if not exists(folder):
            raise FileNotFoundError(folder)
        return cls(tantivy.Index.open(str(folder)), named)

    def search(self, tokens: list[str], k: int, weighted: Sequence[tuple[str, float]] = ()) -> list[tuple[str, float]]:
        """(row id, BM25 score), best first, among the rows this reader's generation names;
        `weighted` terms count with their weight (e.g. learned expansions, less sure than the
        question's own words). The index may also hold rows of a newer generation or of one a
        reader still holds: ask for enough more to make up for them (bounded)."""
        if not (tokens or weighted) or not self._named:
            return []
        clauses = [tantivy.Query.term_query(self._schema, _TOKENS, t) for t in tokens]
        clauses += [
            tantivy.Query.boost_query(tantivy.Query.term_query(self._schema, _TOKENS, t), w) for t, w in weighted
        ]
        query = tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in clauses])
        others = max(0, self._searcher.num_docs - len(self._named))
        hits = self._searcher.search(query, limit=k + min(others, MAX_OTHERS)).hits
        found: list[tuple[str, float]] = []
        for score, address in hits:
            row_id = self._searcher.doc(address)[_ID][0]
            if row_id in self._named and score > 0:
                found.append((row_id, float(score)))
                if len(found) == k:
                    break
        return found

    def share(self, token: str) -> float:
        """The share of all passages that contain this token."""
        total = self._searcher.num_docs
        return self._searcher.doc_freq(_TOKENS, token) / total if total else 0.0

    def idf(self, token: str) -> float:
        """BM25-style idf; a token never seen in the corpus gets the highest value."""
        if token not in self._idf:
            n = self._searcher.doc_freq(_TOKENS, token)
            total = self._searcher.num_docs
            self._idf[token] = math.log(1 + (total - n + 0.5) / (n + 0.5))
        return self._idf[token]


class LexicalWriter:
    """Write side, used by one ingest run under the writer lock."""

    def __init__(self, folder: Path) -> None:
        self._index = _open(folder)

    def missing(self, ids: Iterable[str]) -> list[str]:
        """Ids without a live row (a deleted row still counts in tantivy's term statistics until
        its segment is merged, so this reads the live ids rather than asking doc_freq)."""
        live = self.all_ids()
        return [i for i in ids if i not in live]

    def count(self) -> int:
        return int(self._index.searcher().num_docs)

    def all_ids(self) -> set[str]:
        searcher = self._index.searcher()
        if not searcher.num_docs:
            return set()
        hits = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs).hits
        return {searcher.doc(address)[_ID][0] for _, address in hits}

    def add(self, tokens: Mapping[str, str]) -> None:
        """Add rows (id → space-separated tokens) and commit. A row already there is replaced,
        so a run that repeats a killed run's work leaves no duplicate."""
        self._change(tokens, ())

    def delete(self, ids: Iterable[str]) -> None:
        self._change({}, ids)

    def _change(self, tokens: Mapping[str, str], deleted: Iterable[str]) -> None:
        writer = self._index.writer(heap_size=_HEAP, num_threads=1)
        try:
            for row_id in [*deleted, *tokens]:
                writer.delete_documents_by_term(_ID, row_id)
            for row_id, text in tokens.items():
                writer.add_document(tantivy.Document(id=row_id, tokens=text))
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        self._index.reload()
