"""Generative answers through langchain's chat-model interface, checked before they are shown:
every [n] must name a passage that was given, every quotation (any quote marks) must stand
verbatim in one, and every sentence that cites a passage must be supported by it: its words and
figures found there, no negation or absolute the passage does not state."""

from __future__ import annotations

import logging
import os
import re
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, replace

from langchain_core.language_models.chat_models import BaseChatModel

from bot.core.prompts import Templates
from bot.core.retrieval import Retrieval
from bot.core.types import Answer, Citation, join_notices
from ingest.errors import ConfigError
from ingest.settings import Settings
from ingest.tokenize import words as claim_words

log = logging.getLogger(__name__)
_REF = re.compile(r"\[(\d+)\]")
# Every way a model marks a quotation: 「」 『』 “” ‘’ "" '' ＂＂.
_QUOTE = re.compile(
    r"「([^」]{2,})」|『([^』]{2,})』|“([^”]{4,})”|‘([^’]{4,})’|\"([^\"]{4,})\"|＂([^＂]{4,})＂|'([^']{4,})'"
)
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
# Words that turn a rule around or make it absolute: a claim may use one only where its passage does.
_POLARITY = tuple("不得 不予 不能 不可 不必 无须 无需 禁止 免予 一律 必须 只能 均不 不".split())
MIN_SUPPORT = 0.6
_NO_BASIS = "知识库中未找到相关依据"
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Figures a reader acts on: 六十日, 15日, 三个月, 20个工作日, 2年, 97%.
_FIGURE = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百零两]+)(?:个工作日|个月|日|天|年|%|％|次|倍)")
MIN_CONTENT_CHARS = 6
PASSAGES_IN_PROMPT = 5


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    reason: str = ""
    cited: tuple[int, ...] = ()


def check_reply(reply: str, passages: list[str]) -> CheckResult:
    """The citation, quote and claim check. Pure, so it is tested on its own."""
    numbers = [int(n) for n in _REF.findall(reply)]
    invalid = sorted({n for n in numbers if not 1 <= n <= len(passages)})
    if invalid:
        return CheckResult(False, f"引用了不存在的编号 {invalid}")
    if not numbers:
        return CheckResult(False, "没有标注任何引用编号")
    if len(_CJK.findall(_REF.sub("", reply))) < MIN_CONTENT_CHARS:
        return CheckResult(False, "回答没有实质内容")
    for match in _QUOTE.finditer(reply):
        quote = next(g for g in match.groups() if g)
        if not any(quote in p for p in passages):
            return CheckResult(False, f"引文与原文不符：「{quote[:30]}」")
    cited_text = "".join(passages[n - 1] for n in set(numbers))
    for figure in _FIGURE.findall(reply):
        if figure not in cited_text:
            return CheckResult(False, f"数字“{figure}”不见于所引条文")
    for sentence in _SENTENCE.findall(reply):
        refs = {int(n) for n in _REF.findall(sentence)}
        if refs:
            problem = unsupported(_REF.sub("", sentence), "".join(passages[n - 1] for n in refs))
            if problem:
                return CheckResult(False, problem)
    return CheckResult(True, cited=tuple(dict.fromkeys(numbers)))


def unsupported(claim: str, passage: str) -> str:
    """Why the passage does not support the claim, or '' when it does."""
    bare = _QUOTE.sub(lambda m: next(g for g in m.groups() if g), claim)
    for word in _POLARITY:
        if word in bare and word not in passage:
            return f"“{word}”不见于所引条文：「{bare.strip()[:30]}」"
    words = list(dict.fromkeys(claim_words(bare)))
    if not words:
        return ""
    found = sum(1 for w in words if w in passage)
    if found / len(words) < MIN_SUPPORT:
        missing = "、".join(w for w in words if w not in passage)[:40]
        return f"论断缺乏所引条文支持（{missing}）：「{bare.strip()[:30]}」"
    return ""


class Generator:
    def __init__(self, model: BaseChatModel, templates: Templates, timeout_s: float = 60.0) -> None:
        self.model = model
        self.templates = templates
        self.timeout_s = timeout_s
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="chat-model")

    @classmethod
    def from_settings(cls, settings: Settings, templates: Templates) -> Generator:
        from langchain_openai import ChatOpenAI

        llm = settings.llm
        if not llm.base_url or not llm.model:
            raise ConfigError('answer.mode = "llm" 需要在 [llm] 中设置 base_url 和 model')
        api_key = os.environ.get(llm.api_key_env, "not-needed")
        model = ChatOpenAI(
            base_url=llm.base_url,
            model=llm.model,
            api_key=api_key,  # type: ignore[arg-type]
            temperature=llm.temperature,
            timeout=llm.timeout_s,
            max_retries=0,  # the timeout is the user's whole wait, not a wait per try
        )
        return cls(model, templates, llm.timeout_s)

    def complete(self, prompt: str) -> str:
        """One prompt in, the reply text out, within timeout_s in all (transport errors and
        TimeoutError propagate)."""
        future = self._pool.submit(self.model.invoke, prompt)
        try:
            return str(future.result(timeout=self.timeout_s).content).strip()
        except FutureTimeout:
            future.cancel()
            raise TimeoutError(f"chat model gave no reply within {self.timeout_s:g} s") from None

    def answer(self, question: str, retrieval: Retrieval, fallback: Answer) -> Answer:
        evidence = retrieval.evidence[:PASSAGES_IN_PROMPT]
        passages = [e.chunk.text for e in evidence]
        numbered = "\n\n".join(
            f"[{i}] {Citation.from_chunk(i, e.chunk).reference()}\n{e.chunk.text}"
            for i, e in enumerate(evidence, start=1)
        )
        prompt = self.templates.prompt("answer", passages=numbered, question=question)
        try:
            reply = self.complete(prompt)
        except Exception as exc:  # any transport or provider failure: answer extractively
            log.warning("chat model failed, extractive answer instead: %s", exc)
            notice = join_notices(self.templates.message("llm_fallback_notice"), fallback.notice)
            return replace(fallback, mode="extractive（生成模型不可用）", notice=notice)
        if _NO_BASIS in reply and not _REF.search(reply):
            return Answer(question=question, text=self.templates.message("refusal"), grounded=False, mode="llm")
        check = check_reply(reply, passages)
        if not check.ok:
            log.info("generated answer rejected (%s); extractive answer instead", check.reason)
            notice = join_notices(self.templates.message("llm_rejected_notice"), fallback.notice)
            return replace(fallback, mode=f"extractive（生成的回答未通过核验：{check.reason}）", notice=notice)
        # Renumber the cited passages 1..k in order of first mention.
        mapping = {old: new for new, old in enumerate(check.cited, start=1)}
        text = _REF.sub(lambda m: f"[{mapping[int(m.group(1))]}]", reply)
        citations = [Citation.from_chunk(mapping[n], evidence[n - 1].chunk) for n in check.cited]
        return Answer(
            question=question, text=text, grounded=True, citations=citations, notice=fallback.notice, mode="llm"
        )
