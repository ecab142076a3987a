"""Tables of contents: every law's chapters and sections with the articles they span."""

from __future__ import annotations

import itertools

import pytest

from bot.app import Assistant
from bot.core.answer import InvalidQuestionError
from bot.core.outline import outline, parts_of


def test_the_chapters_of_every_law_cover_its_articles_in_order(assistant: Assistant) -> None:
    services = assistant.services
    laws = [d for d in services.index.documents if d.kind != "report" and d.status == "in_force"]
    assert len(laws) > 10
    for law in laws:
        parts = parts_of(services, [law])
        chapters = [p for p in parts if p.level == 0 and p.first]
        numbers = sorted({c.article_no for c in services.index.by_doc[law.doc_id] if c.article_no})
        if not chapters:  # a law without chapters has no outline to check
            continue
        assert chapters[0].first == numbers[0] and chapters[-1].last == numbers[-1], law.title
        for before, after in itertools.pairwise(chapters):
            assert after.first == before.last + 1, (law.title, before.heading, after.heading)


def test_the_reconsideration_law_outline_reads_like_its_table_of_contents(assistant: Assistant) -> None:
    text = outline(assistant.services, "复议法")
    lines = text.splitlines()
    assert lines[0] == "《中华人民共和国行政复议法》（2023年修订，2024-01-01施行）目录，共 90 条："
    assert "第二章 行政复议申请（第十一条至第二十九条）" in lines
    assert "　第四节 简易程序（第五十三条至第五十五条）" in lines  # sections indented under their chapter
    assert "第五章 行政复议决定（第六十一条至第七十九条）" in lines
    assert "「复议法第二章讲了什么」" in lines[-1]
    old = outline(assistant.services, "旧复议法")
    assert "2017年修订" in old.splitlines()[0] and "已被新版本取代" in old and "共 43 条" in old
    report = outline(assistant.services, "2023年报告")
    assert "三、存在的问题和不足" in report and "　（一）" in report and "概括一下2023年报告" in report


def test_a_table_of_contents_asked_for_in_words(assistant: Assistant) -> None:
    answerer = assistant.services.answerer
    asked = answerer.ask("行政处罚法分几章？")
    assert asked.mode == "outline" and "第五章 行政处罚的决定（第三十九条至第六十五条）" in asked.text
    assert answerer.ask("复议法的目录").mode == "outline"
    assert "共 86 条" in answerer.ask("行政处罚法一共有多少条？").text
    assert answerer.ask("复议法第五章有哪些规定？").mode != "outline"


def test_the_outline_of_a_document_the_base_lacks_says_so(assistant: Assistant) -> None:
    with pytest.raises(InvalidQuestionError, match="知识库中没有名为“不存在的法”的文件"):
        outline(assistant.services, "不存在的法")
