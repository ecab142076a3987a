"""What a document is about, read from its title: 《中华人民共和国行政复议法》 is about 行政复议,
《人民调解法》 about 人民调解. A question that names the subject (「复议期间…」, 「调解达成协议后…」)
without naming the law still points at it; the Zhejiang 《法律援助条例》 fits 「法律援助」 less than the
national 《法律援助法》, since its title says more (浙江省) that the question does not."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable

# The parts of a title that name its rank, not its subject.
_STATE = re.compile(r"^中华人民共和国")
_FORM = re.compile(r"(?:实施条例|实施细则|实施办法|暂行条例|条例|规定|办法|细则|规则|解释|决定|法)$")
# The law a judicial interpretation applies (最高人民法院关于适用《中华人民共和国行政诉讼法》的解释).
APPLIED_LAW = re.compile(r"^最高人民法院关于(?:适用|执行)《([^》]+)》")
_PUNCTUATION = re.compile(r"[\s《》（）()〔〕\[\]“”、，,.·\d]")


def _bigrams(text: str) -> set[str]:
    text = _PUNCTUATION.sub("", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def subject(title: str) -> str:
    return _FORM.sub("", _STATE.sub("", title.strip()))


# A law's forms as its name ends, to find its subject said in a question: 暂行规定 and 暂行办法 are
# forms too, and they are stripped twice (专利法实施细则 → 专利法 → 专利), where subject() keeps the
# 专利法 its bigram fit reads.
_LAW_FORM = re.compile(r"(?:实施条例|实施细则|实施办法|暂行条例|暂行规定|暂行办法|条例|规定|办法|法)$")


def law_subject(title: str) -> str:
    """What a law's title says it governs: 中华人民共和国个人所得税法 → 个人所得税."""
    said = _STATE.sub("", title)
    for _ in range(2):
        said = _LAW_FORM.sub("", said)
    return said


class TitleSubjects:
    """Character bigrams of each title's subject, weighted by how few titles share them (行政 is in
    most titles here and says little; 复议 in three)."""

    def __init__(self, titles: Iterable[str]) -> None:
        grams = {title: _bigrams(subject(title)) for title in set(titles)}
        frequency = Counter(g for gs in grams.values() for g in gs)
        count = len(grams)
        # Each title's subject as people say it: 行政诉讼 for the law and for its interpretation.
        self._named = {
            title: law_subject(applied.group(1) if (applied := APPLIED_LAW.match(title)) else title) for title in grams
        }
        self._weights = {
            title: {g: math.log((count + 1) / (frequency[g] + 0.5)) for g in gs} for title, gs in grams.items()
        }

    def fit(self, question: str, title: str) -> float:
        """0..1: how telling the most telling part of the title's subject that the question says is
        (复议 for 行政复议: a caller says 复议, seldom 行政复议), against the title's most telling part."""
        return self.fits(question)(title)

    def fits(self, question: str) -> Callable[[str], float]:
        """`fit` for one question over many titles: the question is read once, each title once."""
        said = _bigrams(question)
        known: dict[str, float] = {}

        def fit(title: str) -> float:
            if title not in known:
                weights = self._weights.get(title, {})
                best = max(weights.values(), default=0.0)
                telling = max((w for g, w in weights.items() if g in said), default=0.0)
                known[title] = telling / best if best > 0 else 0.0
            return known[title]

        return fit

    def said_of(self, question: str, title: str) -> bool:
        """Whether the question says, whole, the subject of the title's law or one that subject holds
        (法律援助 for 浙江省法律援助条例): 「农民工讨工钱能申请法律援助吗」 is asked of 法律援助."""
        own = self._named.get(title, "")
        return any(len(s) >= 4 and s in question and s in own for s in self._named.values())

    def contradicted(self, question: str) -> Callable[[str], bool]:
        """Whether a title's subject is a sibling of one the question says (「行政诉讼中申请财产保全」
        says 行政诉讼: 民事诉讼法 governs another 诉讼), and not itself said. `question` is the question
        with the statute words of its everyday ones (行政官司 says 行政诉讼)."""
        said = {subject for subject in self._named.values() if subject in question}

        def contradicted(title: str) -> bool:
            own = self._named.get(title, "")
            return (
                len(own) >= 4
                and own not in question
                and any(s[-2:] == own[-2:] and s not in own and own not in s for s in said)
            )

        return contradicted
