"""The BM25 side of the index: built at ingest, saved beside the Chroma generation."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import bm25s
import numpy as np

_IDS = "chunk_ids.json"
_DF = "document_frequency.json"


class LexicalIndex:
    """BM25 over jieba tokens, plus document frequencies for the grounding signal."""

    def __init__(self, retriever: bm25s.BM25, chunk_ids: list[str], df: dict[str, int]) -> None:
        self._retriever = retriever
        self.chunk_ids = chunk_ids
        self.df = df
        self.size = len(chunk_ids)

    @classmethod
    def build(cls, chunk_ids: list[str], token_lists: list[list[str]]) -> LexicalIndex:
        retriever = bm25s.BM25()
        # An empty token list would make bm25s drop the row; keep rows aligned with ids.
        retriever.index([tokens or ["\u2205"] for tokens in token_lists], show_progress=False)
        df = Counter(token for tokens in token_lists for token in set(tokens))
        return cls(retriever, chunk_ids, dict(df))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._retriever.save(str(folder), show_progress=False)
        (folder / _IDS).write_text(json.dumps(self.chunk_ids), encoding="utf-8")
        (folder / _DF).write_text(json.dumps(self.df, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        retriever = bm25s.BM25.load(str(folder), show_progress=False)
        ids = json.loads((folder / _IDS).read_text(encoding="utf-8"))
        df = json.loads((folder / _DF).read_text(encoding="utf-8"))
        return cls(retriever, ids, df)

    def search(self, tokens: list[str], k: int) -> list[tuple[str, float]]:
        if not tokens or not self.size:
            return []
        scores = np.asarray(self._retriever.get_scores(tokens))
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def idf(self, token: str) -> float:
        """BM25-style idf; a token never seen in the corpus gets the highest value."""
        n = self.df.get(token, 0)
        return float(np.log(1 + (self.size - n + 0.5) / (n + 0.5)))
