"""The plain data every interface renders: Evidence → Citation → Answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ingest.index import StoredChunk
from ingest.numerals import int_to_cn


@dataclass(frozen=True)
class Evidence:
    """A retrieved passage with the scores that ranked it."""

    chunk: StoredChunk
    score: float  # fused score, higher is better
    dense: float = 0.0  # cosine similarity, 0 when not retrieved densely
    dense_rank: int = 0  # 1-based, 0 when absent
    lexical_rank: int = 0
    adapted_rank: int = 0  # in the adapted question's dense ranking (index.query_adapter_file), 0 when absent or none
    direct: bool = False  # named in the question (行政复议法第二十条)


@dataclass(frozen=True)
class Citation:
    n: int
    title: str
    version: str
    status: str
    effective: str
    article: str
    section: str
    source: str
    quote: str
    edition: str = ""
    chunk_id: str = ""
    superseded_by: str = ""
    cited_by: int = 0  # n of the citation whose article refers to this one (依照本法第X条)

    @classmethod
    def from_chunk(cls, n: int, chunk: StoredChunk, quote: str | None = None, cited_by: int = 0) -> Citation:
        return cls(
            n=n,
            title=chunk.title,
            version=chunk.version,
            status=chunk.status,
            effective=chunk.effective,
            article=chunk.article,
            section=chunk.section,
            source=chunk.source,
            quote=chunk.text if quote is None else quote,
            edition=chunk.edition,
            chunk_id=chunk.chunk_id,
            superseded_by=chunk.superseded_by,
            cited_by=cited_by,
        )

    @property
    def in_force(self) -> bool:
        return self.status == "in_force"

    def reference(self) -> str:
        """《中华人民共和国行政复议法》（2023年修订，2024-01-01施行）第二十条"""
        details = []
        if self.edition or self.version:
            details.append(self.edition or f"{self.version}年版")
        if self.effective:
            details.append(f"{self.effective}施行")
        if not self.in_force:
            details.append("已被新版本取代")
        head = f"《{self.title}》" + (f"（{'，'.join(details)}）" if details else "")
        return head + (self.article or (f" {self.section}" if self.section else ""))

    def heading(self) -> str:
        """The reference as listed under an answer, saying which citation refers to it."""
        return self.reference() + (f"（[{self.cited_by}]所引用的条文）" if self.cited_by else "")

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for private in ("chunk_id", "superseded_by", "edition"):
            data.pop(private)
        data["reference"] = self.reference()
        return data


@dataclass
class Answer:
    question: str
    text: str  # the lead, in Chinese
    grounded: bool
    citations: list[Citation] = field(default_factory=list)
    notice: str = ""  # e.g. "引用的是已被取代的旧版本"
    mode: str = "extractive"
    timings_ms: dict[str, float] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "grounded": self.grounded,
            "notice": self.notice,
            "mode": self.mode,
            "citations": [c.as_dict() for c in self.citations],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }


def article_label(number: int) -> str:
    return f"第{int_to_cn(number)}条"


def join_notices(*notices: str) -> str:
    """The notices an answer opens with, one a line, the empty ones left out."""
    return "\n".join(n for n in notices if n)
