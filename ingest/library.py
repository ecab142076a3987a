"""The national library of laws (LawRefBook layout) as an opt-in part of the knowledge base.

`python -m ingest library add lawrefbook-national.tar.gz` unpacks it under knowledge/library/
(the loader reads kinds from its category folders) and re-ingests; `library remove` takes it
out again. Documents already curated in knowledge/ (same title and version) are indexed once,
from the curated file.
"""

from __future__ import annotations

import shutil
import tarfile
import tempfile
from pathlib import Path

from ingest.errors import ConfigError
from ingest.loaders import LIBRARY_FOLDER, discover


def library_dir(knowledge_dir: Path) -> Path:
    return knowledge_dir / LIBRARY_FOLDER


def add(knowledge_dir: Path, source: Path) -> int:
    """Unpack an archive (or copy a folder) into knowledge/library/, replacing what was there.
    Returns the number of documents it holds."""
    if not source.exists():
        raise ConfigError(f"找不到法律库：{source}")
    knowledge_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".library-", dir=knowledge_dir))  # hidden: never ingested
    try:
        if source.is_dir():
            shutil.copytree(source, staging, dirs_exist_ok=True)
        elif tarfile.is_tarfile(source):
            with tarfile.open(source) as archive:
                archive.extractall(staging, filter="data")  # no links out, no absolute paths
        else:
            raise ConfigError(f"{source} 不是目录，也不是 tar/tar.gz 压缩包")
        found = len(discover(staging))
        if not found:
            raise ConfigError(f"{source} 中没有可导入的文件")
        target = library_dir(knowledge_dir)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
        return found
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove(knowledge_dir: Path) -> int:
    """Take the library out of the knowledge base; returns how many documents it held."""
    target = library_dir(knowledge_dir)
    if not target.exists():
        return 0
    count = len(discover(target))
    shutil.rmtree(target)
    return count
