"""Wiring: from Settings to the services every interface uses. The one place that builds them;
the CLI and the Telegram bot both come here, never to each other."""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import sys
import threading

from bot.core.answer import Answerer
from bot.core.asked import AskedArticles
from bot.core.deadlines import answer_deadline, is_deadline_question
from bot.core.diff import compare_answer, overview_answer
from bot.core.missing import missing_answer
from bot.core.outline import outline_answer
from bot.core.prompts import Templates
from bot.core.retrieval import Retriever
from bot.core.services import Services
from bot.core.several_articles import several_articles_answer
from bot.core.status import revisions_answer, status_answer
from bot.core.summary_request import summary_answer
from bot.core.workdays import OfficialCalendar
from ingest.cli import format_report
from ingest.embedders import Embedder, make_embedder
from ingest.errors import IndexMissingError
from ingest.index import KnowledgeIndex
from ingest.lifecycle import ReaderLease
from ingest.manifest import Manifest
from ingest.pipeline import RunReport, run
from ingest.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["Assistant", "Services", "open_assistant"]


class Assistant:
    """Holds the current services. Before each use it checks (one stat) whether a re-ingest —
    by this process or another — has committed a new generation, and switches to it. It holds a
    reader lease on the generation it answers from, so no writer deletes it underneath."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.templates = Templates.load()
        self._embedder = embedder or make_embedder(settings.embedding)
        self._build_lock = threading.Lock()
        self._lease = ReaderLease(settings.data_dir)
        self._signature = Manifest.signature(settings.data_dir)
        self._services = self._build()
        atexit.register(self._lease.release)

    def _build(self) -> Services:
        index = KnowledgeIndex.open(self.settings, embedder=self._embedder)
        self._lease.hold(index.manifest.generation_name)
        retriever = Retriever(index)
        generator = None
        if self.settings.answer.mode == "llm":
            from bot.core.generate import Generator

            generator = Generator.from_settings(self.settings, self.templates)
        answerer = Answerer(retriever, self.templates, generator)
        asked = AskedArticles.load(self.settings.asked_articles_file)
        calendar = OfficialCalendar.load(self.settings.holidays_file)
        services = Services(self.settings, self.templates, index, retriever, answerer, asked, calendar)
        answerer.comparer = lambda question, evidence: compare_answer(services, question, evidence)
        answerer.requests = [
            lambda question: missing_answer(services, question),
            lambda question: status_answer(services, question),
            lambda question: revisions_answer(services, question),
            lambda question: several_articles_answer(services, question),
            lambda question: summary_answer(services, question),
            lambda question: outline_answer(services, question),
            lambda question: overview_answer(services, question),
            lambda question: (
                answer_deadline(services, question) if is_deadline_question(question, dt.date.today()) else None
            ),
        ]
        return services

    @property
    def services(self) -> Services:
        self.refresh()
        return self._services

    def refresh(self) -> bool:
        """Pick up a generation committed since the last look. True when it changed. A new
        generation that cannot be opened is logged and the current one kept."""
        if Manifest.signature(self.settings.data_dir) == self._signature:
            return False
        with self._build_lock:
            signature = Manifest.signature(self.settings.data_dir)
            if signature == self._signature:
                return False  # another thread switched while this one waited
            try:
                services = self._build()
            except Exception:
                log.exception("could not open the new index generation; still answering from the current one")
                self._lease.hold(self._services.index.manifest.generation_name)
                return False
            self._services, self._signature = services, signature
            return True

    def reingest(self, wait: bool = False) -> RunReport:
        """Run the incremental re-ingest (one writer across processes), then switch to it."""
        report = run(self.settings, embedder=self._embedder, progress=False, log=lambda _m: None, wait=wait)
        self.refresh()
        return report


def open_assistant(settings: Settings, build_if_missing: bool) -> Assistant:
    """On first use the index is built from knowledge/ (a minute or two), then opened."""
    try:
        return Assistant(settings)
    except IndexMissingError:
        if not build_if_missing:
            raise
    print(f"首次使用：正在从 {settings.knowledge_dir} 建立知识库索引…", file=sys.stderr)
    print(format_report(run(settings, wait=True)), file=sys.stderr)
    return Assistant(settings)
