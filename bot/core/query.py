"""Understanding a question: which document and article it names, which version it wants."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bot.core.subjects import APPLIED_LAW, law_subject
from ingest.errors import ConfigError
from ingest.manifest import DocRecord
from ingest.numerals import CN_NUMERAL_CHARS, cn_to_int

ARTICLE_REFERENCE = re.compile(rf"第\s*([{CN_NUMERAL_CHARS}]+|\d+)\s*条|(?<![\d.])(\d{{1,3}})\s*条")
# An article's 款 and 项 after it: 「第一款第（三）项」.
_PARTS = re.compile(rf"\s*(?:第[{CN_NUMERAL_CHARS}\d]+款)?\s*(?:第[（(]?[{CN_NUMERAL_CHARS}\d]+[）)]?项)?")
# Where a clause of a question or a statute ends.
CLAUSE_END = re.compile(r"[，,。；;：:？?！!]")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3}|[" + CN_NUMERAL_CHARS + r"]{1,6})\s*$")
# 「原来的」「以前的」 ask for an old text only when they qualify the law (原来的规定), not when
# they qualify the matter (复议期间原来的处罚决定还要执行吗).
_LAW_WORDS = r"(?:法|法律|规定|条文|条款|版本|条例|规章)"
_OLD = re.compile(
    r"旧法|旧版|老版|老法|修订前|修改前|修正前"
    rf"|(?:旧的|原来的|以前的|之前的|过去的|老的){_LAW_WORDS}"
    r"|原行政复议法|原复议法|旧复议法|老复议法|旧行政复议法"
)
# An older edition asked for by name: 「旧复议法」, 「复议法 旧版 第三章」, 「修订前」.
OLD_EDITION = re.compile(r"旧版?|修订前")
# Words that ask how two things differ; 「不同意」「不同意见」「不同的农户」 compare nothing.
_DIFFERENCE = r"变化|区别|不同(?![意的])|对比|对照|有何修改|改了什么|修改了什么"
_COMPARE = re.compile(rf"新旧|新法.*(变化|区别|不同|修改|调整)|({_DIFFERENCE})")
# What makes a comparison one of versions: 「行政复议和行政诉讼有什么区别」 compares two procedures,
# and was answered with what changed between the 复议法's editions.
_VERSIONS = re.compile(r"新旧|新法|新版|旧|修订|修正|修改|改了|改动|变化|调整|以前|原来|过去|版本|前后|(?:19|20)\d{2}")
_VERSION_WORDS = re.compile(rf"新旧|新法|新版|现行|{_DIFFERENCE}")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?(?:版|修订|修正|文本|的)?")


@dataclass(frozen=True)
class ParsedQuestion:
    text: str  # normalised
    title: str = ""  # resolved document title, when the question names one
    article_no: int = 0
    wants_old: bool = False
    wants_compare: bool = False
    year: str = ""  # a version year named in the question
    search_text: str = ""  # the question without version words (新法, 旧版, 有什么变化)
    # A question naming an article: what it says beside the name and the article (its 款 and 项
    # too), and what it says right after them, to the next stop (说的“有具体的诉讼请求”具体包括哪些).
    beside: str = ""
    after: str = ""
    # Another document the question names beside the article's (「实施条例规定，……有复议法第二十八条……」)
    framing: str = ""

    @property
    def is_lookup(self) -> bool:
        return bool(self.title and self.article_no)


# A judicial interpretation of one law (最高人民法院关于适用《中华人民共和国行政诉讼法》的解释): the law it
# interprets, by which people name it.
_INTERPRETED = re.compile(APPLIED_LAW.pattern + r"(?:若干问题)?的解释")


class AliasTable:
    """Names → titles: config aliases, full titles, and titles without 中华人民共和国; and the names
    of laws the base does not hold (the national library's titles), so that a held law's short
    name inside one of them (处罚法 in 治安管理处罚法) is not read as the held law."""

    def __init__(self, names: dict[str, str], others: Iterable[str] = ()) -> None:
        # Longest first, so 行政复议法实施条例 wins over 行政复议法.
        self._names = sorted(names.items(), key=lambda kv: -len(kv[0]))
        self._others: dict[str, list[str]] = {}  # by last two characters, longest first
        unheld = sorted(set(others) - set(names), key=len, reverse=True)
        for name in unheld:
            self._others.setdefault(name[-2:], []).append(name)
        held = {law_subject(title) for title in names.values()}
        self._subjects: dict[str, str] = {}  # 个人所得税 → 中华人民共和国个人所得税法
        # the full title first, the law before its 实施条例
        for name in sorted(unheld, key=lambda n: (not n.startswith("中华人民共和国"), len(n))):
            subject = law_subject(name)
            if len(subject) >= MIN_SUBJECT and not _NOT_A_SUBJECT.search(name) and not any(subject in h for h in held):
                self._subjects.setdefault(subject, name)

    @classmethod
    def build(cls, documents: list[DocRecord], aliases_file: Path, law_names_file: Path | None = None) -> AliasTable:
        titles = {d.title for d in documents}
        names: dict[str, str] = {}
        for title in titles:
            names[title] = title
            short = title.removeprefix("中华人民共和国")
            names.setdefault(short, title)
            names.setdefault(re.sub(r"[《》]", "", short), title)
            if interpreted := _INTERPRETED.search(title):  # 「行政诉讼法的司法解释」 names the interpretation
                law = interpreted.group(1).removeprefix("中华人民共和国")
                for said in ("的司法解释", "司法解释", "的解释"):
                    names.setdefault(law + said, title)
        if aliases_file.is_file():
            table = tomllib.loads(aliases_file.read_text(encoding="utf-8"))
            for title, aliases in table.items():
                if title in titles:
                    for alias in aliases:
                        names.setdefault(alias, title)
        others = [n for title in _law_names(law_names_file) for n in (title, title.removeprefix("中华人民共和国"))]
        return cls(names, (n for n in others if looks_like_law_title(n)))

    def find(self, text: str) -> tuple[str, str]:
        """(title, the name as written) of the first document named in the text, where it is not
        part of the name of a law the base does not hold."""
        others: list[tuple[int, int, str]] | None = None  # read once, and only when a held name is there
        for name, title in self._names:
            start = text.find(name)
            while start != -1:
                end = start + len(name)
                others = self.others_in(text) if others is None else others
                if not _within_longer(start, end, others):
                    return title, name
                start = text.find(name, start + 1)
        return "", ""

    @cached_property
    def _statute_forms(self) -> frozenset[str]:
        """The names statutes write a held law by: its title, or its title without 中华人民共和国;
        not staff's short names (复议法, 实施条例), which no statute writes."""
        return frozenset(n for n, t in self._names if n in (t, t.removeprefix("中华人民共和国")))

    @cached_property
    def _by_ending(self) -> dict[str, list[tuple[str, str]]]:
        """The names by their last two characters, longest first: what may end where an article
        reference begins, without trying every name of the national library."""
        ending: dict[str, list[tuple[str, str]]] = {}
        for name, title in self._names:
            ending.setdefault(name[-2:], []).append((name, title))
        return ending

    def named_before(self, text: str, end: int, *, any_name: bool = False) -> tuple[str, int]:
        """(title, where its name starts) of the held law whose name, as a statute writes it (or,
        `any_name`, by any of its names), ends at `end` (「行政诉讼法第四十九条」), where it is not
        part of a longer law's name; ("", end) when none does."""
        for name, title in self._by_ending.get(text[max(end - 2, 0) : end], ()):  # longest first
            start = end - len(name)
            if (any_name or name in self._statute_forms) and start >= 0 and text.startswith(name, start):
                return ("", end) if _within_longer(start, end, self.others_in(text)) else (title, start)
        return "", end

    def shortest(self, title: str) -> str:
        """The shortest name that resolves to a title (行诉法 for 中华人民共和国行政诉讼法)."""
        return min((n for n, t in self._names if t == title), key=len, default=title)

    def unheld_subjects(self, text: str) -> dict[str, str]:
        """subject → title of each law the base does not hold whose subject the text names
        (「个人所得税起征点」 → 个人所得税法), named with or without the word 法."""
        return {subject: title for subject, title in self._subjects.items() if subject in text}

    def others_in(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of each law the base does not hold named in the text, longest
        first where names overlap; 「公司法人」 and 「行政法规」 name no law (法人, 法规)."""
        found: list[tuple[int, int, str]] = []
        for end in range(len(text), 1, -1):
            if _LAW_WORD_GOES_ON.match(text, end):
                continue
            for name in self._others.get(text[end - 2 : end], ()):
                start = end - len(name)
                if start >= 0 and text.startswith(name, start) and not any(start < b and a < end for a, b, _ in found):
                    found.append((start, end, name))
                    break
        return sorted(found)

    def resolve(self, name: str) -> str:
        name = name.strip().strip("《》")
        for alias, title in self._names:
            if alias == name:
                return title
        title, _ = self.find(name)
        return title


def _within_longer(start: int, end: int, others: list[tuple[int, int, str]]) -> bool:
    """Whether a held law's name at start:end is part of a longer name of a law the base does not
    hold (处罚法 in 治安管理处罚法)."""
    return any(a <= start and end <= b and b - a > end - start for a, b, _ in others)


def load_synonyms(path: Path) -> dict[str, list[str]]:
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        return {str(k): [str(v) for v in values] for k, values in table.items()}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError) as exc:
        raise ConfigError(f"同义词表无法读取：{path}（{exc}）") from exc


def expand(tokens: list[str], text: str, synonyms: dict[str, list[str]], once: bool = True) -> list[str]:
    """The question's terms plus the statutory words for its everyday ones, each once (民告官 and
    告官 both say 行政诉讼, 起诉: counted twice they outweighed the asked 举证); `once=False` keeps a
    word once per everyday word that suggests it."""
    extra = [word for key in said_keys(text, synonyms) for word in synonyms[key]]
    return tokens + [w for w in (dict.fromkeys(extra) if once else extra) if w not in tokens]


def said_keys(text: str, synonyms: dict[str, list[str]]) -> list[str]:
    """The table's words said in the text. A one-character word (告, 审, 拆) is not said inside a
    longer word of the table: 告诉 (→ 告知) is said in 「没人告诉我」, 告 (→ 起诉) is not. Longer words
    overlap as they always did (认账 and 不认账 both)."""
    said = [key for key in synonyms if key in text]
    longer = [key for key in said if len(key) > 1]
    return [key for key in said if len(key) > 1 or _stands_alone(key, text, longer)]


def _stands_alone(char: str, text: str, longer: list[str]) -> bool:
    """Whether the character occurs somewhere outside every occurrence of the longer words."""
    inside = {
        m.start() + n
        for key in longer
        for m in re.finditer(re.escape(key), text)
        for n, c in enumerate(key)
        if c == char
    }
    return any(m.start() not in inside for m in re.finditer(re.escape(char), text))


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


def parse_article(text: str) -> int:
    """'第二十条' / '第20条' / '20条' / '20' / '二十' → 20; 0 when there is none."""
    match = ARTICLE_REFERENCE.search(text)
    raw = (match.group(1) or match.group(2)) if match else None
    if raw is None and (bare := _BARE_NUMBER.match(text)):
        raw = bare.group(1)
    if raw is None:
        return 0
    try:
        return cn_to_int(raw)
    except ValueError:
        return 0


def parse_question(question: str, aliases: AliasTable) -> ParsedQuestion:
    text = normalise(question)
    title, written = aliases.find(text)
    rest = text.replace(written, " ") if written else text
    framing = ""
    if title and (bound := _named_with_article(text, aliases)):
        # 「实施条例规定，……有复议法第二十八条……」 names 复议法's 第二十八条, in the 实施条例's frame
        framing = title if bound[0] != title else ""
        title, start, end = bound
        rest = text[:start] + " " + text[end:]
    year_match = _YEAR.search(rest)
    search_text = _VERSION_WORDS.sub(" ", _OLD.sub(" ", text)).strip(" ?？") or text
    beside, after = _around_article(rest) if title else ("", "")
    return ParsedQuestion(
        text=text,
        search_text=search_text,
        title=title,
        article_no=parse_article(rest) if title else 0,
        wants_old=bool(_OLD.search(text)),
        wants_compare=bool(_COMPARE.search(text) and _VERSIONS.search(text)) and not _OLD.search(text),
        year=year_match.group(1) if year_match else "",
        beside=beside,
        after=after,
        framing=framing,
    )


def _around_article(rest: str) -> tuple[str, str]:
    """What a question says beside the article it names (its 款 and 项 too), and right after it;
    ("", "") when it names none."""
    if not (article := ARTICLE_REFERENCE.search(rest)):
        return "", ""
    parts = _PARTS.match(rest, article.end())
    end = parts.end() if parts else article.end()
    return (rest[: article.start()] + " " + rest[end:]).strip(), CLAUSE_END.split(rest[end:])[0]


def _named_with_article(text: str, aliases: AliasTable) -> tuple[str, int, int] | None:
    """(title, start, end) of the name that stands right before the article the text names
    (「复议法第二十八条」, 「《行政许可法》第十二条」), 《》 included; None when no name does."""
    if not (article := ARTICLE_REFERENCE.search(text)):
        return None
    end = article.start()
    while end > 0 and text[end - 1] in "》 ":
        end -= 1
    title, start = aliases.named_before(text, end, any_name=True)
    if not title:
        return None
    return title, start - (start > 0 and text[start - 1] == "《"), article.start()


_BRACKETED = re.compile(r"《([^》]{2,40})》")
# What a law's title ends with: a 《》 naming a book, a form or a certificate is not one. A 决定, 意见 or 通知
# is one only as 「关于……的决定」 (every such title of the national library): 「行政复议决定」 is a topic.
_LAW_LIKE = re.compile(r"(?:法|法典|条例|规定|办法|细则|规则|规程|解释|章程|准则)$|关于.+(?:决定|意见|通知)$")
# Words ending in 法 that name no law (执法, 司法, 依法, 方法, 新法 …), and a law pointed at, not named
# (本法, 本条例, 该办法, 上述规定).
_NOT_A_LAW = re.compile(
    r"^(?:本|该|此|这|那|上述|前述)|^保护法$|(?:执|司|立|守|违|合|非|依|做|说|看|想|方|手|用|算|普|适|(?<!保)护|写|玩|疗|新|旧)法$"
)
# The words run into a name written without 《》 before its article: 「民法典第三条」, 「刑法第20条」.
_NAME_BEFORE_ARTICLE = re.compile(rf"([\u4e00-\u9fff]{{2,30}}?)(?:第[{CN_NUMERAL_CHARS}\d]+|\d+)条")
# What may stand before such a name: 「请问民法典第三条」 names 民法典.
_ASKING_PREFIX = re.compile(
    r"^(?:和|与|及|以及|跟|请问|问一下|我想问|想问|关于|根据|依据|按照|依照|查一下|查询|查|看看|看一下|帮我查|帮我看|一下|那|的)+"
)


# A law's subject found in a question (subjects.law_subject): shorter ones (税, 专利) are words of
# every kind of question; judicial interpretations and decisions name no subject.
MIN_SUBJECT = 3
_NOT_A_SUBJECT = re.compile(r"关于|解释|决定|《")


def looks_like_law_title(name: str) -> bool:
    """「民法典」, 「法律援助条例」: a name of a law, not a topic (「行政执法」, 「复议前置」)."""
    name = name.strip().strip("《》")
    return len(name) >= 2 and bool(_LAW_LIKE.search(name)) and not _NOT_A_LAW.search(name)


# 法 that goes on into another word: 法人, 法律, 法规, 法院, 法定 … (「公司法人」 names no 公司法; 「处罚法规定」
# is the 处罚法 and what it 规定s).
_LAW_WORD_GOES_ON = re.compile(r"[人律院官庭制治学理定]|规(?!定)")


def _law_names(path: Path | None) -> list[str]:
    if path is None or not path.is_file():
        return []
    try:
        names = tomllib.loads(path.read_text(encoding="utf-8")).get("names", [])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"法规名称表无法读取：{path}（{exc}）") from exc
    return [str(n) for n in names]


def unknown_titles(question: str, aliases: AliasTable) -> list[str]:
    """The law titles that name no document of the knowledge base: written in 《》, without them
    right before an article (「民法典第三条」), or anywhere as the national library names a law
    (「治安管理处罚法规定的……」)."""
    bracketed = _BRACKETED.findall(question)
    before_article = [_ASKING_PREFIX.sub("", n) for n in _NAME_BEFORE_ARTICLE.findall(_BRACKETED.sub(" ", question))]
    named = [n for n in bracketed + before_article if looks_like_law_title(n)]
    unheld = [n for n in dict.fromkeys(named) if not aliases.find(n)[0]]
    return unheld + [n for _, _, n in aliases.others_in(question) if n not in unheld]
