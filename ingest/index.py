"""Opening the index for reading: the manifest's active generation, its vectors in Chroma,
its BM25 side, and its passages (read from the chunk store as they are first needed)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence, ValuesView
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from ingest import store
from ingest.chunk_store import ChunkRow, ChunkStore
from ingest.embedders import Embedder, make_embedder
from ingest.errors import EmbedderMismatchError, IndexMissingError
from ingest.lexical import IncompleteError, LexicalIndex, open_generation
from ingest.manifest import FORMAT, DocRecord, Manifest
from ingest.settings import Settings

MAX_OTHERS = 2000  # rows outside a reader's generation the dense search over-fetches for


@dataclass(frozen=True, slots=True, eq=False)
class StoredChunk:
    """A passage as a reader holds it: its row (text and place, from the chunk store) and its
    document's record from the reader's own manifest (title, version, status …), so a later
    re-ingest that supersedes the document changes nothing here."""

    row: ChunkRow
    doc: DocRecord

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StoredChunk):
            return NotImplemented
        return self.row == other.row and self.doc == other.doc

    def __hash__(self) -> int:  # the record is a mutable dataclass; the row id names the passage
        return hash(self.row.id)

    @property
    def chunk_id(self) -> str:
        return self.row.id

    @property
    def text(self) -> str:
        return self.row.text

    @property
    def article(self) -> str:
        return self.row.article

    @property
    def article_no(self) -> int:
        return self.row.article_no

    @property
    def part(self) -> int:
        return self.row.part

    @property
    def chapter(self) -> str:
        return self.row.chapter

    @property
    def section(self) -> str:
        return self.row.section

    @property
    def ordinal(self) -> int:
        return self.row.ordinal

    @property
    def doc_id(self) -> str:
        return self.doc.doc_id

    @property
    def title(self) -> str:
        return self.doc.title

    @property
    def version(self) -> str:
        return self.doc.version

    @property
    def kind(self) -> str:
        return self.doc.kind

    @property
    def status(self) -> str:
        return self.doc.status

    @property
    def superseded_by(self) -> str:
        return self.doc.superseded_by

    @property
    def effective(self) -> str:
        return self.doc.effective

    @property
    def edition(self) -> str:
        return self.doc.edition

    @property
    def source(self) -> str:
        return self.doc.source

    @property
    def place(self) -> str:
        """Where the passage stands, as words a question may name: title, chapter, section."""
        return f"{self.doc.title} {self.row.chapter} {self.row.section}"

    @property
    def in_force(self) -> bool:
        return self.status == "in_force"


def as_read(row: ChunkRow) -> ChunkRow:
    """A passage's text without the heading lines a chunker left at its end: the 解释 heads its parts
    「## 三、诉讼参加人」, and its chunking reads such a line as the last line of the article before
    it. A heading is no part of an article, so it is never quoted as one. (The passage's tokens and
    vector keep it: chunking it away moved near-tie rankings the wrong way, docs/retrieval.md,
    sessions 59 and 60.)"""
    lines = row.text.split("\n")
    if len(lines) < 2 or not lines[-1].startswith("#"):
        return row
    while len(lines) > 1 and lines[-1].startswith("#"):
        lines.pop()
    return row._replace(text="\n".join(lines))


class ChunkTable(Mapping[str, StoredChunk]):
    """The passages of one generation, by row id: every id the manifest names is a key; a
    passage is read from the chunk store when first asked for (in batches: `load`), so opening
    the national library does not read 70,000 texts before the first question."""

    def __init__(self, rows: ChunkStore, doc_of: dict[str, DocRecord]) -> None:
        self._rows = rows
        self._doc_of = doc_of
        self._cache: dict[str, StoredChunk] = {}
        self._lock = threading.Lock()

    def load(self, ids: Iterable[str]) -> None:
        """Read these passages at once (those of this generation not read yet)."""
        wanted = [i for i in dict.fromkeys(ids) if i in self._doc_of and i not in self._cache]
        if not wanted:
            return
        with self._lock:
            rows = list(self._rows.rows(wanted, tokens=False))
        for row in rows:
            self._cache.setdefault(row.id, StoredChunk(as_read(row), self._doc_of[row.id]))

    def __getitem__(self, chunk_id: str) -> StoredChunk:
        if chunk_id not in self._cache:
            if chunk_id not in self._doc_of:
                raise KeyError(chunk_id)
            self.load([chunk_id])
        return self._cache[chunk_id]  # KeyError only if the store lost a row its manifest names

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self._doc_of

    def __iter__(self) -> Iterator[str]:
        return iter(self._doc_of)

    def __len__(self) -> int:
        return len(self._doc_of)

    def values(self) -> ValuesView[StoredChunk]:
        """All passages, in manifest order (read in one scan the first time)."""
        if len(self._cache) < len(self._doc_of):
            with self._lock:
                rows = {row.id: row for row in self._rows.all_rows(self._doc_of, tokens=False)}
                cache = self._cache
                self._cache = {
                    i: cache.get(i) or StoredChunk(as_read(rows[i]), self._doc_of[i]) for i in self._doc_of if i in rows
                }
        return self._cache.values()


class PassagesByDocument(Mapping[str, list[StoredChunk]]):
    """doc id → its passages in document order, read when a document is first asked for."""

    def __init__(self, table: ChunkTable, documents: Iterable[DocRecord]) -> None:
        self._table = table
        self._records = {d.doc_id: d for d in documents}
        self._cache: dict[str, list[StoredChunk]] = {}

    def __getitem__(self, doc_id: str) -> list[StoredChunk]:
        if doc_id not in self._cache:
            ids = self._records[doc_id].chunk_ids
            self._table.load(ids)
            self._cache[doc_id] = sorted((self._table[i] for i in ids), key=lambda c: c.ordinal)
        return self._cache[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


class KnowledgeIndex:
    """Read side of the index. Built by `open`; one per process, shared by every interface."""

    def __init__(
        self,
        settings: Settings,
        manifest: Manifest,
        client: ClientAPI,
        collection: Collection,
        lexical: LexicalIndex,
        chunks: ChunkTable,
        embedder: Embedder,
    ) -> None:
        self.settings = settings
        self.manifest = manifest
        self.client = client
        self.collection = collection
        self.lexical = lexical
        self.chunks = chunks
        self.embedder = embedder
        self.by_doc = PassagesByDocument(chunks, manifest.documents.values())

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> KnowledgeIndex:
        manifest = Manifest.load(settings.data_dir)
        if manifest is None:
            raise IndexMissingError(f"{settings.data_dir} 下还没有索引")
        if manifest.format != FORMAT:
            raise IndexMissingError("索引格式已更新，请运行 python -m ingest run（复用已有向量，不重新嵌入）")
        configured = store.embedder_key(settings)
        if manifest.embedder_key != configured:
            raise EmbedderMismatchError(manifest.embedder_key, configured)
        client = store.make_client(settings, fresh=True)
        try:
            collection = client.get_collection(manifest.collection)
        except Exception as exc:  # chromadb raises NotFoundError/ValueError by version
            raise IndexMissingError(f"索引集合 {manifest.collection} 不存在：{exc}") from exc
        store.apply_search_settings(collection, settings)
        built_with = (collection.metadata or {}).get("embedder_key")
        if built_with != configured:
            raise EmbedderMismatchError(str(built_with), configured)
        embedder = embedder or make_embedder(settings.embedding)
        dimension = (collection.metadata or {}).get("embedder_dimension")
        if dimension and int(dimension) != embedder.identity.dimension:
            raise EmbedderMismatchError(f"{built_with} ({dimension} 维)", embedder.identity.label())
        doc_of = {cid: record for record in manifest.documents.values() for cid in record.chunk_ids}
        rows = ChunkStore.open(settings.data_dir, manifest.prefix, shared=True)
        if missing := len(doc_of) - len(rows.present(doc_of)):
            rows.close()
            raise IndexMissingError(f"索引缺少 {missing} 个段落；请运行 python -m ingest run 修复")
        chunks = ChunkTable(rows, doc_of)
        try:
            lexical = open_generation(settings.data_dir, manifest.generation_name, len(doc_of))
        except IncompleteError as exc:
            raise IndexMissingError(f"{exc}；请运行 python -m ingest run 修复") from exc
        except (FileNotFoundError, OSError, ValueError) as exc:
            raise IndexMissingError(f"BM25 索引缺失或损坏（{exc}）；请运行 python -m ingest run 修复") from exc
        return cls(settings, manifest, client, collection, lexical, chunks, embedder)

    @cached_property
    def documents(self) -> list[DocRecord]:
        return sorted(self.manifest.documents.values(), key=lambda d: (d.kind, d.title, d.version))

    @cached_property
    def _by_title(self) -> dict[str, list[DocRecord]]:
        titles: dict[str, list[DocRecord]] = {}
        for doc in self.documents:
            titles.setdefault(doc.title, []).append(doc)
        return titles

    def edition(self, title: str, *, version: str = "", old: bool = False) -> list[DocRecord]:
        """The documents of one version of a title: the version named, else (`old`) the newest
        superseded one, else the one in force. One document, or several for a code published in
        books (the 民法典's 总则编, 合同编 … share one title and version), in the code's order."""
        versions = self._by_title.get(title, [])
        chosen = next((d for d in versions if version and d.version == version), None)
        if chosen is None and old:
            chosen = max((d for d in versions if d.status == "superseded"), key=lambda d: d.version, default=None)
        if chosen is None and versions:
            chosen = max(versions, key=lambda d: (d.status == "in_force", d.version))
        if chosen is None:
            return []
        books = [d for d in versions if (d.version, d.status) == (chosen.version, chosen.status)]
        return sorted(books, key=self._first_article) if len(books) > 1 else books

    def editions(self, title: str) -> list[DocRecord]:
        """Every held document of a title, all versions, oldest first."""
        return sorted(self._by_title.get(title, []), key=lambda d: d.version)

    def _first_article(self, doc: DocRecord) -> int:
        """Where a book of a code begins (总则 at 第一条, 继承编 at 第一千一百一十九条)."""
        return min((c.article_no for c in self.by_doc.get(doc.doc_id, []) if c.article_no), default=0)

    def document(self, doc_id: str) -> DocRecord | None:
        """The document with this id, if the generation holds it."""
        return next((d for d in self.manifest.documents.values() if doc_id and d.doc_id == doc_id), None)

    def code_of(self, doc_id: str) -> list[DocRecord]:
        """The documents that make one text with this one (itself, or all books of a code)."""
        doc = self.document(doc_id)
        return self.edition(doc.title, version=doc.version) if doc else []

    def article(self, docs: list[DocRecord], article_no: int) -> list[StoredChunk]:
        """All parts of article `article_no` in these documents."""
        return [c for d in docs for c in self.by_doc.get(d.doc_id, []) if c.article_no == article_no]

    def vectors(self, ids: Sequence[str], batch: int = 5000) -> np.ndarray:
        """The stored vectors of these passages, one row each, in the order given."""
        rows: list[np.ndarray] = []
        for start in range(0, len(ids), batch):
            part = list(ids[start : start + batch])
            got = self.collection.get(ids=part, include=["embeddings"])
            by_id = dict(zip(got["ids"], got["embeddings"] if got["embeddings"] is not None else [], strict=True))
            rows.extend(np.asarray(by_id[cid], dtype=np.float32) for cid in part)
        return np.vstack(rows) if rows else np.zeros((0, self.embedder.identity.dimension), dtype=np.float32)

    def dense_search(self, vector: list[float], k: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first, among the rows of this reader's generation."""
        return self.dense_searches([vector], k)[0]

    def dense_searches(self, vectors: Sequence[list[float]], k: int) -> list[list[tuple[str, float]]]:
        """`dense_search` for several vectors in one query (counting the collection costs more than
        a query at 70,000 rows: once, not per vector). The collection may also hold rows of a newer
        generation being written, or of an older one a reader still holds: ask for enough more to
        make up for them (bounded, so a large write in progress slows no question by much)."""
        others = max(0, self.collection.count() - len(self.chunks))
        n = min(k + min(others, MAX_OTHERS), len(self.chunks) + others) or 1
        result = self.collection.query(
            query_embeddings=np.asarray(vectors, dtype=np.float32), n_results=n, include=["distances"]
        )
        found = []
        for ids, distances in zip(result["ids"], result["distances"] or [[] for _ in vectors], strict=True):
            pairs = zip(ids, distances, strict=True)
            found.append([(cid, 1.0 - float(d)) for cid, d in pairs if cid in self.chunks][:k])
        return found
