"""Learn whether a question about going to court concerns a civil or an administrative case, from
its words, as the table `[index] litigation_file` reads (bot/core/litigation.py). The two procedure
laws say much the same of 传票, 证据, 判决书 and 执行; 「对方不执行判决，法院能查他的银行存款吗」 is a
civil case, 「告政府开庭的时候被告不来」 an administrative one, and which law's article leads should
follow.

    python -m ingest.learn_litigation eval/*.jsonl --out knowledge/litigation.npz

A question is civil when its gold articles lie in a 民事诉讼 title, administrative when in a
行政诉讼 title (the law and its interpretation); other questions are not read. Only the development
part of each file is read (ingest.splits; the held-back 30 % never), so `python -m bot eval --split
held` measures what the table buys. The cross-validated accuracy is printed.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from ingest.learn_law_router import question_words, word_regression
from ingest.splits import development, read_rows

CIVIL, ADMINISTRATIVE = "civil", "administrative"
# Regularisation (sklearn's C). Five folds of the development parts, each ranked by a table learned
# without it, at [retrieval] litigation_weight 0.3: citizens' lead 0.631 / 0.637 / 0.634 at C 0.3 / 1 / 4.
STRENGTH = 1.0


def court_family(title: str) -> str | None:
    """Which procedure a title governs, by what it names: 民事诉讼 or 行政诉讼; None for other titles."""
    civil, administrative = "民事诉讼" in title, "行政诉讼" in title
    if civil == administrative:
        return None
    return CIVIL if civil else ADMINISTRATIVE


def label(row: dict[str, Any]) -> str | None:
    families = {court_family(str(g.get("law", ""))) for g in row.get("gold") or []} - {None}
    return families.pop() if len(families) == 1 else None


def examples(files: Iterable[list[dict[str, Any]]]) -> tuple[list[list[str]], list[str]]:
    rows = [row for rows in files for row in development([r for r in rows if "id" in r and r.get("query")])]
    labelled = [(row, family) for row in rows if (family := label(row)) is not None]
    return [question_words(row) for row, _ in labelled], [family for _, family in labelled]


def _model() -> Any:
    # No intercept: a question in none of the learned words is neither (share 0.5), not the class
    # the common words' weights were balanced against (with one, 「城管……」 read 0.8 civil).
    return word_regression(STRENGTH, intercept=False)


def fit(words: list[list[str]], labels: list[str]) -> dict[str, np.ndarray]:
    """Weights toward civil: a question's civil share is the logistic of bias (0, fitted without one)
    and its words' weights."""
    pipeline = _model().fit(words, labels)
    vectorizer, model = pipeline[0], pipeline[-1]
    sign = 1.0 if model.classes_[1] == CIVIL else -1.0  # sklearn's one row is for the second class
    return {
        "words": np.array(vectorizer.get_feature_names_out(), dtype=str),
        "weights": (sign * model.coef_[0]).astype(np.float32),
        "bias": np.array([sign * float(np.atleast_1d(model.intercept_)[0])], dtype=np.float32),
    }


def cross_checked(words: list[list[str]], labels: list[str]) -> float:
    from sklearn.model_selection import cross_val_score

    return float(cross_val_score(_model(), np.array(words, dtype=object), labels, cv=5).mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.learn_litigation")
    parser.add_argument("questions", type=Path, nargs="+", help="JSONL question sets with gold articles")
    parser.add_argument("--out", type=Path, default=Path("knowledge/litigation.npz"))
    args = parser.parse_args(argv)
    files = [rows for path in args.questions if (rows := read_rows(path)) is not None]
    if len(files) != len(args.questions):
        return 2
    words, labels = examples(files)
    counts = Counter(labels)
    if len(counts) != 2:
        print("需要民事、行政两类诉讼问题各至少一题（金标条文在民事诉讼或行政诉讼的文件中）")
        return 2
    if min(counts.values()) >= 5:
        print(f"五折交叉验证准确率 {cross_checked(words, labels):.3f}")
    table = fit(words, labels)
    np.savez_compressed(args.out, words=table["words"], weights=table["weights"], bias=table["bias"])
    print(f"{len(labels)} 题（民事 {counts[CIVIL]}，行政 {counts[ADMINISTRATIVE]}），写入 {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
