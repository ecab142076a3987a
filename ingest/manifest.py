"""The manifest: which files are indexed (by content hash), which generation is active, which
embedder built it. Written atomically; it is the commit point of every re-ingest."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"
FORMAT = 1


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

    @property
    def label(self) -> str:
        return f"《{self.title}》（{self.version}）" if self.version else f"《{self.title}》"


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
        if not path.is_file():
            return None
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw["documents"] = {k: DocRecord(**v) for k, v in raw.get("documents", {}).items()}
        return cls(**raw)

    def save(self, data_dir: Path) -> None:
        """Write to a temporary file and rename: readers see the old or the new, never half."""
        data_dir.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(asdict(self), ensure_ascii=False, indent=1)
        fd, tmp = tempfile.mkstemp(prefix=".manifest-", dir=data_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            Path(tmp).replace(self.path(data_dir))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
