"""The query adapter (python -m bot fit-adapter): a learned map of question vectors, fitted on the
development part of real questions, over the shipped index."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.app import Assistant
from bot.core import adapter_fit
from bot.core.evaluate import chunk_matches
from bot.core.query_adapter import QueryAdapter
from bot.core.retrieval import Retriever
from ingest.embedders import Embedder
from ingest.errors import ConfigError
from ingest.settings import Settings
from ingest.splits import development, load_rows
from tests.conftest import EVAL_DIR, PROJECT_ROOT


def _gold_ranks(retriever: Retriever, rows: list[dict[str, object]], adapted: bool) -> list[int]:
    """Rank of each question's first gold passage in the dense ranking, the question as the model
    embeds it or adapted (51: not in the top 50)."""
    ranks = []
    for row in rows:
        found = retriever.candidates(retriever.parse(str(row["query"])), 25)
        ranked = [retriever.index.chunks[cid] for cid, _ in (found.adapted if adapted else found.dense)]
        gold = row["gold"]
        assert isinstance(gold, list)
        ranks.append(next((n for n, c in enumerate(ranked, 1) if any(chunk_matches(c, g) for g in gold)), 51))
    return ranks


def test_an_adapter_ranks_the_articles_of_the_questions_it_learned_from_higher(
    assistant: Assistant, corpus_settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    """Fitted on lay questions, the adapted dense ranking finds their articles sooner. It is a
    third ranking: the model's own stays as it was (its similarities are what refusal reads)."""
    rows = [r for r in load_rows(EVAL_DIR / "staff_lay.jsonl") if r.get("gold")]
    learning = development(rows)
    adapter, used = adapter_fit.learn(assistant.services.retriever, rows, "staff_lay.jsonl")
    assert adapter is not None and used == len(learning) < len(rows)  # the held-back part is never read
    path = tmp_path / "adapter.npz"
    adapter.save(path)

    adapted = Assistant(corpus_settings.with_overrides(index={"query_adapter_file": str(path)}), embedder=embedder)
    retriever = adapted.services.retriever
    before, after = _gold_ranks(retriever, learning, adapted=False), _gold_ranks(retriever, learning, adapted=True)
    assert sum(1 / r for r in after) > sum(1 / r for r in before), (before, after)

    unadapted = Assistant(corpus_settings.with_overrides(index={"query_adapter_file": ""}), embedder=embedder)
    plain = unadapted.services.retriever
    parsed = plain.parse("调解协议达成后一方反悔怎么办？")
    assert retriever.candidates(parsed, 30).dense == plain.candidates(parsed, 30).dense
    assert not plain.candidates(parsed, 30).adapted
    assert not adapted.services.answerer.ask("今天午饭吃什么好？").grounded


def test_an_adapter_for_another_model_is_left_out_with_what_to_do_and_a_broken_file_is_refused(
    corpus_settings: Settings, embedder: Embedder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The shipped adapter after the model was changed in config.toml: the assistant answers
    without it and says how to refit or turn it off; an unreadable file is a configuration error."""
    other = tmp_path / "other.npz"
    QueryAdapter(np.eye(384, dtype=np.float32), "sentence-transformers|BAAI/bge-small-zh-v1.5||", "test").save(other)
    with caplog.at_level("WARNING"):
        assistant = Assistant(
            corpus_settings.with_overrides(index={"query_adapter_file": str(other)}), embedder=embedder
        )
    assert "fit-adapter" in caplog.text and "本次不使用" in caplog.text
    retriever = assistant.services.retriever
    assert retriever.adapter is None and not retriever.candidates(retriever.parse("复议期限多久？"), 10).adapted
    assert assistant.services.answerer.ask("行政复议申请期限是多久？").grounded
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not an array file")
    with pytest.raises(ConfigError, match="无法读取"):
        Assistant(corpus_settings.with_overrides(index={"query_adapter_file": str(broken)}), embedder=embedder)


def test_fit_adapter_from_the_command_line_writes_nothing_for_a_set_without_usable_questions(
    corpus_settings: Settings, tmp_path: Path
) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text(
        '{"id": "q1", "query": "婚后财产怎么分？", "gold": [{"law": "不在库中的法", "article": "第一条"}]}\n'
    )
    out = tmp_path / "adapter.npz"
    env = {**os.environ, "FAZHI_INDEX__DATA_DIR": str(corpus_settings.data_dir)}
    run = subprocess.run(
        [sys.executable, "-m", "bot", "fit-adapter", str(questions), "--out", str(out)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 2 and "没有 gold 条文在索引中的题目" in run.stderr and not out.exists()
