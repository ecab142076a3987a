"""Plain functions behind the commands both the CLI and Telegram offer."""

from __future__ import annotations

import re

from bot.core.answer import InvalidQuestionError
from bot.core.citing import citing_articles
from bot.core.query import parse_article
from bot.core.services import Services
from bot.core.several_articles import several_articles_answer
from bot.core.types import Answer, Citation, article_label
from ingest.index import StoredChunk

_OLD = re.compile(r"旧|修订前|\b(19|20)\d{2}\b")
# Article numbers only, several: 「20 22」, 「20、22」, 「63-72」.
_NUMBERS = re.compile(r"\d{1,3}")
_ONLY_NUMBERS = re.compile(r"[\d\s,，、和及至到\-－~～]+")
_RANGE = re.compile(r"\d{1,3}\s*(?:至|到|-|－|~|～)\s*\d{1,3}")


def lookup_article(services: Services, text: str) -> Answer:
    """'/law 行政复议法 第二十条', '/law 复议法 20', '/law 复议法 2017 第九条' → that article."""
    text = text.strip()
    retriever = services.retriever
    title, written = retriever.aliases.find(text)
    if not title:
        name = text.split()[0] if text.split() else text
        raise InvalidQuestionError(services.templates.message("document_not_found", name=name or "（空）"))
    rest = text.replace(written, " ", 1)
    year = m.group(0) if (m := re.search(r"(19|20)\d{2}", rest)) else ""
    rest = re.sub(r"(19|20)\d{2}\s*年?版?", " ", rest)
    if len(numbers := _NUMBERS.findall(rest)) > 1 and _ONLY_NUMBERS.fullmatch(rest.strip()):
        # 「/law 复议法 20 22」, 「/law 复议法 63-72」: each article, as when asked in words
        between = "至" if _RANGE.fullmatch(rest.strip()) else "、"
        spelled = between.join(f"第{n}条" for n in numbers)
        answer = several_articles_answer(services, f"{'旧' if _OLD.search(text) else ''}{written}{spelled}")
        if answer is not None:
            return answer
    number = parse_article(rest)
    if not number:
        raise InvalidQuestionError("请写明条号，例如：/law 复议法 第二十条")
    chunks = retriever.article(title, number, old=bool(_OLD.search(text)), year=year)
    if not chunks:
        count = max(
            (
                c.article_no
                for d in services.index.documents
                if d.title == title
                for c in services.index.by_doc.get(d.doc_id, [])
            ),
            default=0,
        )
        raise InvalidQuestionError(
            services.templates.message("article_not_found", title=title, article=article_label(number), count=count)
        )
    citation = Citation.from_chunk(1, chunks[0], quote="\n".join(c.text for c in chunks))
    notice = "" if chunks[0].in_force else services.answerer.old_version_notice(chunks[0])
    citing = citing_articles(services.index, retriever.aliases, chunks)
    shown = "\n".join(filter(None, [citation.reference(), services.answerer.citing_note(chunks, citing)]))
    return Answer(question=text, text=shown, grounded=True, citations=[citation], notice=notice)


def full_text(services: Services, title: str, version: str, article: str, chunk_id: str) -> tuple[str, str]:
    """(reference, text) of a cited article in full (all its parts), or of a report section."""
    index = services.index
    docs = [d for d in index.edition(title, version=version) if d.version == version]
    chunks: list[StoredChunk] = []
    if docs and article:
        chunks = [c for d in docs for c in index.by_doc.get(d.doc_id, []) if c.article == article]
    elif chunk_id in index.chunks:
        chunks = [index.chunks[chunk_id]]
    if not chunks:
        return f"《{title}》{article}", "（原文已不在当前知识库中，可能已被管理员更新。）"
    citation = Citation.from_chunk(1, chunks[0])
    return citation.reference(), "\n".join(c.text for c in chunks)


def list_documents(services: Services) -> str:
    lines = []
    for doc in services.index.documents:
        status = "现行有效" if doc.status == "in_force" else "已被取代"
        effective = f"，{doc.effective}施行" if doc.effective else ""
        lines.append(f"• 《{doc.title}》（{doc.edition or doc.version}{effective}）{status}")
    return "\n".join(lines)
