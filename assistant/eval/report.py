"""Human-readable output of a gate run: a text table, eval/reports/latest.md and a chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.eval.gate import GateResult, Thresholds
from assistant.eval.metrics import METRIC_NAMES, ItemScore, MetricSet, SystemReport
from assistant.eval.models import KINDS, Kind, QAItem

KIND_LABELS_ZH: dict[Kind, str] = {
    "fact": "事实",
    "numeric": "数字",
    "eligibility": "资格",
    "colloquial": "口语",
    "multi_part": "多问",
    "multi_turn": "多轮",
    "out_of_scope": "超范围",
    "traditional": "繁体",
    "comparison": "比较",
}
KIND_COLUMNS = ("recall_at_5", "mrr_at_10", "key_fact_accuracy", "citation_recall")
ANSWER_PREVIEW = 200


def _fmt(value: float | None, name: str = "") -> str:
    if value is None:
        return "–"
    if name.endswith("_ms") or name == "median_answer_chars":
        return f"{value:.1f}"
    return f"{value:.3f}"


def _target(thresholds: Thresholds, name: str) -> str:
    if name in thresholds.overall.min:
        return f">= {thresholds.overall.min[name]}"
    if name in thresholds.overall.max:
        return f"<= {thresholds.overall.max[name]}"
    return ""


def _overall_rows(result: GateResult) -> list[list[str]]:
    systems = [result.project, result.baseline]
    return [
        [name]
        + [_fmt(getattr(s.overall, name), name) if s else "–" for s in systems]
        + [_target(result.thresholds, name)]
        for name in METRIC_NAMES
    ]


def _kind_rows(result: GateResult) -> list[list[str]]:
    rows = []
    for kind in KINDS:
        pair: list[MetricSet | None] = [
            s.by_kind.get(kind) if s else None for s in (result.project, result.baseline)
        ]
        n = next((m.n_items for m in pair if m is not None), 0)
        cells = [" / ".join(_fmt(getattr(m, name)) if m else "–" for m in pair) for name in KIND_COLUMNS]
        refusal = " / ".join(_fmt(m.refusal_accuracy) if m else "–" for m in pair)
        rows.append([kind, str(n), *cells, refusal])
    return rows


OVERALL_HEADER = ["metric", "project", "baseline", "target"]
KIND_HEADER = ["kind", "n", *KIND_COLUMNS, "refusal_accuracy"]


def _text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [header, ["-" * width for width in widths], *rows]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in lines
    )


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def format_text(result: GateResult) -> str:
    """The stdout summary: overall table, by-kind table (project / baseline), verdict."""
    parts = [
        _text_table(OVERALL_HEADER, _overall_rows(result)),
        "",
        "by kind (project / baseline):",
        _text_table(KIND_HEADER, _kind_rows(result)),
        "",
        "PASSED" if result.passed else f"FAILED ({len(result.failures)}):",
    ]
    parts += [f"  - {failure.message}" for failure in result.failures]
    return "\n".join(parts)


def _item_section(score: ItemScore, item: QAItem, report: SystemReport) -> str:
    lines = [f"### {item.id} ({item.kind})", ""]
    if item.history:
        lines.append("- history: " + " → ".join(item.history))
    lines += [f"- question: {item.question}", "- problems: " + "; ".join(score.problems())]
    expected = "refuse (not in the documents)" if not item.answerable else "answer"
    if item.must_include:
        expected += " stating " + "、".join(item.must_include)
    lines.append(f"- expected: {expected}")
    lines += [f"  - gold [{gold.doc}]: {gold.quote}" for gold in item.gold]
    output = report.outputs.get(item.id)
    if output is None:
        lines.append("- got: no output")
    else:
        answer = output.answer.replace("\n", " ")
        preview = answer[:ANSWER_PREVIEW] + ("…" if len(answer) > ANSWER_PREVIEW else "")
        lines.append(f"- got (answerable={output.answerable}): {preview}")
        top = ", ".join(f"{c.doc_id}/{c.clause_id}" for c in output.retrieved[:5])
        lines.append(f"  - top 5 retrieved: {top or 'none'}")
        cited = ", ".join(f"{c.doc_id}/{c.clause_id}" for c in output.citations)
        lines.append(f"  - cited: {cited or 'none'}")
    return "\n".join(lines) + "\n"


def write_markdown(result: GateResult, items: list[QAItem] | None, path: Path, split: str = "dev") -> None:
    """eval/reports/latest.md: the tables, the gate verdict, then every failing item.

    With `items` None (the test split) only the aggregate tables are written.
    """
    verdict = "PASSED" if result.passed else "FAILED"
    n_items = result.project.overall.n_items if result.project else len(items or [])
    parts = [
        f"# Eval report: {split} split ({date.today().isoformat()})",
        "",
        f"Gate: **{verdict}** on {n_items} items. Baseline: naive LangChain BM25 + jieba.",
        "",
        _md_table(OVERALL_HEADER, _overall_rows(result)),
        "",
        "## By kind (project / baseline)",
        "",
        _md_table(KIND_HEADER, _kind_rows(result)),
        "",
        "## Gate failures",
        "",
    ]
    parts += [f"- {failure.message}" for failure in result.failures] or ["- none"]
    parts += ["", "## Items the project got wrong", ""]
    if items is None:
        parts.append("Not listed for this split: it judges changes and is not read while changing code.")
    elif result.project is None:
        parts.append("The project did not run; see the gate failures above.")
    else:
        by_id = {item.id: item for item in items}
        wrong = [score for score in result.project.items if score.problems()]
        parts += [_item_section(s, by_id[s.id], result.project) for s in wrong] or ["None."]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
