"""A held document's standing. 「《法规规章备案条例》现在还有效吗」: whether it is in force, said from the index's own
records (which text supersedes which) and quoted from the article that shows it: the newer text's article that
repeals it by name (「……《法规规章备案条例》同时废止」), else the article that puts the text in force (「本法自……起
施行」); a search answered this from the old text's own history, which never says it was repealed. 「行政复议法修改过
几次」: the revisions its history lists, counted one by one (the count was refused as a number no text states)."""

from __future__ import annotations

import re

from bot.core.outline import HISTORY
from bot.core.provisions import COMMENCES
from bot.core.scope import LOCAL_KINDS
from bot.core.services import Services
from bot.core.types import Answer, Citation
from ingest.index import StoredChunk
from ingest.manifest import DocRecord

# What may stand between the document's name and the asked status: its edition (「2017年版」), and asking words.
_EDITION = r"(?:[（(]?\d{4}年?(?:版本?|修订|修正|公布)?[）)]?)?"
_FILLER = r"(?:现在|目前|如今|当前|是不是|是否|是|还|仍然|仍|已经|已|被|有没有|什么时候|何时|哪年|哪一年)*"
_STATE = r"(?:现行有效|有效|在施行|施行中|在用|能用|管用|失效|废止|废除|作废)"
_ENDING = r"(?:了|的)?(?:吗|么|没有|没|呢)?[？?。！!\s]*$"
_ASKED = re.compile("》?" + _EDITION + _FILLER + _STATE + _ENDING)
_REPEALS = "废止"
_REVISIONS_ASKED = re.compile(r"(?:修改|修订|修正)(?:过|了)?(?:几次|多少次)|(?:几次|多少次)(?:修改|修订|修正)")
_REVISION = re.compile(r"修正|修订")


def status_answer(services: Services, question: str) -> Answer | None:
    """The document's status with the article that shows it, or None when the question is not about a held
    document's being in force."""
    if not re.search(_STATE, question):  # it runs before every search: the cheap test first
        return None
    named = _named_statute(services, question)
    if named is None:
        return None
    text, written, doc = named
    if not _ASKED.match(text, text.find(written) + len(written)):
        return None
    templates = services.templates
    label = doc.edition_label
    if doc.status == "in_force":
        shown = _commencement(services, doc)
        older = services.index.document(doc.supersedes)
        text = templates.message("status_in_force", label=label)
        if older is not None:
            text += templates.message("status_replaced_older", older=older.edition_label)
    else:
        newer = services.index.document(doc.superseded_by)
        if newer is None:
            return None
        current = f"《{newer.title}》（{newer.edition or newer.version}，{newer.effective}施行）"
        repealing = _repealing(services, newer, doc)
        shown = repealing or _commencement(services, newer)
        template = "status_repealed" if repealing is not None else "status_superseded"
        text = templates.message(template, label=label, current=current)
    if shown is None:  # no article to show it by: searched instead
        return None
    quote = services.answerer.whole_article(shown)
    citation = Citation.from_chunk(1, shown, quote=quote)
    text += "\n" + templates.message("lead_intro", reference=citation.reference()) + "\n「" + quote + "」[1]"
    return Answer(question=question, text=text, grounded=True, citations=[citation], mode="status")


def _named_statute(services: Services, question: str) -> tuple[str, str, DocRecord] | None:
    """(the question as parsed, the statute's name as written there, the edition asked) when it names a held
    statute; a report is of its year, neither in force nor repealed nor amended."""
    retriever = services.retriever
    parsed = retriever.parse(question)
    title, written = retriever.aliases.find(parsed.text)
    docs = services.index.edition(title, version=parsed.year, old=parsed.wants_old) if title else []
    if not docs or docs[0].kind in LOCAL_KINDS or written not in parsed.text:
        return None
    return parsed.text, written, docs[0]


def _articles(services: Services, doc: DocRecord) -> list[StoredChunk]:
    return [c for c in services.index.by_doc.get(doc.doc_id, []) if c.article]


def _repealing(services: Services, newer: DocRecord, old: DocRecord) -> StoredChunk | None:
    """The newer text's article that repeals the old one by its name."""
    named = f"《{old.title}》"
    return next((c for c in _articles(services, newer) if named in c.text and _REPEALS in c.text), None)


def _commencement(services: Services, doc: DocRecord) -> StoredChunk | None:
    """The article that puts the text in force (its last such article: a code's closing one)."""
    return next((c for c in reversed(_articles(services, doc)) if COMMENCES.search(c.text)), None)


def revisions_answer(services: Services, question: str) -> Answer | None:
    """How many times a named statute was amended, each time as its history says it, or None when the question
    does not ask that or the history does not list the revision the edition names."""
    if not _REVISIONS_ASKED.search(question):
        return None
    named = _named_statute(services, question)
    if named is None:
        return None
    doc = named[2]
    history = next((c for c in services.index.by_doc.get(doc.doc_id, []) if c.section == HISTORY), None)
    if history is None:
        return None
    lines = [line.strip() for line in history.text.split("\n") if line.strip()]
    revised = [line for line in lines if _REVISION.search(line)]
    if not revised and _REVISION.search(doc.edition):
        return None  # the edition says it was revised, its history lists no revision: not ours to count
    citation = Citation.from_chunk(1, history, quote=history.text)
    steps = "\n".join(f"{n}. {line}" for n, line in enumerate(revised, start=1))
    template = "revisions_counted" if revised else "revisions_none"
    text = services.templates.message(template, label=doc.edition_label, count=len(revised), since=lines[0])
    text += ("\n" + steps if steps else "") + "[1]"
    return Answer(question=question, text=text, grounded=True, citations=[citation], mode="status")
