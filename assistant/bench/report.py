"""The benchmark's outputs: a markdown table for the README and a growth plot."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from assistant.bench.measure import ratio
from assistant.bench.models import BenchResult, SizeResult

T = TypeVar("T")

# Targets on a 2-core machine with the offline default (issue 7).
ANSWER_P50_1X_MS = 20.0
ANSWER_P50_1000X_MS = 100.0
BUILD_1000X_S = 180.0
RSS_1000X_MIB = 2048.0
COLD_ASK_S = 3.0


class Row(BaseModel):
    """One line of the comparison table."""

    metric: str
    scale: int
    project: float | None
    baseline: float | None
    ratio: float | None
    target: str = ""


def median_of(runs: Sequence[T], value: Callable[[T], float]) -> float | None:
    return round(statistics.median(value(r) for r in runs), 3) if runs else None


# metric, which project runs, project field, baseline field (the baseline is one process)
_ROWS: list[tuple[str, str, str, str | None]] = [
    ("index build (s)", "builds", "build_s", "build_s"),
    ("index build CPU (s)", "builds", "build_cpu_s", "build_cpu_s"),
    ("retrieval p50 (ms)", "serves", "retrieval.p50_ms", "retrieval.p50_ms"),
    ("retrieval p95 (ms)", "serves", "retrieval.p95_ms", "retrieval.p95_ms"),
    ("answer p50 (ms)", "serves", "answer.p50_ms", "answer.p50_ms"),
    ("answer p95 (ms)", "serves", "answer.p95_ms", "answer.p95_ms"),
    ("peak RSS serving (MiB)", "serves", "peak_rss_mib", "peak_rss_mib"),
    ("peak RSS building (MiB)", "builds", "peak_rss_mib", "peak_rss_mib"),
    ("open index, with imports (s)", "serves", "open_s", None),
]
_TARGETS = {
    ("index build (s)", 1000): f"≤ {BUILD_1000X_S:.0f} s",
    ("answer p50 (ms)", 1): f"≤ {ANSWER_P50_1X_MS:.0f} ms",
    ("answer p50 (ms)", 1000): f"≤ {ANSWER_P50_1000X_MS:.0f} ms",
    ("peak RSS serving (MiB)", 1000): f"≤ {RSS_1000X_MIB:.0f} MiB",
    ("peak RSS building (MiB)", 1000): f"≤ {RSS_1000X_MIB:.0f} MiB",
}


def rows(size: SizeResult) -> list[Row]:
    """The comparison rows for one size: medians over runs, project ÷ baseline."""
    out = []
    for metric, runs, field, baseline_field in _ROWS:
        project = median_of(getattr(size, runs), attrgetter(field))
        baseline = median_of(size.baselines, attrgetter(baseline_field)) if baseline_field else None
        target = _TARGETS.get((metric, size.scale), "")
        out.append(Row(metric=metric, scale=size.scale, project=project, baseline=baseline,
                       ratio=ratio(project, baseline), target=target))  # fmt: skip
    return out


def _fmt(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}" if abs(value) >= 1 else f"{value:.{digits + 1}f}"


def _fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.2f}"


def _verdict(row: Row) -> str:
    if not row.target or row.project is None:
        return row.target
    limit = float(row.target.split()[1].replace(",", ""))
    return f"{row.target} {'✅' if row.project <= limit else '❌'}"


def markdown(result: BenchResult) -> str:
    out = ["# Scaling benchmark", ""]
    out += [
        f"Run {result.started} on {result.machine.get('cores', '?')} cores "
        f"({result.machine.get('note', '')}). `python -m assistant.bench "
        f"--sizes {','.join(str(s.scale) for s in result.sizes)}`. Sizes above 1× are synthetic "
        "corpora (real documents moved to other places, years and figures; doc_ids `synthetic-…`), "
        "built in a temporary folder. Each figure is the median over runs; ratio = project ÷ naive "
        "LangChain baseline measured in the same run (below 1 is better for the project).",
        "",
        "| size | documents | clauses (project) | chunks (baseline) | FAISS | runs (build/serve/baseline) |",
        "|---|---:|---:|---:|---|---|",
    ]
    for size in result.sizes:
        build = size.builds[0] if size.builds else None
        base = size.baselines[0] if size.baselines else None
        runs = f"{len(size.builds)}/{len(size.serves)}/{len(size.baselines)}"
        out.append(
            f"| {size.scale}× | {build.documents if build else '—'} | {build.clauses if build else '—'} | "
            f"{base.chunks if base else '—'} | {build.faiss_type if build else '—'} | {runs} |"
        )
    out += ["", "| metric | size | project | baseline | ratio | target |", "|---|---:|---:|---:|---:|---|"]
    for size in result.sizes:
        for row in rows(size):
            out.append(
                f"| {row.metric} | {row.scale}× | {_fmt(row.project)} | {_fmt(row.baseline)} | "
                f"{_fmt_ratio(row.ratio)} | {_verdict(row)} |"
            )
    out += _stores(result) + _cold(result) + _hnsw(result) + _stages(result) + _errors(result)
    if result.notes:
        out += ["", "## Notes", "", *[f"- {n}" for n in result.notes]]
    return "\n".join(out) + "\n"


# metric, embedded runs and field, Milvus runs and field (medians over runs)
_STORE_ROWS: list[tuple[str, str, str, str, str]] = [
    ("build (s)", "builds", "build_s", "milvus_builds", "build_s"),
    ("build CPU (s)", "builds", "build_cpu_s", "milvus_builds", "build_cpu_s"),
    ("peak RSS building (MiB)", "builds", "peak_rss_mib", "milvus_builds", "peak_rss_mib"),
    ("open, with imports (s)", "serves", "open_s", "milvus_serves", "open_s"),
    ("retrieval p50 (ms)", "serves", "retrieval.p50_ms", "milvus_serves", "retrieval.p50_ms"),
    ("retrieval p95 (ms)", "serves", "retrieval.p95_ms", "milvus_serves", "retrieval.p95_ms"),
    ("answer p50 (ms)", "serves", "answer.p50_ms", "milvus_serves", "answer.p50_ms"),
    ("answer p95 (ms)", "serves", "answer.p95_ms", "milvus_serves", "answer.p95_ms"),
    ("peak RSS serving (MiB)", "serves", "peak_rss_mib", "milvus_serves", "peak_rss_mib"),
]


def store_rows(size: SizeResult) -> list[tuple[str, float | None, float | None, float | None]]:
    """(metric, embedded, Milvus Lite, Milvus ÷ embedded) at one size."""
    out = []
    for metric, runs, field, milvus_runs, milvus_field in _STORE_ROWS:
        embedded = median_of(getattr(size, runs), attrgetter(field))
        milvus = median_of(getattr(size, milvus_runs), attrgetter(milvus_field))
        out.append((metric, embedded, milvus, ratio(milvus, embedded)))
    return out


def _stores(result: BenchResult) -> list[str]:
    sizes = [s for s in result.sizes if s.milvus_builds or s.milvus_serves]
    if not sizes:
        return []
    out = [
        "",
        "## The clause store: embedded (FAISS + bm25s) and Milvus Lite, same run",
        "",
        "The same sources, encoder and questions; ratio = Milvus Lite ÷ embedded (above 1 is slower "
        "or larger for Milvus Lite).",
        "",
        "| metric | size | embedded | Milvus Lite | ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    for size in sizes:
        for metric, embedded, milvus, factor in store_rows(size):
            out.append(
                f"| {metric} | {size.scale}× | {_fmt(embedded)} | {_fmt(milvus)} | {_fmt_ratio(factor)} |"
            )
        computed = median_of(size.milvus_builds, attrgetter("vectors_computed"))
        out.append(
            f"| vectors the Milvus build embedded (not in the cache) | {size.scale}× | | "
            f"{_fmt(computed, 0)} | |"
        )
    return out


def _cold(result: BenchResult) -> list[str]:
    cold = result.cold
    if cold is None:
        return []
    ok = "✅" if cold.ask_median_s <= COLD_ASK_S else "❌"
    out = [
        "",
        "## Cold start (1×, index already built)",
        "",
        "| measurement | seconds | target |",
        "|---|---:|---|",
    ]
    out.append(f"| `python -m assistant ask …`, start to exit (median of {len(cold.ask_s)}) | "
               f"{cold.ask_median_s:.2f} | ≤ {COLD_ASK_S:.0f} s {ok} |")  # fmt: skip
    out += [f"| … of which {phase} | {seconds:.2f} | |" for phase, seconds in cold.phases_s.items()]
    if cold.phases_s:  # the phases come from a separate, instrumented cold process
        rest = cold.ask_median_s - sum(cold.phases_s.values())
        out.append(f"| … the rest: CLI, settings, printing, interpreter exit | {max(rest, 0.0):.2f} | |")
    out.append(f"| `import sentence_transformers` alone | {_fmt(cold.import_sentence_transformers_s, 2)} | |")
    out.append(f"| `import torch` alone | {_fmt(cold.import_torch_s, 2)} | |")
    app = _fmt(cold.app_ready_s, 2) if cold.app_ready_s is not None else cold.app_note or "not measured"
    out.append(f"| `python app.py` to HTTP 200 on / | {app} | |")
    if cold.app_index_ready_s is not None:
        out.append(f"| `python app.py` to its index ready | {cold.app_index_ready_s:.2f} | |")
    if cold.top_imports:
        out += ["", "Slowest top-level imports of a cold `ask` (`python -X importtime`, cumulative):", ""]
        out += ["| module | ms |", "|---|---:|"]
        out += [f"| {c.module} | {c.cumulative_ms:,.0f} |" for c in cold.top_imports]
    return out


def _hnsw(result: BenchResult) -> list[str]:
    h = result.hnsw
    if h is None:
        return []
    out = [
        "",
        f"## HNSW against exact search ({h.scale}×: {h.vectors:,} vectors, {h.queries} eval queries)",
        "",
        f"Exact (IndexFlatIP) p50 {h.exact_search_p50_ms:.2f} ms per query, single-threaded. "
        f"{h.distinct_vectors:,} of the {h.vectors:,} vectors are distinct (to 5 decimals): "
        "synthetic variants differ from their original mostly in place names, years and figures.",
        "",
        "| M | efConstruction | efSearch | build (s) | recall@10 | recall@10 (ids) | recall@candidates "
        "| p50 (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in h.configs:
        built = "persisted" if c.build_s is None else f"{c.build_s:.0f}"
        out.append(
            f"| {c.neighbours} | {c.ef_construction} | {c.ef_search} | {built} | {c.recall_at_10:.3f} | "
            f"{c.recall_at_10_ids:.3f} | {c.recall_at_candidates:.3f} | {c.search_p50_ms:.3f} |"
        )
    out += ["", "Exact search p50 by number of vectors:", "", "| vectors | p50 (ms) |", "|---:|---:|"]
    out += [f"| {n:,} | {ms:.2f} |" for n, ms in sorted(h.exact_p50_ms_by_size.items())]
    return out


def _stages(result: BenchResult) -> list[str]:
    sizes = [s for s in result.sizes if s.builds]
    if not sizes:
        return []
    names = list(dict.fromkeys(k for s in sizes for k in s.builds[0].stages_s))
    out = ["", "## Where the build time goes (seconds, first run)", ""]
    out.append("| stage | " + " | ".join(f"{s.scale}×" for s in sizes) + " |")
    out.append("|---|" + "---:|" * len(sizes))
    for name in names:
        out.append(f"| {name} | " + " | ".join(_fmt(s.builds[0].stages_s.get(name)) for s in sizes) + " |")
    return out


def _errors(result: BenchResult) -> list[str]:
    errors = [f"{s.scale}×: {e}" for s in result.sizes for e in s.errors]
    errors += [
        f"{s.scale}×: the index was rebuilt when the serve run opened it (code changed meanwhile)"
        for s in result.sizes
        if any(r.rebuilt_at_open for r in s.serves)
    ]
    return ["", "## Errors", "", *[f"- {e}" for e in errors]] if errors else []


def plot(result: BenchResult, path: Path) -> None:
    """Build time, p50 answer latency and peak RSS against corpus size, log axes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [s for s in result.sizes if s.builds or s.baselines]
    x = [s.scale for s in sizes]
    panels = [
        ("index build (s)", lambda s: median_of(s.builds, lambda r: r.build_s),
         lambda s: median_of(s.baselines, lambda r: r.build_s)),
        ("answer p50 (ms)", lambda s: median_of(s.serves, lambda r: r.answer.p50_ms),
         lambda s: median_of(s.baselines, lambda r: r.answer.p50_ms)),
        ("peak RSS (MiB)", lambda s: median_of(s.serves, lambda r: r.peak_rss_mib),
         lambda s: median_of(s.baselines, lambda r: r.peak_rss_mib)),
    ]  # fmt: skip
    figure, axes = plt.subplots(1, 3, figsize=(13, 4))
    for ax, (title, project, baseline) in zip(axes, panels, strict=True):
        _line(ax, x, [project(s) for s in sizes], "project (serving)" if "RSS" in title else "project", "-o")
        _line(ax, x, [baseline(s) for s in sizes], "naive LangChain baseline", "--s")
        if title.startswith("peak"):
            _line(
                ax, x, [median_of(s.builds, lambda r: r.peak_rss_mib) for s in sizes], "project (build)", ":^"
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("corpus size (× the real corpus)")
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _line(ax, x: list[int], y: list[float | None], label: str, style: str) -> None:
    points = [(a, b) for a, b in zip(x, y, strict=True) if b is not None]
    if points:
        ax.plot([p[0] for p in points], [p[1] for p in points], style, label=label)
