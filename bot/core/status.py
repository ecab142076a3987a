"""A held document's standing. 「《法规规章备案条例》现在还有效吗」: whether it is in force, said from the index's own
records (which text supersedes which) and quoted from the article that shows it: the newer text's article that
repeals it by name (「……《法规规章备案条例》同时废止」), else the article that puts the text in force (「本法自……起
施行」); a search answered this from the old text's own history, which never says it was repealed. 「行政复议法修改过
几次」: the revisions its history lists, counted one by one (the count was refused as a number no text states)."""

from __future__ import annotations

import re

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
HISTORY = "制定和修订沿革"
_COMMENCES = re.compile(r"本(?:法|条例|规定|解释|办法|细则)[^。；]{0,24}自[^。；]{0,24}起(?:施行|生效)")


def status_answer(services: Services, question: str) -> Answer | None:
    """The document's status with the article that shows it, or None when the question is not about a held
    document's being in force."""
    if not re.search(_STATE, question):  # it runs before every search: the cheap test first
        return None
    retriever = services.retriever
    parsed = retriever.parse(question)
    title, written = retriever.aliases.find(parsed.text)
    at = parsed.text.find(written) if title else -1
    if at < 0 or not _ASKED.match(parsed.text, at + len(written)):
        return None
    docs = services.index.edition(title, version=parsed.year, old=parsed.wants_old)
    if not docs or docs[0].kind in LOCAL_KINDS:  # a report is of its year, not in force or repealed
        return None
    doc = docs[0]
    templates = services.templates
    label = _label(doc)
    if doc.status == "in_force":
        shown = _commencement(services, doc)
        older = _record(services, doc.supersedes)
        text = templates.message("status_in_force", label=label)
        if older is not None:
            text += templates.message("status_replaced_older", older=_label(older))
    else:
        newer = _record(services, doc.superseded_by)
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


def _label(doc: DocRecord) -> str:
    return f"《{doc.title}》（{doc.edition or doc.version}）"


def _record(services: Services, doc_id: str) -> DocRecord | None:
    return next((d for d in services.index.documents if doc_id and d.doc_id == doc_id), None)


def _articles(services: Services, doc: DocRecord) -> list[StoredChunk]:
    return [c for c in services.index.by_doc.get(doc.doc_id, []) if c.article]


def _repealing(services: Services, newer: DocRecord, old: DocRecord) -> StoredChunk | None:
    """The newer text's article that repeals the old one by its name."""
    named = f"《{old.title}》"
    return next((c for c in _articles(services, newer) if named in c.text and _REPEALS in c.text), None)


def _commencement(services: Services, doc: DocRecord) -> StoredChunk | None:
    """The article that puts the text in force (its last such article: a code's closing one)."""
    return next((c for c in reversed(_articles(services, doc)) if _COMMENCES.search(c.text)), None)


def revisions_answer(services: Services, question: str) -> Answer | None:
    """How many times a named statute was amended, each time as its history says it, or None when the question
    does not ask that or the history does not list the revision the edition names."""
    if not _REVISIONS_ASKED.search(question):
        return None
    retriever = services.retriever
    parsed = retriever.parse(question)
    title = retriever.aliases.find(parsed.text)[0]
    docs = services.index.edition(title, version=parsed.year, old=parsed.wants_old) if title else []
    if not docs or docs[0].kind in LOCAL_KINDS:
        return None
    history = next((c for c in services.index.by_doc.get(docs[0].doc_id, []) if c.section == HISTORY), None)
    if history is None:
        return None
    lines = [line.strip() for line in history.text.split("\n") if line.strip()]
    revised = [line for line in lines if _REVISION.search(line)]
    if not revised and _REVISION.search(docs[0].edition):
        return None  # the edition says it was revised, its history lists no revision: not ours to count
    citation = Citation.from_chunk(1, history, quote=history.text)
    steps = "\n".join(f"{n}. {line}" for n, line in enumerate(revised, start=1))
    text = services.templates.message(
        "revisions_counted" if revised else "revisions_none", label=_label(docs[0]), count=len(revised), since=lines[0]
    )
    text += ("\n" + steps if steps else "") + "[1]"
    return Answer(question=question, text=text, grounded=True, citations=[citation], mode="status")
