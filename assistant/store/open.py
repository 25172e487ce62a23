"""Which clause store the settings choose, and how a replica keeps its folder and the store
in step.

`store.uri` empty: the embedded store, built from the sources folder (index_store.py).
`store.uri` set: Milvus. The store is then the corpus every replica reads; a replica's
sources folder is where its curators' changes arrive. At open, an empty store is filled from
the folder, and documents of the folder the store lacks are added (nothing in the store is
overwritten or deleted at open: another replica may have changed it). After that,
`FolderSync.changes` writes what changed in this replica's folder since it last looked, and
every replica re-reads the store on reload.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.embedding.cache import EmbeddingCache
from assistant.embedding.embedder import Embedder
from assistant.embedding.encoders import encoder_config, milvus_embedders, uses_cache
from assistant.ingest.corpus import load_corpus
from assistant.models import Corpus, Document
from assistant.settings import Settings
from assistant.store.clause_index import MAX_QUERY_CHARS, index_text
from assistant.store.embedded import EmbeddedStore
from assistant.store.index_store import BuildProgress, open_index
from assistant.store.types import ClauseStore

if TYPE_CHECKING:  # imported where used: pymilvus costs 0.45 s and an embedded store never needs it
    from assistant.store.milvus import MilvusStore
    from assistant.store.sync import SyncReport

log = logging.getLogger(__name__)
_SERVER_SCHEMES = ("http://", "https://", "tcp://", "grpc://", "unix:")
MILVUS_ENCODER_DIR = "milvus-encoder"  # under the index folder: the encoder a Milvus store embeds with


def open_store(settings: Settings, progress: BuildProgress | None = None) -> ClauseStore:
    """The store the settings name, ready to search (built or filled on a first start)."""
    if not settings.store.milvus:
        return EmbeddedStore(open_index(settings, progress), settings.retrieval.exact_index_max)
    store, _ = open_milvus(settings)
    return store


def milvus_client(settings: Settings):  # -> MilvusClient
    from pymilvus import MilvusClient

    uri = settings.store.uri.strip()
    if not uri.startswith(_SERVER_SCHEMES):  # a local Milvus Lite folder, relative to the project
        path = settings.paths.resolve(Path(uri))
        path.parent.mkdir(parents=True, exist_ok=True)
        uri = str(path)
    token = settings.store.token.get_secret_value() if settings.store.token else ""
    return MilvusClient(uri=uri, token=token, db_name=settings.store.db_name)


@dataclass
class MilvusSession:
    """A replica's link to Milvus: the store, the encoder that writes to it, and what this
    replica's folder looked like when it last wrote from it."""

    settings: Settings
    store: MilvusStore
    embedder: Embedder
    folder: dict[str, str] = field(default_factory=dict)  # doc_id → digest of the folder's version
    filled: SyncReport = field(default_factory=lambda: _sync().SyncReport())  # what the open wrote

    @property
    def cache(self) -> EmbeddingCache | None:
        return EmbeddingCache(self.settings.embedding_cache) if uses_cache(self.settings) else None

    def fill(self, corpus: Corpus) -> SyncReport:
        """At open: add the folder's documents the store lacks (all of them on a first start)."""
        missing = [d for d in corpus.documents if d.doc_id not in self.store.catalog.documents]
        sync = _sync()
        report = (
            sync.sync_documents(self.store, missing, self.embedder, self.cache)
            if missing
            else sync.SyncReport()
        )
        self.folder = document_digests(corpus)
        self.filled = report
        return report

    def changes(self, corpus: Corpus) -> SyncReport:
        """Write what changed in this replica's folder since it last looked: added, replaced
        or edited documents, and documents removed from it."""
        now = document_digests(corpus)
        written = [d for d in corpus.documents if self.folder.get(d.doc_id) != now[d.doc_id]]
        removed = [d for d in self.folder if d not in now]
        report = _sync().sync_documents(self.store, written, self.embedder, self.cache, delete=removed)
        self.folder = now
        return report

    def mirror(self, corpus: Corpus) -> SyncReport:
        """Make the store hold exactly the folder's documents (`assistant store sync --prune`)."""
        extra = [d for d in self.store.catalog.documents if d not in {x.doc_id for x in corpus.documents}]
        report = _sync().sync_documents(self.store, corpus.documents, self.embedder, self.cache, delete=extra)
        self.folder = document_digests(corpus)
        return report


def open_milvus(settings: Settings, corpus: Corpus | None = None) -> tuple[MilvusStore, MilvusSession]:
    """Connect, check the encoder, and fill the store from the sources folder if it lacks them."""
    if corpus is None:
        corpus, _ = load_corpus(settings.sources_dir)
    documents_encoder, question_encoder = milvus_embedders(
        settings,
        settings.index_dir / MILVUS_ENCODER_DIR,
        lambda: [index_text(c) for c in corpus.clauses()],
        corpus.fingerprint,
    )
    config = f"{encoder_config(settings)}|{documents_encoder.id}"

    def embed_question(text: str) -> np.ndarray:
        return question_encoder.embed_query(text[:MAX_QUERY_CHARS])

    from assistant.store.milvus import MilvusStore

    store = MilvusStore(
        milvus_client(settings),
        settings.store.collection_prefix,
        documents_encoder.dimension,
        embed_question,
        config,
    )
    session = MilvusSession(settings, store, documents_encoder)
    session.fill(corpus)
    return store, session


def document_digests(corpus: Corpus) -> dict[str, str]:
    return {d.doc_id: _digest(d) for d in corpus.documents}


def _digest(document: Document) -> str:
    data = document.meta.model_dump_json() + "".join(c.model_dump_json() for c in document.clauses)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def write_to_milvus(settings: Settings, write: list[str], delete: list[str]) -> SyncReport:
    """A curator's change made in this machine's sources folder, written to Milvus now: the
    documents in `write` as the folder has them, those in `delete` removed. Only these: other
    documents in the store (another replica's) are left as they are."""
    corpus, _ = load_corpus(settings.sources_dir)
    store, session = open_milvus(settings, corpus)
    try:
        wanted = set(write)
        return _sync().sync_documents(
            store,
            [d for d in corpus.documents if d.doc_id in wanted],
            session.embedder,
            session.cache,
            delete=delete,
        )
    finally:
        store.close()


def mirror_to_milvus(settings: Settings) -> SyncReport:
    """Make the store hold exactly this sources folder (`python -m assistant store sync --prune`)."""
    corpus, _ = load_corpus(settings.sources_dir)
    store, session = open_milvus(settings, corpus)
    try:
        return session.mirror(corpus)
    finally:
        store.close()


def _sync():  # -> the assistant.store.sync module, imported on first use (it loads pymilvus)
    from assistant.store import sync

    return sync
