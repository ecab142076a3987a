"""Score the assistant on a JSONL file of questions (format of ../shared/eval/)."""

from __future__ import annotations

import json
import statistics
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.answer import Answerer
from bot.render import to_terminal
from ingest.index import StoredChunk


@dataclass
class ItemResult:
    id: str
    kind: str
    query: str
    rank: int | None  # 1-based rank of the first gold passage, None when absent from the top 10
    refused: bool
    facts_ok: bool
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
            for k in (1, 3, 5):
                out[f"recall@{k}"] = _mean(i.rank is not None and i.rank <= k for i in answerable)
            out["mrr@10"] = round(statistics.fmean(1 / i.rank if i.rank else 0.0 for i in answerable), 3)
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


def matches(chunk: StoredChunk, gold: dict[str, str]) -> bool:
    if gold["law"] == "report":
        return chunk.kind == "report" and chunk.version == gold["version"]
    return chunk.title == gold["law"] and chunk.version == gold["version"] and chunk.article == gold["article"]


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def evaluate(answerer: Answerer, rows: list[dict[str, Any]]) -> Report:
    report = Report()
    for row in rows:
        started = time.perf_counter()
        answer = answerer.ask(row["query"])
        latency = (time.perf_counter() - started) * 1000
        rank = next(
            (
                position
                for position, e in enumerate(answer.evidence[:10], start=1)
                if any(matches(e.chunk, g) for g in row.get("gold", []))
            ),
            None,
        )
        shown = _norm(to_terminal(answer)) if answer.grounded else ""
        top = answer.citations[0].reference() if answer.citations else ""
        report.items.append(
            ItemResult(
                id=row["id"],
                kind=row.get("kind", "law"),
                query=row["query"],
                rank=rank,
                refused=not answer.grounded,
                facts_ok=all(_norm(f) in shown for f in row.get("facts", [])),
                latency_ms=latency,
                top=top,
            )
        )
    return report


def load_rows(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: 不是有效的 JSON（{exc.msg}）") from exc
    return rows


def format_report(report: Report) -> str:
    data = report.as_dict()
    lines = ["总体：" + _fmt(data["overall"])]
    lines += [f"{kind}：" + _fmt(values) for kind, values in data["by_kind"].items()]
    misses = [
        i
        for i in report.items
        if (i.kind != "refuse" and (i.rank is None or i.rank > 5))
        or (i.kind == "refuse") != i.refused
        or (i.kind != "refuse" and not i.facts_ok)
    ]
    if misses:
        lines.append("未达标的题目：")
        for i in misses:
            lines.append(
                f"  {i.id} [{i.kind}] 排名={i.rank} 拒答={i.refused} 要点={i.facts_ok} "
                f"{i.query} → {i.top or '（拒答）'}"
            )
    return "\n".join(lines)


def _fmt(values: dict[str, Any]) -> str:
    return "  ".join(f"{k}={v}" for k, v in values.items())
