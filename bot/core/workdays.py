"""Counting a legal period on the official Chinese calendar (holidays and 调休 working days from
the maintained `chinese-calendar` package, and the years an admin adds from the State Council's
notice before the package holds them), with every step written down for the reader.

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
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import chinese_calendar

from ingest.errors import ConfigError, FazhiError

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


@dataclass(frozen=True)
class Arrangement:
    """One year's holidays and adjusted working days, as the State Council's notice gives them."""

    holidays: dict[dt.date, str]  # day → the holiday it belongs to
    workdays: frozenset[dt.date]  # weekend days worked (调休上班)


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


@cache
def _package_years() -> tuple[int, int]:
    """The first and last year the installed chinese-calendar holds holidays for (fixed per release)."""
    years = sorted({d.year for d in chinese_calendar.constants.holidays})
    return years[0], years[-1]


class OfficialCalendar:
    """The official calendar: chinese-calendar's years, and the years an admin added from the State
    Council's notice (knowledge/holidays.toml) before a release of the package holds them. The notice
    for a year comes out late in the year before: periods running into it need it first."""

    def __init__(self, added: dict[int, Arrangement] | None = None, path: Path | None = None) -> None:
        self.added = added or {}
        self.path = path

    @classmethod
    def load(cls, path: Path | None) -> OfficialCalendar:
        """The package's calendar with the years the file adds; a missing file adds none."""
        if path is None or not path.is_file():
            return cls(path=path)
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"节假日文件 {path} 无法读取：{exc}") from exc
        try:
            return cls({int(year): _arrangement(int(year), spec) for year, spec in raw.items()}, path)
        except (ValueError, TypeError, AttributeError) as exc:
            raise ConfigError(f"节假日文件 {path} 有误：{exc}") from exc

    def known_years(self) -> tuple[int, int]:
        """The first and last year of the unbroken run of years the calendar holds."""
        first, last = _package_years()
        while last + 1 in self.added:
            last += 1
        return first, last

    def is_working_day(self, day: dt.date) -> bool:
        if (arrangement := self.added.get(day.year)) is not None:
            if day in arrangement.workdays:
                return True
            return day not in arrangement.holidays and day.weekday() < 5
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            first, last = self.known_years()
            where = f"，或在 {self.path.name} 中补充该年的安排" if self.path else ""
            raise CalendarUnknownError(
                f"节假日数据只覆盖 {first}–{last} 年，无法可靠推算 {day.year} 年的日期"
                f"（调休安排由国务院每年公布；请升级 chinese-calendar{where}，或人工核对）"
            ) from None

    def rest_reason(self, day: dt.date) -> str:
        """Why a day is not a working day: 国庆节假期, 春节假期, 周末 ..."""
        if (arrangement := self.added.get(day.year)) is not None:
            name = arrangement.holidays.get(day)
        else:
            on_holiday, detail = chinese_calendar.get_holiday_detail(day)
            name = _HOLIDAY_NAMES.get(str(detail), str(detail)) if on_holiday and detail else None
        if name:
            return f"{name}假期"
        return "周末" if day.weekday() >= 5 else "休息日"

    def next_working_day(self, day: dt.date, steps: list[str]) -> dt.date:
        first_rest = day
        try:
            while not self.is_working_day(day):
                day += dt.timedelta(days=1)
        except CalendarUnknownError as exc:  # the last day, or the rest days after it, reach past the data
            raise CalendarUnknownError(str(exc), steps=list(steps), last=first_rest) from None
        if day == first_rest:
            if day.weekday() >= 5:  # a Saturday or Sunday the reader would expect to be moved past
                steps.append(f"{label(day)}为调休上班日（工作日），期间届满日不顺延")
            return day
        steps.append(
            f"{label(first_rest)}为{self.rest_reason(first_rest)}，期间届满日顺延至休息日后的第一个工作日：{label(day)}"
        )
        return day

    def add_calendar_days(self, start: dt.date, days: int) -> Count:
        steps = [f"起算：{label(start)}，当日不计入期间"]
        last = start + dt.timedelta(days=days)
        steps.append(f"自次日起数 {days} 日，第 {days} 日为 {label(last)}")
        end = self.next_working_day(last, steps)
        return Count(start, end, steps)

    def add_working_days(self, start: dt.date, days: int) -> Count:
        steps = [f"起算：{label(start)}，当日不计入期间；只计工作日（调休上班日计入，法定节假日和周末不计）"]
        day, counted, skipped = start, 0, []
        while counted < days:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
            else:
                skipped.append(day)
        if skipped:
            steps.append(f"跳过非工作日 {len(skipped)} 天：{self._ranges(skipped)}")
        adjusted = [
            d
            for d in _days_between(start, day)
            if d.weekday() >= 5 and self.is_working_day(d)  # an adjusted working weekend day
        ]
        if adjusted:
            steps.append("其中 " + "、".join(label(d) for d in adjusted) + " 为调休上班日，计入")
        steps.append(f"第 {days} 个工作日为 {label(day)}")
        return Count(start, day, steps)

    def add_months(self, start: dt.date, months: int) -> Count:
        steps = [f"起算：{label(start)}，当日不计入期间；按月计算，至期满月的对应日"]
        month_index = start.month - 1 + months
        year, month = start.year + month_index // 12, month_index % 12 + 1
        last_day = calendar.monthrange(year, month)[1]
        last = dt.date(year, month, min(start.day, last_day))
        note = "（该月没有对应日，以该月最后一日为期满日）" if start.day > last_day else ""
        steps.append(f"{months} 个月后的对应日为 {label(last)}{note}")
        end = self.next_working_day(last, steps)
        return Count(start, end, steps)

    def add_years(self, start: dt.date, years: int) -> Count:
        return self.add_months(start, 12 * years)

    def _ranges(self, days: list[dt.date]) -> str:
        """Consecutive days folded: 10月1日–10月8日（国庆节假期）、10月12日（周末）."""
        groups: list[list[dt.date]] = []
        for day in days:
            after = groups[-1][-1] if groups else None
            if after and (day - after).days == 1 and self.rest_reason(day) == self.rest_reason(after):
                groups[-1].append(day)
            else:
                groups.append([day])
        parts = []
        for group in groups:
            first, last = group[0], group[-1]
            span = f"{first.month}月{first.day}日" + (f"–{last.month}月{last.day}日" if last != first else "")
            parts.append(f"{span}（{self.rest_reason(first)}）")
        return "、".join(parts)


def _day(value: object, year: int) -> dt.date:
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if day.year != year:
        raise ValueError(f"{day.isoformat()} 不在 {year} 年")
    return day


def _arrangement(year: int, spec: dict[str, object]) -> Arrangement:
    """One year of the holidays file: 「"国庆节" = ["2027-10-01", "2027-10-07"]」 (first and last day, or
    one day), and the weekend days worked."""
    holidays: dict[dt.date, str] = {}
    for name, span in dict(spec.get("holidays", {})).items():  # type: ignore[call-overload]
        days = [_day(d, year) for d in span]
        if not 1 <= len(days) <= 2 or days[0] > days[-1]:
            raise ValueError(f'{year} 年的“{name}”应写首尾两日（或一日），如 ["{year}-10-01", "{year}-10-07"]')
        holidays.update({d: str(name) for d in [days[0], *_days_between(days[0], days[-1])]})
    workdays = frozenset(_day(d, year) for d in spec.get("workdays", []))  # type: ignore[attr-defined]
    if both := sorted(workdays & holidays.keys()):
        raise ValueError(f"{both[0].isoformat()} 既列为放假又列为上班")
    return Arrangement(holidays, workdays)  # `source` names the notice, for the people who read the file


@dataclass
class Count:
    """The result of counting a period, with the steps a person can check."""

    start: dt.date
    end: dt.date
    steps: list[str] = field(default_factory=list)


def _days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1)]
