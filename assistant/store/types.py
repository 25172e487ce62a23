"""The clause store in the project's own terms: what is stored, how it is filtered and
what a search returns. `ClauseStore` is the Protocol both stores satisfy (embedded.py:
FAISS + bm25s in local files; milvus.py: a Milvus collection, Lite or server)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

# The in-force period as yyyymmdd ints lives with DocumentMeta: ingest (the benefit catalogue)
# and both stores read it.
from assistant.models import (
    NATIONAL,
    NO_DATE,
    Clause,
    DocumentMeta,
    Jurisdiction,
    date_key,
    document_period,
)

if TYPE_CHECKING:
    from assistant.ingest.benefits import BenefitCatalog


class StoreFilter(BaseModel):
    """Which clauses a search may return. Every field that is set narrows; each runs inside
    the engine (FAISS id selector and a BM25 mask; a Milvus boolean expression), so the k
    results are the best k of the clauses that pass, never fewer because of the filter."""

    model_config = ConfigDict(frozen=True)

    places: tuple[Jurisdiction, ...] = Field(
        (), description="Only documents that apply in one of these places (national ones apply everywhere)"
    )
    in_force_on: dt.date | None = Field(
        None, description="Only documents in force that day: begun, not past their end, not repealed"
    )
    doc_ids: tuple[str, ...] = Field((), description="Only these documents")

    @property
    def empty(self) -> bool:
        return not self.places and self.in_force_on is None and not self.doc_ids

    def admits(self, meta: DocumentMeta) -> bool:
        """The same rule as the engines' expressions, on one document (for the embedded store)."""
        if self.doc_ids and meta.doc_id not in self.doc_ids:
            return False
        if self.places and not any(_applies_in(meta.jurisdiction, p) for p in self.places):
            return False
        if self.in_force_on is not None:
            day = date_key(self.in_force_on, NO_DATE)
            start, end = document_period(meta)
            if not start <= day <= end:
                return False
        return True


def _applies_in(doc: Jurisdiction | None, place: Jurisdiction) -> bool:
    """A national document applies everywhere, a province's in all its cities, a city's in
    that city; asked about a whole province, its cities' documents apply too."""
    if doc is None:
        return False
    if doc.province == NATIONAL:
        return True
    if doc.province != place.province:
        return False
    return place.city is None or doc.city is None or doc.city == place.city


@dataclass(frozen=True)
class Fusion:
    """Weighted reciprocal-rank fusion: score = Σ weight / (k + rank). Ranks only, never raw
    scores: BM25 and cosine scores are on different scales (and Milvus Lite's BM25 is negative)."""

    k: int = 10
    dense_weight: float = 0.4
    sparse_weight: float = 1.0


@dataclass(frozen=True)
class Hit:
    """One clause a search returned: its id and the engine's score (only its order matters)."""

    clause_id: str
    score: float


@dataclass(frozen=True)
class FusedHit:
    clause_id: str
    score: float  # the fused RRF score
    dense_rank: int | None  # 1-based rank in the dense list, None if not in it
    sparse_rank: int | None


@dataclass(frozen=True)
class StoredClause:
    """A clause with what the store keeps for it: its vector (of `Clause.search_text`) and
    one vector per sentence (as `clause_sentences(clause)` lists them)."""

    clause: Clause
    vector: np.ndarray
    sentence_vectors: np.ndarray


@dataclass
class Catalog:
    """The documents and clauses in the store, in corpus order (documents by source file,
    clauses in document order). Every replica reads it from its store at open and reload;
    answering needs the documents' metadata, and lookup reads every clause."""

    documents: dict[str, DocumentMeta]
    clauses: list[Clause]
    position: dict[str, int] = field(default_factory=dict)  # clause_id → index in clauses

    def __post_init__(self) -> None:
        if not self.position:
            self.position = {c.clause_id: i for i, c in enumerate(self.clauses)}

    def clause(self, clause_id: str) -> Clause:
        return self.clauses[self.position[clause_id]]

    @cached_property
    def by_document(self) -> dict[str, list[Clause]]:
        """Each document's clauses in order, built on first use, once per catalog: an answer
        reading one document's own clauses does not walk the whole library for them."""
        out: dict[str, list[Clause]] = {}
        for clause in self.clauses:
            out.setdefault(clause.doc_id, []).append(clause)
        return out

    @cached_property
    def benefits(self) -> BenefitCatalog:
        """What the library grants, and to whom (ingest/benefits.py). Built from the clauses
        on first use, once per catalog: both stores replace their catalog when the library
        changes, and neither needs a schema of its own for it."""
        from assistant.ingest.benefits import build_catalog  # ingest reads this module's dates

        return build_catalog(self.documents, self.clauses)


def corpus_order(meta: DocumentMeta, clause: Clause) -> tuple[str, str, int]:
    """The order load_corpus gives: source files by name, then clauses in document order."""
    return (meta.source_file, meta.doc_id, clause.order)


def ordered_catalog(documents: dict[str, DocumentMeta], clauses: list[Clause]) -> Catalog:
    docs = dict(sorted(documents.items(), key=lambda kv: (kv[1].source_file, kv[0])))
    ordered = sorted(clauses, key=lambda c: corpus_order(docs[c.doc_id], c))
    return Catalog(docs, ordered)


class ClauseStore(Protocol):
    """Where clauses, their vectors and their BM25 terms live, and how they are searched.

    Searches return clause ids best first. `hybrid_search` fuses the dense and keyword lists
    by weighted RRF (fusion.py, the same code for every store); a clause scores in the dense
    list as its own vector or its best sentence, whichever is closer to the question.
    """

    kind: str  # "embedded" | "milvus"

    @property
    def catalog(self) -> Catalog: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def dense_search(self, vector: np.ndarray, k: int, where: StoreFilter | None = None) -> list[Hit]: ...

    def keyword_search(self, text: str, k: int, where: StoreFilter | None = None) -> list[Hit]: ...

    def hybrid_search(
        self, vector: np.ndarray, text: str, k: int, fusion: Fusion, where: StoreFilter | None = None
    ) -> list[FusedHit]: ...

    def sentence_vectors_of(self, clause_id: str) -> np.ndarray | None: ...

    def idf(self, token: str) -> float | None: ...

    def upsert(self, documents: list[DocumentMeta], clauses: list[StoredClause]) -> None: ...

    def delete_documents(self, doc_ids: list[str]) -> None: ...
