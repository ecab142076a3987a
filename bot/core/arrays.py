"""The learned tables kept as NumPy archives (.npz): the law router, the litigation table, the query
adapter. One reader, so that each says the same thing when its file is damaged."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ingest.errors import ConfigError


def read_arrays(path: Path, keys: tuple[str, ...], what: str) -> dict[str, np.ndarray]:
    """The named arrays of the archive at `path`; a ConfigError naming `what` when it cannot be read
    or lacks one of them."""
    try:
        with np.load(path, allow_pickle=False) as table:
            return {key: np.asarray(table[key]) for key in keys}
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"{what}无法读取：{path}（{exc}）") from exc
