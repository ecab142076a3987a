"""The services every core function works with, bundled for one index generation."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.answer import Answerer
from bot.core.asked import AskedArticles
from bot.core.prompts import Templates
from bot.core.retrieval import Retriever
from bot.core.workdays import OfficialCalendar
from ingest.index import KnowledgeIndex
from ingest.settings import Settings


@dataclass(eq=False)  # hashable by identity: caches key on the live services
class Services:
    settings: Settings
    templates: Templates
    index: KnowledgeIndex
    retriever: Retriever
    answerer: Answerer
    asked: AskedArticles = field(default_factory=AskedArticles)  # what questions ask about (summaries)
    calendar: OfficialCalendar = field(default_factory=OfficialCalendar)  # holidays, for deadlines
