"""The markdown table and the growth plot, from a hand-made result."""

from __future__ import annotations

from pathlib import Path

from assistant.bench.measure import summarise
from assistant.bench.models import BaselineRun, BenchResult, BuildRun, ColdStart, ServeRun, SizeResult
from assistant.bench.report import markdown, plot, rows


def _size(scale: int, build_s: list[float], answer_ms: float, baseline_build_s: float) -> SizeResult:
    builds = [
        BuildRun(scale=scale, documents=5 * scale, clauses=194 * scale, build_s=b, build_cpu_s=b,
                 peak_rss_mib=500.0, faiss_type="flat-ip", stages_s={"jieba tokenize": b / 2})
        for b in build_s
    ]  # fmt: skip
    serve = ServeRun(scale=scale, open_s=0.5, first_answer_ms=30.0, retrieval=summarise([answer_ms / 2] * 3),
                     answer=summarise([answer_ms] * 3), peak_rss_mib=400.0)  # fmt: skip
    baseline = BaselineRun(scale=scale, chunks=220 * scale, build_s=baseline_build_s, build_cpu_s=1.0,
                           retrieval=summarise([40.0] * 3), answer=summarise([80.0] * 3),
                           peak_rss_mib=200.0)  # fmt: skip
    return SizeResult(scale=scale, builds=builds, serves=[serve], baselines=[baseline])


def _result() -> BenchResult:
    sizes = [_size(1, [2.0, 4.0, 3.0], 8.0, 1.5), _size(1000, [200.0], 150.0, 100.0)]
    cold = ColdStart(ask_s=[4.0, 5.0, 4.5], ask_median_s=4.5, app_note="not measured: app.py does not exist")
    return BenchResult(
        started="2026-01-01T00:00:00", machine={"cores": "2", "note": "test"}, sizes=sizes, cold=cold
    )


def test_rows_take_medians_over_runs_and_divide_by_the_baseline():
    by_metric = {r.metric: r for r in rows(_result().sizes[0])}
    build = by_metric["index build (s)"]
    assert (build.project, build.baseline, build.ratio) == (3.0, 1.5, 2.0)
    answer = by_metric["answer p50 (ms)"]
    assert (answer.project, answer.baseline, answer.ratio, answer.target) == (8.0, 80.0, 0.1, "≤ 20 ms")
    opened = by_metric["open index, with imports (s)"]
    assert opened.baseline is None and opened.ratio is None


def test_markdown_has_every_row_with_targets_judged():
    text = markdown(_result())
    assert "| answer p50 (ms) | 1× | 8.0 | 80.0 | 0.10 | ≤ 20 ms ✅ |" in text
    assert "| answer p50 (ms) | 1000× | 150 | 80.0 | 1.88 | ≤ 100 ms ❌ |" in text
    assert "| index build (s) | 1000× | 200 | 100 | 2.00 | ≤ 180 s ❌ |" in text
    assert "not measured: app.py does not exist" in text
    assert "| jieba tokenize | 1.0 | 100 |" in text


def test_plot_writes_a_png(tmp_path: Path):
    path = tmp_path / "growth.png"
    plot(_result(), path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
