"""Hybrid retrieval: dense and sparse (BM25) ranks fused by the clause store, then shaped by
what the question is about: the asker's jurisdiction, the document it names, metadata
questions.

Filters and shaping are different things. A filter (StoreFilter: places, in force on a date,
documents) runs inside the store's engine and leaves out every clause that fails it; lookup
uses it for its 文件/地区/只看有效 choices. Answering uses no filter: a document outside the
asker's region still fills the list, lower down (its score × OUT_OF_JURISDICTION), so a
question about another province, or naming another city's notice, still finds it, and the
answerer can say which region a policy belongs to.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable

from assistant.ingest.benefits import is_sanction
from assistant.jurisdiction import lead_document
from assistant.models import DocumentMeta, Jurisdiction, QueryInfo, Retrieved
from assistant.question.answer_type import (
    Aspect,
    asks_aspect,
    asks_metadata,
    heads_aspect,
    states,
    titles_aspect,
)
from assistant.settings import RetrievalSettings
from assistant.store.clause_index import index_text
from assistant.store.fusion import fuse
from assistant.store.types import Catalog, ClauseStore, FusedHit, Fusion, StoreFilter
from assistant.text.sentences import clause_sentences

# A document outside the asker's jurisdiction still fills the list, but below the rest.
OUT_OF_JURISDICTION = 0.2
NAMED_DOCUMENT = 1.5
OTHER_DOCUMENT = 0.4  # a question about one document (by 文号, title or "它") is about it
CITY_FOR_PROVINCE_QUESTION = 0.6  # "江苏的…" means the province's documents first
# "无锡的…": the city's own document before the province's; "北京的…": Beijing's own rule
# before the national one (a local rule is the specific one where it exists).
PLACE_NAMED = 1.2
HEADER_FOR_METADATA = 3.0
# "怎么申请？", "要带什么材料？": a clause under the notice's own heading for it (申请程序,
# 申请材料) is what is asked, though its words ("提出申请") are few.
ASPECT_HEADING = 1.5
# Where the leading document's items titled for the asked aspect are placed: among the
# clauses the answer step reads, after the best three.
ASPECT_ITEMS_AT = 3
HEADER_OTHERWISE = 0.3  # the header chunk answers "which/when/who issued", little else
# A text with no issuer, no date and no place (a guide, a blog post, a case write-up) is
# weaker evidence than a law or a notice: its everyday wording matches everyday questions
# better than the law's does, so without this it fills the list ahead of the law itself.
UNSOURCED = 0.5


# Dense and sparse search fail on different questions: BM25 misses a question in everyday
# words that shares none of the law's, and meaning alone misses exact terms. Fusion by rank
# lets BM25's first dozen outrank dense search's best, so the clause closest in meaning is
# kept among the first DENSE_BEST_WITHIN whenever shaping did not demote it.
DENSE_BEST_WITHIN = 5

# When the question says nothing of where the asker is, a national law covers them wherever
# they are and one province's regulation only perhaps: the national text comes first. Laws
# only (an adoption line, …会议通过): a local notice is weighed by its topic, not its level.
# Measured on dev (this stop, beside 0.7 in the same run): labour-dev article@5 0.562 → 0.578,
# law@5 0.797 → 0.828; real-dev recall@5 0.805 → 0.829, key facts 0.732 both; the notices'
# dev with the laws as distractors unchanged.
LOCAL_UNPLACED = 0.5


def unsourced(meta: DocumentMeta) -> bool:
    """No issuer, no date and no jurisdiction: nobody answers for this text."""
    return meta.issuer is None and not meta.issuers and meta.date is None and meta.jurisdiction is None


def applies(meta: DocumentMeta, query: QueryInfo) -> bool | None:
    """Does this document cover the place the question is about? None when no place is known.

    Places named in the question come first (a Wuxi asker may ask about Ningxia); a
    province named covers the province's own documents and its cities' documents.
    """
    if meta.jurisdiction is None:
        return None
    places = query.places or ([query.asker_region] if query.asker_region else [])
    if not places:
        return None
    asker = query.asker_region
    if asker is not None and asker.city and meta.jurisdiction.city and not meta.jurisdiction.covers(asker):
        # "我在南通打工，江苏有什么…": 江苏 is named, but another city's notice is not the asker's.
        return any(p.city == meta.jurisdiction.city for p in query.places)
    return any(meta.jurisdiction.reaches(place) for place in places)


def placed_here(documents: Iterable[DocumentMeta], query: QueryInfo) -> bool:
    """The library holds a document of the question's own city or province (a national law
    does not count): then a document whose place ingest could not read is not taken as this
    place's rule, as it would be with nothing else to go on."""
    places = query.places or ([query.asker_region] if query.asker_region else [])
    return any(
        meta.jurisdiction is not None
        and meta.jurisdiction.level != "national"
        and any(meta.jurisdiction.reaches(place) for place in places)
        for meta in documents
    )


def province_level_request(meta: DocumentMeta, query: QueryInfo) -> bool:
    """A city document when the question names only the province ("江苏的政策")."""
    if meta.jurisdiction is None or meta.jurisdiction.city is None or not query.places:
        return False
    return all(p.city is None for p in query.places)


def names_place_of(meta: DocumentMeta, query: QueryInfo) -> bool:
    """The question names the document's own place (its city, or its province for a
    province's document); a national document names no place."""
    where = meta.jurisdiction
    if where is None or where.level == "national":
        return False
    if where.city is not None:
        return any(p.city == where.city for p in query.places)
    return any(p.province == where.province and p.city is None for p in query.places)


def keep_dense_best(hits: list[Retrieved], undemoted: set[str], within: int) -> list[Retrieved]:
    """Move the best dense hit up to place `within` when fusion left it lower.

    Only a clause in `undemoted` (one the question's places, named documents and header rule
    did not push down) moves; the others keep their order.
    """
    ranked = [h for h in hits if h.dense_rank is not None and h.clause.clause_id in undemoted]
    if not ranked:
        return hits
    best = min(ranked, key=lambda h: h.dense_rank or 0)
    position = hits.index(best)
    if position < within:
        return hits
    rest = hits[:position] + hits[position + 1 :]
    return [*rest[: within - 1], best, *rest[within - 1 :]]


class HybridRetriever:
    def __init__(
        self,
        store: ClauseStore,
        settings: RetrievalSettings,
        today: dt.date,
        reranker: Callable[[str, list[str]], list[float]] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.today = today
        self.reranker = reranker
        self.fusion = Fusion(settings.rrf_k, settings.dense_weight, settings.sparse_weight)

    @property
    def index(self) -> Catalog:
        """The store's documents and clauses."""
        return self.store.catalog

    def ranked(
        self, query: QueryInfo, mode: str = "hybrid", where: StoreFilter | None = None
    ) -> list[FusedHit]:
        """Clauses by fused score, best first, with their dense and sparse ranks.
        mode: hybrid|dense|sparse (one list alone is fused with nothing)."""
        n = self.settings.candidates
        store = self.store
        vector = store.embed_query(query.text) if mode in ("hybrid", "dense") else None
        if mode == "hybrid":
            assert vector is not None
            return store.hybrid_search(vector, query.normalised, n, self.fusion, where)
        dense = store.dense_search(vector, n, where) if vector is not None else []
        sparse = store.keyword_search(query.normalised, n, where) if mode == "sparse" else []
        return fuse(dense, sparse, self.fusion, store.catalog.position)

    def retrieve(
        self, query: QueryInfo, k: int | None = None, mode: str = "hybrid", where: StoreFilter | None = None
    ) -> list[Retrieved]:
        """The k best clauses for the question, shaped by its places and the documents it
        names; `where` first leaves out the clauses that fail it, inside the store."""
        k = k or self.settings.top_k
        metadata_question = asks_metadata(query.normalised)
        aspect = asks_aspect(query.normalised)
        catalog = self.store.catalog
        hits: list[Retrieved] = []
        undemoted: set[str] = set()
        # Whether the library has rules of the question's own place: read over every document,
        # so only once a hit's document has no place of its own asks for it.
        local = functools.cache(lambda: placed_here(catalog.documents.values(), query))
        for fused in self._with_named_documents(query, mode, where):
            clause = catalog.clause(fused.clause_id)
            meta = catalog.documents[clause.doc_id]
            score, d_rank, s_rank = fused.score, fused.dense_rank, fused.sparse_rank
            in_scope = False if meta.jurisdiction is None and local() else applies(meta, query)
            if in_scope is False and meta.doc_id not in query.doc_ids:
                score *= OUT_OF_JURISDICTION
            elif province_level_request(meta, query):
                score *= CITY_FOR_PROVINCE_QUESTION
            elif names_place_of(meta, query):
                score *= PLACE_NAMED
            if meta.doc_id in query.doc_ids:
                score *= NAMED_DOCUMENT
            elif query.doc_ids:
                score *= OTHER_DOCUMENT
            if in_scope is None and meta.is_local_law and meta.doc_id not in query.doc_ids:
                score *= LOCAL_UNPLACED
            if unsourced(meta) and meta.doc_id not in query.doc_ids:
                score *= UNSOURCED
            if clause.kind == "header":
                score *= HEADER_FOR_METADATA if metadata_question else HEADER_OTHERWISE
            score *= (
                ASPECT_HEADING if aspect and heads_aspect([*clause.headings, clause.label], aspect) else 1.0
            )
            if score >= fused.score:
                undemoted.add(clause.clause_id)
            hits.append(
                Retrieved(
                    clause=clause,
                    doc=meta,
                    score=score,
                    dense_rank=d_rank,
                    sparse_rank=s_rank,
                    expired=meta.expired(self.today),
                    applies=in_scope,
                )
            )
        hits.sort(key=lambda h: -h.score)
        hits = keep_dense_best(hits, undemoted, DENSE_BEST_WITHIN)
        if self.reranker is not None:
            hits = self._rerank(query, hits)
        return _with_aspect_items(hits, k, aspect, query.places, catalog)

    def _with_named_documents(self, query: QueryInfo, mode: str, where: StoreFilter | None) -> list[FusedHit]:
        """The fused list, and the best clauses of the documents the question names (or
        carries by "它") when the whole library's search left them out: "那它现在还有效吗？"
        after a question naming a notice is about that notice, however many laws share its
        words. They join with their score in that document's own search and no rank in the
        library's lists."""
        fused = self.ranked(query, mode, where)
        if not query.doc_ids or (where is not None and where.doc_ids):
            return fused
        narrow = (where or StoreFilter()).model_copy(update={"doc_ids": tuple(query.doc_ids)})
        seen = {f.clause_id for f in fused}
        extra = [
            FusedHit(f.clause_id, f.score, None, None)
            for f in self.ranked(query, mode, narrow)
            if f.clause_id not in seen
        ]
        return [*fused, *extra]

    def _rerank(self, query: QueryInfo, hits: list[Retrieved]) -> list[Retrieved]:
        """Reorder the head of the list by a cross-encoder, keeping jurisdiction demotion."""
        head, tail = hits[:20], hits[20:]
        texts = [index_text(h.clause) for h in head]
        assert self.reranker is not None
        for hit, score in zip(head, self.reranker(query.normalised, texts), strict=True):
            hit.score = float(score) * (OUT_OF_JURISDICTION if hit.applies is False else 1.0)
        head.sort(key=lambda h: -h.score)
        return head + tail


def _with_aspect_items(
    hits: list[Retrieved], k: int, aspect: Aspect | None, places: list[Jurisdiction], catalog: Catalog
) -> list[Retrieved]:
    """The k best, with the leading document's items titled for the asked aspect kept in
    ("（三）申请时限。应在取得证书之日起12个月内…" for "有没有时间限制？"), or else those
    that state it ("…按半年度发放至本人社会保障卡" for "发到哪里？"): their text seldom
    shares a word with the question, so the search alone can rank them below what the
    answer step reads."""
    if aspect is None or not hits:
        return hits[:k]
    lead_id = lead_document([h.doc for h in hits[:k]], places)
    lead = [h for h in hits[ASPECT_ITEMS_AT:] if h.doc.doc_id == lead_id]
    unfound = _unfound(hits, lead_id, catalog)
    # An article stating it with no title of its own ("第九条 岗位津贴所需资金由市、县市区两级
    # 财政按5:5比例分担"), wherever search ranked it: in a notice, not in a law of hundreds of
    # articles, many of which state a time limit or a procedure (the labour-law questions lost
    # 0.016 of their article@5 when every article of a law was read so).
    notice = len(catalog.by_document.get(lead_id, [])) <= _SHORT_DOCUMENT
    titled = [h for h in [*lead, *unfound] if _titled(h, aspect)][:2] or [
        h
        for h in [*lead, *(unfound if notice else [])]
        if any(_states(s.text, aspect, notice) for s in clause_sentences(h.clause))
    ][:2]
    rest = [h for h in hits if h not in titled]
    return [*rest[:ASPECT_ITEMS_AT], *titled, *rest[ASPECT_ITEMS_AT:]][:k]


_SHORT_DOCUMENT = 60  # clauses: a notice or a 办法, not a law


def _states(sentence: str, aspect: Aspect, notice: bool) -> bool:
    """The sentence states the aspect; in a notice, a sanction ("…追回已发放资金，并取消其三年
    内申领资格") states no time limit or procedure of anyone's. (A law's articles are left as
    they were ranked: one labour-law question lost its law when its sanctions were skipped.)"""
    return states(sentence, aspect) and not (notice and is_sanction(sentence))


def _titled(hit: Retrieved, aspect: Aspect) -> bool:
    return titles_aspect(hit.clause.label, hit.clause.headings, aspect)


def _unfound(hits: list[Retrieved], doc_id: str, catalog: Catalog) -> list[Retrieved]:
    """The document's clauses neither search found ("（二）所需资料。居民身份证、…" shares no
    word with "要什么材料", and a small model can rank it below fifty others), as hits of
    the lowest score found: an item titled for the asked aspect is read wherever it ranked."""
    found = {h.clause.clause_id for h in hits}
    model = next(h for h in hits if h.doc.doc_id == doc_id)
    lowest = hits[-1].score
    return [
        model.model_copy(update={"clause": c, "score": lowest, "dense_rank": None, "sparse_rank": None})
        for c in catalog.by_document.get(doc_id, [])
        if c.clause_id not in found
    ]
