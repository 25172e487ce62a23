"""The gate: thresholds, run_gate with fake systems, the subprocess runner and the CLI."""

from __future__ import annotations

import json
import sys
import textwrap
import types
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.eval.__main__ import main
from assistant.eval.dataset import load_qa, thresholds_path
from assistant.eval.gate import Bounds, Thresholds, check_thresholds, load_thresholds, run_gate
from assistant.eval.metrics import MetricSet, SystemReport
from assistant.eval.models import OutputChunk, OutputCitation, OutputLine, QAItem
from assistant.eval.runner import (
    SystemRunError,
    in_process_system,
    input_lines,
    subprocess_system,
)

FILLER = "各地要加大技能人才工作投入力度,发挥好政府资金的撬动作用。"


def oracle(items: Sequence[QAItem]) -> list[OutputLine]:
    """A perfect system built from the gold: what a passing project looks like."""
    lines = []
    for item in items:
        quotes = [gold.quote for gold in item.gold]
        lines.append(
            OutputLine(
                id=item.id,
                answer="；".join(item.must_include) if item.answerable else "文件没有规定。",
                answerable=item.answerable,
                citations=[OutputCitation(doc_id=g.doc, text=g.quote) for g in item.gold]
                if item.answerable
                else [],
                retrieved=[OutputChunk(doc_id="x", text=t) for t in [*quotes, *[FILLER] * 10]][:10],
                latency_ms=5.0,
            )
        )
    return lines


def silent(items: Sequence[QAItem]) -> list[OutputLine]:
    """A system that answers everything with nothing."""
    return [OutputLine(id=i.id, answer="", answerable=True, latency_ms=1.0) for i in items]


def report(overall: MetricSet, **by_kind: MetricSet) -> SystemReport:
    return SystemReport(name="project", overall=overall, by_kind=by_kind)


def metrics(**values: float) -> MetricSet:
    return MetricSet(n_items=10, n_answerable=8, n_out_of_scope=2, **values)


THRESHOLDS = Thresholds(
    overall=Bounds(min={"recall_at_5": 0.95}, max={"median_answer_chars": 400}),
    by_kind={"colloquial": Bounds(min={"recall_at_5": 0.85})},
)


def test_the_checked_in_thresholds_are_the_agreed_targets() -> None:
    dev = load_thresholds(thresholds_path("dev"))
    assert dev.overall.min == {
        "recall_at_5": 0.97,
        "mrr_at_10": 0.85,
        "key_fact_accuracy": 0.85,
        "citation_precision": 0.81,  # lowered from 0.82 with the dev-shaped lines' removal
        "citation_recall": 0.82,
        "refusal_accuracy": 0.88,
    }
    assert dev.overall.max == {"false_refusal_rate": 0.05, "median_answer_chars": 400}
    kinds = ("colloquial", "traditional", "multi_turn", "eligibility", "comparison")
    assert {k: b.min for k, b in dev.by_kind.items()} == {k: {"recall_at_5": 0.85} for k in kinds}
    # The test split is gated on every overall metric too, a little below its first measurement.
    test = load_thresholds(thresholds_path("test"))
    assert set(test.overall.min) == set(dev.overall.min)
    assert set(test.overall.max) == set(dev.overall.max)


def test_a_metric_below_its_threshold_fails_and_is_named() -> None:
    good_kind = metrics(recall_at_5=0.9)
    failures = check_thresholds(
        report(metrics(recall_at_5=0.80, median_answer_chars=120), colloquial=good_kind),
        THRESHOLDS,
    )
    assert [(f.scope, f.metric, f.value, f.op, f.bound) for f in failures] == [
        ("overall", "recall_at_5", 0.80, ">=", 0.95)
    ]
    assert "recall_at_5" in failures[0].message


def test_metrics_at_their_thresholds_pass() -> None:
    at_bounds = report(
        metrics(recall_at_5=0.95, median_answer_chars=400), colloquial=metrics(recall_at_5=0.85)
    )
    assert check_thresholds(at_bounds, THRESHOLDS) == []


def test_upper_bounds_kind_bounds_and_unmeasured_metrics_fail() -> None:
    failures = check_thresholds(
        report(metrics(recall_at_5=0.99, median_answer_chars=401.0), colloquial=metrics()),
        THRESHOLDS,
    )
    assert [(f.scope, f.metric) for f in failures] == [
        ("overall", "median_answer_chars"),
        ("kind:colloquial", "recall_at_5"),
    ]
    assert "not measured" in failures[1].message


def test_a_kind_missing_from_the_report_fails_its_bounds() -> None:
    failures = check_thresholds(report(metrics(recall_at_5=1.0, median_answer_chars=1)), THRESHOLDS)
    assert [(f.scope, f.metric, f.value) for f in failures] == [("kind:colloquial", "recall_at_5", None)]


def test_a_misspelt_metric_in_the_thresholds_is_rejected() -> None:
    with pytest.raises(ValueError, match="recall_at_50"):
        Bounds(min={"recall_at_50": 0.9})


def test_run_gate_passes_a_perfect_system_on_the_real_set() -> None:
    result = run_gate(system=oracle, with_baseline=False)
    assert result.failures == []
    assert result.passed
    overall = result.project.overall
    assert (overall.recall_at_5, overall.mrr_at_10, overall.key_fact_accuracy) == (1.0, 1.0, 1.0)
    assert (overall.citation_precision, overall.citation_recall) == (1.0, 1.0)
    assert (overall.refusal_accuracy, overall.false_refusal_rate) == (1.0, 0.0)


def test_run_gate_fails_a_silent_system_and_names_the_metrics() -> None:
    result = run_gate(system=silent, with_baseline=False)
    assert not result.passed
    failed = {(f.scope, f.metric) for f in result.failures}
    assert ("overall", "recall_at_5") in failed
    assert ("overall", "refusal_accuracy") in failed
    assert ("kind:multi_turn", "recall_at_5") in failed
    assert ("overall", "false_refusal_rate") not in failed  # it never refused


def test_run_gate_reports_a_system_that_cannot_run() -> None:
    def broken(items: Sequence[QAItem]) -> list[OutputLine]:
        raise SystemRunError("assistant batch is not there yet")

    result = run_gate(system=broken, with_baseline=False)
    assert result.project is None and not result.passed
    assert [(f.scope, f.metric) for f in result.failures] == [("project", "run")]


def test_run_gate_flags_items_without_an_output_line() -> None:
    result = run_gate(system=lambda items: oracle(items)[1:], with_baseline=False)
    assert not result.passed
    assert ("project", "outputs") in {(f.scope, f.metric) for f in result.failures}


FAKE_BATCH = textwrap.dedent(
    """
    import json, sys
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as fh:
        lines = [json.loads(line) for line in fh if line.strip()]
    # The system must never see the gold answers.
    if any(set(line) - {"id", "question", "history"} for line in lines):
        sys.exit("leaked fields")
    with open(dst, "w", encoding="utf-8") as fh:
        for line in lines:
            out = {"id": line["id"], "answer": "turns=%d" % len(line["history"]),
                   "answerable": False, "citations": [], "retrieved": [], "warnings": [],
                   "latency_ms": 3.0}
            fh.write(json.dumps(out) + "\\n")
    """
)


@pytest.fixture
def fake_batch(tmp_path: Path) -> list[str]:
    script = tmp_path / "fake_batch.py"
    script.write_text(FAKE_BATCH, encoding="utf-8")
    return [sys.executable, str(script)]


@pytest.fixture
def small_qa(tmp_path: Path) -> Path:
    items = load_qa()
    picked = [next(i for i in items if i.kind == kind) for kind in ("numeric", "multi_turn", "out_of_scope")]
    path = tmp_path / "qa.jsonl"
    path.write_text("".join(i.model_dump_json() + "\n" for i in picked), encoding="utf-8")
    return path


def test_subprocess_system_sends_only_questions_and_history(fake_batch: list[str], small_qa: Path) -> None:
    items = load_qa(small_qa)
    lines = subprocess_system(fake_batch)(items)
    assert [line.id for line in lines] == [i.id for i in items]
    assert [line.answer for line in lines] == [f"turns={len(i.history)}" for i in items]
    assert set(input_lines(items)[0]) == {"id", "question", "history"}


def test_subprocess_system_raises_on_a_failing_command(tmp_path: Path, small_qa: Path) -> None:
    script = tmp_path / "crash.py"
    script.write_text("import sys; sys.exit('index not built')", encoding="utf-8")
    with pytest.raises(SystemRunError, match="index not built"):
        subprocess_system([sys.executable, str(script)])(load_qa(small_qa))


def test_subprocess_system_rejects_lines_that_break_the_contract(tmp_path: Path, small_qa: Path) -> None:
    script = tmp_path / "bad.py"
    script.write_text(
        'import sys; open(sys.argv[2], \'w\').write(\'{"id": "q1", "answer": "x"}\\n\')',
        encoding="utf-8",
    )
    with pytest.raises(SystemRunError, match="line 1 breaks the batch contract"):
        subprocess_system([sys.executable, str(script)])(load_qa(small_qa))


def test_cli_prints_one_json_object_and_exits_non_zero_on_failure(
    fake_batch: list[str], small_qa: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = " ".join(fake_batch)
    code = main(["--qa", str(small_qa), "--json", "--no-baseline", "--command", command])
    payload = json.loads(capsys.readouterr().out)
    assert code == 1
    assert set(payload) == {"project", "baseline", "thresholds", "passed", "failures"}
    assert payload["passed"] is False and payload["baseline"] is None
    assert payload["project"]["overall"]["refusal_accuracy"] == 1.0  # it refuses everything
    assert payload["project"]["overall"]["false_refusal_rate"] == 1.0
    assert ("overall", "false_refusal_rate") in {(f["scope"], f["metric"]) for f in payload["failures"]}


def test_in_process_system_uses_answer_lines_and_validates_them(
    monkeypatch: pytest.MonkeyPatch, small_qa: Path
) -> None:
    seen: list[dict[str, object]] = []

    def answer_lines(lines: list[dict[str, object]]) -> list[dict[str, object]]:
        seen.extend(lines)
        return [{"id": line["id"], "answer": "好", "answerable": True, "latency_ms": 1} for line in lines]

    monkeypatch.setitem(sys.modules, "assistant.batch", types.SimpleNamespace(answer_lines=answer_lines))
    items = load_qa(small_qa)
    lines = in_process_system()(items)
    assert [line.answer for line in lines] == ["好"] * len(items)
    assert seen == input_lines(items)


def test_in_process_system_without_the_pipeline_is_a_run_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "assistant.batch", types.SimpleNamespace())
    with pytest.raises(SystemRunError, match="answer_lines"):
        in_process_system()
