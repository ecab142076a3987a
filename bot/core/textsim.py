"""How alike two texts are, by their character bigrams: the measure the 新旧对照 alignment and
the summaries share."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

_SPACE = re.compile(r"\s+")
# An article's own label (第四十二条, 第十条之一) at the start of its text: it says nothing of its matter.
ARTICLE_LABEL = re.compile(r"^\s*第[零〇一二三四五六七八九十百千两\d]+条(?:之[一二三四五六七八九十])?\s*")


def bigrams(text: str) -> Counter[str]:
    text = _SPACE.sub("", text)
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def weighted_bigrams(texts: Sequence[str]) -> list[dict[str, float]]:
    """Each text's bigrams weighted by how rare they are among `texts` (tf·idf): two articles that
    share 行政复议 and 申请 share little; two that share 鉴定费用 share a matter."""
    counted = [bigrams(text) for text in texts]
    df = Counter(b for c in counted for b in c)
    n = len(counted)
    return [{b: k * math.log(n / df[b]) for b, k in c.items()} for c in counted]


def alike(a: str, b: str) -> float:
    """How alike two articles' texts are (their labels left out): the cosine of their bigram counts."""
    return sparse_cosine(bigrams(ARTICLE_LABEL.sub("", a)), bigrams(ARTICLE_LABEL.sub("", b)))


def sparse_cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors (term → weight)."""
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def cosine_matrix(left: Sequence[Mapping[str, float]], right: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Every pair's sparse_cosine at once (len(left) × len(right)), as one sparse product."""
    from scipy.sparse import csr_matrix  # here: cold start does not need scipy

    vocabulary: dict[str, int] = {}

    def unit_rows(vectors: Sequence[Mapping[str, float]]) -> tuple[list[float], list[int], list[int]]:
        data: list[float] = []
        columns: list[int] = []
        pointers = [0]
        for vector in vectors:
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            for term, weight in vector.items():
                columns.append(vocabulary.setdefault(term, len(vocabulary)))
                data.append(weight / norm)
            pointers.append(len(data))
        return data, columns, pointers

    parts = [unit_rows(left), unit_rows(right)]
    a, b = (csr_matrix((d, c, p), shape=(len(p) - 1, max(len(vocabulary), 1))) for d, c, p in parts)
    return np.asarray((a @ b.T).toarray(), dtype=float)
