"""Fit the query adapter (bot/core/query_adapter.py) to real questions over the index as it is.

    python -m bot fit-adapter ../shared/eval/stard_train.jsonl --out knowledge/query_adapter.npz

Only the development part of each file is read (`ingest.splits`; the held-back 30 % is never seen
here). Each question is embedded as the retriever embeds it; its positives are the passages of its
gold articles, its negatives every other passage of the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from bot.core.evaluate import chunk_matches
from bot.core.query_adapter import QueryAdapter, fit
from bot.core.retrieval import Retriever
from ingest.splits import development
from ingest.store import embedder_key


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def learn(
    retriever: Retriever, rows: Iterable[Mapping[str, Any]], source: str, part: str = "all"
) -> tuple[QueryAdapter | None, int]:
    """The adapter fitted on the development rows with a gold article in the index, and how many
    such questions there were (none: no adapter)."""
    index = retriever.index
    ids = sorted(index.chunks)
    position = {cid: n for n, cid in enumerate(ids)}
    by_article: dict[tuple[str, str], list[str]] = {}
    for cid in ids:
        chunk = index.chunks[cid]
        by_article.setdefault((chunk.title, chunk.article), []).append(cid)
    texts, gold = [], []
    for row in development(rows, part):
        found = [
            position[cid]
            for g in row.get("gold") or []
            for cid in by_article.get((str(g.get("law", "")), str(g.get("article", ""))), [])
            if chunk_matches(index.chunks[cid], g)
        ]
        if found:
            texts.append(retriever.parse(str(row["query"])).search_text)
            gold.append(found)
    if not texts:
        return None, 0
    questions = _unit(np.asarray([index.embedder.embed_query(t) for t in texts], dtype=np.float32))
    passages = _unit(index.vectors(ids))
    matrix = fit(questions, passages, gold)
    about = f"{source} ({part} of the development part): {len(texts)} questions"
    about += f" over {len(index.documents)} documents, {len(ids)} passages"
    return QueryAdapter(matrix, embedder_key(index.settings), about), len(texts)
