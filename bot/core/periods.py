"""Periods read from the law texts themselves: from each article, the periods it sets (trigger,
length, unit, who acts, what they do), and from each law its rule of what counts as working days
(「本法……“三日”、“五日”……的规定是指工作日」) and where its counting rule lives (民事诉讼法
关于期间的规定). Nothing here is a hand-written table of periods."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.core.query import AliasTable
from bot.core.references import references
from bot.core.textsim import ARTICLE_LABEL
from ingest.index import KnowledgeIndex, StoredChunk
from ingest.numerals import cn_to_int

_NUMBER = r"[一二两三四五六七八九十百零〇]+|\d+"
# A length with its unit, in the forms periods take: 六十日内, 20个工作日内, 六个月内, 不得超过三十日, 时效为两年,
# 不少于30日, ２４小时内 (full-width digits are digits to \d), and ahead of an event: 举行听证的七日前, 届满三十日前,
# 选举日的五日以前.
_PERIOD = re.compile(
    rf"(?P<lead>不得超过|最长不得超过|最多不得超过|时效为|期限为|期间为|不少于|不得少于)?(?P<num>{_NUMBER})"
    r"(?P<unit>个工作日|个月|个?小时|日|天|年)(?P<tail>内|以内|之内|以前|前)?"
)
_CLAUSE_END = re.compile(r"[，。；：,;]")


def says_period(text: str) -> bool:
    """Whether the text states a length of time in any of the forms periods take."""
    return bool(_PERIOD.search(text))


_FROM = r"(?:自|从)(?P<from>[^，。；：]{1,60}?)(?:之日)?起"  # 自……之日起
_TRIGGER = re.compile(rf"{_FROM}|收到(?P<got>[^，。；：]{{1,30}}?)后|在(?P<after>[^，。；：]{{1,20}}?)后")
# The modal words a period's duty or right hangs on: the actor is said just before the last of them
# ahead of the period (「……的，公民、法人或者其他组织可以自收到决定书之日起十五日内……」).
_MODAL = re.compile(r"应当|可以|必须|须")
# Where the subject of a clause ends: the verb or preposition that follows it (「公民……认为……的」,
# 「行政复议机关收到……后」, 「行政复议机关有权处理的」).
_AFTER_SUBJECT = re.compile(
    r"认为|收到|有权|无权|依照|依法|对|因|在|不服|发现|作出|经|自|向|从|按照|根据|决定|要求|当场|未|逾期|拒不|实施|接到|适用|审理|直接|不能|不予"
)
_TRIGGER_SPAN = re.compile(_FROM)
_LEAD_IN = re.compile(r"^(?:第[一二三四五六七八九十百零]+条\s*)?(?:[（(][一二三四五六七八九十]+[)）])?")
_WORKING_RULE = re.compile(r"本法[^。]*?((?:[“\"][一二三四五六七八九十]+日[”\"][、，]?\s*)+)的规定是指工作日")
_QUOTED_DAYS = re.compile(r"[“\"]([一二三四五六七八九十]+)日[”\"]")
_COUNTING_REFERENCE = re.compile(r"民事诉讼法》?(?:关于|的)?(?:期间|[^。]{0,12}期间)")
COUNTING_RULE_TEXT = "期间开始的时和日，不计算在期间内"
UNIT_NAMES = {"个工作日": "工作日", "个月": "月", "小时": "小时", "个小时": "小时", "日": "日", "天": "日", "年": "年"}


@dataclass(frozen=True)
class Period:
    """One period an article sets."""

    chunk: StoredChunk  # the article (or part) that sets it
    sentence: str  # the sentence it stands in, verbatim
    length: int
    unit: str  # 日 · 工作日 · 月 · 年 · 小时
    trigger: str  # 自……之日起 / 收到……后, as written ("" when the article does not say)
    actor: str
    action: str
    extension: bool  # 延长 … 不得超过: a ceiling on an extension, not a period of its own
    working_rule: StoredChunk | None = None  # the article that makes this length working days
    ahead: bool = False  # 「举行听证的七日前」: counted back from an event, not on from a start
    floor: bool = False  # 「征求意见的期限一般不少于30日」: the least time given, no date to count to

    @property
    def kind(self) -> str:
        """What sort of period it is, as the answers and the terminal's list name it."""
        if self.extension:
            return "延长上限"
        if self.ahead:
            return "事前期限"
        return "最短期限" if self.floor else "期限"

    @property
    def working_days(self) -> bool:
        return self.unit == "工作日" or self.working_rule is not None

    @property
    def written(self) -> str:
        """六十日 / 五日（工作日） / 20个工作日 / 六个月"""
        return self.sentence[self.span[0] : self.span[1]]

    @property
    def span(self) -> tuple[int, int]:
        match = next(m for m in _PERIOD.finditer(self.sentence) if _value(m) == (self.length, self.unit))
        return match.start("num"), match.end("unit")


def _value(match: re.Match[str]) -> tuple[int, str]:
    return cn_to_int(match.group("num")), UNIT_NAMES[match.group("unit")]


def _sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。；\n]+[。；]?", text) if s.strip()]


def _is_period(sentence: str, match: re.Match[str]) -> bool:
    """A length with its lead (不得超过, 期限为 …) or its tail (内, 前 …), or the length an
    extension adds (「经本院院长批准，可以延长一个月」)."""
    if match.group("lead") or match.group("tail"):
        before = sentence[max(0, match.start() - 1) : match.start()]
        return not before.isdigit() and before not in "第年月"
    return sentence[: match.start()].endswith("延长")


def actor_of(before: str) -> str:
    """Who the period binds, from the sentence up to the period: the subject of the clause that
    holds the last modal (应当, 可以 …), or where the modal opens its clause, of the clause before
    (「行政复议机关收到行政复议申请后，应当在五日内……」 → 行政复议机关). "" when not said there."""
    before = _TRIGGER_SPAN.sub("", _LEAD_IN.sub("", before))  # 「自……应当知道……之日起」 holds no actor
    if own := _subject_of_own_clause(before):
        return own
    modals = list(_MODAL.finditer(before))
    if not modals:
        return ""
    clauses = re.split(r"[，,；：]", before[: modals[-1].start()])
    clause = clauses[-1].strip() or (clauses[-2].strip() if len(clauses) > 1 else "")
    clause = re.sub(r"^(?:并且|但是|并|且|但|而)", "", clause)
    cut = _AFTER_SUBJECT.search(clause)
    if cut and cut.start() == 0 and "的" in clause[:-1] and clause[0] not in "在对因从自向经":
        subject = clause  # 「作出决定的行政机关」: the clause is the actor, qualified
    else:
        subject = clause[: cut.start()] if cut else clause
    if _MODAL.match(subject) or not 2 <= len(subject) <= 24 or subject.endswith("的"):
        return ""
    return subject


def _subject_of_own_clause(before: str) -> str:
    """The body or party that opens the period's own clause when that clause holds no modal: in
    「原审人民法院……应当在五日内将上诉状副本送达对方当事人，对方当事人在收到之日起十五日内提出答辩状」 the
    fifteen days are 对方当事人's, not the court's whose 应当 stands in the clause before."""
    clause = re.split(r"[，,；：]", before)[-1].strip()
    if _MODAL.search(clause) or not (cut := _AFTER_SUBJECT.search(clause, 2)):  # 对方当事人 opens with 对
        return ""
    subject = clause[: cut.start()]
    return subject if 2 <= len(subject) <= 12 and side(subject) else ""


def _shared_predicate(after: str) -> str:
    """What follows a period, past periods coordinated with it: in 「自知道……之日起一年内、重大误解的
    当事人自知道……之日起九十日内没有行使撤销权」 the one-year period's action is 没有行使撤销权 too."""
    while after.startswith("、"):
        clause = _CLAUSE_END.split(after, maxsplit=1)[0]
        if not (following := _PERIOD.search(clause)):
            break
        after = after[following.end() :]
    return after


# A clause that gives only the rules an act is done under (「依照刑法……的规定，」), with more said after it.
_BASIS_CLAUSE = re.compile(r"^(?:依照|按照|根据|依据)[^，。；：,]*[，,](?=[^。；]{2,})")


# 「十五日内清偿债务，或者向人民法院提出书面异议」: an act the period allows instead of the first.
_ALTERNATIVE = re.compile(r"[，,](或者?[^，。；：,]+)")


def _action_of(after: str) -> str:
    """What is done in the period: the clause after it, with the alternatives that follow it."""
    action = re.split(r"[，。；：,]", after, maxsplit=1)[0]
    end = len(action)
    while found := _ALTERNATIVE.match(after, end):
        action, end = action + found.group(1), found.end()
    return action.strip()


# A ceiling (不得超过 N 日) is the limit of an extension or of a counting rule, unless it is what
# something's own period is: 「查封、扣押的期限不得超过三十日」.
_CEILINGS = ("不得超过", "最多不得超过", "最长不得超过")
_OWN_PERIOD = re.compile(r"(?P<what>[^，。；：,]{1,24})的期限$")
# 「申请执行的期间为二年」, 「请求国家赔偿的时效为两年」: the period is what is named before 的.
_STATED = ("时效为", "期限为", "期间为")
# 「向社会公布征求意见的期限一般不少于30日」, 「应当保证必要的审查时间，一般不少于7个工作日」: the least time something
# is given, for what is named before 的期限 or 时间.
_FLOORS = ("不少于", "不得少于")
_OWN_FLOOR = re.compile(r"(?P<what>[^，。；：,]{1,24}?)(?:的期限|的?时间)[，,]?(?:一般|原则上)?$")
_NAMED_BEFORE = re.compile(r"(?P<what>[^，。；：,]{1,24})的$")
# A sentence about a period, its ceiling said later (「适用简易程序案件的举证期限由人民法院确定，……但不得超过十五日」).
_PERIOD_SUBJECT = re.compile(
    r"(?:第[一二三四五六七八九十百零]+条\s*)?(?P<what>[^，。；：,]{2,24}?)的?期限(?=由|为|是|应当|，|,)"
)


def _naming(lead: str | None, ceiling: bool) -> re.Pattern[str] | None:
    """Where a period of its own names what it is for, by the word that leads it."""
    if ceiling:
        return _OWN_PERIOD
    if lead in _STATED:
        return _NAMED_BEFORE
    return _OWN_FLOOR if lead in _FLOORS else None


def periods_in(chunk: StoredChunk, working: dict[int, StoredChunk] | None = None) -> list[Period]:
    """Every period the article sets, in order."""
    found: list[Period] = []
    for sentence in _sentences(chunk.text):
        for match in _PERIOD.finditer(sentence):
            if not _is_period(sentence, match):
                continue
            length, unit = _value(match)
            before = sentence[: match.start()]
            triggers = list(_TRIGGER.finditer(before))
            trigger = triggers[-1].group(0) if triggers else ""
            # 「十五日内，依法向人民法院提起行政诉讼」: the action follows the period and its comma, past a
            # clause that gives only the rules it is done under (「３日内，依照刑法……的规定，对所移送的案件进行审查」)
            after = _BASIS_CLAUSE.sub("", _shared_predicate(sentence[match.end() :]).lstrip("，, "))
            action = _action_of(after)
            rule = working.get(length) if working and unit == "日" else None
            ceiling = match.group("lead") in _CEILINGS and "延长" not in before[-30:]
            # 「查封、扣押的期限不得超过三十日」, 「申请执行的期间为二年」: a period of its own, for what is named
            # before 的期限 / 的
            floor = match.group("lead") in _FLOORS
            named = _naming(match.group("lead"), ceiling)
            own = named.search(before) if named else None
            # 「……的举证期限由人民法院确定，……但不得超过十五日」: the ceiling of the period the sentence is about
            if ceiling and not own:
                own = _PERIOD_SUBJECT.match(before)
            if own:
                action = ARTICLE_LABEL.sub("", own.group("what")).strip()
            found.append(
                Period(
                    chunk=chunk,
                    sentence=sentence.strip(),
                    length=length,
                    unit=unit,
                    trigger=trigger,
                    actor=actor_of(before),
                    action=action,
                    extension="延长" in before[-30:] or (ceiling and not own),
                    working_rule=rule,
                    ahead=match.group("tail") in ("前", "以前"),
                    floor=floor,
                )
            )
    return found


@dataclass(frozen=True)
class LawRules:
    """What a law says about counting its own periods."""

    working: dict[int, StoredChunk]  # lengths in 日 that are working days → the article saying so
    reference: StoredChunk | None  # the article that sends period counting to 民事诉讼法
    counting: StoredChunk | None  # 民事诉讼法's counting rule (the start day not counted …)


# Per index generation, dropped with it (an lru_cache keyed on the index would keep old
# generations alive after a re-ingest).
_RULES: weakref.WeakKeyDictionary[KnowledgeIndex, dict[str, LawRules]] = weakref.WeakKeyDictionary()


def law_rules(index: KnowledgeIndex, doc_id: str) -> LawRules:
    per_index = _RULES.setdefault(index, {})
    if doc_id not in per_index:
        per_index[doc_id] = _law_rules(index, doc_id)
    return per_index[doc_id]


def _law_rules(index: KnowledgeIndex, doc_id: str) -> LawRules:
    working: dict[int, StoredChunk] = {}
    reference = None
    for chunk in index.by_doc.get(doc_id, []):
        rule = _WORKING_RULE.search(chunk.text)
        if rule:
            for day in _QUOTED_DAYS.findall(rule.group(1)):
                working[cn_to_int(day)] = chunk
        if reference is None and _COUNTING_REFERENCE.search(chunk.text) and "期间" in chunk.text:
            reference = chunk
    return LawRules(working, reference, counting_rule(index, reference))


def counting_rule(index: KnowledgeIndex, reference: StoredChunk | None = None) -> StoredChunk | None:
    """The article that says how a period is counted (民事诉讼法: the start day is not counted; a
    last day on a rest day moves to the next working day): followed from the law's own reference
    (依照民事诉讼法关于期间的规定) where it has one, else found by its text among laws in force."""
    if reference is not None:
        aliases = AliasTable.build(index.documents, Path())
        for ref in references(index, aliases, reference):
            target = ref.chunks[0]
            for chunk in index.by_doc.get(target.doc_id, []):
                if chunk.ordinal >= target.ordinal and COUNTING_RULE_TEXT in chunk.text:
                    return chunk
    return next(
        (c for c in index.chunks.values() if c.in_force and COUNTING_RULE_TEXT in c.text),
        None,
    )


def periods_of(index: KnowledgeIndex, doc_id: str) -> list[Period]:
    rules = law_rules(index, doc_id)
    return [p for chunk in index.by_doc.get(doc_id, []) for p in periods_in(chunk, rules.working)]


# Words that ask for a date or a period; stripped to find what the question is about.
# The question words of a period or date question, and the words that ask one without them.
_QUESTION_WORDS = (
    r"最晚|最长|最短|哪天|哪一天|几号|几月几日|何时|什么时候|到哪|多久|多长时间|多长|多少天|多少日|几天|几日"
    r"|怎么算|怎样算|如何算|怎么计算|怎样计算|如何计算"
)
# Words that tell when something ends (「有效期……届满」): they ask a date too, unless a question word does.
_ENDS = ("到期", "期满", "届满")
ASKS_FOR_DATE = re.compile(rf"{_QUESTION_WORDS}|截止|截至|{'|'.join(_ENDS)}|之前|以前|期限|时间限制|有没有|起算")
_QUESTION_WORD = re.compile(_QUESTION_WORDS)


def _asking_clauses(question: str) -> tuple[str, ...]:
    """The clause that asks (the last one where no clause holds asking words), then the clauses
    before it, nearest first: where the asked action and who acts are looked for."""
    clauses = [c for c in re.split(r"[，,。？?！!；;]", question) if c.strip()]
    if not clauses:
        return ()
    # A condition that names a period (「规章没有规定期限的，多长时间内要重作」) is not where the question
    # asks when a later clause asks in question words.
    asking = [i for i, c in enumerate(clauses) if ASKS_FOR_DATE.search(c)]
    if len(asking) > 1 and clauses[asking[0]].rstrip().endswith("的") and _QUESTION_WORD.search(clauses[asking[1]]):
        asking = asking[1:]
    # A clause that tells when something ends (「有效期2026年6月30日届满」) is not where a later clause
    # asks in question words (「最晚哪天要提出延续申请」); one that names a period (「没告诉起诉期限」) may
    # be what the period is for, and stays.
    questioned = [i for i in asking if _QUESTION_WORD.search(clauses[i])]
    if questioned and {m.group(0) for m in ASKS_FOR_DATE.finditer(clauses[asking[0]])} <= set(_ENDS):
        asking = questioned
    at = asking[0] if asking else len(clauses) - 1
    return (clauses[at], *reversed(clauses[:at]))


# A body or a party named as who acts: 「复议机关」, 「上一级人民法院」, 「被申请人」.
_ACTOR = re.compile(
    r"[\u4e00-\u9fff]{0,3}?(?:机关|机构|法院|政府|部门|委员会)|被?申请人|当事人|第三人|被?上诉人|原告|被告"
)
# Who acts is the clause's subject: 「复议机关收到申请」, not 「向法院起诉」's 法院.
_SUBJECT = re.compile(rf"^\s*(?:请问|如果|假如|那么?)?\s*({_ACTOR.pattern})")


@lru_cache(maxsize=1024)
def asked_actor(question: str) -> str:
    """Who the question says acts, as written: the subject of the clause that asks, or where that
    names no side, of the clause before it (「复议机关收到申请，最晚哪天要决定是否受理」 → 复议机关)."""
    for clause in _asking_clauses(question):
        if found := _SUBJECT.match(clause):
            return found.group(1)
        if side(clause):  # 「我最晚哪天……」: a side without a body named
            return ""
    return ""


@lru_cache(maxsize=1024)  # read for every candidate passage of a question (fit)
def asked_action(question: str) -> str:
    """The clause that holds the ask, without the asking words: 「最晚哪天前申请复议」 → 申请复议,
    「五日审查期到哪天」 → 审查期."""
    clauses = _asking_clauses(question)
    for at, clause in enumerate(clauses):
        bare = _bare_action(clause)
        if len(bare) >= 2:  # 「……，最晚哪天？」: the action is in the clause before
            if at == 0 and len(bare) == 2 and len(clauses) > 1:
                return _object_said_before(clauses[1]) + bare  # 「……可以复议，申请期限怎么算」
            return bare
    return ""


# 「接到……后」「冻结存款后」: the event a period runs from, said before the asked action (「……后几日内
# 审查」: the action is 审查; the event is matched with what the article counts the period from).
_EVENT_BEFORE = re.compile(r"^(?P<event>[^，。；]{2,30}?)后(?=[\u4e00-\u9fff]{2})")


def split_event(action: str) -> tuple[str, str]:
    """(event, action) of an asked action: 「接行政执法机关移送涉嫌犯罪案件后审查」 → (接……案件, 审查)."""
    found = _EVENT_BEFORE.match(action)
    return (found.group("event"), action[found.end() :]) if found else ("", action)


def event_fit(event: str, period: Period) -> float:
    """0.5..1: how far the sentence up to the period says the asked event (「民事判决生效后」 is not
    行政强制法第五十三条's 「期限届满之日起」); 1 when no event is asked."""
    return 0.5 + 0.5 * _share(event, period.sentence[: period.span[0]]) if event else 1.0


def _bare_action(clause: str) -> str:
    clause = _A_NOT_A.sub(r"是否\1", _SUBJECT.sub("", clause))
    return re.sub(_FILLER, "", _ASK_WITH_WITHIN.sub("", clause))


def _object_said_before(clause: str) -> str:
    """What a bare verb of the asking clause (申请, 起诉) is about, when the clause before says it
    after its modal (「没告诉我可以申请复议，申请期限怎么算」 → 申请复议) or after the party it names (side's
    _PARTY: 「当事人申请回避，最晚什么时候要提出」 → 申请回避; 「提出」 alone fitted 民事诉讼法's 三十日内
    「提出答辩状」); else ""."""
    modals = list(_MODAL_OF_ASKER.finditer(clause))
    parties = list(_PARTY.finditer(clause))
    # 「被告申请延期提供证据，应当在什么期限内提出」 → 申请延期提供证据: what the named side applies for
    # (not 「收到政府信息公开申请」, whose 政府 is no subject)
    subject = _SUBJECT.match(clause)
    if modals:
        rest = clause[modals[-1].end() :]
    elif parties:
        rest = clause[parties[-1].end() :]
    elif subject and _APPLIES.match(clause, subject.end()):
        rest = clause[subject.end() :]
    else:
        rest = ""
    said = _bare_action(rest) if rest else ""
    return said if 2 <= len(said) <= 8 else ""


_MODAL_OF_ASKER = re.compile(r"可以|能够|能|要|应当|必须")
_APPLIES = re.compile(r"(?:想|要|需要|准备)?申请")


# 「受不受理」, 「立不立案」: 是否受理, 是否立案.
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])不\1")
# 「多长时间内」, 「多少日内」: the ask with its 内, which is not part of the action, and the 在 that frames
# it (「二审要在多长时间内审结」 → 二审审结; with the 在 left, 再审's 六个月内提出 fitted it better).
# 「多久以后才能再申请」 asks the period for 再申请: 以后才 goes with the asking words (session 64: c61_08, led by
# 复议法第三十一条's 补正 periods, was led by 行政许可法第七十八条's 一年内不得再次申请).
_ASK_WITH_WITHIN = re.compile(f"在?(?:什么|多长的?)?(?:{ASKS_FOR_DATE.pattern})(?:以内|之内|内|(?:(?:以|之)?后)?才)?")
# What is said around the action: a stated period, a modal (可以, 能够), the asking words.
_FILLER = (
    # a law named as the source of the period, which is not what is done: 「修订前的行政复议法规定申请期限」 is 申请;
    # not what goes before 按照 (「提起诉讼按照行政诉讼法规定……」), nor a law that names the period
    # (「复议法规定的期限」)
    r"(?:依照|按照|根据|依据)?(?:修订前|修改前|修订后|修改后|旧|新|原)?的?《?(?:(?!依照|按照|根据|依据)[\u4e00-\u9fff]){2,16}?"
    r"(?:法|条例|办法|解释)》?[中里]?规定(?!的)"
    r"|[\d一二三四五六七八九十]+(?:个工作日|个月|个?小时|日|天|年)"
    r"|(?<=[出上下进回过起])[来去]"  # a directional complement: 「提出来」 is 提出
    r"|完(?![成结善整全])"  # a resultative one: 「多少天内审查完」 is 审查
    r"|不服(?:的话)?|的话|可以|能够|还能|能|得|必须|一般|要|应当|应|提前|前|到|是(?!否)|的|吗|呢|我想|我|想|请问|这个|那个|那么|那"
)


# Who acts, in two sides: the administration (an organ, a court, the respondent) or a party (a
# citizen, the applicant, 当事人).
_AUTHORITY = re.compile(r"机关|机构|法院|政府|部门|委员会|执法人员|被申请人|被告|公证处")
_PARTY = re.compile(r"(?<!被)申请人|当事人|公民|法人|其他组织|原告|第三人|请求人|受援人|我|老百姓|群众|个人")


def side(who: str) -> str:
    """Which side the words name: "authority", "party", or "" (neither)."""
    if _AUTHORITY.search(who):
        return "authority"
    return "party" if _PARTY.search(who) else ""


@lru_cache(maxsize=1024)
def asked_side(question: str) -> str:
    """Whose period the question asks, where the clause that asks names one: 「复议机关几天内决定
    受不受理」 the administration's, 「当事人最晚哪天交罚款」 a party's; "" when it names no one
    (「复议决定一般多长时间内作出」: the action tells, and the action fit reads it)."""
    if not (clauses := _asking_clauses(question)):
        return ""
    asking = _PLACE_OF_ASKED_ACTION.sub("", clauses[0])
    if named := side(asking):
        return named
    # Who finds the case in the condition acts on it (「法院认为规范性文件不合法的，可以在多长时间内向制定机关提出
    # 司法建议」: the court's period, not a party's).
    finder = next((m.group("who") for c in clauses[1:] if (m := _FINDER.match(c))), "")
    if side(finder) == "authority":
        return "authority"
    # One goes to a court or an organ to act there: with no one else named, a party asks.
    return "party" if asking != clauses[0] else ""


# The subject of a condition that finds or judges (认为, 发现, 经审查): 「法院认为……的」.
_FINDER = re.compile(r"^(?P<who>[\u4e00-\u9fff]{2,12}?)(?:认为|发现|经审查)")


# Where the asked action is done, not who does it: 「多长时间内可以去法院起诉」 is a party's period.
_PLACE_OF_ASKED_ACTION = re.compile(r"(?:向|去|到|找)[\u4e00-\u9fff]{0,8}?(?:机关|机构|法院|政府|部门|委员会)")


def actor_fit(actor: str, period: Period) -> float:
    """Between two bodies: 1 when the period's is the asked one (复议机关 ↔ 行政复议机关, 法院 ↔
    人民法院), -2 when it is another (复议机关 ↔ 上一级人民法院); 0 when either is unsaid or a party
    (公民 and 申请人 are one side under two names: `sides_differ` reads sides)."""
    if side(actor) != "authority" or side(period.actor) != "authority":
        return 0.0
    return 1.0 if actor in period.actor or period.actor in actor else -2.0


def sides_differ(asked: str, period: Period) -> bool:
    return bool(asked) and side(period.actor) not in ("", asked)


# A fit of at least this says the period is for the asked action.
PERIOD_FIT = 0.75


def action_fit(action: str, period: Period) -> float:
    """How far the period is for the asked action: the share of the action's characters found
    in what the period is for."""
    return _share(_done(action), _what(period))


# A period for one who objects to a decision of a step (「不服复议决定的，……十五日内」) answers only a
# question that says the step was taken: 「营业执照被吊销了，多久内可以起诉」 asks the six months to sue
# directly, and 「不经过复议直接起诉」 says it was not.
_AFTER_STEP = re.compile(
    r"(?:不服|对)([\u4e00-\u9fff]{2,4}?)决定|(?:不服|对)[\u4e00-\u9fff]{0,8}?(判决|裁定)|(复议)(?:机关逾期|期满|机关决定|期限)"
)


def _step_not_taken(question: str, period: Period) -> bool:
    if not (found := _AFTER_STEP.search(period.sentence[: period.span[0]])):
        return False
    step = next(g for g in found.groups() if g).removeprefix("行政")
    said = re.sub(rf"(?:不经过|没经过|未经过?|没有|不|没)(?:申请)?(?:行政)?{step}", "", question)
    return step not in said


def _done(action: str) -> str:
    """What the asked action does, without where or under what conditions (「不经过复议直接向法院起诉」
    → 起诉): what follows the last place it is done at, else its predicate."""
    places = list(_PLACE_OF_ASKED_ACTION.finditer(action))
    done = action[places[-1].end() :] if places else action
    return predicate(done) if len(done) >= 2 else predicate(action)


def fit(question: str, chunk: StoredChunk) -> float:
    """0..1: how well a period the article sets answers a question about a period (「行政复议申请
    期限是多久」: 第二十条's 六十日 is for 提出行政复议申请, 第三十条's 五日 for 审查)."""
    return best_fit(question, chunk)[1]


def best_fit(question: str, chunk: StoredChunk) -> tuple[Period | None, float]:
    """The article's period that best answers a question about a period, and how well (0..1)."""
    (event, action), asker = split_event(asked_action(question)), asked_side(question)
    action = _past_title_words(action, chunk.title)
    # An extension's ceiling answers only a question about the extension (「……可以延长多久」).
    extending = "延长" in action
    fits = (
        (
            p,
            action_fit(action, p)
            * event_fit(event, p)
            * (not sides_differ(asker, p))
            * (0.5 if _step_not_taken(question, p) else 1.0),
        )
        for p in _periods(chunk)
        if extending or not p.extension
    )
    return max(fits, key=lambda pair: pair[1], default=(None, 0.0))


def states(period: Period, clause: str) -> bool:
    """Whether a clause of the article (as a summary cuts it) is where the period is stated."""
    said = period.sentence[period.span[0] : period.span[1]]
    return said in clause and (clause in period.sentence or _LEAD_IN.sub("", period.sentence).strip() in clause)


def _past_title_words(action: str, title: str) -> str:
    """The asked action past its opening words that the article's law is named by, when enough is
    left to tell one of its periods from another: 「行政诉讼简易程序案件举证」 of 《行政诉讼法》的解释 is
    简易程序案件举证 (its 行政诉讼 is which law, not what is done). The law's 案件 go with its name: 「复议
    案件作出决定」 of the 复议法 is 作出决定 (its 案件 left 第六十二条's 「……作出行政复议决定」 a fit of 0.67, and
    民事诉讼法第五十条's 复议 of a 回避 decision led)."""
    for n in range(min(6, len(action) - 4), 1, -1):
        if action[:n] in title:
            rest = action[n:]
            return rest[2:] if rest.startswith("案件") and len(rest) >= 6 else rest
    return action


@lru_cache(maxsize=20000)
def _periods(chunk: StoredChunk) -> tuple[Period, ...]:
    return tuple(periods_in(chunk))


def _what(period: Period) -> str:
    """What the period is for: its action, or where that is a light verb (「……之日起六个月内提出」),
    the sentence up to the period, which names it (「直接向人民法院提起诉讼的」). An extension that names
    nothing (「……三个月内审结。有特殊情况需要延长的，……可以延长一个月」) is for extending the period before it."""
    if period.extension and not period.action:
        extended = _extended(period)
        return "延长" + (_what(extended) if extended else "")
    if predicate(_MANNER.sub("", period.action, count=1)) not in _LIGHT_VERBS:
        return predicate(period.action) + _review_ends_in(period)
    before = _BASIS_CLAUSE.sub("", _LEAD_IN.sub("", period.sentence[: period.span[0]]).lstrip())
    return _COUNTED_FROM.sub("", before) + period.action


def _extended(extension: Period) -> Period | None:
    """The period of the article, before the extension, that it extends."""
    extended = None
    for period in _periods(extension.chunk):
        if (period.sentence, period.span) == (extension.sentence, extension.span):
            return extended
        if not period.extension:
            extended = period
    return None


# How a light verb's act is done says no more than the verb (「十五日内以书面方式向人民法院提出」).
_MANNER = re.compile(r"^以[^，。；]{1,8}?(?:方式|形式)")


_ACCEPTANCE = re.compile(r"(?:予以|不予)(受理|立案)")


# 「七日内进行审查，作出是否给予法律援助的决定」: the review ends in the decision the next clause names.
_DECIDED_AFTER_REVIEW = re.compile(r"^[^，。；,]*审查[，,](?:并)?(作出[^，。；,]*决定)")


def _review_ends_in(period: Period) -> str:
    """A period to review an application (「五日内进行审查」) in an article that says what is accepted
    (予以受理, 不予受理) is the period to decide whether to accept it: 复议法第三十条 (「最晚哪天决定是否
    受理」 was given 第六十二条's 六十日 to decide the case); in one that says 不予立案, whether to open a case
    (移送规定第八条's ３日). One whose next clause names the decision
    (「……七日内进行审查，作出是否给予法律援助的决定」) is the period to make it: 「机构最晚哪天作出决定」 was
    counted from 行政强制法第三十二条's 三十日."""
    if not period.action.endswith("审查"):
        return ""
    if decided := _DECIDED_AFTER_REVIEW.match(period.sentence[period.span[1] :]):
        return decided.group(1)
    return f"决定是否{accepted.group(1)}" if (accepted := _ACCEPTANCE.search(period.chunk.text)) else ""


# Verbs that say little by themselves (「六个月内提出」): what is done is named before the period. A
# verb that says it (「七日内立案」) is what the period is for, whatever the sentence said before.
_LIGHT_VERBS = {"提出", "作出", "办理", "进行", "完成", "处理", "提交"}


# Where a period is counted from is not what it is for: 「自被执行人的法定起诉期限届满之日起三个月内提出」
# is a period to apply for enforcement, not to sue.
_COUNTED_FROM = re.compile(r"自[^，。；]{0,40}?之日起")


# 「将行政复议申请书副本……发送被申请人」: what is done is 发送, the application is only what is sent;
# 「向复议机关所在地的……委员会申请作出赔偿决定」: the 复议机关 is where, what is asked is 作出赔偿决定.
_FRONTED_OBJECT = re.compile(
    r"^[将把].{2,40}?(?=发送|转送|移送|报送|送达|送交|交付|提交|抄送|退还|返还|移交|告知|通知|公布|公开|报)"
)
_PLACE_OF_ACTION = re.compile(
    r"^(?:依法)?(?:向|去|到|找).{2,40}?(?=申请|提出|提起|提交|报告|反映|缴纳|投诉|举报|申报|备案|请求|起诉|上诉|递交|报送)"
)


def predicate(action: str) -> str:
    """The action without a fronted object (将……) or the body it is done before (向……)."""
    return _PLACE_OF_ACTION.sub("", _FRONTED_OBJECT.sub("", action, count=1), count=1)


def _share(chars_of: str, within: str) -> float:
    chars = {c for c in chars_of if "\u4e00" <= c <= "\u9fff"}
    return sum(1 for c in chars if c in within) / len(chars) if chars else 0.0
