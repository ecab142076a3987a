"""Learn which articles questions ask about (the gold articles of the development parts of
question sets), as the table `[index] asked_articles_file` reads (bot/core/asked.py): a summary of
a law leads with the rules people ask about.

    python -m ingest.learn_asked_articles eval/dev_qa.jsonl … ../shared/eval/stard_train.jsonl \\
        --out knowledge/asked_articles.toml

Only the development part of each file is read (its held-back 30 % is never seen here).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ingest.splits import development, read_rows


def learn(rows: Iterable[Mapping[str, Any]]) -> Counter[tuple[str, str, str]]:
    """(title, version, article) → how many development questions have it as a gold article."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for row in development(rows):
        for gold in row.get("gold") or []:
            if gold.get("law") and gold["law"] != "report" and gold.get("article"):
                counts[(str(gold["law"]), str(gold.get("version", "")), str(gold["article"]))] += 1
    return counts


def render(counts: Counter[tuple[str, str, str]], sources: list[str], questions: int) -> str:
    header = (
        "# Learned by `python -m ingest.learn_asked_articles` from the development parts of\n"
        f"# {', '.join(sources)} ({questions} questions; the held-back parts never read): how many\n"
        '# questions ask about each article ("title|version|article"; an empty version: any). Read by\n'
        "# summaries (bot/core/asked.py); do not edit by hand, rebuild instead.\n"
        "[articles]\n"
    )
    body = "\n".join(
        f"{json.dumps('|'.join(key), ensure_ascii=False)} = {n}"
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return header + body + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.learn_asked_articles")
    parser.add_argument("questions", type=Path, nargs="+", help="JSONL files of questions with gold articles")
    parser.add_argument("--out", type=Path, default=Path("knowledge/asked_articles.toml"))
    args = parser.parse_args(argv)
    counts: Counter[tuple[str, str, str]] = Counter()
    used = 0
    for path in args.questions:
        if (rows := read_rows(path)) is None:
            return 2
        counts += learn(rows)
        used += len(development(rows))
    args.out.write_text(render(counts, [p.name for p in args.questions], used), encoding="utf-8")
    print(f"{len(counts)} 个条文，写入 {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
