"""The BM25 index of one generation as readers use it: exactly its rows, scored among them, and
expansion words that count less than the question's own."""

from __future__ import annotations

from pathlib import Path

from bot.core.query import expand
from ingest import lexical
from ingest.lexical import LexicalIndex


def test_a_generation_s_index_holds_its_rows_and_scores_among_them_alone(tmp_path: Path) -> None:
    first = tmp_path / "g1"
    lexical.build(first, [("old", "复议 申请 期限 六十日"), ("other", "劳动 合同 解除")])
    reader = LexicalIndex.open(first)
    second = tmp_path / "g2"
    lexical.build(second, [("new", "复议 申请 期限 九十日"), ("other", "劳动 合同 解除")])
    assert [cid for cid, _ in reader.search(["复议", "期限"], 5)] == ["old"]  # its own generation, whole
    after = LexicalIndex.open(second)
    assert [cid for cid, _ in after.search(["复议", "期限"], 5)] == ["new"]
    assert after.ids() == {"new", "other"} and after.share("复议") == 0.5
    # the same rows score the same, whatever was built before
    again = tmp_path / "again"
    lexical.build(again, [("new", "复议 申请 期限 九十日"), ("other", "劳动 合同 解除")])
    assert LexicalIndex.open(again).search(["复议", "九十日"], 5) == after.search(["复议", "九十日"], 5)


def test_a_rebuilt_generation_replaces_a_partial_one(tmp_path: Path) -> None:
    """A run killed while building leaves a partial folder; the next build of that generation
    replaces it and no row appears twice."""
    folder = tmp_path / "g1"
    lexical.build(folder, [("a", "复议 申请")])
    (tmp_path / "g1.partial").mkdir()
    lexical.build(folder, [("a", "复议 申请"), ("b", "行政 诉讼")])
    index = LexicalIndex.open(folder)
    assert index.count == 2 and index.ids() == {"a", "b"}
    assert not (tmp_path / "g1.partial").exists()


def test_expansion_words_count_less_than_the_question_s_own(tmp_path: Path) -> None:
    lexical.build(tmp_path / "g1", [("asked", "口头 申请"), ("expanded", "书面形式 决定")])
    reader = LexicalIndex.open(tmp_path / "g1")
    ranked = reader.search(["口头"], 2, weighted=[("书面形式", 0.3)])
    assert [cid for cid, _ in ranked] == ["asked", "expanded"]
    assert ranked[1][1] < ranked[0][1] * 0.5


def test_a_statute_word_two_everyday_words_suggest_is_searched_once() -> None:
    """「民告官的案子由谁来举证」: 民告官 and 告官 both say 行政诉讼; searched twice, it outweighed 举证."""
    table = {"民告官": ["行政诉讼", "行政案件"], "告官": ["起诉", "行政诉讼"]}
    terms = expand(["民告官", "举证"], "民告官的案子由谁来举证", table)
    assert terms == ["民告官", "举证", "行政诉讼", "行政案件", "起诉"]
    assert expand(["民告官"], "民告官", table, once=False).count("行政诉讼") == 2
