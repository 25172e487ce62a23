"""`python -m assistant batch IN.jsonl OUT.jsonl`: one answer per input line (DESIGN.md).

A bad line (not JSON, no question) gets an output line saying so; it never stops the run.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from assistant.models import Question, WorkerProfile
from assistant.service import PolicyAssistant

log = logging.getLogger(__name__)


def _question(record: dict[str, object]) -> Question:
    text = record.get("question")
    if not isinstance(text, str):
        raise ValueError("这一行没有文字形式的“question”（问题）")
    history = record.get("history") or []
    if not isinstance(history, list):
        raise ValueError("“history”应是之前提问的列表")
    profile = record.get("profile")
    return Question(
        text=text,
        history=[str(h) for h in history],
        profile=WorkerProfile.model_validate(profile) if isinstance(profile, dict) else None,
    )


def answer_lines(
    lines: Iterable[dict[str, object]], assistant: PolicyAssistant | None = None
) -> list[dict[str, object]]:
    """Answer parsed input records; the in-process form of the batch command."""
    assistant = assistant or PolicyAssistant()
    return [_answer(record, assistant, n) for n, record in enumerate(lines, start=1)]


def _answer(record: dict[str, object], assistant: PolicyAssistant, n: int) -> dict[str, object]:
    item_id = str(record.get("id", f"line-{n}"))
    try:
        question = _question(record)
    except ValidationError:
        return _error_line(item_id, "无法读取这一行：“profile”（个人情况）的内容不正确")
    except ValueError as exc:
        return _error_line(item_id, f"无法读取这一行：{exc}")
    try:
        return assistant.ask(question).contract(item_id)
    except Exception as exc:  # a bug on one question must not lose the rest of the run
        log.exception("batch line %s failed", item_id)
        return _error_line(item_id, f"回答这一行时出错（{type(exc).__name__}）")


def _error_line(item_id: str, message: str) -> dict[str, object]:
    return {
        "id": item_id,
        "answer": message,
        "answerable": False,
        "citations": [],
        "retrieved": [],
        "warnings": [message],
        "latency_ms": 0.0,
    }


def _records(path: Path) -> Iterator[dict[str, object]]:
    # Bytes that are not UTF-8 spoil only their own line (as U+FFFD), not the whole run.
    with path.open(encoding="utf-8", errors="replace") as lines:
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                record = {"id": f"line-{n}", "_error": f"不是有效的 JSON（第{exc.colno}个字符处出错）"}
            if not isinstance(record, dict):
                record = {"id": f"line-{n}", "_error": "不是 JSON 对象（应以 { 开头）"}
            # Without an id a line is named by its line number in the file, blank lines counted,
            # the same as a line that is not JSON.
            record.setdefault("id", f"line-{n}")
            yield record


def run_batch(in_path: Path, out_path: Path, assistant: PolicyAssistant | None = None) -> int:
    """Answer every line of in_path into out_path; returns the number of lines written."""
    assistant = assistant or PolicyAssistant()
    count = 0
    # A lone surrogate from the input (\ud800 in an id) is written back as that JSON escape.
    with out_path.open("w", encoding="utf-8", errors="backslashreplace") as out:
        for n, record in enumerate(_records(in_path), start=1):
            if "_error" in record:
                line = _error_line(str(record["id"]), f"无法读取这一行：{record['_error']}")
            else:
                line = _answer(record, assistant, n)
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    return count
