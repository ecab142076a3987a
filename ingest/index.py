"""Opening the index for reading: the manifest's active generation, its vectors in Chroma,
its BM25 side, and every chunk's text and metadata in memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from ingest import store
from ingest.embedders import Embedder, make_embedder
from ingest.errors import EmbedderMismatchError, IndexMissingError
from ingest.lexical import LexicalIndex
from ingest.manifest import DocRecord, Manifest
from ingest.settings import Settings


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as the index holds it: text plus the metadata a citation needs."""

    chunk_id: str
    text: str
    doc_id: str
    title: str
    version: str
    kind: str
    status: str
    superseded_by: str
    effective: str
    edition: str
    source: str
    article: str
    article_no: int
    part: int
    chapter: str
    section: str
    ordinal: int
    tokens: tuple[str, ...]

    @classmethod
    def from_store(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> StoredChunk:
        return cls(
            chunk_id=chunk_id,
            text=text,
            doc_id=str(meta["doc_id"]),
            title=str(meta["title"]),
            version=str(meta["version"]),
            kind=str(meta["kind"]),
            status=str(meta["status"]),
            superseded_by=str(meta.get("superseded_by", "")),
            effective=str(meta["effective"]),
            edition=str(meta.get("edition", "")),
            source=str(meta["source"]),
            article=str(meta["article"]),
            article_no=int(meta["article_no"]),
            part=int(meta["part"]),
            chapter=str(meta["chapter"]),
            section=str(meta["section"]),
            ordinal=int(meta["ordinal"]),
            tokens=tuple(str(meta.get("tokens", "")).split()),
        )

    @property
    def in_force(self) -> bool:
        return self.status == "in_force"


class KnowledgeIndex:
    """Read side of the index. Built by `open`; one per process, shared by every interface."""

    def __init__(
        self,
        settings: Settings,
        manifest: Manifest,
        client: ClientAPI,
        collection: Collection,
        lexical: LexicalIndex,
        chunks: dict[str, StoredChunk],
        embedder: Embedder,
    ) -> None:
        self.settings = settings
        self.manifest = manifest
        self.client = client
        self.collection = collection
        self.lexical = lexical
        self.chunks = chunks
        self.embedder = embedder
        self.by_doc: dict[str, list[StoredChunk]] = {}
        for chunk in sorted(chunks.values(), key=lambda c: (c.doc_id, c.ordinal)):
            self.by_doc.setdefault(chunk.doc_id, []).append(chunk)

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> KnowledgeIndex:
        manifest = Manifest.load(settings.data_dir)
        if manifest is None:
            raise IndexMissingError(f"{settings.data_dir} 下还没有索引")
        configured = store.embedder_key(settings)
        if manifest.embedder_key != configured:
            raise EmbedderMismatchError(manifest.embedder_key, configured)
        client = store.make_client(settings)
        try:
            collection = client.get_collection(manifest.collection)
        except Exception as exc:  # chromadb raises NotFoundError/ValueError by version
            raise IndexMissingError(f"索引集合 {manifest.collection} 不存在：{exc}") from exc
        built_with = (collection.metadata or {}).get("embedder_key")
        if built_with != configured:
            raise EmbedderMismatchError(str(built_with), configured)
        embedder = embedder or make_embedder(settings.embedding)
        dimension = (collection.metadata or {}).get("embedder_dimension")
        if dimension and int(dimension) != embedder.identity.dimension:
            raise EmbedderMismatchError(f"{built_with} ({dimension} 维)", embedder.identity.label())
        lexical = LexicalIndex.load(settings.data_dir / "lexical" / manifest.collection)
        chunks: dict[str, StoredChunk] = {}
        total = collection.count()
        size = min(5000, client.get_max_batch_size())
        for offset in range(0, total, size):
            got = collection.get(include=["documents", "metadatas"], limit=size, offset=offset)
            for chunk_id, text, meta in zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True):
                chunks[chunk_id] = StoredChunk.from_store(chunk_id, text, dict(meta))
        return cls(settings, manifest, client, collection, lexical, chunks, embedder)

    @property
    def documents(self) -> list[DocRecord]:
        return sorted(self.manifest.documents.values(), key=lambda d: (d.kind, d.title, d.version))

    def dense_search(self, vector: list[float], k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first."""
        result = self.collection.query(
            query_embeddings=np.asarray([vector], dtype=np.float32),
            n_results=min(k, len(self.chunks)) or 1,
            where=where,
            include=["distances"],
        )
        distances = (result["distances"] or [[]])[0]
        return [(cid, 1.0 - float(d)) for cid, d in zip(result["ids"][0], distances, strict=True)]
