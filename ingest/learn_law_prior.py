"""Learn which laws real consultation questions concern (the gold articles' titles), as the table
`[index] law_prior_file` reads (bot/core/law_prior.py).

    python -m ingest.learn_law_prior ../shared/eval/stard_train.jsonl --out knowledge/law_prior.toml

Only the development part of the file is read (the held-back 30 % is never seen here), so
`python -m bot eval --split held` measures what the table buys.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ingest.splits import development, read_rows


def learn(rows: Iterable[Mapping[str, Any]]) -> Counter[str]:
    """Gold articles per law title over the development rows."""
    counts: Counter[str] = Counter()
    for row in development(rows):
        gold = row.get("gold") or []
        counts.update(str(g["law"]) for g in gold if g.get("law") and g["law"] != "report")
    return counts


def render(counts: Counter[str], source: str, questions: int) -> str:
    header = (
        "# Learned by `python -m ingest.learn_law_prior` from the development part of\n"
        f"# {source} ({questions} questions; the held-back part never read): how many gold articles\n"
        "# of real questions each law holds. Read as a prior for questions that name no law\n"
        "# ([retrieval] law_prior_weight); do not edit by hand, rebuild instead.\n"
        "[laws]\n"
    )
    body = "\n".join(f"{json.dumps(t, ensure_ascii=False)} = {n}" for t, n in counts.most_common())
    return header + body + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.learn_law_prior")
    parser.add_argument("questions", type=Path, help="JSONL of questions with gold articles (query, gold)")
    parser.add_argument("--out", type=Path, default=Path("knowledge/law_prior.toml"))
    args = parser.parse_args(argv)
    if (rows := read_rows(args.questions)) is None:
        return 2
    counts = learn(rows)
    used = len(development(rows))
    args.out.write_text(render(counts, args.questions.name, used), encoding="utf-8")
    print(f"{len(counts)} 部法律，写入 {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
