"""Adding a file to the knowledge folder from outside (a Telegram upload): the name is checked,
the content parsed in a scratch folder first, and a file it replaces is kept in a history folder."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import LoadError
from ingest.loaders import SUPPORTED_SUFFIXES, discover, load_document
from ingest.settings import Settings

FOLDERS = ("laws", "policies", "reports")
MAX_NAME_BYTES = 150
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


@dataclass(frozen=True)
class Saved:
    path: str  # relative to the knowledge folder
    replaced: str = ""  # where the previous file of that name was kept, if there was one


def check_name(name: str) -> str:
    """The file name as it will be saved, or a LoadError saying why it cannot be."""
    name = name.strip()
    if not name:
        raise LoadError("文件没有名称")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise LoadError(f"文件名太长（{len(name.encode('utf-8'))} 字节，上限 {MAX_NAME_BYTES}），请改短后再上传")
    if _UNSAFE.search(name) or name.startswith("."):
        raise LoadError(f"文件名“{name[:60]}”含有路径符号、控制字符或以“.”开头，请改名后再上传")
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise LoadError(f"不支持的文件类型（支持 {'、'.join(SUPPORTED_SUFFIXES)}）")
    return name


def save_upload(settings: Settings, folder: str, name: str, data: bytes) -> Saved:
    """Check and store one uploaded file under knowledge/<folder>/. Raises LoadError."""
    if folder not in FOLDERS:
        raise LoadError(f"目录只能是 {'、'.join(FOLDERS)}")
    name = check_name(name)
    limit = settings.ingest.max_file_mb * 1024 * 1024
    if len(data) > limit:
        raise LoadError(f"文件超过 {settings.ingest.max_file_mb:g} MB")
    knowledge = settings.knowledge_dir
    stem = Path(name).stem
    for other in discover(knowledge) if knowledge.is_dir() else []:
        relative = other.relative_to(knowledge)
        if other.stem == stem and relative.parts[0] != folder:
            raise LoadError(f"已有同名文件 {relative.as_posix()}；要替换它，请上传到 {relative.parts[0]}")
    _parse_in_scratch(settings, folder, name, data)
    target = knowledge / folder / name
    replaced = _keep_previous(settings, folder, target) if target.exists() else ""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{name}.part")
    tmp.write_bytes(data)
    tmp.replace(target)
    return Saved(path=f"{folder}/{name}", replaced=replaced)


def _parse_in_scratch(settings: Settings, folder: str, name: str, data: bytes) -> None:
    """A bad file never enters knowledge/: it must load, within the limits, in a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / folder).mkdir()
        path = root / folder / name
        path.write_bytes(data)
        load_document(path, root, settings.ingest)


def _keep_previous(settings: Settings, folder: str, target: Path) -> str:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    history = settings.data_dir / "history" / folder / f"{target.stem}.{stamp}{target.suffix}"
    history.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(target, history)
    return str(history)
