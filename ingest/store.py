"""The Chroma side of the index: client, generation collections, batched writes."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.collection_configuration import (
    CreateCollectionConfiguration,
    CreateHNSWConfiguration,
    UpdateCollectionConfiguration,
    UpdateHNSWConfiguration,
)
from chromadb.api.models.Collection import Collection
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings

from ingest.errors import StoreUnavailableError
from ingest.manifest import generation_name as generation_name  # re-exported: store names generations
from ingest.settings import Settings

CHUNKER_VERSION = 3
_GENERATION = re.compile(r"^(?P<prefix>fazhi-[0-9a-f]{10})-g(?P<n>\d{5})$")


def embedder_key(settings: Settings) -> str:
    e = settings.embedding
    return f"{e.backend}|{e.model}|{e.query_prefix}|{e.passage_prefix}"


def collection_prefix(settings: Settings) -> str:
    """Names carry the embedder and chunking parameters, so a change never mixes vectors."""
    key = f"{embedder_key(settings)}|{settings.embedding.max_chunk_chars}|{CHUNKER_VERSION}"
    return "fazhi-" + hashlib.sha256(key.encode()).hexdigest()[:10]


def parse_generation(name: str) -> tuple[str, int] | None:
    match = _GENERATION.match(name)
    return (match["prefix"], int(match["n"])) if match else None


def make_client(settings: Settings, fresh: bool = False) -> ClientAPI:
    """`fresh`: for a reader opening a new generation. An embedded Chroma keeps each collection's
    vector index in memory and does not see rows another process added since it loaded it, so a
    reader starts a new embedded system, which loads what is on disk now. (A `chroma run` server
    has no such cache.)"""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if fresh and not settings.index.chroma_host:
        SharedSystemClient.clear_system_cache()  # forgets the cached systems; those in use keep working
    try:
        if settings.index.chroma_host:
            return chromadb.HttpClient(
                host=settings.index.chroma_host,
                port=settings.index.chroma_port,
                settings=chroma_settings,
            )
        path = settings.data_dir / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:  # chromadb raises plain Exception/ValueError for unreachable servers
        where = (
            f"{settings.index.chroma_host}:{settings.index.chroma_port}"
            if settings.index.chroma_host
            else str(settings.data_dir / "chroma")
        )
        raise StoreUnavailableError(f"无法连接向量库 {where}：{exc}") from exc


def collection_name(prefix: str) -> str:
    """The one collection of an index: generations differ by which rows their manifest names."""
    return f"{prefix}-v2"


def _batch_size(sync_threshold: int) -> int:
    return min(100, sync_threshold)  # Chroma requires batch_size ≤ sync_threshold


def open_collection(client: ClientAPI, name: str, settings: Settings, metadata: dict[str, Any]) -> Collection:
    threshold = settings.index.hnsw_sync_threshold
    hnsw = CreateHNSWConfiguration(
        space="cosine",
        ef_search=settings.index.hnsw_ef_search,
        ef_construction=settings.index.hnsw_ef_construction,
        sync_threshold=threshold,
        batch_size=_batch_size(threshold),
    )
    collection = client.get_or_create_collection(
        name=name,
        embedding_function=None,  # we always pass vectors; never Chroma's downloading default
        configuration=CreateCollectionConfiguration(hnsw=hnsw),
        metadata=metadata,
    )
    apply_search_settings(collection, settings)
    return collection


def apply_search_settings(collection: Collection, settings: Settings) -> None:
    """The configured search breadth and sync threshold, on a collection made before the settings
    or with other values (Chroma keeps them with the collection; only these two can change)."""
    threshold = settings.index.hnsw_sync_threshold
    current = (collection.configuration_json or {}).get("hnsw") or {}
    wanted = {"sync_threshold": threshold, "ef_search": settings.index.hnsw_ef_search}
    if any(current.get(key) != value for key, value in wanted.items()):
        update = UpdateHNSWConfiguration(
            sync_threshold=threshold, batch_size=_batch_size(threshold), ef_search=settings.index.hnsw_ef_search
        )
        collection.modify(configuration=UpdateCollectionConfiguration(hnsw=update))


def batches(n: int, size: int) -> Iterator[slice]:
    for start in range(0, n, size):
        yield slice(start, min(n, start + size))


def upsert_batched(
    client: ClientAPI,
    collection: Collection,
    ids: Sequence[str],
    embeddings: Sequence[Sequence[float]],
    metadatas: Sequence[dict[str, Any]],
) -> None:
    """Upsert: rows a killed run already wrote are simply written again."""
    size = min(5000, client.get_max_batch_size())
    for part in batches(len(ids), size):
        collection.upsert(
            ids=list(ids[part]),
            embeddings=[list(v) for v in embeddings[part]],  # type: ignore[arg-type]
            metadatas=list(metadatas[part]),
        )


def delete_batched(client: ClientAPI, collection: Collection, ids: Sequence[str]) -> None:
    size = min(5000, client.get_max_batch_size())
    for part in batches(len(ids), size):
        collection.delete(ids=list(ids[part]))
