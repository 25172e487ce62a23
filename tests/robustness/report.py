"""Render what the robustness tests measured as the tables in docs/robustness.md.

`ROBUSTNESS_REPORT=docs/robustness.md pytest tests/robustness` rewrites the part of that
file between the two marker comments; the prose around it is left as written. Any other
file name gets the raw results as JSON.
"""

from __future__ import annotations

import json
import os
import platform
from collections import Counter
from pathlib import Path
from typing import Any

START, END = "<!-- results: start -->", "<!-- results: end -->"

# area → (row title, what was tried)
AREAS = {
    "question/service": (
        "Bad questions → PolicyAssistant.ask",
        "empty, blanks, 100,000 chars (3 kinds), control chars + emoji, English/Chinese/Uyghur, "
        "`<script>`, markup, lone surrogate, 5 planted instructions, 请回答, SQL/format strings, "
        "3,000-turn history, 500,000-char profile, instructions in history and profile",
    ),
    "question/app API": (
        "Bad questions → app `ask` API (gradio_client)",
        "the same, except those needing history/profile and the lone surrogate (httpx cannot send it)",
    ),
    "question/CLI ask": (
        "Bad question → `python -m assistant ask --json`",
        "planted instruction + `<script>` + emoji + 3,000 extra characters in one argument",
    ),
    "question/CLI batch": (
        "Mixed JSONL → `python -m assistant batch`",
        "good lines, not JSON, no question, question not a string, empty, 100,000 chars, `\\ud800` in a "
        "question and in an id, GBK bytes, a JSON array, a blank line, history not a list, bad profile, "
        "injection, follow-up, no id",
    ),
    "document/ingest": (
        "Bad documents → PolicyAssistant.ingest",
        "planted instruction + advert, GBK, UTF-16 with and without BOM, PNG and random bytes as .txt, "
        "empty, script-only HTML, duplicate, broken PDF/DOCX, .xlsx, 21 MB",
    ),
    "document/CLI ingest": (
        "Bad documents → `python -m assistant ingest --json`",
        "the same files plus a large valid notice",
    ),
    "document/answer": (
        "Subsidy questions over the injected corpus",
        "does 10万元 (the planted figure) ever appear?",
    ),
    "index": (
        "Index damage → open_index",
        "CURRENT garbage/outside/empty/a folder, build or manifest deleted, manifest not JSON, "
        "format_version 99 and 'x', another encoder, wrong clause count, truncated clauses and BM25 "
        "vocabulary, source edited, overrides added, build killed half-way, leftovers",
    ),
    "privacy/mask": (
        "Personal data in user input",
        "18-digit ID (X, grouped, full-width), 15-digit ID, mobile (spaces, dashes, +86), landline "
        "(area code, brackets, extension), e-mail, card",
    ),
    "privacy/keep": (
        "Policy text that must not be masked",
        "year ranges, 文号, dates, 1+13+N, amounts, 12333",
    ),
    "app/concurrency": (
        "Concurrency against `python app.py`",
        "50 conversations of 2–3 turns through the chat event, 6 kinds (宁夏, 无锡, 宿迁, profile "
        "宁夏/无锡, 江苏→宁夏); 30 parallel ask calls",
    ),
}


def _summary(area: str, cases: list[dict[str, Any]]) -> str:
    if area.startswith("question/service") or area.startswith("question/app"):
        kinds = Counter(c["outcome"] for c in cases)
        parts = [f"{kinds[k]} {k}" for k in ("answer", "prompt", "refusal", "any") if kinds[k]]
        return f"{', '.join(parts)}; 0 crashes; no planted figure, markup or NUL in any answer"
    if area == "document/ingest":
        loaded = sum(c["outcome"] == "loaded" for c in cases)
        return (
            f"{loaded} loaded, {len(cases) - loaded} refused, each with its own message; the planted "
            "instruction and advert flagged in the report"
        )
    if area == "document/answer":
        answered = sum(c["outcome"].startswith("answered") for c in cases)
        return f"{answered} answered, {len(cases) - answered} refused; 0 contain 10万元"
    if area == "index":
        return (
            "every kind: one WARNING line naming the cause, then a rebuild; killed build: CURRENT unchanged"
        )
    if area == "privacy/mask":
        return f"{len(cases)} of {len(cases)} masked (also in the SQLite row and the log line)"
    if area == "privacy/keep":
        return f"{len(cases)} of {len(cases)} unchanged"
    return "; ".join(f"{c['case']}: {c['outcome']}" for c in cases)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no raw HTML (<script>), no column breaks."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")


def render(data: dict[str, Any]) -> str:
    cases: list[dict[str, Any]] = data["cases"]
    figures: dict[str, Any] = data["figures"]
    by_area: dict[str, list[dict[str, Any]]] = {}
    for case in cases:
        by_area.setdefault(case["area"], []).append(case)
    lines = [
        START,
        f"Measured by `tests/robustness` on {os.cpu_count()} CPUs, Python {platform.python_version()}. "
        "Times are wall-clock seconds per case (CLI rows include starting Python).",
        "",
        "| What | Tried | Cases | What happened | Slowest (s) |",
        "|---|---|---:|---|---:|",
    ]
    for area, (title, tried) in AREAS.items():
        found = by_area.get(area, [])
        if not found:
            continue
        slowest = max(c["seconds"] for c in found)
        shown = f"{slowest:.2f}" if slowest else "–"
        lines.append(f"| {title} | {tried} | {len(found)} | {_cell(_summary(area, found))} | {shown} |")
    fuzz = figures.get("fuzz", {})
    if fuzz:
        tried = ", ".join(f"{name} {n}" for name, n in fuzz.items())
        lines.append(f"| Hypothesis properties | {tried} examples | {sum(fuzz.values())} | 0 failures | – |")
    conv = figures.get("conversations")
    if conv:
        alone = "/".join(f"{t:.2f}" for t in conv["alone_turn_s"])
        lines += [
            "",
            f"**Concurrency:** {conv['conversations']} conversations, {conv['turns']} turns in "
            f"{conv['total_s']:.1f} s, {conv['problems']} leaks or errors. Latency per turn under that load: "
            f"p50 {conv['p50_s']:.2f} s, **p95 {conv['p95_s']:.2f} s**, max {conv['max_s']:.2f} s "
            f"(the same conversation alone: {alone} s per turn). The app was ready "
            f"{figures.get('app_ready_s', '?')} s after `python app.py` started.",
        ]
    lines += [
        "",
        "<details><summary>Every case</summary>",
        "",
        "| Area | Case | Outcome | s |",
        "|---|---|---|---:|",
    ]
    for case in cases:
        what, outcome = _cell(case["case"]), _cell(case["outcome"])
        lines.append(f"| {case['area']} | {what} | {outcome} | {case['seconds']:.3f} |")
    lines += ["", "</details>", END]
    return "\n".join(lines)


def write(data: dict[str, Any], target: Path) -> None:
    if target.suffix != ".md":
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        return
    text = target.read_text("utf-8") if target.exists() else f"# Robustness\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    target.write_text(before + render(data) + after, "utf-8")
