"""新旧对照: align a superseded text with the one in force, article by article, by content."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from bot.core.answer import InvalidQuestionError
from bot.core.query import expand, looks_like_law_title
from bot.core.services import Services
from bot.core.textsim import bigrams, cosine_matrix
from bot.core.types import Answer, Citation, Evidence
from ingest.index import StoredChunk
from ingest.manifest import DocRecord
from ingest.tokenize import tokenize

# Below this similarity two articles are not the same provision.
MIN_SIMILARITY = 0.5
_NUMBER_PREFIX = re.compile(r"^第[零〇一二三四五六七八九十百千两\d]+条\s*")


@dataclass(frozen=True)
class Article:
    label: str  # 第二十条
    number: int
    text: str  # whole article, parts joined
    chunk: StoredChunk

    @property
    def body(self) -> str:
        return _NUMBER_PREFIX.sub("", self.text)


@dataclass(frozen=True)
class Pair:
    kind: str  # unchanged · renumbered · changed · added · removed
    old: Article | None
    new: Article | None
    similarity: float = 0.0

    def marked_change(self, ins: tuple[str, str] = ("【+", "】"), dele: tuple[str, str] = ("【-", "】")) -> str:
        """The new wording with insertions and deletions marked."""
        if self.old is None or self.new is None:
            return ""
        a, b = self.old.body, self.new.body
        out: list[str] = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op == "equal":
                out.append(b[j1:j2])
            if op in ("delete", "replace"):
                out.append(f"{dele[0]}{a[i1:i2]}{dele[1]}")
            if op in ("insert", "replace"):
                out.append(f"{ins[0]}{b[j1:j2]}{ins[1]}")
        return "".join(out)


@dataclass(frozen=True)
class Unit:
    """A 款, or one 项 of a 款 (with the 款's lead-in, which gives the item its sense)."""

    article: Article
    paragraph: int  # 1-based 款
    item: str  # （二）, or "" for a whole 款
    text: str

    @property
    def place(self) -> str:
        return f"{self.article.label}第{_CN[self.paragraph]}款{self.item}"


@dataclass(frozen=True)
class Move:
    """Content of an old article that the article alignment left unmatched, found in part of a
    new article: moved (旧第三十条第一款 → 新第二十三条第一款（二）), or merged into it."""

    old: Unit
    new: Unit
    similarity: float


@dataclass
class Comparison:
    title: str
    old_doc: DocRecord
    new_doc: DocRecord
    pairs: list[Pair] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Pair]:
        return [p for p in self.pairs if p.kind == kind]

    def for_new(self, label: str) -> Pair | None:
        return next((p for p in self.pairs if p.new and p.new.label == label), None)

    def moves_from(self, label: str) -> list[Move]:
        return [m for m in self.moves if m.old.article.label == label]

    def moves_into(self, label: str) -> list[Move]:
        return [m for m in self.moves if m.new.article.label == label]


def _articles(services: Services, doc: DocRecord) -> list[Article]:
    grouped: dict[int, list[StoredChunk]] = {}
    for chunk in services.index.by_doc.get(doc.doc_id, []):
        if chunk.article_no:
            grouped.setdefault(chunk.article_no, []).append(chunk)
    return [
        Article(parts[0].article, number, "\n".join(p.text for p in parts), parts[0])
        for number, parts in sorted(grouped.items())
    ]


_CN = "零一二三四五六七八九十"
_ITEM = re.compile(r"^（[一二三四五六七八九十]+）")
# Below this similarity a 款 of a removed article is not found in a new one.
MIN_MOVE_SIMILARITY = 0.55


def units(article: Article) -> list[Unit]:
    """An article's 款 and 项: a paragraph that opens with （一） is an item of the 款 before it."""
    paragraphs: list[list[str]] = []
    for line in (x.strip() for x in _NUMBER_PREFIX.sub("", article.text).split("\n")):
        if not line:
            continue
        if _ITEM.match(line) and paragraphs:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    out: list[Unit] = []
    for n, (lead, *items) in enumerate(paragraphs[: len(_CN) - 1], start=1):
        out.append(Unit(article, n, "", "".join([lead, *items])))
        out += [Unit(article, n, m[0], lead + item) for item in items if (m := _ITEM.match(item))]
    return out


def _moves(removed: list[Article], new: list[Article]) -> list[Move]:
    """Each 款 of a removed article, placed in the 款 or 项 of a new article it is most like."""
    targets = [u for a in new for u in units(a)]
    sources = [u for a in removed for u in units(a) if not u.item]
    if not targets or not sources:
        return []
    scores = cosine_matrix([bigrams(u.text) for u in sources], [bigrams(u.text) for u in targets])
    moves = []
    for unit, row in zip(sources, scores, strict=True):
        best = int(np.argmax(row))  # the first of equals, as before
        if row[best] >= MIN_MOVE_SIMILARITY:
            moves.append(Move(unit, targets[best], float(row[best])))
    return moves


def versions_of(services: Services, title: str) -> tuple[DocRecord, DocRecord] | None:
    docs = [d for d in services.index.documents if d.title == title]
    old = max((d for d in docs if d.status == "superseded"), key=lambda d: d.version, default=None)
    new = max((d for d in docs if d.status == "in_force"), key=lambda d: d.version, default=None)
    return (old, new) if old and new else None


def compare_versions(services: Services, name: str) -> Comparison:
    title = services.retriever.aliases.resolve(name) if name.strip() else ""
    if not title and looks_like_law_title(name):  # 「治安管理处罚法」: a law the base does not hold
        raise InvalidQuestionError(services.templates.message("document_not_found", name=name.strip()))
    if not title:
        raise InvalidQuestionError(services.templates.message("diff_needs_name", comparable=comparable(services)))
    pair = versions_of(services, title)
    if pair is None:
        raise InvalidQuestionError(single_version(services, title))
    return _compare(services, title, *pair)


def comparable(services: Services) -> str:
    """The documents the base holds in two versions: what /diff and a 「有什么变化」 question can compare."""
    with_two = sorted({d.title for d in services.index.documents if versions_of(services, d.title)})
    return "、".join(f"《{t}》" for t in with_two) or "（无）"


def single_version(services: Services, title: str) -> str:
    """What to say when a change is asked of a document the base holds in one version only."""
    doc = max((d for d in services.index.documents if d.title == title), key=lambda d: d.version)
    return services.templates.message("single_version", label=doc.edition_label, comparable=comparable(services))


def _compare(services: Services, title: str, old_doc: DocRecord, new_doc: DocRecord) -> Comparison:
    return _cached_compare(services, title, old_doc.doc_id, new_doc.doc_id, old_doc.sha256, new_doc.sha256)


@lru_cache(maxsize=16)
def _cached_compare(
    services: Services, title: str, old_id: str, new_id: str, _old_sha: str, _new_sha: str
) -> Comparison:
    docs = {d.doc_id: d for d in services.index.documents}
    old_doc, new_doc = docs[old_id], docs[new_id]
    old, new = _articles(services, old_doc), _articles(services, new_doc)
    from scipy.optimize import linear_sum_assignment  # here: 0.6 s of import that cold start does not need

    similarity = cosine_matrix([bigrams(a.body) for a in old], [bigrams(a.body) for a in new])
    rows, cols = linear_sum_assignment(-similarity)
    matched_old: set[int] = set()
    matched_new: set[int] = set()
    pairs: list[Pair] = []
    for i, j in zip(rows, cols, strict=True):
        score = float(similarity[i, j])
        if score < MIN_SIMILARITY:
            continue
        matched_old.add(i)
        matched_new.add(j)
        same = re.sub(r"\s+", "", old[i].body) == re.sub(r"\s+", "", new[j].body)
        kind = ("unchanged" if old[i].number == new[j].number else "renumbered") if same else "changed"
        pairs.append(Pair(kind, old[i], new[j], score))
    pairs += [Pair("added", None, new[j]) for j in range(len(new)) if j not in matched_new]
    pairs += [Pair("removed", old[i], None) for i in range(len(old)) if i not in matched_old]
    pairs.sort(key=lambda p: p.new.number if p.new else 10_000 + (p.old.number if p.old else 0))
    moves = _moves([old[i] for i in range(len(old)) if i not in matched_old], new)
    return Comparison(title, old_doc, new_doc, pairs, moves)


_KIND_LABELS = {
    "added": "新增",
    "removed": "删除",
    "changed": "修改",
    "renumbered": "条号变动、内容未变",
    "unchanged": "未变",
}


def _headline(c: Comparison) -> str:
    counts = "，".join(
        f"{_KIND_LABELS[k]} {len(c.of_kind(k))} 条" for k in ("added", "removed", "changed", "renumbered", "unchanged")
    )
    moved = f"；另有 {len(c.moves)} 款移入其他条文" if c.moves else ""
    return (
        f"《{c.title}》新旧对照：旧版 {c.old_doc.edition or c.old_doc.version}（{c.old_doc.source}）→ "
        f"现行 {c.new_doc.edition or c.new_doc.version}（{c.new_doc.source}）\n{counts}{moved}"
    )


def _move_line(m: Move) -> str:
    return f"旧{m.old.place} → 移入新{m.new.place}（相似度 {m.similarity:.2f}）"


def _removed_line(c: Comparison, p: Pair, limit: int) -> str:
    assert p.old is not None
    moved = "、".join(f"第{_CN[m.old.paragraph]}款移入新{m.new.place}" for m in c.moves_from(p.old.label))
    note = f"（{moved}）" if moved else ""
    return f"旧{p.old.label}{note}：{fold(p.old.body, limit, _law_command(c, p.old, old=True))}"


def to_text(c: Comparison, limit: int | None = None) -> str:
    lines = [_headline(c)]
    if c.moves:
        lines.append("\n【移入其他条文】")
        lines += [_move_line(m) for m in c.moves]
    shown = 0
    for kind in ("added", "removed", "renumbered", "changed"):
        pairs = c.of_kind(kind)
        if not pairs:
            continue
        lines.append(f"\n【{_KIND_LABELS[kind]}】")
        for p in pairs:
            if limit is not None and shown >= limit:
                lines.append(f"……其余见附件（共 {len(c.pairs)} 项）")
                return "\n".join(lines)
            shown += 1
            if kind == "added" and p.new:
                lines.append(f"新{p.new.label}：{fold(p.new.body, 80, _law_command(c, p.new))}")
            elif kind == "removed" and p.old:
                lines.append(_removed_line(c, p, 80))
            elif p.old and p.new:
                change = f"：{fold(p.marked_change(), 160, _law_command(c, p.new))}" if kind == "changed" else ""
                lines.append(f"旧{p.old.label} → 新{p.new.label}{change}")
    return "\n".join(lines)


def fold(text: str, limit: int, whole: str) -> str:
    """Statute text never cut silently: a long text ends at a clause boundary within the limit,
    marked 「……」 and pointed to where the whole of it is."""
    text = text.replace("\n", " ")
    if len(text) <= limit:
        return text
    cut = max(text.rfind(mark, 0, limit) for mark in "。；，、：")
    head = text[: cut + 1] if cut >= limit // 3 else text[:limit]
    return f"{head}……（全文见 {whole}）"


def _law_command(c: Comparison, article: Article, old: bool = False) -> str:
    name = c.title.removeprefix("中华人民共和国")
    return f"/law {name} {c.old_doc.version + ' ' if old else ''}{article.label}"


def to_compact_text(c: Comparison) -> str:
    """Fits one chat message: which articles were added, removed, moved or changed."""
    lines = [_headline(c)]
    for kind in ("added", "removed"):
        pairs = c.of_kind(kind)
        if pairs:
            labels = [(p.new or p.old).label for p in pairs if (p.new or p.old)]  # type: ignore[union-attr]
            lines.append(f"\n【{_KIND_LABELS[kind]}】" + "、".join(labels))
    if c.moves:
        lines.append("\n【移入其他条文】" + "；".join(_move_line(m) for m in c.moves))
    moved = [p for p in c.pairs if p.kind in ("changed", "renumbered") and p.old and p.new]
    if moved:
        lines.append("\n【对应关系（旧 → 新，*为内容有修改）】")
        lines.append(
            "；".join(
                f"旧{p.old.label} → 新{p.new.label}{'*' if p.kind == 'changed' else ''}"  # type: ignore[union-attr]
                for p in moved
            )
        )
    lines.append("\n逐条修改内容见附件对照表。")
    return "\n".join(lines)


def to_markdown(c: Comparison) -> str:
    lines = [
        f"# {_headline(c).splitlines()[0]}",
        "",
        _headline(c).splitlines()[1],
        "",
        "| 类型 | 旧条文 | 新条文 | 相似度 | 内容（~~删除~~ **新增**） |",
        "|---|---|---|---|---|",
    ]
    for p in c.pairs:
        if p.kind == "changed":
            content = p.marked_change(ins=("**", "**"), dele=("~~", "~~"))
        else:
            content = (p.new or p.old).body if (p.new or p.old) else ""  # type: ignore[union-attr]
        cell = content.replace("|", "｜").replace("\n", "<br>")
        lines.append(
            f"| {_KIND_LABELS[p.kind]} | {p.old.label if p.old else ''} | {p.new.label if p.new else ''} "
            f"| {p.similarity:.2f} | {cell} |"
        )
    for m in c.moves:
        cell = m.old.text.replace("|", "｜")
        lines.append(f"| 移入 | {m.old.place} | {m.new.place} | {m.similarity:.2f} | {cell} |")
    return "\n".join(lines) + "\n"


@dataclass
class _Story:
    """One provision's change: an article pair (or an added / removed article) with the 款 that
    moved into or out of it, and how strongly the question's evidence points at it."""

    pair: Pair
    moves: list[Move]
    weight: float = 0.0

    def says(self, words: list[str]) -> bool:
        """Whether either side of the change, or a 款 moved with it, says one of the words."""
        moved = [article for m in self.moves for article in (m.old.article, m.new.article)]
        sides = [self.pair.old, self.pair.new, *moved]
        return any(word in side.text for side in sides if side for word in words)


def _stories(c: Comparison, evidence: list[Evidence]) -> list[_Story]:
    """The changes the question is about: every article of either version in the evidence, with
    its counterpart, ranked by the best evidence score of either side (a sum put a change found on
    both sides, 和解 for 「……复议前置有什么变化」, before the 复议前置 list, new in 2023 and found once);
    those within half of the best."""
    score: dict[tuple[str, str], float] = {}
    for e in evidence:
        if e.chunk.article and e.chunk.doc_id in (c.old_doc.doc_id, c.new_doc.doc_id):
            side = "old" if e.chunk.doc_id == c.old_doc.doc_id else "new"
            score[(side, e.chunk.article)] = max(score.get((side, e.chunk.article), 0.0), e.score)
    stories: dict[int, _Story] = {}
    for pair in c.pairs:
        moves = (c.moves_into(pair.new.label) if pair.new else []) + (c.moves_from(pair.old.label) if pair.old else [])
        own = {("old", pair.old.label) if pair.old else ("", ""), ("new", pair.new.label) if pair.new else ("", "")}
        if not own & score.keys():
            continue  # reached only through a moved 款: told with the pair the question is about
        sides = own | {("old", m.old.article.label) for m in moves} | {("new", m.new.article.label) for m in moves}
        stories[id(pair)] = _Story(pair, moves, max(score.get(side, 0.0) for side in sides))
    told: list[_Story] = []
    for story in sorted(stories.values(), key=lambda s: -s.weight):
        if story.moves and any(set(story.moves) <= set(t.moves) for t in told):
            continue  # the other end of a move already told (旧第三十条 → 新第二十三条)
        if story.weight >= 0.5 * (told[0].weight if told else story.weight):
            told.append(story)
    return told[:3]


# A word most of the law's articles say (申请, 机关 in the 复议法) names no topic of it.
TOPIC_MAX_SHARE = 0.3
# How a change question names the editions, not the topic: 新修订的, 2023年修订的, 新法.
_EDITION_WORDS = re.compile(r"新修订的?|修订后的?|(?:19|20)\d{2}年?(?:修订|修正)?的?|新法|旧法|现行|原来的?")


def topic_words(services: Services, question: str, comparison: Comparison) -> list[str]:
    """What a change question asks about (「……在复议前置方面有什么变化」: 复议前置, searched as the statutes
    say it, 先 …… 再): the question's words, and the statute words for its everyday ones, that some
    but not most articles of the law's two versions say. None: the question names no topic."""
    rest = _EDITION_WORDS.sub(" ", _WHAT_CHANGED.sub(" ", question))
    _, written = services.retriever.aliases.find(rest)
    rest = rest.replace(written, " ") if written else rest
    texts = [a.text for p in comparison.pairs for a in (p.old, p.new) if a]
    words = []
    for word in dict.fromkeys(expand(tokenize(rest), rest, services.retriever.synonyms)):
        share = sum(word in text for text in texts) / max(1, len(texts))
        if 0 < share <= TOPIC_MAX_SHARE:
            words.append(word)
    return words


def compare_answer(services: Services, question: str, evidence: list[Evidence]) -> Answer | None:
    """A question about what changed (新法对申请期限有什么变化？ …在复议前置方面有什么变化？): the
    provisions on that topic in both versions, each with its counterpart (moved 款 included),
    cited, with the difference stated. None when no versioned article is found."""
    for e in evidence[:5]:
        versions = versions_of(services, e.chunk.title) if e.chunk.article else None
        if versions is None:
            continue
        comparison = _compare(services, e.chunk.title, *versions)
        topic = topic_words(services, question, comparison)
        stories = [s for s in _stories(comparison, evidence[:12]) if not topic or s.says(topic)]
        if not stories:
            continue
        old_ed, new_ed = versions[0].edition or versions[0].version, versions[1].edition or versions[1].version
        citations: list[Citation] = []
        texts = [_tell(story, old_ed, new_ed, citations) for story in stories]
        text = (
            texts[0]
            if len(texts) == 1
            else "与这一问题相关的修改：\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(texts, 1))
        )
        notice = services.templates.message("compare_notice", old=old_ed, new=new_ed)
        return Answer(question=question, text=text, grounded=True, citations=citations, notice=notice)
    return None


# 「……有什么变化」, 「修改了哪些内容」: what changed, asked of a whole law.
_WHAT_CHANGED = re.compile(
    r"(?:有|作了|做了)?(?:哪些|什么|何)(?:主要)?(?:变化|修改|改动|调整|不同|区别)"
    r"|(?:修改|修订|改)了(?:哪些|什么)(?:内容|地方)?|新旧(?:对照|对比|区别)|变化在哪"
)
# What else such a question says without naming a topic: 新修订的, 与旧法相比, 2023年, 的 …
_NO_TOPIC = re.compile(
    r"^(?:新修订的?|修订后的?|新的?|这次|本次|此次|最新|现行|(?:与|和|跟)?(?:旧版|旧法|以前|原来|过去)(?:相比|比)?"
    r"|(?:19|20)\d{2}年?(?:版|修订|修正)?的?|的|了|吗|呢|主要|都|有|[？?。！!，,\s《》])*$"
)


def overview_answer(services: Services, question: str) -> Answer | None:
    """「新修订的行政复议法有什么变化？」 asked of the whole law (no topic named): the counts and the
    articles added, removed, moved and changed, with where to read each change. None for other
    questions (「……在复议前置方面有什么变化」 is answered from the provisions on that topic)."""
    # Every message passes here before its search: the cheap pattern first, the alias scan after.
    if not (asked := _WHAT_CHANGED.search(question)):
        return None
    title, written = services.retriever.aliases.find(question)
    if not title:
        return None
    rest = question.replace(written, " ", 1).replace(asked.group(0), " ", 1)
    if not _NO_TOPIC.match(rest):
        return None
    if (pair := versions_of(services, title)) is None:
        # 「法律援助法有哪些变化」 of a law held in one edition was answered with its 第十二条
        return Answer(question=question, text=single_version(services, title), grounded=False, mode="scope")
    comparison = _compare(services, title, *pair)
    name = title.removeprefix("中华人民共和国")
    body = to_compact_text(comparison).rsplit("\n", 1)[0]  # all but the pointer to the attachment
    text = body + "\n\n" + services.templates.message("overview_footer", name=name)
    old_ed, new_ed = pair[0].edition or pair[0].version, pair[1].edition or pair[1].version
    notice = services.templates.message("compare_notice", old=old_ed, new=new_ed)
    return Answer(question=question, text=text, grounded=True, notice=notice, mode="compare")


def _cite(citations: list[Citation], article: Article) -> str:
    """[n] of the article, citing it if it is not cited yet."""
    for citation in citations:
        if citation.chunk_id == article.chunk.chunk_id:
            return f"[{citation.n}]"
    citations.append(Citation.from_chunk(len(citations) + 1, article.chunk, quote=article.text))
    return f"[{len(citations)}]"


def _tell(story: _Story, old_ed: str, new_ed: str, citations: list[Citation]) -> str:
    pair = story.pair
    old = _cite(citations, pair.old) if pair.old else ""  # cited in the order the text names them
    new = _cite(citations, pair.new) if pair.new else ""
    moved = "；".join(
        f"旧版本{m.old.place}{_cite(citations, m.old.article)}的内容"
        f"移入现行{m.new.place}{_cite(citations, m.new.article)}"
        for m in story.moves
    )
    moved = f"（{moved}）" if moved else ""
    if pair.kind == "added" and pair.new:
        origin = "" if story.moves else "，旧版本没有对应规定"
        return f"现行版本（{new_ed}）{pair.new.label}为新增条文{origin}{moved}。{new}"
    if pair.kind == "removed" and pair.old:
        rest = "其余内容" if story.moves else ""
        return f"旧版本（{old_ed}）{pair.old.label}{moved}{rest}在现行版本（{new_ed}）中已无对应条文。{old}"
    if pair.old and pair.new and pair.kind in ("unchanged", "renumbered"):
        renumbered = "，仅条号变动" if pair.kind == "renumbered" else ""
        same = f"与现行版本（{new_ed}）{pair.new.label}{new}内容相同{renumbered}"
        return f"旧版本（{old_ed}）{pair.old.label}{old}{same}。"
    assert pair.old and pair.new
    return (
        f"旧版本（{old_ed}）{pair.old.label}{old}对应现行版本（{new_ed}）{pair.new.label}{new}，内容有修改"
        f"（【+新增】【-删除】）{moved}：\n{pair.marked_change()}"
    )
