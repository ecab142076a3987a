"""Learn which law a question is about from its words, as the table `[index] law_router_file`
reads (bot/core/law_router.py): a logistic regression over the words of real questions, one class
per law their gold articles lie in, and one, HELD, for the questions the knowledge base answers.

    python -m ingest.learn_law_router ../shared/eval/stard_train.jsonl eval/*.jsonl --out knowledge/law_router.npz

A question's class is HELD when one of its gold articles lies in a document the shipped knowledge
base holds (or it asks about the report), else the first gold article's law. Only the development
part of each file is read (ingest.splits; the held-back 30 % never), so `python -m bot eval
--split held` measures what the table buys. The cross-validated share of each kind caught is
printed, by which the threshold ([retrieval] unheld_router_share) was chosen.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ingest.errors import LoadError
from ingest.loaders import discover, in_library, load_document
from ingest.splits import development, read_rows
from ingest.tokenize import tokenize

HELD = "HELD"
# Regularisation of the regression (sklearn's C); 1, 4 and 16 caught the same share of unheld
# questions at the chosen threshold, cross-validated, 1 flagged the fewest of the bureau's own.
STRENGTH = 1.0


def held_titles(knowledge: Path) -> set[str]:
    """Titles of the documents in the knowledge folder, the national library's aside, read as an
    ingest reads them; a file that cannot be read is not held."""
    titles: set[str] = set()
    for path in discover(knowledge):
        if in_library(path.relative_to(knowledge).as_posix()):
            continue
        try:
            titles.add(load_document(path, knowledge).meta.title)
        except LoadError:
            continue
    return titles


def label(row: Mapping[str, Any], held: set[str]) -> str:
    laws = [str(g.get("law", "")) for g in row.get("gold") or []]
    return HELD if any(law == "report" or law in held for law in laws) else laws[0]


def question_words(row: Mapping[str, Any]) -> list[str]:
    """A question's words as the learned word tables read them (each once); also the litigation table's."""
    return sorted(set(tokenize(str(row["query"]))))


def examples(files: Iterable[list[dict[str, Any]]], held: set[str]) -> tuple[list[list[str]], list[str]]:
    # question sets only: a summary gold file (eval/summary_*.jsonl) has targets, not questions
    questions = [[row for row in rows if "id" in row and row.get("query") and row.get("gold")] for rows in files]
    rows = [row for part in questions for row in development(part)]
    return [question_words(row) for row in rows], [label(row, held) for row in rows]


def word_regression(strength: float, *, intercept: bool = True) -> Any:
    """Words in (a question's tokens), a class out: a binary bag of words and a logistic regression.
    Also the litigation table's (ingest.learn_litigation)."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        CountVectorizer(analyzer=lambda ws: ws, binary=True),
        LogisticRegression(C=strength, fit_intercept=intercept, max_iter=5000),
    )


def _model() -> Any:
    """One class per law of the gold articles, and HELD."""
    return word_regression(STRENGTH)


def fit(words: list[list[str]], labels: list[str]) -> dict[str, np.ndarray]:
    pipeline = _model().fit(words, labels)
    vectorizer, model = pipeline[0], pipeline[-1]
    weights, bias = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # one row, for the second class: as two rows of a softmax
        weights, bias = np.vstack([np.zeros_like(weights), weights]), np.concatenate([[0.0], bias])
    return {
        "words": np.array(vectorizer.get_feature_names_out(), dtype=str),
        "laws": np.array(model.classes_, dtype=str),
        "weights": weights.astype(np.float32),
        "bias": bias.astype(np.float32),
    }


def cross_checked(words: list[list[str]], labels: list[str]) -> np.ndarray:
    """Each question's share not HELD, from a model fitted without it (5 folds)."""
    from sklearn.model_selection import cross_val_predict

    shares = cross_val_predict(_model(), np.array(words, dtype=object), labels, cv=5, method="predict_proba")
    held_column = sorted(set(labels)).index(HELD)
    return 1.0 - shares[:, held_column]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.learn_law_router")
    parser.add_argument("questions", type=Path, nargs="+", help="JSONL question sets with gold articles")
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"), help="the shipped knowledge folder")
    parser.add_argument("--out", type=Path, default=Path("knowledge/law_router.npz"))
    args = parser.parse_args(argv)
    files = [rows for path in args.questions if (rows := read_rows(path)) is not None]
    if len(files) != len(args.questions):
        return 2
    held = held_titles(args.knowledge)
    words, labels = examples(files, held)
    unheld = np.array([lab != HELD for lab in labels])
    shares = cross_checked(words, labels)
    for threshold in (0.7, 0.8, 0.9, 0.95):
        flagged = shares >= threshold
        print(
            f"阈值 {threshold}：未收录法律的问题识别 {flagged[unheld].mean():.3f}（{int(unheld.sum())} 题），"
            f"知识库能答的问题误判 {int(flagged[~unheld].sum())}/{int((~unheld).sum())}"
        )
    table = fit(words, labels)
    np.savez_compressed(
        args.out, words=table["words"], laws=table["laws"], weights=table["weights"], bias=table["bias"]
    )
    print(f"{len(labels)} 题，{len(Counter(labels))} 类，写入 {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
