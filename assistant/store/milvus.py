"""The clause store on Milvus: Milvus Lite (`store.uri` a local `.db` folder, one process),
`milvus-lite server` or a Milvus server (`http://host:19530` and a token).

What Lite does differently from a server, and what is done about it here:
- analyzers: Lite has "standard" and "jieba" only (no "whitespace", and it rejects
  {"type": "chinese"}); the project's tokens are stored pre-segmented, so each engine gets
  the analyzer that keeps them whole (milvus_schema.analyzer);
- BM25 scores come back negative from Lite: only the order is used, never the value;
- Lite keeps BM25 statistics per segment: after every write the collection is flushed and
  compacted into one segment, so every clause is scored with the same statistics;
- a reopened Lite collection is NotLoad: every collection is loaded at open;
- only one process may open a `.db` folder: several processes use `milvus-lite server`;
- text_match / phrase_match / run_analyzer are not used.
"""

from __future__ import annotations

import logging
import math
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

import numpy as np
from pymilvus import MilvusClient

from assistant.models import Clause, DocumentMeta
from assistant.store.fusion import best_of_clause_and_sentences, fuse
from assistant.store.milvus_schema import (
    Names,
    clause_json,
    create_collections,
    decode_term,
    expression,
    id_list,
    scalars,
    terms_text,
)
from assistant.store.types import (
    Catalog,
    FusedHit,
    Fusion,
    Hit,
    StoredClause,
    StoreFilter,
    ordered_catalog,
)
from assistant.text.segment import tokenize

log = logging.getLogger(__name__)

SENTENCES_PER_CLAUSE_HIT = 4  # as the embedded store: sentence candidates per clause asked for
_WRITE_BATCH = 256  # rows per upsert call (a gRPC message stays far below its size limit)
_READ_BATCH = 1000
_ID_BATCH = 500  # ids per `in [...]` expression
PREFETCH_SENTENCES = 16  # best-fused clauses whose sentence vectors are read with the search
_PREFETCH_KEPT = 4096
ENCODER_PROPERTY = "assistant.encoder"
GENERATION_PROPERTY = "assistant.generation"  # changed by every write, so replicas notice writes


def _vectors(rows: list[dict], dimension: int) -> np.ndarray:
    """A clause's sentence rows as one array, in sentence order."""
    if not rows:
        return np.zeros((0, dimension), dtype=np.float32)
    return np.asarray([r["vector"] for r in sorted(rows, key=lambda r: r["position"])], dtype=np.float32)


class StoreMismatch(RuntimeError):
    """The Milvus collections were written with another encoder; the message says what to do."""


class MilvusStore:
    kind = "milvus"

    def __init__(self, client: MilvusClient, prefix: str, dimension: int, embed_query, encoder: str) -> None:
        """`embed_query` turns a question into a vector; `encoder` names the encoder configuration
        (a store written with another one is refused, never mixed)."""
        self.client = client
        self.names = Names.of(prefix)
        self.dimension = dimension
        self.lite = client.get_server_version().startswith("milvus_lite")
        self._embed = embed_query
        self.embed_query = lru_cache(maxsize=1024)(self._embed_query)
        self._lock = threading.Lock()
        create_collections(client, self.names, dimension, self.lite)
        self._check_encoder(encoder)
        for name in (self.names.documents, self.names.clauses, self.names.sentences):
            client.load_collection(name)  # a reopened collection comes back NotLoad
        self._sentences = lru_cache(maxsize=4096)(self._read_sentences)
        self._prefetched: dict[str, np.ndarray] = {}
        self.refresh()

    def _embed_query(self, text: str) -> np.ndarray:
        vector = np.asarray(self._embed(text), dtype=np.float32)
        vector.setflags(write=False)
        return vector

    def _check_encoder(self, encoder: str) -> None:
        properties = self.client.describe_collection(self.names.clauses).get("properties", {})
        written = properties.get(ENCODER_PROPERTY)
        if written is None:
            self.client.alter_collection_properties(
                self.names.clauses, properties={ENCODER_PROPERTY: encoder}
            )
        elif written != encoder:
            raise StoreMismatch(
                f"Milvus 中的条款库是用另一个向量模型（{written}）写入的，当前配置为 {encoder}。"
                "请改回原来的模型，或换一个 store.collection_prefix 重新导入。"
            )

    # -- what is stored ------------------------------------------------------------------
    @property
    def generation(self) -> str:
        """A token every write changes: a replica whose catalog was read at another
        generation reads it again (service.py)."""
        properties = self.client.describe_collection(self.names.clauses).get("properties", {})
        return str(properties.get(GENERATION_PROPERTY, ""))

    def _bump(self) -> None:
        self.client.alter_collection_properties(
            self.names.clauses, properties={GENERATION_PROPERTY: uuid.uuid4().hex}
        )

    def refresh(self) -> None:
        """Read the documents and clauses again (another replica may have changed them)."""
        documents = {
            row["doc_id"]: DocumentMeta.model_validate(row["meta"])
            for row in self._scan(self.names.documents, ["doc_id", "meta"])
        }
        clauses: list[Clause] = []
        keys: dict[str, str] = {}
        document_frequency: Counter[str] = Counter()
        for row in self._scan(self.names.clauses, ["clause_id", "clause", "row_key", "terms"]):
            clause = Clause.model_validate(row["clause"])
            if clause.doc_id not in documents:  # a document deleted half-way by another replica
                continue
            clauses.append(clause)
            keys[clause.clause_id] = row["row_key"]
            document_frequency.update({decode_term(w) for w in row["terms"].split()})
        catalog = ordered_catalog(documents, clauses)
        with self._lock:
            self._catalog, self._row_keys, self._df = catalog, keys, document_frequency
        self._sentences.cache_clear()
        with self._lock:
            self._prefetched.clear()

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    @property
    def row_keys(self) -> dict[str, str]:
        """clause_id → the key of what was written for it (sync.py skips unchanged clauses)."""
        return self._row_keys

    def idf(self, token: str) -> float | None:
        """ln(1 + (N - df + 0.5) / (df + 0.5)), as the embedded store's BM25 computes it."""
        df = self._df.get(token, 0)
        if df == 0:
            return None
        size = len(self._catalog.clauses)
        return float(math.log(1 + (size - df + 0.5) / (df + 0.5)))

    def _scan(self, collection: str, fields: list[str], where: str = "") -> Iterator[dict]:
        """Every row matching `where`. A server pages through a query iterator; Lite has no
        AllocTimestamp for the iterator (it logs an error per call) and returns every row
        of one unbounded query instead."""
        if self.lite:
            key = (
                "doc_id"
                if collection == self.names.documents
                else ("clause_id" if collection == self.names.clauses else "sentence_id")
            )
            yield from self.client.query(collection, filter=where or f'{key} != ""', output_fields=fields)
            return
        iterator = self.client.query_iterator(
            collection, batch_size=_READ_BATCH, filter=where, output_fields=fields
        )
        try:
            while batch := iterator.next():
                yield from batch
        finally:
            iterator.close()

    # -- searches ------------------------------------------------------------------------
    def _search(
        self, collection: str, field: str, data: list, k: int, where: StoreFilter | None, output: list[str]
    ) -> list[dict]:
        if k <= 0:
            return []
        metric = "BM25" if field == "sparse" else "IP"
        results = self.client.search(
            collection,
            data=data,
            anns_field=field,
            limit=k,
            filter=expression(where),
            output_fields=output,
            search_params={"metric_type": metric},
        )
        return list(results[0]) if results else []

    def dense_search(self, vector: np.ndarray, k: int, where: StoreFilter | None = None) -> list[Hit]:
        data = [np.asarray(vector, dtype=np.float32).tolist()]
        clauses = self._search(self.names.clauses, "vector", data, k, where, ["clause_id"])
        sentences = self._search(
            self.names.sentences, "vector", data, SENTENCES_PER_CLAUSE_HIT * k, where, ["clause_id"]
        )
        position = self._catalog.position
        clause_hits = [Hit(r["entity"]["clause_id"], float(r["distance"])) for r in clauses]
        sentence_hits = [Hit(r["entity"]["clause_id"], float(r["distance"])) for r in sentences]
        known = [h for h in clause_hits if h.clause_id in position]
        return best_of_clause_and_sentences(
            known, [h for h in sentence_hits if h.clause_id in position], k, position
        )

    def keyword_search(self, text: str, k: int, where: StoreFilter | None = None) -> list[Hit]:
        tokens = tokenize(text)
        if not tokens:
            return []
        found = self._search(self.names.clauses, "sparse", [terms_text(tokens)], k, where, ["clause_id"])
        position = self._catalog.position
        # Lite's BM25 scores are negative, a server's positive: the magnitude orders them.
        hits = [Hit(r["entity"]["clause_id"], abs(float(r["distance"]))) for r in found]
        hits = [h for h in hits if h.score > 0 and h.clause_id in position]
        hits.sort(key=lambda h: (-h.score, position[h.clause_id]))
        return hits

    def hybrid_search(
        self, vector: np.ndarray, text: str, k: int, fusion: Fusion, where: StoreFilter | None = None
    ) -> list[FusedHit]:
        """Weighted RRF of the dense and keyword lists, both filtered inside Milvus.

        Milvus's own hybrid_search cannot express this: its RRFRanker has no weights in
        pymilvus 3.0 and Lite, and the dense side searches two collections (clauses and
        sentences). The fusion is by ranks only, the same code as the embedded store's.
        """
        dense_hits = self.dense_search(vector, k, where)
        sparse_hits = self.keyword_search(text, k, where)
        fused = fuse(dense_hits, sparse_hits, fusion, self._catalog.position)
        self._prefetch([h.clause_id for h in fused[:PREFETCH_SENTENCES]])
        return fused

    def _prefetch(self, clause_ids: list[str]) -> None:
        """Read the sentence vectors of the best-fused clauses in one query: evidence selection
        reads those of the answer's first clauses next, and one `in` query costs about what one
        clause's query does (measured on Lite at 20k clauses: 8 queries 1.1 s, one of 20 0.12 s)."""
        with self._lock:
            missing = [c for c in clause_ids if c not in self._prefetched and c in self._catalog.position]
        if not missing:
            return
        rows = self.client.query(
            self.names.sentences,
            filter=f"clause_id in {id_list(missing)}",
            output_fields=["clause_id", "position", "vector"],
        )
        grouped: dict[str, list[dict]] = {c: [] for c in missing}
        for row in rows:
            grouped.setdefault(row["clause_id"], []).append(row)
        with self._lock:
            for clause_id, found in grouped.items():
                self._prefetched[clause_id] = _vectors(found, self.dimension)
            while len(self._prefetched) > _PREFETCH_KEPT:
                self._prefetched.pop(next(iter(self._prefetched)))

    # -- evidence ------------------------------------------------------------------------
    def sentence_vectors_of(self, clause_id: str) -> np.ndarray | None:
        if clause_id not in self._catalog.position:
            return None
        with self._lock:
            found = self._prefetched.get(clause_id)
        return found if found is not None else self._sentences(clause_id)

    def _read_sentences(self, clause_id: str) -> np.ndarray:
        rows = self.client.query(
            self.names.sentences,
            filter=f"clause_id == {id_list([clause_id])[1:-1]}",
            output_fields=["position", "vector"],
        )
        return _vectors(rows, self.dimension)

    # -- writes --------------------------------------------------------------------------
    def upsert(self, documents: list[DocumentMeta], clauses: list[StoredClause]) -> None:
        """Write these documents' metadata and these clauses (by clause id) with their
        sentences; a clause's old sentences are replaced. Row keys, when known, are kept."""
        self.write(documents, clauses, {})

    def write(self, documents: list[DocumentMeta], clauses: list[StoredClause], keys: dict[str, str]) -> None:
        metas = {d.doc_id: d for d in documents}
        known = self._catalog.documents
        if documents:
            rows = [
                {"doc_id": d.doc_id, "meta": d.model_dump(mode="json"), "unused": [0.0, 0.0]}
                for d in documents
            ]
            self._upsert(self.names.documents, rows)
        ids = [s.clause.clause_id for s in clauses]
        self._restamp(
            [d for d in documents if d.doc_id in known and scalars(d) != scalars(known[d.doc_id])], set(ids)
        )
        self._delete_by_ids(self.names.sentences, "clause_id", ids)
        clause_rows, sentence_rows = [], []
        for stored in clauses:
            clause = stored.clause
            meta = metas.get(clause.doc_id) or known[clause.doc_id]
            fields = scalars(meta)
            clause_rows.append(
                {
                    "clause_id": clause.clause_id,
                    **fields,
                    "row_key": keys.get(clause.clause_id, ""),
                    "clause": clause_json(clause),
                    "terms": terms_text(tokenize(clause.search_text)),
                    "vector": np.asarray(stored.vector, dtype=np.float32).tolist(),
                }
            )
            for i, vector in enumerate(stored.sentence_vectors):
                sentence_rows.append(
                    {
                        "sentence_id": f"{clause.clause_id}#{i}",
                        "clause_id": clause.clause_id,
                        "position": i,
                        **fields,
                        "vector": np.asarray(vector, dtype=np.float32).tolist(),
                    }
                )
        self._upsert(self.names.clauses, clause_rows)
        self._upsert(self.names.sentences, sentence_rows)
        self._settle()
        self._bump()
        self.refresh()

    def _restamp(self, documents: list[DocumentMeta], given: set[str]) -> None:
        """A document whose filter fields changed (a new period, a repeal) gets them on the
        rows of its clauses that are not being written anyway, with their stored vectors."""
        for meta in documents:
            fields = scalars(meta)
            where = f"doc_id == {id_list([meta.doc_id])[1:-1]}"
            for name, keep in ((self.names.clauses, "clause_id"), (self.names.sentences, "clause_id")):
                output = (
                    ["*"]
                    if name == self.names.sentences
                    else ["clause_id", "row_key", "clause", "terms", "vector"]
                )
                rows = [r for r in self._scan(name, output, where) if r[keep] not in given]
                for row in rows:
                    row.pop("sparse", None)  # the BM25 Function's output is computed, not written
                    row.update(fields)
                self._upsert(name, rows)

    def delete_documents(self, doc_ids: list[str]) -> None:
        if not doc_ids:
            return
        for name in (self.names.sentences, self.names.clauses):
            self._delete_by_ids(name, "doc_id", doc_ids)
        self._delete_by_ids(self.names.documents, "doc_id", doc_ids)
        self._settle()
        self._bump()
        self.refresh()

    def delete_clauses(self, clause_ids: list[str]) -> None:
        """Clauses a changed document no longer has (sync.py)."""
        self._delete_by_ids(self.names.sentences, "clause_id", clause_ids)
        self._delete_by_ids(self.names.clauses, "clause_id", clause_ids)
        self._bump()

    def _upsert(self, collection: str, rows: list[dict]) -> None:
        for start in range(0, len(rows), _WRITE_BATCH):
            self.client.upsert(collection, rows[start : start + _WRITE_BATCH])

    def _delete_by_ids(self, collection: str, field: str, ids: list[str]) -> None:
        for start in range(0, len(ids), _ID_BATCH):
            self.client.delete(collection, filter=f"{field} in {id_list(ids[start : start + _ID_BATCH])}")

    def _settle(self) -> None:
        """Make writes searchable with one set of BM25 statistics.

        A server keeps collection-wide statistics; Lite scores each segment with its own
        (issue 14), so there the rows are flushed and compacted into one segment.
        """
        if not self.lite:
            return
        for name in (self.names.documents, self.names.clauses, self.names.sentences):
            self.client.flush(name)
            self.client.compact(name)

    def close(self) -> None:
        self.client.close()
