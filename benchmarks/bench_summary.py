"""Latency of summaries and of the 新旧对照 alignment on an existing index. Prints numbers.

python -m ingest run && python benchmarks/bench_summary.py
python benchmarks/bench_summary.py 民法典 "民法典 继承编"    # other targets (e.g. over the national library)
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import Assistant  # noqa: E402
from bot.core.diff import _cached_compare, compare_versions  # noqa: E402
from bot.core.summary import summarize  # noqa: E402
from bot.core.summary_request import summary_target  # noqa: E402
from ingest.settings import load_settings  # noqa: E402

TARGETS = ["2023年报告", "复议法", "复议法 第四章", "复议法 第五章", "复议受理流程"]


def timed(fn: object, runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(samples), 1)


def main() -> None:
    services = Assistant(load_settings()).services
    targets = sys.argv[1:] or TARGETS
    summarize(services, targets[0])  # warm-up: jieba dictionary
    results = {f"summary {t} (ms, median of 5)": timed(lambda t=t: summarize(services, t)) for t in targets}
    if sys.argv[1:]:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    # The same summary asked in words, through the answerer (the request is read, then summarised).
    results["ask 「复议法第五章讲了什么？」 (ms, median of 5)"] = timed(
        lambda: services.answerer.ask("复议法第五章讲了什么？")
    )
    questions = [json.loads(line)["query"] for line in (ROOT / "eval" / "dev_qa.jsonl").open(encoding="utf-8")]
    aliases = services.retriever.aliases
    results[f"reading whether a question asks for a summary, {len(questions)} questions (ms, total)"] = timed(
        lambda: [summary_target(q, aliases) for q in questions]
    )

    def fresh_diff() -> None:
        _cached_compare.cache_clear()
        compare_versions(services, "复议法")

    results["diff 行政复议法 2017→2023 (ms, uncached)"] = timed(fresh_diff)
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
