"""What the benchmark measures, as typed records; `--json` prints a BenchResult."""

from __future__ import annotations

from pydantic import BaseModel, Field

from assistant.bench.measure import Latency


class IngestCount(BaseModel):
    """What ingest made of a folder of real files: nothing may crash, nothing may vanish."""

    files: int
    documents: int = Field(description="Files read into the library")
    refused: int = Field(description="Files refused with a reason (duplicates, empty, unreadable)")
    crashed: int = Field(description="Files lost to a bug in the code (an exception, not a reason)")
    sentences: int = 0
    refusal_reasons: dict[str, int] = Field(default_factory=dict, description="Refusals by reason")


class BuildRun(BaseModel):
    """The project's index built from the sources in a fresh process (rebuild(): load, clean,
    chunk, tokenize, encoder, embed, FAISS, BM25, save, checksums, reopen)."""

    scale: int
    documents: int
    clauses: int
    build_s: float
    build_cpu_s: float = Field(description="CPU seconds of the build (all threads and workers)")
    peak_rss_mib: float
    faiss_type: str
    stages_s: dict[str, float] = Field(default_factory=dict, description="Where the build time went")
    stages_peak_rss_mib: dict[str, float] = Field(
        default_factory=dict, description="Peak RSS so far when each stage ended: where memory peaks"
    )
    vectors_embedded: int = Field(0, description="Texts the model embedded; the rest came from the cache")
    ingest: IngestCount | None = None


class ServeRun(BaseModel):
    """The project answering the eval questions in a fresh process, index already built."""

    scale: int
    open_s: float = Field(description="PolicyAssistant(...).engine: verify and load the index")
    first_answer_ms: float
    retrieval: Latency = Field(description="understand + hybrid retrieve, top_k")
    answer: Latency = Field(description="PolicyAssistant.ask, the full answer")
    peak_rss_mib: float
    clauses_bytes: int = Field(0, description="Size of clauses.jsonl on disk")
    rebuilt_at_open: bool = Field(
        False, description="The index was stale at open (the code changed since the build): open_s is a build"
    )


class BaselineRun(BaseModel):
    """The naive LangChain baseline over the same sources: build, query, memory in one process."""

    scale: int
    chunks: int
    build_s: float
    build_cpu_s: float
    retrieval: Latency = Field(description="BM25Retriever.invoke")
    answer: Latency = Field(description="NaiveBaseline.answer (retrieve, score, join top chunks)")
    peak_rss_mib: float


class StoreBuildRun(BaseModel):
    """The same sources written into an empty Milvus Lite store in a fresh process (load,
    clean, chunk, vectors through the embedding cache, write, flush and compact)."""

    scale: int
    store: str = "milvus-lite"
    clauses: int
    build_s: float
    build_cpu_s: float
    peak_rss_mib: float
    vectors_computed: int = Field(description="Texts the model embedded; the rest came from the cache")


class SizeResult(BaseModel):
    """Every run at one corpus size; the report shows medians over runs."""

    scale: int
    builds: list[BuildRun] = Field(default_factory=list)
    serves: list[ServeRun] = Field(default_factory=list)
    baselines: list[BaselineRun] = Field(default_factory=list)
    milvus_builds: list[StoreBuildRun] = Field(default_factory=list)
    milvus_serves: list[ServeRun] = Field(default_factory=list, description="The app over Milvus Lite")
    errors: list[str] = Field(default_factory=list)


class HnswConfig(BaseModel):
    neighbours: int
    ef_construction: int
    ef_search: int
    build_s: float | None = Field(None, description="None for the index the build persisted")
    recall_at_10: float = Field(description="Tie-aware: a hit scoring as high as exact's 10th counts")
    recall_at_10_ids: float = Field(description="Strict overlap of the ids with exact's top 10")
    recall_at_candidates: float = Field(description="Tie-aware recall of the retriever's dense candidates")
    search_p50_ms: float


class HnswResult(BaseModel):
    """HNSW against exact search on the same vectors and the same query vectors."""

    scale: int
    vectors: int
    distinct_vectors: int = Field(
        0, description="Vectors left after rounding to 5 decimals and deduplicating"
    )
    queries: int
    exact_search_p50_ms: float
    configs: list[HnswConfig]
    exact_p50_ms_by_size: dict[int, float] = Field(
        default_factory=dict, description="Exact search latency on the first n vectors"
    )


class ImportCost(BaseModel):
    module: str
    cumulative_ms: float


class ColdStart(BaseModel):
    ask_s: list[float] = Field(description="`python -m assistant ask …`, process start to exit, each run")
    ask_median_s: float
    phases_s: dict[str, float] = Field(default_factory=dict, description="Inside one cold `ask` process")
    import_sentence_transformers_s: float | None = None
    import_torch_s: float | None = None
    top_imports: list[ImportCost] = Field(default_factory=list, description="python -X importtime")
    app_ready_s: float | None = Field(None, description="`python app.py` start to HTTP 200 on /")
    app_index_ready_s: float | None = Field(None, description="…to the app's 'index ready' line")
    app_note: str = ""


class EmbedRate(BaseModel):
    """The bundled e5 on a sample of a library's clauses, uncached, in a fresh process."""

    sample: int
    seconds: float
    cpu_s: float
    load_s: float = Field(description="Loading the engine and its first call, not in `seconds`")
    vectors_per_s: float
    library_texts: int = Field(description="Clauses and sentences a build of the library embeds")
    projected_build_s: float | None = Field(None, description="library_texts ÷ vectors_per_s")


class RealBuild(BaseModel):
    """One library of real laws built, rebuilt with the vector cache, served from both stores."""

    name: str = Field(description="'whole corpus' or 'in-domain'")
    embedding: str
    ingest: IngestCount | None = None
    build: BuildRun | None = None
    rebuild: BuildRun | None = Field(None, description="A second build over the same files and cache")
    vectors_per_s: float | None = Field(None, description="First build: vectors_embedded ÷ embedding stage")
    serve: ServeRun | None = None
    milvus_build: StoreBuildRun | None = None
    milvus_serve: ServeRun | None = None
    baseline: BaselineRun | None = None
    load: dict[str, str] = Field(default_factory=dict, description="Load average when each step began")
    errors: list[str] = Field(default_factory=list)


class DistractorRun(BaseModel):
    """One eval split answered from one library: the five notices alone or with laws beside them.
    Aggregates only: for the test split nothing item by item is kept or shown."""

    split: str
    library: str
    embedding: str
    documents: int
    recall_at_5: float | None = None
    key_fact_accuracy: float | None = None
    citation_recall: float | None = None
    refusal_accuracy: float | None = None
    seconds: float = 0.0
    load: str = ""
    error: str | None = None


class RealResult(BaseModel):
    """The real-text part of a benchmark run (LawRefBook laws, unpacked into a temporary folder)."""

    corpus_files: int
    in_domain_files: int
    unpack_s: float
    builds: list[RealBuild] = Field(default_factory=list)
    e5_rate: EmbedRate | None = Field(
        None, description="e5 on the in-domain part, when it was not built with it"
    )
    distractors: list[DistractorRun] = Field(default_factory=list)


class BenchResult(BaseModel):
    started: str
    machine: dict[str, str]
    sizes: list[SizeResult]
    hnsw: HnswResult | None = None
    cold: ColdStart | None = None
    real: RealResult | None = None
    notes: list[str] = Field(default_factory=list)
