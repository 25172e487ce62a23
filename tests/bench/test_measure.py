"""Measurement helpers on tiny inputs: the 95th percentile, summaries, ratios, import-time parsing."""

from __future__ import annotations

import pytest

from assistant.bench.cold import parse_importtime
from assistant.bench.measure import p95, peak_rss_mib, ratio, summarise, timed_rounds


def test_p95_interpolates_between_order_statistics_like_numpy():
    values = [4.0, 1.0, 3.0, 2.0]
    # position (4 - 1) × 0.95 = 2.85: between the 3rd (3.0) and 4th (4.0) values
    assert p95(values) == pytest.approx(3.85)
    assert p95([7.0]) == 7.0
    assert p95([5.0, 5.0]) == 5.0


def test_p95_of_nothing_is_an_error():
    with pytest.raises(ValueError):  # statistics.StatisticsError is a ValueError
        p95([])


def test_summary_of_a_latency_sample():
    latency = summarise([10.0, 20.0, 30.0, 40.0, 1000.0])
    assert latency.model_dump() == {
        "n": 5,
        "p50_ms": 30.0,
        "p95_ms": 808.0,
        "mean_ms": 220.0,
        "max_ms": 1000.0,
    }


def test_ratio_is_project_over_baseline_and_none_when_undefined():
    assert ratio(5.0, 20.0) == 0.25
    assert ratio(30.0, 10.0) == 3.0
    assert ratio(None, 10.0) is None
    assert ratio(1.0, None) is None
    assert ratio(1.0, 0.0) is None


def test_timed_rounds_stops_after_the_round_that_crosses_the_budget():
    calls: list[object] = []
    samples = timed_rounds([1, 2, 3], calls.append, rounds=5, budget_s=0.0)
    assert len(samples) == 3 and calls == [1, 2, 3]
    assert len(timed_rounds([1, 2], lambda _: None, rounds=3, budget_s=60.0)) == 6


def test_peak_rss_is_this_process_in_mib():
    assert 10 < peak_rss_mib() < 100_000


def test_importtime_keeps_top_level_modules_by_cumulative_time():
    stderr = "\n".join(
        [
            "import time: self [us] | cumulative | imported package",
            "import time:       120 |        120 |     _io",
            "import time:      3000 |       5000 |   torch._C",
            "import time:      2000 |    4800000 | torch",
            "import time:       500 |    5100000 | sentence_transformers",
            "import time:       100 |      20000 | jieba",
        ]
    )
    top = parse_importtime(stderr, top=2)
    assert [(c.module, c.cumulative_ms) for c in top] == [
        ("sentence_transformers", 5100.0),
        ("torch", 4800.0),
    ]
