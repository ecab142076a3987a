"""Where a rule made under an older text of a law is outdated: where the law now says the same
thing differently. 《行政复议法实施条例》 (2007) was made under the 复议法 of 1999; its 第四十二条
(终止) is restated by the 2023 law's 第四十一条, and the law prevails. Its 第六条 (who applies for
a 合伙企业) and 第十九条 (what an application states) have no counterpart in the 2023 law, which
leaves them standing: there the 实施条例 is the answer, not a rule to rank down."""

from __future__ import annotations

import numpy as np

from bot.core.basis import RevisedBasis
from bot.core.textsim import ARTICLE_LABEL, cosine_matrix, weighted_bigrams
from ingest.index import KnowledgeIndex, StoredChunk
from ingest.manifest import DocRecord


class Restatements:
    """Which passages of a rule made under a law revised since that law restates: the cosine of
    their character bigrams, weighted by rarity in the two texts, with one of the law's articles in
    force is at least `similarity`. Read once per document; one instance per index generation.
    With `similarity` 0 every passage of such a rule counts as restated."""

    def __init__(self, index: KnowledgeIndex, basis: RevisedBasis, similarity: float) -> None:
        self.index = index
        self.basis = basis
        self.similarity = similarity
        self._restated: dict[str, dict[str, StoredChunk]] = {}  # doc → its restated passages → the law's article

    def outdated(self, chunk: StoredChunk) -> bool:
        if self.similarity <= 0:
            return self.basis.outdated(chunk.doc)
        return self.restating(chunk) is not None

    def restating(self, chunk: StoredChunk) -> StoredChunk | None:
        """The law's article in force that restates the passage most closely, where one does."""
        if self.similarity <= 0 or not self.basis.outdated(chunk.doc):
            return None
        return self._of(chunk.doc).get(chunk.chunk_id)

    def _of(self, doc: DocRecord) -> dict[str, StoredChunk]:
        if doc.doc_id not in self._restated:
            self._restated[doc.doc_id] = self._read(doc, self.basis.of(doc))
        return self._restated[doc.doc_id]

    def _read(self, doc: DocRecord, laws: list[DocRecord]) -> dict[str, StoredChunk]:
        older = [c for c in self.index.by_doc.get(doc.doc_id, []) if c.article]
        newer = [c for law in laws for c in self.index.by_doc.get(law.doc_id, []) if c.article]
        if not older or not newer:
            return {}
        vectors = weighted_bigrams([ARTICLE_LABEL.sub("", c.text) for c in older + newer])
        alike = cosine_matrix(vectors[: len(older)], vectors[len(older) :])
        # Only a passage on a law's subject can be restated by it (RevisedBasis.concerns): 浙江省法律援助条例's
        # 申请 materials, 追偿 and 施行 read like the 律师法's own, for lawyers.
        on_subject = []
        for o in older:
            said = {law.doc_id: self.basis.concerns(doc, law, o.text) for law in laws}
            on_subject.append([said[c.doc_id] for c in newer])
        scored = np.where(on_subject, alike, 0.0)
        best, nearest = scored.max(axis=1), scored.argmax(axis=1)
        return {
            c.chunk_id: newer[at] for c, score, at in zip(older, best, nearest, strict=True) if score >= self.similarity
        }
