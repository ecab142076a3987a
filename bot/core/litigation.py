"""Whether a question about going to court concerns a civil or an administrative case, by its words
(a regression learned from our question sets: `python -m ingest.learn_litigation`). The 民事诉讼法 and
the 行政诉讼法 give parallel rules on 传票, 证据, 判决书 and 执行; a citizen asking 「对方不执行判决……」
means the first, 「告政府……」 the second."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from bot.core.arrays import read_arrays
from ingest.errors import ConfigError
from ingest.learn_litigation import ADMINISTRATIVE, CIVIL, court_family

# A question about going to court says so (告 as in 告政府, not 告知, 报告 or 公告). One that does not
# — 「简易程序的案件能不能转成普通程序」 asked of 复议 — is not pulled toward either court's procedure:
# five folds of the development parts, staff lead 0.902 → 0.905, citizens' unchanged.
_COURT = re.compile(r"法院|法庭|法官|官司|起诉|诉讼|判决|裁定|开庭|上诉|再审|传票|(?<![报公警宣通转预])告(?![知诉示])")


def about_court(question: str) -> bool:
    return bool(_COURT.search(question))


# Which court hears a case (「别人把我撞伤了，我该去哪个法院起诉」): the procedure laws' jurisdiction rules answer it,
# whatever law the case itself is under.
# 「去哪里起诉」 asks the same as 「去哪个法院起诉」 (告 alone is not: 「工资拖欠去哪里告」 may be arbitration's).
_WHICH_COURT = re.compile(
    r"(?:哪个|哪家|哪一个|哪里的|哪儿的|哪个地方的|什么地方的)(?:人民)?法院|(?:去|到|在|向)(?:哪里|哪儿|哪)(?:起诉|打官司|提起诉讼)"
)


def asks_which_court(question: str) -> bool:
    return bool(_WHICH_COURT.search(question))


def asks_reconsideration_alone(question: str) -> bool:
    """Whether a question asks of 复议 and of no court."""
    return "复议" in question and not about_court(question)


def court_rule_without_reconsideration(title: str, text: str) -> bool:
    """Whether a passage is a rule of the administrative courts (the 行政诉讼法 or its interpretation)
    that never says 复议: no answer to a question about 复议 alone (「紧急情况下……行政机关不履行的，复议申请期限
    受不受限制」 was led by 行政诉讼法第四十七条, 提起诉讼不受前款规定的限制, before 实施条例第十六条, whose
    行政复议申请期限 it is)."""
    return "行政诉讼" in title and "复议" not in text


class LitigationRouter:
    def __init__(self, words: list[str], weights: np.ndarray, bias: float) -> None:
        self._weight = dict(zip(words, (float(w) for w in weights), strict=True))
        self._bias = bias

    @classmethod
    def load(cls, path: Path) -> LitigationRouter | None:
        """None when the table is not there (the preference is off); an error when it is unreadable."""
        if not path.is_file():
            return None
        table = read_arrays(path, ("words", "weights", "bias"), "诉讼类别表")
        words = [str(w) for w in table["words"]]
        weights, bias = table["weights"].astype(np.float64), table["bias"].astype(np.float64)
        if weights.shape != (len(words),) or bias.shape != (1,):
            raise ConfigError(f"诉讼类别表 {path} 有误：权重与词表不符")
        return cls(words, weights, float(bias[0]))

    def civil_share(self, words: Iterable[str]) -> float:
        """0..1: how likely a question in these words is about a civil case rather than an administrative one."""
        logit = self._bias + sum(self._weight.get(w, 0.0) for w in set(words))
        return 1.0 / (1.0 + math.exp(-logit))

    def factor(self, title: str, civil_share: float, weight: float) -> float:
        """× for a passage of `title`: up for the procedure the question is likelier about, down for
        the other, by at most weight / 2; 1 for titles of neither. (Only down for the less likely
        one, which leaves a 复议 article level with the likelier court's, read lower on five folds
        of the development parts: citizens' cited recall@3 0.774 against 0.791.)"""
        family = court_family(title)
        if family == CIVIL:
            return 1.0 + weight * (civil_share - 0.5)
        if family == ADMINISTRATIVE:
            return 1.0 + weight * (0.5 - civil_share)
        return 1.0
