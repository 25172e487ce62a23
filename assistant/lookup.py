"""Clause lookup for hotline staff: only clauses that match, their true number, and where.

Two modes. "keyword" is exact: a clause matches when its text or label contains every
keyword (traditional or full-width input is folded first). "semantic" matches by meaning:
the query is cut into words, each word also matches the documents' words for it (当兵 →
退役军人, 补帖 → 补贴), a place matches the documents that apply there (江苏 → every Jiangsu
document, whatever its title), and the hybrid retriever orders the matches. A clause
must match every word; when none does, the clauses matching the most words are returned
and the result says it is partial. Embedding neighbours with no word in common are never
counted: on a nonsense query they would fill the list with unrelated clauses.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, Field

from assistant.jurisdiction import find_places
from assistant.models import Clause, DocumentMeta, Jurisdiction
from assistant.present import merge_spans
from assistant.question.understand import understand
from assistant.retrieval.hybrid import HybridRetriever
from assistant.store.types import Catalog, StoreFilter
from assistant.text.chinese import to_halfwidth, to_simplified
from assistant.text.segment import normalise_query, phrases_for, says_phrase, segment, stopwords, thesaurus

LookupMode = Literal["keyword", "semantic"]
Span = tuple[int, int]
_SEPARATORS = re.compile(r"[\s,，、;；/|]+")
MAX_TERMS = 10


class LookupFilters(BaseModel):
    doc_id: str | None = Field(None, description="Only this document")
    province: str | None = Field(None, description="Only documents of this province-level region")
    city: str | None = Field(
        None, description="With province: only documents that apply in this city (its own and the province's)"
    )
    in_force_only: bool = Field(False, description="Leave out documents past their period")


class LookupHit(BaseModel):
    clause: Clause
    doc: DocumentMeta
    expired: bool
    text_spans: list[Span] = Field(default_factory=list, description="Matched words in clause.text")
    label_spans: list[Span] = Field(default_factory=list, description="Matched words in clause.label")


class LookupResult(BaseModel):
    query: str
    mode: LookupMode
    terms: list[str] = Field(description="The words matched: the keywords, or the query's search words")
    total: int = Field(description="How many clauses match, before the display limit")
    hits: list[LookupHit] = Field(description="The first matches, best first")
    partial: bool = Field(False, description="No clause matched every word; these match the most")
    places: list[str] = Field(default_factory=list, description="Places the semantic query was limited to")
    suggestion: str | None = Field(
        None, description="When nothing matched: the keywords as the documents write them (补帖 → 补贴)"
    )


def keywords(query: str) -> list[str]:
    """The query's keywords, folded to the documents' form (simplified, half-width, lower case)."""
    folded = to_simplified(to_halfwidth(query)).lower()
    return list(dict.fromkeys(t for t in _SEPARATORS.split(folded) if t))[:MAX_TERMS]


def find_spans(text: str, terms: list[str]) -> list[Span]:
    """Every occurrence of every term in the text (case-insensitive), merged."""
    hay = text.lower() if len(text.lower()) == len(text) else text
    spans: list[Span] = []
    for term in terms:
        start = hay.find(term)
        while start >= 0 and term:
            spans.append((start, start + len(term)))
            start = hay.find(term, start + len(term))
    return merge_spans(spans)


def _hit(clause: Clause, meta: DocumentMeta, today: dt.date, terms: list[str]) -> LookupHit:
    return LookupHit(
        clause=clause,
        doc=meta,
        expired=meta.expired(today),
        text_spans=find_spans(clause.text, terms),
        label_spans=find_spans(clause.label, terms),
    )


def _passes(meta: DocumentMeta, filters: LookupFilters, today: dt.date) -> bool:
    if filters.doc_id and meta.doc_id != filters.doc_id:
        return False
    if filters.province and (meta.jurisdiction is None or meta.jurisdiction.province != filters.province):
        return False
    if filters.city and meta.jurisdiction is not None and meta.jurisdiction.city not in (None, filters.city):
        return False
    return not (filters.in_force_only and meta.expired(today))


def lookup(
    index: Catalog,
    retriever: HybridRetriever,
    query: str,
    mode: LookupMode = "keyword",
    filters: LookupFilters | None = None,
    limit: int = 50,
) -> LookupResult:
    """Clauses matching `query` under `filters`: the true count and the first `limit`."""
    filters = filters or LookupFilters()
    today = retriever.today
    if mode == "semantic":
        return _semantic(index, retriever, query, filters, limit)
    terms = keywords(query)
    matches = _keyword_matches(index, terms, filters, today)
    suggestion = None
    if not matches:
        # An exact search stays exact, but a word the documents spell otherwise (a typo, an
        # everyday word: 补帖, 退伍) is offered in their spelling when that finds something.
        known = [thesaurus().get(term, (term,))[0] for term in terms]
        if known != terms and _keyword_matches(index, known, filters, today):
            suggestion = " ".join(known)
    return LookupResult(
        query=query, mode="keyword", terms=terms, total=len(matches), hits=matches[:limit],
        suggestion=suggestion,
    )  # fmt: skip


def _keyword_matches(
    index: Catalog, terms: list[str], filters: LookupFilters, today: dt.date
) -> list[LookupHit]:
    """Clauses holding every term, most occurrences first (document order among equals)."""
    matches: list[tuple[int, LookupHit]] = []
    if terms:
        for clause in index.clauses:
            meta = index.documents[clause.doc_id]
            haystack = f"{clause.label}\n{clause.text}".lower()
            if not all(term in haystack for term in terms) or not _passes(meta, filters, today):
                continue
            hit = _hit(clause, meta, today, terms)
            matches.append((len(hit.text_spans) + len(hit.label_spans), hit))
    matches.sort(key=lambda pair: -pair[0])
    return [hit for _, hit in matches]


class Concept(BaseModel):
    """One word of a semantic query and the words that count as it."""

    word: str
    alternatives: list[str]


def concepts(query: str) -> tuple[list[Jurisdiction], list[Concept]]:
    """The places a query names, and its other words with their synonyms."""
    text = normalise_query(query)
    places: list[Jurisdiction] = []
    for match in find_places(text):
        if match.jurisdiction not in places:
            places.append(match.jurisdiction)
        text = text.replace(match.name, " ")
    stop = stopwords()
    found: dict[str, Concept] = {}
    for word in _words(text, stop):
        if word in found:
            continue
        synonyms = [c for colloquial in thesaurus() if colloquial in word for c in phrases_for(colloquial)]
        found[word] = Concept(word=word, alternatives=list(dict.fromkeys([word, *synonyms])))
    return places, list(found.values())[:MAX_TERMS]


# A short typed word the segmenter breaks into a single character and the rest (公租房 → 公 +
# 租房, 育儿假 → 育儿 + 假) is one word: a lone 公 or 假 matches nearly every clause, so its
# pieces would list "partial" matches for a word no document uses.
_ONE_WORD_CHARS = 4


def _words(text: str, stop: frozenset[str]) -> list[str]:
    words: list[str] = []
    for chunk in text.split():
        pieces = [w for w in segment(chunk) if w not in stop and any(ch.isalnum() for ch in w)]
        if len(chunk) <= _ONE_WORD_CHARS and len(pieces) > 1 and any(len(w) == 1 for w in pieces):
            pieces = [chunk]
        words += pieces
    return words


def _in_place(meta: DocumentMeta, places: list[Jurisdiction]) -> bool:
    if not places:
        return True
    if meta.jurisdiction is None:
        return False
    return any(
        meta.jurisdiction.province == p.province if p.city is None else meta.jurisdiction.covers(p)
        for p in places
    )


def _semantic(
    index: Catalog, retriever: HybridRetriever, query: str, filters: LookupFilters, limit: int
) -> LookupResult:
    places, words = concepts(query)
    today = retriever.today
    scored: dict[str, tuple[int, Clause]] = {}  # clause id → (words matched, clause)
    for clause in index.clauses:
        meta = index.documents[clause.doc_id]
        if not _passes(meta, filters, today) or not _in_place(meta, places):
            continue
        haystack = f"{clause.label}\n{clause.text}".lower()
        matched = sum(any(says_phrase(haystack, alt) for alt in c.alternatives) for c in words)
        if matched or (places and not words):
            scored[clause.clause_id] = (matched, clause)
    best = max((m for m, _ in scored.values()), default=0)
    partial = 0 < best < len(words)
    kept = {cid: clause for cid, (m, clause) in scored.items() if m == best}
    # The retriever's order first (it weighs meaning and the places asked about), then
    # document order for the matches it did not rank.
    info = understand(query, list(index.documents.values()))
    # The store ranks only clauses of the chosen file and places (a filter inside its engine),
    # so a narrow choice is ordered by meaning, not left to document order.
    where = StoreFilter(
        doc_ids=(filters.doc_id,) if filters.doc_id else (),
        places=tuple(places)
        or ((Jurisdiction(province=filters.province, city=filters.city),) if filters.province else ()),
    )
    hits = retriever.retrieve(info, k=retriever.settings.candidates, where=where)
    ranked = [h.clause.clause_id for h in hits]
    position = {cid: i for i, cid in enumerate(ranked)}
    order = sorted(kept, key=lambda cid: position.get(cid, len(position)))
    terms = sorted({alt for c in words for alt in c.alternatives}, key=len, reverse=True)
    hits = [_hit(kept[cid], index.documents[kept[cid].doc_id], today, terms) for cid in order[:limit]]
    return LookupResult(
        query=query, mode="semantic", terms=terms, total=len(order), hits=hits, partial=partial,
        places=[p.label for p in places],
    )  # fmt: skip
