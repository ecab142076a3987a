"""Deadline questions: 「处罚决定书3月5日送达，最晚哪天前申请复议？」 → the period's article, the
counting rule, each step of the count on the official calendar, and the date with its weekday.
Also a procedure's whole timeline from one start date."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from bot.core.answer import InvalidQuestionError, clean_question
from bot.core.periods import (
    ASKS_FOR_DATE,
    Period,
    action_fit,
    actor_fit,
    asked_action,
    asked_actor,
    asked_side,
    law_rules,
    periods_in,
    sides_differ,
)
from bot.core.provisions import quoted_part
from bot.core.query import ARTICLE_REFERENCE
from bot.core.services import Services
from bot.core.types import Answer, Citation
from bot.core.workdays import CalendarUnknownError, Count, OfficialCalendar, label
from ingest.errors import ConfigError
from ingest.index import StoredChunk
from ingest.numerals import cn_to_int
from ingest.tokenize import words

_CN_DAY = r"[一二三四五六七八九十]{1,3}"
_DATES = [
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?"),
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"(?<![\d年])(?P<m>\d{{1,2}}|{_CN_DAY})\s*月\s*(?P<d>\d{{1,2}}|{_CN_DAY})\s*[日号]"),
    re.compile(r"(?<![\d.年])(?P<m>\d{1,2})\.(?P<d>\d{1,2})(?![\d.])"),
]
# A day said relative to today, as a chat message says it (「今天收到处罚决定」).
_RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}
_RELATIVE = re.compile("|".join(_RELATIVE_DAYS))
COUNTING_LINES = ("不计算在期间内", "期间届满的最后一日")


@dataclass(frozen=True)
class DateInQuestion:
    day: dt.date
    written: str


def find_date(text: str, today: dt.date) -> DateInQuestion | None:
    """The first date in the text: 2025年3月5日, 2025-03-05, 3月5日 / 三月五日 (this year), 3.5;
    else 今天, 昨天, 前天.
    An impossible date raises InvalidQuestionError."""
    for pattern in _DATES:
        match = pattern.search(text)
        if not match:
            continue
        year = int(match.group("y")) if "y" in pattern.groupindex and match.group("y") else today.year
        month, day = (_number(match.group(g)) for g in ("m", "d"))
        try:
            return DateInQuestion(dt.date(year, month, day), match.group(0))
        except ValueError:
            raise InvalidQuestionError(
                f"日期“{match.group(0)}”不存在（{year}年{month}月没有{day}日），请检查后再问。"
            ) from None
    if relative := _RELATIVE.search(text):
        return DateInQuestion(today - dt.timedelta(days=_RELATIVE_DAYS[relative.group(0)]), relative.group(0))
    return None


def _number(text: str) -> int:
    return int(text) if text.isdigit() else cn_to_int(text)


def is_deadline_question(text: str, today: dt.date) -> bool:
    """A question that gives a date and asks for a deadline."""
    try:
        given = find_date(text, today)
    except InvalidQuestionError:
        return True  # let the deadline path say what is wrong with the date
    if given is None:
        return False
    # 「对2015年5月1日以前作出的行政行为起诉……法院会立案吗」: 以前 right after the given date says
    # which acts are meant; it asks for no date.
    said = re.sub(re.escape(given.written) + "(?:以前|之前)", given.written, text)
    return bool(ASKS_FOR_DATE.search(said))


def _candidates(services: Services, question: str, action: str) -> list[StoredChunk]:
    """Passages for the question as asked and for the action as a period question (「申请复议的期限是多久」),
    interleaved by rank in that order, each once."""
    # The question as asked first, then the action's own period question (the date and the event in the
    # message, 「2月12日收到处罚决定」, may draw articles about receiving decisions): the action alone loses
    # what it is done in (「行政案件……上诉」 found 民事诉讼法第一百七十一条). Session 40: development period
    # questions counted from a gold article 113 → 121 of 185, dated ones written for the check 14 → 15 of 18.
    queries = [question] + ([f"{action}的期限是多久"] if action else [])
    rankings = [[e.chunk for e in services.retriever.retrieve(q, k=10).evidence[:8]] for q in queries]
    seen: set[str] = set()
    merged: list[StoredChunk] = []
    for level in zip(*rankings, strict=False) if len(rankings) > 1 else ((c,) for c in rankings[0]):
        for chunk in level:
            if chunk.chunk_id not in seen:
                seen.add(chunk.chunk_id)
                merged.append(chunk)
    return merged


# How much naming who acts counts beside the action (0..1): a match adds 0.5, another body takes 1.
ACTOR_WEIGHT = 0.5

# Below this fit the period found is said to be for another action than the one asked.
UNSURE_FIT = 0.5


def find_period(services: Services, question: str) -> Period | None:
    """The period the question is about: among the periods set by the best in-force articles for
    the question, the one whose action is the asked one (申请复议 ↔ 提出行政复议申请), then the one
    whose sentence shares most of the question's words."""
    action, asker, actor = asked_action(question), asked_side(question), asked_actor(question)
    asked = set(words(ASKS_FOR_DATE.sub(" ", question)))
    best: tuple[float, Period] | None = None
    index = services.index
    for rank, chunk in enumerate(_candidates(services, question, action)):
        if not chunk.in_force or not chunk.article:
            continue
        for period in periods_in(chunk, law_rules(index, chunk.doc_id).working):
            if period.extension:
                continue
            shared = sum(1 for w in asked if w in period.sentence) / max(1, len(asked))
            named = 0.5 if period.written in question or f"{period.length}日" in question else 0.0
            score = action_fit(action, period) + 0.3 * shared + named + 0.4 / (rank + 2)
            score += ACTOR_WEIGHT * actor_fit(actor, period)  # 复议机关's period, not 人民法院's
            if sides_differ(asker, period):
                score -= 1  # the organ's period when a party's was asked (or the other way)
            if best is None or score > best[0]:
                best = (score, period)
    return best[1] if best else None


def count(period: Period, start: dt.date, calendar: OfficialCalendar) -> Count:
    if period.working_days:
        return calendar.add_working_days(start, period.length)
    if period.unit == "月":
        return calendar.add_months(start, period.length)
    if period.unit == "年":
        return calendar.add_years(start, period.length)
    return calendar.add_calendar_days(start, period.length)


def _counting_quote(chunk: StoredChunk) -> str:
    lines = chunk.text.split("\n")
    hits = [i for i, line in enumerate(lines) if any(key in line for key in COUNTING_LINES)]
    return "\n".join(lines[min(hits) : max(hits) + 1]) if hits else chunk.text


def _working_quote(chunk: StoredChunk) -> str:
    return next((line for line in chunk.text.split("\n") if "工作日" in line), chunk.text)


def citations_for(services: Services, period: Period) -> list[Citation]:
    """The period's article; the article that makes its days working days; the counting rule."""
    rules = law_rules(services.index, period.chunk.doc_id)
    cited = [Citation.from_chunk(1, period.chunk, quote=period.sentence)]
    if period.working_rule is not None:
        cited.append(
            Citation.from_chunk(len(cited) + 1, period.working_rule, quote=_working_quote(period.working_rule))
        )
    if rules.reference is not None and rules.reference is not period.working_rule:
        cited.append(Citation.from_chunk(len(cited) + 1, rules.reference))
    if rules.counting is not None and not period.working_days:
        cited.append(Citation.from_chunk(len(cited) + 1, rules.counting, quote=_counting_quote(rules.counting)))
    elif rules.counting is not None:
        quote = rules.counting.text.split("\n")
        start_rule = next((line for line in quote if "不计算在期间内" in line), rules.counting.text)
        cited.append(Citation.from_chunk(len(cited) + 1, rules.counting, quote=start_rule))
    return cited


def _unit_words(period: Period) -> str:
    if period.unit == "工作日":
        return "工作日"
    if period.working_rule is not None:
        return f"工作日（{period.working_rule.article}：{period.written}指工作日，不含法定休假日）"
    return {
        "日": "日历日（含周末和节假日；最后一日遇休息日顺延）",
        "月": "月",
        "年": "年",
        "小时": "小时",
    }[period.unit]


def named_article_removed(services: Services, text: str) -> str:
    """The question without the law and article it names: 「行政许可法第四十二条的期限怎么算」 asks the
    named article's own period, not one for an action called 「行政许可法第四十二条」."""
    _, written = services.retriever.aliases.find(text)
    return ARTICLE_REFERENCE.sub("", text.replace(written, "", 1) if written else text)


def answer_deadline(services: Services, question: str, today: dt.date | None = None) -> Answer:
    """A deadline question → the date, its steps and its articles; with no date, the period and
    the rule, and a hint to give the date."""
    text = clean_question(question, services.templates)
    today = today or dt.date.today()
    start = find_date(text, today)
    search = text.replace(start.written, " ") if start else text
    period = find_period(services, search)
    if period is None:
        return services.answerer.refusal(text)
    citations = citations_for(services, period)
    numbers = {c.article: c.n for c in citations}
    # The period found may be for another action than the one asked (the articles at hand set none
    # for it): the date is still shown, with the difference said first.
    asked = asked_action(named_article_removed(services, search))
    notice = ""
    if asked and action_fit(asked, period) < UNSURE_FIT:
        notice = services.templates.message("deadline_unsure", asked=asked, action=period.action or period.sentence)
    lines = [
        f"依据{citations[0].reference()}{quoted_part(services.answerer.whole_article(period.chunk), period.sentence)}："
        f"「{period.sentence}」[1]",
        (
            f"期间：{period.written}（{period.kind}）"
            if period.ahead
            else f"期间：不少于{period.written}（{period.kind}）"
            if period.floor
            else f"期间：{period.written}，按{_unit_words(period)}计算"
        )
        + (f"[{numbers[period.working_rule.article]}]" if period.working_rule is not None else "")
        + "。",
    ]
    counting = next((c for c in citations if "不计算在期间内" in c.quote), None)

    def reply() -> Answer:
        body = "\n".join(lines)
        return Answer(question=text, text=body, grounded=True, citations=citations, mode="deadline", notice=notice)

    # Neither is counted to a date from a day: said with its rule, and no offer to count it.
    if period.unit == "小时":  # counted from the hour it starts, which a date does not tell
        cite = f"[{counting.n}]" if counting else ""
        lines.append(services.templates.message("deadline_hours", written=period.written, cite=cite))
        return reply()
    if period.ahead:  # 「举行听证的七日前」: back from an event the question's date may not be
        lines.append(services.templates.message("deadline_ahead", written=period.written))
        return reply()
    if period.floor:  # 「……不少于30日」: the least time given, with no last day
        lines.append(services.templates.message("deadline_floor", written=period.written))
        return reply()
    if start is None:
        lines.append(services.templates.message("deadline_hint"))
        return reply()
    try:
        result = count(period, start.day, services.calendar)
    except CalendarUnknownError as exc:  # the period and its rule still hold; the date cannot be given
        if exc.last is None:
            lines.append(f"无法推算具体日期：{exc}。")
            return reply()
        lines.extend(_counted(exc.steps, counting))
        first, known = services.calendar.known_years()
        lines.append(
            services.templates.message(
                "deadline_beyond_calendar",
                last=label(exc.last),
                year=exc.last.year,
                first=first,
                known=known,
                action=period.action or "办理",
            )
        )
        lines.append(services.templates.message("deadline_assumptions"))
        return reply()
    lines.extend(_counted(result.steps, counting))
    lines.append(f"结论：最晚应于 {label(result.end)} 前（含当日）{period.action or '完成'}。")
    lines.append(services.templates.message("deadline_assumptions"))
    return reply()


def _counted(steps: list[str], counting: Citation | None) -> list[str]:
    rule = f"（计算规则见[{counting.n}]）" if counting else ""
    return [f"推算{rule}：", *(f"{i}. {step}" for i, step in enumerate(steps, start=1))]


@dataclass(frozen=True)
class TimelineStep:
    """One step counted; `count` is None where its start or its end falls in a year the holiday data
    does not cover (`last`: the period's last day before any extension, where it could be counted)."""

    name: str
    period: Period
    start: dt.date | None
    count: Count | None
    last: dt.date | None = None
    part: str = ""  # the 款 of the article the period is in, where it has more than one: 第一款


@dataclass(frozen=True)
class Timeline:
    name: str
    start_label: str
    start: dt.date
    steps: list[TimelineStep]
    unknown: str = ""  # why some steps could not be counted


def load_procedures(path: Path) -> dict[str, dict[str, object]]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"程序时间线文件 {path} 无法读取：{exc}") from exc


def timeline(services: Services, procedure: str, start: dt.date) -> Timeline:
    procedures = load_procedures(services.settings.procedures_file)
    key = next((k for k in procedures if k in procedure or procedure in k), None)
    if key is None:
        raise InvalidQuestionError(f"没有“{procedure}”的程序时间线。可用：{'、'.join(procedures) or '（无）'}")
    spec = procedures[key]
    dates: dict[str, dt.date | None] = {"start": start}
    steps: list[TimelineStep] = []
    unknown = ""
    for step in spec["steps"]:  # type: ignore[attr-defined]
        name, period = str(step["name"]), _step_period(services, str(step.get("law", spec["law"])), step)
        part = quoted_part(services.answerer.whole_article(period.chunk), period.sentence)
        begin = dates[str(step["from"])]
        dates[name] = None
        if begin is None:  # counted from a step whose date is not known
            steps.append(TimelineStep(name, period, None, None, part=part))
            continue
        try:
            result = count(period, begin, services.calendar)
        except CalendarUnknownError as exc:  # the steps before it stand; this one and those after it do not
            unknown = str(exc)
            steps.append(TimelineStep(name, period, begin, None, exc.last, part))
            continue
        dates[name] = result.end
        steps.append(TimelineStep(name, period, begin, result, part=part))
    return Timeline(str(spec["name"]), str(spec["start"]), start, steps, unknown)


def _step_period(services: Services, title: str, step: dict[str, object]) -> Period:
    chunks = services.retriever.article(title, int(str(step["article"])))
    if not chunks:
        raise InvalidQuestionError(f"知识库中没有《{title}》第{step['article']}条，无法推算时间线")
    working = law_rules(services.index, chunks[0].doc_id).working
    extension = bool(step.get("extension", False))
    for chunk in chunks:
        for period in periods_in(chunk, working):
            if period.ahead or period.floor:
                continue
            if str(step["match"]) in period.sentence and period.extension == extension:
                return period
    raise InvalidQuestionError(f"《{title}》{chunks[0].article}中没有找到“{step['match']}”的期限")


def render_timeline(line: Timeline) -> str:
    out = [f"{line.name} 时间线（起点：{line.start_label} {label(line.start)}）"]
    for n, step in enumerate(line.steps, start=1):
        p = step.period
        unit = "工作日" if p.working_days else p.unit
        basis = f"《{p.chunk.title.removeprefix('中华人民共和国')}》{p.chunk.article}{step.part}，{p.written}，按{unit}"
        if step.start is not None:
            basis += f"，自 {step.start.month}月{step.start.day}日 起算"
        if step.count is not None:
            when = label(step.count.end)
        elif step.last is not None:
            when = f"无法推算；期间最后一日为 {label(step.last)}，是否顺延未知，在此日当日或之前办理不会超期"
        else:
            when = "无法推算" if step.start is not None else "无法推算（前一环节的日期未能推算）"
        out.append(f"{n}. {step.name}：{when}（{basis}）")
    if line.unknown:
        out.append(f"部分环节无法推算：{line.unknown}。")
    out.append("按每一环节用足法定期限推算；实际日期以前一环节实际发生之日重新起算。节假日按国务院公布的安排。")
    return "\n".join(out)
