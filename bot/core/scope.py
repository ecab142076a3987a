"""What the knowledge base covers, said plainly: a question about a year or a district that no
report or policy in it covers («余杭区2024年行政复议案件有多少件？» when only the 2023 report is
held) is answered with what the knowledge base does hold, not from the nearest text; a question
about a law it does not hold (「个人所得税起征点是多少」) is told so."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

from bot.core.query import AliasTable
from ingest.errors import ConfigError
from ingest.index import StoredChunk
from ingest.manifest import DocRecord

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!版|修订|修正|文本|的版本)")
# A year said relative to today, as people say it (「去年复议了多少件」): how many years back.
_RELATIVE_YEAR = {"大前年": 3, "前年": 2, "去年": 1, "上一年": 1, "上年度": 1, "今年": 0, "本年度": 0, "明年": -1}
_RELATIVE = re.compile("|".join(_RELATIVE_YEAR))
# A month, week or day said relative to today (「下个月全区……在哪里召开」): days from today, a month as 30; the
# year it falls in is what the reports are held for.
_RELATIVE_DAYS = {
    "上个月": -30, "上月": -30, "这个月": 0, "本月": 0, "下个月": 30, "下月": 30,
    "上周": -7, "上星期": -7, "这周": 0, "本周": 0, "下周": 7, "下星期": 7,
    "昨天": -1, "今天": 0, "明天": 1, "后天": 2,
}  # fmt: skip
_RELATIVE_DAY = re.compile("|".join(_RELATIVE_DAYS))
# A district or county: two characters and 区/县 (余杭区, 西湖区, 淳安县) …
_PLACE = re.compile(r"([\u4e00-\u9fff]{2}(?:区|县))")
# … unless it ends in a word for an area that names none (「2023年全区……」 read as a district 年全区 and
# was refused; 「我住在山区」): the last two characters are one of these.
_NO_PLACE = frozenset(
    "全区 本区 我区 该区 各区 辖区 城区 市区 郊区 山区 地区 社区 小区 园区 景区 片区 校区 街区 老区 灾区 林区 牧区 矿区"
    " 全县 本县 我县 该县 各县".split()
)
# The asker's own district, not one named (「我们区律师万人比增长了多少」).
_OURS = {"我们区", "咱们区", "你们区", "我们县", "咱们县", "你们县"}
LOCAL_KINDS = ("report", "policy")
# The bureau's own documents or district named as what is asked about (「报告里说我们局……存在什么问题」):
# the law router, learned from which laws citizens' questions concern, has no say over these.
_LOCAL = re.compile("|".join(sorted(_OURS)) + "|我们局|咱们局|你们局|本局|我局|局里|区司法局|本区|我区|全区")
_OWN = re.compile(f"报告|{_LOCAL.pattern}")


# A question about what is planned, which a report's section on the next year's work answers.
_ASKS_PLANS = re.compile(r"打算|计划|思路|安排|部署|重点|目标|怎么做|如何做|要做|将要|准备")


def asks_own_documents(question: str, lead: StoredChunk) -> bool:
    """Whether the question is about the bureau's own report or policy and the best passage is one."""
    return lead.kind in LOCAL_KINDS and _OWN.search(question) is not None


def local_documents(documents: list[DocRecord]) -> list[DocRecord]:
    """The bureau's own reports and policies among the documents."""
    return [d for d in documents if d.kind in LOCAL_KINDS]


def years_asked(question: str, today: dt.date) -> dict[str, str]:
    """The years a question asks about, each as it was said: {"2025": "去年（2025年）"} when
    today is in 2026, {"2024": "2024年"} for a year written out."""
    asked = {y: f"{y}年" for y in _YEAR.findall(question)}
    for word in _RELATIVE.findall(question):
        year = str(today.year - _RELATIVE_YEAR[word])
        asked.setdefault(year, f"{word}（{year}年）")
    for word in _RELATIVE_DAY.findall(question):
        day = today + dt.timedelta(days=_RELATIVE_DAYS[word])
        asked.setdefault(str(day.year), f"{word}（{day.year}年{day.month}月）")
    return asked


def out_of_scope(question: str, lead: StoredChunk, documents: list[DocRecord]) -> str:
    """Why the question lies outside what the local documents cover ('' when it does not): it
    asks about a year (written out, or 去年 / 今年 counted from today) or a district, the best
    passage is from a report or policy or the question is about the asker's own district or bureau
    (「2022年我们区行政复议收案多少件？」 was answered from a law's history, which names 2022), and no
    report or policy of that year or district is held.
    A report's section on a later year's plans covers that year's plans (「2024年执法监督方面打算怎么做」:
    the 2023 report's 「四、2024年工作思路」), not its figures (「2024年全区律师一共有多少人」)."""
    held = local_documents(documents)
    local = _LOCAL.search(question) is not None or any(p in question for d in held for p in _PLACE.findall(d.title))
    if lead.kind not in LOCAL_KINDS and not local:
        return ""
    years = years_asked(question, dt.date.today())
    planned = set(_YEAR.findall(lead.place)) if _ASKS_PLANS.search(question) else set()
    covered = {d.version for d in held} | planned
    if years and not covered.intersection(years):
        return f"知识库中没有{'、'.join(years.values())}的工作报告或数据"
    places = [p for p in places_named(question) if not any(p in d.title for d in held)]
    if places and not any(p in lead.text for p in places):
        return f"知识库中没有关于{'、'.join(dict.fromkeys(places))}的报告或数据"
    return ""


def places_named(question: str) -> list[str]:
    """The districts or counties a question names (「西湖区2023年……」), not the asker's own
    (「我们区」) nor a word for an area (全区, 辖区, 山区)."""
    return [p for p in _PLACE.findall(question) if p not in _OURS and p[-2:] not in _NO_PLACE]


def holdings(documents: list[DocRecord]) -> str:
    """The local documents the knowledge base does hold, for the scope statement."""
    held = local_documents(documents)
    return "、".join(d.edition_label for d in sorted(held, key=lambda d: d.version)) or "（无）"


# A subject named as the basis or the maker of what is asked about (「按食品安全法要罚二十万元」,
# 「治安管理处罚决定」, 「土地管理部门」): the question is about that act, which a held law may govern.
_BASIS_BEFORE = re.compile(r"(?:按|按照|依照|依据|根据)《?(?:中华人民共和国)?$")
_ACT_AFTER = re.compile(r"^(?:法|条例)?》?(?:作出的|作的)?(?:决定|部门|机关|局|案件)")


def unheld_topic(aliases: AliasTable, question: str, lead: str) -> str:
    """The title of a law the base does not hold that the question is about (「个人所得税起征点是多少」,
    「未成年人保护法对网络游戏有什么规定」): its subject is named, not as the basis or maker of an
    act, and the passage the answer would lead with does not say it."""
    for subject, title in aliases.unheld_subjects(question).items():
        if subject in lead:
            continue
        starts = [m.start() for m in re.finditer(re.escape(subject), question)]
        if any(not _incidental(question, start, start + len(subject)) for start in starts):
            return title
    return ""


# A subject named as the place one goes to (「律师能去看守所见他吗」): the question is about what is
# done there, which a held law may govern.
_PLACE_BEFORE = re.compile(r"(?:去|到|进)$")


def _incidental(question: str, start: int, end: int) -> bool:
    before = question[:start]
    return bool(_BASIS_BEFORE.search(before) or _PLACE_BEFORE.search(before) or _ACT_AFTER.match(question[end:]))


class LawTerms:
    """The terms of the national library's laws (knowledge/law_terms.toml: 宅基地, 肖像权, 姓名权 …),
    each with the laws that use it most: a question using one is about a law the base does not
    hold, when none of those laws is held and the base itself never uses the word; about a held law
    when the law that uses it most is held (赔偿义务: the 国家赔偿法)."""

    def __init__(self, terms: dict[str, list[str]]) -> None:
        self._terms = terms

    @classmethod
    def load(cls, path: Path) -> LawTerms:
        """An absent table is no table (the check is off); one that does not parse is an error."""
        if not path.is_file():
            return cls({})
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("terms", {})
            return cls({str(term): [str(law) for law in laws] for term, laws in table.items()})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError, AttributeError) as exc:
            raise ConfigError(f"法律用语表无法读取：{path}（{exc}）") from exc

    def held(self, words: Iterable[str], held_titles: set[str]) -> str:
        """The first of the words that is a term of art of a law the base holds (the law that uses it
        most: 赔偿义务, the 国家赔偿法's), or ""."""
        return next((w for w in words if (laws := self._terms.get(w)) and laws[0] in held_titles), "")

    def unheld(
        self, words: Iterable[str], held_titles: set[str], in_base: Callable[[str], bool]
    ) -> dict[str, list[str]]:
        """term → its laws, for each of the words that is a term of laws none of which is held
        and that the base does not use."""
        return {
            word: laws
            for word in dict.fromkeys(words)
            if (laws := self._terms.get(word)) and not held_titles.intersection(laws) and not in_base(word)
        }
