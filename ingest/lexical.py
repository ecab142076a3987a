"""The BM25 side of the index: one tantivy index per generation, holding exactly its rows.

Each run builds its generation's index from the chunk store's tokens (jieba tokens,
whitespace-separated) in the order the generation names its rows: about 1.5 s for 70,000 passages.
BM25 scores depend on the whole index (idf, the average length), so an index that held other
generations' rows, or rows deleted but not yet merged away, ranked the same question differently
after a re-ingest than after a build from scratch. Built per generation, the two are the same.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import tantivy

ROOT = "bm25"
_ID, _TOKENS = "id", "tokens"
_HEAP = 64_000_000  # bytes the writer buffers before it flushes a segment


def folder_for(data_dir: Path, generation_name: str) -> Path:
    return data_dir / ROOT / generation_name


def exists(folder: Path) -> bool:
    return (folder / "meta.json").is_file()


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(_ID, stored=True, tokenizer_name="raw")
    builder.add_text_field(_TOKENS, stored=False, tokenizer_name="whitespace", index_option="freq")
    return builder.build()


class IncompleteError(Exception):
    """A generation's BM25 index holds another number of rows than the generation names."""


def build(folder: Path, rows: Iterable[tuple[str, str]]) -> None:
    """Write the index of one generation: (row id, space-separated tokens), in the generation's
    order. Built beside the folder and moved into place, so a reader never opens half of one."""
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    index = tantivy.Index(_schema(), path=str(partial))
    writer = index.writer(heap_size=_HEAP, num_threads=1)
    for row_id, tokens in rows:
        writer.add_document(tantivy.Document(id=row_id, tokens=tokens))
    writer.commit()
    writer.wait_merging_threads()
    shutil.rmtree(folder, ignore_errors=True)  # a killed run's build of the same generation
    partial.rename(folder)


def open_generation(data_dir: Path, generation_name: str, rows: int) -> LexicalIndex:
    """The BM25 index of one generation, whole: FileNotFoundError (or tantivy's OSError/ValueError)
    when it is missing or unreadable, IncompleteError when it holds another number of rows."""
    index = LexicalIndex.open(folder_for(data_dir, generation_name))
    if index.count != rows:
        raise IncompleteError(f"BM25 索引有 {index.count} 个段落，清单记录 {rows} 个")
    return index


class LexicalIndex:
    """Read side: BM25 over the rows of one generation, and document frequencies for the
    grounding signal."""

    def __init__(self, index: tantivy.Index) -> None:
        self._schema = index.schema
        self._searcher = index.searcher()
        self._idf: dict[str, float] = {}

    @classmethod
    def open(cls, folder: Path) -> LexicalIndex:
        if not exists(folder):
            raise FileNotFoundError(folder)
        return cls(tantivy.Index.open(str(folder)))

    @property
    def count(self) -> int:
        return int(self._searcher.num_docs)

    def search(self, tokens: list[str], k: int, weighted: Sequence[tuple[str, float]] = ()) -> list[tuple[str, float]]:
        """(row id, BM25 score), best first; `weighted` terms count with their weight (e.g.
        learned expansions, less sure than the question's own words)."""
        if not (tokens or weighted) or not self.count:
            return []
        clauses = [tantivy.Query.term_query(self._schema, _TOKENS, t) for t in tokens]
        clauses += [
            tantivy.Query.boost_query(tantivy.Query.term_query(self._schema, _TOKENS, t), w) for t, w in weighted
        ]
        query = tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in clauses])
        hits = self._searcher.search(query, limit=k).hits
        return [(self._searcher.doc(address)[_ID][0], float(score)) for score, address in hits if score > 0]

    def ids(self) -> set[str]:
        if not self.count:
            return set()
        hits = self._searcher.search(tantivy.Query.all_query(), limit=self.count).hits
        return {self._searcher.doc(address)[_ID][0] for _, address in hits}

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
