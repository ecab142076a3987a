"""Generative answers through langchain's chat-model interface, checked before they are shown:
every [n] must name a passage that was given, every 「quote」 must stand verbatim in one."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, replace

from langchain_core.language_models.chat_models import BaseChatModel

from bot.prompts import Templates
from bot.retrieval import Retrieval
from bot.types import Answer, Citation
from ingest.errors import ConfigError
from ingest.settings import Settings

log = logging.getLogger(__name__)
_REF = re.compile(r"\[(\d+)\]")
_QUOTE = re.compile(r"「([^」]{2,})」|“([^”]{6,})”")
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
    """The citation and quote check. Pure, so it is tested on its own."""
    numbers = [int(n) for n in _REF.findall(reply)]
    invalid = sorted({n for n in numbers if not 1 <= n <= len(passages)})
    if invalid:
        return CheckResult(False, f"引用了不存在的编号 {invalid}")
    if not numbers:
        return CheckResult(False, "没有标注任何引用编号")
    if len(_CJK.findall(_REF.sub("", reply))) < MIN_CONTENT_CHARS:
        return CheckResult(False, "回答没有实质内容")
    for match in _QUOTE.finditer(reply):
        quote = match.group(1) or match.group(2)
        if not any(quote in p for p in passages):
            return CheckResult(False, f"引文与原文不符：「{quote[:30]}」")
    cited_text = "".join(passages[n - 1] for n in set(numbers))
    for figure in _FIGURE.findall(reply):
        if figure not in cited_text:
            return CheckResult(False, f"数字“{figure}”不见于所引条文")
    return CheckResult(True, cited=tuple(dict.fromkeys(numbers)))


class Generator:
    def __init__(self, model: BaseChatModel, templates: Templates) -> None:
        self.model = model
        self.templates = templates

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
            max_retries=1,
        )
        return cls(model, templates)

    def complete(self, prompt: str) -> str:
        """One prompt in, the reply text out (transport errors propagate)."""
        return str(self.model.invoke(prompt).content).strip()

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
            return replace(fallback, mode="extractive（生成模型不可用）")
        if _NO_BASIS in reply and not _REF.search(reply):
            return Answer(question=question, text=self.templates.message("refusal"), grounded=False, mode="llm")
        check = check_reply(reply, passages)
        if not check.ok:
            log.info("generated answer rejected (%s); extractive answer instead", check.reason)
            return replace(fallback, mode=f"extractive（生成的回答未通过核验：{check.reason}）")
        # Renumber the cited passages 1..k in order of first mention.
        mapping = {old: new for new, old in enumerate(check.cited, start=1)}
        text = _REF.sub(lambda m: f"[{mapping[int(m.group(1))]}]", reply)
        citations = [Citation.from_chunk(mapping[n], evidence[n - 1].chunk) for n in check.cited]
        return Answer(
            question=question, text=text, grounded=True, citations=citations, notice=fallback.notice, mode="llm"
        )
