"""Deadlines counted on the official calendar, periods read from the law texts, and deadline
questions answered in the terminal and through Telegram with their articles."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import Assistant
from bot.core import periods
from bot.core.answer import InvalidQuestionError
from bot.core.deadlines import answer_deadline, find_date, render_timeline, timeline
from bot.core.periods import PERIOD_FIT, asked_action, asked_side, law_rules, periods_in, periods_of
from bot.core.types import Citation
from bot.core.workdays import CalendarUnknownError, OfficialCalendar
from ingest.embedders import Embedder
from ingest.errors import ConfigError
from ingest.settings import PROJECT_ROOT, Settings
from tests.conftest import stored_chunk
from tests.test_telegram import ALICE, running_bot, texts, wait

D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "working", "expected"),
    [
        # 3月5日 + 60 日: 3月 has 26 more days, 4月 30 → 4月30日 is day 56, 5月4日 day 60; 5月1–5日 is the
        # 2026 劳动节 holiday, so the period ends on the first working day after it, 5月6日 (Wednesday).
        (D(2026, 3, 5), 60, False, D(2026, 5, 6)),
        # 8月2日 + 60 日 = 10月1日 (8月 29 days left + 9月 30 = 59 → 10月1日 is day 60); 10月1–7日 is
        # 国庆 2024, so it moves to 10月8日 (Tuesday).
        (D(2024, 8, 2), 60, False, D(2024, 10, 8)),
        # 1月11日 + 30 日 = 2月10日, first day of 春节 2024 (2月10–17日); 2月18日 is a Sunday but an
        # adjusted working day (调休), so the period ends on that Sunday.
        (D(2024, 1, 11), 30, False, D(2024, 2, 18)),
        # 9月26日 (Friday) + 5 working days, 国庆/中秋 2025: 9月27日 Saturday rest; 9月28日 Sunday is a
        # 调休 working day (1); 9月29日 (2), 9月30日 (3); 10月1–8日 holiday; 10月9日 (4), 10月10日 (5).
        (D(2025, 9, 26), 5, True, D(2025, 10, 10)),
        # 2月12日 (Thursday) + 10 working days, 春节 2026 (2月15–23日 off, 2月14日 and 2月28日 Saturdays
        # worked): 2/13 (1), 2/14 (2), 2/24 (3), 2/25 (4), 2/26 (5), 2/27 (6), 2/28 (7), 3/2 (8),
        # 3/3 (9), 3/4 (10).
        (D(2026, 2, 12), 10, True, D(2026, 3, 4)),
        # 9月30日 (Monday) 2024 + 3 working days: 10月1–7日 holiday; 10月8日 (1), 10月9日 (2), 10月10日 (3).
        (D(2024, 9, 30), 3, True, D(2024, 10, 10)),
    ],
)
def test_periods_counted_on_the_official_calendar(start: D, days: int, working: bool, expected: D) -> None:
    calendar = OfficialCalendar()
    result = calendar.add_working_days(start, days) if working else calendar.add_calendar_days(start, days)
    assert result.end == expected, result.steps
    assert "当日不计入" in result.steps[0]


def test_months_end_on_the_corresponding_day_or_the_month_end() -> None:
    # 8月31日 + 6 个月 → 2月 has no 31st: 2月28日 2026, a Saturday worked for 春节 (调休): it stands.
    add_months = OfficialCalendar().add_months
    assert add_months(D(2025, 8, 31), 6).end == D(2026, 2, 28)
    # a weekend day that stands says why: the reader expects a Saturday to be moved past
    assert "2026年2月28日（星期六）为调休上班日（工作日），期间届满日不顺延" in add_months(D(2025, 8, 31), 6).steps
    # 4月6日 + 6 个月 → 10月6日 2025, inside 国庆/中秋 (10月1–8日): moves to 10月9日 (Thursday).
    assert add_months(D(2025, 4, 6), 6).end == D(2025, 10, 9)


def test_a_year_the_calendar_does_not_know_is_said_not_guessed() -> None:
    with pytest.raises(CalendarUnknownError, match="只覆盖 2004–2026 年"):
        OfficialCalendar().add_calendar_days(D(2026, 12, 20), 15)


# A made-up arrangement for a year the package lacks (not the State Council's: the test needs one):
# 元旦 1月1日 (Friday)–3日 off, Saturday 1月9日 worked.
MADE_UP_2027 = """
[2027]
source = "测试用安排（并非国务院通知）"
workdays = ["2027-01-09"]
[2027.holidays]
"元旦" = ["2027-01-01", "2027-01-03"]
"""


def test_a_year_an_admin_adds_from_the_notice_is_counted_with_it(tmp_path: Path) -> None:
    """Periods now run into 2027, which chinese-calendar 1.11 does not hold: the admin copies the
    notice into knowledge/holidays.toml and deadlines are counted with it; 2028 is still said unknown."""
    path = tmp_path / "holidays.toml"
    path.write_text(MADE_UP_2027, encoding="utf-8")
    calendar = OfficialCalendar.load(path)
    assert calendar.known_years() == (2004, 2027)
    # 12月20日 + 12 days = 1月1日, a holiday: on to Monday 1月4日, the reason said
    moved = calendar.add_calendar_days(D(2026, 12, 20), 12)
    assert moved.end == D(2027, 1, 4) and any("元旦假期" in step for step in moved.steps), moved.steps
    # Thursday 1月7日 + 2 working days: Friday 1月8日, and Saturday 1月9日, worked
    worked = calendar.add_working_days(D(2027, 1, 7), 2)
    assert worked.end == D(2027, 1, 9) and any("调休上班日" in step for step in worked.steps), worked.steps
    with pytest.raises(CalendarUnknownError, match=r"holidays\.toml"):
        calendar.add_calendar_days(D(2027, 12, 20), 15)
    assert OfficialCalendar.load(tmp_path / "none.toml").known_years() == (2004, 2026)  # no file: none added


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('[2027.holidays]\n"元旦" = ["2026-12-31", "2027-01-02"]', "2026-12-31 不在 2027 年"),
        (
            '[2027]\nworkdays = ["2027-01-02"]\n[2027.holidays]\n"元旦" = ["2027-01-01", "2027-01-03"]',
            "既列为放假又列为上班",
        ),
        ('[2027.holidays]\n"元旦" = ["2027-01-03", "2027-01-01"]', "首尾两日"),
        ("[2027\n", "无法读取"),
    ],
)
def test_a_wrong_holidays_file_is_named_with_what_is_wrong(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "holidays.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=said) as caught:
        OfficialCalendar.load(path)
    assert str(path) in str(caught.value)


def test_the_deadline_command_counts_with_the_configured_holidays(corpus_settings: Settings, tmp_path: Path) -> None:
    """The file named in config.toml (here through the environment) reaches the deadline command."""
    path = tmp_path / "holidays.toml"
    path.write_text(MADE_UP_2027, encoding="utf-8")
    question = "处罚决定书2026年12月20日送达，最晚哪天申请复议？"
    env = {**os.environ, "FAZHI_INDEX__DATA_DIR": str(corpus_settings.data_dir)}
    run = [sys.executable, "-m", "bot", "deadline", question]
    without = subprocess.run(run, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert "尚未收录" in without.stdout, without.stdout + without.stderr
    env["FAZHI_INDEX__HOLIDAYS_FILE"] = str(path)
    added = subprocess.run(run, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert "结论：最晚应于 2027年2月18日（星期四）" in added.stdout, added.stdout + added.stderr


def test_dates_as_staff_write_them() -> None:
    today = D(2026, 11, 25)
    assert find_date("2025年3月5日送达", today).day == D(2025, 3, 5)  # type: ignore[union-attr]
    assert find_date("2025-03-05送达", today).day == D(2025, 3, 5)  # type: ignore[union-attr]
    assert find_date("3月5日送达", today).day == D(2026, 3, 5)  # type: ignore[union-attr]
    assert find_date("三月五日送达", today).day == D(2026, 3, 5)  # type: ignore[union-attr]
    assert find_date("3.5送达的决定", today).day == D(2026, 3, 5)  # type: ignore[union-attr]
    assert find_date("五日内审查", today) is None  # a period, not a date
    assert find_date("今天收到处罚决定", today).day == today  # type: ignore[union-attr]
    assert find_date("前天送达的", today).day == today - dt.timedelta(days=2)  # type: ignore[union-attr]
    assert find_date("昨天3月5日送达", today).day == D(2026, 3, 5)  # type: ignore[union-attr]  # the date written wins
    with pytest.raises(InvalidQuestionError, match="不存在"):
        find_date("2月30日收到", today)


def _period(assistant: Assistant, doc_id: str, article: str, length: int) -> tuple[str, bool, str]:
    found = [p for p in periods_of(assistant.services.index, doc_id) if p.chunk.article == article]
    period = next(p for p in found if p.length == length)
    return period.unit, period.working_days, period.trigger


@pytest.mark.parametrize(
    ("question", "action"),
    [
        ("老百姓觉得罚款决定不对，多长时间内可以申请复议？", "申请复议"),
        ("最晚哪天前申请复议", "申请复议"),
        ("行政复议申请期限是多久？", "行政复议申请"),
        ("复议机关几天内决定受不受理？", "决定是否受理"),
        ("行政许可听证要提前几天通知申请人？", "行政许可听证通知申请人"),  # not 「……听证提通知……」
    ],
)
def test_the_asked_action_is_read_without_the_asking_words(question: str, action: str) -> None:
    # 「多长时间内可以」 is the ask, not the action: the period for 申请复议 is what answers it.
    assert asked_action(question) == action


def test_periods_are_read_from_the_articles(assistant: Assistant) -> None:
    fuyi = "xingzheng-fuyi-fa-2023"
    assert _period(assistant, fuyi, "第二十条", 60) == ("日", False, "自知道或者应当知道该行政行为之日起")
    assert _period(assistant, fuyi, "第三十条", 5)[:2] == ("日", True)  # 五日: working days by 第八十八条
    assert _period(assistant, fuyi, "第三十一条", 10) == ("日", True, "自收到补正通知之日起")
    decisions = [p for p in periods_of(assistant.services.index, fuyi) if p.chunk.article == "第六十二条"]
    assert [(p.length, p.extension) for p in decisions] == [(60, False), (30, True), (30, False)]
    assert _period(assistant, "xingzheng-susong-fa-2017", "第四十六条", 6)[0] == "月"
    assert _period(assistant, "xingzheng-susong-fa-2017", "第四十五条", 15)[:2] == ("日", False)
    assert _period(assistant, "zhengfu-xinxi-gongkai-tiaoli-2019", "第三十三条", 20)[:2] == ("工作日", True)
    assert _period(assistant, "xingzheng-chufa-fa-2021", "第六十四条", 5)[:2] == ("日", True)  # 第八十五条
    rules = law_rules(assistant.services.index, fuyi)
    assert sorted(rules.working) == [3, 5, 7, 10] and rules.working[5].article == "第八十八条"
    # 第八十八条 sends counting to 民事诉讼法 关于期间的规定: the reference is followed to its 第八十五条.
    assert rules.counting is not None
    assert (rules.counting.title, rules.counting.article) == ("中华人民共和国民事诉讼法", "第八十五条")


def _cited(citations: list[Citation]) -> set[tuple[str, str]]:
    return {(c.title.removeprefix("中华人民共和国"), c.article) for c in citations}


def test_a_deadline_question_gets_the_date_the_steps_and_the_articles(assistant: Assistant) -> None:
    answer = answer_deadline(assistant.services, "处罚决定书2026年3月5日送达，最晚哪天前申请复议？")
    assert "2026年5月6日（星期三）" in answer.text and "劳动节假期" in answer.text
    assert {("行政复议法", "第二十条"), ("民事诉讼法", "第八十五条")} <= _cited(answer.citations)

    review = answer_deadline(assistant.services, "复议机关2025年9月26日收到申请，五日审查期到哪天？")
    assert "2025年10月10日（星期五）" in review.text and "调休上班日" in review.text
    assert {("行政复议法", "第三十条"), ("行政复议法", "第八十八条")} <= _cited(review.citations)

    # said the short way (收到处罚决定, 申请复议): the sixty days to apply, not the organ's seven
    # working days to send the application on (第四十八条), which shares every word of the action
    short = answer_deadline(assistant.services, "2026年2月12日收到处罚决定，最晚哪天申请复议？")
    assert _cited(short.citations) >= {("行政复议法", "第二十条")} and "2026年4月13日（星期一）" in short.text
    # the clause that asks names who acts: the respondent's answer, not the parties' appeal
    reply = answer_deadline(assistant.services, "2026年3月2日被告收到起诉状副本，最晚哪天提出答辩状？")
    assert reply.citations[0].article != "第二百八十六条" and "被告" in reply.citations[0].quote

    assert not short.notice
    # no article at hand sets a period for what was asked: the date found is shown, the difference said
    odd = answer_deadline(assistant.services, "2026年3月1日收到处罚决定，最晚哪天找律师？")
    assert "所问的「找律师」" in odd.notice and "不完全相同" in odd.notice
    # the article named is what is asked: its period is not said to be another action's
    named = answer_deadline(assistant.services, "行政许可法第四十二条的期限怎么算，2026年3月2日受理的")
    assert _cited(named.citations) >= {("行政许可法", "第四十二条")} and not named.notice, named.notice
    assert "2026年3月23日（星期一）" in named.text

    fix = answer_deadline(assistant.services, "补正通知2026年2月12日收到，最晚哪天交材料？")
    assert "2026年3月4日（星期三）" in fix.text
    assert {("行政复议法", "第三十一条"), ("行政复议法", "第八十八条")} <= _cited(fix.citations)


def test_a_deadline_is_counted_from_the_procedure_the_question_names(assistant: Assistant) -> None:
    """「行政案件一审判决书……送达，最晚哪天上诉」: searched first as 「上诉的期限是多久」, the action alone
    found 民事诉讼法第一百七十一条; the question as asked says the 行政案件, and 行政诉讼法第八十五条 counts."""
    answer = answer_deadline(assistant.services, "行政案件一审判决书2026年4月20日送达，当事人最晚哪天上诉？")
    assert answer.citations[0].title == "中华人民共和国行政诉讼法", answer.text[:200]
    assert answer.citations[0].article == "第八十五条" and "2026年5月6日（星期三）" in answer.text


def test_a_review_period_is_the_period_for_the_decision_it_ends_in(assistant: Assistant) -> None:
    """法律援助法第四十三条: 「七日内进行审查，作出是否给予法律援助的决定」 — the 七日 are for the decision
    too; read as for 审查 only, 「机构最晚哪天作出决定」 was counted from 行政强制法第三十二条's 三十日."""
    review = stored_chunk(
        "第四十三条 法律援助机构应当自收到法律援助申请之日起七日内进行审查，作出是否给予法律援助的决定；"
        "决定给予法律援助的，应当自作出决定之日起三日内指派法律援助人员为受援人提供法律援助。"
    )
    assert periods.fit("法律援助机构几天内作出决定？", review) >= PERIOD_FIT
    answer = answer_deadline(assistant.services, "法律援助申请2026年9月30日提交，机构最晚哪天作出决定？")
    assert ("法律援助法", "第四十三条") in _cited(answer.citations[:1]), answer.text[:200]
    assert "七日" in answer.citations[0].quote
    # 移送规定第八条: 「３日内……进行审查。……依法决定立案的……依法不予立案的……」 is the period to decide
    # whether to open a case (第九条's ３日 are for a 复议 of a refusal)
    docket = answer_deadline(assistant.services, "公安机关2026年4月1日接受移送的案件，最晚哪天决定是否立案？")
    assert ("行政执法机关移送涉嫌犯罪案件的规定", "第八条") in _cited(docket.citations[:1]), docket.text[:200]


def test_a_least_time_is_said_and_not_counted_to_a_last_day(assistant: Assistant) -> None:
    """重大行政决策程序暂行条例第二十六条: 「……应当保证必要的审查时间，一般不少于7个工作日」 is the least time for a
    legality review; a date asked against it gets the rule and no last day (it was answered with 法规规章备案审查
    条例's periods, a date counted from them)."""
    answer = answer_deadline(assistant.services, "重大行政决策草案2026年3月2日送请合法性审查，审查时间最少要给几天？")
    assert ("重大行政决策程序暂行条例", "第二十六条") in _cited(answer.citations[:1]), answer.text[:200]
    assert "不少于7个工作日（最短期限）" in answer.text and "结论" not in answer.text


def test_the_period_of_the_body_that_acts(assistant: Assistant) -> None:
    # the question's subject is the review organ: not a court's period that shares the action
    # (行政强制法第五十六条: 上一级人民法院 … 十五日内作出是否受理的裁定)
    accept = answer_deadline(assistant.services, "复议机关2026年3月2日收到申请，最晚哪天要决定是否受理？")
    assert accept.citations[0].title == "中华人民共和国行政复议法" and "五日" in accept.citations[0].quote
    # 「立不立案」 is 是否立案, the court's seven days (it counted 三日 of a rule on transferring cases)
    docket = answer_deadline(assistant.services, "法院2026年3月2日收到起诉状，最晚哪天决定立不立案？")
    assert ("行政诉讼法", "第五十一条") in _cited(docket.citations[:1])
    # 「行政机关最晚哪天答复」: the action is 答复, whoever is named doing it
    reply = answer_deadline(assistant.services, "2026年3月2日收到政府信息公开申请，行政机关最晚哪天答复？")
    assert ("政府信息公开条例", "第三十三条") in _cited(reply.citations[:1])


def test_a_deadline_question_without_a_date_gets_the_rule_and_a_hint(assistant: Assistant) -> None:
    answer = answer_deadline(assistant.services, "收到补正通知后多久要交补正材料？")
    assert answer.citations[0].article == "第三十一条" and "十日" in answer.text
    assert "告诉我起算日期" in answer.text


def test_an_ordinary_question_with_a_date_is_routed_to_the_calculator(assistant: Assistant) -> None:
    answer = assistant.services.answerer.ask("处罚决定书2024年8月2日送达，最晚哪天申请行政复议？")
    assert answer.mode == "deadline" and "2024年10月8日（星期二）" in answer.text


def test_a_date_that_says_which_acts_are_meant_asks_no_deadline(assistant: Assistant) -> None:
    """「……以前作出的」 qualifies the acts; the question asks whether a court takes the case."""
    answer = assistant.services.answerer.ask("2014年12月1日以前作出的行政行为，现在起诉请求确认无效，法院受理吗？")
    assert answer.mode != "deadline" and "推算" not in answer.text
    assert (answer.citations[0].title, answer.citations[0].article) == (
        "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释",
        "第一百六十二条",
    )
    asked = assistant.services.answerer.ask("2024年8月2日收到处罚决定书，要在几号之前申请行政复议？")
    assert asked.mode == "deadline" and "2024年10月8日（星期二）" in asked.text


def test_the_review_timeline(assistant: Assistant) -> None:
    line = timeline(assistant.services, "复议", D(2024, 9, 20))
    ends = {step.name: step.count.end for step in line.steps if step.count is not None}
    # 9月20日 + 60 日 = 11月19日 (Tuesday, a working day).
    assert ends["提出行政复议申请"] == D(2024, 11, 19)
    # + 5 working days from 11月19日: 11/20, 11/21, 11/22, 11/25, 11/26.
    assert ends["复议机关审查是否受理（设申请于上一日收到）"] == D(2024, 11, 26)
    # decision: 11月26日 + 60 日 = 2025年1月25日, a Saturday — but 1月26日 (Sunday) is a 调休 working day
    # for 春节 2025, so the period ends on that Sunday.
    assert ends["普通程序：作出行政复议决定"] == D(2025, 1, 26)
    assert len(line.steps) == 10
    # each step names the 款 its period is in where the article has several: 简易程序's thirty days are
    # 第六十二条's second 款, the 普通程序's sixty its first; 第四十八条, one 款, by its number alone
    text = render_timeline(line)
    assert "（《行政复议法》第六十二条第一款，六十日" in text and "（《行政复议法》第六十二条第二款，三十日" in text
    assert "（《行政复议法》第四十八条，七日" in text, text


def test_a_timeline_that_reaches_a_year_without_holiday_data_keeps_the_steps_it_can_count(
    assistant: Assistant,
) -> None:
    # From 2026年9月20日 the early steps end in 2026; the decision's sixty days reach 2027, for which
    # chinese-calendar has no data: its last day is given unextended, the steps counted from it none.
    text = render_timeline(timeline(assistant.services, "复议", D(2026, 9, 20)))
    lines = text.split("\n")
    assert "1. 提出行政复议申请：2026年11月19日（星期四）" in lines[1]
    assert "期间最后一日为 2027年1月25日（星期一），是否顺延未知" in text
    assert "经批准延长后作出决定：无法推算（前一环节的日期未能推算）" in text
    assert "部分环节无法推算：节假日数据只覆盖 2004–2026 年" in text


def _cli(args: list[str], settings: Settings) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FAZHI_INDEX__DATA_DIR": str(settings.data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deadline_commands_in_the_terminal(corpus_settings: Settings) -> None:
    asked = _cli(["deadline", "补正通知2026年2月12日收到，最晚哪天交材料？"], corpus_settings)
    assert asked.returncode == 0, asked.stderr
    assert "2026年3月4日（星期三）" in asked.stdout and "第三十一条" in asked.stdout
    listed = _cli(["deadlines", "复议法"], corpus_settings)
    assert listed.returncode == 0 and "第二十条 期限 60日" in listed.stdout and "第八十八条：工作日" in listed.stdout
    assert "（2023年修订）的期限" in listed.stdout
    # the superseded text when asked for (it listed the law in force), marked as superseded
    old = _cli(["deadlines", "旧复议法"], corpus_settings)
    assert old.returncode == 0 and "（2017年修订，已被新版本取代）" in old.stdout and "第九条 期限 60日" in old.stdout
    none = _cli(["deadlines", "2023年报告"], corpus_settings)  # a document without periods says so
    assert none.returncode == 0 and "的条文中没有读到期限" in none.stdout
    # Who each period binds, as the article says it (「……的，可以自知道……之日起」 names no actor after the comma).
    rows = {line.split(" 起算")[0]: line for line in listed.stdout.splitlines()}
    assert "主体：公民、法人或者其他组织 " in rows["第二十条 期限 60日"]
    assert "主体：行政复议机关 " in rows["第三十条 期限 5工作日（第八十八条：工作日）"]
    assert "第五十一条 事前期限 5工作日" in listed.stdout  # 「应当于举行听证的五日前……通知当事人」
    least = _cli(["deadlines", "规章制定程序条例"], corpus_settings)  # 「征求意见的期限一般不少于30日」
    assert least.returncode == 0 and "第十五条 最短期限 30日" in least.stdout, least.stdout
    line = _cli(["timeline", "复议", "2024-09-20"], corpus_settings)
    assert line.returncode == 0 and "2024年11月19日" in line.stdout
    bad = _cli(["deadline", "2025年2月30日收到补正通知，最晚哪天交材料？"], corpus_settings)
    assert bad.returncode == 1 and "不存在" in bad.stdout and "Traceback" not in bad.stderr


async def test_deadline_in_telegram(corpus_settings: Settings, embedder: Embedder, tmp_path: Path) -> None:
    async with running_bot(corpus_settings, embedder, tmp_path) as (api, _):
        api.send_text(ALICE, "/deadline 复议机关2025年9月26日收到申请，五日审查期到哪天？")
        await wait(api, lambda: bool(api.sent(chat_id=ALICE)))
        api.send_text(ALICE, "/timeline 复议 2024-09-20")
        await wait(api, lambda: len(api.sent(chat_id=ALICE)) >= 2)
        replies = texts(api, ALICE)
        assert "2025年10月10日（星期五）" in replies[0] and "第八十八条" in replies[0]
        assert "2024年11月19日" in replies[1]


def test_a_deadline_past_the_calendar_data_is_said_in_the_answer(assistant: Assistant) -> None:
    # 2026年12月20日 + 60 日 reaches 2027, for which the holiday data is not yet published: the
    # period's last day is counted and given as the day to act by (an extension only moves the end
    # later), and the missing data is said; no extended date is made up.
    answer = assistant.services.answerer.ask("处罚决定书2026年12月20日送达，最晚哪天申请复议？")
    assert answer.grounded and answer.citations[0].article == "第二十条"
    assert "第 60 日为 2027年2月18日（星期四）" in answer.text, answer.text
    assert "期间的最后一日为 2027年2月18日（星期四）" in answer.text and "2004–2026" in answer.text
    assert "顺延至" not in answer.text.split("结论")[0]  # no extension made up
    # a count in working days cannot reach its last day without the calendar: said, no date
    answer = assistant.services.answerer.ask("复议机关2026年12月28日收到申请，最晚哪天决定是否受理？")
    assert "无法推算具体日期" in answer.text and "结论" not in answer.text, answer.text


def test_periods_coordinated_in_one_clause_share_its_action() -> None:
    """民法典第一百五十二条: 「……之日起一年内、重大误解的当事人自……之日起九十日内没有行使撤销权」."""
    text = (
        "第一百五十二条 有下列情形之一的，撤销权消灭：\n"
        "（一）当事人自知道或者应当知道撤销事由之日起一年内、重大误解的当事人自知道或者应当知道撤销事由之日起"
        "九十日内没有行使撤销权；"
    )
    found = periods_in(stored_chunk(text))
    assert [(p.length, p.unit, p.action) for p in found] == [(1, "年", "没有行使撤销权"), (90, "日", "没有行使撤销权")]


def test_a_period_fits_the_asked_action_by_what_is_done() -> None:
    """「申请复议」 is what 第二十条's 六十日 is for; 第四十八条's 七日 is for sending the application on
    (将……申请书副本……发送被申请人), 国家赔偿法第二十五条's 三十日 for applying to a committee found
    through the 复议机关 — every character of 申请复议 is in those texts too."""
    apply = stored_chunk(
        "第二十条 公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起"
        "六十日内提出行政复议申请。"
    )
    send = stored_chunk(
        "第四十八条 行政复议机构应当自行政复议申请受理之日起七日内，将行政复议申请书副本或者行政复议申请笔录"
        "复印件发送被申请人。"
    )
    elsewhere = stored_chunk(
        "第二十五条 赔偿请求人不服复议决定的，可以在收到复议决定之日起三十日内向复议机关所在地的同级人民法院"
        "赔偿委员会申请作出赔偿决定。"
    )
    question = "营业执照被吊销了，不服的话多久内能申请复议？"
    assert periods.asked_action(question) == "申请复议"
    assert periods.fit(question, apply) == 1.0
    assert periods.fit(question, send) < PERIOD_FIT and periods.fit(question, elsewhere) < PERIOD_FIT
    # a clause that asks names the organ: the parties' period is not its answer
    assert periods.fit("复议机关最晚几天内要对申请作出处理？", apply) == 0.0


def test_a_period_in_hours_is_read_and_not_counted_to_a_date(assistant: Assistant) -> None:
    """移送规定第七条: 「不属于本机关管辖的，应当在２４小时内转送」 (full-width digits). Its 第五条 sets
    三日 and 二十四小时 for other steps; the hours make 第七条 the period asked for."""
    transfer = [
        p
        for p in periods_of(assistant.services.index, "xingzheng-zhifa-yisong-guiding-2020")
        if p.chunk.article == "第七条"
    ]
    assert [(p.length, p.unit) for p in transfer] == [(24, "小时")]
    asked = assistant.services.answerer.ask("公安机关收到移送的涉嫌犯罪案件，不属于本机关管辖的，多长时间内要转送？")
    assert asked.citations[0].article == "第七条"
    # a date gives no hour to count from: the period and its rule are said, no date is made up
    dated = answer_deadline(
        assistant.services, "公安机关2025年3月5日收到移送的案件，不属于本机关管辖，最晚什么时候转送？"
    )
    assert dated.citations[0].article == "第七条" and "２４小时以小时计算" in dated.text
    assert "期间开始的时不计算在期间内" in dated.text and "推算：" not in dated.text
    # nor does it offer to count one from a date it would not count from
    undated = answer_deadline(assistant.services, "公安机关收到移送的案件，不属于本机关管辖的，最晚什么时候转送？")
    assert undated.citations[0].article == "第七条" and "２４小时以小时计算" in undated.text
    assert "告诉我起算日期" not in undated.text


def test_a_period_ahead_of_an_event_is_not_counted_on_from_the_date_given(assistant: Assistant) -> None:
    """许可法第五十条: 「应当在该行政许可有效期届满三十日前……提出申请」 counts back from the expiry. The
    question's date is that expiry; it was counted twenty days on, by 第四十二条's period for deciding."""
    renewal = [
        p for p in periods_of(assistant.services.index, "xingzheng-xuke-fa-2019") if p.chunk.article == "第五十条"
    ]
    assert [(p.length, p.unit, p.ahead) for p in renewal] == [(30, "日", True)]
    answer = answer_deadline(assistant.services, "行政许可有效期2026年6月30日届满，被许可人最晚哪天要提出延续申请？")
    assert answer.citations[0].article == "第五十条" and "事前期限" in answer.text
    assert "推算：" not in answer.text and "2026年7月" not in answer.text


def test_a_period_ahead_written_with_yiqian_is_a_period_ahead(assistant: Assistant) -> None:
    """民事诉讼法第一百八十八条: 「可以在选举日的五日以前……起诉」 is a period counted back, as 五日前 is; unread, the
    question about it was answered from 行政诉讼法第四十八条's 十日内."""
    election = [
        p for p in periods_of(assistant.services.index, "minshi-susong-fa-2023") if p.chunk.article == "第一百八十八条"
    ]
    assert [(p.length, p.unit, p.ahead) for p in election] == [(5, "日", True)]
    answer = answer_deadline(assistant.services, "不服选举委员会对选民资格申诉的处理决定，最晚什么时候起诉？")
    assert answer.citations[0].article == "第一百八十八条" and "事前期限" in answer.text, answer.text


def test_the_body_that_finds_the_case_is_the_one_whose_period_is_asked(assistant: Assistant) -> None:
    """「法院认为规范性文件不合法的，可以在多长时间内向制定机关提出司法建议」: the court finds and the court proposes
    (行诉法解释第一百四十九条, 三个月内). Read as a party's period (one goes to the 制定机关), it was counted from 民事诉讼法
    第二百二十条's 检察院 review. A condition of what the other side did leaves a party's question a party's."""
    answer = answer_deadline(assistant.services, "法院认为规范性文件不合法的，可以在多长时间内向制定机关提出司法建议？")
    assert answer.citations[0].article == "第一百四十九条", answer.text
    assert asked_side("行政机关不履行职责的，可以在多长时间内向法院起诉？") == "party"
