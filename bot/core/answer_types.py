"""What kind of answer a question wants (a period, an amount, a body, a definition, kinds,
conditions, steps, an effect) and whether a passage states that kind of fact. The cues are data
(knowledge/answer_types.toml); the retriever uses them to prefer the article that states the asked
fact over one that merely shares the topic."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any

from ingest.errors import ConfigError


@dataclass(frozen=True)
class AnswerType:
    name: str
    question: re.Pattern[str]
    article: re.Pattern[str]
    # Whether a summary counts the article cue as a sign of a rule (bot/core/summary.rule_score).
    marks_rule: bool = True
    # Where set, the cue of an article that states the fact itself (「符合下列条件」, then the list);
    # one that only names it (「符合起诉条件的，应当……立案」) states half of it.
    whole: re.Pattern[str] | None = None
    # Kinds this one stands for when both are read in a question: 「审理期限从什么时候算」 asks when a
    # period starts, not how long it is (it says 期限, the period's cue).
    replaces: tuple[str, ...] = ()
    # Where set, what a summary reads as a sign of a rule instead of the article cue: the article cue and
    # more (an article on 罚款 makes a rule, though it states no sum).
    rule_cue: re.Pattern[str] | None = None
    # Whether an answer quotes every sentence of its article that states this kind: how a period's days
    # are counted is the whole counting rule, not the sentence sharing most of the question's words.
    quote_every: bool = False

    @property
    def marks_rule_in(self) -> re.Pattern[str]:
        return self.rule_cue or self.article

    def stated_in(self, text: str) -> float:
        if not self.article.search(text):
            return 0.0
        return 1.0 if self.whole is None or self.whole.search(text) else 0.5


class AnswerTypes:
    def __init__(self, types: list[AnswerType]) -> None:
        self.types = types

    @classmethod
    def load(cls, path: Path) -> AnswerTypes:
        if not path.is_file():
            return cls([])
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
            # A misspelt kind to extend would be a KeyError, named only by the word: say what it is.
            missing = sorted({v["extends"] for v in table.values() if v.get("extends", "") not in ("", *table)})
            if missing:
                raise ConfigError(f"{path} 有误：extends 指向不存在的类型 {'、'.join(missing)}")
            types = [
                AnswerType(
                    name,
                    re.compile(v["question"]),
                    re.compile(_article_cue(table, name)),
                    bool(v.get("rule", True)),
                    re.compile(v["whole"]) if "whole" in v else None,
                    tuple(v.get("replaces", ())),
                    re.compile(f"{_article_cue(table, name)}|{v['rule_also']}") if "rule_also" in v else None,
                    bool(v.get("quote_every", False)),
                )
                for name, v in table.items()
            ]
        except (tomllib.TOMLDecodeError, KeyError, re.error) as exc:
            raise ConfigError(f"{path} 有误：{exc}") from exc
        # A misspelt name would replace nothing, silently: 「从什么时候算」 would be read as a period again.
        unknown = sorted({name for t in types for name in t.replaces} - {t.name for t in types})
        if unknown:
            raise ConfigError(f"{path} 有误：replaces 指向不存在的类型 {'、'.join(unknown)}")
        return cls(types)

    def asked(self, question: str) -> list[AnswerType]:
        question = without_conditions(question)
        asked = [t for t in self.types if t.question.search(question)]
        replaced = {name for t in asked for name in t.replaces}
        return [t for t in asked if t.name not in replaced]

    @staticmethod
    def stated(asked: list[AnswerType], text: str, finer: dict[str, float] | None = None) -> float:
        """Share of the asked kinds of fact the passage states (0 when nothing was asked). `finer`:
        a graded measure for a kind, used instead of its cue where the caller has one."""
        if not asked:
            return 0.0
        finer = finer or {}
        return sum(finer.get(t.name, t.stated_in(text)) for t in asked) / len(asked)


def _article_cue(table: dict[str, dict[str, Any]], name: str) -> str:
    """A kind's article cue, with the cue of the kind it extends (`extends`) before its own: a latest
    moment is stated by any period and by a time limit an event sets."""
    kind = table[name]
    if "extends" not in kind:
        return kind["article"]
    return f"(?:{table[kind['extends']]['article']})|(?:{kind['article']})"


_TERM = (
    # the term may stand in quotes: 「简易程序中的“争议不大”是指什么」
    re.compile(r"(?:什么是|什么叫|何为|何谓)[“「\"]?(?P<term>[\u4e00-\u9fff]{2,12})"),
    re.compile(
        r"(?P<term>[\u4e00-\u9fff]{2,12}?)[”」\"]?(?:指的是什么|是指什么|指的是哪些|是指哪些|指的是谁|是指谁|是什么意思|的含义|的定义|是什么|指什么)"
    ),
    # 「法律上如何界定政府信息」, 「行政处罚在法律上是怎么定义的」, 「人民调解的概念」: asked as the act of defining
    re.compile(r"(?:怎么|怎样|如何)(?:定义|界定)(?P<term>[\u4e00-\u9fff]{2,12})"),
    re.compile(
        r"(?P<term>[\u4e00-\u9fff]{2,12}?)(?:(?:在法律上|在法律中|法律上)?是?(?:怎么|怎样|如何)(?:定义|界定)|的概念)"
    ),
    # 「派来的哪些人算相应的工作人员」: who counts as what a statute names
    re.compile(r"哪些(?:人|人员)(?:算|算是|属于)(?P<term>[\u4e00-\u9fff]{2,12})"),
)


# Where the term was read: 「简易程序里说的事实清楚是什么意思」 asks about 事实清楚.
_SAID_IN = re.compile(r".*(?:里说的|中说的|里讲的|中讲的|所说的|里的|中的)")


def defined_term(question: str) -> str:
    """The term a definition question asks about: 「什么叫政府信息」, 「法律援助指的是什么」."""
    for pattern in _TERM:
        match = pattern.search(question)
        if match:
            term = _SAID_IN.sub("", match.group("term")).removeprefix("所谓")
            return re.sub(r"的(?:概念|定义|含义)$", "", term).removesuffix("的")
    return ""


def definition_fit(term: str, text: str) -> float | None:
    """1 when the passage defines the asked term (defined_term: 「本法所称法律援助，是……」, 「政府信息，
    是指」, 「“事实清楚”，是指」) or designates who it is (「……的公民、法人或者其他组织是申请人。」), 0 when it
    does not; None when the question names no term (the cue decides)."""
    if not term:
        return None
    for said in _said_as(term):
        quoted = rf"[“”\"「」]?{re.escape(said)}[“”\"「」]?"
        # or names what it includes (「“行政机关相应的工作人员”，包括……」, the term in quotes)
        if re.search(rf"所称{quoted}|{quoted}[，,]?是指|[是为]{quoted}[。；]|{re.escape(said)}[”」\"][，,]?包括", text):
            return 1.0
    return 0.0


def _said_as(term: str) -> list[str]:
    """The term, and the noun it ends in when it is qualified (「行政复议的申请人」 → 申请人): a statute
    designates the party once in its own procedure (「……的公民、法人或者其他组织是申请人。」)."""
    head = term.rsplit("的", 1)[-1]
    return [term, head] if head != term and len(head) >= 2 else [term]


# 「行政处罚有哪几种」, 「行政强制措施包括哪些」, 「复议决定分为哪几类」: the term whose kinds are asked.
_KINDS_TERM = re.compile(
    r"(?P<term>[\u4e00-\u9fff]{2,12}?)(?:的种类|的类型)?(?:一共|总共|共)?(?:有|包括|分为|分成)?(?:哪几种|哪几类|哪些种类|哪些类型|几种|几类)"
)


def kinds_term(question: str) -> str:
    """The term as a statute writes it, without 的 (「行政复议的证据有哪几种」 → 行政复议证据)."""
    match = _KINDS_TERM.search(question)
    return match.group("term").removeprefix("所谓").replace("的", "") if match else ""


def kinds_fit(term: str, text: str) -> bool:
    """Whether the passage lists the kinds of the asked term (kinds_term: 「行政处罚的种类：（一）
    警告……」, 「行政复议证据包括」)."""
    return bool(term) and re.search(rf"{re.escape(term)}(?:的种类|的类型|包括|分为|有下列)", text) is not None


# A list of a procedure's steps (「听证按照下列程序进行：（一）……」) lists no kind of thing: 「哪些行政许可事项应当
# ……举行听证」 asks which matters, and 许可法第四十八条's steps led it over 第四十六条, which names them.
_STEPS_LIST = re.compile(r"(?:下列|以下)(?:程序|步骤)")


def steps_listed(text: str) -> bool:
    """Whether the passage's list is a procedure's steps."""
    return _STEPS_LIST.search(text) is not None


# 「受援人在法律援助中有哪些义务」「当事人要履行哪些义务」「申请人享有哪些权利」: whose duties or rights are
# asked. The holder is a party (it ends in 人, 者, 员, 机关 …), read after the last 中 or 的 before it.
_HOLDER = re.compile(
    r"(?P<holder>[\u4e00-\u9fff]{0,8}?(?:人|者|员|机关|机构|部门|单位|委员会|协会|律师|事务所|公民|组织))"
    r"(?:在[\u4e00-\u9fff]{2,12}?中)?(?:要|应当|应|都)?(?:有|负有|享有|承担|履行|依法享有)?"
    r"(?:哪些|什么|几项)(?P<what>义务|权利)"
)
# How a statute says the holder's duty (受援人应当……, 当事人不得……) or right (申请人有权……).
_HELD_AS = {"义务": "(?:应当|必须|负有|有义务|不得)", "权利": "(?:有权|享有|可以)"}


def holder_asked(question: str) -> tuple[str, str]:
    """The party whose duties or rights are asked, and which (「受援人……有哪些义务」 → 受援人, 义务)."""
    match = _HOLDER.search(question)
    if not match:
        return "", ""
    holder = re.split("[中的]", match.group("holder"))[-1]
    return (holder, match.group("what")) if len(holder) >= 2 else ("", "")


def holder_fit(asked: tuple[str, str], text: str) -> bool:
    """Whether the passage states the asked party's duty or right (「受援人应当向法律援助人员如实陈述」); a
    qualified party (行政诉讼当事人) is said by its last three characters too (当事人有权……)."""
    holder, what = asked
    return bool(holder) and _holder_said(holder, what).search(text) is not None


@lru_cache(maxsize=64)
def _holder_said(holder: str, what: str) -> re.Pattern[str]:
    """Compiled once per asked party, not once per passage."""
    said = "|".join(re.escape(h) for h in sorted({holder, holder[-3:]}))
    return re.compile(rf"(?:{said}){_HELD_AS[what]}")


# What negates an act in a statute's words (「不撤销」「不予受理」「不得收取」).
_NEGATIONS = ("不", "不予", "不得", "不再", "无须", "无需")
_FIRST_ITEM = re.compile(r"[（(]一[)）]")


def negated_in_head(words: list[str], question: str, text: str) -> bool:
    """Whether the clause a passage's list hangs from says one of the question's words only negated, the
    question not: 「行政行为有下列情形之一的，行政复议机关不撤销该行政行为，但是确认该行政行为违法：」 lists when the
    act is not done, and answers 「什么情况下复议机关会撤销原行政行为」 the wrong way round."""
    head, colon, _ = text.partition("：")
    if not colon or _FIRST_ITEM.search(head) or len(head) > 160:
        return False
    for word in (w for w in words if len(w) >= 2 and w in head):
        if any(f"{n}{word}" in question for n in _NEGATIONS):
            continue
        said = [head[: m.start()].endswith(_NEGATIONS) for m in re.finditer(re.escape(word), head)]
        if all(said):
            return True
    return False


# A numbered item of a list: 「（一）……」, 「(二)……」.
LIST_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")


def listed_in_items(words: list[str], text: str) -> bool:
    """Whether one of the words is said in a numbered item of the passage (a scope list naming the
    asked act: 任免 in 复议法第十二条（三）)."""
    items = [line for line in text.splitlines() if LIST_ITEM.match(line.lstrip())]
    return any(word in item for item in items for word in words)


# 「代履行属于行政强制执行的方式吗」「查封是不是行政强制措施的一种」: a thing asked to be one of a kind. The thing is
# read as written before 属于 (jieba cuts 代履行 into 代 / 履行, so no word of it is rare).
_MEMBER_OF = re.compile(
    r"(?P<thing>[\u4e00-\u9fff]{2,8}?)(?:属于|是不是)(?P<kind>[\u4e00-\u9fff]{1,14}?(?:方式|种类|类型|形式|措施))"
)


def member_of(question: str) -> tuple[str, str]:
    """The thing and the kind (without 的 or 一种) a membership question asks about (「代履行属于行政强制执行的方式吗」,
    「……是不是行政强制执行的一种方式」 → 代履行, 行政强制执行方式), or ("", "")."""
    match = _MEMBER_OF.search(question)
    return (match.group("thing"), match.group("kind").replace("的", "").replace("一种", "")) if match else ("", "")


def lists_as_member(member: tuple[str, str], text: str) -> bool:
    """Whether the passage is the list of the asked kind (its lead-in names it: 「行政强制执行的方式：」) and one of its
    numbered items names the thing (「（五）代履行」); a list of rules on the thing itself (「代履行应当遵守下列规定」)
    is not."""
    thing, kind = member
    if not kind:
        return False
    lines = text.splitlines()
    first_item = next((n for n, line in enumerate(lines) if LIST_ITEM.match(line.lstrip())), len(lines))
    lead_in = "".join(lines[:first_item]).replace("的", "")
    return kind in lead_in and listed_in_items([thing], text)


# 「由谁保障」「由哪级政府建立」「谁批准」: the act whose actor is asked (not 「向哪个机关申请」, where one applies).
_ACTED = re.compile(
    r"(?<![向找去到])(?:由?谁|由?哪[个一级]*[\u4e00-\u9fff]{0,4}?(?:机关|部门|政府|法院|机构|单位))"
    r"(?:(?:来|去)(?P<single>[\u4e00-\u9fff])(?=[？?，。！]|$)|(?:来|去|可以|应当)?(?P<verb>[\u4e00-\u9fff]{2}))"
)
_ACTOR_NOUN = r"(?:机关|部门|政府|法院|检察院|机构|委员会|单位|院长)"


def acted_verb(question: str) -> str:
    """The act a body question asks the actor of (「行政复议工作经费由谁保障」 → 保障; 「由谁来拍」 → 拍, not
    来拍), or ""."""
    match = _ACTED.search(question)
    return (match.group("single") or match.group("verb")) if match else ""


def names_actor(verb: str, text: str) -> bool:
    """Whether the passage names who does the asked act (「由县级以上人民政府……保障」, 「设区的市、县（市、区）
    人民政府应当建立健全……」); False when the question names no act (acted_verb gave "")."""
    return bool(verb) and _actor_said(verb).search(text) is not None


@lru_cache(maxsize=64)
def _actor_said(verb: str) -> re.Pattern[str]:
    """Compiled once per asked act, not once per passage."""
    # The actor is the subject of the act, not one of a list (「委托有关专家、教学科研单位、社会组织进行评估」
    # names no one who 组织s), and it may stand before a comma with its modal verb after it (「……自治州的
    # 人民政府，可以组织对有关规章……进行立法后评估」).
    actor = rf"{_ACTOR_NOUN}(?:，(?=可以|应当|有权|负责))?[^，。；、]{{0,8}}?"
    return re.compile(rf"(?:由[^，。；]{{1,30}}?|{actor}){re.escape(verb)}")


# A condition the question opens with (「被申请人不履行法定职责的，……」), as its own clause.
_CONDITION = re.compile(r"(?:^|[，。？；,?;])(?P<clause>[^，。？；,?;]{6,30}的)[，,]")


def without_conditions(question: str) -> str:
    """The question without the conditions it states as clauses of their own: a fact named in the case
    is not the fact asked (「……不公开水费怎么算的，我能找谁投诉」 asks where to complain, 「超过复议期限的，
    怎么办」 no period)."""
    return _CONDITION.sub(lambda m: m.group(0)[0] if m.start() > 0 else "", question)


# What a question asks, said word for word as a statute says it (「对民事诉讼实行法律监督」: 民事诉讼法第十四条, over
# 第二百四十六条's 对民事执行活动): a run this long of the question's own words, its stated conditions left out
# (the words of the case are not what is asked of it: 「对区司法局作出的行政行为不服的，」 shares ten characters with
# 复议法第二十四条's list, not with 第二十八条, which answers).
VERBATIM_RUN = 10
LONGEST_RUN = 12
LONGEST_MARGIN = 3
_IDENTITY_ASKED = re.compile(r"是(?:谁|哪|什么)|为(?:谁|哪)")  # 为什么 asks why, not who or what
_PUNCTUATION = re.compile(r"[，。？！、；：,.?!;:\s]")


def _own_words(question: str) -> str:
    """The question as the runs read it: its stated conditions and punctuation left out."""
    return _PUNCTUATION.sub("", without_conditions(question))


def runs_said(question: str, texts: dict[str, str]) -> dict[str, tuple[int, int]]:
    """For each passage, how many characters of the question's own words (conditions and punctuation left out) it
    says in a row, and where in those words that run ends: one scan serves both the word-for-word check (a run of
    VERBATIM_RUN or more) and longest_said."""
    asked = _own_words(question)
    return {key: _longest_run(asked, text) for key, text in texts.items()}


def longest_said(question: str, runs: dict[str, tuple[int, int]]) -> set[str]:
    """The passages saying the longest run of the question's own words (`runs`: runs_said over them), if it is
    LONGEST_RUN or longer and every other passage's run is at least LONGEST_MARGIN shorter; else none. A run the
    question goes on to ask the identity of (「……政府信息公开工作主管部门是哪个部门」) is the asked term, which every
    article on it says: it chooses none."""
    best = max((n for n, _ in runs.values()), default=0)
    if best < LONGEST_RUN or any(best - LONGEST_MARGIN < n < best for n, _ in runs.values()):
        return set()
    asked = _own_words(question)
    if any(n == best and _IDENTITY_ASKED.match(asked, end) for n, end in runs.values()):
        return set()
    return {key for key, (n, _) in runs.items() if n == best}


def _longest_run(asked: str, text: str) -> tuple[int, int]:
    """How many characters of `asked`, in a row, `text` says, and where in `asked` the run ends: each start tries
    only runs longer than the best."""
    longest, ends = 0, 0
    for start in range(len(asked) - longest):
        end = start + longest + 1
        while end <= len(asked) and asked[start:end] in text:
            longest, ends, end = end - start, end, end + 1
    return longest, ends


def condition_clauses(question: str) -> list[str]:
    """The conditions a question states as clauses of their own (「……的，」)."""
    return [m.group("clause") for m in _CONDITION.finditer(question)]


def states_condition(clauses: list[str], text: str) -> bool:
    """Whether a passage rules on the question's condition as its own: 「被申请人不履行法定职责的，行政复议机关
    决定……」 does; 「……认为被申请人不履行法定职责的行政复议申请后，……」 only names it."""
    if not clauses:
        return False
    if _condition_said(tuple(clauses)).search(text):
        return True
    # Said nearly as the statute says it (「当事人一方人数众多且起诉时人数尚未确定的」 for 「……在起诉时……」), or as
    # the last of several conditions the article rules on alike (「诉讼标的是同一种类、当事人一方……的，」).
    ruled = _RULED_CLAUSE.findall(text)
    if any(SequenceMatcher(None, clause, said).ratio() >= NEAR_CLAUSE for clause in clauses for said in ruled):
        return True
    # Or its predicate said as the statute says it, after a subject of the asker's own (「但起诉前没有先向行政机关
    # 提出申请的」 is 解释第九十三条's 「原告未先向行政机关提出申请的」): the statute's clause but its first word or two
    # ends the question's, with everyday 没有 for the statute's 未.
    plain = [_EVERYDAY_NOT.sub("未", clause) for clause in clauses]
    if any(
        (same := _common_ending(clause, said)) >= SAME_PREDICATE and same >= NEAR_CLAUSE * len(said)
        for clause in plain
        for said in ruled
    ):
        return True
    # Or with the statute's fuller words between the question's (「公开政府信息依法需要批准的」 is 政府信息公开条例
    # 第十一条's 「行政机关公开政府信息依照法律、行政法规和国家有关规定需要批准的」): every character of the question's
    # clause in order within one clause of the statute, which says its opening and its predicate as the question does.
    if not (long := [clause for clause in clauses if len(clause) >= APART_SHORTEST]):
        return False  # no passage scanned for a clause too short to tell its case by its characters alone
    return any(_said_apart(clause, said) for clause in long for said in _WHOLE_CLAUSE.findall(text))


def _said_apart(clause: str, said: str) -> bool:
    """Whether `said` (a statute's clause) holds `clause` (the question's) with words between, as described above."""
    if len(said) > APART_LONGEST * len(clause):
        return False
    if clause[:APART_ENDS] not in said or not said.endswith(clause[-APART_ENDS:]):
        return False
    rest = iter(said)  # each character looked for after the one found before it: in order, gaps allowed
    return all(char in rest for char in clause)


def _common_ending(a: str, b: str) -> int:
    """How many characters two clauses end with alike."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


_EVERYDAY_NOT = re.compile(r"没有|没")
# Ten characters: a formula's ending (「作出的行政行为不服的」) is shorter than most, and falls short of the
# statute's whole clause besides.
SAME_PREDICATE = 10


# 「哪些裁定当事人可以上诉」「哪些情形下行政机关应当解除冻结」: of a kind, which members the rule is for; the article
# that answers says the act with its modal (「对第一、二、三项裁定，当事人可以上诉」).
_ASKED_PREDICATE = re.compile(
    r"哪些[\u4e00-\u9fff]{1,12}?(?P<pred>(?:可以|应当|不得|必须|不能|不予)[\u4e00-\u9fff]{2,8}?)(?:[，、？?。]|吗|呢|$)"
)


def asked_predicate(question: str) -> str:
    """The act a 「哪些……可以/应当……」 question asks of a kind's members, with its modal (可以上诉)."""
    match = _ASKED_PREDICATE.search(question)
    return match.group("pred") if match else ""


# A condition an article rules on: a clause ending in 的 before a comma or semicolon, after punctuation.
_RULED_CLAUSE = re.compile(r"(?:^|(?<=[，。；：、\n]))[^，。；：、\n]{4,40}的(?=[，；])")
NEAR_CLAUSE = 0.85  # one character in seven or so differs: 且/在, 或/或者, a dropped 的
# A condition clause with the list commas of its statute inside it (「依照法律、行政法规和……需要批准的」).
_WHOLE_CLAUSE = re.compile(r"(?:^|(?<=[，。；：\n]))[^，。；：\n]{4,60}的(?=[，；])")
APART_SHORTEST = 8  # characters of the question's clause
APART_LONGEST = 3  # the statute's clause at most this many times as long
APART_ENDS = 4  # its first and its last characters, said as the question says them


@lru_cache(maxsize=64)
def _condition_said(clauses: tuple[str, ...]) -> re.Pattern[str]:
    """Compiled once per question's clauses, not once per passage: each clause as a clause of its own
    (「……的，」 or 「……的；」), or as the first of several the article rules on alike (「……决定不予受理、驳回
    申请或者……的，」)."""
    said = (rf"{re.escape(c)}[，；]|{re.escape(c[:-1])}(?:、|或者)[^，。；：]{{1,40}}的[，；]" for c in clauses)
    return re.compile("|".join(said))


# A rule an article makes for one named procedure (「人民法院适用特别程序审理的案件，……」): the 简易, 小额 and
# 特别 procedures are exceptions, the 普通程序 the rule for a question that names none.
_SPECIAL_PROCEDURE = re.compile(
    r"^(?:第[一二三四五六七八九十百零]+条\s*)?[^，。；]{0,8}适用(?:简易程序|特别程序|小额诉讼的程序)"
)
_PROCEDURE_NAMED = re.compile(r"简易|简单|小额|数额不大|程序")  # 程序: 特别程序, 普通程序, 督促程序 …


def special_procedure_unasked(question: str, text: str) -> bool:
    """Whether a passage rules for a special procedure the question does not name."""
    return _PROCEDURE_NAMED.search(question) is None and _SPECIAL_PROCEDURE.search(text) is not None


# A body named with its level (「省综合行政执法指导机构」「县级综合行政执法指导机构」): the level, and the body as the
# statutes also write it for other levels (「设区的市、县（市、区）综合行政执法指导机构」).
_LEVELED_BODY = re.compile(
    r"(?P<level>省|设区的市|县|乡镇)级?(?P<body>[\u4e00-\u9fff]{4,12}?(?:机构|机关|部门|委员会))"
)
_LEVEL = re.compile(r"省|市|县|乡|镇|国务院")
_BEFORE = 12  # how far before the body its level is written (「……（以下称省综合……」, 「设区的市、县（市、区）」)


@lru_cache(maxsize=64)
def leveled_body(question: str) -> tuple[str, str]:
    """The level and the body a question names together (「省综合行政执法指导机构有哪些职责」 → 省, 综合行政执法
    指导机构), or ("", "")."""
    match = _LEVELED_BODY.search(question)
    return (match.group("level"), match.group("body")) if match else ("", "")


def other_level(question: str, text: str) -> bool:
    """Whether a passage speaks of the asked body at other levels only: 「设区的市、县（市、区）综合行政执法指导机构
    负责下列工作」 lists another level's duties than those of the 省 body asked about."""
    level, body = leveled_body(question)
    if not body or body not in text:
        return False
    befores = [text[max(0, at - _BEFORE) : at] for at in (m.start() for m in re.finditer(re.escape(body), text))]
    return not any(level[-1] in before for before in befores) and any(_LEVEL.search(before) for before in befores)
