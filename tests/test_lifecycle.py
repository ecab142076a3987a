"""The index under concurrent admins and live readers, with real processes: one writer at a
time, a second told who holds the lock, and readers that follow every re-ingest and never lose
the generation they answer from."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.app import Assistant
from ingest.chunk_store import ChunkStore
from ingest.embedders import Embedder
from ingest.errors import IngestBusyError
from ingest.lifecycle import ReaderLease, writer_lock
from ingest.manifest import Manifest
from ingest.pipeline import run
from ingest.settings import PROJECT_ROOT
from tests.conftest import KNOWLEDGE, copy_docs, settings_for

SMALL = "laws/renmin-tiaojie-fa-2010.md"
BIG = "laws/xingzheng-fuyi-fa-2023.md"
FREE = "人民调解委员会调解民间纠纷，不收取任何费用。"


def _env(knowledge: Path, data: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "FAZHI_INDEX__KNOWLEDGE_DIR": str(knowledge),
        "FAZHI_INDEX__DATA_DIR": str(data),
        "FAZHI_INDEX__ALIASES_FILE": str(KNOWLEDGE / "aliases.toml"),
        **extra,
    }


def _start(module: str, args: list[str], env: dict[str, str], **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload]
        [sys.executable, "-m", module, *args],
        cwd=PROJECT_ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_second_writer_is_told_who_is_writing_and_can_wait(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    run(settings_for(knowledge, data), embedder=embedder, progress=False)
    copy_docs(knowledge, BIG)  # ~90 chunks to embed: the first writer holds the lock a while
    env = _env(knowledge, data)
    first = _start("ingest", ["run"], env)
    assert first.stderr is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = first.stderr.readline()
        if "正在嵌入" in line or not line:
            break

    second = _start("ingest", ["run", "--quiet"], env)
    _, err = second.communicate(timeout=120)
    assert second.returncode == 3, err
    assert "另一个重新导入正在进行" in err and f"进程 {first.pid}@" in err and "--wait" in err
    assert "Traceback" not in err

    waiting = _start("ingest", ["run", "--quiet", "--wait"], env)  # queues behind the first
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert first.wait(timeout=300) == 0
    assert "索引已是最新" in out  # the first writer did the work; nothing was lost or redone
    verify = _start("ingest", ["verify"], env)
    out, _ = verify.communicate(timeout=120)
    assert verify.returncode == 0 and "一致" in out


def test_writers_in_one_process_take_turns_too(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    """/reingest in Telegram while another thread re-ingests: the second is refused, not broken."""
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data)
    with writer_lock(data), pytest.raises(IngestBusyError) as info:
        run(settings, embedder=embedder, progress=False)
    assert f"进程 {os.getpid()}@" in str(info.value)
    assert run(settings, embedder=embedder, progress=False).added  # the lock is free again


def test_a_generation_a_reader_holds_is_never_deleted(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data, index={"keep_generations": 1})
    run(settings, embedder=embedder, progress=False)
    first = Manifest.load(data)
    assert first is not None
    lease = ReaderLease(data)
    lease.hold(first.generation_name)  # this test process is a live reader of generation 1
    for n in range(3):
        _rewrite(knowledge / SMALL, FREE if n == 0 else f"一律免费{n - 1}。", f"一律免费{n}。")
        run(settings, embedder=embedder, progress=False)
    latest = Manifest.load(data)
    assert latest is not None and latest.generation == 4
    assert _texts(data, first) and any(FREE in t for t in _texts(data, first))  # held: whole
    assert not _stored_text_containing(data, first.prefix, "一律免费0。")  # generation 2, not held: collected
    lease.release()
    _rewrite(knowledge / SMALL, "一律免费2。", "一律免费3。")
    run(settings, embedder=embedder, progress=False)
    assert not _stored_text_containing(data, first.prefix, FREE)


def _texts(data: Path, manifest: Manifest) -> list[str]:
    """The text of every row the manifest names; empty when any is missing."""
    ids = [cid for record in manifest.documents.values() for cid in record.chunk_ids]
    rows = ChunkStore.open(data, manifest.prefix)
    try:
        texts = [row.text for row in rows.rows(ids)]
    finally:
        rows.close()
    return texts if len(texts) == len(ids) else []


def _stored_text_containing(data: Path, prefix: str, words: str) -> bool:
    rows = ChunkStore.open(data, prefix)
    try:
        return any(words in row.text for row in rows.rows(rows.all_ids()))
    finally:
        rows.close()


def _revise_in_another_process(knowledge: Path, env: dict[str, str], n: int) -> None:
    """Revision n of the fee sentence (marked （修改n）), re-ingested by a separate `ingest run`."""
    previous = FREE if n == 1 else f"人民调解委员会调解民间纠纷，不收取任何费用（修改{n - 1}）。"
    _rewrite(knowledge / SMALL, previous, f"人民调解委员会调解民间纠纷，不收取任何费用（修改{n}）。")
    writer = _start("ingest", ["run", "--quiet"], env)
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err


class _Chat:
    """`python -m bot chat` as a person runs it, read line by line in the background."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "chat"],
            cwd=PROJECT_ROOT,
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def ask(self, question: str, expect: str, timeout: float = 120) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(question + "\n")
        self.proc.stdin.flush()
        seen = ""
        deadline = time.monotonic() + timeout
        while expect not in seen:
            try:
                seen += self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {expect!r} in chat output: {seen!r}") from None
        return seen

    def close(self) -> str:
        assert self.proc.stdin is not None and self.proc.stderr is not None
        self.proc.stdin.close()  # Ctrl-D: the chat ends
        self.proc.wait(timeout=60)
        return self.proc.stderr.read()


def test_a_reader_process_follows_three_reingests_by_another(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    run(settings_for(knowledge, data), embedder=embedder, progress=False)
    env = _env(knowledge, data, FAZHI_INDEX__KEEP_GENERATIONS="1")  # the harshest retention
    chat = _Chat(env)
    question = "人民调解委员会调解民间纠纷收费吗？"
    assert "不收取任何费用" in chat.ask(question, "引用依据")
    for n in range(1, 4):
        _revise_in_another_process(knowledge, env, n)
        answer = chat.ask(question, "引用依据")
        assert f"（修改{n}）" in answer, answer  # the new text, before the next answer
    err = chat.close()
    assert chat.proc.returncode == 0 and "Traceback" not in err, err


def test_the_in_process_assistant_follows_a_cli_reingest(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    """What the Telegram bot relies on: the next answer after another process's re-ingest is
    from the new generation, however many re-ingests happened."""
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data, index={"keep_generations": 1})
    run(settings, embedder=embedder, progress=False)
    assistant = Assistant(settings, embedder=embedder)
    env = _env(knowledge, data, FAZHI_INDEX__KEEP_GENERATIONS="1")
    for n in range(1, 3):
        _revise_in_another_process(knowledge, env, n)
        answer = assistant.services.answerer.ask("人民调解委员会调解民间纠纷收费吗？")
        assert f"不收取任何费用（修改{n}）" in answer.citations[0].quote
