"""Score the assistant on a JSONL file of questions (format of ../shared/eval/)."""

from __future__ import annotations

import statistics
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.core.answer import Answerer
from bot.core.types import Answer, Citation
from ingest.index import StoredChunk
from ingest.manifest import DocRecord
from ingest.splits import development, held_back

KS = (1, 3, 5, 10, 100)


@dataclass
class ItemResult:
    id: str
    kind: str
    query: str
    rank: int | None  # 1-based rank of the first gold article, None when absent from the top 100
    found: dict[int, float]  # k → share of the gold articles in the top k (STARD's recall@k)
    refused: bool
    facts_ok: bool
    lead_ok: bool  # the first citation is a gold article
    cited: float  # share of the gold articles among the (first three) citations
    latency_ms: float
    top: str = ""


@dataclass
class Report:
    items: list[ItemResult] = field(default_factory=list)

    def summary(self, kind: str | None = None) -> dict[str, Any]:
        items = [i for i in self.items if kind is None or i.kind == kind]
        answerable = [i for i in items if i.kind != "refuse"]
        latencies = sorted(i.latency_ms for i in items)
        out: dict[str, Any] = {"n": len(items)}
        if answerable:
            for k in KS:
                out[f"recall@{k}"] = round(statistics.fmean(i.found[k] for i in answerable), 3)
            for k in (1, 10, 100):
                out[f"hit@{k}"] = _mean(i.rank is not None and i.rank <= k for i in answerable)
            out["mrr@10"] = round(
                statistics.fmean(1 / i.rank if i.rank and i.rank <= 10 else 0.0 for i in answerable), 3
            )
            out["lead_accuracy"] = _mean(i.lead_ok for i in answerable)
            out["cited_recall@3"] = round(statistics.fmean(i.cited for i in answerable), 3)
            out["fact_rate"] = _mean(i.facts_ok for i in answerable)
        out["refusal_accuracy"] = _mean((i.kind == "refuse") == i.refused for i in items)
        if latencies:
            out["latency_p50_ms"] = round(_percentile(latencies, 50), 1)
            out["latency_p95_ms"] = round(_percentile(latencies, 95), 1)
        return out

    def as_dict(self) -> dict[str, Any]:
        kinds = sorted({i.kind for i in self.items})
        return {
            "overall": self.summary(),
            "by_kind": {k: self.summary(k) for k in kinds},
            "items": [i.__dict__ for i in self.items],
        }


def _mean(values: Iterable[bool]) -> float:
    values = list(values)
    return round(sum(values) / len(values), 3) if values else 0.0


def _percentile(sorted_values: list[float], pct: float) -> float:
    index = (len(sorted_values) - 1) * pct / 100
    low = int(index)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (index - low)


def matches(title: str, version: str, article: str, kind: str, gold: dict[str, str]) -> bool:
    """A gold entry: `law` the title (or "report"), `version` the year (empty: any), `article`."""
    if gold["law"] == "report":
        return kind == "report" and version == gold["version"]
    return title == gold["law"] and (not gold["version"] or version == gold["version"]) and article == gold["article"]


def chunk_matches(chunk: StoredChunk, gold: dict[str, str]) -> bool:
    return matches(chunk.title, chunk.version, chunk.article, chunk.kind, gold)


def first_of_each_article(evidence: list[StoredChunk]) -> list[StoredChunk]:
    """The ranking by article: the first passage of each article (or report section)."""
    seen: set[tuple[str, str]] = set()
    ranked = []
    for chunk in evidence:
        key = (chunk.doc_id, chunk.article or chunk.section)
        if key not in seen:
            seen.add(key)
            ranked.append(chunk)
    return ranked


def _shown(answer: Answer) -> str:
    parts = [answer.notice, answer.text, *(f"{c.heading()} {c.quote}" for c in answer.citations)]
    return _norm("\n".join(parts))


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def evaluate(answerer: Answerer, rows: list[dict[str, Any]]) -> Report:
    report = Report()
    for row in rows:
        gold = row.get("gold", [])
        started = time.perf_counter()
        answer = answerer.ask(row["query"])
        latency = (time.perf_counter() - started) * 1000
        ranked = first_of_each_article([e.chunk for e in answerer.retriever.retrieve(row["query"], k=300).evidence])[
            :100
        ]
        positions = [next((n for n, c in enumerate(ranked, 1) if chunk_matches(c, g)), None) for g in gold]
        found = {k: (sum(1 for p in positions if p and p <= k) / len(gold) if gold else 0.0) for k in KS}
        hits = [p for p in positions if p]
        cited = answer.citations[:3] if answer.grounded else []
        cited_gold = [g for g in gold if any(_cites(c, g) for c in cited)]
        report.items.append(
            ItemResult(
                id=row["id"],
                kind=row.get("kind", "law"),
                query=row["query"],
                rank=min(hits) if hits else None,
                found=found,
                refused=not answer.grounded,
                facts_ok=answer.grounded and all(_norm(f) in _shown(answer) for f in row.get("facts", [])),
                lead_ok=bool(cited) and any(_cites(cited[0], g) for g in gold),
                cited=len(cited_gold) / len(gold) if gold else 0.0,
                latency_ms=latency,
                top=answer.citations[0].reference() if answer.citations else "",
            )
        )
    return report


def _cites(citation: Citation, gold: dict[str, str]) -> bool:
    kind = "report" if not citation.article and citation.section else "law"
    return matches(citation.title, citation.version, citation.article, kind, gold)


def within_base(rows: list[dict[str, Any]], documents: Iterable[DocRecord]) -> list[dict[str, Any]]:
    """The questions this knowledge base holds every gold article of (its document by title and
    version, a report by its year): a national question set (STARD) read on the bureau's own base
    measures it on what it can answer, not on the laws it does not hold. Refuse items have no gold
    and are left out too."""
    held = list(documents)

    def holds(gold: dict[str, str]) -> bool:  # the article compared with itself: document and version only
        return any(matches(d.title, d.version, gold["article"], d.kind, gold) for d in held)

    return [r for r in rows if r.get("gold") and all(holds(g) for g in r["gold"])]


def split_rows(rows: list[dict[str, Any]], part: str) -> list[dict[str, Any]]:
    """ "dev", "held" (30 %, kept back from anything fitted: ingest.splits) or "all"."""
    if part == "all":
        return rows
    if part == "dev":
        return development(rows)
    return [r for r in rows if held_back(str(r["id"]))]


def format_report(report: Report) -> str:
    data = report.as_dict()
    lines = ["总体：" + format_summary(data["overall"])]
    lines += [f"{kind}：" + format_summary(values) for kind, values in data["by_kind"].items()]
    misses = [
        i
        for i in report.items
        if (i.kind != "refuse" and (i.rank is None or i.rank > 5 or not i.lead_ok))
        or (i.kind == "refuse") != i.refused
        or (i.kind != "refuse" and not i.facts_ok)
    ]
    if misses:
        lines.append("未达标的题目：")
        for i in misses:
            lines.append(
                f"  {i.id} [{i.kind}] 排名={i.rank} 首引={i.lead_ok} 拒答={i.refused} 要点={i.facts_ok} "
                f"{i.query} → {i.top or '（拒答）'}"
            )
    return "\n".join(lines)


def format_summary(values: dict[str, Any]) -> str:
    return "  ".join(f"{k}={v}" for k, v in values.items())


@dataclass
class SummaryScore:
    target: str
    points: list[str]
    missing: list[str]
    bullets: int

    @property
    def coverage(self) -> float:
        return 1 - len(self.missing) / len(self.points) if self.points else 1.0


def score_summary(target: str, points: list[str], shown: str, bullets: int) -> SummaryScore:
    """Key points (figures, article numbers) that must appear in what the summary shows: its
    bullets and the references they cite."""
    text = _norm(shown)
    return SummaryScore(target, points, [p for p in points if _norm(p) not in text], bullets)
