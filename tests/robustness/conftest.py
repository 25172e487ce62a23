"""Shared pieces of the robustness tests: the real assistant, CLI runs and a results log.

Every test here writes only into pytest's temp folders: settings overrides or the
ASSISTANT_PATHS__* environment point sources, index and feedback database there.

Set ROBUSTNESS_REPORT=docs/robustness.md to have the measured cases (what, outcome,
seconds) rendered into that file's results section at the end of the session (any other
file name gets JSON); see report.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pytest

from assistant.service import PolicyAssistant
from assistant.settings import Settings, load_settings

PROJECT = Path(__file__).resolve().parents[2]
REAL_SOURCES = PROJECT / "index" / "sources"
NINGXIA = "004_b6a65dec7dba9231.txt"  # the smallest real document, with the injected advert
# A bound on the CPU time one question may take in the process that answers it, which only a
# blow-up (a 100,000-character question read quadratically) can break. CPU time, not wall time:
# with both cores busy with other jobs (load average 25 was seen) a question's wall time grows
# tenfold while the work it does stays the same. Speed is the benchmarks' business; the wall
# seconds each case took go to the results log. Hangs are caught by the clients' own timeouts.
BOUND_CPU_S = 60.0


@dataclass
class Case:
    area: str
    case: str
    outcome: str
    seconds: float


@dataclass
class Results:
    """What the robustness tests tried and what happened, for docs/robustness.md."""

    cases: list[Case] = field(default_factory=list)
    figures: dict[str, object] = field(default_factory=dict)

    def add(self, area: str, case: str, outcome: str, seconds: float = 0.0) -> None:
        self.cases.append(Case(area, case, outcome, round(seconds, 3)))


@pytest.fixture(scope="session")
def results() -> Iterator[Results]:
    found = Results()
    yield found
    target = os.environ.get("ROBUSTNESS_REPORT")
    if target:
        from .report import write

        write({"cases": [asdict(c) for c in found.cases], "figures": found.figures}, Path(target))


@pytest.fixture(scope="session")
def assistant(policy_assistant: PolicyAssistant) -> PolicyAssistant:
    """The real assistant (five documents, temp index, fixed date), index opened."""
    _ = policy_assistant.engine
    return policy_assistant


def small_settings(root: Path, *names: str) -> Settings:
    """Settings for a temp corpus under root holding copies of the named real sources."""
    sources = root / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(REAL_SOURCES / name, sources / name)
    return load_settings(
        paths={"sources_dir": sources, "index_dir": root / "index", "feedback_db": root / "feedback.sqlite3"}
    )


def cli_env(settings: Settings) -> dict[str, str]:
    """Environment that points `python -m assistant` at the same temp folders as settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_PATHS__SOURCES_DIR=str(settings.sources_dir),
        ASSISTANT_PATHS__INDEX_DIR=str(settings.index_dir),
        ASSISTANT_PATHS__FEEDBACK_DB=str(settings.paths.resolve(settings.paths.feedback_db)),
        PYTHONIOENCODING="utf-8",
    )
    if settings.today:
        env["ASSISTANT_TODAY"] = settings.today.isoformat()
    return env


@dataclass
class CliRun:
    """A `python -m assistant …` started in the background; result() waits for it."""

    process: subprocess.Popen[bytes]
    started: float
    timeout: float = 600.0  # a hang fails; a machine busy with other jobs only slows the run

    def result(self) -> tuple[int, str, str, float]:
        out, err = self.process.communicate(timeout=self.timeout)
        seconds = time.perf_counter() - self.started
        return self.process.returncode, out.decode("utf-8"), err.decode("utf-8"), seconds


def start_cli(args: list[str], settings: Settings) -> CliRun:
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", *args],
        cwd=PROJECT,
        env=cli_env(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    return CliRun(process, time.perf_counter())


@pytest.fixture(scope="session")
def policy_documents(assistant: PolicyAssistant):  # -> list[DocumentMeta]
    return assistant.documents()
