"""Incremental re-ingest: knowledge/ → chunks → vectors → new rows → a new manifest generation.

The index is one Chroma collection plus a chunk store whose rows never change (ingest.chunk_store).
A run adds the rows of new and changed documents, builds the BM25 side for the new generation,
and commits by replacing the manifest, which names every row of the generation. Readers see only
the rows their manifest names, so until the commit they see the previous state, whole, and a run
killed at any moment leaves it answering. The cost of a change grows with the change: unchanged
documents are not touched, only the BM25 side is rebuilt (seconds at 70,000 passages). Rows that
no kept or held generation names are collected afterwards. One writer at a time across processes
(ingest.lifecycle). docs/design.md explains why this is atomic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from tqdm import tqdm

from ingest import lexical, store
from ingest.chunk_store import ChunkRow, ChunkStore
from ingest.chunking import chunk_document
from ingest.embedders import Embedder, make_embedder
from ingest.errors import EmptyKnowledgeError, LoadError
from ingest.lifecycle import held_collections, writer_lock
from ingest.loaders import check_file, discover, in_library, load_document, printable
from ingest.manifest import FORMAT, DocRecord, Manifest
from ingest.settings import Settings
from ingest.tokenize import add_words, tokenize
from ingest.types import Chunk, DocMeta, Document
from ingest.vector_cache import VectorCache

Progress = Callable[[str], None]


# Which way of reading files into passages (loaders, chunking) built an index: a change that reads
# other text or other passages from the same file bumps it, and the next re-ingest reads every
# document again, reusing the vectors of passages whose text is the same. 1: until session 59;
# 2: characters that show as nothing dropped.
READER = 2


@dataclass
class RunReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)  # "old → new"
    duplicates: dict[str, str] = field(default_factory=dict)  # library file → the curated file it repeats
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
    document: Document | None = None  # None: carried over, chunk ids below
    chunks: list[Chunk] = field(default_factory=list)
    carried_ids: list[str] = field(default_factory=list)
    stale_reason: str = ""

    @property
    def fresh(self) -> bool:
        return self.document is not None

    @property
    def chunk_ids(self) -> list[str]:
        return [c.chunk_id for c in self.chunks] if self.fresh else self.carried_ids


@dataclass
class _Context:
    """What every step of one run reads."""

    settings: Settings
    old: Manifest | None
    prefix: str
    same_prefix: bool
    report: RunReport
    say: Progress
    started: float
    reread: bool  # documents an earlier READER read are read again

    @property
    def same_rows(self) -> bool:
        """Same embedder and chunking: the old generation's row ids still hold, whatever the format."""
        return self.old is not None and self.old.prefix == self.prefix

    @property
    def format_changed(self) -> bool:
        """The same rows, written in another index format: every document is written again."""
        return self.same_rows and not self.same_prefix


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(
    settings: Settings,
    embedder: Embedder | None = None,
    progress: bool = True,
    log: Progress | None = None,
    wait: bool = False,
) -> RunReport:
    """Bring the index in line with knowledge/. Returns what changed. Raises IngestBusyError
    when another process is re-ingesting (or waits for it with `wait`)."""
    with writer_lock(settings.data_dir, wait=wait):
        ctx = _start(settings, log)
        entries = _scan(ctx)
        entries = _drop_library_duplicates(ctx, entries)
        _give_unique_ids(entries)
        _resolve_versions(ctx, entries)
        _count_changes(ctx, entries)
        if not ctx.report.changed and ctx.old is not None:
            return _record_unchanged(ctx, ctx.old, entries)
        embedder = embedder or make_embedder(settings.embedding)
        stores = _open_stores(ctx, embedder)
        try:
            _recover_missing_rows(ctx, stores, entries)
            _write_rows(ctx, stores, embedder, entries, progress)
            generation = (ctx.old.generation if ctx.old else 0) + 1
            _build_lexical(ctx, stores, generation, entries)
            _commit(ctx, embedder, generation, entries)
            _collect_garbage(ctx, stores, generation, entries)
        finally:
            stores.chunks.close()
        ctx.report.seconds = time.perf_counter() - ctx.started
        return ctx.report


def _start(settings: Settings, log: Progress | None) -> _Context:
    say = log or (lambda message: print(message, file=sys.stderr, flush=True))
    old = Manifest.load(settings.data_dir)
    prefix = store.collection_prefix(settings)
    same_prefix = bool(old and old.prefix == prefix and old.format == FORMAT)
    reread = bool(old and same_prefix and any(d.reader != READER for d in old.documents.values()))
    if old and old.prefix != prefix:
        say("嵌入模型或分段参数已更改：全部文档将重新嵌入。")
    elif old and not same_prefix:
        say("索引格式已更新：全部文档重新写入（复用已有向量，不重新嵌入）。")
    elif reread:
        say("读取文档的方式已更新：全部文档重新读取（文本未变的段落复用已有向量）。")
    return _Context(settings, old, prefix, same_prefix, RunReport(), say, time.perf_counter(), reread)


def _scan(ctx: _Context) -> list[_Entry]:
    """Every file of the knowledge folder: carried over when unchanged, else loaded and chunked.
    A file that fails is reported and skipped (its last good text kept); the others go on."""
    knowledge = ctx.settings.knowledge_dir
    if not knowledge.is_dir():
        raise EmptyKnowledgeError(f"知识库文件夹不存在：{knowledge}（请检查 config.toml 的 index.knowledge_dir）")
    old, report = ctx.old, ctx.report
    entries: list[_Entry] = []
    seen: set[str] = set()
    for path in discover(knowledge):
        source = printable(path.relative_to(knowledge).as_posix())
        seen.add(source)
        previous = old.documents.get(source) if old and ctx.same_rows else None
        try:
            check_file(path, knowledge, ctx.settings.ingest)
            sha = file_sha256(path)
            if previous and ctx.same_prefix and _carried_as_is(previous, sha):
                entries.append(_Entry(source, sha, _doc_meta_from_record(previous), carried_ids=previous.chunk_ids))
                report.unchanged += 1
                continue
            document = load_document(path, knowledge, ctx.settings.ingest)
            chunks = _chunk(document, ctx.settings)
        except (LoadError, OSError) as exc:
            report.failed[source] = str(exc) if isinstance(exc, LoadError) else f"文件无法读取：{exc}"
            if previous:  # keep the last good text rather than lose it
                meta = _doc_meta_from_record(previous)
                entries.append(_Entry(source, previous.sha256, meta, carried_ids=previous.chunk_ids))
                entries[-1].stale_reason = report.failed[source]
            continue
        entries.append(_Entry(source, sha, document.meta, document=document, chunks=chunks))
        (report.updated if previous else report.added).append(_label(document.meta))
    if old:
        report.removed.extend(record.label for source, record in old.documents.items() if source not in seen)
    if not entries:
        raise EmptyKnowledgeError(
            f"知识库文件夹 {knowledge} 中没有可导入的文件（laws/、policies/、reports/ 下的 md、txt、docx、pdf、html）"
            + (f"；未能导入：{'；'.join(f'{s}：{r}' for s, r in report.failed.items())}" if report.failed else "")
        )
    return entries


def _carried_as_is(record: DocRecord, sha: str) -> bool:
    """The file is as its record says, read without error by this release's reader."""
    return record.sha256 == sha and not record.stale_reason and record.reader == READER


def _drop_library_duplicates(ctx: _Context, entries: list[_Entry]) -> list[_Entry]:
    """A library document that is also a curated file (same title and version) is indexed once,
    from the curated file: one citation per article, the curated metadata."""
    curated = {(e.meta.title, e.meta.version): e.source for e in entries if not in_library(e.source)}
    kept = []
    for entry in entries:
        twin = curated.get((entry.meta.title, entry.meta.version))
        if not (in_library(entry.source) and twin):
            kept.append(entry)
            continue
        ctx.report.duplicates[entry.source] = twin
        for told in (ctx.report.added, ctx.report.updated):
            if entry.fresh and _label(entry.meta) in told:
                told.remove(_label(entry.meta))
                break
    return kept


def _chunk(document: Document, settings: Settings) -> list[Chunk]:
    try:
        return chunk_document(document, settings.embedding.max_chunk_chars)
    except Exception as exc:  # a chunker bug on one odd file must not stop the run
        raise LoadError(f"{document.meta.source}: 无法分段（{exc.__class__.__name__}: {exc}）") from exc


def _give_unique_ids(entries: list[_Entry]) -> None:
    """The same file stem in two folders: the one indexed first keeps the stem as its id, the
    others are told apart by their folder (policies/foo), so both are indexed."""
    counts = Counter(e.meta.doc_id for e in entries)
    for doc_id in (d for d, n in counts.items() if n > 1):
        group = sorted((e for e in entries if e.meta.doc_id == doc_id), key=lambda e: (e.fresh, e.source))
        for entry in group[1:]:
            if entry.document is None:
                continue  # carried over: it already had a unique id when it was indexed
            qualified = str(Path(entry.source).with_suffix(""))
            entry.document = replace(entry.document, meta=replace(entry.document.meta, doc_id=qualified))
            entry.meta = entry.document.meta
            entry.chunks = [replace(c, doc_id=qualified) for c in entry.chunks]


def _resolve_versions(ctx: _Context, entries: list[_Entry]) -> None:
    """A revised law supersedes the older text; both stay searchable."""
    resolved = resolve_versions([e.meta for e in entries])
    old_status = {r.doc_id: r.status for r in ctx.old.documents.values()} if ctx.old else {}
    by_id = {e.meta.doc_id: e.meta for e in entries}
    for entry in entries:
        status, by = resolved[entry.meta.doc_id]
        if status == "superseded" and old_status.get(entry.meta.doc_id) != "superseded":
            newer = by_id.get(by)
            ctx.report.superseded.append(f"{_label(entry.meta)} → {_label(newer) if newer else '（新版本）'}")
        entry.meta = replace(entry.meta, status=status, superseded_by=by)


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


def _count_changes(ctx: _Context, entries: list[_Entry]) -> None:
    report, old = ctx.report, ctx.old
    old_status = {r.doc_id: r.status for r in old.documents.values()} if old else {}
    status_changed = any(old_status.get(e.meta.doc_id) != e.meta.status for e in entries)
    lost = old is not None and ctx.same_prefix and _lexical_incomplete(ctx.settings.data_dir, old)
    if lost:
        ctx.say("BM25 索引缺失或不完整：从已存段落补齐（不重新嵌入）。")
    _count_rereads(ctx, entries)
    report.changed = bool(
        not ctx.same_prefix or lost or ctx.reread or report.added or report.updated or report.removed or status_changed
    )
    new_ids = {cid for e in entries for cid in e.chunk_ids}
    old_ids = {cid for r in old.documents.values() for cid in r.chunk_ids} if old else set()
    report.chunks_total = sum(len(e.chunk_ids) for e in entries)
    report.documents_total = len(entries)
    report.chunks_added = len(new_ids - old_ids) if ctx.same_rows else len(new_ids)
    report.chunks_removed = len(old_ids - new_ids) if ctx.same_rows else len(old_ids)


def _count_rereads(ctx: _Context, entries: list[_Entry]) -> None:
    """A document read again only because this release reads files (READER) or writes the index
    (FORMAT) otherwise, whose passages came out as before, is counted unchanged, not updated."""
    old = ctx.old
    if old is None or not (ctx.reread or ctx.format_changed):
        return
    for entry in entries:
        previous = old.documents.get(entry.source)
        if entry.fresh and previous and previous.sha256 == entry.sha256 and previous.chunk_ids == entry.chunk_ids:
            ctx.report.updated.remove(_label(entry.meta))
            ctx.report.unchanged += 1


def _lexical_incomplete(data_dir: Path, active: Manifest) -> bool:
    """The active generation's BM25 index is lost or damaged (not as many rows as it names)."""
    try:
        lexical.open_generation(data_dir, active.generation_name, active.chunk_count)
    except (lexical.IncompleteError, FileNotFoundError, OSError, ValueError):
        return True
    return False


def _record_unchanged(ctx: _Context, old: Manifest, entries: list[_Entry]) -> RunReport:
    old.failed = ctx.report.failed
    for entry in entries:
        old.documents[entry.source].stale_reason = entry.stale_reason
    old.last_run = _last_run(ctx.report, ctx.started)
    old.save(ctx.settings.data_dir)
    ctx.report.generation = old.generation
    ctx.report.seconds = time.perf_counter() - ctx.started
    return ctx.report


@dataclass
class _Stores:
    """Where one run writes: the collection and chunk store of the configured embedder, and the
    collection of an index in the old one-collection-per-generation format, whose vectors are reused."""

    client: ClientAPI
    collection: Collection
    chunks: ChunkStore
    legacy: Collection | None


def _open_stores(ctx: _Context, embedder: Embedder) -> _Stores:
    client = store.make_client(ctx.settings)
    metadata = {"embedder_key": store.embedder_key(ctx.settings), "embedder_dimension": embedder.identity.dimension}
    collection = store.open_collection(client, store.collection_name(ctx.prefix), ctx.settings, metadata)
    legacy = None
    if ctx.old and ctx.old.format < FORMAT and ctx.old.prefix == ctx.prefix and ctx.old.collection in _names(client):
        legacy = client.get_collection(ctx.old.collection)
    return _Stores(client, collection, ChunkStore.open(ctx.settings.data_dir, ctx.prefix), legacy)


def _recover_missing_rows(ctx: _Context, stores: _Stores, entries: list[_Entry]) -> None:
    """A carried document whose rows are gone (a damaged or deleted store) is loaded anew."""
    carried = [cid for e in entries if not e.fresh for cid in e.carried_ids]
    present = stores.chunks.present(carried) if carried else set()
    for entry in entries:
        if not entry.fresh and any(cid not in present for cid in entry.carried_ids):
            _reload(ctx, entry)


def _reload(ctx: _Context, entry: _Entry) -> None:
    path = ctx.settings.knowledge_dir / entry.source
    try:
        document = load_document(path, ctx.settings.knowledge_dir, ctx.settings.ingest)
    except LoadError as exc:
        ctx.report.failed[entry.source] = f"{exc}（旧索引中的文本也已丢失）"
        entry.carried_ids = []
        return
    ctx.say(f"索引缺少 {entry.source} 的段落：重新导入该文件。")
    entry.document = replace(document, meta=entry.meta)
    entry.chunks = [replace(c, doc_id=entry.meta.doc_id) for c in _chunk(document, ctx.settings)]
    entry.stale_reason = ""


def _write_rows(ctx: _Context, stores: _Stores, embedder: Embedder, entries: list[_Entry], progress: bool) -> None:
    """Rows for the passages of new and changed documents that the store does not hold yet:
    vectors first into Chroma, then text and tokens into the chunk store (a chunk-store row
    therefore always has its vector)."""
    wanted = [(c, e.meta) for e in entries if e.fresh for c in e.chunks]
    present = stores.chunks.present(c.chunk_id for c, _ in wanted)
    fresh = [(c, meta) for c, meta in wanted if c.chunk_id not in present]
    vectors = _vectors(ctx, stores, embedder, [c for c, _ in fresh], progress)
    if fresh:  # titles stay whole words, as on the query side (bot.core.retrieval)
        add_words(sorted({e.meta.title for e in entries}))
    rows = [
        ChunkRow(
            c.chunk_id,
            c.text,
            " ".join(tokenize(f"{c.context} {c.text}")),
            c.article,
            c.article_no,
            c.part,
            c.chapter,
            c.section,
            c.ordinal,
        )
        for c, _ in fresh
    ]
    ids = [r.id for r in rows]
    light = [{"doc_id": c.doc_id, "content_hash": c.content_hash} for c, _ in fresh]
    store.upsert_batched(stores.client, stores.collection, ids, [vectors[c.content_hash] for c, _ in fresh], light)
    stores.chunks.put_many(rows)


def _vectors(ctx: _Context, stores: _Stores, embedder: Embedder, chunks: list[Chunk], progress: bool) -> dict[str, Any]:
    """content hash → vector: from the index, from the vector cache, else embedded now (each batch
    cached as soon as it is done, so a killed run resumes where it stopped)."""
    hashes = [c.content_hash for c in chunks]
    key, dimension = store.embedder_key(ctx.settings), embedder.identity.dimension
    cache = VectorCache.for_embedder(ctx.settings.data_dir, key, dimension)
    try:
        vectors = cache.get_many(hashes)
        # Indexes built before the cache existed hold vectors only in Chroma; they are read there
        # when such an index is converted (a metadata scan: too slow to repeat on every run).
        for collection in (stores.legacy, None if ctx.same_prefix else stores.collection):
            vectors.update(_cached_vectors(collection, [h for h in hashes if h not in vectors]))
        to_embed = list({c.content_hash: c for c in chunks if c.content_hash not in vectors}.values())
        ctx.report.reused_vectors = sum(1 for h in hashes if h in vectors)
        ctx.report.embedded = len(to_embed)
        if to_embed:
            ctx.say(f"正在嵌入 {len(to_embed)} 个新段落（模型 {embedder.identity.label()}）…")
        with tqdm(
            total=len(to_embed), desc="嵌入", unit="段", disable=not progress or not to_embed, file=sys.stderr
        ) as bar:
            for part in store.batches(len(to_embed), ctx.settings.embedding.batch_size):
                batch = to_embed[part]
                embedded = embedder.embed_documents([f"{c.context}\n{c.text}" for c in batch])
                cache.put_many([c.content_hash for c in batch], embedded)
                vectors.update({c.content_hash: v for c, v in zip(batch, embedded, strict=True)})
                bar.update(len(batch))
    finally:
        cache.close()
    return vectors


def _build_lexical(ctx: _Context, stores: _Stores, generation: int, entries: list[_Entry]) -> None:
    """The new generation's BM25 index, from the chunk store's tokens of exactly its rows, in
    the order it names them: the same index whether built from scratch or after re-ingests."""
    ids = [cid for e in entries for cid in e.chunk_ids]
    tokens = stores.chunks.tokens(ids)
    folder = lexical.folder_for(ctx.settings.data_dir, store.generation_name(ctx.prefix, generation))
    lexical.build(folder, ((cid, tokens[cid]) for cid in ids))


def _commit(ctx: _Context, embedder: Embedder, generation: int, entries: list[_Entry]) -> None:
    """Write the manifest: the moment the new generation becomes the one readers open."""
    manifest = Manifest(
        embedder_key=store.embedder_key(ctx.settings),
        embedder=embedder.identity.as_dict(),
        prefix=ctx.prefix,
        collection=store.collection_name(ctx.prefix),
        generation=generation,
        failed=ctx.report.failed,
    )
    for entry in entries:
        if not entry.chunk_ids:
            continue  # lost beyond recovery; reported as failed
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
            chunk_ids=entry.chunk_ids,
            supersedes=m.supersedes,
            superseded_by=m.superseded_by,
            edition=m.edition,
            stale_reason=entry.stale_reason,
            reader=READER,
        )
    ctx.report.generation = generation
    ctx.report.chunks_total = manifest.chunk_count
    manifest.last_run = _last_run(ctx.report, ctx.started)
    manifest.commit(ctx.settings.data_dir)


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


def _label(meta: DocMeta) -> str:
    return f"《{meta.title}》（{meta.version}）" if meta.version else f"《{meta.title}》"


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
        "duplicates": report.duplicates,
    }


def _collect_garbage(ctx: _Context, stores: _Stores, active: int, entries: list[_Entry]) -> None:
    """Drop rows, BM25 folders and snapshots that no kept generation (the newest keep_generations)
    and no live reader names, and collections of other embedders or of the old format that no
    reader holds. Runs under the writer lock: no other writer is adding rows."""
    data_dir, prefix = ctx.settings.data_dir, ctx.prefix
    held = held_collections(data_dir)
    newest = range(active - ctx.settings.index.keep_generations + 1, active + 1)
    kept = {store.generation_name(prefix, n) for n in newest}
    kept |= {name for name in held if (parsed := store.parse_generation(name)) and parsed[0] == prefix}
    named = {cid for e in entries for cid in e.chunk_ids}
    for name in kept - {store.generation_name(prefix, active)}:
        snapshot = Manifest.load_snapshot(data_dir, name)
        if snapshot is not None:
            named |= {cid for record in snapshot.documents.values() for cid in record.chunk_ids}
    held_prefixes = {parsed[0] for name in held if (parsed := store.parse_generation(name))}
    stored = stores.chunks.all_ids()
    unnamed = sorted(stored - named)
    stores.chunks.delete(unnamed)  # chunk store first: its rows always have their vectors
    store.delete_batched(stores.client, stores.collection, unnamed)
    _sweep_orphans(stores, known=stored - set(unnamed))
    Manifest.drop_snapshots(data_dir, keep=kept)
    for folder in (data_dir / "lexical").iterdir() if (data_dir / "lexical").is_dir() else []:
        if folder.name not in held:  # the BM25 folders of format 2, one per generation
            shutil.rmtree(folder, ignore_errors=True)
    for folder in (data_dir / lexical.ROOT).iterdir() if (data_dir / lexical.ROOT).is_dir() else []:
        # a generation's index, or format 3's one index per prefix (data/bm25/<prefix>), or a
        # killed run's partial build
        if folder.name not in kept and folder.name not in held_prefixes:
            shutil.rmtree(folder, ignore_errors=True)
    for name in _names(stores.client):
        if name == stores.collection.name or name in held or name.removesuffix("-v2") in held_prefixes:
            continue
        if name.startswith("fazhi-"):
            stores.client.delete_collection(name)


def _sweep_orphans(stores: _Stores, known: set[str]) -> None:
    """Vectors a killed run wrote whose chunk-store rows never followed, or that a killed
    collector left behind."""
    if stores.collection.count() != len(known):
        ids = stores.collection.get(include=[])["ids"]
        store.delete_batched(stores.client, stores.collection, [cid for cid in ids if cid not in known])
