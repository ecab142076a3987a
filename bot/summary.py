"""Quick summaries of a document, a part of one, or a topic: extractive by default, each bullet
a verbatim sentence cited to its article or report section."""

from __future__ import annotations

import html
import math
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.answer import InvalidQuestionError
from bot.service import Services
from bot.types import Citation
from ingest.chunking import split_sentences
from ingest.index import StoredChunk
from ingest.manifest import DocRecord
from ingest.tokenize import tokenize

_CHAPTER = re.compile(r"第[一二三四五六七八九十百\d]+[章节]")
_HAS_FIGURE = re.compile(r"\d|[一二三四五六七八九十百]+[日天个年次%]|％")
# Sentences shorter than this say too little to stand alone as a bullet.
MIN_SENTENCE_CHARS = 12


@dataclass(frozen=True)
class Bullet:
    text: str  # verbatim from the cited passage
    citation: Citation


@dataclass
class Summary:
    title: str  # what was summarised
    bullets: list[Bullet] = field(default_factory=list)
    sources: int = 0  # passages read


def _scope(services: Services, target: str) -> tuple[str, list[StoredChunk]]:
    """Which passages a request covers: a document, a chapter/section of one, or a topic."""
    target = target.strip()
    if not target:
        raise InvalidQuestionError("请写明要摘要的文件、章节或主题，例如：/summary 复议法 第四章")
    title, written = services.retriever.aliases.find(target)
    if title:
        doc = _current(services, title, old="旧" in target or "修订前" in target)
        chunks = [c for c in services.index.by_doc.get(doc.doc_id, []) if c.section != "制定和修订沿革"]
        part = target.replace(written, " ", 1).strip()
        if part:
            wanted = _CHAPTER.search(part)
            key = wanted.group(0) if wanted else part
            selected = [c for c in chunks if key in c.chapter or key in c.section]
            if not selected:
                raise InvalidQuestionError(f"《{title}》中没有找到“{part}”。")
            return f"《{title}》{part}", selected
        return f"《{title}》", chunks
    retrieval = services.retriever.retrieve(target, k=12)
    if retrieval.grounding < services.settings.retrieval.min_grounding:
        raise InvalidQuestionError(services.templates.message("refusal"))
    top = retrieval.evidence[0].score
    return f"主题“{target}”", [e.chunk for e in retrieval.evidence if e.score >= 0.5 * top]


def _current(services: Services, title: str, old: bool) -> DocRecord:
    docs = [d for d in services.index.documents if d.title == title]
    wanted = "superseded" if old else "in_force"
    return max(docs, key=lambda d: (d.status == wanted, d.version))


def _vector(text: str, idf: Callable[[str], float]) -> dict[str, float]:
    counts = Counter(tokenize(text))
    return {t: c * idf(t) for t, c in counts.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _group(chunk: StoredChunk) -> str:
    """The part of the document a passage belongs to, for coverage across parts."""
    if chunk.article:
        return chunk.section or chunk.chapter
    return chunk.section.split(" > ")[0]


def summarize(services: Services, target: str, bullets: int | None = None, progress: bool = False) -> Summary:
    scope, chunks = _scope(services, target)
    limit = bullets or services.settings.summary.bullets
    idf = services.index.lexical.idf
    groups: dict[str, list[tuple[str, StoredChunk]]] = {}
    for chunk in sorted(chunks, key=lambda c: (c.doc_id, c.ordinal)):
        for sentence in split_sentences(chunk.text.replace("\n", "")):
            body = re.sub(r"^第[一二三四五六七八九十百零]+条\s*", "", sentence)
            if len(body) >= MIN_SENTENCE_CHARS:
                groups.setdefault(_group(chunk), []).append((sentence, chunk))
    if not groups:
        raise InvalidQuestionError(f"{scope}没有可摘要的内容。")
    # Section by section: the most central sentences of each part, then combined.
    candidates: list[tuple[float, str, str, StoredChunk]] = []
    names = list(groups)
    for number, name in enumerate(names, start=1):
        if progress:
            print(f"\r摘要中：第 {number}/{len(names)} 部分", end="", file=sys.stderr, flush=True)
        sentences = groups[name]
        vectors = [_vector(s, idf) for s, _ in sentences]
        centroid: Counter[str] = Counter()
        for v in vectors:
            centroid.update(v)
        for (sentence, chunk), vector in zip(sentences, vectors, strict=True):
            figure_bonus = 0.15 if _HAS_FIGURE.search(sentence) else 0.0
            candidates.append((_cos(vector, dict(centroid)) + figure_bonus, name, sentence, chunk))
    if progress:
        print(file=sys.stderr)
    chosen = _select(candidates, names, limit, idf)
    chosen.sort(key=lambda item: (item[3].doc_id, item[3].ordinal))
    result = Summary(title=scope, sources=len(chunks))
    for n, (_, _, sentence, chunk) in enumerate(chosen, start=1):
        result.bullets.append(Bullet(sentence, Citation.from_chunk(n, chunk, quote=sentence)))
    return result


def _select(
    candidates: list[tuple[float, str, str, StoredChunk]], groups: list[str], limit: int, idf: Callable[[str], float]
) -> list[tuple[float, str, str, StoredChunk]]:
    """Best sentence of each part first (while room), then by score, skipping near-duplicates."""
    ranked = sorted(candidates, key=lambda c: -c[0])
    chosen: list[tuple[float, str, str, StoredChunk]] = []
    vectors: list[dict[str, float]] = []

    def take(item: tuple[float, str, str, StoredChunk]) -> None:
        vector = _vector(item[2], idf)
        if item not in chosen and all(_cos(vector, v) < 0.6 for v in vectors):
            chosen.append(item)
            vectors.append(vector)

    for group in groups:
        if len(chosen) >= limit:
            break
        best = next((c for c in ranked if c[1] == group), None)
        if best:
            take(best)
    for item in ranked:
        if len(chosen) >= limit:
            break
        take(item)
    return chosen


def render_summary_text(summary: Summary) -> str:
    lines = [f"{summary.title}摘要（依据 {summary.sources} 个段落）："]
    for b in summary.bullets:
        lines.append(f"• {b.text} [{b.citation.n}]")
    lines.append("\n出处：")
    lines += [f"[{b.citation.n}] {b.citation.reference()}" for b in summary.bullets]
    return "\n".join(lines)


def render_summary_html(summary: Summary) -> str:
    lines = [f"<b>{html.escape(summary.title)}摘要</b>"]
    lines += [f"• {html.escape(b.text)} [{b.citation.n}]" for b in summary.bullets]
    lines.append("\n<b>出处</b>")
    lines += [f"[{b.citation.n}] {html.escape(b.citation.reference())}" for b in summary.bullets]
    return "\n".join(lines)
