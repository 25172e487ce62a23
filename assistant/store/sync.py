"""Bring a Milvus clause store up to date with documents, writing only what changed.

Each clause row carries a key: a hash of the clause, of the fields its document lends it
(jurisdiction, period) and of the encoder. A clause whose key is unchanged is not written,
a clause that changed is written again (its vectors from the embedding cache when its text
is unchanged), and a document's clauses that disappeared are deleted. Nothing here reads
the other replicas' folders: a sync says which documents it writes or deletes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time

import numpy as np
from pydantic import BaseModel, Field

from assistant.embedding.cache import EmbeddingCache, embed_with_cache
from assistant.embedding.embedder import Embedder
from assistant.ingest.validity import resolve_repeals
from assistant.models import Clause, Document, DocumentMeta
from assistant.store.clause_index import index_text
from assistant.store.milvus import MilvusStore
from assistant.store.milvus_schema import scalars
from assistant.store.types import StoredClause
from assistant.text.sentences import clause_sentences

log = logging.getLogger(__name__)


class SyncReport(BaseModel):
    documents_written: list[str] = Field(default_factory=list, description="Added or changed documents")
    documents_deleted: list[str] = Field(default_factory=list)
    clauses_written: int = 0
    clauses_deleted: int = 0
    clauses_unchanged: int = 0
    vectors_computed: int = Field(0, description="Texts embedded by the model; the rest came from the cache")
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.documents_written or self.documents_deleted)


def embed_clauses(
    clauses: list[Clause], embedder: Embedder, cache: EmbeddingCache | None
) -> list[StoredClause]:
    """Each clause with its vector and its sentences' vectors, computed as the embedded
    build computes them (the same texts, the same cache; sentences rounded to float16 as
    the embedded store keeps them), so both stores hold the same vectors."""
    vectors = embed_with_cache(embedder, [index_text(c) for c in clauses], cache)
    contexts = [[s.context for s in clause_sentences(c)] for c in clauses]
    flat = [text for group in contexts for text in group]
    sentence_vectors = embed_with_cache(embedder, flat, cache).astype(np.float16).astype(np.float32)
    out, start = [], 0
    for clause, vector, group in zip(clauses, vectors, contexts, strict=True):
        out.append(StoredClause(clause, vector, sentence_vectors[start : start + len(group)]))
        start += len(group)
    return out


def row_key(clause: Clause, meta: DocumentMeta, encoder: str) -> str:
    data = {"clause": clause.model_dump(mode="json"), "fields": scalars(meta), "encoder": encoder}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]


def sync_documents(
    store: MilvusStore,
    documents: list[Document],
    embedder: Embedder,
    cache: EmbeddingCache | None,
    delete: list[str] | None = None,
) -> SyncReport:
    """Write these documents (added or changed) and delete those named in `delete`.

    Repeals are resolved against every document in the store, so a notice that repeals a
    stored one marks it repealed (that document's rows are rewritten with its new period).
    """
    started = time.perf_counter()
    report = SyncReport()
    catalog = store.catalog
    deleted = [d for d in (delete or []) if d in catalog.documents]
    if deleted:
        store.delete_documents(deleted)
        report.documents_deleted = deleted
        catalog = store.catalog
    metas = {d: m.model_copy(deep=True) for d, m in catalog.documents.items()}
    for doc in documents:
        metas[doc.doc_id] = doc.meta.model_copy(deep=True)
    resolve_repeals(list(metas.values()))
    given = {doc.doc_id: doc.clauses for doc in documents}
    touched = [d for d, m in metas.items() if d in given or m != catalog.documents.get(d)]
    by_doc: dict[str, list[Clause]] = {}
    for clause in catalog.clauses:
        by_doc.setdefault(clause.doc_id, []).append(clause)
    changed: list[Clause] = []
    keys: dict[str, str] = {}
    stale: list[str] = []
    for doc_id in touched:
        clauses = given.get(doc_id, by_doc.get(doc_id, []))
        ids = {c.clause_id for c in clauses}
        stale += [c.clause_id for c in by_doc.get(doc_id, []) if c.clause_id not in ids]
        for clause in clauses:
            key = row_key(clause, metas[doc_id], embedder.id)
            if store.row_keys.get(clause.clause_id) == key:
                report.clauses_unchanged += 1
                continue
            keys[clause.clause_id] = key
            changed.append(clause)
    written_docs = [
        metas[d]
        for d in touched
        if metas[d] != catalog.documents.get(d) or any(c.doc_id == d for c in changed)
    ]
    if stale:
        store.delete_clauses(stale)
    if written_docs or changed:
        before = cache.count(embedder.id) if cache is not None else 0
        stored = embed_clauses(changed, embedder, cache)
        texts = len(stored) + sum(len(s.sentence_vectors) for s in stored)
        report.vectors_computed = cache.count(embedder.id) - before if cache is not None else texts
        store.write(written_docs, stored, keys)
    elif stale:
        store.refresh()
    report.documents_written = [m.doc_id for m in written_docs]
    report.clauses_written = len(changed)
    report.clauses_deleted = len(stale)
    report.seconds = round(time.perf_counter() - started, 3)
    log.info(
        "条款库已同步：写入 %d 份文件的 %d 条条款，删除 %d 份文件、%d 条条款，%d 条未变，新计算向量 %d 个",
        *(len(written_docs), len(changed), len(deleted), len(stale)),
        *(report.clauses_unchanged, report.vectors_computed),
    )
    return report
