"""The index on a `chroma run` server, as configured with [index] chroma_host / chroma_port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.retrieval import Retriever
from ingest.embedders import Embedder
from ingest.errors import StoreUnavailableError
from ingest.index import KnowledgeIndex
from ingest.pipeline import run
from ingest.store import make_client
from tests.conftest import copy_docs, settings_for


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    executable = shutil.which("chroma")
    assert executable, "the chroma CLI is installed with chromadb"
    port = _free_port()
    proc = subprocess.Popen(
        [executable, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    yield port
    proc.terminate()
    proc.wait(timeout=30)


def test_ingest_and_search_through_a_chroma_server(
    small_tree: tuple[Path, Path], embedder: Embedder, chroma_server: int
) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, "laws/renmin-tiaojie-fa-2010.md")
    settings = settings_for(knowledge, data, index={"chroma_host": "127.0.0.1", "chroma_port": chroma_server})
    report = run(settings, embedder=embedder, progress=False)
    assert report.chunks_total == 36
    assert not (data / "chroma").exists()  # nothing embedded locally: the vectors live on the server
    index = KnowledgeIndex.open(settings, embedder=embedder)
    top = Retriever(index).retrieve("人民调解协议多久内可以申请司法确认？").evidence[0].chunk
    assert top.article == "第三十三条"


def test_unreachable_server_is_a_clear_error(small_tree: tuple[Path, Path]) -> None:
    knowledge, data = small_tree
    settings = settings_for(knowledge, data, index={"chroma_host": "127.0.0.1", "chroma_port": _free_port()})
    with pytest.raises(StoreUnavailableError, match="无法连接向量库"):
        make_client(settings)
