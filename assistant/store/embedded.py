"""The embedded store: today's index (FAISS + bm25s in local files, store/index_store.py)
behind the ClauseStore Protocol. The default for one machine."""

from __future__ import annotations

import numpy as np

from assistant.embedding.embedder import Embedder
from assistant.models import DocumentMeta
from assistant.store import dense
from assistant.store.clause_index import (
    FORMAT_VERSION,
    MAX_QUERY_CHARS,
    ClauseIndex,
    ClauseSentences,
    Manifest,
    index_text,
)
from assistant.store.dense import build_faiss, index_kind, stored_vectors
from assistant.store.fusion import best_of_clause_and_sentences, fuse
from assistant.store.sparse import SparseIndex
from assistant.store.types import (
    Catalog,
    FusedHit,
    Fusion,
    Hit,
    StoredClause,
    StoreFilter,
    corpus_order,
)
from assistant.text.segment import tokenize

SENTENCES_PER_CLAUSE_HIT = 4  # sentence candidates per clause asked for (several share a clause)


class EmbeddedStore:
    kind = "embedded"

    def __init__(
        self, index: ClauseIndex | None, exact_max: int = 250_000, embedder: Embedder | None = None
    ) -> None:
        """Over a built index; `index` None (with the `embedder` to use) is an empty store."""
        self.exact_max = exact_max
        self._embedder = embedder or (index.embedder if index else None)
        self._set(index)

    def _set(self, index: ClauseIndex | None) -> None:
        self.index = index
        clauses = index.clauses if index else []
        self._catalog = Catalog(index.documents if index else {}, clauses, dict(index.rows) if index else {})
        self._doc_of_row = np.array([c.doc_id for c in clauses], dtype=object)

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    def embed_query(self, text: str) -> np.ndarray:
        if self.index is None:
            assert self._embedder is not None
            return np.asarray(self._embedder.embed_query(text[:MAX_QUERY_CHARS]), dtype=np.float32)
        return self.index.embed_query(text)

    # -- searches ----------------------------------------------------------------------
    def _allowed(self, where: StoreFilter | None) -> np.ndarray | None:
        """A boolean per clause row, or None when nothing is filtered."""
        if where is None or where.empty:
            return None
        admitted = {d for d, meta in self._catalog.documents.items() if where.admits(meta)}
        return np.fromiter((d in admitted for d in self._doc_of_row), dtype=bool, count=len(self._doc_of_row))

    def dense_search(self, vector: np.ndarray, k: int, where: StoreFilter | None = None) -> list[Hit]:
        allowed = self._allowed(where)
        index = self.index
        if index is None:
            return []
        rows = None if allowed is None else np.flatnonzero(allowed)
        clause_hits = [
            Hit(index.clauses[r].clause_id, s) for r, s in dense.search(index.dense, vector, k, rows)
        ]
        sentence_hits: list[Hit] = []
        if index.sentences.index is not None:
            owner = index.sentences.owner
            sentences = None if allowed is None else np.flatnonzero(allowed[owner])
            found = dense.search(index.sentences.index, vector, SENTENCES_PER_CLAUSE_HIT * k, sentences)
            sentence_hits = [Hit(index.clauses[int(owner[s])].clause_id, score) for s, score in found]
        return best_of_clause_and_sentences(clause_hits, sentence_hits, k, self._catalog.position)

    def keyword_search(self, text: str, k: int, where: StoreFilter | None = None) -> list[Hit]:
        if self.index is None:
            return []
        found = self.index.sparse.search_tokens(tokenize(text), k, self._allowed(where))
        # Equal BM25 scores (a clause repeated in another document) keep corpus order.
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return [Hit(self.index.clauses[row].clause_id, score) for row, score in found]

    def hybrid_search(
        self, vector: np.ndarray, text: str, k: int, fusion: Fusion, where: StoreFilter | None = None
    ) -> list[FusedHit]:
        dense_hits = self.dense_search(vector, k, where)
        sparse_hits = self.keyword_search(text, k, where)
        return fuse(dense_hits, sparse_hits, fusion, self._catalog.position)

    # -- evidence ----------------------------------------------------------------------
    def sentence_vectors_of(self, clause_id: str) -> np.ndarray | None:
        return self.index.sentence_vectors_of(clause_id) if self.index else None

    def idf(self, token: str) -> float | None:
        return self.index.sparse.idf(token) if self.index else None

    # -- writes ------------------------------------------------------------------------
    def upsert(self, documents: list[DocumentMeta], clauses: list[StoredClause]) -> None:
        """Write these documents' metadata and these clauses (by clause id), in memory: FAISS
        and BM25 are rebuilt from the vectors kept and given (nothing is embedded again).
        The app's persisted index is still written by index_store.rebuild from the sources."""
        self._replace(set(), documents, clauses)

    def delete_documents(self, doc_ids: list[str]) -> None:
        self._replace(set(doc_ids), [], [])

    def _replace(self, doc_ids: set[str], documents: list[DocumentMeta], clauses: list[StoredClause]) -> None:
        """Upsert by clause id: given clauses replace those with their ids; documents in
        `doc_ids` without a `documents` entry (deleted ones) lose their clauses."""
        old = self.index
        deleted = doc_ids - {d.doc_id for d in documents}
        given = {s.clause.clause_id for s in clauses}
        kept: list[StoredClause] = []
        if old is not None:
            vectors = stored_vectors(old.dense)
            for row, clause in enumerate(old.clauses):
                if clause.doc_id in deleted or clause.clause_id in given:
                    continue
                kept.append(StoredClause(clause, vectors[row], np.asarray(old.sentences.of_row(row))))
        metas = {d: m for d, m in self._catalog.documents.items() if d not in deleted}
        metas.update({d.doc_id: d for d in documents})
        rows = sorted([*kept, *clauses], key=lambda s: corpus_order(metas[s.clause.doc_id], s.clause))
        self._set(_index_of(old, self._embedder, metas, rows, self.exact_max) if rows else None)


def _index_of(
    old: ClauseIndex | None,
    embedder: Embedder | None,
    metas: dict[str, DocumentMeta],
    rows: list[StoredClause],
    exact_max: int,
) -> ClauseIndex:
    dimension = len(rows[0].vector)
    clause_vectors = np.vstack([r.vector for r in rows]) if rows else np.zeros((0, dimension), np.float32)
    sentence_vectors = (
        np.vstack([r.sentence_vectors for r in rows]).astype(np.float16)
        if rows
        else np.zeros((0, dimension), np.float16)
    )
    offsets = np.concatenate([[0], np.cumsum([len(r.sentence_vectors) for r in rows])]).astype(np.int64)
    clauses = [r.clause for r in rows]
    ordered = dict(sorted(metas.items(), key=lambda kv: (kv[1].source_file, kv[0])))
    dense_index = build_faiss(clause_vectors.astype(np.float32), exact_max)
    if old is not None:
        manifest = old.manifest.model_copy(update={"clause_count": len(clauses)})
    else:  # filled through upsert alone: nothing was built from a corpus
        assert embedder is not None
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            encoder_id=embedder.id,
            encoder_config=embedder.id,
            dimension=dimension,
            clause_count=len(clauses),
            faiss_type=index_kind(dense_index),
        )
    return ClauseIndex(
        clauses,
        ordered,
        dense_index,
        SparseIndex.build([index_text(c) for c in clauses]),
        old.embedder if old is not None else embedder,  # type: ignore[arg-type]
        manifest,
        ClauseSentences.indexed(sentence_vectors, offsets, exact_max),
    )
