"""Which laws real questions concern, learned from them (`python -m ingest.learn_law_prior`): a
query-independent prior for questions that name no law. Citizens at a public legal service point
ask about the 民法典 far more than about a province's 条例, and with 1,500 documents indexed the
right article of the right law is often outranked by a similar sentence of a rarely asked one.
The bureau's own documents (the knowledge folder outside the national library) are what its
users ask about most: they rank with the most asked law, and a document an admin adds to them
needs no rebuilt table."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import ConfigError


@dataclass(frozen=True)
class LawPrior:
    counts: dict[str, int]  # title → gold articles of the learning questions in it
    curated: frozenset[str] = field(default_factory=frozenset)  # titles of the bureau's own documents
    shares: dict[str, float] = field(init=False, repr=False)  # read once per fused passage: computed once

    def __post_init__(self) -> None:
        most = math.log1p(max(self.counts.values(), default=0))
        shares = {title: math.log1p(count) / most for title, count in self.counts.items()} if most else {}
        object.__setattr__(self, "shares", shares | dict.fromkeys(self.curated, 1.0))

    @classmethod
    def load(cls, path: Path) -> LawPrior:
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"法律先验文件无法读取：{path}（{exc}）") from exc
        laws = table.get("laws")
        if not isinstance(laws, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in laws.values()
        ):
            raise ConfigError(f"法律先验文件 {path} 有误：需要 [laws] 表，每项为 标题 = 正整数（题数）")
        return cls({str(k): int(v) for k, v in laws.items()})

    def with_curated(self, titles: Iterable[str]) -> LawPrior:
        return LawPrior(self.counts, frozenset(titles))

    def share(self, title: str) -> float:
        """0..1 on a log scale: 1 for the most asked law and the bureau's own documents, 0 for a
        law no question concerned."""
        return self.shares.get(title, 0.0)
