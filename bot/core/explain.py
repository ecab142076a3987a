"""Why a question's passages are ranked as they are: each one's place in the dense and BM25
rankings and its fused score, and which weighted prior, left out, would put another passage
first. For reading a wrong lead without reading the retriever (`python -m bot why`); the
answer itself may still differ (a compound question is split, a lookup is answered directly)."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from bot.core.retrieval import Retriever
from bot.core.types import Evidence

# The weighted priors of [retrieval] (config.toml), each read here by leaving it out (weight 0).
PRIORS = {
    "coverage_weight": "词覆盖",
    "answer_type_weight": "答案类型",
    "subject_weight": "主题",
    "law_prior_weight": "法律先验",
    "litigation_weight": "诉讼类别",
    "adapted_weight": "适配排名",
}


@dataclass(frozen=True)
class RankedPassage:
    label: str  # 《…》第X条, or the report's section
    score: float
    dense_rank: int  # 0: not among the dense search's candidates
    lexical_rank: int  # 0: not among BM25's candidates
    adapted_rank: int  # 0: not among the adapted question's candidates, or no adapter
    excerpt: str


@dataclass(frozen=True)
class Explanation:
    question: str
    asked: list[str]  # the kinds of fact the question asks for (answer types)
    direct: bool  # an article named in the question, looked up rather than ranked
    grounding: float  # 0..1, what refusal reads (config.toml [retrieval] min_grounding)
    passages: list[RankedPassage]
    without: dict[str, str]  # prior → the first passage with that prior left out, where it differs


def label(evidence: Evidence) -> str:
    chunk = evidence.chunk
    return f"《{chunk.title}》{chunk.article or chunk.section}"


def explain(retriever: Retriever, question: str, k: int = 10) -> Explanation:
    retrieval = retriever.retrieve(question, k=k)
    passages = [
        RankedPassage(
            label(e), e.score, e.dense_rank, e.lexical_rank, e.adapted_rank, e.chunk.text[:40].replace("\n", " ")
        )
        for e in retrieval.evidence
    ]
    direct = any(e.direct for e in retrieval.evidence)
    without: dict[str, str] = {}
    if passages and not direct:
        for prior in PRIORS:
            if not getattr(retriever.settings, prior):
                continue  # not in use: leaving it out changes nothing
            # a copy, so the shared retriever's settings are never changed under a running bot
            other = copy.copy(retriever)
            other.settings = retriever.settings.model_copy(update={prior: 0.0})
            first = other.retrieve(question, k=1).evidence
            if first and label(first[0]) != passages[0].label:
                without[prior] = label(first[0])
    asked = [t.name for t in retriever.answer_types.asked(retrieval.question.text)]
    return Explanation(question, asked, direct, retrieval.grounding, passages, without)


def render_explanation(explanation: Explanation) -> str:
    lines = [f"问题：{explanation.question}"]
    if explanation.direct:
        lines.append("问题写明了条文：直接查条，不经排序。")
    lines.append(f"答案类型：{'、'.join(explanation.asked) or '（未识别）'}；依据充分度 {explanation.grounding:.2f}")
    lines.append("排序（融合分 · 向量名次 · BM25 名次 · 适配向量名次；0 表示不在该检索的候选中）：")
    for n, p in enumerate(explanation.passages, 1):
        ranks = f"{p.dense_rank:>3} · {p.lexical_rank:>3} · {p.adapted_rank:>3}"
        lines.append(f"{n:>3}. {p.score:.4f} · {ranks}  {p.label}  {p.excerpt}")
    if not explanation.passages:
        lines.append("  （没有检索到段落）")
    elif not explanation.direct:
        changed = [f"  去掉{PRIORS[k]}（{k}）：{v} 居首" for k, v in explanation.without.items()]
        lines.append("逐项去掉加权先验后的首条：")
        lines.extend(changed or ["  去掉任何一项，首条都不变。"])
    return "\n".join(lines)
