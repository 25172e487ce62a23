"""Thresholds, the check against them, and `run_gate`, the one call CI needs."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.eval.baseline import NaiveBaseline
from assistant.eval.dataset import DEFAULT_QA, DEFAULT_SOURCES, DEFAULT_THRESHOLDS, load_qa
from assistant.eval.metrics import METRIC_NAMES, MetricSet, SystemReport, evaluate
from assistant.eval.models import Kind
from assistant.eval.runner import System, SystemRunError, subprocess_system


class Bounds(BaseModel):
    """Lower (`min`) and upper (`max`) bounds on metrics, by metric name."""

    model_config = ConfigDict(extra="forbid")

    min: dict[str, float] = Field(default_factory=dict)
    max: dict[str, float] = Field(default_factory=dict)

    @field_validator("min", "max")
    @classmethod
    def _known_metrics(cls, bounds: dict[str, float]) -> dict[str, float]:
        # A misspelt metric would otherwise be a bound that is never checked.
        unknown = sorted(set(bounds) - set(METRIC_NAMES))
        if unknown:
            raise ValueError(f"unknown metrics {unknown}; known: {list(METRIC_NAMES)}")
        return bounds


class Thresholds(BaseModel):
    """eval/thresholds.toml."""

    model_config = ConfigDict(extra="forbid")

    overall: Bounds = Field(default_factory=Bounds)
    by_kind: dict[Kind, Bounds] = Field(default_factory=dict)


class GateFailure(BaseModel):
    """One reason the gate failed: a metric out of bounds, or a system that did not run."""

    scope: str = Field(description='"overall", "kind:<kind>", or "project" for a run error')
    metric: str
    value: float | None = None
    op: Literal[">=", "<=", "runs"]
    bound: float | None = None
    message: str


class GateResult(BaseModel):
    """Everything one eval run produced; `--json` prints it without the per-item scores."""

    project: SystemReport | None
    baseline: SystemReport | None
    thresholds: Thresholds
    passed: bool
    failures: list[GateFailure]


def load_thresholds(path: Path = DEFAULT_THRESHOLDS) -> Thresholds:
    with path.open("rb") as fh:
        return Thresholds.model_validate(tomllib.load(fh))


def _check(scope: str, metrics: MetricSet | None, bounds: Bounds) -> list[GateFailure]:
    failures: list[GateFailure] = []
    checks = [(name, bound, ">=") for name, bound in bounds.min.items()]
    checks += [(name, bound, "<=") for name, bound in bounds.max.items()]
    for name, bound, op in checks:
        value = getattr(metrics, name) if metrics is not None else None
        # A metric that could not be measured fails: the gate cannot vouch for it.
        ok = value is not None and (value >= bound if op == ">=" else value <= bound)
        if not ok:
            shown = "not measured" if value is None else f"{value:.3f}"
            failures.append(
                GateFailure(
                    scope=scope,
                    metric=name,
                    value=value,
                    op=op,
                    bound=bound,
                    message=f"{scope} {name} = {shown}, needs {op} {bound}",
                )
            )
    return failures


def check_thresholds(report: SystemReport, thresholds: Thresholds) -> list[GateFailure]:
    """Every bound the report misses, overall first, then by kind."""
    failures = _check("overall", report.overall, thresholds.overall)
    for kind, bounds in thresholds.by_kind.items():
        failures += _check(f"kind:{kind}", report.by_kind.get(kind), bounds)
    return failures


def run_gate(
    qa_path: Path = DEFAULT_QA,
    thresholds_path: Path = DEFAULT_THRESHOLDS,
    *,
    system: System | None = None,
    with_baseline: bool = True,
    sources_dir: Path = DEFAULT_SOURCES,
) -> GateResult:
    """Run the system (default: the batch command) and the baseline; check the thresholds.

    A system that cannot run fails the gate with a "project" failure instead of raising,
    so the report still shows the baseline and says what went wrong.
    """
    items = load_qa(qa_path)
    thresholds = load_thresholds(thresholds_path)
    run = system or subprocess_system()
    project: SystemReport | None = None
    failures: list[GateFailure]
    try:
        project = evaluate("project", items, run(items))
        failures = check_thresholds(project, thresholds) + _missing_outputs(project)
    except SystemRunError as exc:
        failures = [GateFailure(scope="project", metric="run", op="runs", message=str(exc))]
    baseline = evaluate("baseline", items, NaiveBaseline(sources_dir)(items)) if with_baseline else None
    return GateResult(
        project=project,
        baseline=baseline,
        thresholds=thresholds,
        passed=not failures,
        failures=failures,
    )


def _missing_outputs(report: SystemReport) -> list[GateFailure]:
    missing: Sequence[str] = [score.id for score in report.items if not score.has_output]
    if not missing:
        return []
    shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
    return [
        GateFailure(
            scope="project",
            metric="outputs",
            value=float(len(missing)),
            op="runs",
            message=f"no output line for {len(missing)} items: {shown}",
        )
    ]
