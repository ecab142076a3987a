"""A message that asks several things («复议申请期限是多久？可以口头申请吗？») is split into its
questions; each is answered with its own lead and citations, and the answers are joined into one
reply with one numbering of the citations."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.core.types import Answer, Citation
from ingest.tokenize import tokenize, words

MAX_PARTS = 3
MIN_PART_CHARS = 4
MIN_SIDE_CHARS = 6
_CJK = re.compile(r"[\u4e00-\u9fff]")
_REF = re.compile(r"\[(\d+)\]")
ORDINALS = "一二三"
_RESTATED = ("/", "／", "（", "(")
# A later question of at most two words, each one the knowledge base uses (「需要带什么证明？」, 「用什么形式？」),
# asks on about what the question before it asked. Of the project's sets and STARD's, none of 325
# refuse items and 11 of 3,586 single questions (「政府信息是指什么？」) are so short.
MAX_FOLLOW_ON_WORDS = 2


def split_questions(text: str) -> list[str]:
    """The questions of a message, split after each question mark; a fragment too short to be a
    question of its own, or a statement after the last question mark, stays with its neighbour.
    So does the same question said again: after a slash (「……吗？/……吗？」) or in brackets
    (「……吗？（……吗？）」) a question is another wording of the one before, not a new one; and a
    question of one word (「……审限是多长？能延长吗？」, 「……几审终审？由谁审理？」) asks about what the one
    before it is about, and is answered with it: alone, it found 小额诉讼's 延长."""
    parts: list[str] = []
    for piece in question_pieces(text):
        asks = piece.endswith(("？", "?"))
        if parts and (_fragment(piece) or not asks or _restates(parts[-1], piece)):
            parts[-1] += piece
        else:
            parts.append(piece)
    if len(parts) < 2 or len(parts) > MAX_PARTS:
        return [text]
    return parts


def follow_on(part: str, used: Callable[[str], bool]) -> list[str] | None:
    """The words of a question that asks on from the one before it (「……委托其他组织实施行政处罚？委托书要写什么？」:
    委托, 委托书), or None when it says more, or a word the base never uses (`used`), of its own."""
    said = [w for w in tokenize(part) if len(w) > 1]
    return said if len(said) <= MAX_FOLLOW_ON_WORDS and all(used(w) for w in said) else None


def in_context(before: str, part: str) -> str:
    """A question that asks on, asked after the question before it (「……实施行政处罚？委托书要写什么？」): the
    answer's quote then gives the follow-up's own sentence too (Answerer.lead)."""
    return before + part


def question_pieces(text: str) -> list[str]:
    """The text cut after each question mark, as asked (a statement after the last one is a piece too)."""
    return [p.strip() for p in re.split(r"(?<=[？?])", text) if p.strip()]


# 「A和B（的、对）X有什么区别」 compares two things: each side is a question of its own
# (「行政复议申请期限和行政诉讼起诉期限有什么区别」 was answered by one article about neither).
# 「不同意」 compares nothing; versions of one law are compared by the diff, not here.
_COMPARED = re.compile(
    r"^(?P<a>[^，,。；;？?]{2,30}?)(?:和|与|跟|同)(?P<b>[^，,。；;？?和与跟同]{2,30}?)"
    r"(?P<x>(?:的|对|在|关于)[^，,。；;？?]{1,20}?)?(?:之间)?(?:有什么|有何|有哪些|相比有什么|的)?"
    r"(?:区别|不同|差别|差异|异同)(?:是什么|在哪里|在哪儿|吗|呢)?[？?。]?$"
)
_CONNECTORS = ("关于", "的", "对", "在")


def compared_sides(text: str) -> list[str]:
    """The two sides of a comparison, each with what is compared (「复议和诉讼的期限有什么不同」 → 复议的期限,
    诉讼的期限); none when the message compares nothing or a side says too little to be asked alone."""
    match = _COMPARED.match(text)
    if not match:
        return []
    said = match.group("x") or ""
    aspect = next((said.removeprefix(c) for c in _CONNECTORS if said.startswith(c)), said)
    sides = [side if aspect and aspect in side else side + said for side in (match.group("a"), match.group("b"))]
    # Without what is compared, a side must say it itself (行政复议申请期限): 「行政复议与行政诉讼的区别」 asked
    # of each alone found 行政诉讼法第九十九条 (foreigners), where 复议法第十条 relates the two.
    least = MIN_PART_CHARS if said else MIN_SIDE_CHARS
    return sides if all(len(_CJK.findall(side)) >= least for side in sides) else []


def _fragment(piece: str) -> bool:
    return len(_CJK.findall(piece)) < MIN_PART_CHARS or len(words(piece)) <= 1


def _restates(before: str, piece: str) -> bool:
    unclosed = before.count("（") + before.count("(") > before.count("）") + before.count(")")
    return unclosed or piece.startswith(_RESTATED)


def _renumber(local: dict[int, int]) -> Callable[[re.Match[str]], str]:
    def one(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return f"[{local.get(n, n)}]"

    return one


def combine(question: str, parts: list[str], answers: list[Answer], said_before: Callable[[str, str], str]) -> Answer:
    """One reply: each part's answer under its question, citations numbered once across them. A part
    whose answer is the one already given to an earlier part says so (`said_before`, given that
    part's ordinal and the article cited, 「第六十七条[1]」) instead of quoting the same article again."""
    citations: list[Citation] = []
    numbers: dict[tuple[str, str], int] = {}
    blocks: list[str] = []
    given: dict[str, str] = {}  # a reply already given → the ordinal of its part
    for ordinal, (part, answer) in enumerate(zip(parts, answers, strict=True)):
        local: dict[int, int] = {}
        for citation in answer.citations:
            key = (citation.chunk_id or citation.reference(), citation.quote)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(replace(citation, n=numbers[key], cited_by=local.get(citation.cited_by, 0)))
            local[citation.n] = numbers[key]
        body = _REF.sub(_renumber(local), answer.text)
        notice = _REF.sub(_renumber(local), f"{answer.notice}\n") if answer.notice else ""
        reply = f"{notice}{body}"
        # said already: the same reply, or one an earlier reply holds whole (which also named the
        # article's counterpart in another procedure law, 「另见……的相应规定」)
        earlier = next((given[r] for r in given if reply.strip() in r), "")
        if answer.grounded and answer.citations and earlier:
            lead = answer.citations[0]
            reply = said_before(earlier, f"{lead.article or lead.section}[{local[lead.n]}]")
        given.setdefault(reply, ORDINALS[ordinal])
        blocks.append(f"（{ORDINALS[ordinal]}）{part}\n{reply}")
    return Answer(
        question=question,
        text="\n\n".join(blocks),
        grounded=any(a.grounded for a in answers),
        citations=citations,
        mode="+".join(dict.fromkeys(a.mode for a in answers)),
        evidence=[e for a in answers for e in a.evidence],
    )
