"""Quick summaries of a document, a part of one, or a topic: extractive by default, each bullet
a verbatim sentence cited to its article or report section."""

from __future__ import annotations

import html
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.core.answer import InvalidQuestionError
from bot.core.diff import sparse_cosine
from bot.core.services import Services
from bot.core.types import Citation
from ingest.chunking import split_sentences
from ingest.index import StoredChunk
from ingest.manifest import DocRecord
from ingest.tokenize import tokenize

if TYPE_CHECKING:
    from bot.core.generate import Generator

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
    mode: str = "extractive"


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
            candidates.append((sparse_cosine(vector, centroid) + figure_bonus, name, sentence, chunk))
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
        if item not in chosen and all(sparse_cosine(vector, v) < 0.6 for v in vectors):
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


_BULLET = re.compile(r"^\s*[-•*]\s*(.+?)\s*((?:\[\d+\])+)\s*[。.]?\s*$")
_FIGURE_IN_BULLET = re.compile(
    r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百零两]+)(?:个工作日|个月|日|天|年|%|％|次|倍|条)"
)


def _parse_bullets(reply: str, allowed: dict[int, StoredChunk]) -> list[tuple[str, int]]:
    """'- 要点 [3]' lines → (text, passage number). Raises ValueError on anything unchecked."""
    bullets: list[tuple[str, int]] = []
    for line in reply.splitlines():
        if not line.strip():
            continue
        match = _BULLET.match(line)
        if not match:
            continue  # a heading or a remark, not a bullet
        number = int(re.findall(r"\d+", match.group(2))[0])
        if number not in allowed:
            raise ValueError(f"引用了不存在的编号 [{number}]")
        text = match.group(1)
        for figure in _FIGURE_IN_BULLET.findall(text):
            if figure not in allowed[number].text:
                raise ValueError(f"数字“{figure}”不见于第 {number} 段")
        bullets.append((text, number))
    if not bullets:
        raise ValueError("没有可核验的要点")
    return bullets


def summarize_with_model(
    services: Services, target: str, generator: Generator, bullets: int | None = None, progress: bool = False
) -> Summary:
    """Map-reduce over the parts with a chat model; every bullet's citation and figures are
    checked against the cited passage, and a summary that fails falls back to the extractive one."""
    scope, chunks = _scope(services, target)
    numbered = dict(enumerate(sorted(chunks, key=lambda c: (c.doc_id, c.ordinal)), start=1))
    groups: dict[str, dict[int, StoredChunk]] = {}
    for n, chunk in numbered.items():
        groups.setdefault(_group(chunk), {})[n] = chunk
    points: list[tuple[str, int]] = []
    try:
        for i, group in enumerate(groups.values(), start=1):
            if progress:
                print(f"\r摘要中：第 {i}/{len(groups)} 部分", end="", file=sys.stderr, flush=True)
            passages = "\n\n".join(f"[{n}] {c.text}" for n, c in group.items())
            points += _parse_bullets(
                generator.complete(services.templates.prompt("summary_map", passages=passages)), group
            )
        limit = bullets or services.settings.summary.bullets
        listed = "\n".join(f"- {text} [{n}]" for text, n in points)
        reply = generator.complete(services.templates.prompt("summary_reduce", points=listed, bullets=limit))
        final = _parse_bullets(reply, {n: numbered[n] for _, n in points})[:limit]
    except Exception as exc:  # a failed check or an unreachable model: the extractive summary stands
        fallback = summarize(services, target, bullets=bullets)
        fallback.mode = f"extractive（生成的摘要未通过核验：{exc}）"
        return fallback
    finally:
        if progress:
            print(file=sys.stderr)
    final.sort(key=lambda item: item[1])
    result = Summary(title=scope, sources=len(chunks), mode="llm")
    for k, (text, n) in enumerate(final, start=1):
        result.bullets.append(Bullet(text, Citation.from_chunk(k, numbered[n])))
    return result


def make_summary(services: Services, target: str, bullets: int | None = None, progress: bool = False) -> Summary:
    """The configured kind: with a chat model when answers use one, else extractive."""
    generator = services.answerer.generator
    if generator is not None:
        return summarize_with_model(services, target, generator, bullets=bullets, progress=progress)
    return summarize(services, target, bullets=bullets, progress=progress)


def render_summary_text(summary: Summary) -> str:
    lines = [f"{summary.title}摘要（依据 {summary.sources} 个段落）："]
    if summary.mode != "extractive":
        lines.append(f"（{summary.mode}）")
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
