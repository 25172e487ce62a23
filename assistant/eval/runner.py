"""Run a system over the QA set through the batch contract (DESIGN.md, "Contracts")."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from assistant.eval.dataset import REPO_ROOT
from assistant.eval.models import OutputLine, QAItem

# A system takes the QA items and returns one output line per item.
System = Callable[[Sequence[QAItem]], list[OutputLine]]

BATCH_COMMAND = (sys.executable, "-m", "assistant", "batch")
TIMEOUT_S = 1800
STDERR_TAIL = 2000


class SystemRunError(RuntimeError):
    """The system under test could not be run, or broke the output contract."""


def input_lines(items: Sequence[QAItem]) -> list[dict[str, object]]:
    """What the system may see of an item: never gold, must_include, kind or answerable."""
    return [{"id": item.id, "question": item.question, "history": item.history} for item in items]


def parse_output_lines(text: str) -> list[OutputLine]:
    """Validate OUT.jsonl against the contract; a bad line is a contract error, not a zero."""
    lines: list[OutputLine] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            lines.append(OutputLine.model_validate_json(line))
        except ValidationError as exc:
            raise SystemRunError(f"output line {number} breaks the batch contract: {exc}") from exc
    return lines


def subprocess_system(
    command: Sequence[str] = BATCH_COMMAND, cwd: Path = REPO_ROOT, timeout_s: float = TIMEOUT_S
) -> System:
    """A System that runs `command IN.jsonl OUT.jsonl` once for all items."""

    def run(items: Sequence[QAItem]) -> list[OutputLine]:
        with tempfile.TemporaryDirectory(prefix="assistant-eval-") as tmp:
            in_path, out_path = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
            in_path.write_text(
                "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in input_lines(items)),
                encoding="utf-8",
            )
            argv = [*command, str(in_path), str(out_path)]
            try:
                proc = subprocess.run(
                    argv, cwd=cwd, capture_output=True, text=True, timeout=timeout_s, check=False
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise SystemRunError(f"{' '.join(argv)}: {exc}") from exc
            if proc.returncode != 0:
                raise SystemRunError(
                    f"`{' '.join(command)}` exited with {proc.returncode}: "
                    f"{proc.stderr[-STDERR_TAIL:].strip()}"
                )
            if not out_path.exists():
                raise SystemRunError(f"`{' '.join(command)}` wrote no output file")
            return parse_output_lines(out_path.read_text(encoding="utf-8"))

    return run


def in_process_system() -> System:
    """A System calling `assistant.batch.answer_lines` directly, when the pipeline has it."""
    try:
        answer_lines = importlib.import_module("assistant.batch").answer_lines
    except (ImportError, AttributeError) as exc:
        raise SystemRunError(f"assistant.batch.answer_lines is not available: {exc}") from exc

    def run(items: Sequence[QAItem]) -> list[OutputLine]:
        try:
            return [OutputLine.model_validate(line) for line in answer_lines(input_lines(items))]
        except ValidationError as exc:
            raise SystemRunError(f"answer_lines broke the batch contract: {exc}") from exc

    return run
