"""The BM25 index as readers and the re-ingest use it: incremental rows, a reader's own
generation, and expansion words that count less than the question's own."""

from __future__ import annotations

from pathlib import Path

from bot.core.query import expand
from ingest.lexical import LexicalIndex, LexicalWriter


def test_a_reader_sees_only_its_generation_and_keeps_it_while_rows_change(tmp_path: Path) -> None:
    writer = LexicalWriter(tmp_path / "bm25")
    writer.add({"old": "复议 申请 期限 六十日", "other": "劳动 合同 解除"})
    reader = LexicalIndex.open(tmp_path / "bm25", named={"old", "other"})
    writer.add({"new": "复议 申请 期限 九十日"})  # a re-ingest writing its rows
    writer.delete(["old"])  # … and collecting the old one
    assert [cid for cid, _ in reader.search(["复议", "期限"], 5)] == ["old"]  # its own generation, whole
    after = LexicalIndex.open(tmp_path / "bm25", named={"new", "other"})
    assert [cid for cid, _ in after.search(["复议", "期限"], 5)] == ["new"]
    assert writer.missing(["new", "old", "other"]) == ["old"]


def test_expansion_words_count_less_than_the_question_s_own(tmp_path: Path) -> None:
    writer = LexicalWriter(tmp_path / "bm25")
    writer.add({"asked": "口头 申请", "expanded": "书面形式 决定"})
    reader = LexicalIndex.open(tmp_path / "bm25", named={"asked", "expanded"})
    ranked = reader.search(["口头"], 2, weighted=[("书面形式", 0.3)])
    assert [cid for cid, _ in ranked] == ["asked", "expanded"]
    assert ranked[1][1] < ranked[0][1] * 0.5


def test_a_statute_word_two_everyday_words_suggest_is_searched_once() -> None:
    """「民告官的案子由谁来举证」: 民告官 and 告官 both say 行政诉讼; searched twice, it outweighed 举证."""
    table = {"民告官": ["行政诉讼", "行政案件"], "告官": ["起诉", "行政诉讼"]}
    terms = expand(["民告官", "举证"], "民告官的案子由谁来举证", table)
    assert terms == ["民告官", "举证", "行政诉讼", "行政案件", "起诉"]
    assert expand(["民告官"], "民告官", table, once=False).count("行政诉讼") == 2
