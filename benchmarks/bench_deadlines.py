"""Latency of the paths added for deadlines, compound messages and comparisons, beside a plain question, on an
existing index, in one process (compare the ratios: the machine is shared). Prints numbers.

python -m ingest run && python benchmarks/bench_deadlines.py
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import Assistant  # noqa: E402
from bot.core.deadlines import timeline  # noqa: E402
from ingest.settings import load_settings  # noqa: E402

PLAIN = ["行政复议申请期限是多久？", "复议中止有哪些情形？", "请求国家赔偿的时效是多长？"]
DEADLINE = [
    "处罚决定书2026年3月5日送达，最晚哪天前申请复议？",
    "复议机关2025年9月26日收到申请，五日审查期到哪天？",
    "补正通知2026年2月12日收到，最晚哪天交材料？",
]
START = dt.date(2024, 9, 20)
COMPOUND = ["复议申请期限是多久？可以口头申请吗？", "复议中止有哪些情形？复议终止有哪些情形？"]
COMPARED = ["复议申请期限和行政诉讼起诉期限有什么不同？", "一审和二审的审理期限有什么不同？"]


def percentiles(fn: Callable[[], object], runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))], 1),
    }


def main() -> None:
    assistant = Assistant(load_settings())
    answerer = assistant.services.answerer
    for question in PLAIN + DEADLINE + COMPOUND + COMPARED:
        answerer.ask(question)  # warm-up: caches, jieba, the embedder
    rounds = 10
    results = {
        "plain question": percentiles(lambda: [answerer.ask(q) for q in PLAIN], rounds),
        "deadline question (date → counted answer)": percentiles(lambda: [answerer.ask(q) for q in DEADLINE], rounds),
        "compound message (two questions)": percentiles(lambda: [answerer.ask(q) for q in COMPOUND], rounds),
        "comparison (two sides)": percentiles(lambda: [answerer.ask(q) for q in COMPARED], rounds),
        "timeline 复议 (10 steps)": percentiles(lambda: timeline(assistant.services, "复议", START), rounds),
    }
    per_question = {
        "plain question": len(PLAIN),
        "deadline question (date → counted answer)": len(DEADLINE),
        "compound message (two questions)": len(COMPOUND),
        "comparison (two sides)": len(COMPARED),
        "timeline 复议 (10 steps)": 1,
    }
    for name, values in results.items():
        n = per_question[name]
        results[name] = {k: round(v / n, 1) for k, v in values.items()}
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
