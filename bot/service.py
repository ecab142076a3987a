"""Wiring: from Settings to the objects every interface uses, built once per process."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from bot.answer import Answerer
from bot.prompts import Templates
from bot.retrieval import Retriever
from ingest.embedders import Embedder, make_embedder
from ingest.index import KnowledgeIndex
from ingest.pipeline import RunReport, run
from ingest.settings import Settings


@dataclass(eq=False)  # hashable by identity: caches key on the live services
class Services:
    settings: Settings
    templates: Templates
    index: KnowledgeIndex
    retriever: Retriever
    answerer: Answerer


class Assistant:
    """Holds the current services and swaps them after a re-ingest; readers never wait."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.templates = Templates.load()
        self._embedder = embedder or make_embedder(settings.embedding)
        self._reingest_lock = threading.Lock()
        self._services = self._build()

    def _build(self) -> Services:
        index = KnowledgeIndex.open(self.settings, embedder=self._embedder)
        retriever = Retriever(index)
        generator = None
        if self.settings.answer.mode == "llm":
            from bot.generate import Generator

            generator = Generator.from_settings(self.settings, self.templates)
        answerer = Answerer(retriever, self.templates, generator)
        services = Services(self.settings, self.templates, index, retriever, answerer)
        from bot.diff import compare_answer  # diff builds on Services

        answerer.comparer = lambda question, evidence: compare_answer(services, question, evidence)
        return services

    @property
    def services(self) -> Services:
        return self._services

    def refresh(self) -> bool:
        """Pick up a generation written by another process. True when it changed."""
        if self._services.index.is_current():
            return False
        self._services = self._build()
        return True

    def reingest(self) -> RunReport:
        """Run the incremental re-ingest, then switch to the new generation atomically."""
        with self._reingest_lock:
            report = run(self.settings, embedder=self._embedder, progress=False, log=lambda _m: None)
            if report.changed:
                self._services = self._build()
            return report
