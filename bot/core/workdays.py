"""Counting a legal period on the official Chinese calendar (holidays and 调休 working days from
the maintained `chinese-calendar` package), with every step written down for the reader.

Rules (民事诉讼法 第八十五条, applied by 行政复议法 第八十八条 and its like):
- the starting day is not counted;
- calendar days / months / years: a period whose last day is a rest day (a weekend day or a
  statutory holiday that is not an adjusted working day) ends on the next working day;
- working days (工作日, e.g. 复议法's 三日、五日、七日、十日): count official working days only; an
  adjusted working Saturday counts, a holiday on a weekday does not.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from functools import cache

import chinese_calendar

from ingest.errors import FazhiError

WEEKDAYS = "一二三四五六日"


class CalendarUnknownError(FazhiError):
    """The holiday calendar has no data for the year a count reaches. Where the count got as far as
    its last day before it needed the calendar (a period in calendar days, months or years), `last`
    is that day and `steps` how it was reached: no later extension can make the period end before it."""

    def __init__(self, message: str, steps: list[str] | None = None, last: dt.date | None = None) -> None:
        super().__init__(message)
        self.steps = steps or []
        self.last = last


def weekday(day: dt.date) -> str:
    return f"星期{WEEKDAYS[day.weekday()]}"


def label(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（{weekday(day)}）"


@cache
def known_years() -> tuple[int, int]:
    """The first and last year the installed chinese-calendar holds holidays for (fixed per release)."""
    years = sorted({d.year for d in chinese_calendar.constants.holidays})
    return years[0], years[-1]


def is_working_day(day: dt.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        first, last = known_years()
        raise CalendarUnknownError(
            f"节假日数据只覆盖 {first}–{last} 年，无法可靠推算 {day.year} 年的日期"
            f"（调休安排由国务院每年公布；请升级 chinese-calendar 或人工核对）"
        ) from None


def rest_reason(day: dt.date) -> str:
    """Why a day is not a working day: 国庆节假期, 春节假期, 周六 ..."""
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    if on_holiday and name:
        return f"{_HOLIDAY_NAMES.get(str(name), str(name))}假期"
    return "周末" if day.weekday() >= 5 else "休息日"


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass
class Count:
    """The result of counting a period, with the steps a person can check."""

    start: dt.date
    end: dt.date
    steps: list[str] = field(default_factory=list)


def _next_working_day(day: dt.date, steps: list[str]) -> dt.date:
    first_rest = day
    try:
        while not is_working_day(day):
            day += dt.timedelta(days=1)
    except CalendarUnknownError as exc:  # the last day, or the rest days after it, reach past the data
        raise CalendarUnknownError(str(exc), steps=list(steps), last=first_rest) from None
    if day == first_rest:
        return day
    steps.append(
        f"{label(first_rest)}为{rest_reason(first_rest)}，期间届满日顺延至休息日后的第一个工作日：{label(day)}"
    )
    return day


def add_calendar_days(start: dt.date, days: int) -> Count:
    steps = [f"起算：{label(start)}，当日不计入期间"]
    last = start + dt.timedelta(days=days)
    steps.append(f"自次日起数 {days} 日，第 {days} 日为 {label(last)}")
    end = _next_working_day(last, steps)
    return Count(start, end, steps)


def add_working_days(start: dt.date, days: int) -> Count:
    steps = [f"起算：{label(start)}，当日不计入期间；只计工作日（调休上班日计入，法定节假日和周末不计）"]
    day, counted, skipped = start, 0, []
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
        else:
            skipped.append(day)
    if skipped:
        steps.append(f"跳过非工作日 {len(skipped)} 天：{_ranges(skipped)}")
    adjusted = [
        d
        for d in _days_between(start, day)
        if d.weekday() >= 5 and is_working_day(d)  # an adjusted working weekend day
    ]
    if adjusted:
        steps.append("其中 " + "、".join(label(d) for d in adjusted) + " 为调休上班日，计入")
    steps.append(f"第 {days} 个工作日为 {label(day)}")
    return Count(start, day, steps)


def add_months(start: dt.date, months: int) -> Count:
    steps = [f"起算：{label(start)}，当日不计入期间；按月计算，至期满月的对应日"]
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    last = dt.date(year, month, min(start.day, last_day))
    note = "（该月没有对应日，以该月最后一日为期满日）" if start.day > last_day else ""
    steps.append(f"{months} 个月后的对应日为 {label(last)}{note}")
    end = _next_working_day(last, steps)
    return Count(start, end, steps)


def add_years(start: dt.date, years: int) -> Count:
    return add_months(start, 12 * years)


def _days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1)]


def _ranges(days: list[dt.date]) -> str:
    """Consecutive days folded: 10月1日–10月8日（国庆节假期）、10月12日（周末）."""
    groups: list[list[dt.date]] = []
    for day in days:
        if groups and (day - groups[-1][-1]).days == 1 and rest_reason(day) == rest_reason(groups[-1][-1]):
            groups[-1].append(day)
        else:
            groups.append([day])
    parts = []
    for group in groups:
        first, last = group[0], group[-1]
        span = f"{first.month}月{first.day}日" + (f"–{last.month}月{last.day}日" if last != first else "")
        parts.append(f"{span}（{rest_reason(first)}）")
    return "、".join(parts)
