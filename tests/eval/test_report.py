"""The stdout table, eval/reports/latest.md and the by-kind chart."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.eval.chart import write_chart
from assistant.eval.dataset import load_qa
from assistant.eval.gate import GateResult, run_gate
from assistant.eval.models import OutputChunk, OutputCitation, OutputLine, QAItem
from assistant.eval.report import format_text, write_markdown


def half_right(items: Sequence[QAItem]) -> list[OutputLine]:
    """Answers the first item from its gold, and gets everything else wrong."""
    first = items[0]
    lines = [
        OutputLine(
            id=first.id,
            answer="；".join(first.must_include),
            answerable=True,
            citations=[OutputCitation(doc_id=g.doc, text=g.quote) for g in first.gold],
            retrieved=[OutputChunk(doc_id=g.doc, clause_id="c1", text=g.quote) for g in first.gold],
            latency_ms=2.0,
        )
    ]
    lines += [OutputLine(id=i.id, answer="不知道", answerable=True, latency_ms=2.0) for i in items[1:]]
    return lines


def small_result(tmp_path: Path) -> tuple[GateResult, list[QAItem]]:
    items = load_qa()
    picked = [items[0], next(i for i in items if i.kind == "out_of_scope")]
    path = tmp_path / "qa.jsonl"
    path.write_text("".join(i.model_dump_json() + "\n" for i in picked), encoding="utf-8")
    return run_gate(path, system=half_right), picked


def test_markdown_lists_each_failing_item_with_expected_and_given(tmp_path: Path) -> None:
    result, items = small_result(tmp_path)
    path = tmp_path / "reports" / "latest.md"
    write_markdown(result, items, path)
    text = path.read_text("utf-8")
    right, wrong = items
    assert "Gate: **FAILED**" in text
    assert "| recall_at_5 | 1.000 |" in text
    assert f"### {wrong.id} (out_of_scope)" in text
    assert wrong.question in text
    assert "answered a question the documents do not cover" in text
    assert "- got (answerable=True): 不知道" in text
    assert f"### {right.id}" not in text  # fully right items are not listed


def test_text_table_shows_project_baseline_and_the_verdict(tmp_path: Path) -> None:
    result, _ = small_result(tmp_path)
    text = format_text(result)
    assert text.splitlines()[0].split() == ["metric", "project", "baseline", "target"]
    assert "refusal_accuracy" in text and ">= 0.9" in text
    assert "FAILED" in text and "overall refusal_accuracy = 0.000" in text


def test_chart_is_written_as_png(tmp_path: Path) -> None:
    result, _ = small_result(tmp_path)
    path = tmp_path / "by_kind.png"
    write_chart(result, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_report_without_items_lists_no_failing_item(tmp_path: Path) -> None:
    result, items = small_result(tmp_path)
    path = tmp_path / "reports" / "latest-test.md"
    write_markdown(result, None, path, split="test")
    text = path.read_text("utf-8")
    assert "# Eval report: test split" in text
    assert "| recall_at_5 | 1.000 |" in text
    assert all(item.question not in text for item in items)
    assert "Not listed for this split" in text
