"""The one object the CLI, the batch runner, the evaluation and the app talk to."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.answer.chain import AnswerChain
from assistant.answer.extractive import ExtractiveGenerator
from assistant.ingest.corpus import FileReport, ingest_files
from assistant.lookup import LookupFilters, LookupMode, LookupResult, lookup
from assistant.models import Answer, Clause, DocumentMeta, Question
from assistant.privacy import mask_personal_data
from assistant.retrieval.hybrid import HybridRetriever
from assistant.settings import Settings, load_settings
from assistant.store.index_store import BuildProgress, rebuild
from assistant.store.types import Catalog, ClauseStore

if TYPE_CHECKING:
    from assistant.store.open import MilvusSession

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Engine:
    """A clause store and the chain built on it; replaced whole when documents change."""

    store: ClauseStore
    retriever: HybridRetriever
    chain: AnswerChain
    by_doc: dict[str, list[Clause]]  # each document's clauses in order, for the clause tree

    @property
    def index(self) -> Catalog:
        """The documents and clauses this engine answers from (the store's catalog)."""
        return self.store.catalog


class PolicyAssistant:
    """Ask questions, look clauses up, list and add documents. Thread-safe."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self._engine: _Engine | None = None
        self._lock = threading.Lock()
        self._milvus: MilvusSession | None = None  # with a Milvus store: this replica's link to it
        self._generation, self._checked = "", 0.0  # the store's write token this engine was built at

    # -- engine --------------------------------------------------------------------
    @property
    def engine(self) -> _Engine:
        engine = self._engine
        if engine is not None and self._milvus is not None:
            engine = self._follow_other_replicas(engine)
        if engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = self._build(self._open_store())
                engine = self._engine
        return engine

    def _follow_other_replicas(self, engine: _Engine) -> _Engine:
        """With Milvus, every `store.refresh_s` seconds: if another replica (or a curator's
        command) wrote to the store since this engine read it, read it again."""
        now = time.monotonic()
        if now - self._checked < self.settings.store.refresh_s:
            return engine
        self._checked = now
        assert self._milvus is not None
        store = self._milvus.store
        try:
            generation = store.generation
        except Exception as exc:  # Milvus unreachable: keep answering from what was read
            log.warning("cannot check the clause store for changes: %s", exc)
            return engine
        if generation == self._generation:
            return engine
        with self._lock:
            if generation != self._generation:
                store.refresh()
                self._engine = self._build(store)
                self._generation = generation
                log.info("条款库已被其他实例更新，已重新读取：%d 份文件", len(store.catalog.documents))
            assert self._engine is not None
            return self._engine

    def _open_store(self) -> ClauseStore:
        if not self.settings.store.milvus:
            from assistant.store.open import open_store

            return open_store(self.settings)
        from assistant.store.open import open_milvus

        store, self._milvus = open_milvus(self.settings)
        self._generation, self._checked = store.generation, time.monotonic()
        return store

    def _build(self, store: ClauseStore) -> _Engine:
        settings = self.settings
        retriever = HybridRetriever(
            store, settings.retrieval, settings.as_of(), reranker=_load_reranker(settings)
        )
        generator, rewriter = _generator(settings, store)
        catalog = store.catalog
        chain = AnswerChain(
            retriever,
            generator,
            list(catalog.documents.values()),
            settings.as_of(),
            max_question_chars=settings.max_question_chars,
            rewriter=rewriter,
            top_k=settings.retrieval.top_k,
        )
        by_doc: dict[str, list[Clause]] = {}
        for clause in catalog.clauses:
            by_doc.setdefault(clause.doc_id, []).append(clause)
        return _Engine(store, retriever, chain, by_doc)

    def reload(self, progress: BuildProgress | None = None) -> None:
        """Take in changed documents and swap the new engine in; questions keep being answered.
        `progress` hears how far the embedding of the clauses and sentences has got.

        Embedded store: rebuild the index from the sources. Milvus: write what changed in
        this replica's sources folder, then read the store again, with what other replicas
        wrote to it too.
        """
        if not self.settings.store.milvus:
            from assistant.store.embedded import EmbeddedStore

            store: ClauseStore = EmbeddedStore(
                rebuild(self.settings, progress=progress), self.settings.retrieval.exact_index_max
            )
        else:
            _ = self.engine  # connected, and the folder as it was is known
            assert self._milvus is not None
            from assistant.ingest.corpus import load_corpus

            corpus, _reports = load_corpus(self.settings.sources_dir)
            self._milvus.changes(corpus)
            store = self._milvus.store
            store.refresh()
            self._generation, self._checked = store.generation, time.monotonic()
        engine = self._build(store)
        with self._lock:
            self._engine = engine

    # -- questions -----------------------------------------------------------------
    def ask(self, question: Question | str) -> Answer:
        if isinstance(question, str):
            question = Question(text=question)
        answer = self.engine.chain.invoke(question)
        # Questions may carry ID-card or phone numbers: only a masked, shortened form is logged.
        log.info(
            "answered in %.0f ms (answerable=%s): %s",
            answer.latency_ms,
            answer.answerable,
            " ".join(mask_personal_data(question.text).split())[:200],
        )
        return answer

    def stream(self, question: Question | str) -> Iterator[str | Answer]:
        """Text deltas while an LLM writes, then the validated Answer. The offline answer
        is instant, so it comes as the Answer alone."""
        if isinstance(question, str):
            question = Question(text=question)
        chain = self.engine.chain
        if self.settings.llm.provider != "openai":
            yield chain.invoke(question)
            return
        yield from chain.stream(question)

    # -- lookup --------------------------------------------------------------------
    def search(
        self,
        query: str,
        doc_id: str | None = None,
        province: str | None = None,
        in_force_only: bool = False,
        k: int = 50,
        mode: LookupMode = "keyword",
        city: str | None = None,
    ) -> LookupResult:
        """Clauses for hotline lookup: every match under the filters counted, the first k returned.

        mode "keyword" matches clauses containing every keyword; "semantic" finds them by
        meaning (see assistant/lookup.py).
        """
        engine = self.engine
        filters = LookupFilters(
            doc_id=doc_id or None, province=province or None, city=city or None, in_force_only=in_force_only
        )
        return lookup(engine.index, engine.retriever, query, mode, filters, limit=k)

    def documents(self) -> list[DocumentMeta]:
        return list(self.engine.index.documents.values())

    def clauses(self, doc_id: str) -> list[Clause]:
        return list(self.engine.by_doc.get(doc_id, []))

    def ingest(self, paths: list[Path]) -> list[FileReport]:
        """Add documents to the sources folder and rebuild the index if any was added; a file
        whose text is already in the corpus changes nothing and rebuilds nothing."""
        reports = ingest_files(paths, self.settings.sources_dir, self.settings.uploads)
        if any(r.ok and not r.unchanged for r in reports):
            self.reload()
        return reports


def _generator(settings: Settings, store: ClauseStore):  # -> (Generator, Rewriter | None)
    extractive = ExtractiveGenerator.for_store(store)
    if settings.llm.provider == "openai":
        from assistant.answer.llm import LLMGenerator

        # A model that is down still gets an answer: the extractive one, marked as such.
        llm = LLMGenerator.from_settings(settings.llm, fallback=extractive)
        return llm, llm.rewrite
    return extractive, None


def _load_reranker(settings: Settings):  # -> Callable[[str, list[str]], list[float]] | None
    if not settings.retrieval.reranker:
        return None
    from assistant.retrieval.reranker import load_reranker

    return load_reranker(settings.retrieval.reranker)
