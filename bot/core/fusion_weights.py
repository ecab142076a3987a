"""The fusion weights a fitted table may set (`python -m bot fit-fusion`, bot/core/fusion_fit.py),
the values the fit tries for each, and reading such a table."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ingest.errors import ConfigError

# The values tried for each weight, in turn while the others stay. A fit starts from the
# retriever's configured values and keeps a change only when it scores better, so it never ends
# below where it started.
GRID: dict[str, list[float]] = {
    "rrf_k": [10, 20, 30, 45, 60, 90],
    "dense_weight": [0.5, 0.75, 1.0, 1.25, 1.5, 2.0],
    "answer_type_weight": [0.0, 0.1, 0.2, 0.3, 0.5],
    "subject_weight": [0.0, 0.15, 0.3, 0.6, 1.0],
    "coverage_weight": [0.0, 0.15, 0.3, 0.6, 1.0],
    "law_prior_weight": [0.0, 0.5, 1.0, 2.0, 4.0],
    "score_weight": [0.0, 0.05, 0.1, 0.2, 0.4],
}


def load_weights(path: Path) -> dict[str, float | int]:
    """The weights of a fitted table; a key that is not a fusion weight is an error, not ignored."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"融合权重文件无法读取：{path}（{exc}）") from exc
    numeric = {k for k, v in table.items() if isinstance(v, int | float) and not isinstance(v, bool)}
    wrong = sorted(k for k in table if k not in GRID or k not in numeric)
    if wrong:
        raise ConfigError(f"融合权重文件 {path} 有误：只能含 {', '.join(GRID)} 的数值（有误：{', '.join(wrong)}）")
    return typed(table)


def typed(weights: dict[str, Any]) -> dict[str, float | int]:
    return {k: int(v) if k == "rrf_k" else float(v) for k, v in weights.items()}
