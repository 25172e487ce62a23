"""The CI gate: the whole pipeline, run through the batch contract, must meet every
threshold in eval/thresholds.toml on the gold QA set."""

from __future__ import annotations

from assistant.eval import run_gate


def test_the_project_meets_every_eval_threshold():
    result = run_gate(with_baseline=False)
    failures = "\n".join(f.message for f in result.failures)
    assert result.passed, f"eval gate failed:\n{failures}"
    assert result.project is not None
    assert result.project.overall.recall_at_5 >= 0.95
