"""Documents made under a law revised since: 《行政复议法实施条例》 (2007) says in its 第一条
「根据《中华人民共和国行政复议法》……制定本条例」, and the knowledge base holds that law as
revised in 2023. An answer citing such a document says so, and that the law prevails where the
two differ (a lower rule yields to the law it implements). Likewise a lower rule on a subject a
later law now governs: 《浙江省法律援助条例》 (2016) before 《中华人民共和国法律援助法》 (2021)."""

from __future__ import annotations

import re

from bot.core.query import AliasTable
from bot.core.subjects import subject
from ingest.index import KnowledgeIndex, StoredChunk
from ingest.manifest import DocRecord

# The basis a 第一条 names: the text between 根据 and 制定本条例 / 本规定 / 本办法 / 本解释.
_BASIS_SPAN = re.compile(r"根据(.{1,300}?)(?:制定|作出)本")
_NAMED = re.compile(r"《([^》]{2,60})》")
# Where a local rule's title names its place: 浙江省, 广西壮族自治区, 杭州市.
_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,12}?)(?:省|自治区|特别行政区|市|自治州|县)")
# Rules below a law (行政法规, 地方性法规, 部门规章): a later law on their subject prevails over them.
LOWER_KINDS = frozenset({"regulation", "local_regulation", "department_rule"})


def place_of(title: str) -> str:
    """The place a local rule's title names, without 省, 市 …: 浙江省综合行政执法条例 → 浙江 ("" if none)."""
    return found.group(1) if (found := _PLACE.match(title)) else ""


def without_place(title: str) -> str:
    """A local rule's title after the place it names: 浙江省综合行政执法条例 → 综合行政执法条例."""
    return title[found.end() :] if (found := _PLACE.match(title)) else title


def basis_titles(first_article: str, aliases: AliasTable) -> list[str]:
    """Titles, as the knowledge base has them, of the laws a document's first article says it is
    made under (「根据《中华人民共和国行政复议法》」, 「根据立法法的有关规定」)."""
    span = _BASIS_SPAN.search(first_article)
    if not span:
        return []
    text = span.group(1)
    titles = [aliases.resolve(name) for name in _NAMED.findall(text)]
    if not titles:
        titles = [aliases.find(text)[0]]
    return list(dict.fromkeys(t for t in titles if t))


def laws_named(first_article: str) -> int:
    """How many laws a document's first article says it is made under, held or not, the 宪法 aside
    (「根据《中华人民共和国刑事诉讼法》、《中华人民共和国律师法》和国务院《法律援助条例》」: 3)."""
    span = _BASIS_SPAN.search(first_article)
    if not span:
        return 0
    return max(1, sum(not name.endswith("宪法") for name in _NAMED.findall(span.group(1))))


class RevisedBasis:
    """Which documents predate the version in force of a law they were made under. Read once per
    document from its 第一条; one instance per index generation."""

    def __init__(self, index: KnowledgeIndex, aliases: AliasTable) -> None:
        self.index = index
        self.aliases = aliases
        self._known: dict[str, list[DocRecord]] = {}
        self._later_laws: dict[str, list[DocRecord]] = {}
        self._laws_by_subject: dict[str, list[DocRecord]] | None = None
        self._named: dict[str, int] = {}

    def outdated(self, doc: DocRecord) -> bool:
        return doc.status == "in_force" and bool(self.of(doc))

    def concerns(self, doc: DocRecord, law: DocRecord, text: str) -> bool:
        """Whether a passage of `doc`, a rule made under `law`, is on the law's subject: every passage
        of a rule made under that law alone or to implement it (its title says the subject: 行政复议法
        实施条例), else one that says the subject. 浙江省法律援助条例 names the 律师法 among three bases;
        its 第二十八条 (a 法律援助人员's liability) is written as the 律师法's 第五十四条 is for a lawyer,
        and is no rule of the 律师法's."""
        topic = subject(law.title)
        return self._laws_named(doc) <= 1 or topic in doc.title or topic in text

    def _laws_named(self, doc: DocRecord) -> int:
        if doc.doc_id not in self._named:
            first = self._first_article(doc)
            self._named[doc.doc_id] = laws_named(first.text) if first is not None else 0
        return self._named[doc.doc_id]

    def _first_article(self, doc: DocRecord) -> StoredChunk | None:
        return next((c for c in self.index.by_doc.get(doc.doc_id, []) if c.article_no == 1), None)

    def of(self, doc: DocRecord) -> list[DocRecord]:
        """The versions in force of `doc`'s basis laws revised in a later year than `doc`'s text."""
        if doc.doc_id not in self._known:
            self._known[doc.doc_id] = self._read(doc)
        return self._known[doc.doc_id]

    def later_laws(self, doc: DocRecord) -> list[DocRecord]:
        """Laws in force on `doc`'s subject, from a later year than `doc`, when `doc` is a rule below
        a law: 《浙江省法律援助条例》 (2016) → 《中华人民共和国法律援助法》 (2021). The law prevails
        where the two differ, whatever `doc` says it was made under."""
        if doc.doc_id not in self._later_laws:
            self._later_laws[doc.doc_id] = self._read_later(doc) if doc.kind in LOWER_KINDS else []
        return self._later_laws[doc.doc_id]

    def _read_later(self, doc: DocRecord) -> list[DocRecord]:
        if self._laws_by_subject is None:  # read once per index generation
            self._laws_by_subject = {}
            for law in self.index.documents:
                if law.kind == "law" and law.status == "in_force":
                    self._laws_by_subject.setdefault(subject(law.title), []).append(law)
        made = _year(doc)
        return [law for law in self._laws_by_subject.get(_PLACE.sub("", subject(doc.title)), []) if _year(law) > made]

    def _read(self, doc: DocRecord) -> list[DocRecord]:
        first = self._first_article(doc)
        made = _year(doc)
        if first is None or not made:
            return []
        revised: list[DocRecord] = []
        for title in basis_titles(first.text, self.aliases):
            current = self.index.edition(title)
            # Every law is made under the 宪法; its amendments say nothing of one rule's age.
            if title == doc.title or not current or current[0].title.endswith("宪法"):
                continue
            law = current[0]
            if law.status == "in_force" and _year(law) > made:
                revised.append(law)
        return revised


def _year(doc: DocRecord) -> int:
    """The year of the text held: its version (2022 for 地方组织法 as amended in 2022, whose
    effective date is still the original 1980-01-01), else the year it took effect."""
    for value in (doc.version, doc.effective):
        if value[:4].isdigit():
            return int(value[:4])
    return 0
