"""Summaries trace back to the text; 新旧对照 aligns the reconsideration law by content."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from bot.app import Assistant
from bot.core.answer import InvalidQuestionError
from bot.core.asked import AskedArticles
from bot.core.diff import compare_versions, to_markdown
from bot.core.summary import render_summary_text, rule_score, summarize
from bot.interfaces.render import to_terminal
from ingest import learn_asked_articles
from ingest.errors import ConfigError
from ingest.splits import development

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


def test_a_report_part_without_figures_is_summarised_by_its_measures(assistant: Assistant) -> None:
    """「概括一下2023年报告的执法监督部分」: the part (一（三）, 强化制约……执法监督质效) counts nothing, and its
    summary had no bullet at all; asked as 「……部分」 in chat it was not read as a summary. Its measures
    are the bullets now, each a sentence of that part, its heading not among them."""
    answer = assistant.services.answerer.ask("概括一下2023年报告的执法监督部分")
    assert answer.mode == "summary", answer.text
    assert len(answer.citations) >= 3
    assert all("强化制约" in c.section for c in answer.citations)
    assert all(not c.quote.startswith("(三)") for c in answer.citations), [c.quote for c in answer.citations]
    assert any("标准化试点" in c.quote for c in answer.citations)


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
    with pytest.raises(InvalidQuestionError, match="只收录了《中华人民共和国行政处罚法》（2021年修订）这一个版本"):
        compare_versions(assistant.services, "行政处罚法")
    # a law the base does not hold is said so (it was asked which held file to compare)
    with pytest.raises(InvalidQuestionError, match="知识库中没有名为“治安管理处罚法”的文件"):
        compare_versions(assistant.services, "治安管理处罚法")


def test_a_change_asked_of_a_law_held_in_one_edition_is_said_to_have_no_earlier_text(assistant: Assistant) -> None:
    """「法律援助法有哪些变化」 was answered with 第十二条 (the 法律援助机构), as if it told a change; the base
    holds the 2021 law alone, so there is nothing to compare, and the law that can be compared is named.
    A change on a topic is answered from the one edition, with that said first."""
    whole = assistant.services.answerer.ask("法律援助法有哪些变化？")
    assert not whole.grounded and not whole.citations, whole.text
    assert "只收录了《中华人民共和国法律援助法》（2021年公布）这一个版本" in whole.text
    assert "《中华人民共和国行政复议法》" in whole.text  # what can be compared
    topic = assistant.services.answerer.ask("法律援助法在经济困难标准方面有什么变化？")
    assert topic.grounded and "这一个版本" in topic.notice, topic.notice
    both = assistant.services.answerer.ask("新法对申请期限有什么变化？")
    assert "这一个版本" not in both.notice + both.text


def test_what_changed_question_cites_both_versions(assistant: Assistant) -> None:
    answer = assistant.services.answerer.ask("新法对申请期限有什么变化？")
    assert answer.grounded
    # numbered as the text names them: 「旧版本（2017年修订）第九条[1]对应现行版本（2023年修订）第二十条[2]」
    assert [(c.version, c.article) for c in answer.citations] == [("2017", "第九条"), ("2023", "第二十条")]
    assert "第九条[1]对应现行版本（2023年修订）第二十条[2]" in answer.text, answer.text[:200]
    assert "【+或者应当知道】" in answer.text and "旧版本" in answer.notice


def test_a_difference_between_two_procedures_is_not_a_change_between_editions(assistant: Assistant) -> None:
    """「区别」 between 复议 and 诉讼 compares two procedures: it is answered from the law in force, not
    with what changed between the 复议法's editions; 「不同意」 compares nothing and keeps its words."""
    answer = assistant.services.answerer.ask("行政复议和行政诉讼有什么区别？")
    assert answer.grounded and answer.citations, answer.text
    assert "新旧版本对照" not in answer.text and "旧版本" not in answer.notice
    assert all(assistant.services.index.chunks[c.chunk_id].in_force for c in answer.citations)
    parsed = assistant.services.retriever.parse("我申请法院帮我调取证据，法院能不能不同意？")
    assert "不同意" in parsed.search_text and not parsed.wants_compare


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


def test_diff_reports_a_paragraph_moved_into_an_item_of_another_article(assistant: Assistant) -> None:
    from bot.core.diff import to_compact_text, to_text

    comparison = compare_versions(assistant.services, "复议法")
    moved = {(m.old.place, m.new.place) for m in comparison.moves}
    assert ("第三十条第一款", "第二十三条第一款（二）") in moved  # 自然资源 复议前置
    text = to_text(comparison)
    assert "旧第三十条第一款 → 移入新第二十三条第一款（二）" in text
    assert "旧第三十条（第一款移入新第二十三条第一款（二））" in text  # its other 款 is still told as removed
    assert "移入新第二十三条第一款（二）" in to_compact_text(comparison)
    assert "| 移入 | 第三十条第一款 | 第二十三条第一款（二） |" in to_markdown(comparison)


def test_a_topic_change_question_cites_the_topic_in_both_versions(assistant: Assistant) -> None:
    answer = assistant.services.answerer.ask("新修订的行政复议法在复议前置方面有什么变化？")
    cited = {(c.version, c.article) for c in answer.citations}
    assert ("2023", "第二十三条") in cited
    first = re.search(r"^1\. (.+)$", answer.text, re.M)
    assert first and first.group(1).startswith("现行版本（2023年修订）第二十三条"), answer.text[:300]  # told first
    assert {("2017", "第十六条"), ("2017", "第三十条")} & cited
    assert "第三十条第一款" in answer.text and "第二十三条第一款（二）" in answer.text
    for citation in answer.citations:  # every change shown is quoted whole from its version
        assert assistant.services.index.chunks[citation.chunk_id].text in citation.quote


def test_a_topic_change_question_tells_only_changes_on_the_topic(assistant: Assistant) -> None:
    """「……在复议前置方面有什么变化」 also told that 第八条 (信息化建设) is new: near the question in the
    search, but nothing to do with 复议前置 (which the statutes say as 先……再). A change's citations stand
    by the articles it names, not on a line of their own under the marked text."""
    answer = assistant.services.answerer.ask("新修订的行政复议法在复议前置方面有什么变化？")
    cited = {(c.version, c.article) for c in answer.citations}
    assert ("2023", "第二十三条") in cited and ("2023", "第八条") not in cited, answer.text[:400]
    assert not re.search(r"^(?:\[\d+\])+$", answer.text, re.M), answer.text
    # a question naming no topic but the editions still gets the change it asks about
    deadline = assistant.services.answerer.ask("新法对申请期限有什么变化？")
    assert ("2023", "第二十条") in {(c.version, c.article) for c in deadline.citations}, deadline.text[:300]


def test_what_changed_in_a_whole_law_is_the_overview(assistant: Assistant) -> None:
    comparison = compare_versions(assistant.services, "复议法")
    added = len(comparison.of_kind("added"))
    for question in ("新修订的行政复议法有什么变化？", "行政复议法修改了哪些内容？"):
        answer = assistant.services.answerer.ask(question)
        assert answer.mode == "compare" and f"新增 {added} 条" in answer.text, answer.text[:200]
        assert "【删除】" in answer.text and "第三十条" in answer.text and "/diff 行政复议法" in answer.text
    # naming a topic keeps the topic's answer (the test above)
    assert assistant.services.answerer.ask("新修订的行政复议法在复议前置方面有什么变化？").citations


def test_a_chapter_summary_gives_each_rule_with_a_short_list_whole_and_a_long_one_marked(
    assistant: Assistant,
) -> None:
    from bot.core.summary import render_summary_text

    chapter = summarize(assistant.services, "复议法 第五章")
    cited = {b.citation.article for b in chapter.bullets}
    decision_types = ["第六十三条", "第六十四条", "第六十五条", "第六十六条", "第六十七条", "第六十八条", "第六十九条"]
    assert set(decision_types) <= cited  # 变更, 撤销, 确认违法, 履行, 确认无效, 维持, 驳回
    change = next(b for b in chapter.bullets if b.citation.article == "第六十三条")
    # 「……决定变更该行政行为：（一）……（三）事实不清、证据不足，经行政复议机关查清事实和证据。」: the grounds
    # are what the article says, so its three items are quoted, whole and in order
    assert not change.continues and change.text.endswith("（三）事实不清、证据不足，经行政复议机关查清事实和证据。")
    assert change.text.index("（一）") < change.text.index("（二）") < change.text.index("（三）")
    measures = summarize(assistant.services, "行政诉讼法 第八章")  # 第九十六条's five measures: too long for a bullet
    refusal = next(b for b in measures.bullets if b.citation.article == "第九十六条")
    assert refusal.continues and refusal.text.endswith("下列措施：")
    assert f"{refusal.text}……" in render_summary_text(measures)
    for bullet in chapter.bullets:
        assert bullet.text in _passage(assistant, bullet.citation.chunk_id).replace("\n", "")
    whole = summarize(assistant.services, "复议法")
    # 3·√n of its n articles, at most 30, and the rest of the list of decision kinds (第六十三至七十二条)
    assert 6 < len(whole.bullets) <= 30 + 10 and len({b.citation.article for b in whole.bullets}) == len(whole.bullets)


def test_a_qualifying_clause_is_quoted_with_the_rule_it_qualifies(assistant: Assistant) -> None:
    """「当事人不在场的，……七日内……送达」 alone drops the rule it qualifies (宣告后当场交付): the
    bullet quotes both clauses, as one contiguous span of the article."""
    chapter = summarize(assistant.services, "行政处罚法 第五章")
    handed = next(b for b in chapter.bullets if b.citation.article == "第六十一条")
    assert "当场交付当事人；当事人不在场的" in handed.text
    assert handed.text in _passage(assistant, handed.citation.chunk_id).replace("\n", "")
    # a longer condition qualifies too: 「被许可人在规定期限内不改正的，……予以处理」 was a bullet alone,
    # without the duty it follows up (行政许可法第六十六条)
    supervision = summarize(assistant.services, "行政许可法 第六章")
    followed = next(b for b in supervision.bullets if b.citation.article == "第六十六条")
    assert "责令限期改正；被许可人在规定期限内不改正的" in followed.text, followed.text
    assert followed.text in _passage(assistant, followed.citation.chunk_id).replace("\n", "")


def test_a_clause_that_leans_on_the_one_before_is_quoted_with_it(assistant: Assistant) -> None:
    """移送规定第七条: 「……回执上签字；其中，不属于本机关管辖的，应当在２４小时内转送……」. The 其中 clause
    alone leans on what it does not quote; with the clause before it, it is the article's rule."""
    whole = summarize(assistant.services, "行政执法机关移送涉嫌犯罪案件的规定")
    receipt = next(b for b in whole.bullets if b.citation.article == "第七条")
    assert "回执上签字；其中，不属于本机关管辖的，应当在２４小时内转送" in receipt.text
    assert receipt.text in _passage(assistant, receipt.citation.chunk_id).replace("\n", "")


def test_a_period_in_hours_weighs_as_one_in_days(assistant: Assistant) -> None:
    types = [t for t in assistant.services.retriever.answer_types.types if t.marks_rule]
    hours = rule_score("情况紧急的，执法人员应当在二十四小时内向负责人报告。", types)
    assert hours == rule_score("情况紧急的，执法人员应当在三日内向负责人报告。", types)
    assert hours > rule_score("情况紧急的，执法人员应当及时向负责人报告。", types)


def test_an_article_whose_best_sentence_repeats_another_is_summarised_by_its_next_rule(assistant: Assistant) -> None:
    """国家赔偿法第十四条 repeats 第十三条's 「……有异议的……三个月内……提起诉讼」; its own rule (no decision
    within the period: three months to sue) is the bullet, not nothing."""
    whole = summarize(assistant.services, "国家赔偿法")
    silent = next(b for b in whole.bullets if b.citation.article == "第十四条")
    assert "在规定期限内未作出是否赔偿的决定" in silent.text


def test_a_rule_that_says_who_decides_without_a_modal_verb_is_a_rule(assistant: Assistant) -> None:
    """「……是否准许，由人民法院裁定」 says who decides a withdrawal, with no 应当 or 可以 in it."""
    chapter = summarize(assistant.services, "行政诉讼法 第七章")
    withdrawal = next(b for b in chapter.bullets if b.citation.article == "第六十二条")
    assert "由人民法院裁定" in withdrawal.text


def test_a_chapter_gives_a_rule_its_article_states_in_a_later_paragraph(assistant: Assistant) -> None:
    """复议法第六条 opens with a policy (国家建立……队伍); its rule, that a newcomer must hold the legal
    professional qualification, is its second 款. So is 行政强制法第十条's (where no law yet: 行政法规可以设定)."""
    first = summarize(assistant.services, "复议法 第一章")
    staffing = next(b for b in first.bullets if b.citation.article == "第六条")
    assert "应当通过国家统一法律职业资格考试取得法律职业资格" in staffing.text
    second = summarize(assistant.services, "行政强制法 第二章")
    assert "第十条" in {b.citation.article for b in second.bullets}


def test_a_chapter_bullet_is_followed_by_the_period_its_article_sets_in_another_paragraph(assistant: Assistant) -> None:
    """民事诉讼法第一百零四条's rule is who may apply for 保全 before suing; that the 保全 is lifted when no suit
    follows within 三十日 is its third 款, and the chapter's summary said nothing of it."""
    summary = summarize(assistant.services, "民事诉讼法 第九章")
    texts = [b.text for b in summary.bullets if b.citation.article == "第一百零四条"]
    assert any("三十日内不依法提起诉讼" in text for text in texts), texts
    assert texts[0].startswith("第一百零四条 利害关系人因情况紧急")  # the rule first, its period after it


def test_a_liability_chapter_is_summarised_by_its_liabilities(assistant: Assistant) -> None:
    """行政处罚法第七章 (法律责任) was one bullet of its eight articles: each ends in the discipline of the officials
    responsible, which a whole law's summary ranks down and a chapter made of such rules must not."""
    summary = summarize(assistant.services, "行政处罚法 第七章")
    cited = {b.citation.article for b in summary.bullets}
    assert {"第七十六条", "第七十九条", "第八十二条", "第八十三条"} <= cited, cited
    whole = summarize(assistant.services, "行政处罚法")
    assert len({b.citation.article for b in whole.bullets} & cited) <= 2  # a whole law keeps to its working rules


def test_a_chapter_on_an_office_says_who_holds_it(assistant: Assistant) -> None:
    """人民调解法第三章 (人民调解员) left out 第十三条, who the mediators are (由……委员和……聘任的人员担任): a chapter
    gives each of its rules, and that is one. A whole law, choosing among many, keeps its weightier ones (第三条,
    the principles of mediation, was lost to it)."""
    summary = summarize(assistant.services, "人民调解法 第三章")
    assert {b.citation.article for b in summary.bullets} == {"第十三条", "第十四条", "第十五条", "第十六条"}
    whole = summarize(assistant.services, "人民调解法")
    assert "第三条" in {b.citation.article for b in whole.bullets}


def test_a_chapter_on_who_implements_says_who_does(assistant: Assistant) -> None:
    """行政许可法第三章 (行政许可的实施机关) left out 第二十二条 (行政许可由……行政机关……实施) and 第二十三条 (授权的组织
    以自己的名义实施行政许可): who implements is the chapter's first rule."""
    summary = summarize(assistant.services, "行政许可法 第三章")
    assert {"第二十二条", "第二十三条"} <= {b.citation.article for b in summary.bullets}


def test_a_chapter_on_a_body_says_what_the_body_is(assistant: Assistant) -> None:
    """人民调解法第二章 (人民调解委员会) left out 第七条, what the committee is (「……是依法设立的调解民间纠纷的群众性
    组织」): the rule the chapter opens with."""
    summary = summarize(assistant.services, "人民调解法 第二章")
    cited = [b.citation.article for b in summary.bullets]
    assert cited[0] == "第七条", cited
    assert "群众性组织" in summary.bullets[0].text


def test_a_chapter_summary_gives_every_article_of_the_chapter_but_its_purpose(assistant: Assistant) -> None:
    """A chapter is summarised article by article. 复议法实施条例第五章 (行政复议指导和监督) gave four of its nine
    articles: the others direct governments to lead, supervise and build systems (「应当加强对行政复议工作的领导」), no
    rule a reader acts on, yet what the chapter holds. 行政诉讼法第一章 left out 第五至八条 (以事实为根据, 合法性审查,
    合议回避公开两审终审, 地位平等); its purpose (第一条, 「为保证……制定本法」) stays out."""
    supervision = summarize(assistant.services, "行政复议法实施条例 第五章")
    numbers = [b.citation.article for b in supervision.bullets]
    assert numbers == [
        f"第{n}条" for n in ("五十三", "五十四", "五十五", "五十六", "五十七", "五十八", "五十九", "六十", "六十一")
    ]
    assert "应当加强对行政复议工作的领导" in supervision.bullets[0].text
    general = {b.citation.article for b in summarize(assistant.services, "行政诉讼法 第一章").bullets}
    assert {"第五条", "第六条", "第七条", "第八条"} <= general and "第一条" not in general, general
    # a whole law still spends its bullets on rules
    assert "第五十三条" not in {b.citation.article for b in summarize(assistant.services, "行政复议法实施条例").bullets}


def test_a_chapter_gives_a_list_its_article_opens_with_and_a_closing_chapter_its_articles(
    assistant: Assistant,
) -> None:
    """行政诉讼法第五章 left out 第三十三条: its first sentence, 「证据包括：（一）书证；」, was too short to stand for
    the article, though it opens the list the article is. A chapter of closing articles alone (复议法实施条例第七章
    附则, its date of effect) was 「没有可摘要的内容」, and 「总结……第七章」 fell to a search."""
    evidence = summarize(assistant.services, "行政诉讼法 第五章").bullets
    listed = next(b for b in evidence if b.citation.article == "第三十三条")
    assert "证据包括：（一）书证；" in listed.text and "（八）勘验笔录、现场笔录。" in listed.text, listed.text
    closing = assistant.services.answerer.ask("总结行政复议法实施条例第七章")
    assert closing.mode == "summary" and [c.article for c in closing.citations] == ["第六十六条"], closing.text


def test_a_closing_chapter_gives_its_date_of_effect_after_its_rules(assistant: Assistant) -> None:
    """行政复议法第七章 (附则) gave 第八十七至八十九条 and not 第九十条, 「本法自2024年1月1日起施行」: when the
    revised law applies is a rule staff act on. A chapter's purpose (第一条) still stays out."""
    closing = summarize(assistant.services, "行政复议法 第七章")
    numbers = [b.citation.article for b in closing.bullets]
    assert numbers == ["第八十七条", "第八十八条", "第八十九条", "第九十条"], numbers
    assert "本法自2024年1月1日起施行" in closing.bullets[-1].text
    assert "第一条" not in {b.citation.article for b in summarize(assistant.services, "行政复议法 第一章").bullets}


def test_a_section_of_a_chapter_is_summarised_alone_and_a_long_chapter_names_what_it_left_out(
    assistant: Assistant,
) -> None:
    """「行政诉讼法第七章第三节讲了什么」 gave the whole chapter (the 第三节 was dropped); and 第七章's summary, 30 of its
    40 articles, did not say that 第五十六条 (诉讼期间不停止执行) and nine others were left out."""
    answerer = assistant.services.answerer
    section = answerer.ask("行政诉讼法第七章第三节讲了什么")
    assert [c.article for c in section.citations] == ["第八十二条", "第八十三条", "第八十四条"], section.text
    chapter = answerer.ask("行政诉讼法第七章讲了什么")
    cited = {c.article for c in chapter.citations}
    assert "第五十六条" not in cited and "另有 10 条未列出" in chapter.text, chapter.text
    assert "第五十六条" in chapter.text.split("未列出")[1], chapter.text
    # a chapter given whole says nothing of the kind
    assert "未列出" not in answerer.ask("行政诉讼法第五章讲了什么").text


def test_a_short_regulation_is_summarised_by_most_of_its_working_rules(assistant: Assistant) -> None:
    """A third of the 20 articles of the 移送规定 was 6 bullets, half its working rules left out; at
    3·√n it is 13, and the rules staff act on are among them."""
    whole = summarize(assistant.services, "行政执法机关移送涉嫌犯罪案件的规定")
    cited = {b.citation.article for b in whole.bullets}
    assert len(whole.bullets) == 13, cited
    # 不得以行政处罚代替移送, the 3-day request to reconsider a refusal, the 3-day hand-over of the case
    assert {"第十一条", "第九条", "第十二条"} <= cited, cited


def test_a_whole_law_summary_spends_its_bullets_on_rules_not_on_formulas(assistant: Assistant) -> None:
    whole = summarize(assistant.services, "行政处罚法")
    # the officials' discipline formula and exhortations to build systems are not rules a reader acts on:
    # the 法律责任 chapter keeps its one bullet (every chapter has room), no more (there were three)
    formulas = [b.text for b in whole.bullets if re.search(r"给予[^。；]{0,12}处分|建立健全|定期组织评估", b.text)]
    assert len(formulas) <= 1, formulas
    cited = {b.citation.article for b in whole.bullets}
    assert {"第二十九条", "第五十一条", "第六十条", "第六十三条"} <= cited  # 一事不二罚, 当场处罚, 90 日, 听证
    # 第六章 (执行) has more rules that weigh alike than room: they are taken across the chapter, so
    # what happens when a fine is not paid (第七十二条) is there, not only the first articles on 收缴
    assert "第七十二条" in cited
    assert "第五十七条" in {b.citation.article for b in summarize(assistant.services, "行政处罚法 第五章").bullets}


def test_a_summary_asked_for_in_words_is_the_summary(assistant: Assistant) -> None:
    answerer = assistant.services.answerer
    chapter = answerer.ask("行政处罚法第五章讲了什么？")
    expected = summarize(assistant.services, "行政处罚法 第五章")
    assert chapter.mode == "summary" and chapter.grounded
    assert [c.article for c in chapter.citations] == [b.citation.article for b in expected.bullets]
    assert all("第五章" in assistant.services.index.chunks[c.chunk_id].chapter for c in chapter.citations)
    shown = to_terminal(chapter)
    assert all(shown.count(b.text) == 1 for b in expected.bullets)  # each bullet once, not requoted
    report = answerer.ask("请概括一下2023年报告")
    assert report.mode == "summary"
    assert sum(f in report.text for f in ("97%以上", "29次", "17.9个百分点", "13.4:1", "零败诉", "三连降")) >= 6
    bare = answerer.ask("复议法第五章")  # a part named alone: its summary, not one of its articles
    assert bare.mode == "summary" and bare.text.startswith("《中华人民共和国行政复议法》第五章摘要")
    old = answerer.ask("总结一下旧复议法第三章")
    assert old.mode == "summary" and {c.version for c in old.citations} == {"2017"}
    # Questions about an article or a topic inside a law are answered, not summarised.
    article = answerer.ask("行政复议法第二十条规定了什么？")
    assert article.mode != "summary" and article.citations[0].article == "第二十条"
    periods = answerer.ask("行政处罚法规定了哪些处罚种类？")
    assert periods.mode != "summary" and periods.citations[0].article == "第九条"
    # A part the document does not have is not a summary of something else.
    assert answerer.ask("复议法第十九章讲了什么").mode != "summary"
    # A summary of an unnamed document (no conversation to take it from) asks which one.
    for unnamed in ("总结一下第五章", "概括一下这部法律"):
        asked = answerer.ask(unnamed)
        assert not asked.grounded and not asked.citations and "请写明要摘要的文件" in asked.text
    with pytest.raises(InvalidQuestionError, match="请写明要摘要的文件"):
        summarize(assistant.services, "第五章")


def test_a_whole_law_summary_reads_chapter_by_chapter(assistant: Assistant) -> None:
    from bot.core.summary import render_summary_text

    whole = summarize(assistant.services, "行政诉讼法")
    chapters = {
        c.chapter for c in assistant.services.index.chunks.values() if c.title.endswith("行政诉讼法") and c.article
    }
    groups = [b.group for b in whole.bullets]
    # every chapter that states a rule has a bullet, under its own heading, each chapter's together
    assert set(groups) >= {c for c in chapters if not c.endswith("附则")}
    assert all(b.group == assistant.services.index.chunks[b.citation.chunk_id].chapter for b in whole.bullets)
    assert groups == sorted(groups, key=groups.index)
    text = render_summary_text(whole)
    assert all(text.count(f"【{g}】") == 1 for g in set(groups))
    # a bullet stands alone: none is a sentence leaning on the one before it
    assert not [
        b.text for b in whole.bullets if re.match(r"(?:第[一二三四五六七八九十百]+条\s*)?(?:但|其中|前款)", b.text)
    ]


def test_a_summary_quotes_each_sentence_once(assistant: Assistant) -> None:
    """A bullet that states no figure is followed by its article's rule that does; where that rule is
    the same sentence run on (律师法第四十八条's 「……一万元以下的罚款；有违法所得的……」), it was quoted
    twice, once cut short. 一万元 is a figure too, and a rule that continues the bullet replaces it."""
    for target in ("律师法 第六章", "行政复议受理流程"):
        bullets = summarize(assistant.services, target).bullets
        texts = [b.text for b in bullets]
        assert not [(a, b) for a in texts for b in texts if a is not b and a in b], target
    chapter = summarize(assistant.services, "律师法 第六章").bullets
    assert [b.citation.article for b in chapter].count("第四十八条") == 1
    topic = summarize(assistant.services, "行政复议受理流程").bullets
    assert any("在10日内协商确定" in b.text for b in topic), [b.text for b in topic]


def test_a_rule_is_quoted_with_the_clauses_that_qualify_it(assistant: Assistant) -> None:
    """A rule cut at its semicolon drops what qualifies it: 国家赔偿法第二十八条's three months were quoted without
    「属于疑难、复杂、重大案件的，……可以延长三个月」, 规章制定程序条例第三十二条's 30日后施行 without the rules that take
    effect at once. A list's next item is no qualifier of the item before it."""
    chapter = summarize(assistant.services, "国家赔偿法 第三章").bullets
    period = next(b.text for b in chapter if b.citation.article == "第二十八条")
    assert period.endswith("经本院院长批准，可以延长三个月。"), period
    rules = summarize(assistant.services, "规章制定程序条例 第五章").bullets
    effect = next(b.text for b in rules if b.citation.article == "第三十二条")
    assert "30日后施行；但是，涉及国家安全" in effect, effect
    amounts = render_summary_text(summarize(assistant.services, "国家赔偿法 第四章"))
    assert "五倍；（二）" not in amounts, amounts


def test_a_sentence_inside_a_list_item_is_no_bullet_of_its_own(assistant: Assistant) -> None:
    """国家赔偿法第三十四条's item (一) goes on 「减少的收入每日的赔偿金……最高额为……五倍；」: a chapter summary quoted that
    sentence as a bullet, without the item's number or the list's lead-in (侵犯公民生命健康权的，赔偿金按照下列规定计算)."""
    bullets = summarize(assistant.services, "国家赔偿法 第四章").bullets
    assert [b.citation.article for b in bullets].count("第三十四条") == 1, [b.text for b in bullets]
    assert not [b.text for b in bullets if b.text.startswith("减少的收入")]


def test_a_topic_summary_gives_each_article_by_what_it_says_on_the_topic(assistant: Assistant) -> None:
    """A topic's summary gathers the few articles on it: of each, the sentence that names the topic (民事诉讼法
    第一百零三条's 「根据对方当事人的申请，可以裁定对其财产进行保全」, not its 四十八小时 alone), a list that is the
    topic quoted whole (行政处罚法第六十四条's eight steps of a hearing), and at least six passages."""
    preservation = render_summary_text(summarize(assistant.services, "民事诉讼财产保全"))
    assert "根据对方当事人的申请，可以裁定对其财产进行保全" in preservation, preservation
    hearing = summarize(assistant.services, "行政处罚听证程序")
    steps = next(b.text for b in hearing.bullets if b.citation.article == "第六十四条")
    assert (
        "（一）当事人要求听证的，应当在行政机关告知后五日内提出；" in steps and "（八）听证应当制作笔录。" in steps
    ), steps
    periods = summarize(assistant.services, "行政诉讼起诉期限")
    assert periods.sources >= 6 and "第六十四条" in {b.citation.article for b in periods.bullets}


def test_a_topic_summary_shows_its_own_article_on_the_topic_beyond_one_sentence(assistant: Assistant) -> None:
    """A topic's own article (its search's first passage) was shown by one sentence: 「律师事务所终止」 left out
    who cancels the firm's licence, 律师法第二十二条's last 款. Now up to two more of its rules that name the
    whole topic follow, as the article runs: 「行政复议代理人」 gives 复议法第十七条's who may act for a party, the
    power of attorney, and the written notice when the power changes."""
    bullets = summarize(assistant.services, "行政复议代理人").bullets
    of_17 = [b.text for b in bullets if b.citation.article == "第十七条" and "2023" in b.citation.version]
    assert len(of_17) == 3, of_17
    assert "委托一至二名律师" in of_17[0] and "授权委托书" in of_17[1] and "应当书面告知行政复议机构" in of_17[2], of_17
    # a list's items stay in their list's bullet: 政府信息公开条例第三十六条's item (五) is no bullet of its own
    requests = summarize(assistant.services, "政府信息公开申请").bullets
    assert not [b.text for b in requests if re.match(r"[（(][一二三四五六七八九十]+[)）]", b.text)]


def test_a_topic_summary_leaves_out_articles_that_say_only_their_laws_subject(assistant: Assistant) -> None:
    """「行政复议和解」 gathered 复议法第四条 and 第二十四条 (who reviews), which say 行政复议, the subject of every
    article of the law, and not 和解: an article must say a rare word of the topic beyond its law's subject (or one a
    chapter or section is named by), or stand in a chapter or section that does."""
    settling = {b.citation.article for b in summarize(assistant.services, "行政复议和解").bullets}
    assert "第七十四条" in settling and not settling & {"第四条", "第二十四条"}, settling
    procedure = {b.citation.article for b in summarize(assistant.services, "国家赔偿程序").bullets}
    assert {"第九条", "第十二条", "第十三条"} <= procedure, procedure
    # a word a chapter is named by tells too: 第四章 赔偿方式和计算标准, not the law's purpose and the right to it
    means = {b.citation.article for b in summarize(assistant.services, "国家赔偿方式").bullets}
    assert "第三十二条" in means and not {"第一条", "第二条"} & means, means


def test_a_topic_term_jieba_cuts_is_read_whole(assistant: Assistant) -> None:
    """「代履行」 is cut 代 | 履行 by jieba, and the topic gathered 民事诉讼法's articles on 履行 (a party who will not
    perform a judgment): the term is read whole where the statutes say it, so its summary is 行政强制法's."""
    summary = summarize(assistant.services, "代履行")
    bullets = summary.bullets
    assert {"第五十条", "第五十一条"} <= {b.citation.article for b in bullets}, bullets
    assert all("行政强制法" in b.citation.title for b in bullets), [b.citation.title for b in bullets]
    # and it says it rests on the passages on the topic (依据 N 个段落), not on the others its search read
    assert summary.sources == len({b.citation.article for b in bullets}), summary.sources


def test_each_article_of_a_topic_shows_a_further_rule_that_names_the_topic(assistant: Assistant) -> None:
    """Beside the topic's own article, the others on it show a further rule that names the whole topic, three
    at most: 「加处罚款」 left out 行政强制法第四十五条's ceiling, that the surcharge may not exceed the sum owed,
    and 「先予执行」 that an applicant who loses pays for the loss the execution caused."""
    surcharge = [b.text for b in summarize(assistant.services, "加处罚款").bullets]
    assert any("加处罚款或者滞纳金的数额不得超出金钱给付义务的数额" in t for t in surcharge), surcharge
    ahead = [b.text for b in summarize(assistant.services, "先予执行").bullets]
    assert any("申请人败诉的，应当赔偿被申请人因先予执行遭受的财产损失" in t for t in ahead), ahead


def test_a_topic_article_all_on_the_topic_is_shown_rule_by_rule(assistant: Assistant) -> None:
    """「行政许可的撤销」: 行政许可法第六十九条's four 款 each say when a licence is revoked or not, and the
    summary left out the second (a licence got by fraud or bribery shall be revoked). Articles that say
    neither 撤销 nor anything of it (第三十二条, how an application is handled) are left out."""
    bullets = summarize(assistant.services, "行政许可的撤销").bullets
    of_69 = [b.text for b in bullets if b.citation.article == "第六十九条"]
    assert len(of_69) == 4 and "以欺骗、贿赂等不正当手段取得行政许可的，应当予以撤销" in of_69[1], of_69
    assert not {"第三十二条", "第七十二条"} & {b.citation.article for b in bullets}
    # 协议 is rare enough to tell: 人民调解法第七条 (what a committee is) says nothing of an agreement
    agreement = {b.citation.article for b in summarize(assistant.services, "人民调解协议").bullets}
    assert {"第三十条", "第三十一条", "第三十三条"} <= agreement and not {"第七条", "第二十条"} & agreement, agreement


def test_an_article_is_shown_by_its_rule_not_by_what_leans_on_it(assistant: Assistant) -> None:
    """行政处罚法 第五章 第二节 (简易程序) showed 第五十二条 by its second 款, 「前款规定的行政处罚决定书应当载明……」:
    what the form states, without the rule it leans on, that the officer shows the badge and hands the
    numbered form over on the spot."""
    bullets = summarize(assistant.services, "行政处罚法 第五章 第二节").bullets
    of_52 = next(b.text for b in bullets if b.citation.article == "第五十二条")
    assert "出示执法证件" in of_52 and not of_52.startswith("前款"), of_52


def test_a_period_topic_gives_each_article_by_the_period_of_the_topics_act(assistant: Assistant) -> None:
    """「行政诉讼起诉期限」 showed 行政诉讼法第四十六条 by its second 款 (二十年, 五年: more figures), not the six months
    to sue, and left out 第四十五条 (21st by its search); now 第四十六条 by the 六个月 first, then the outer limits,
    one more bullet of that article and no sentence twice, and the periods for suing further down (第四十五条).
    A period topic's article with two periods on the topic gives both (民事诉讼法第一百七十一条: 十五日, 十日)."""
    suing = summarize(assistant.services, "行政诉讼起诉期限").bullets
    of_46 = [b.text for b in suing if b.citation.article == "第四十六条"]
    assert len(of_46) == 2 and "六个月内提出" in of_46[0] and "超过二十年" in of_46[1], of_46
    # the fifteen days to sue after 复议 too, though its search put 第四十五条 21st
    assert any("收到复议决定书之日起十五日内" in b.text for b in suing if b.citation.article == "第四十五条")
    appeal = [b.text for b in summarize(assistant.services, "民事诉讼上诉期限").bullets]
    assert any("判决书送达之日起十五日内" in t for t in appeal) and any("裁定书送达之日起十日内" in t for t in appeal)
    assert not [(a, b) for a in appeal for b in appeal if a is not b and a in b], appeal


def test_a_whole_law_summary_gives_the_kinds_of_decision_as_one_list(assistant: Assistant) -> None:
    """复议法第六十三至七十二条 each give one kind of 行政复议决定 (变更, 撤销, 确认违法, 履行, 确认无效,
    维持, 驳回 …): a whole-law summary that takes half of them takes them all; a limit the reader
    sets is kept."""
    numbers = [f"第{n}条" for n in ("六十三", "六十四", "六十五", "六十六", "六十七", "六十八", "六十九", "七十")]
    whole = summarize(assistant.services, "复议法")
    assert set(numbers) <= {b.citation.article for b in whole.bullets}
    assert len(summarize(assistant.services, "复议法", bullets=12).bullets) == 12


def test_a_whole_law_summary_gives_the_rule_each_chapter_opens_with(assistant: Assistant) -> None:
    """行政处罚法 第四章 opens with 第二十二条 (由违法行为发生地的行政机关管辖), which weighs no more by its
    cue words than the chapter's other rules: the rule a chapter opens with is in the summary."""
    whole = summarize(assistant.services, "行政处罚法")
    assert "第二十二条" in {b.citation.article for b in whole.bullets}


def test_a_whole_law_summary_says_what_is_free_of_charge(assistant: Assistant) -> None:
    """An exemption is a rule a reader acts on, as a bar is (不得, 不予): 政府信息公开条例第四十二条
    (依申请提供政府信息，不收取费用) was left out for rules that weighed the same."""
    whole = summarize(assistant.services, "政府信息公开条例")
    assert any(b.citation.article == "第四十二条" and "不收取费用" in b.text for b in whole.bullets)


def test_a_law_summary_gives_room_to_the_rules_people_ask_about(assistant: Assistant, tmp_path: Path) -> None:
    """knowledge/asked_articles.toml (learned from the development parts of the question sets):
    行政处罚法第三十条 (minors are not penalised) loses to articles with more cue words unless
    questions are known to ask about it."""
    services = assistant.services

    def cites(table: AskedArticles) -> set[str]:
        summary = summarize(dataclasses.replace(services, asked=table), "行政处罚法")
        return {b.citation.article for b in summary.bullets}

    assert "第三十条" not in cites(AskedArticles())
    assert "第三十条" in cites(AskedArticles({("中华人民共和国行政处罚法", "2021", "第三十条"): 1}))


def test_the_asked_articles_table_is_learned_from_development_parts_only(tmp_path: Path) -> None:
    rows = [
        {"id": f"q{n}", "query": "问", "gold": [{"law": "某法", "version": "2020", "article": "第一条"}]}
        for n in range(40)
    ]
    source = tmp_path / "q.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    table = tmp_path / "asked.toml"
    assert learn_asked_articles.main([str(source), "--out", str(table)]) == 0
    learned = AskedArticles.load(table)
    assert learned.counts == {("某法", "2020", "第一条"): len(development(rows))} and len(development(rows)) < 40
    table.write_text('[articles]\n"某法|第一条" = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="提问条文表格式不对"):
        AskedArticles.load(table)
    assert AskedArticles.load(None).counts == {}
