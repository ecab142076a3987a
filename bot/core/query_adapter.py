"""A learned linear map of question vectors (`python -m bot fit-adapter`, `[index]
query_adapter_file`). Real questions are worded unlike the statutes that answer them
(「老公欠的钱我要还吗」 against 「夫妻一方在婚姻关系存续期间以个人名义超出家庭日常生活需要所负的债务」),
and the bundled model was not trained on such pairs. Fitted on real questions with their gold
articles, the map moves a question's vector towards the passages such questions are answered
from. Only questions pass through it: the passage vectors stay as ingested, so nothing is
re-embedded, and the map is one 384 × 384 matrix.

The fit is a contrastive one over the whole index (every passage a negative, the gold articles'
passages the positives), the map kept near the identity by a penalty, on the development part of
the question files only (the held-back 30 % is never read), so `python -m bot eval --split held`
measures what it buys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.core.arrays import read_arrays
from ingest.errors import ConfigError

# Chosen by 5-fold cross-validation within STARD's development part (docs/retrieval.md).
PENALTY = 0.1  # × squared distance of the map from the identity
TEMPERATURE = 0.02
EPOCHS = 30
LEARNING_RATE = 0.002


class AdapterMismatchError(ConfigError):
    """The adapter was fitted for another embedding model: the retriever goes on without it."""


@dataclass(frozen=True)
class QueryAdapter:
    matrix: np.ndarray  # d × d, float32
    embedder: str  # the embedder key (ingest.store.embedder_key) the map was fitted for
    about: str  # what it was fitted on, for the reader of the file

    def apply(self, vector: Sequence[float]) -> list[float]:
        mapped = self.matrix @ np.asarray(vector, dtype=np.float32)
        norm = float(np.linalg.norm(mapped))
        return (mapped / norm if norm else mapped).tolist()

    @classmethod
    def load(cls, path: Path, embedder: str, dimension: int) -> QueryAdapter:
        """The map in `path`, refused (with what to do) when it was fitted for another model."""
        data = read_arrays(path, ("matrix", "embedder", "about"), "查询适配器文件")
        matrix = np.asarray(data["matrix"], dtype=np.float32)
        fitted_for, about = str(data["embedder"]), str(data["about"])
        if fitted_for != embedder or matrix.shape != (dimension, dimension):
            raise AdapterMismatchError(
                f"查询适配器 {path} 是为嵌入模型 {fitted_for}（{matrix.shape[0]} 维）拟合的，"
                f"当前模型是 {embedder}（{dimension} 维）：请用 python -m bot fit-adapter 重新拟合，"
                "或在 config.toml 中清空 [index] query_adapter_file"
            )
        return cls(matrix, fitted_for, about)

    def save(self, path: Path) -> None:
        with path.open("wb") as handle:  # np.savez would add .npz to a name without it
            np.savez(handle, matrix=self.matrix, embedder=np.str_(self.embedder), about=np.str_(self.about))


def fit(questions: np.ndarray, passages: np.ndarray, gold: list[list[int]]) -> np.ndarray:
    """The map that ranks each question's gold passages (row numbers of `passages`) above all
    others: a softmax over every passage, near the identity. Vectors are unit rows."""
    import torch  # only fitting needs it (answering uses numpy)

    torch.manual_seed(0)
    keep = [n for n, rows in enumerate(gold) if rows]
    q = torch.tensor(questions[keep], dtype=torch.float32)
    p = torch.tensor(passages, dtype=torch.float32)
    positive = torch.zeros(len(keep), len(p), dtype=torch.bool)
    for row, n in enumerate(keep):
        positive[row, gold[n]] = True
    identity = torch.eye(p.shape[1])
    matrix = identity.clone().requires_grad_(True)
    optimizer = torch.optim.Adam([matrix], lr=LEARNING_RATE)
    for _ in range(EPOCHS):
        mapped = torch.nn.functional.normalize(q @ matrix.T, dim=1)
        logits = mapped @ p.T / TEMPERATURE
        gold_mass = torch.logsumexp(logits.masked_fill(~positive, -1e9), dim=1)
        loss = (torch.logsumexp(logits, dim=1) - gold_mass).mean() + PENALTY * ((matrix - identity) ** 2).sum()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return matrix.detach().numpy().astype(np.float32)
