"""Law-aware chunking: one chunk per article (第X条) with its 款 and 项; reports and policies
by their own headings (一、 / （一） / #), never cut mid-sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ingest.numerals import CN_NUMERAL_CHARS, cn_to_int
from ingest.types import Chunk, Document

_NUM = f"[{CN_NUMERAL_CHARS}\\d]+"
ARTICLE_RE = re.compile(rf"^第({_NUM})条(?:之[一二三四五六七八九十]+)?[\s\u3000]*")
CHAPTER_RE = re.compile(rf"^(?:#+\s*)?(第{_NUM}[章编])(?:[\s\u3000]*(.*))?$")
SECTION_RE = re.compile(rf"^(?:#+\s*)?(第{_NUM}节)(?:[\s\u3000]*(.*))?$")
TOP_HEADING_RE = re.compile(r"^([一二三四五六七八九十]+)、\s*(.*)$")
SUB_HEADING_RE = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]\s*(.*)$")
MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*)$")
# A sentence ends at 。！？； (and a closing quote right after one).
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])[”’」』]?")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, punctuation kept; nothing is lost or reordered."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end > start and text[start:end].strip():
            pieces.append(text[start:end])
        start = end
    if text[start:].strip():
        pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def _pack(units: list[str], limit: int, joiner: str) -> list[str]:
    """Group consecutive units into pieces of at most `limit` characters (a unit is never cut)."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for unit in units:
        if current and size + len(unit) > limit:
            pieces.append(joiner.join(current))
            current, size = [], 0
        current.append(unit)
        size += len(unit) + len(joiner)
    if current:
        pieces.append(joiner.join(current))
    return pieces


def split_long(text: str, limit: int) -> list[str]:
    """Split at paragraph (款/项) boundaries, then at sentence ends, never mid-sentence."""
    if len(text) <= limit:
        return [text]
    units: list[str] = []
    for line in text.split("\n"):
        units.extend([line] if len(line) <= limit else split_sentences(line))
    return _pack(units, limit, "\n")


def is_law_text(body: str) -> bool:
    return sum(1 for line in body.splitlines() if ARTICLE_RE.match(line.strip())) >= 2


def _law_chunks(doc: Document, limit: int) -> Iterator[Chunk]:
    chapter = section = ""
    article = ""
    lines: list[str] = []
    ordinal = 0

    def flush() -> Iterator[Chunk]:
        nonlocal ordinal
        if not article or not lines:
            return
        text = "\n".join(lines)
        number = ARTICLE_RE.match(text)
        article_no = cn_to_int(number.group(1)) if number else 0
        context = " ".join(x for x in (doc.meta.title, chapter, section) if x)
        parts = split_long(text, limit)
        for index, part_text in enumerate(parts, start=1):
            ordinal += 1
            yield Chunk(
                doc_id=doc.meta.doc_id,
                text=part_text,
                ordinal=ordinal,
                article=article,
                article_no=article_no,
                part=index if len(parts) > 1 else 0,
                chapter=chapter,
                section=section,
                context=context,
            )

    for raw in doc.body.splitlines():
        line = raw.strip()
        if not line or line.startswith("# "):
            continue
        if (match := CHAPTER_RE.match(line)) and not ARTICLE_RE.match(line):
            yield from flush()
            article, lines = "", []
            chapter = " ".join(x for x in (match.group(1), (match.group(2) or "").replace(" ", "")) if x)
            section = ""
            continue
        if (match := SECTION_RE.match(line)) and not ARTICLE_RE.match(line):
            yield from flush()
            article, lines = "", []
            section = " ".join(x for x in (match.group(1), (match.group(2) or "").replace(" ", "")) if x)
            continue
        if match := ARTICLE_RE.match(line):
            yield from flush()
            article = f"第{match.group(1)}条"
            lines = [line]
            continue
        if article:
            lines.append(line)
    yield from flush()


_ITEM_START = re.compile(r"^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]+是|第[一二三四五六七八九十]+，)")


def split_items(paragraph: str, limit: int) -> list[str]:
    """A report paragraph split at its enumerated items (一是…二是…), whole sentences only."""
    pieces: list[list[str]] = [[]]
    for sentence in split_sentences(paragraph):
        # A lone heading sentence stays with the first item it introduces.
        lone_heading = len(pieces) == 1 and len(pieces[0]) == 1 and SUB_HEADING_RE.match(pieces[0][0])
        if _ITEM_START.match(sentence) and pieces[-1] and not lone_heading:
            pieces.append([])
        pieces[-1].append(sentence)
    out: list[str] = []
    for piece in pieces:
        out.extend(_pack(piece, limit, ""))
    return out


def _structured_chunks(doc: Document, limit: int, start: int = 0) -> Iterator[Chunk]:
    """Reports and policies: sections from 一、 / （一） / Markdown headings."""
    top = sub = ""
    ordinal = start
    for raw in doc.body.splitlines():
        line = raw.strip()
        if not line:
            continue
        if md := MD_HEADING_RE.match(line):
            level, heading = len(md.group(1)), md.group(2).strip()
            if level == 1:
                continue  # the document title
            if level == 2:
                top, sub = heading, ""
            else:
                sub = heading
            continue
        if (match := TOP_HEADING_RE.match(line)) and len(line) <= 60:
            top, sub = line, ""
            continue
        paragraph = line
        if match := SUB_HEADING_RE.match(line):
            lead = split_sentences(match.group(2))
            sub = f"（{match.group(1)}）{lead[0] if lead else ''}".rstrip("。")
        path = " > ".join(x for x in (top, sub) if x) or "导语"
        for piece in split_items(paragraph, limit):
            ordinal += 1
            yield Chunk(
                doc_id=doc.meta.doc_id,
                text=piece,
                ordinal=ordinal,
                section=path,
                context=f"{doc.meta.title} {path}",
            )


def _unique(chunks: list[Chunk]) -> list[Chunk]:
    """Number repeats of an identical chunk so every id stays unique and deterministic."""
    seen: dict[str, int] = {}
    out = []
    for chunk in chunks:
        count = seen.get(chunk.chunk_id, 0)
        seen[chunk.chunk_id] = count + 1
        out.append(replace(chunk, occurrence=count) if count else chunk)
    return out


def chunk_document(doc: Document, max_chars: int) -> list[Chunk]:
    """All chunks of a document, in document order."""
    chunks: list[Chunk] = []
    if doc.history:
        chunks.append(
            Chunk(
                doc_id=doc.meta.doc_id,
                text=doc.history,
                ordinal=0,
                section="制定和修订沿革",
                context=f"{doc.meta.title} 制定 修订 修正 通过 公布",
            )
        )
    if is_law_text(doc.body):
        chunks.extend(_law_chunks(doc, max_chars))
    else:
        chunks.extend(_structured_chunks(doc, max_chars))
    return _unique(chunks)
