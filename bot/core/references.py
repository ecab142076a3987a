"""Cross-references between articles: 「依照本法第十三条」, 「《中华人民共和国行政诉讼法》第四十五条」,
「依照《中华人民共和国民事诉讼法》关于期间、送达的规定」 resolved to the articles they name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.core.query import AliasTable
from ingest.index import KnowledgeIndex, StoredChunk
from ingest.manifest import DocRecord
from ingest.numerals import CN_NUMERAL_CHARS, cn_to_int

_OTHER_LAW = re.compile(rf"《([^》]{{2,40}})》第([{CN_NUMERAL_CHARS}]+)条")
_TOPIC_RULES = re.compile(r"《([^》]{2,40})》(?:关于|有关)([^。，；》]{1,20}?)的(?:相关)?规定")
# 「本法第五十七条」, 「依照本法第六十七条至第六十九条」, 「本法第四十四条、第四十五条」: every number of a run.
_SAME_LAW_RUN = re.compile(
    rf"本(?:法|条例|规定|办法|解释)((?:[、至和]?第[{CN_NUMERAL_CHARS}]+条(?:第[一二三四五六七八九十]+[款项])?)+)"
)
_RUN_NUMBER = re.compile(rf"([至、和]?)第([{CN_NUMERAL_CHARS}]+)条")
# 「行政诉讼法第七十条、第七十一条」: a run of articles after a law's name written without 《》, as the
# 行诉法解释 and the 复议法实施条例 name the laws they apply.
_NAMED_RUN = re.compile(rf"(?:[、至和]?第[{CN_NUMERAL_CHARS}]+条(?:第[一二三四五六七八九十]+[款项])?)+")


@dataclass(frozen=True)
class Reference:
    written: str  # as the citing article writes it
    chunks: tuple[StoredChunk, ...]  # the article referred to (all its parts)


def _article(index: KnowledgeIndex, docs: list[DocRecord], number: int) -> tuple[StoredChunk, ...]:
    return tuple(index.article(docs, number))


def _topic(index: KnowledgeIndex, docs: list[DocRecord], topic: str) -> tuple[StoredChunk, ...]:
    """The first article of the chapter or section named for the topic (期间、送达 → 期间)."""
    first = re.split(r"[、和及与]", topic)[0]
    for doc in docs:
        for chunk in index.by_doc.get(doc.doc_id, []):
            if chunk.article and (first in chunk.section or first in chunk.chapter):
                return _article(index, [doc], chunk.article_no)
    return ()


def references(index: KnowledgeIndex, aliases: AliasTable, chunk: StoredChunk) -> list[Reference]:
    """The articles this one refers to, in the order it names them (itself excluded)."""
    found: list[Reference] = []
    own = index.code_of(chunk.doc_id)  # 本法 in a book of the 民法典 is the whole code
    for written, numbers in _own_law_runs(chunk.text):
        found += [Reference(written, _article(index, own, number)) for number in numbers]
    for match in _OTHER_LAW.finditer(chunk.text):
        docs = edition_cited(index, aliases.resolve(match.group(1)), chunk)
        if docs:
            found.append(Reference(match.group(0), _article(index, docs, cn_to_int(match.group(2)))))
    for written, title, numbers in _named_runs(aliases, chunk.text):
        docs = edition_cited(index, title, chunk)
        found += [Reference(written, _article(index, docs, number)) for number in numbers if docs]
    for match in _TOPIC_RULES.finditer(chunk.text):
        docs = index.edition(aliases.resolve(match.group(1)))
        if docs:
            found.append(Reference(match.group(0), _topic(index, docs, match.group(2))))
    seen: set[str] = {chunk.chunk_id}
    unique: list[Reference] = []
    for ref in found:
        if ref.chunks and ref.chunks[0].chunk_id not in seen:
            seen.add(ref.chunks[0].chunk_id)
            unique.append(ref)
    return unique


def edition_cited(index: KnowledgeIndex, title: str, citing: StoredChunk) -> list[DocRecord]:
    """The edition of a law that a citing text means: the one in force, unless the citing text is
    older than it; then the newest edition the citing text could have read, else the oldest held
    (the 复议法实施条例 of 2007 applies the 行政复议法 as numbered before its 2023 revision)."""
    docs = index.edition(title)
    if not docs or not citing.version or docs[0].version <= citing.version:
        return docs
    editions = index.editions(title)
    earlier = [d for d in editions if d.version <= citing.version]
    return index.edition(title, version=(earlier[-1] if earlier else editions[0]).version)


def _named_runs(aliases: AliasTable, text: str) -> Iterator[tuple[str, str, list[int]]]:
    """(as written, title, numbers) of each run of articles after a held law's name written
    without 《》: 「行政诉讼法第七十条、第七十一条」 → 70, 71."""
    for run in _NAMED_RUN.finditer(text):
        title, start = aliases.named_before(text, run.start())
        if title:
            yield text[start : run.end()], title, _run_numbers(run.group(0))


def own_law_articles(text: str) -> list[int]:
    """The article numbers a text names in its own law (本法第X条), runs spelled out:
    「第六十七条至第六十九条」 → 67, 68, 69."""
    return [number for _written, numbers in _own_law_runs(text) for number in numbers]


def _own_law_runs(text: str) -> Iterator[tuple[str, list[int]]]:
    """Each 「本法第X条」 run as written, with every number it names."""
    for run in _SAME_LAW_RUN.finditer(text):
        yield run.group(0), _run_numbers(run.group(1))


def _run_numbers(run: str) -> list[int]:
    """Every number a run names: 「第六十七条至第六十九条」 → 67, 68, 69; 「第七十条、第七十一条」 → 70, 71."""
    numbers: list[int] = []
    for joiner, numeral in _RUN_NUMBER.findall(run):
        number = cn_to_int(numeral)
        if joiner == "至" and numbers:
            numbers += range(numbers[-1] + 1, number + 1)
        else:
            numbers.append(number)
    return numbers
