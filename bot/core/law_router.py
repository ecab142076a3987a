"""Which law a question is about, by its words (a regression learned from real questions:
`python -m ingest.learn_law_router`): 「申请劳动仲裁的时效是多久」 and 「被公司开除了没给补偿」 are
about labour law, which the shipped base does not hold, though every word of them is in it and
国家赔偿法's 时效 or 复议法's 处分 article is found. Read only to say so instead of answering from
the nearest text; with the national library indexed those laws are held and nothing is said."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.core.arrays import read_arrays
from ingest.errors import ConfigError
from ingest.learn_law_router import HELD  # the class of the questions the shipped base answers


@dataclass(frozen=True)
class Routed:
    unheld_share: float  # 0..1: how likely the question is about a law the base does not hold
    laws: tuple[str, ...]  # the likeliest such law, or two when together, not alone, they outweigh the rest


class LawRouter:
    def __init__(self, words: list[str], laws: list[str], weights: np.ndarray, bias: np.ndarray) -> None:
        self._column = {word: i for i, word in enumerate(words)}
        self.laws = laws
        self._weights = weights
        self._bias = bias

    @classmethod
    def load(cls, path: Path) -> LawRouter | None:
        """None when the table is not there (the check is off); an error when it is unreadable."""
        if not path.is_file():
            return None
        table = read_arrays(path, ("words", "laws", "weights", "bias"), "法律归属表")
        words, laws = [str(w) for w in table["words"]], [str(law) for law in table["laws"]]
        weights, bias = table["weights"].astype(np.float64), table["bias"].astype(np.float64)
        if weights.shape != (len(laws), len(words)) or bias.shape != (len(laws),):
            raise ConfigError(f"法律归属表 {path} 有误：权重与词表、法律数不符")
        return cls(words, laws, weights, bias)

    def route(self, words: Iterable[str], held_titles: set[str]) -> Routed:
        columns = sorted({self._column[w] for w in words if w in self._column})
        logits = self._bias + self._weights[:, columns].sum(axis=1)
        shares = np.exp(logits - logits.max())
        shares /= shares.sum()
        unheld = [i for i, law in enumerate(self.laws) if law != HELD and law not in held_titles]
        total = float(shares[unheld].sum()) if unheld else 0.0
        likeliest = sorted(unheld, key=lambda i: -shares[i])[:2]
        for count in (1, 2):
            if len(likeliest) >= count and shares[likeliest[:count]].sum() > total / 2:
                return Routed(total, tuple(self.laws[i] for i in likeliest[:count]))
        return Routed(total, ())
