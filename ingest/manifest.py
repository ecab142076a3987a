"""The manifest: which files are indexed (by content hash), which generation is active, which
embedder built it. Written atomically; it is the commit point of every re-ingest."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"
FORMAT = 4  # 1: a collection per generation; 2: one collection, generations by manifest; 3: one BM25 index;
# 4: a BM25 index per generation again (tantivy, built from the chunk store on each run)
SNAPSHOTS = "generations"


def generation_name(prefix: str, generation: int) -> str:
    """fazhi-<hash>-g00007: how a generation is named in leases, snapshots and BM25 folders."""
    return f"{prefix}-g{generation:05d}"


@dataclass
class DocRecord:
    source: str
    sha256: str
    doc_id: str
    title: str
    version: str
    kind: str
    status: str
    effective: str
    chunk_ids: list[str]
    supersedes: str = ""
    superseded_by: str = ""
    edition: str = ""
    stale_reason: str = ""  # set when the file changed but the new text failed to load
    reader: int = 1  # the pipeline's READER that read the file into passages (1: a record written before the field)

    @property
    def book(self) -> str:
        """The name of this document as one book of a code published in several (its file name:
        继承编 of the 民法典)."""
        return Path(self.source).stem

    @property
    def label(self) -> str:
        return f"《{self.title}》（{self.version}）" if self.version else f"《{self.title}》"

    @property
    def edition_label(self) -> str:
        """《title》（2023年修订）: the edition as the document states it, else its version."""
        return f"《{self.title}》（{self.edition or self.version}）"


@dataclass
class Manifest:
    embedder_key: str
    embedder: dict[str, Any]
    prefix: str
    collection: str
    generation: int
    documents: dict[str, DocRecord] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    last_run: dict[str, Any] = field(default_factory=dict)
    format: int = FORMAT

    @property
    def chunk_count(self) -> int:
        return sum(len(d.chunk_ids) for d in self.documents.values())

    @staticmethod
    def path(data_dir: Path) -> Path:
        return data_dir / MANIFEST_NAME

    @classmethod
    def signature(cls, data_dir: Path) -> tuple[int, int, int] | None:
        """Changes whenever a re-ingest commits (the file is replaced): a cheap 'is it new?'."""
        try:
            st = cls.path(data_dir).stat()
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    @classmethod
    def load(cls, data_dir: Path) -> Manifest | None:
        path = cls.path(data_dir)
        return cls._read(path) if path.is_file() else None

    @classmethod
    def _read(cls, path: Path) -> Manifest:
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw["documents"] = {k: DocRecord(**v) for k, v in raw.get("documents", {}).items()}
        return cls(**raw)

    def save(self, data_dir: Path) -> None:
        """Write to a temporary file and rename: readers see the old or the new, never half."""
        _write_atomically(self.path(data_dir), self._json())

    def _json(self) -> str:
        # Shallow: dataclasses.asdict deep-copies 70k row ids of a national library (0.7 s).
        documents = {k: vars(d) for k, d in self.documents.items()}
        return json.dumps({**vars(self), "documents": documents}, ensure_ascii=False)

    @property
    def generation_name(self) -> str:
        return generation_name(self.prefix, self.generation)

    def commit(self, data_dir: Path) -> None:
        """Write this generation's snapshot (which rows a reader of an older generation may still
        read, for the collector), then the manifest: the moment readers see the new generation."""
        payload = self._json()
        _write_atomically(data_dir / SNAPSHOTS / f"{self.generation_name}.json", payload)
        _write_atomically(self.path(data_dir), payload)

    @classmethod
    def load_snapshot(cls, data_dir: Path, generation_name: str) -> Manifest | None:
        path = data_dir / SNAPSHOTS / f"{generation_name}.json"
        return cls._read(path) if path.is_file() else None

    @staticmethod
    def drop_snapshots(data_dir: Path, keep: set[str]) -> None:
        folder = data_dir / SNAPSHOTS
        for path in folder.glob("*.json") if folder.is_dir() else []:
            if path.stem not in keep:
                path.unlink(missing_ok=True)


def _write_atomically(path: Path, payload: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
