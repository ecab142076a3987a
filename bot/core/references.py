"""Cross-references between articles: 「依照本法第十三条」, 「《中华人民共和国行政诉讼法》第四十五条」,
「依照《中华人民共和国民事诉讼法》关于期间、送达的规定」 resolved to the articles they name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.query import AliasTable
from ingest.index import KnowledgeIndex, StoredChunk
from ingest.numerals import CN_NUMERAL_CHARS, cn_to_int

_SAME_LAW = re.compile(rf"本(?:法|条例|规定|办法|解释)第([{CN_NUMERAL_CHARS}]+)条")
_OTHER_LAW = re.compile(rf"《([^》]{{2,40}})》第([{CN_NUMERAL_CHARS}]+)条")
_TOPIC_RULES = re.compile(r"《([^》]{2,40})》(?:关于|有关)([^。，；》]{1,20}?)的(?:相关)?规定")


@dataclass(frozen=True)
class Reference:
    written: str  # as the citing article writes it
    chunks: tuple[StoredChunk, ...]  # the article referred to (all its parts)


def _current(index: KnowledgeIndex, title: str) -> str:
    docs = [d for d in index.documents if d.title == title]
    if not docs:
        return ""
    return max(docs, key=lambda d: (d.status == "in_force", d.version)).doc_id


def _article(index: KnowledgeIndex, doc_id: str, number: int) -> tuple[StoredChunk, ...]:
    return tuple(c for c in index.by_doc.get(doc_id, []) if c.article_no == number)


def _topic(index: KnowledgeIndex, doc_id: str, topic: str) -> tuple[StoredChunk, ...]:
    """The first article of the chapter or section named for the topic (期间、送达 → 期间)."""
    first = re.split(r"[、和及与]", topic)[0]
    for chunk in index.by_doc.get(doc_id, []):
        if chunk.article and (first in chunk.section or first in chunk.chapter):
            return _article(index, doc_id, chunk.article_no)
    return ()


def references(index: KnowledgeIndex, aliases: AliasTable, chunk: StoredChunk) -> list[Reference]:
    """The articles this one refers to, in the order it names them (itself excluded)."""
    found: list[Reference] = []
    for match in _SAME_LAW.finditer(chunk.text):
        found.append(Reference(match.group(0), _article(index, chunk.doc_id, cn_to_int(match.group(1)))))
    for match in _OTHER_LAW.finditer(chunk.text):
        doc_id = _current(index, aliases.resolve(match.group(1)))
        if doc_id:
            found.append(Reference(match.group(0), _article(index, doc_id, cn_to_int(match.group(2)))))
    for match in _TOPIC_RULES.finditer(chunk.text):
        doc_id = _current(index, aliases.resolve(match.group(1)))
        if doc_id:
            found.append(Reference(match.group(0), _topic(index, doc_id, match.group(2))))
    seen: set[str] = {chunk.chunk_id}
    unique: list[Reference] = []
    for ref in found:
        if ref.chunks and ref.chunks[0].chunk_id not in seen:
            seen.add(ref.chunks[0].chunk_id)
            unique.append(ref)
    return unique
