"""Measurement helpers: the 95th percentile, latency summaries, peak memory, ratios. No heavy imports."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel

MIB = 1024 * 1024


class Latency(BaseModel):
    """A latency distribution in milliseconds."""

    n: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    max_ms: float


def p95(samples: Sequence[float]) -> float:
    """The 95th percentile: the 19th of the 20 cut points of statistics.quantiles with the
    "inclusive" method, which interpolates linearly between order statistics as numpy's
    default does (a latency sample is the whole population measured, not a draw from it)."""
    if len(samples) == 1:  # quantiles needs two points on Python 3.11; one point is its own p95
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def summarise(samples_ms: Sequence[float]) -> Latency:
    return Latency(
        n=len(samples_ms),
        p50_ms=round(statistics.median(samples_ms), 3),
        p95_ms=round(p95(samples_ms), 3),
        mean_ms=round(statistics.fmean(samples_ms), 3),
        max_ms=round(max(samples_ms), 3),
    )


def time_each(items: Iterable[object], call: Callable[[object], object]) -> list[float]:
    """Wall-clock milliseconds of call(item) for each item."""
    out = []
    for item in items:
        start = time.perf_counter()
        call(item)
        out.append((time.perf_counter() - start) * 1000)
    return out


def timed_rounds(
    items: Sequence[object], call: Callable[[object], object], rounds: int, budget_s: float
) -> list[float]:
    """Up to `rounds` passes over the items, stopping after the pass that crosses the budget."""
    samples: list[float] = []
    started = time.perf_counter()
    for _ in range(max(1, rounds)):
        samples += time_each(items, call)
        if time.perf_counter() - started > budget_s:
            break
    return samples


def peak_rss_mib() -> float:
    """This process's peak resident set size: VmHWM from /proc, else getrusage's ru_maxrss.

    VmHWM belongs to the process's own address space, so unlike ru_maxrss it never
    includes the parent's memory inherited across fork and exec.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children.

    On shared cores wall time depends on what else runs; CPU time much less so.
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def ratio(project: float | None, baseline: float | None) -> float | None:
    """project / baseline, or None when either is missing or the baseline is zero."""
    if project is None or baseline is None or baseline == 0:
        return None
    return round(project / baseline, 3)
