"""The generative mode: the real langchain client over real HTTP to a local OpenAI-compatible server;
replies with invented citations or quotes are caught and replaced by the extractive answer."""

from __future__ import annotations

import re
import time

import pytest

from bot.app import Assistant
from bot.core.answer import Answerer
from bot.core.generate import Generator, check_reply
from ingest.settings import Settings
from tests.standins import OpenAIStandIn

PASSAGES = [
    "第二十条 公民、法人或者其他组织……可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请",
    "第二条 ……",
]


def test_check_accepts_faithful_reply() -> None:
    assert check_reply("应当在六十日内申请[1]，原文：「六十日内提出行政复议申请」[1]。", PASSAGES).ok


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("申请期限为六十日[3]。", "不存在的编号"),
        ("申请期限为六十日[编号]。", "没有标注"),
        ("原文规定「九十日内提出行政复议申请」[1]。", "引文与原文不符"),
        ("申请行政复议需要缴纳费用。", "没有标注"),
        ("[1]", "没有实质内容"),
        ("申请期限为九十日[1]。", "不见于所引条文"),
    ],
)
def test_check_rejects_invented_citations_and_quotes(reply: str, reason: str) -> None:
    result = check_reply(reply, PASSAGES)
    assert not result.ok and reason in result.reason


def _answerer(assistant: Assistant, settings: Settings, base_url: str) -> Answerer:
    llm_settings = settings.with_overrides(llm={"base_url": base_url, "model": "local"}, answer={"mode": "llm"})
    generator = Generator.from_settings(llm_settings, assistant.templates)
    return Answerer(assistant.services.retriever, assistant.templates, generator)


def _first_passage_quote(prompt: str) -> str:
    """Quote the first sentence of passage [1] as the prompt gives it."""
    body = prompt.split("[1] ", 1)[1].split("\n", 2)[1]
    return re.split(r"[；。]", body)[0]


def test_faithful_generated_answer_is_shown_with_its_citations(assistant: Assistant, corpus_settings: Settings) -> None:
    with OpenAIStandIn(lambda p: f"可以在六十日内申请。原文：「{_first_passage_quote(p)}」[1]") as server:
        answer = _answerer(assistant, corpus_settings, server.base_url).ask("行政复议申请期限是多久？")
    assert answer.mode == "llm" and answer.grounded
    assert answer.citations[0].article == "第二十条" and "[1]" in answer.text
    assert "行政复议申请期限是多久" in server.prompts[0] and "[1] 《中华人民共和国行政复议法》" in server.prompts[0]


def test_invented_citation_falls_back_to_extractive(assistant: Assistant, corpus_settings: Settings) -> None:
    with OpenAIStandIn(lambda _p: "申请期限为九十日[6]，见第三十一条[4]。") as server:
        answer = _answerer(assistant, corpus_settings, server.base_url).ask("行政复议申请期限是多久？")
    assert answer.mode.startswith("extractive") and "不存在的编号" in answer.mode
    assert answer.citations[0].article == "第二十条" and "九十日" not in answer.text


def test_fabricated_quote_falls_back(assistant: Assistant, corpus_settings: Settings) -> None:
    with OpenAIStandIn(lambda _p: "法律规定「申请行政复议需要缴纳费用」[1]。") as server:
        answer = _answerer(assistant, corpus_settings, server.base_url).ask("行政复议申请期限是多久？")
    assert "引文与原文不符" in answer.mode and "缴纳费用" not in answer.text


def test_unreachable_model_server_falls_back(assistant: Assistant, corpus_settings: Settings) -> None:
    with OpenAIStandIn(lambda _p: "") as server:
        url = server.base_url
    answer = _answerer(assistant, corpus_settings, url).ask("行政复议申请期限是多久？")
    assert answer.grounded and answer.mode.startswith("extractive") and answer.citations


def test_refusal_is_decided_before_the_model_is_called(assistant: Assistant, corpus_settings: Settings) -> None:
    with OpenAIStandIn(lambda _p: "地铁23点停运[1]。") as server:
        answer = _answerer(assistant, corpus_settings, server.base_url).ask("杭州地铁几点停运？")
    assert not answer.grounded and server.prompts == []


def test_a_report_part_asked_whole_is_answered_without_the_model(
    assistant: Assistant, corpus_settings: Settings
) -> None:
    """Every item of the part, verbatim: a model given the closest passages would choose among them."""
    with OpenAIStandIn(lambda p: f"工作打算是：「{_first_passage_quote(p)}」[1]") as server:
        answer = _answerer(assistant, corpus_settings, server.base_url).ask("2024年的工作打算是什么")
    assert server.prompts == [] and answer.grounded
    assert "「(三)助力推进全区法治政府建设。」" in answer.text, answer.text


def _numbers(prompt: str) -> list[int]:
    return [int(n) for n in re.findall(r"^\[(\d+)\]", prompt, flags=re.MULTILINE)]


def test_model_summary_is_checked_bullet_by_bullet(assistant: Assistant, corpus_settings: Settings) -> None:
    from bot.core.summary import summarize_with_model

    def faithful(prompt: str) -> str:
        if "各部分要点" in prompt:  # reduce: keep the first three points as they are
            return "\n".join(line for line in prompt.splitlines() if line.startswith("- "))
        first = _numbers(prompt)[0]
        return f"- 本部分规定了相关程序 [{first}]"

    llm_settings = corpus_settings.with_overrides(llm={"base_url": "http://127.0.0.1:9/v1", "model": "local"})
    with OpenAIStandIn(faithful) as server:
        generator = Generator.from_settings(
            llm_settings.with_overrides(llm={"base_url": server.base_url}), assistant.templates
        )
        summary = summarize_with_model(assistant.services, "2023年报告", generator, bullets=4)
    assert summary.mode == "llm" and len(summary.bullets) == 4
    assert all(b.citation.title.startswith("余杭区司法局") for b in summary.bullets)

    with OpenAIStandIn(lambda p: f"- 全区复议案件量增长了99次 [{_numbers(p)[0] if _numbers(p) else 1}]") as server:
        generator = Generator.from_settings(
            llm_settings.with_overrides(llm={"base_url": server.base_url}), assistant.templates
        )
        checked = summarize_with_model(assistant.services, "2023年报告", generator)
    assert checked.mode.startswith("extractive") and "99次" in checked.mode
    assert all(b.text in assistant.services.index.chunks[b.citation.chunk_id].text for b in checked.bullets)


P20 = (
    "第二十条 公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起"
    "六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。"
)


@pytest.mark.parametrize(
    "reply",
    [
        "依据规定，『行政复议申请一律应当由律师代为提交』[1]",
        '依据规定，"行政复议申请一律应当由律师代为提交"[1]',
        "依据规定，‘行政复议申请一律应当由律师代为提交’[1]",
        "行政复议申请一律应当由律师代为提交，申请人本人不得提出[1]",
        "行政复议申请应当由律师代为提交[1]。",
    ],
)
def test_check_rejects_unfaithful_claims_in_any_quotation_style(reply: str) -> None:
    assert not check_reply(reply, [P20]).ok


@pytest.mark.parametrize(
    "reply",
    [
        "当事人可以在知道行政行为之日起六十日内申请复议[1]。",
        "申请期限一般是六十日，法律规定更长的从其规定[1]。",
        "原文：「可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请」[1]",
    ],
)
def test_check_accepts_faithful_paraphrases(reply: str) -> None:
    assert check_reply(reply, [P20]).ok


def test_a_rejected_reply_is_said_to_the_user(assistant: Assistant, corpus_settings: Settings) -> None:
    with OpenAIStandIn(lambda _p: "行政复议申请一律应当由律师代为提交，申请人本人不得提出[1]") as server:
        answer = _answerer(assistant, corpus_settings, server.base_url).ask("行政复议申请期限是多久？")
    assert answer.mode.startswith("extractive") and "律师" not in answer.text
    assert "未通过原文核验，以下为条文摘录" in answer.notice


def test_a_slow_model_costs_the_timeout_once(assistant: Assistant, corpus_settings: Settings) -> None:
    def slow(_prompt: str) -> str:
        time.sleep(6)
        return "六十日[1]"

    with OpenAIStandIn(slow) as server:
        settings = corpus_settings.with_overrides(
            llm={"base_url": server.base_url, "model": "local", "timeout_s": 1.0}, answer={"mode": "llm"}
        )
        answerer = Answerer(
            assistant.services.retriever, assistant.templates, Generator.from_settings(settings, assistant.templates)
        )
        started = time.monotonic()
        answer = answerer.ask("行政复议申请期限是多久？")
        waited = time.monotonic() - started
        requests = len(server.prompts)
    assert requests == 1  # no retry doubling the wait
    assert waited < 3.5  # the configured 1 s and the extractive answer, not 6 s or 2 × 1 s
    assert answer.grounded and "生成模型暂不可用，以下为条文摘录" in answer.notice
