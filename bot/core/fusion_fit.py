"""Fit the fusion weights to real questions by coordinate ascent, and write them as a table the
retriever reads (`[index] fusion_weights_file`).

    python -m bot fit-fusion ../shared/eval/stard_train.jsonl eval/dev_qa.jsonl eval/extra_qa.jsonl \
        eval/staff_lay.jsonl --no-loss --out knowledge/fusion_library.toml   # (the library indexed)

Only the development part of each file is read (`ingest.splits`; the held-back 30 % is never seen
here), so `python -m bot eval --split held` measures what the weights buy. Each question's
candidates are fetched once (the embedding and both rankers); a trial re-fuses them with other
weights through the retriever's own `rank`, so a trial costs milliseconds per question.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.evaluate import chunk_matches, first_of_each_article
from bot.core.fusion_weights import GRID, typed
from bot.core.retrieval import Candidates, Retriever
from ingest.splits import development

ROUNDS = 2
DEPTH = 30  # passages per ranker, as answers read them ([retrieval] candidates)


@dataclass(frozen=True, order=True)
class Score:
    recall_at_10: float  # what is fitted (STARD's measure)
    mrr_at_10: float  # breaks ties


@dataclass(frozen=True)
class Question:
    id: str
    candidates: Candidates
    gold: list[dict[str, str]]


def prepare(retriever: Retriever, rows: list[dict[str, Any]], depth: int = DEPTH, part: str = "all") -> list[Question]:
    """The development part's answerable questions (`part`: ingest.splits.development), each with
    its candidates fetched once."""
    questions = []
    for row in development(rows, part):
        gold = row.get("gold") or []
        parsed = retriever.parse(row["query"])
        if gold and not parsed.is_lookup:
            questions.append(Question(str(row["id"]), retriever.candidates(parsed, depth), gold))
    return questions


@contextmanager
def weighted(retriever: Retriever, weights: dict[str, float]) -> Iterator[Retriever]:
    saved = retriever.settings
    retriever.settings = saved.model_copy(update=typed(weights))
    try:
        yield retriever
    finally:
        retriever.settings = saved


def measure(retriever: Retriever, questions: list[Question], weights: dict[str, float]) -> Score:
    recalls, reciprocal = [], []
    with weighted(retriever, weights):
        for question in questions:
            ranked, _topical = retriever.rank(question.candidates, set())
            articles = first_of_each_article([e.chunk for e in ranked])[:10]
            at = [next((n for n, c in enumerate(articles, 1) if chunk_matches(c, g)), 0) for g in question.gold]
            recalls.append(sum(1 for n in at if n) / len(question.gold))
            reciprocal.append(1 / min(n for n in at if n) if any(at) else 0.0)
    return Score(round(statistics.fmean(recalls), 4), round(statistics.fmean(reciprocal), 4))


def measure_sets(retriever: Retriever, sets: list[list[Question]], weights: dict[str, float]) -> list[Score]:
    return [measure(retriever, questions, weights) for questions in sets]


def mean(scores: list[Score]) -> Score:
    """Every set counts the same, however many questions it has (a few dozen staff questions
    beside 758 citizens' ones)."""
    return Score(
        round(statistics.fmean(s.recall_at_10 for s in scores), 4),
        round(statistics.fmean(s.mrr_at_10 for s in scores), 4),
    )


def fit(
    retriever: Retriever, sets: list[list[Question]], rounds: int = ROUNDS, no_loss: bool = False
) -> tuple[dict[str, float], list[str]]:
    """Coordinate ascent on the mean score: each weight in turn set to its best value, the others
    held; `rounds` passes. `no_loss`: a change is kept only if no set's MRR@10 falls below where
    it started (one audience's first answers are not traded for another's). Returns the weights
    and a log line per change."""
    best = typed({name: getattr(retriever.settings, name) for name in GRID})
    start = measure_sets(retriever, sets, best)
    best_score = mean(start)
    log = [f"start {best}: recall@10 {best_score.recall_at_10}, MRR@10 {best_score.mrr_at_10}"]
    for _ in range(rounds):
        changed = False
        for name, values in GRID.items():
            for value in values:
                trial = {**best, name: value}
                each = measure_sets(retriever, sets, trial)
                if no_loss and any(e.mrr_at_10 < s.mrr_at_10 for e, s in zip(each, start, strict=True)):
                    continue
                if best_score < (score := mean(each)):
                    best, best_score, changed = trial, score, True
                    log.append(f"{name} = {value}: recall@10 {score.recall_at_10}, MRR@10 {score.mrr_at_10}")
        if not changed:
            break
    return best, log


def write(path: Path, weights: dict[str, float], log: list[str], source: str, n: int, index: str) -> None:
    lines = [
        "# Fusion weights fitted by `python -m bot fit-fusion` (bot/core/fusion_fit.py) on the",
        f"# development part of {source} ({n} questions; the held-back part never read).",
        f"# Fitted over: {index}.",
        *(f"# {line}" for line in log),
        "",
        *(f"{name} = {typed({name: value})[name]}" for name, value in weights.items()),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
