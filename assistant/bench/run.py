"""Run the benchmark: for each size a synthetic corpus in a temporary folder, then fresh
processes to build, serve and run the baseline; HNSW recall at the largest size; cold start."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from assistant.bench.cold import bench_env, measure_cold
from assistant.bench.models import (
    BaselineRun,
    BenchResult,
    BuildRun,
    HnswResult,
    ServeRun,
    SizeResult,
    StoreBuildRun,
)
from assistant.bench.real import RealOptions, measure_real
from assistant.bench.synthetic import make_corpus
from assistant.settings import PROJECT_ROOT

REAL_SOURCES = PROJECT_ROOT / "index" / "sources"
COLD_QUESTION = "我是无锡的退役军人，参加技能培训有什么补贴？"
NOTES = [
    "Peak RSS is VmHWM of a fresh process per measurement. The project builds and serves in "
    "separate processes; the baseline builds its BM25 and answers in one.",
    "Latencies are wall time per eval question (137), one at a time, after one warm-up answer; "
    "retrieval = understand + hybrid retrieve for the project, BM25Retriever.invoke for the baseline.",
    "The baseline's 'answer' is its retrieval plus joining the top chunks (it scores the "
    "corpus twice per question), so both columns stay comparable.",
    "Milvus Lite runs inside the serving process (pure Python engine over FAISS and Arrow), so "
    "its memory is in that process's RSS. Its build writes the same clauses and vectors into an "
    "empty store; vectors come through the same embedding cache as the embedded build's (with "
    "the corpus-built encoder there is no cache, and both builds embed everything).",
]


@dataclass
class Options:
    sizes: list[int] = field(default_factory=lambda: [1, 100, 1000])
    sources: Path = REAL_SOURCES
    qa: Path = PROJECT_ROOT / "eval" / "dev.jsonl"
    rounds: int = 3
    repeats: int = 3
    repeat_budget_s: float = 900.0
    loop_budget_s: float = 120.0
    baseline: bool = True
    milvus: bool = True  # the same corpus in Milvus Lite, built and served beside the embedded store
    hnsw_configs: str = "16x40"
    hnsw: bool = True
    cold: bool = True
    app: bool = True
    cold_repeats: int = 5
    workdir: Path | None = None
    keep: bool = False
    log: bool = True
    synthetic: bool = True  # the synthetic sizes; off to run the real text alone
    real: RealOptions | None = None  # the LawRefBook laws in the same run (assistant/bench/real.py)


class WorkerFailed(RuntimeError):
    pass


def _worker(command: str, env: dict[str, str], timeout_s: float = 3600, **args: object) -> dict:
    """Run one worker command in a fresh process; its last stdout line is the JSON result."""
    argv = [sys.executable, "-m", "assistant.bench.worker", command]
    for key, value in args.items():
        argv += [f"--{key.replace('_', '-')}", str(value)]
    done = subprocess.run(argv, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout_s)
    if done.returncode != 0 or not done.stdout.strip():
        tail = done.stderr.strip().splitlines()[-3:]
        raise WorkerFailed(f"{command} failed ({done.returncode}): {' | '.join(tail)}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _say(options: Options, message: str) -> None:
    if options.log:
        print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure_size(scale: int, options: Options, root: Path) -> SizeResult:
    """Build, serve and baseline runs at one size, repeated while the size's budget lasts."""
    sources, index_dir = root / "sources", root / "index"
    corpus = make_corpus(options.sources, sources, scale)
    _say(options, f"{scale}×: {corpus.real_documents + corpus.synthetic_documents} documents in {sources}")
    env = bench_env(sources, index_dir, root)
    result = SizeResult(scale=scale)
    started = time.perf_counter()
    common = {"sources": sources, "scale": scale, "qa": options.qa, "rounds": options.rounds,
              "budget": options.loop_budget_s}  # fmt: skip
    for attempt in range(options.repeats):
        if attempt and time.perf_counter() - started > options.repeat_budget_s:
            break
        steps: list[tuple[str, type[BaseModel], list, dict]] = [
            ("build", BuildRun, result.builds, {"sources": sources, "index": index_dir, "scale": scale}),
            ("serve", ServeRun, result.serves, {**common, "index": index_dir}),
        ]
        if options.milvus:
            milvus_build = {"sources": sources, "index": index_dir, "scale": scale}
            steps.append(("build-milvus", StoreBuildRun, result.milvus_builds, milvus_build))
            steps.append(("serve-milvus", ServeRun, result.milvus_serves, {**common, "index": index_dir}))
        if options.baseline:
            steps.append(("baseline", BaselineRun, result.baselines, common))
        for command, model, runs, args in steps:
            try:
                runs.append(model.model_validate(_worker(command, env, **args)))
                _say(options, f"{scale}× {command} run {attempt + 1}: {_brief(runs[-1])}")
            except (WorkerFailed, subprocess.TimeoutExpired) as exc:
                result.errors.append(str(exc))
                _say(options, f"{scale}× {command}: {exc}")
    return result


def _brief(run: BaseModel) -> str:
    data = run.model_dump()
    keys = ("build_s", "build_cpu_s", "peak_rss_mib", "open_s")
    parts = [f"{k}={data[k]}" for k in keys if k in data]
    parts += [f"{k} p50={data[k]['p50_ms']}ms" for k in ("retrieval", "answer") if k in data]
    return ", ".join(parts)


def _machine() -> dict[str, str]:
    load = os.getloadavg()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0
    return {
        "cores": str(cores),
        "python": sys.version.split()[0],
        "load_at_start": " ".join(f"{v:.1f}" for v in load),
    }


def run(options: Options) -> BenchResult:
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    result = BenchResult(
        started=dt.datetime.now().isoformat(timespec="seconds"), machine=_machine(), sizes=[], notes=NOTES[:]
    )
    try:
        _synthetic(options, workdir, result)
        if options.real is not None:
            (workdir / "real").mkdir(parents=True)
            result.real = measure_real(options.real, workdir / "real", lambda m: _say(options, m))
    finally:
        load = os.getloadavg()
        result.machine["load_at_end"] = " ".join(f"{v:.1f}" for v in load)
        result.machine["note"] = (
            f"shared; load average {result.machine['load_at_start']} at start, "
            f"{result.machine['load_at_end']} at end"
        )
        if not options.keep and options.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            _say(options, f"kept {workdir}")
    return result


def _synthetic(options: Options, workdir: Path, result: BenchResult) -> None:
    """The synthetic sizes, then HNSW recall at the largest and the cold start at the smallest."""
    if options.synthetic:
        for scale in options.sizes:
            result.sizes.append(measure_size(scale, options, workdir / f"x{scale}"))
        largest = max(options.sizes)
        root = workdir / f"x{largest}"
        if options.hnsw and any(s.builds for s in result.sizes if s.scale == largest):
            _say(options, f"HNSW recall at {largest}×")
            try:
                data = _worker("hnsw", bench_env(root / "sources", root / "index", root),
                               sources=root / "sources", index=root / "index", scale=largest, qa=options.qa,
                               hnsw_configs=options.hnsw_configs or ",")  # fmt: skip
                result.hnsw = HnswResult.model_validate(data)
            except (WorkerFailed, subprocess.TimeoutExpired) as exc:
                result.notes.append(f"HNSW measurement failed: {exc}")
        smallest = min(options.sizes)
        if options.cold and any(s.builds for s in result.sizes if s.scale == smallest):
            _say(options, f"cold start at {smallest}×")
            root = workdir / f"x{smallest}"
            result.cold = measure_cold(root / "sources", root / "index", root, COLD_QUESTION,
                                       options.cold_repeats, app=options.app)  # fmt: skip
