"""Hybrid retrieval: direct article lookup, dense (Chroma) + BM25 (jieba) (+ the dense ranking of
the adapted question, when a query adapter is configured) fused by weighted reciprocal rank, the
version rule, and a grounding score for refusal."""

from __future__ import annotations

import heapq
import logging
import re
import time
from dataclasses import dataclass, field

from bot.core import periods
from bot.core.answer_types import (
    VERBATIM_RUN,
    AnswerType,
    AnswerTypes,
    acted_verb,
    asked_predicate,
    condition_clauses,
    defined_term,
    definition_fit,
    holder_asked,
    holder_fit,
    kinds_fit,
    kinds_term,
    listed_in_items,
    lists_as_member,
    longest_said,
    member_of,
    names_actor,
    negated_in_head,
    other_level,
    runs_said,
    special_procedure_unasked,
    states_condition,
    steps_listed,
)
from bot.core.basis import RevisedBasis, place_of, without_place
from bot.core.citing import CitingArticle, article_asked, citing_articles
from bot.core.fusion_weights import load_weights
from bot.core.law_prior import LawPrior
from bot.core.litigation import (
    LitigationRouter,
    about_court,
    asks_reconsideration_alone,
    court_rule_without_reconsideration,
)
from bot.core.query import OLD_EDITION, AliasTable, ParsedQuestion, expand, load_synonyms, parse_question, said_keys
from bot.core.query_adapter import AdapterMismatchError, QueryAdapter
from bot.core.restated import Restatements
from bot.core.subjects import TitleSubjects, subject
from bot.core.types import Evidence
from ingest.index import KnowledgeIndex, StoredChunk
from ingest.loaders import in_library
from ingest.manifest import DocRecord
from ingest.store import embedder_key
from ingest.tokenize import add_words, jieba_spans, tokenize, words

log = logging.getLogger(__name__)

# The named article's score beside an article that refers to it and leads (bot/core/citing.py):
# close enough to be cited with it.
NAMED_BESIDE_CITING = 0.9
# A named document's passages are preferred over others by this factor.
TITLE_BOOST = 1.6
# An article that defines the very term a definition question asks about (本法所称X，是……).
DEFINITION_BOOST = 2.0
# An article that lists the kinds of the very term a kinds question asks about (「行政处罚的种类：」).
KINDS_BOOST = 2.0
_CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
# A word said by fewer than this share of passages tells one item of a list from the others.
RARE_SHARE = 0.01
# 「行政诉讼中原告申请撤诉被裁定不准许，又拒不到庭的，法院怎么处理」 asks how the court handles a case: the judicial
# interpretation of the procedure the question names says it (解释第七十九条, 可以缺席判决), where the law gives the
# general rule (行政诉讼法第五十八条); its kind weight does not put it behind that rule.
_ASKS_COURT_HANDLING = re.compile(r"法院(?:应当|会|要|该|可以)?(?:怎么|如何)(?:处理|办|做)")
# How far down the priors may have put the passage every ranking puts first for it still to lead.
AGREED_WINDOW = 5
# When a law takes effect is said by its closing article (「本法自……起施行」), whatever else shares the
# question's words (its 第二条 names it as well); why it was made by its first (「为了……，制定本法」:
# 行政强制法第五条 says 目的 and 行政强制 more often, and led); what it covers by the article ending
# 「……，适用本条例。」 (规章制定程序条例第一条 led 「……条例适用于……哪些环节」, session 64).
# One framing article says each.
FRAMING_BOOST = 2.0
FRAMING = ("commencement", "purpose", "own_scope")
# A period question is answered by the article whose period is for the asked action (「多长时间内可以
# 申请复议」: 第二十条's 六十日 is for 提出行政复议申请); a fit of at least periods.PERIOD_FIT says it is.
# 2.0 since the fit reads what is done (session 11; 1.2 before, when 「将……申请书……发送」 fitted too):
# staff_s11's dev part recall@5 0.810 → 0.905, the other sets and STARD's dev part unchanged.
# Graded by the fit since session 32 (1 + (2.0 − 1) × fit): a period for a neighbouring action (转交
# where 通知 was asked, fit 0.75) no longer weighs as one for the asked action.
PERIOD_BOOST = 2.0
# A list whose heading says the asked act only negated (「……不撤销该行政行为……：」 for 「什么情况下……撤销」).
NEGATED_HEAD = 0.8
# A passage whose own condition clause is the one the question states (「被申请人不履行法定职责的，」):
# session 45, staff dev lead 0.922 → 0.925 (1.15: 0.924; 1.6: 0.924, one lost), held 0.889 → 0.892.
CONDITION_BOOST = 1.3
# A passage saying ten characters of the question's own words as it says them (answer_types.VERBATIM_RUN):
# session 51, staff dev lead 0.928 → 0.932, no item lost (1.2: 0.932, one lost; 1.3: 0.933, two lost; a run of 9:
# citizens lost two, of 12: 0.929; at 1.2 with the conditions' words counted too: 0.929, five lost).
VERBATIM_BOOST = 1.1
# The passage that alone says the longest run of the question's words (answer_types.longest_said: 解释第七十九条's
# 「第三人经传票传唤无正当理由拒不到庭」, 17 characters, where 行政诉讼法第六十六条 says 14 of them for 被告):
# session 64, staff dev lead 0.937 → 0.939, held 0.895 → 0.897, no pool item lost (a margin of 2 lost one:
# 浙援第十一条 says 12 where 法律援助法第二十五条 says 14).
LONGEST_BOOST = 1.2
# A passage saying the act a 「哪些……可以/应当……」 question asks of a kind's members, with its modal (可以上诉):
# session 48, staff dev lead 0.924 → 0.925, held 0.892 → 0.894 (1.5 and 2.0 lost leads: 强制法第二十七条 says
# 应当解除查封 too).
PREDICATE_BOOST = 1.3
# A passage ruling for a special procedure (简易, 小额, 特别) the question does not name.
SPECIAL_PROCEDURE_UNASKED = 0.6
OTHER_LEVEL = 0.7  # a passage on the asked body at another level than the one named
# A passage of a law whose subject is the sibling of one the question names (民事诉讼法 for 「行政诉讼中……」); and
# a rule of the administrative courts that never says 复议, for a question about 复议 alone (session 55: staff dev lead
# 0.932 → 0.933, every other pool item unchanged).
CONTRADICTED_SUBJECT = 0.7
# How far down a period question looks for a passage that sets the period of the asked action
# when the best one does not (the first few stay on the question's topic). 8, not 5, since a
# regulation's articles the law leaves standing rank beside the law's (session 17): 「对处罚决定
# 不服，多久内可以申请复议」 found 复议法第二十条 sixth, under 实施条例 articles on other periods.
PERIOD_LEAD_WINDOW = 8
# Kinds of question about how a period is reckoned (answer_types.toml): the article saying so leads
# within PERIOD_LEAD_WINDOW, as a period's does.
COUNTED_PERIOD = ("start", "counting")
# The rank in each ranking whose score counts as none when [retrieval] score_weight adds the scores'
# margins to the rank fusion (STARD development part over the library, score_weight 0.1: reference 10 /
# 20 / 50 recall@10 0.743 / 0.742 / 0.739; the 30th and below are seldom read).
SCORE_REFERENCE = 20
# When the question asks for the old text, superseded passages are preferred by this factor.
OLD_VERSION_BOOST = 2.0


@dataclass(frozen=True)
class QuestionWords:
    weights: dict[str, float]  # word → idf
    forms: dict[str, tuple[str, ...]]  # word → itself and the statute words for it


@dataclass
class Candidates:
    """One question's candidates from each ranker, before fusion (which the weights decide)."""

    parsed: ParsedQuestion
    words: QuestionWords  # the question's own BM25 words, weighted, with their statute words
    said: str  # the question and the statute words of its everyday ones
    dense: list[tuple[str, float]]  # (chunk id, cosine), best first
    lexical: list[tuple[str, float]]  # (chunk id, BM25 score), best first
    depth: int  # passages each ranking contributes at most
    # (chunk id, cosine of the adapted question), best first; empty without a query adapter
    adapted: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class Fused:
    """The fused ranking as the priors reweigh it: each passage's score, its cosine in the dense
    ranking, and its rank in each ranking (0: not in it)."""

    scores: dict[str, float] = field(default_factory=dict)
    similarity: dict[str, float] = field(default_factory=dict)
    ranks: dict[str, list[int]] = field(default_factory=dict)

    def evidence(self, chunk: StoredChunk) -> Evidence:
        chunk_id = chunk.chunk_id
        ranks = self.ranks[chunk_id]
        return Evidence(
            chunk=chunk,
            score=self.scores[chunk_id],
            dense=self.similarity.get(chunk_id, 0.0),
            dense_rank=ranks[0],
            lexical_rank=ranks[1],
            adapted_rank=ranks[2] if len(ranks) > 2 else 0,
        )


@dataclass
class AnswerFit:
    """What the answer-type priors found: the passages defining the asked term, each passage's fit
    of its period to the asked action, and the share of the asked kinds of fact it states."""

    defining: set[str] = field(default_factory=set)
    period_fit: dict[str, float] = field(default_factory=dict)
    stated: dict[str, float] = field(default_factory=dict)


@dataclass
class Retrieval:
    question: ParsedQuestion
    evidence: list[Evidence]
    grounding: float  # 0..1: how much of the question the best passage covers
    timings_ms: dict[str, float] = field(default_factory=dict)
    citing: list[CitingArticle] = field(default_factory=list)  # for an article named: what refers to it


class Retriever:
    def __init__(self, index: KnowledgeIndex) -> None:
        self.index = index
        self.settings = index.settings.retrieval
        if (fitted := index.settings.fusion_weights_file) is not None:
            self.settings = self.settings.model_copy(update=load_weights(fitted))
        self.aliases = AliasTable.build(index.documents, index.settings.aliases_file, index.settings.law_names_file)
        self.synonyms = load_synonyms(index.settings.synonyms_file)
        learned = index.settings.learned_synonyms_file
        self.learned = self._lay_words(load_synonyms(learned)) if learned is not None else {}
        self.answer_types = AnswerTypes.load(index.settings.answer_types_file)
        prior = index.settings.law_prior_file
        curated = (d.title for d in index.documents if not in_library(d.source))
        self.law_prior = LawPrior.load(prior).with_curated(curated) if prior is not None else None
        litigation = index.settings.litigation_file
        self.litigation = LitigationRouter.load(litigation) if litigation is not None else None
        self.adapter = self._adapter(index)
        self.subjects = TitleSubjects(d.title for d in index.documents)
        self.places = local_places(index.documents)
        self.own_subjects = local_own_subjects(index.documents, self.places)
        self.interpretations = [d.title for d in index.documents if d.kind == "judicial_interpretation"]
        self.revised_basis = RevisedBasis(index, self.aliases)
        self.restatements = Restatements(index, self.revised_basis, self.settings.restated_similarity)
        add_words(sorted({d.title for d in index.documents}))

    @staticmethod
    def _adapter(index: KnowledgeIndex) -> QueryAdapter | None:
        """The configured query adapter; one fitted for another embedding model (the shipped one,
        after the model was changed in config.toml) is left out with a warning, not a failure: it
        only adds a ranking, and the answers stand without it."""
        path = index.settings.query_adapter_file
        if path is None:
            return None
        try:
            return QueryAdapter.load(path, embedder_key(index.settings), index.embedder.identity.dimension)
        except AdapterMismatchError as exc:
            log.warning("%s（本次不使用它）", exc)
            return None

    def parse(self, question: str) -> ParsedQuestion:
        return parse_question(question, self.aliases)

    def named_edition(self, name: str) -> tuple[str, str, list[DocRecord]]:
        """(title, the name as written, its documents) of the document a name gives: the superseded
        text where it says so (「旧复议法」), else the one in force; ("", "", []) when none is held."""
        title, written = self.aliases.find(name)
        return title, written, self.index.edition(title, old=bool(OLD_EDITION.search(name))) if title else []

    def article(self, title: str, article_no: int, *, old: bool = False, year: str = "") -> list[StoredChunk]:
        """All parts of one article, from the version asked for (in force by default)."""
        return self.index.article(self.index.edition(title, version=year, old=old), article_no)

    def retrieve(self, question: str, k: int = 10, focus: set[str] | None = None) -> Retrieval:
        """`focus`: documents (doc ids) to prefer, e.g. those a whole message is about."""
        timings: dict[str, float] = {}
        start = time.perf_counter()
        parsed = self.parse(question)
        if parsed.is_lookup:
            chunks = self.article(parsed.title, parsed.article_no, old=parsed.wants_old, year=parsed.year)
            if chunks:
                evidence = [Evidence(chunk=c, score=1.0, direct=True) for c in chunks]
                citing = citing_articles(self.index, self.aliases, chunks, parsed.framing)
                if asked := article_asked(parsed, chunks, citing, self.index.lexical.idf):
                    # the article that refers to the named one leads; the named one is cited with it
                    evidence = [Evidence(chunk=c, score=1.0) for c in asked.chunks]
                    evidence += [Evidence(chunk=c, score=NAMED_BESIDE_CITING) for c in asked.cited]
                timings["lookup"] = (time.perf_counter() - start) * 1000
                return Retrieval(parsed, evidence, 1.0, timings, citing)
        found = self.candidates(parsed, max(self.settings.candidates, k), timings)
        ranked, topical = self.rank(found, focus or set())
        evidence = ranked[:k]
        grounding = self.grounding_score(found.words, evidence, topical)
        timings["total"] = (time.perf_counter() - start) * 1000
        return Retrieval(parsed, evidence, grounding, timings)

    def candidates(self, parsed: ParsedQuestion, depth: int, timings: dict[str, float] | None = None) -> Candidates:
        """What each ranker returns for the question, `depth` passages of this reader's generation
        at least (deeper when more are asked for, as eval does for recall@100): the fusion never
        sees what neither ranker returned."""
        timings = timings if timings is not None else {}
        start = time.perf_counter()
        tokens = self.with_split_words(parsed.search_text, tokenize(parsed.search_text))
        terms = expand(tokens, parsed.search_text, self.synonyms)
        # the learned words keep a vote per question word suggesting them, as when they were weighed
        learned = expand(terms, parsed.search_text, self.learned, once=False)[len(terms) :]
        vector = self.index.embedder.embed_query(parsed.search_text)
        timings["embed"] = (time.perf_counter() - start) * 1000
        mark = time.perf_counter()
        vectors = [vector, self.adapter.apply(vector)] if self.adapter else [vector]
        dense, *rest = self.index.dense_searches(vectors, depth * 2)
        adapted = rest[0] if rest else []
        timings["dense"] = (time.perf_counter() - mark) * 1000
        mark = time.perf_counter()
        weight = self.settings.learned_synonym_weight
        # The learned words stay whole, as they were weighed when fitted (split, national STARD read
        # lower); the curated table's phrases are searched as the index holds them.
        lexical = self.index.lexical.search(
            self.searchable(terms, keep=len(tokens)), depth * 2, [(w, weight) for w in learned]
        )
        timings["lexical"] = (time.perf_counter() - mark) * 1000
        said = " ".join([parsed.search_text, *terms[len(tokens) :]])  # 起诉 says 诉讼 too
        return Candidates(parsed, self.word_weights(tokens, parsed.search_text), said, dense, lexical, depth, adapted)

    def with_split_words(self, text: str, tokens: list[str]) -> list[str]:
        """The tokens, and each two-character word a statute says (a token of the index) that the
        question says but jieba cut across: 「复议会不会……」 is cut 复 / 议会 / 不会, and the question loses
        复议; 「把许可证出借给别人」 is cut 出 / 借给, and loses 出借, which only 许可法第八十条 says (a rare
        word is no less the word: the 0.5 % of passages once asked of it lost that article)."""
        lexical, said = self.index.lexical, set(tokens)
        spans = jieba_spans(text)
        found: dict[str, None] = {}
        dropped: set[str] = set()
        for _, start, end in spans:
            if end - start != 1:
                continue  # only a character cut off alone may belong to a word jieba cut across
            for at in (start - 1, start):
                pair = text[at : at + 2] if at >= 0 else ""
                if pair in said or not _CJK_PAIR.fullmatch(pair) or not lexical.share(pair):
                    continue
                found[pair] = None
                # the pieces it was cut into, when the statutes never say them (复, 议会), say nothing
                dropped |= {w for w, s, e in spans if s < at + 2 and e > at and not lexical.share(w)}
        return [t for t in tokens if t not in dropped] + list(found)

    def searchable(self, terms: list[str], keep: int = 0) -> list[str]:
        """The terms as the index holds them: a statute phrase a table gives (提起诉讼, 加处罚款,
        行政处罚决定) that is never one token of the index is searched by its words (提起, 诉讼); the
        first `keep` terms are the question's own tokens, searched as they are."""
        lexical = self.index.lexical
        out = list(terms[:keep])
        for term in terms[keep:]:
            parts = [term] if lexical.share(term) > 0 else words(term)
            out += [part for part in parts if part not in out]
        return out

    def _lay_words(self, table: dict[str, list[str]]) -> dict[str, list[str]]:
        """The learned table's entries for words that statutes themselves seldom use: a word the
        statutes use often (申请, 一般) matches them as it is, and its learned associations come
        from one field of law (STARD is civil law) and mislead in another."""
        limit = self.settings.learned_max_share
        return {k: v for k, v in table.items() if self.index.lexical.share(k) <= limit}

    def _allowed(self, parsed: ParsedQuestion, chunk: StoredChunk) -> bool:
        if chunk.in_force:
            return True
        # Superseded text only when the question asks for it (旧法, 修订前, a year) or compares.
        return parsed.wants_old or parsed.wants_compare or (bool(parsed.year) and chunk.version == parsed.year)

    def rank(self, found: Candidates, focus: set[str]) -> tuple[list[Evidence], list[StoredChunk]]:
        """Weighted reciprocal rank fusion, then the priors; the first ranking is the dense one (its
        scores are cosines). Also the top 3 before the question-wide priors, which refusal reads: the
        coverage prior brings passages holding the question's words up, and would make the word
        coverage of an off-topic question look better than it is."""
        parsed = found.parsed
        fused = self.fuse(found)
        asked = self.answer_types.asked(parsed.text)
        agreed = self.weigh_documents(found, focus, fused, asked)
        self.weigh_wording(parsed.text, fused.scores)
        fit = self.weigh_answer_types(found, asked, fused.scores)
        topical = [self.index.chunks[cid] for cid in self.ordered(fused.scores, fit.defining)[:3]]
        self.weigh_question(found, fused.scores)
        ordered = self.lead_first(self.ordered(fused.scores, fit.defining), asked, fit, agreed)
        return [fused.evidence(self.index.chunks[cid]) for cid in ordered], topical

    def fuse(self, found: Candidates) -> Fused:
        """Each ranking's first `depth` passages allowed for the question, scored Σ weight / (rrf_k + rank),
        and with [retrieval] score_weight each one's margin in its own scores besides (`add_margins`)."""
        parsed, depth = found.parsed, found.depth
        rankings = [(self.settings.dense_weight, found.dense), (self.settings.lexical_weight, found.lexical)]
        if found.adapted:  # a third ranking: the model's own similarities stay those of the first
            rankings.append((self.settings.adapted_weight, found.adapted))
        chunks = self.index.chunks
        chunks.load(cid for _, ranking in rankings for cid, _ in ranking[: depth * 2])
        fused = Fused()
        for position, (weight, ranking) in enumerate(rankings):
            kept: list[tuple[str, float]] = []
            for chunk_id, score in ranking:
                chunk = chunks.get(chunk_id)
                if chunk is None or not self._allowed(parsed, chunk):
                    continue
                if len(kept) == depth:
                    break
                kept.append((chunk_id, score))
                rank = len(kept)
                fused.scores[chunk_id] = fused.scores.get(chunk_id, 0.0) + weight / (self.settings.rrf_k + rank)
                fused.ranks.setdefault(chunk_id, [0] * len(rankings))[position] = rank
                if position == 0:
                    fused.similarity[chunk_id] = score
            if self.settings.score_weight:
                self.add_margins(fused, kept, weight)
        return fused

    def add_margins(self, fused: Fused, ranking: list[tuple[str, float]], weight: float) -> None:
        """How far a passage's own score stands above the ranking's SCORE_REFERENCE-th, as a share of the
        first's lead over it: ranks alone level a clear first with a close one."""
        if not ranking:
            return
        top, reference = ranking[0][1], ranking[min(len(ranking), SCORE_REFERENCE) - 1][1]
        span = top - reference
        if span <= 0:
            return
        for chunk_id, score in ranking:
            fused.scores[chunk_id] += self.settings.score_weight * weight * max(0.0, score - reference) / span

    def weigh_documents(self, found: Candidates, focus: set[str], fused: Fused, asked: list[AnswerType]) -> str | None:
        """The priors on what document a passage is in: the law named or in focus, the edition asked,
        the kind of document, a rule made under a law revised since, the subject the question says
        or contradicts. Returns the passage every ranking puts first, when there is one and the
        question does not contradict its subject."""
        parsed, scores, chunks = found.parsed, fused.scores, self.index.chunks
        # The one passage every ranking (dense, lexical, adapted) puts first, if there is one.
        agreed = next((cid for cid, at in fused.ranks.items() if all(rank == 1 for rank in at)), None)
        fits = self.subjects.fits(found.said)
        contradicted = self.subjects.contradicted(found.said)
        if agreed is not None and contradicted(chunks[agreed].title):
            agreed = None  # the rankings agree on the words, the question on another procedure (民事案件)
        subject_said = (
            not parsed.title
            and self.settings.subject_weight > 0
            and any(fits(chunks[cid].title) > 0 for cid in scores if chunks[cid].article)
        )
        waived = self.waived(parsed.text, asked)
        kind_weights = {cid: self.kind_weight(chunks[cid], waived) for cid in scores}
        if agreed is not None:
            # A prior breaks ties, not agreement: the passage every ranking puts first weighs as the
            # highest kind among those it competes with (the next AGREED_WINDOW), so it is not lowered
            # below a higher law, nor raised over passages of its own kind (all from one 条例).
            rivals = heapq.nlargest(AGREED_WINDOW, (cid for cid in scores if cid != agreed), key=scores.__getitem__)
            kind_weights[agreed] = max(kind_weights[cid] for cid in [agreed, *rivals])
        for chunk_id in scores:
            chunk = chunks[chunk_id]
            if (parsed.title and chunk.title == parsed.title) or chunk.doc_id in focus:
                scores[chunk_id] *= TITLE_BOOST
            if parsed.wants_old and not chunk.in_force:
                scores[chunk_id] *= OLD_VERSION_BOOST
            scores[chunk_id] *= kind_weights[chunk_id]
            if self.settings.revised_basis_weight < 1 and self.restatements.outdated(chunk):
                # A rule made under a law revised since yields where the law restates it.
                scores[chunk_id] *= self.settings.revised_basis_weight
            if parsed.year and chunk.version == parsed.year:
                scores[chunk_id] *= TITLE_BOOST
            if contradicted(chunk.title):
                scores[chunk_id] *= CONTRADICTED_SUBJECT
            if subject_said and chunk.article:
                # Among statutes, those whose subject the question names; a report is not one of them.
                weight = self.settings.subject_weight
                scores[chunk_id] *= (1 + weight * fits(chunk.title)) / (1 + weight)
        return agreed

    def weigh_wording(self, question: str, scores: dict[str, float]) -> None:
        """The priors on how a passage words what was asked: the 普通程序's rule over an exception's,
        the asked level, the asked members of a kind, the asked case as a condition, the asked words
        said as the statute says them."""
        chunks = self.index.chunks
        for chunk_id in scores:  # the 普通程序's rule, not an exception's, for a question naming no procedure
            if special_procedure_unasked(question, chunks[chunk_id].text):
                scores[chunk_id] *= SPECIAL_PROCEDURE_UNASKED
            if other_level(question, chunks[chunk_id].text):
                scores[chunk_id] *= OTHER_LEVEL
        if predicate := asked_predicate(question):  # which members of a kind the act is for
            for chunk_id in scores:
                if predicate in chunks[chunk_id].text:
                    scores[chunk_id] *= PREDICATE_BOOST
        if clauses := condition_clauses(question):  # the rule for the asked case, not one naming it
            for chunk_id in scores:
                if states_condition(clauses, chunks[chunk_id].text):
                    scores[chunk_id] *= CONDITION_BOOST
        runs = runs_said(question, {cid: chunks[cid].text for cid in scores})
        for chunk_id, (said, _) in runs.items():  # the asked words, said as the statute says them
            if said >= VERBATIM_RUN:
                scores[chunk_id] *= VERBATIM_BOOST
        for chunk_id in longest_said(question, {cid: run for cid, run in runs.items() if chunks[cid].article}):
            scores[chunk_id] *= LONGEST_BOOST

    def weigh_answer_types(self, found: Candidates, asked: list[AnswerType], scores: dict[str, float]) -> AnswerFit:
        """The passages that state the kind of fact asked (a period for the asked action, the asked
        term defined, the asked kinds listed, who does the asked act …) weigh more. A definition
        question is answered first by the passages that define the asked term, the higher law first
        (上位法: the national law's definition before a province's), then the rest."""
        parsed, chunks = found.parsed, self.index.chunks
        answer_fit = AnswerFit()
        defining, period_fit, stated_of = answer_fit.defining, answer_fit.period_fit, answer_fit.stated
        if asked and self.settings.answer_type_weight:
            names = {t.name for t in asked}
            asks_period = "period" in names
            defined, listed = defined_term(parsed.text), kinds_term(parsed.text)  # once, not per passage
            holder = holder_asked(parsed.text) if "kinds" in names else ("", "")
            scope = next((t for t in asked if t.name == "scope"), None)
            member = member_of(parsed.text) if "membership" in names else ("", "")
            rare = self.rare_words(found.words) if scope else []
            acted = acted_verb(parsed.text) if "body" in names else ""
            framing = [t for t in asked if t.name in FRAMING]
            # A kinds or conditions question asks when an act is done; its words are read once, not per passage.
            listing = list(found.words.weights) if names & {"kinds", "conditions"} else []
            kinds_unlike_steps = "kinds" in names and "steps" not in names
            for chunk_id in scores:
                chunk = chunks[chunk_id]
                # A period question is answered by the article whose period is for the asked action.
                finer = {"period": periods.fit(parsed.text, chunk)} if asks_period and chunk.article else {}
                if finer:
                    period_fit[chunk_id] = finer["period"]
                if kinds_unlike_steps and steps_listed(chunk.text):
                    finer["kinds"] = 0.0  # the steps of a procedure are no kinds of what was asked
                if (fit := finer.get("period", 0.0)) >= periods.PERIOD_FIT:
                    scores[chunk_id] *= 1 + (PERIOD_BOOST - 1) * fit
                if (defines := definition_fit(defined, chunk.text)) is not None:
                    finer["definition"] = defines
                    if defines:
                        scores[chunk_id] *= DEFINITION_BOOST
                        defining.add(chunk_id)
                if listing and negated_in_head(listing, parsed.text, chunk.text):
                    scores[chunk_id] *= NEGATED_HEAD
                if kinds_fit(listed, chunk.text) or holder_fit(holder, chunk.text):
                    scores[chunk_id] *= KINDS_BOOST
                elif scope and scope.article.search(chunk.text) and listed_in_items(rare, chunk.text):
                    scores[chunk_id] *= KINDS_BOOST  # a scope list naming the asked act (任免 in 第十二条（三）)
                elif lists_as_member(member, chunk.text):
                    scores[chunk_id] *= KINDS_BOOST  # the list of the asked kind, naming the thing as an item
                if names_actor(acted, chunk.text):  # who does the asked act, beside the jurisdiction cue
                    finer["body"] = 1.0
                if any(t.article.search(chunk.text) for t in framing):
                    scores[chunk_id] *= FRAMING_BOOST
                stated = stated_of[chunk_id] = self.answer_types.stated(asked, chunk.text, finer)
                scores[chunk_id] *= 1 + self.settings.answer_type_weight * stated
        return answer_fit

    def ordered(self, scores: dict[str, float], defining: set[str]) -> list[str]:
        """Best first; a definition question's defining passages before the rest, the higher law first."""
        chunks = self.index.chunks

        def key(cid: str) -> tuple[bool, float, float]:
            rank_of_law = self.settings.kind_weights.get(chunks[cid].kind, 1.0) if cid in defining else 0.0
            return (cid not in defining, -rank_of_law, -scores[cid])

        return sorted(scores, key=key)

    def weigh_question(self, found: Candidates, scores: dict[str, float]) -> None:
        """The priors that choose among passages on the topic (refusal reads the topic before them):
        the laws people often ask about, the procedure law of a court question's case, no court's
        rule for a question on reconsideration alone, and the passage holding more of the question."""
        parsed, chunks = found.parsed, self.index.chunks
        if self.law_prior is not None and self.settings.law_prior_weight and not parsed.title:
            # A question that names no law is more likely about a law people often ask about.
            for chunk_id in scores:
                share = self.law_prior.share(chunks[chunk_id].title)
                scores[chunk_id] *= 1 + self.settings.law_prior_weight * share
        litigation, weight = self.litigation, self.settings.litigation_weight
        if litigation is not None and weight and not parsed.title and about_court(parsed.text):
            # The procedure law of the case asked about: 传票, 证据 and 执行 are ruled in both.
            civil = litigation.civil_share(tokenize(parsed.text))  # the words as the table was learned on
            for chunk_id in scores:
                scores[chunk_id] *= litigation.factor(chunks[chunk_id].title, civil, weight)
        if not parsed.title and asks_reconsideration_alone(parsed.text):
            for chunk_id in scores:  # not answered by a court's rule
                if court_rule_without_reconsideration(chunks[chunk_id].title, chunks[chunk_id].text):
                    scores[chunk_id] *= CONTRADICTED_SUBJECT
        if self.settings.coverage_weight:
            # Of the passages on the topic, the one that holds more of what was asked.
            for chunk_id in scores:
                scores[chunk_id] *= 1 + self.settings.coverage_weight * self.coverage(found.words, chunks[chunk_id])

    def lead_first(self, ordered: list[str], asked: list[AnswerType], fit: AnswerFit, agreed: str | None) -> list[str]:
        """The lead: the passage whose period is for the asked action, or that names how the asked
        period is reckoned, within the first PERIOD_LEAD_WINDOW; else the one every ranking put first
        (agreed_first), unless a definition question's defining passages lead."""
        chunks = self.index.chunks
        if fit.period_fit:
            ordered = period_first(ordered, fit.period_fit)
        elif counted := next((t for t in asked if t.name in COUNTED_PERIOD), None):
            # 「审理期限从什么时候算」: the article naming the day a period counts from leads, as a period's
            # does; 「收到判决的那天算不算在十五天里」: the article on how days are counted
            window = ordered[:PERIOD_LEAD_WINDOW]  # all period_first reads
            naming = {cid: 1.0 for cid in window if chunks[cid].article and counted.article.search(chunks[cid].text)}
            ordered = period_first(ordered, naming)
        if not fit.defining:
            ordered = self.agreed_first(ordered, agreed, fit.stated)
        return ordered

    def agreed_first(self, ordered: list[str], agreed: str | None, stated: dict[str, float]) -> list[str]:
        """The article every ranking (dense, lexical, adapted) puts first leads, whatever the priors
        made of the order: they choose among passages the rankings leave close, and overruled
        agreement (「许可证有效期届满想要延续的，应当在届满前多少日提出申请」 was led by 许可法第四十七条's
        hearing periods over 第五十条, first in every ranking). Not when it stands below the top
        AGREED_WINDOW after them, nor over a passage that is no article (a report's figure: 「负责人
        出庭率是多少」), nor over a lead that states the kind of fact asked when it states none, nor
        when it is a rule made under a law revised since (outdated)."""
        chunks = self.index.chunks
        if (
            agreed is None
            or agreed not in ordered[:AGREED_WINDOW]
            or agreed == ordered[0]
            or not chunks[ordered[0]].article
        ):
            return ordered
        if stated.get(ordered[0], 0.0) > 0 and not stated.get(agreed, 0.0):
            return ordered  # the lead states the kind of fact asked (「交给哪个机关」: where), the agreed one none
        if self.restatements.outdated(chunks[agreed]):
            return ordered
        return [agreed, *(cid for cid in ordered if cid != agreed)]

    def waived(self, question: str, asked: list[AnswerType]) -> set[str]:
        """The kinds of document, and the titles, whose kind weight a question waives: a judicial
        interpretation's when it asks how a rule applies to a case (answer type application), or how the
        court handles one in the procedure the interpretation is of (「行政诉讼中……，法院怎么处理」); a
        local regulation's when it names the regulation's place (「浙江这边……」) or a subject no other document
        governs (「……划入综合行政执法以后」)."""
        kinds = {"judicial_interpretation"} if any(t.name == "application" for t in asked) else set()
        named = {title for title, place in self.places.items() if place in question}
        if _ASKS_COURT_HANDLING.search(question):
            named |= {title for title in self.interpretations if self.subjects.said_of(question, title)}
        return kinds | named | {title for title, said in self.own_subjects.items() if said in question}

    def kind_weight(self, chunk: StoredChunk, waived: set[str]) -> float:
        if chunk.kind in waived or chunk.title in waived:
            return 1.0
        return self.settings.kind_weights.get(chunk.kind, 1.0)

    def grounding_score(self, words: QuestionWords, evidence: list[Evidence], topical: list[StoredChunk]) -> float:
        """0..1: word coverage of the best of the top 3 topical passages, and dense closeness."""
        if not evidence:
            return 0.0
        coverage = max(self.coverage(words, chunk) for chunk in topical)
        best = max(e.dense for e in evidence)
        floor, ceiling = self.settings.dense_floor, self.settings.dense_ceiling
        closeness = min(1.0, max(0.0, (best - floor) / (ceiling - floor)))
        return 0.5 * coverage + 0.5 * closeness

    def word_weights(self, tokens: list[str], text: str) -> QuestionWords:
        """The question's words, each weighted by how much it tells (idf), with the statute words
        that say the same (the synonym tables): read once per question, with its candidates. A phrase
        of the table said in the `text` (一起申请 → 同时) lends its statute words to the words inside it,
        so an article saying them covers those words (国家赔偿法第十一条's 同时提出 covers 一起)."""
        weights = {t: self.index.lexical.idf(t) for t in set(tokens)}
        forms = {t: (t, *self.synonyms.get(t, ()), *self.learned.get(t, ())) for t in weights}
        for phrase in (k for k in said_keys(text, self.synonyms) if k not in weights):
            for word in (t for t in weights if len(t) >= 2 and t in phrase):
                forms[word] = (*forms[word], *self.synonyms[phrase])
        return QuestionWords(weights, forms)

    def rare_words(self, words: QuestionWords) -> list[str]:
        """The question's words, and their statute words, that few passages say (under RARE_SHARE):
        what tells one item of a scope list from the others (任免, 治安), not 决定 or 不服."""
        lexical = self.index.lexical
        said = {form for word in words.weights if len(word) >= 2 for form in words.forms[word]}
        return [w for w in said if len(w) >= 2 and 0 < lexical.share(w) < RARE_SHARE]

    @staticmethod
    def coverage(words: QuestionWords, chunk: StoredChunk) -> float:
        """Share of the question's information (its idf-weighted words) found in the passage, a
        word counting as found when the passage says it or a statute word for it."""
        return word_share(words, f"{chunk.place} {chunk.text}".lower())  # every BM25 token of it is a substring


def word_share(words: QuestionWords, text: str) -> float:
    """The idf-weighted share of the words the text says, each in any of its forms; 0 for no words."""
    total = sum(words.weights.values())
    if not total:
        return 0.0
    return sum(w for t, w in words.weights.items() if any(f in text for f in words.forms[t])) / total


def local_own_subjects(documents: list[DocRecord], places: dict[str, str]) -> dict[str, str]:
    """Title → what a local regulation governs that no other document's title names (浙江省综合行政执法条例:
    综合行政执法; not 浙江省法律援助条例's 法律援助, the national 法律援助法's too)."""
    out: dict[str, str] = {}
    others = {subject(d.title) for d in documents}  # a title once, however many versions the base holds
    for title in places:
        own = subject(without_place(title))
        if len(own) >= 4 and sum(own in other for other in others) == 1:
            out[title] = own
    return out


def local_places(documents: list[DocRecord]) -> dict[str, str]:
    """Title → the place a local regulation is made for (浙江省综合行政执法条例: 浙江)."""
    places = {doc.title: place_of(doc.title) for doc in documents if doc.kind == "local_regulation"}
    return {title: place for title, place in places.items() if place}


def period_first(ordered: list[str], fit: dict[str, float]) -> list[str]:
    """A period question is answered by the period of the asked action: when the best passage
    sets none (「对处罚决定不服，多久内可以申请复议」: 复议法第三十二条 says 处罚决定、不服、申请行政复议, but
    its only period is the 五日 in which the 行政机关 转送s), one of the next few that does
    (第二十条's 六十日 for 提出行政复议申请) leads; the order is otherwise kept."""
    if not ordered or fit.get(ordered[0], 0.0) >= periods.PERIOD_FIT:
        return ordered
    fitting = next((c for c in ordered[:PERIOD_LEAD_WINDOW] if fit.get(c, 0.0) >= periods.PERIOD_FIT), None)
    return [fitting, *(c for c in ordered if c != fitting)] if fitting else ordered
