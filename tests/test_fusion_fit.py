"""Fitting the fusion weights to a question set (python -m bot fit-fusion), on the shipped index."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.app import Assistant
from bot.core import fusion_fit
from bot.core.fusion_weights import GRID, load_weights
from ingest.errors import ConfigError
from ingest.settings import Settings
from ingest.splits import development, held_back, load_rows
from tests.conftest import EVAL_DIR


def test_a_fit_reads_only_the_development_part_and_never_ends_below_its_start(
    assistant: Assistant, corpus_settings: Settings, tmp_path: Path
) -> None:
    retriever = assistant.services.retriever
    rows = load_rows(EVAL_DIR / "extra_qa.jsonl")
    questions = fusion_fit.prepare(retriever, rows)
    assert questions and not any(held_back(q.id) for q in questions)
    start = {name: getattr(retriever.settings, name) for name in GRID}
    weights, log = fusion_fit.fit(retriever, [questions], rounds=1)
    assert fusion_fit.measure(retriever, questions, weights) >= fusion_fit.measure(retriever, questions, start)
    assert {name: getattr(retriever.settings, name) for name in GRID} == start  # trials leave no trace

    table = tmp_path / "fusion.toml"
    fusion_fit.write(table, weights, log, "extra_qa.jsonl", len(questions), "the shipped knowledge")
    assert load_weights(table) == weights
    # An assistant configured with the table ranks with its weights.
    fitted = Assistant(corpus_settings.with_overrides(index={"fusion_weights_file": str(table)}))
    assert {name: getattr(fitted.services.retriever.settings, name) for name in GRID} == weights


def test_a_table_with_a_key_that_is_not_a_weight_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "fusion.toml"
    table.write_text("rrf_k = 30\ncandidates = 5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="candidates"):
        load_weights(table)
    table.write_text('rrf_k = "thirty"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="rrf_k"):
        load_weights(table)
    with pytest.raises(ConfigError, match="无法读取"):
        load_weights(tmp_path / "missing.toml")


def test_a_fit_without_loss_lowers_no_sets_first_answers(assistant: Assistant) -> None:
    retriever = assistant.services.retriever
    sets = [fusion_fit.prepare(retriever, load_rows(EVAL_DIR / f"{name}.jsonl")) for name in ("dev_qa", "staff_lay")]
    start = {name: getattr(retriever.settings, name) for name in GRID}
    weights, _log = fusion_fit.fit(retriever, sets, rounds=1, no_loss=True)
    before = fusion_fit.measure_sets(retriever, sets, start)
    after = fusion_fit.measure_sets(retriever, sets, weights)
    assert all(a.mrr_at_10 >= b.mrr_at_10 for a, b in zip(after, before, strict=True)), (before, after)


def test_the_tuning_quarter_is_apart_from_what_the_adapter_is_fitted_on(assistant: Assistant) -> None:
    """`--part fit` and `--part tune` divide the development part and never reach the held-back
    one, so fusion weights chosen over an adapter fitted on `fit` are chosen on questions it
    did not see."""
    rows = load_rows(EVAL_DIR / "extra_qa.jsonl") + load_rows(EVAL_DIR / "dev_qa.jsonl")
    fit, tune = development(rows, "fit"), development(rows, "tune")
    assert fit and tune and not {r["id"] for r in fit} & {r["id"] for r in tune}
    assert sorted(r["id"] for r in fit + tune) == sorted(r["id"] for r in development(rows))
    questions = fusion_fit.prepare(assistant.services.retriever, rows, part="tune")
    assert {q.id for q in questions} <= {r["id"] for r in tune}
    with pytest.raises(ValueError, match="part"):
        development(rows, "held")


def test_with_scores_counted_a_clear_first_outranks_a_close_first(assistant: Assistant) -> None:
    """Ranks alone level a passage far ahead in one ranking with one a hair ahead in the other;
    [retrieval] score_weight lets the clear margin tell (the library's configuration uses it)."""
    retriever = assistant.services.retriever
    found = retriever.candidates(retriever.parse("行政复议申请期限是多久？"), 30)
    in_force = [cid for cid, _ in found.dense if retriever.index.chunks[cid].in_force][:22]
    clear, close, rest = in_force[0], in_force[1], in_force[2:]
    tied = dataclasses.replace(
        found,
        dense=[(clear, 0.9), (close, 0.5), *((cid, 0.5) for cid in rest)],
        lexical=[(close, 10.0), (clear, 9.99), *((cid, 1.0) for cid in rest)],
        adapted=[],
    )
    with fusion_fit.weighted(retriever, {"score_weight": 0.0, "dense_weight": 1.0, "lexical_weight": 1.0}):
        by_rank = retriever.fuse(tied).scores
    assert by_rank[clear] == pytest.approx(by_rank[close])
    with fusion_fit.weighted(retriever, {"score_weight": 0.1, "dense_weight": 1.0, "lexical_weight": 1.0}):
        by_score = retriever.fuse(tied).scores
    assert by_score[clear] > by_score[close] > by_rank[close]
