"""Incremental re-ingest: knowledge/ → chunks → vectors → a new Chroma generation + manifest.

Each run that changes anything writes a complete new collection (unchanged chunks are copied
with their vectors, never re-embedded), then flips the manifest. A run that dies half way
leaves the previous generation and manifest untouched; the next run clears its leftovers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ingest import store
from ingest.chunking import chunk_document
from ingest.embedders import Embedder, make_embedder
from ingest.errors import LoadError
from ingest.lexical import LexicalIndex
from ingest.loaders import discover, load_document
from ingest.manifest import DocRecord, Manifest
from ingest.settings import Settings
from ingest.tokenize import add_words, tokenize
from ingest.types import Chunk, DocMeta

Progress = Callable[[str], None]


@dataclass
class RunReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)  # "old → new"
    failed: dict[str, str] = field(default_factory=dict)
    unchanged: int = 0
    chunks_added: int = 0
    chunks_removed: int = 0
    chunks_total: int = 0
    documents_total: int = 0
    embedded: int = 0
    reused_vectors: int = 0
    seconds: float = 0.0
    generation: int = 0
    changed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class _Entry:
    """A document of the new generation: freshly loaded, or carried over from the last one."""

    source: str
    sha256: str
    meta: DocMeta
    chunks: list[Chunk] | None = None  # None: carried over, chunk ids below
    carried_ids: list[str] = field(default_factory=list)
    stale_reason: str = ""


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def resolve_versions(metas: list[DocMeta]) -> dict[str, tuple[str, str]]:
    """doc_id → (status, superseded_by). A text named in another's `supersedes`, or an older
    version of the same title, is superseded by the newer one."""
    result = {m.doc_id: (m.status, m.superseded_by) for m in metas}
    by_id = {m.doc_id: m for m in metas}
    for meta in metas:
        if meta.supersedes in by_id:
            result[meta.supersedes] = ("superseded", meta.doc_id)
    by_title: dict[str, list[DocMeta]] = {}
    for meta in metas:
        by_title.setdefault(meta.title, []).append(meta)
    for versions in by_title.values():
        if len(versions) < 2:
            continue
        newest = max(versions, key=lambda m: (m.version, m.effective))
        for meta in versions:
            if meta is not newest and meta.version != newest.version:
                result[meta.doc_id] = ("superseded", newest.doc_id)
    return result


def chunk_metadata(chunk: Chunk, meta: DocMeta, tokens: list[str]) -> dict[str, Any]:
    return {
        "doc_id": meta.doc_id,
        "title": meta.title,
        "version": meta.version,
        "kind": meta.kind,
        "status": meta.status,
        "superseded_by": meta.superseded_by,
        "effective": meta.effective,
        "edition": meta.edition,
        "source": meta.source,
        "article": chunk.article,
        "article_no": chunk.article_no,
        "part": chunk.part,
        "chapter": chunk.chapter,
        "section": chunk.section,
        "ordinal": chunk.ordinal,
        "content_hash": chunk.content_hash,
        "tokens": " ".join(tokens),
    }


def _doc_meta_from_record(record: DocRecord) -> DocMeta:
    return DocMeta(
        doc_id=record.doc_id,
        title=record.title,
        version=record.version,
        kind=record.kind,
        status=record.status,
        effective=record.effective,
        edition=record.edition,
        source=record.source,
        supersedes=record.supersedes,
        superseded_by=record.superseded_by,
    )


def _scan(settings: Settings, old: Manifest | None, same_prefix: bool, report: RunReport) -> list[_Entry]:
    knowledge = settings.knowledge_dir
    entries: list[_Entry] = []
    seen: set[str] = set()
    for path in discover(knowledge):
        source = path.relative_to(knowledge).as_posix()
        seen.add(source)
        try:
            sha = file_sha256(path)
        except OSError as exc:
            report.failed[source] = f"文件无法读取：{exc.strerror or exc}"
            continue
        previous = old.documents.get(source) if old else None
        if previous and same_prefix and previous.sha256 == sha and not previous.stale_reason:
            entries.append(_Entry(source, sha, _doc_meta_from_record(previous), carried_ids=previous.chunk_ids))
            report.unchanged += 1
            continue
        try:
            document = load_document(path, knowledge)
            chunks = chunk_document(document, settings.embedding.max_chunk_chars)
        except LoadError as exc:
            report.failed[source] = str(exc)
            if previous and same_prefix:  # keep the last good text rather than lose it
                entries.append(
                    _Entry(
                        source,
                        previous.sha256,
                        _doc_meta_from_record(previous),
                        carried_ids=previous.chunk_ids,
                        stale_reason=str(exc),
                    )
                )
            continue
        entries.append(_Entry(source, sha, document.meta, chunks=chunks))
        (report.updated if previous else report.added).append(_label(document.meta))
    if old:
        for source, record in old.documents.items():
            if source not in seen:
                report.removed.append(record.label)
    return entries


def _label(meta: DocMeta) -> str:
    return f"《{meta.title}》（{meta.version}）" if meta.version else f"《{meta.title}》"


def run(
    settings: Settings,
    embedder: Embedder | None = None,
    progress: bool = True,
    log: Progress | None = None,
) -> RunReport:
    """Bring the index in line with knowledge/. Returns what changed."""
    started = time.perf_counter()
    say = log or (lambda message: print(message, file=sys.stderr, flush=True))
    report = RunReport()
    data_dir = settings.data_dir
    old = Manifest.load(data_dir)
    prefix = store.collection_prefix(settings)
    key = store.embedder_key(settings)
    same_prefix = bool(old and old.prefix == prefix)
    if old and not same_prefix:
        say("嵌入模型或分段参数已更改：全部文档将重新嵌入。")
    entries = _scan(settings, old, same_prefix, report)

    # Versions: a revised law supersedes the older text; both stay searchable.
    resolved = resolve_versions([e.meta for e in entries])
    old_status = {r.doc_id: r.status for r in old.documents.values()} if old else {}
    for entry in entries:
        status, by = resolved[entry.meta.doc_id]
        if status == "superseded" and old_status.get(entry.meta.doc_id) != "superseded":
            newer = next((e.meta for e in entries if e.meta.doc_id == by), None)
            report.superseded.append(f"{_label(entry.meta)} → {_label(newer) if newer else '（新版本）'}")
        entry.meta = replace(entry.meta, status=status, superseded_by=by)

    status_changed = any(old_status.get(e.meta.doc_id) != e.meta.status for e in entries)
    report.changed = bool(not same_prefix or report.added or report.updated or report.removed or status_changed)
    new_ids = [cid for e in entries for cid in (e.carried_ids if e.chunks is None else [c.chunk_id for c in e.chunks])]
    old_ids = {cid for r in old.documents.values() for cid in r.chunk_ids} if old else set()
    report.chunks_total = len(new_ids)
    report.documents_total = len(entries)
    report.chunks_added = len(set(new_ids) - old_ids) if same_prefix else len(new_ids)
    report.chunks_removed = len(old_ids - set(new_ids)) if same_prefix else len(old_ids)

    client = store.make_client(settings)
    if not report.changed and old is not None:
        old.failed = report.failed
        for entry in entries:
            old.documents[entry.source].stale_reason = entry.stale_reason
        old.last_run = _last_run(report, started)
        old.save(data_dir)
        report.generation = old.generation
        report.seconds = time.perf_counter() - started
        return report

    generation = (old.generation + 1) if old else 1
    name = store.generation_name(prefix, generation)
    embedder = embedder or make_embedder(settings.embedding)
    identity = embedder.identity
    collection = store.create_generation(
        client,
        name,
        settings,
        {"embedder_key": key, "embedder_dimension": identity.dimension},
    )
    add_words(sorted({e.meta.title for e in entries}))
    old_collection = (
        client.get_collection(old.collection) if old and same_prefix and old.collection in _names(client) else None
    )

    ids: list[str] = []
    vectors: list[Any] = []
    texts: list[str] = []
    metas: list[dict[str, Any]] = []
    lexical_tokens: list[list[str]] = []

    # 1. Carried documents: copy text and vectors from the previous generation.
    carried = [cid for e in entries if e.chunks is None for cid in e.carried_ids]
    stored = store.get_batched(client, old_collection, carried) if old_collection and carried else {}
    meta_by_doc = {e.meta.doc_id: e.meta for e in entries}
    for entry in entries:
        if entry.chunks is not None:
            continue
        for cid in entry.carried_ids:
            item = stored.get(cid)
            if item is None:
                raise RuntimeError(f"chunk {cid} of {entry.source} is missing from {old.collection if old else '?'}")
            meta = dict(item["metadata"])
            current = meta_by_doc[meta["doc_id"]]
            meta.update(status=current.status, superseded_by=current.superseded_by)
            ids.append(cid)
            vectors.append(item["embedding"])
            texts.append(item["document"])
            metas.append(meta)
            lexical_tokens.append(str(meta.get("tokens", "")).split())

    # 2. New and changed documents: chunk, reuse vectors of identical chunks, embed the rest.
    fresh: list[tuple[Chunk, DocMeta]] = [(c, e.meta) for e in entries if e.chunks is not None for c in e.chunks]
    cached = _cached_vectors(old_collection, [c.content_hash for c, _ in fresh])
    to_embed = [(c, m) for c, m in fresh if c.content_hash not in cached]
    report.reused_vectors = len(fresh) - len(to_embed)
    report.embedded = len(to_embed)
    if to_embed:
        say(f"正在嵌入 {len(to_embed)} 个新段落（模型 {identity.label()}）…")
    new_vectors: dict[str, Any] = {}
    size = settings.embedding.batch_size
    with tqdm(
        total=len(to_embed), desc="嵌入", unit="段", disable=not progress or not to_embed, file=sys.stderr
    ) as bar:
        for part in store.batches(len(to_embed), size):
            batch = to_embed[part]
            embedded = embedder.embed_documents([f"{c.context}\n{c.text}" for c, _ in batch])
            for (chunk, _), vector in zip(batch, embedded, strict=True):
                new_vectors[chunk.content_hash] = vector
            bar.update(len(batch))
    for chunk, doc_meta in fresh:
        tokens = tokenize(f"{chunk.context} {chunk.text}")
        ids.append(chunk.chunk_id)
        vectors.append(cached.get(chunk.content_hash, new_vectors.get(chunk.content_hash)))
        texts.append(chunk.text)
        metas.append(chunk_metadata(chunk, doc_meta, tokens))
        lexical_tokens.append(tokens)

    store.add_batched(client, collection, ids, vectors, texts, metas)
    LexicalIndex.build(ids, lexical_tokens).save(data_dir / "lexical" / name)

    manifest = Manifest(
        embedder_key=key,
        embedder=identity.as_dict(),
        prefix=prefix,
        collection=name,
        generation=generation,
        failed=report.failed,
    )
    for entry in entries:
        chunk_ids = entry.carried_ids if entry.chunks is None else [c.chunk_id for c in entry.chunks]
        m = entry.meta
        manifest.documents[entry.source] = DocRecord(
            source=entry.source,
            sha256=entry.sha256,
            doc_id=m.doc_id,
            title=m.title,
            version=m.version,
            kind=m.kind,
            status=m.status,
            effective=m.effective,
            chunk_ids=chunk_ids,
            supersedes=m.supersedes,
            superseded_by=m.superseded_by,
            edition=m.edition,
            stale_reason=entry.stale_reason,
        )
    report.generation = generation
    manifest.last_run = _last_run(report, started)
    manifest.save(data_dir)  # the commit point
    _collect_garbage(settings, client, prefix, generation)
    report.seconds = time.perf_counter() - started
    return report


def _names(client: Any) -> set[str]:
    return {c.name for c in client.list_collections()}


def _cached_vectors(collection: Any, hashes: list[str]) -> dict[str, Any]:
    if collection is None or not hashes:
        return {}
    found: dict[str, Any] = {}
    unique = sorted(set(hashes))
    for part in store.batches(len(unique), 500):
        got = collection.get(where={"content_hash": {"$in": unique[part]}}, include=["embeddings", "metadatas"])
        embeddings = got["embeddings"] if got["embeddings"] is not None else []
        for meta, vector in zip(got["metadatas"] or [], embeddings, strict=False):
            found[str(meta["content_hash"])] = vector
    return found


def _last_run(report: RunReport, started: float) -> dict[str, Any]:
    return {
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 2),
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "superseded": report.superseded,
        "failed": sorted(report.failed),
        "chunks_added": report.chunks_added,
        "chunks_removed": report.chunks_removed,
        "embedded": report.embedded,
        "changed": report.changed,
    }


def _collect_garbage(settings: Settings, client: Any, prefix: str, active: int) -> None:
    """Drop generations that are older than the ones kept, or left by runs that died."""
    keep = settings.index.keep_generations
    for name in _names(client):
        parsed = store.parse_generation(name)
        if parsed is None:
            continue
        gen_prefix, number = parsed
        if gen_prefix != prefix or number > active or number <= active - keep:
            client.delete_collection(name)
    lexical_root = settings.data_dir / "lexical"
    live = _names(client)
    for folder in lexical_root.iterdir() if lexical_root.is_dir() else []:
        if folder.name not in live:
            shutil.rmtree(folder, ignore_errors=True)
