"""Summaries trace back to the text; 新旧对照 aligns the reconsideration law by content."""

from __future__ import annotations

import re

import pytest

from bot.app import Assistant
from bot.core.answer import InvalidQuestionError
from bot.core.diff import compare_versions, to_markdown
from bot.core.summary import summarize

_FIGURE = re.compile(r"\d+(?:\.\d+)?[%:：]?\d*|[一二三四五六七八九十百]+[日天个年次]")


def _passage(assistant: Assistant, chunk_id: str) -> str:
    return assistant.services.index.chunks[chunk_id].text


def test_report_summary_leads_with_results_and_traces_back(assistant: Assistant) -> None:
    summary = summarize(assistant.services, "2023年报告")
    text = "".join(b.text for b in summary.bullets)
    figures = ["97%以上", "29次", "17.9个百分点", "13.4:1", "零败诉", "三连降", "100%"]
    assert sum(f in text for f in figures) >= 6, text
    assert summary.bullets[0].group == "主要成效"
    assert {b.group for b in summary.bullets} == {"主要成效", "存在的问题", "下一步工作"}
    assert not any(b.text.startswith("在局党委的正确领导下") for b in summary.bullets)
    parts = {b.citation.section.split(" > ")[0][:2] for b in summary.bullets}
    assert {"一、", "三、", "四、"} <= parts
    for bullet in summary.bullets:
        passage = _passage(assistant, bullet.citation.chunk_id)
        assert bullet.text.replace("\n", "") in passage.replace("\n", "")
        assert all(fig in passage for fig in _FIGURE.findall(bullet.text))


def test_chapter_and_section_and_topic_summaries(assistant: Assistant) -> None:
    chapter = summarize(assistant.services, "复议法 第四章", bullets=4)
    assert len(chapter.bullets) == 4
    assert all(b.citation.article and b.citation.version == "2023" for b in chapter.bullets)
    problems = summarize(assistant.services, "报告 存在的问题")
    assert all(b.citation.section.startswith("三、存在的问题") for b in problems.bullets)
    topic = summarize(assistant.services, "复议受理流程")
    assert topic.bullets and all(b.citation.title for b in topic.bullets)
    with pytest.raises(InvalidQuestionError):
        summarize(assistant.services, "杭州地铁运营时间")
    with pytest.raises(InvalidQuestionError):
        summarize(assistant.services, "复议法 第十九章")


def test_reconsideration_law_alignment(assistant: Assistant) -> None:
    comparison = compare_versions(assistant.services, "复议法")
    assert (comparison.old_doc.version, comparison.new_doc.version) == ("2017", "2023")
    by_old = {p.old.number: p for p in comparison.pairs if p.old}
    for old, new in ((9, 20), (17, 30), (31, 62)):
        aligned = by_old[old].new
        assert aligned is not None and aligned.number == new
    added = {p.new.number for p in comparison.of_kind("added") if p.new}
    assert {53, 54, 55} <= added
    changed = comparison.for_new("第二十条")
    assert changed is not None and changed.kind == "changed" and "【" in changed.marked_change()
    table = to_markdown(comparison)
    assert "| 新增 |" in table and "~~" in table and "**" in table


def test_diff_needs_two_versions(assistant: Assistant) -> None:
    with pytest.raises(InvalidQuestionError, match="只有一个版本"):
        compare_versions(assistant.services, "行政处罚法")


def test_what_changed_question_cites_both_versions(assistant: Assistant) -> None:
    answer = assistant.services.answerer.ask("新法对申请期限有什么变化？")
    assert answer.grounded
    assert [(c.version, c.article) for c in answer.citations] == [("2023", "第二十条"), ("2017", "第九条")]
    assert "【+或者应当知道】" in answer.text and "旧版本" in answer.notice


def test_diff_never_cuts_statute_text_silently(assistant: Assistant) -> None:
    from bot.core.diff import to_text

    text = to_text(compare_versions(assistant.services, "行政复议法"))
    bodies = [line for line in text.splitlines() if line.startswith(("新第", "旧第")) and "：" in line]
    assert bodies
    for line in bodies:
        # whole (ends as the law's sentences end) or folded with a mark and where to read the rest
        assert line.endswith(("。", "；", "：", "】")) or re.search(
            r"……（全文见 /law 行政复议法 (2017 )?第.+条）$", line
        ), line
    assert "……（全文见 /law 行政复议法 第六条）" in text
