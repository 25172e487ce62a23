"""The CI gate: the whole pipeline, run through the batch contract, must meet every
threshold in eval/thresholds/<split>.toml on both gold splits: dev (tuned on) and test
(written before the changes it judges, never tuned on)."""

from __future__ import annotations

import pytest

from assistant.eval import run_gate
from assistant.eval.dataset import SPLITS, split_path, thresholds_path

pytestmark = pytest.mark.slow  # answers both splits in a subprocess


@pytest.mark.parametrize("split", SPLITS)
def test_the_project_meets_every_eval_threshold(split):
    result = run_gate(split_path(split), thresholds_path(split), with_baseline=False)
    failures = "\n".join(f.message for f in result.failures)
    assert result.passed, f"eval gate failed on the {split} split:\n{failures}"
    assert result.project is not None
    assert result.project.overall.recall_at_5 >= 0.9
