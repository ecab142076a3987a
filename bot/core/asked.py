"""Which articles questions ask about, learned from the development parts of question sets
(`python -m ingest.learn_asked_articles`): what a reader of a law's summary most likely needs
(复议法第二十条's 六十日, 行政处罚法第三十条's minors) beside what the text's own cues say."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import ConfigError
from ingest.index import StoredChunk


@dataclass(frozen=True)
class AskedArticles:
    counts: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (title, version, article) → questions

    @classmethod
    def load(cls, path: Path | None) -> AskedArticles:
        """The table, or an empty one when none is configured."""
        if path is None:
            return cls()
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("articles", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"提问条文表无法读取：{path}（{exc}）") from exc
        counts: dict[tuple[str, str, str], int] = {}
        for key, n in table.items():
            parts = str(key).split("|")
            if len(parts) != 3 or not isinstance(n, int) or isinstance(n, bool) or n <= 0:
                raise ConfigError(f"提问条文表格式不对：{path}（{key} = {n}）")
            counts[(parts[0], parts[1], parts[2])] = n
        return cls(counts)

    def asked(self, chunk: StoredChunk) -> int:
        """How many questions ask about this article (of its version, or of any version)."""
        return self.counts.get((chunk.title, chunk.version, chunk.article), 0) + self.counts.get(
            (chunk.title, "", chunk.article), 0
        )
