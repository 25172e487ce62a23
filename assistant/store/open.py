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

import numpy as np

from assistant.ingest.corpus import load_corpus
from assistant.models import Corpus, Document
from assistant.retrieval.embedder import BundledE5Embedder, Embedder, SentenceTransformerEmbedder
from assistant.retrieval.embedding_cache import EmbeddingCache
from assistant.retrieval.encoders import ENCODER_DIR, encoder_config, uses_cache
from assistant.retrieval.index_store import MAX_QUERY_CHARS, BuildProgress, index_text, open_index
from assistant.settings import BUNDLED_E5, CORPUS_STATIC, Settings
from assistant.store.embedded import EmbeddedStore
from assistant.store.milvus import MilvusStore, StoreMismatch
from assistant.store.sync import SyncReport, sync_documents
from assistant.store.types import ClauseStore

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
class _LazyEmbedder:
    """An encoder loaded on its first use: syncing a store whose vectors are all cached
    (or all written already) never imports sentence-transformers (4 s)."""

    id: str
    dimension: int
    load: object  # () -> Embedder
    _loaded: Embedder | None = None

    def _get(self) -> Embedder:
        if self._loaded is None:
            self._loaded = self.load()  # type: ignore[operator]
        return self._loaded

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self._get().embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self._get().embed_query(text)


def milvus_embedders(settings: Settings, corpus: Corpus | None) -> tuple[Embedder, Embedder]:
    """(documents encoder, questions encoder) for a Milvus store, the same model the embedded
    build would use. The corpus-built encoder is built once, from the corpus of the first
    sync, and kept under the index folder: its vectors must not change as documents come."""
    folder = settings.index_dir / MILVUS_ENCODER_DIR
    model = settings.embedding.model
    if model == BUNDLED_E5:
        from assistant.retrieval.e5_engine import engine_id
        from assistant.retrieval.e5_module import write_model_folder

        question = BundledE5Embedder(engine_id())

        def load() -> Embedder:
            path = write_model_folder(folder / ENCODER_DIR)
            return SentenceTransformerEmbedder(
                str(path), model_id=engine_id(), batch_size=settings.embedding.batch_size
            )

        return _LazyEmbedder(engine_id(), question.dimension, load), question
    if model == CORPUS_STATIC:
        encoder = _corpus_encoder(settings, folder, corpus)
        return encoder, encoder
    encoder = SentenceTransformerEmbedder(
        model,
        query_prompt=settings.embedding.query_prompt,
        document_prompt=settings.embedding.document_prompt,
        batch_size=settings.embedding.batch_size,
    )
    return encoder, encoder


def _corpus_encoder(settings: Settings, folder: Path, corpus: Corpus | None) -> Embedder:
    path, id_file = folder / ENCODER_DIR, folder / "encoder-id"
    if not id_file.exists():
        if corpus is None:
            raise StoreMismatch(
                "本机没有建立该 Milvus 条款库时的语料编码器（corpus-static）。"
                "请在建库的机器上运行，或改用 bundled-e5 等固定的向量模型。"
            )
        from assistant.retrieval.static_encoder import build_corpus_encoder
        from assistant.retrieval.tokens import tokenize_corpus

        texts = [index_text(c) for c in corpus.clauses()]
        build_corpus_encoder(texts, path, settings.embedding.dimension, tokenize_corpus(texts).counts())
        id_file.write_text(f"{CORPUS_STATIC}:{corpus.fingerprint}", "utf-8")
    return SentenceTransformerEmbedder(
        str(path), model_id=id_file.read_text("utf-8").strip(), batch_size=256, threads=1
    )


@dataclass
class MilvusSession:
    """A replica's link to Milvus: the store, the encoder that writes to it, and what this
    replica's folder looked like when it last wrote from it."""

    settings: Settings
    store: MilvusStore
    embedder: Embedder
    folder: dict[str, str] = field(default_factory=dict)  # doc_id → digest of the folder's version
    filled: SyncReport = field(default_factory=SyncReport)  # what the open wrote

    @property
    def cache(self) -> EmbeddingCache | None:
        return EmbeddingCache(self.settings.embedding_cache) if uses_cache(self.settings) else None

    def fill(self, corpus: Corpus) -> SyncReport:
        """At open: add the folder's documents the store lacks (all of them on a first start)."""
        missing = [d for d in corpus.documents if d.doc_id not in self.store.catalog.documents]
        report = sync_documents(self.store, missing, self.embedder, self.cache) if missing else SyncReport()
        self.folder = document_digests(corpus)
        self.filled = report
        return report

    def changes(self, corpus: Corpus) -> SyncReport:
        """Write what changed in this replica's folder since it last looked: added, replaced
        or edited documents, and documents removed from it."""
        now = document_digests(corpus)
        written = [d for d in corpus.documents if self.folder.get(d.doc_id) != now[d.doc_id]]
        removed = [d for d in self.folder if d not in now]
        report = sync_documents(self.store, written, self.embedder, self.cache, delete=removed)
        self.folder = now
        return report

    def mirror(self, corpus: Corpus) -> SyncReport:
        """Make the store hold exactly the folder's documents (`assistant store sync --prune`)."""
        extra = [d for d in self.store.catalog.documents if d not in {x.doc_id for x in corpus.documents}]
        report = sync_documents(self.store, corpus.documents, self.embedder, self.cache, delete=extra)
        self.folder = document_digests(corpus)
        return report


def open_milvus(settings: Settings, corpus: Corpus | None = None) -> tuple[MilvusStore, MilvusSession]:
    """Connect, check the encoder, and fill the store from the sources folder if it lacks them."""
    if corpus is None:
        corpus, _ = load_corpus(settings.sources_dir)
    documents_encoder, question_encoder = milvus_embedders(settings, corpus)
    config = f"{encoder_config(settings)}|{documents_encoder.id}"

    def embed_question(text: str) -> np.ndarray:
        return question_encoder.embed_query(text[:MAX_QUERY_CHARS])

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
        return sync_documents(
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
