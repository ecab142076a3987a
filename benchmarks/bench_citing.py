"""Latency of a question naming an article: the lookup with its note on the articles that refer to
it, and a question asking what such an article says (bot/core/citing.py), on an existing index.
Prints numbers; the part that finds the citing articles is timed alone too.

python -m ingest run && python benchmarks/bench_citing.py
python benchmarks/bench_citing.py "民法典第一千零六十二条"    # other questions (e.g. over the national library)
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import Assistant  # noqa: E402
from bot.core.citing import citing_articles  # noqa: E402
from ingest.settings import load_settings  # noqa: E402

QUESTIONS = [
    "行政诉讼法第二十五条",  # its law (103 articles) and its 解释 (163) read for what refers to it
    "民事诉讼法第一百二十二条",  # the largest law of the base (306 articles)
    "复议法第二十条",  # the 2023 text; the 实施条例 means the 2017 one
    "行政诉讼法第二十五条说的“近亲属”包括哪些人？",  # led by the 解释's 第十四条
    "复议法第二十条规定的申请期限是多久？",  # stays with 第二十条
]


def median_ms(fn: Callable[[], object], runs: int = 20) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(samples), 1)


def main() -> None:
    assistant = Assistant(load_settings())
    services = assistant.services
    retriever = services.retriever
    services.answerer.ask("行政复议申请期限是多久？")  # warm-up: model, jieba, caches
    results = {}
    for question in sys.argv[1:] or QUESTIONS:
        parsed = retriever.parse(question)
        named = retriever.article(parsed.title, parsed.article_no)
        find_citing = partial(citing_articles, services.index, retriever.aliases, named, parsed.framing)
        results[question] = {
            "ask_ms": median_ms(partial(services.answerer.ask, question)),
            "citing_articles_ms": median_ms(find_citing) if named else 0.0,
            "citing": len(find_citing()) if named else 0,
        }
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
