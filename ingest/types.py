"""The plain data that flows through ingestion: Document → Chunk."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DocMeta:
    """What is known about a document, from front matter or from the file itself."""

    doc_id: str  # file stem, unique in the knowledge tree
    title: str
    version: str  # revision year
    kind: str  # law · regulation · judicial_interpretation · local_regulation · report · policy
    status: str  # in_force · superseded
    effective: str = ""
    edition: str = ""  # how the version reads in a citation: 2023年修订, 2010年公布, 2023年度
    issuer: str = ""
    source: str = ""  # path relative to the knowledge folder
    supersedes: str = ""  # doc_id of the older version this one replaces
    superseded_by: str = ""


@dataclass(frozen=True)
class Document:
    meta: DocMeta
    body: str  # text without front matter
    history: str = ""  # the adoption and amendment note, when the file has one


@dataclass(frozen=True)
class Chunk:
    """One retrievable unit: an article (or part of one), or a report section."""

    doc_id: str
    text: str  # verbatim, quoted in answers
    ordinal: int  # position in the document
    article: str = ""  # 第二十条
    article_no: int = 0
    part: int = 0  # 0 when the article is whole; 1, 2 … for parts of a long article
    chapter: str = ""
    section: str = ""  # 第X节 for laws; the section path for reports and policies
    context: str = ""  # headings embedded and indexed with the text, never quoted
    occurrence: int = 0  # > 0 for a repeat of identical text at the same place (sources do repeat)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return sha256_text(self.context + "\n" + self.text)

    @property
    def chunk_id(self) -> str:
        """Deterministic, and covers everything the stored row holds (place, order, text), so a
        row never changes under a reader: a moved or edited passage is a new row."""
        key = f"{self.doc_id}|{self.article}|{self.part}|{self.section}|{self.chapter}|{self.ordinal}|{self.text}"
        if self.occurrence:
            key += f"|{self.occurrence}"
        return sha256_text(key)[:24]

    @property
    def locator(self) -> str:
        """第二十条, 第二十条（之二）, or the report section path."""
        if self.article:
            return self.article + (f"（第{self.part}部分）" if self.part else "")
        return self.section
