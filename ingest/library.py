"""The national library of laws (LawRefBook layout) as an opt-in part of the knowledge base.

`python -m ingest library add lawrefbook-national.tar.gz` unpacks it under knowledge/library/
(the loader reads kinds from its category folders) and re-ingests; `library remove` takes it
out again. Documents already curated in knowledge/ (same title and version) are indexed once,
from the curated file.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterator, Sized
from pathlib import Path
from typing import TypeVar

from ingest.errors import ConfigError
from ingest.loaders import LIBRARY_FOLDER, discover, first_heading

Table = TypeVar("Table", bound=Sized)


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


def files_in(archive: Path) -> Iterator[tuple[str, str, str]]:
    """(path in the archive, title, text) of each Markdown file of a library archive that has a
    title (its first `# ` line): what the tables of the library's names and terms are read from."""
    with tarfile.open(archive) as tar:
        for member in tar:
            if not (member.isfile() and member.name.endswith(".md")):
                continue
            handle = tar.extractfile(member)
            text = handle.read().decode("utf-8", errors="replace") if handle else ""
            if title := first_heading(text):
                yield member.name, title, text


def table_main(
    argv: list[str] | None,
    *,
    name: str,
    description: str,
    build: Callable[[Path], Table],
    render: Callable[[Table, str], str],
    unit: str,
) -> int:
    """The command line of a table built from the library archive (`python -m ingest.<name>
    ARCHIVE --out FILE`): an unreadable archive is one line and exit status 1."""
    parser = argparse.ArgumentParser(prog=f"python -m ingest.{name}", description=description)
    parser.add_argument("archive", type=Path, help="lawrefbook-national.tar.gz")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        table = build(args.archive)
    except (OSError, tarfile.TarError) as exc:
        print(f"无法读取 {args.archive}：{exc}", file=sys.stderr)
        return 1
    args.out.write_text(render(table, args.archive.name), encoding="utf-8")
    print(f"{len(table)} 个{unit} → {args.out}")
    return 0
