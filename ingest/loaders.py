"""Read a file of the knowledge tree into a Document (md with front matter, txt, docx, pdf, html)."""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from ingest.errors import LoadError
from ingest.settings import IngestSettings
from ingest.types import DocMeta, Document

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".docx", ".pdf", ".html", ".htm")
KIND_BY_FOLDER = {"laws": "law", "policies": "policy", "reports": "report"}
# The national library (LawRefBook layout) lives under knowledge/library/: its category folders
# say what kind a document is; every other category (宪法, 民法典, 行政法, 经济法 …) holds laws.
LIBRARY_FOLDER = "library"


def in_library(source: str) -> bool:
    """Whether a document (its path relative to the knowledge folder) came with the national library."""
    return source.split("/", 1)[0] == LIBRARY_FOLDER


LIBRARY_KINDS = {
    "行政法规": "regulation",
    "司法解释": "judicial_interpretation",
    "部门规章": "department_rule",
    "地方性法规": "local_regulation",
    "案例": "case",
}
_INFO_END = "<!-- INFO END -->"
_YEAR = re.compile(r"(19|20)\d{2}")
_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_ACT = re.compile(r"通过|修正|修订|公布|发布")
# Characters that show as nothing: a line of the national library's 民事诉讼法 made only of a zero-width
# space ended 第一百八十七条's quote with an empty line (str.strip() keeps them: they are not whitespace).
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LoadError(f"{name}: 文本编码无法识别（不是 UTF-8 或 GB18030）")


def _read_markdown(path: Path) -> tuple[dict[str, Any], str]:
    text = _decode(path.read_bytes(), path.name)
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise LoadError(f"{path.name}: 文件头（front matter）无法解析：{exc}") from exc
    if not isinstance(post.metadata, dict):
        raise LoadError(f"{path.name}: 文件头（front matter）不是键值表")
    return dict(post.metadata), post.content


def _read_text(path: Path) -> tuple[dict[str, Any], str]:
    return {}, _decode(path.read_bytes(), path.name)


def check_docx_size(path: Path, limits: IngestSettings) -> None:
    """A .docx is a zip: refuse one that would unpack beyond the limits (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LoadError(f"{printable(path.name)}: DOCX 文件损坏或无法打开（{exc.__class__.__name__}）") from exc
    unpacked = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if unpacked > limits.max_docx_unpacked_mb * 1024 * 1024:
        raise LoadError(
            f"{printable(path.name)}: DOCX 解压后 {unpacked / 1024 / 1024:.0f} MB，"
            f"超过上限 {limits.max_docx_unpacked_mb:g} MB（ingest.max_docx_unpacked_mb）"
        )
    if unpacked / packed > limits.max_docx_ratio:
        raise LoadError(
            f"{printable(path.name)}: DOCX 压缩比 {unpacked / packed:.0f}:1 异常（上限 {limits.max_docx_ratio:g}:1），"
            "疑似压缩炸弹，已拒绝"
        )


def _read_docx(path: Path) -> tuple[dict[str, Any], str]:
    import docx  # python-docx; imported here so that Markdown-only runs do not pay for it
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    try:
        document = docx.Document(str(path))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, OSError, LxmlError) as exc:
        raise LoadError(f"{path.name}: DOCX 文件损坏或无法打开（{exc.__class__.__name__}）") from exc
    lines: list[str] = []
    meta: dict[str, Any] = {}
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.lower().startswith(("title", "heading 1")) and "title" not in meta:
            meta["title"] = text
            lines.append(f"# {text}")
        elif style.lower().startswith("heading"):
            lines.append(f"## {text}")
        else:
            lines.append(text)
    return meta, "\n\n".join(lines)


def _read_pdf(path: Path) -> tuple[dict[str, Any], str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"{path.name}: PDF 文件损坏或无法解析（{exc.__class__.__name__}）") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise LoadError(f"{path.name}: PDF 没有文本层（可能是扫描件），请先做文字识别")
    return {}, text


def _read_html(path: Path) -> tuple[dict[str, Any], str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path.read_bytes(), path.name), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    meta: dict[str, Any] = {}
    heading = soup.find("h1") or soup.find("title")
    if heading is not None and heading.get_text(strip=True):
        meta["title"] = heading.get_text(strip=True)
    lines = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "div"]):
        if element.name == "div" and element.find(["p", "div", "h1", "h2", "h3", "li"]):
            continue
        text = element.get_text(" ", strip=True)
        if not text:
            continue
        level = {"h1": "# ", "h2": "## ", "h3": "### ", "h4": "### "}.get(element.name, "")
        lines.append(level + text)
    return meta, "\n\n".join(lines)


_READERS: dict[str, Callable[[Path], tuple[dict[str, Any], str]]] = {
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".txt": _read_text,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    ".html": _read_html,
    ".htm": _read_html,
}


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _split_history(body: str) -> tuple[str, str]:
    """Separate the adoption/amendment note (between the title and INFO END)."""
    if _INFO_END not in body:
        return "", body
    head, rest = body.split(_INFO_END, 1)
    history_lines = [ln.strip() for ln in head.splitlines() if ln.strip() and not ln.startswith("#")]
    title_lines = [ln for ln in head.splitlines() if ln.startswith("# ")]
    return "\n".join(history_lines), "\n".join(title_lines) + "\n" + rest


def first_heading(body: str) -> str:
    """The text of the first `# ` line (a library file's title), or ""."""
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith("# "):
            return stripped[2:].strip()
    return ""


def _kind_by_folder(parts: tuple[str, ...]) -> str:
    if parts[0] == LIBRARY_FOLDER:
        categories = [p for p in parts[1:-1] if p != "laws"]
        return LIBRARY_KINDS.get(categories[0], "law") if categories else "law"
    return KIND_BY_FOLDER.get(parts[0], "policy") if len(parts) > 1 else "policy"


def _last_year(history: str) -> re.Match[str] | None:
    """A library file without a date in its name: the year of the latest adoption or revision in
    its history note (not of a 施行 line: the 民法典's books share one adoption)."""
    acts = [line for line in history.splitlines() if _ACT.search(line) and "施行" not in line]
    return _YEAR.search(acts[-1]) if acts else None


def _effective(history: str) -> str:
    """「2021年1月1日 施行」/「自2024年1月1日起施行」 in a history note → 2021-01-01."""
    for line in reversed(history.splitlines()):
        if "施行" in line and (m := _DATE.search(line)):
            return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    return ""


def _revision_word(history: str) -> str:
    """修订 or 修正 when the history note's last line says so (files without front matter)."""
    last = history.strip().splitlines()[-1] if history.strip() else ""
    return next((word for word in ("修订", "修正") if word in last), "")


def _edition(version: str, kind: str, revised: str) -> str:
    if not version:
        return ""
    if kind in ("report", "policy"):
        return f"{version}年度" if kind == "report" else f"{version}年"
    if not revised:
        return f"{version}年公布"
    return f"{version}年{revised if revised in ('修订', '修正') else '修订'}"


def printable(name: str) -> str:
    """A file name fit to print and store: names in GBK bytes (unzipped from a Chinese Windows
    zip) arrive as surrogates; show them decoded, marked."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        try:
            return f"{raw.decode('gb18030')}（文件名不是 UTF-8 编码）"
        except UnicodeDecodeError:
            return f"{raw.decode('utf-8', errors='replace')}（文件名不是 UTF-8 编码）"


def check_file(path: Path, knowledge_dir: Path, limits: IngestSettings) -> None:
    """What must hold before a file is read at all: a printable name, inside the knowledge
    folder (a link may not reach out of it), a supported type, within the size limit."""
    name = printable(path.name)
    if name != path.name:
        raise LoadError(f"{name}: 文件名不是 UTF-8 编码，请重命名后再导入")
    if not path.resolve().is_relative_to(knowledge_dir.resolve()):
        raise LoadError(f"{name}: 是指向知识库之外（{path.resolve()}）的链接，已拒绝")
    if path.suffix.lower() not in _READERS:
        raise LoadError(f"{name}: 不支持的文件类型 {path.suffix}（支持 {', '.join(SUPPORTED_SUFFIXES)}）")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"{name}: 文件无法读取（{exc.strerror or exc}）") from exc
    if size > limits.max_file_mb * 1024 * 1024:
        raise LoadError(
            f"{name}: 文件 {size / 1024 / 1024:.1f} MB，超过上限 {limits.max_file_mb:g} MB（ingest.max_file_mb）"
        )
    if path.suffix.lower() == ".docx":
        check_docx_size(path, limits)


def load_document(path: Path, knowledge_dir: Path, limits: IngestSettings | None = None) -> Document:
    """Read one file. Raises LoadError with a reason a person can act on, whatever goes wrong."""
    check_file(path, knowledge_dir, limits or IngestSettings.model_validate({}))
    try:
        return _load(path, knowledge_dir)
    except LoadError:
        raise
    except OSError as exc:
        raise LoadError(f"{path.name}: 文件无法读取（{exc.strerror or exc}）") from exc
    except Exception as exc:  # a parser's own error on a malformed file: this file fails, not the run
        raise LoadError(f"{path.name}: 无法解析（{exc.__class__.__name__}: {str(exc)[:200]}）") from exc


def _load(path: Path, knowledge_dir: Path) -> Document:
    relative = path.relative_to(knowledge_dir).as_posix()
    meta, body = _READERS[path.suffix.lower()](path)
    history, body = _split_history(_INVISIBLE.sub("", body))
    if not body.strip() or not re.search(r"\w", body):
        raise LoadError(f"{path.name}: 文件没有正文内容")
    parts = path.relative_to(knowledge_dir).parts
    year = _YEAR.search(path.stem) or _last_year(history)
    title = _as_text(meta.get("title")) or first_heading(body) or path.stem
    status = _as_text(meta.get("status")) or "in_force"
    if status not in ("in_force", "superseded"):
        raise LoadError(f"{path.name}: status 只能是 in_force 或 superseded，而不是 {status!r}")
    version = _as_text(meta.get("version")) or (year.group(0) if year else "")
    kind = _as_text(meta.get("kind")) or _kind_by_folder(parts)
    revised = _as_text(meta.get("revised")) or ("" if meta else _revision_word(history))
    doc_meta = DocMeta(
        doc_id=path.stem,
        title=title,
        version=version,
        kind=kind,
        status=status,
        effective=_as_text(meta.get("effective")) or _effective(history),
        edition=_edition(version, kind, revised),
        issuer=_as_text(meta.get("issuer")),
        source=relative,
        supersedes=_as_text(meta.get("supersedes")),
        superseded_by=_as_text(meta.get("superseded_by")),
    )
    return Document(meta=doc_meta, body=body, history=history)


def discover(knowledge_dir: Path) -> list[Path]:
    """Every supported file under the knowledge folder, in a stable order."""
    return sorted(
        p
        for p in knowledge_dir.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUPPORTED_SUFFIXES
        and not p.name.startswith((".", "~$"))
        and not any(part.startswith(".") for part in p.relative_to(knowledge_dir).parts)
        and p.name.lower() != "readme.md"
    )
