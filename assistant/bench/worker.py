"""One measurement per fresh process, so peak memory is that measurement's alone.

`python -m assistant.bench.worker build|serve|baseline|hnsw|phases …` prints one JSON line.
Heavy modules are imported inside each command, never at module level.
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from assistant.bench.measure import cpu_seconds, peak_rss_mib, summarise, timed_rounds

_COMMAND_STARTED = time.time()


def _settings(sources: Path, index_dir: Path):  # -> Settings
    from assistant.settings import load_settings

    return load_settings(paths={"sources_dir": str(sources), "index_dir": str(index_dir)})


def _timing(
    stages: dict[str, float], name: str, call: Callable, peaks: dict[str, float] | None = None
) -> Callable:
    """`call`, adding its wall time to stages[name] and noting the peak RSS when it ends."""

    @functools.wraps(call)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            stages[name] = stages.get(name, 0.0) + time.perf_counter() - start
            if peaks is not None:
                peaks[name] = peak_rss_mib()

    return timed


def build(sources: Path, index_dir: Path, scale: int) -> dict:
    """rebuild() from the sources, with the time of each stage of the build."""
    from assistant.bench.models import BuildRun
    from assistant.embedding import embedder
    from assistant.store import clause_index, index_store
    from assistant.store.sparse import SparseIndex

    stages: dict[str, float] = {}
    peaks: dict[str, float] = {}
    # Wrapped only in this process, to say where the time goes; rebuild() itself is unchanged.
    for module, name, label in (
        (index_store, "load_corpus", "load and chunk documents"),
        (index_store, "tokenize_corpus", "jieba tokenize"),
        (index_store, "build_corpus_encoder", "corpus encoder (vocabulary, SVD, save)"),
        (clause_index, "build_faiss", "FAISS index"),  # the sentences' FAISS index
        (index_store, "add_vectors", "FAISS index"),
        (index_store, "save_index", "save with checksums"),
        (index_store, "load_index", "reopen and verify"),
    ):
        if hasattr(module, name):  # a stage the current build code does not have is not timed
            setattr(module, name, _timing(stages, label, getattr(module, name), peaks))
    embedded = [0]  # texts the model was given: the cache's hits never reach embed_documents
    for cls in (embedder.SentenceTransformerEmbedder, embedder.BundledE5Embedder):
        timed = _timing(stages, "embed clauses", cls.embed_documents, peaks)
        cls.embed_documents = _counting(timed, embedded)  # type: ignore[method-assign]
    ingest = _IngestWatch(index_store)
    sparse_build = SparseIndex.build
    SparseIndex.build = classmethod(  # type: ignore[method-assign,assignment]
        lambda cls, *a, **k: _timing(stages, "BM25 index", sparse_build, peaks)(*a, **k)
    )
    settings = _settings(sources, index_dir)
    start, cpu = time.perf_counter(), cpu_seconds()
    index = index_store.rebuild(settings)
    total, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    stages["other"] = max(0.0, total - sum(stages.values()))
    return BuildRun(
        scale=scale,
        documents=len(index.documents),
        clauses=len(index.clauses),
        build_s=round(total, 3),
        build_cpu_s=round(cpu, 3),
        peak_rss_mib=peak_rss_mib(),
        faiss_type=index.manifest.faiss_type,
        stages_s={k: round(v, 3) for k, v in stages.items()},
        stages_peak_rss_mib=peaks,
        vectors_embedded=embedded[0],
        ingest=ingest.count(),
    ).model_dump()


def _counting(call: Callable, counter: list[int]) -> Callable:
    """`call(self, texts)`, adding len(texts) to counter[0]."""

    @functools.wraps(call)
    def counted(self, texts, *args, **kwargs):
        counter[0] += len(texts)
        return call(self, texts, *args, **kwargs)

    return counted


class _IngestWatch(logging.Handler):
    """Counts what ingest made of the files during a build: the file reports of load_corpus
    (read or refused with a reason) and the files lost to an exception, which ingest logs at
    ERROR with their traceback ("failed on …") and goes on with the others."""

    def __init__(self, index_store) -> None:  # the module, wrapped in this process only
        super().__init__(logging.ERROR)
        self.reports: list = []
        self.crashed: set[str] = set()
        self.sentences = 0
        load = index_store.load_corpus
        from assistant.text.sentences import split_sentences

        @functools.wraps(load)
        def watched(*args, **kwargs):
            corpus, reports = load(*args, **kwargs)
            self.reports = list(reports)
            self.sentences = sum(len(split_sentences(c.text)) for d in corpus.documents for c in d.clauses)
            return corpus, reports

        index_store.load_corpus = watched
        logging.getLogger("assistant.ingest.corpus").addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("failed on "):
            self.crashed.add(record.getMessage().split()[2])

    def count(self):  # -> IngestCount | None
        from collections import Counter

        from assistant.bench.models import IngestCount

        if not self.reports:
            return None
        refused = [r for r in self.reports if not r.ok]
        reasons = Counter(_reason(r.error or "") for r in refused)
        return IngestCount(
            files=len(self.reports),
            documents=len(self.reports) - len(refused),
            refused=len(refused) - len(self.crashed),
            crashed=len(self.crashed),
            sentences=self.sentences,
            refusal_reasons=dict(reasons.most_common(8)),
        )


def _reason(error: str) -> str:
    """A refusal's reason without the file it names, so equal reasons count together."""
    import re

    return re.sub(r"\S+\.(?:md|txt|docx|pdf|html?)|文档编号 \S+", "…", error)[:60]


def serve(sources: Path, index_dir: Path, scale: int, qa: Path, rounds: int, budget_s: float) -> dict:
    """Open the built index, then time retrieval alone and full answers over the eval questions."""
    from assistant.bench.models import ServeRun
    from assistant.store.index_store import current_build

    settings = _settings(sources, index_dir)
    built = current_build(settings)
    if built is None:
        raise RuntimeError("no index was built before serving")
    timings = _time_serving(settings, qa, rounds, budget_s)
    build_dir = current_build(settings)
    return ServeRun(
        scale=scale,
        **timings,
        peak_rss_mib=peak_rss_mib(),
        clauses_bytes=(build_dir / "clauses.jsonl").stat().st_size if build_dir else 0,
        rebuilt_at_open=build_dir != built,
    ).model_dump()


def _milvus_settings(sources: Path, index_dir: Path):  # -> Settings
    from assistant.settings import load_settings

    return load_settings(paths={"sources_dir": str(sources), "index_dir": str(index_dir)},
                         store={"uri": str(index_dir / "milvus.db")})  # fmt: skip


def build_milvus(sources: Path, index_dir: Path, scale: int) -> dict:
    """Fill an empty Milvus Lite store from the sources, as a first start of the app does."""
    import shutil

    from assistant.bench.models import StoreBuildRun
    from assistant.ingest.corpus import load_corpus
    from assistant.store.open import MILVUS_ENCODER_DIR, open_milvus

    settings = _milvus_settings(sources, index_dir)
    for old in (index_dir / "milvus.db", index_dir / MILVUS_ENCODER_DIR):  # every run starts empty
        shutil.rmtree(old, ignore_errors=True)
    start, cpu = time.perf_counter(), cpu_seconds()
    corpus, _ = load_corpus(settings.sources_dir)
    store, session = open_milvus(settings, corpus)
    total, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    result = StoreBuildRun(
        scale=scale,
        clauses=len(store.catalog.clauses),
        build_s=round(total, 3),
        build_cpu_s=round(cpu, 3),
        peak_rss_mib=peak_rss_mib(),
        vectors_computed=session.filled.vectors_computed,
    ).model_dump()
    store.close()
    return result


def serve_milvus(sources: Path, index_dir: Path, scale: int, qa: Path, rounds: int, budget_s: float) -> dict:
    """The app over the Milvus Lite store built by build_milvus: open, then the same timings
    as `serve` (retrieval alone and full answers over the eval questions)."""
    from assistant.bench.models import ServeRun

    timings = _time_serving(_milvus_settings(sources, index_dir), qa, rounds, budget_s)
    return ServeRun(scale=scale, **timings, peak_rss_mib=peak_rss_mib()).model_dump()


def _time_serving(settings, qa: Path, rounds: int, budget_s: float) -> dict:
    """Open the app over `settings`' store, answer one question, then time retrieval alone and
    full answers over the eval questions: the ServeRun fields both stores share."""
    from assistant.eval.dataset import load_qa
    from assistant.models import Question
    from assistant.question.understand import understand
    from assistant.service import PolicyAssistant

    items = load_qa(qa)
    start = time.perf_counter()
    assistant = PolicyAssistant(settings)
    engine = assistant.engine
    open_s = time.perf_counter() - start
    start = time.perf_counter()
    assistant.ask(Question(text=items[0].question))
    first_ms = (time.perf_counter() - start) * 1000
    documents = assistant.documents()
    top_k = settings.retrieval.top_k

    def retrieve(item) -> object:
        return engine.retriever.retrieve(understand(item.question, documents), top_k)

    def answer(item) -> object:
        return assistant.ask(Question(text=item.question, history=item.history))

    retrieval = timed_rounds(items, retrieve, rounds, budget_s)
    answers = timed_rounds(items, answer, rounds, budget_s)
    return {
        "open_s": round(open_s, 3),
        "first_answer_ms": round(first_ms, 2),
        "retrieval": summarise(retrieval),
        "answer": summarise(answers),
    }


def baseline(sources: Path, scale: int, qa: Path, rounds: int, budget_s: float) -> dict:
    """The naive LangChain baseline over the same sources, in one process."""
    from assistant.bench.models import BaselineRun
    from assistant.eval.baseline import NaiveBaseline
    from assistant.eval.dataset import load_qa

    items = load_qa(qa)
    start, cpu = time.perf_counter(), cpu_seconds()
    naive = NaiveBaseline(sources)
    build_s, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    retriever = naive._retriever  # the LangChain BM25Retriever: retrieval alone, as the project's
    naive.answer(items[0])  # first call outside the timings, as for the project
    retrieval = timed_rounds(items, lambda item: retriever.invoke(item.question), rounds, budget_s)
    answers = timed_rounds(items, naive.answer, rounds, budget_s)
    return BaselineRun(
        scale=scale,
        chunks=len(retriever.docs),
        build_s=round(build_s, 3),
        build_cpu_s=round(cpu, 3),
        retrieval=summarise(retrieval),
        answer=summarise(answers),
        peak_rss_mib=peak_rss_mib(),
    ).model_dump()


def embed_rate(sources: Path, sample: int) -> dict:
    """The bundled e5's speed on a library's own texts, without the cache: `sample` clause texts
    embedded after the engine is loaded, and the time the whole library would take at that rate
    (a build embeds every clause and every sentence)."""
    from assistant.bench.models import EmbedRate
    from assistant.embedding.e5_engine import engine_id
    from assistant.embedding.embedder import BundledE5Embedder
    from assistant.ingest.corpus import load_corpus
    from assistant.text.sentences import split_sentences

    corpus, _ = load_corpus(sources)
    clauses = [c for d in corpus.documents for c in d.clauses]
    texts = len(clauses) + sum(len(split_sentences(c.text)) for c in clauses)
    step = max(1, len(clauses) // sample)  # spread over the library: laws differ in clause length
    chosen = [c.search_text for c in clauses[::step][:sample]]
    start = time.perf_counter()
    model = BundledE5Embedder(engine_id())
    model.embed_documents(chosen[:1])  # the engine's first call, outside the timing
    load_s = time.perf_counter() - start
    start, cpu = time.perf_counter(), cpu_seconds()
    model.embed_documents(chosen)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    rate = len(chosen) / seconds if seconds else 0.0
    return EmbedRate(
        sample=len(chosen),
        seconds=round(seconds, 2),
        cpu_s=round(cpu, 2),
        load_s=round(load_s, 2),
        vectors_per_s=round(rate, 2),
        library_texts=texts,
        projected_build_s=round(texts / rate, 0) if rate else None,
    ).model_dump()


def phases(sources: Path, index_dir: Path, question: str) -> dict:
    """Timestamps inside a cold `ask`: imports, opening the index, the first answer."""
    marks = {"process_started": _COMMAND_STARTED}
    from assistant.service import PolicyAssistant

    marks["imported"] = time.time()
    import sentence_transformers  # noqa: F401 - imported by opening the index anyway; timed apart

    marks["sentence_transformers"] = time.time()
    assistant = PolicyAssistant(_settings(sources, index_dir))
    assistant.engine  # noqa: B018 - opening the index is the phase measured
    marks["index_open"] = time.time()  # jieba's dictionary, the encoder, FAISS, BM25, clauses
    assistant.ask(question)
    marks["answered"] = time.time()
    return marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.bench.worker")
    parser.add_argument(
        "command",
        choices=[
            "build",
            "serve",
            "baseline",
            "hnsw",
            "phases",
            "build-milvus",
            "serve-milvus",
            "embed-rate",
        ],
    )
    parser.add_argument("--sample", type=int, default=96, help="embed-rate: texts to embed")
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--qa", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds per timed loop")
    parser.add_argument("--question", default="")
    parser.add_argument("--hnsw-configs", default="")
    args = parser.parse_args(argv)
    import json
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if args.command == "build":
        result = build(args.sources, args.index, args.scale)
    elif args.command == "serve":
        result = serve(args.sources, args.index, args.scale, args.qa, args.rounds, args.budget)
    elif args.command == "build-milvus":
        result = build_milvus(args.sources, args.index, args.scale)
    elif args.command == "serve-milvus":
        result = serve_milvus(args.sources, args.index, args.scale, args.qa, args.rounds, args.budget)
    elif args.command == "baseline":
        result = baseline(args.sources, args.scale, args.qa, args.rounds, args.budget)
    elif args.command == "embed-rate":
        result = embed_rate(args.sources, args.sample)
    elif args.command == "hnsw":
        from assistant.bench.hnsw import measure_hnsw

        result = measure_hnsw(args.sources, args.index, args.scale, args.qa, args.hnsw_configs)
    else:
        result = phases(args.sources, args.index, args.question)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
