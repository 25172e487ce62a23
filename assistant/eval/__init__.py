"""Evaluation of the assistant against the gold QA sets and the CI gate.

Two splits: eval/dev.jsonl (development; tuning allowed) and eval/test.jsonl (written
before the changes it judges, never read while changing code). `run_gate()` runs the
system through the batch contract, scores it next to a naive LangChain baseline and
checks eval/thresholds/<split>.toml; `python -m assistant.eval` is its CLI.
"""

from assistant.eval.gate import GateResult, check_thresholds, load_thresholds, run_gate

__all__ = ["GateResult", "check_thresholds", "load_thresholds", "run_gate"]
