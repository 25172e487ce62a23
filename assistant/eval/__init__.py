"""Evaluation of the assistant against the gold QA set (eval/qa.jsonl) and the CI gate.

`run_gate()` runs the system through the batch contract, scores it next to a naive
LangChain baseline and checks eval/thresholds.toml; `python -m assistant.eval` is its CLI.
"""

from assistant.eval.gate import GateResult, check_thresholds, load_thresholds, run_gate

__all__ = ["GateResult", "check_thresholds", "load_thresholds", "run_gate"]
