"""The real-text part of the benchmark as markdown (docs/bench/real.md) and one chart.

The whole corpus is set against the synthetic sizes: 1× from the same run, and the largest
synthetic size of a reference run (docs/bench/results.json) when one is given, with its date.
"""

from __future__ import annotations

from pathlib import Path

from assistant.bench.measure import ratio
from assistant.bench.models import BenchResult, BuildRun, EmbedRate, RealBuild, SizeResult
from assistant.bench.real import FIVE_NOTICES, IN_DOMAIN, distractor_pairs
from assistant.bench.report import _fmt, _fmt_ratio, median_of

# Issue 18: with the in-domain laws as distractors (e5), recall@5 and key facts within 0.03.
DISTRACTOR_TOLERANCE = 0.03


def _f(value: float | None, digits: int = 1) -> str:
    return _fmt(value, digits)


def _delta(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else round(after - before, 3)


def _signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.3f}"


def ingest_table(builds: list[RealBuild]) -> list[str]:
    out = [
        "| library | files | read | refused (with a reason) | crashed | clauses | sentences |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for b in builds:
        i = b.ingest
        clauses = b.build.clauses if b.build else None
        if i is None:
            out.append(f"| {b.name} | — | — | — | — | — | — |")
            continue
        out.append(
            f"| {b.name} | {i.files} | {i.documents} | {i.refused} | {i.crashed} | "
            f"{clauses if clauses is not None else '—'} | {i.sentences} |"
        )
    reasons = [(b.name, r, n) for b in builds if b.ingest for r, n in b.ingest.refusal_reasons.items()]
    if reasons:
        out += ["", "Refusals by reason:", ""]
        out += [f"- {name}: {reason} × {n}" for name, reason, n in reasons]
    return out


def build_table(builds: list[RealBuild]) -> list[str]:
    out = [
        "| library | encoder | build (s) | build CPU (s) | texts embedded | vectors/s | "
        "cached rebuild (s) | texts embedded again | peak RSS building (MiB) | load at build |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for b in builds:
        first, again = b.build, b.rebuild
        out.append(
            f"| {b.name} | {b.embedding} | {_f(first.build_s if first else None)} | "
            f"{_f(first.build_cpu_s if first else None)} | {first.vectors_embedded if first else '—'} | "
            f"{_f(b.vectors_per_s)} | {_f(again.build_s if again else None)} | "
            f"{again.vectors_embedded if again else '—'} | {_f(first.peak_rss_mib if first else None)} | "
            f"{b.load.get('build', '')} |"
        )
    return out


def e5_rate_lines(rate: EmbedRate | None) -> list[str]:
    """The bundled e5's speed on in-domain clauses, when the part was built with another encoder."""
    if rate is None:
        return []
    per_cpu = rate.sample / rate.cpu_s if rate.cpu_s else None
    projected = f"≈ {rate.projected_build_s / 60:.0f} min" if rate.projected_build_s else "—"
    return [
        f"The bundled e5 on {rate.sample} in-domain clauses, uncached: {_f(rate.vectors_per_s)} vectors/s "
        f"wall ({_f(per_cpu)} per CPU second; engine load and first call {_f(rate.load_s)} s). At that "
        f"rate the in-domain part's {rate.library_texts:,} clauses and sentences take {projected} to embed.",
        "",
    ]


def serve_table(builds: list[RealBuild]) -> list[str]:
    out = [
        "| library | store | open (s) | retrieval p50 (ms) | retrieval p95 (ms) | answer p50 (ms) | "
        "answer p95 (ms) | peak RSS (MiB) | load |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for b in builds:
        for store, run, key in (
            ("embedded", b.serve, "serve"),
            ("Milvus Lite", b.milvus_serve, "milvus_serve"),
        ):
            if run is None:
                continue
            out.append(
                f"| {b.name} | {store} | {_f(run.open_s)} | {_f(run.retrieval.p50_ms)} | "
                f"{_f(run.retrieval.p95_ms)} | {_f(run.answer.p50_ms)} | {_f(run.answer.p95_ms)} | "
                f"{_f(run.peak_rss_mib)} | {b.load.get(key, '')} |"
            )
        if b.baseline is not None:
            base = b.baseline
            out.append(
                f"| {b.name} | naive baseline (BM25, one process) | {_f(base.build_s)} | "
                f"{_f(base.retrieval.p50_ms)} | {_f(base.retrieval.p95_ms)} | {_f(base.answer.p50_ms)} | "
                f"{_f(base.answer.p95_ms)} | {_f(base.peak_rss_mib)} | {b.load.get('baseline', '')} |"
            )
    milvus = [b for b in builds if b.milvus_build is not None]
    for b in milvus:
        m = b.milvus_build
        out += ["", f"Milvus Lite build ({b.name}): {_f(m.build_s)} s, {m.vectors_computed} texts embedded, "
                f"peak RSS {_f(m.peak_rss_mib)} MiB."]  # fmt: skip
    return out


def _synthetic_row(
    label: str, size: SizeResult
) -> tuple[str, int, int, float | None, float | None, float | None]:
    build: BuildRun | None = size.builds[0] if size.builds else None
    return (
        label,
        build.documents if build else 0,
        build.clauses if build else 0,
        median_of(size.builds, lambda r: r.build_s),
        median_of(size.builds, lambda r: r.peak_rss_mib),
        median_of(size.serves, lambda r: r.peak_rss_mib),
    )


def against_synthetic(result: BenchResult, reference: BenchResult | None) -> list[str]:
    """The whole corpus beside the synthetic sizes, with ratios (real ÷ synthetic)."""
    whole = (
        next((b for b in result.real.builds if b.build and b.name != IN_DOMAIN), None)
        if result.real
        else None
    )
    if whole is None or whole.build is None:
        return []
    rows = [_synthetic_row(f"synthetic {s.scale}× (this run)", s) for s in result.sizes]
    if reference is not None and reference.sizes:
        largest = max(reference.sizes, key=lambda s: s.scale)
        rows.append(_synthetic_row(f"synthetic {largest.scale}× (run of {reference.started[:10]})", largest))
    serve_rss = whole.serve.peak_rss_mib if whole.serve else None
    out = [
        "| corpus | documents | clauses | build (s) | peak RSS building (MiB) | peak RSS serving (MiB) | "
        "whole corpus ÷ it: build | ÷ RSS building |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| whole corpus ({whole.embedding}) | {whole.build.documents} | {whole.build.clauses} | "
        f"{_f(whole.build.build_s)} | {_f(whole.build.peak_rss_mib)} | {_f(serve_rss)} | | |",
    ]
    for label, documents, clauses, build_s, rss_build, rss_serve in rows:
        out.append(
            f"| {label} | {documents} | {clauses} | {_f(build_s)} | {_f(rss_build)} | {_f(rss_serve)} | "
            f"{_fmt_ratio(ratio(whole.build.build_s, build_s))} | "
            f"{_fmt_ratio(ratio(whole.build.peak_rss_mib, rss_build))} |"
        )
    return out


def distractor_table(result: BenchResult) -> list[str]:
    runs = result.real.distractors if result.real else []
    if not runs:
        return []
    out = [
        "| split | encoder | library | documents | recall@5 | key facts | Δ recall@5 | Δ key facts | "
        "within 0.03 | seconds | load |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    deltas = {id(after): (before, after) for before, after in distractor_pairs(runs)}
    for run in runs:
        before, after = deltas.get(id(run), (None, None))
        d_recall = _delta(after.recall_at_5, before.recall_at_5) if after else None
        d_facts = _delta(after.key_fact_accuracy, before.key_fact_accuracy) if after else None
        within = ""
        if d_recall is not None and d_facts is not None:
            ok = d_recall >= -DISTRACTOR_TOLERANCE and d_facts >= -DISTRACTOR_TOLERANCE
            within = "✅" if ok else "❌"
        shown = run.error and f"failed: {run.error[:80]}"
        out.append(
            f"| {run.split} | {run.embedding} | {run.library} | {run.documents} | "
            f"{shown or _f(run.recall_at_5, 2)} | {_f(run.key_fact_accuracy, 2)} | {_signed(d_recall)} | "
            f"{_signed(d_facts)} | {within} | {run.seconds:.0f} | {run.load} |"
        )
    return out


def real_markdown(result: BenchResult, reference: BenchResult | None = None) -> str:
    real = result.real
    if real is None:
        return "# Benchmark on real text\n\nNot run (`--no-real`).\n"
    out = [
        "# Benchmark on real text",
        "",
        f"Run {result.started} on {result.machine.get('cores', '?')} cores "
        f"({result.machine.get('note', '')}). "
        f"The LawRefBook corpus: {real.corpus_files} laws and regulations, {real.in_domain_files} of them "
        f"in-domain (`labour.txt`), unpacked into a temporary folder in {real.unpack_s} s. Every step runs "
        "in a fresh process; the load average (1, 5, 15 min) when it began is beside it.",
        "",
        "## Ingest",
        "",
        *ingest_table(real.builds),
        "",
        "## Build, and the rebuild over the same files with the vector cache",
        "",
        *build_table(real.builds),
        "",
        *e5_rate_lines(real.e5_rate),
        "## Serving the dev questions",
        "",
        *serve_table(real.builds),
    ]
    synthetic = against_synthetic(result, reference)
    if synthetic:
        out += ["", "## The whole corpus against the synthetic corpora", "", *synthetic]
    distractors = distractor_table(result)
    if distractors:
        out += [
            "",
            "## Distractors: the eval splits with the laws in the library",
            "",
            f"Each split is answered from the {FIVE_NOTICES} alone and from the notices with the laws "
            "beside them, with the same encoder, in the same run. Only the aggregates are kept; the test "
            "split's items are never shown. Δ = with the laws − notices alone; the issue's target is a "
            f"loss of at most {DISTRACTOR_TOLERANCE} with the in-domain part and e5.",
            "",
            *distractors,
        ]
    errors = [f"{b.name}: {e}" for b in real.builds for e in b.errors]
    if errors:
        out += ["", "## Errors", "", *[f"- {e}" for e in errors]]
    if result.notes:
        out += ["", "## Notes", "", *[f"- {n}" for n in result.notes]]
    return "\n".join(out) + "\n"


def plot_real(result: BenchResult, path: Path, reference: BenchResult | None = None) -> None:
    """Two panels: build time and peak RSS per corpus; recall@5 and key facts with and without laws."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    real = result.real
    corpora: list[tuple[str, float | None, float | None]] = [
        (f"synthetic {s.scale}×", median_of(s.builds, lambda r: r.build_s),
         median_of(s.builds, lambda r: r.peak_rss_mib)) for s in result.sizes
    ]  # fmt: skip
    if reference is not None and reference.sizes:
        largest = max(reference.sizes, key=lambda s: s.scale)
        corpora.append((f"synthetic {largest.scale}×\n({reference.started[:10]})",
                        median_of(largest.builds, lambda r: r.build_s),
                        median_of(largest.builds, lambda r: r.peak_rss_mib)))  # fmt: skip
    for b in real.builds if real else []:
        if b.build is not None:
            corpora.append((f"{b.name}\n{b.embedding}", b.build.build_s, b.build.peak_rss_mib))
    figure, (left, right) = plt.subplots(1, 2, figsize=(13, 4.5))
    names = [c[0] for c in corpora]
    x = range(len(corpora))
    left.bar([i - 0.2 for i in x], [c[1] or 0 for c in corpora], 0.4, label="build (s)")
    twin = left.twinx()
    twin.bar(
        [i + 0.2 for i in x], [c[2] or 0 for c in corpora], 0.4, color="tab:orange", label="peak RSS (MiB)"
    )
    left.set_xticks(list(x), names, fontsize=7)
    left.set_ylabel("build (s)")
    twin.set_ylabel("peak RSS building (MiB)")
    left.set_title("build time and memory")
    pairs = distractor_pairs(real.distractors) if real else []
    labels = [f"{a.split}\n{a.embedding}\n+{a.library.split('+')[-1].strip()}" for _, a in pairs]
    for offset, (metric, name) in enumerate(
        (("recall_at_5", "recall@5"), ("key_fact_accuracy", "key facts"))
    ):
        for shift, pick, hatch in ((0, 0, ""), (1, 1, "//")):
            values = [getattr(p[pick], metric) or 0 for p in pairs]
            where = [i * 1.0 + (offset * 2 + shift) * 0.2 - 0.3 for i in range(len(pairs))]
            left_label = f"{name}, {'notices alone' if pick == 0 else 'with laws'}"
            alpha = 0.45 if pick == 0 else 1.0
            right.bar(where, values, 0.2, hatch=hatch, label=left_label, color=f"C{offset}", alpha=alpha)
    right.set_xticks(list(range(len(pairs))), labels, fontsize=7)
    right.set_ylim(0, 1)
    right.set_title("distractors: five notices alone vs with laws")
    right.legend(fontsize=7)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
