"""Cold start: `python -m assistant ask` from process start to exit, where its time goes
(-X importtime, phases), and `python app.py` from start to its page answering 200."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from assistant.bench.models import ColdStart, ImportCost
from assistant.settings import PROJECT_ROOT

_IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")
INDEX_READY = "索引就绪"  # printed by the app once its background index load is done


def bench_env(sources: Path, index_dir: Path, scratch: Path) -> dict[str, str]:
    """The environment of a child process that uses the benchmark's corpus, never the project's."""
    env = dict(os.environ)
    env.update(
        ASSISTANT_PATHS__SOURCES_DIR=str(sources),
        ASSISTANT_PATHS__INDEX_DIR=str(index_dir),
        ASSISTANT_PATHS__FEEDBACK_DB=str(scratch / "feedback.sqlite3"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def time_ask(env: dict[str, str], question: str, repeats: int) -> list[float]:
    """Seconds from starting `python -m assistant ask QUESTION` to its exit, per run."""
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "assistant", "ask", question],
            env=env, cwd=PROJECT_ROOT, check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        out.append(round(time.perf_counter() - start, 3))
    return out


def ask_phases(env: dict[str, str], sources: Path, index_dir: Path, question: str) -> dict[str, float]:
    """Seconds spent starting Python, importing, opening the index and answering, in one process."""
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "assistant.bench.worker", "phases", "--sources", str(sources),
         "--index", str(index_dir), "--question", question],
        env=env, cwd=PROJECT_ROOT, check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    marks = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "python start": round(marks["process_started"] - started, 3),
        "imports (assistant.service)": round(marks["imported"] - marks["process_started"], 3),
        "import sentence_transformers": round(marks["sentence_transformers"] - marks["imported"], 3),
        "open index": round(marks["index_open"] - marks["sentence_transformers"], 3),
        "first answer": round(marks["answered"] - marks["index_open"], 3),
    }


def import_seconds(module: str, env: dict[str, str], repeats: int = 3) -> float:
    """Median seconds to import one module in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = []
    for _ in range(repeats):
        done = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                              text=True, timeout=300)  # fmt: skip
        runs.append(float(done.stdout.strip()))
    return round(statistics.median(runs), 3)


def parse_importtime(stderr: str, top: int = 12) -> list[ImportCost]:
    """Top-level imports by cumulative time from `python -X importtime` output."""
    costs: dict[str, int] = {}
    for line in stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match and len(match.group(3)) <= 1:  # one space: imported at the top level
            module = match.group(4)
            costs[module] = costs.get(module, 0) + int(match.group(2))
    ranked = sorted(costs.items(), key=lambda kv: -kv[1])[:top]
    return [ImportCost(module=name, cumulative_ms=round(us / 1000, 1)) for name, us in ranked]


def importtime(env: dict[str, str], question: str) -> list[ImportCost]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "assistant", "ask", question],
        env=env, cwd=PROJECT_ROOT, check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return parse_importtime(done.stderr)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_ready(env: dict[str, str], timeout_s: float = 180.0) -> tuple[float | None, float | None, str]:
    """Seconds until `python app.py` answers 200 on /, and until it reports its index ready.

    Returns (None, None, why) when app.py is missing or never answers.
    """
    app = PROJECT_ROOT / "app.py"
    if not app.exists():
        return None, None, "not measured: app.py does not exist"
    port = free_port()
    env = dict(
        env, GRADIO_SERVER_PORT=str(port), ASSISTANT_APP__PORT=str(port), ASSISTANT_APP__HOST="127.0.0.1"
    )
    url = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(app)], env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    index_ready: list[float] = []
    output: list[str] = []
    reader = threading.Thread(target=_read_lines, args=(proc, start, index_ready, output), daemon=True)
    reader.start()
    try:
        ready = _wait_for_200(url, proc, start, timeout_s)
        if ready is None:
            tail = " | ".join(output[-3:])[-300:]
            return None, None, f"not measured: no HTTP 200 within {timeout_s:.0f} s ({tail})"
        deadline = time.perf_counter() + timeout_s
        while not index_ready and proc.poll() is None and time.perf_counter() < deadline:
            time.sleep(0.1)
        return round(ready, 3), (round(index_ready[0], 3) if index_ready else None), ""
    finally:
        _stop(proc)


def _read_lines(proc: subprocess.Popen, start: float, index_ready: list[float], output: list[str]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        output.append(line.strip())
        if INDEX_READY in line and not index_ready:
            index_ready.append(time.perf_counter() - start)


def _wait_for_200(url: str, proc: subprocess.Popen, start: float, timeout_s: float) -> float | None:
    while time.perf_counter() - start < timeout_s and proc.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.05)
    return None


def _stop(proc: subprocess.Popen) -> None:
    """End the app this module started: its own process group, by id."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


def measure_cold(
    sources: Path, index_dir: Path, scratch: Path, question: str, repeats: int, app: bool = True
) -> ColdStart:
    env = bench_env(sources, index_dir, scratch)
    runs = time_ask(env, question, repeats)
    ready, index_ready, note = app_ready(env) if app else (None, None, "not measured: --no-app")
    return ColdStart(
        ask_s=runs,
        ask_median_s=round(statistics.median(runs), 3),
        phases_s=ask_phases(env, sources, index_dir, question),
        import_sentence_transformers_s=import_seconds("sentence_transformers", env),
        import_torch_s=import_seconds("torch", env),
        top_imports=importtime(env, question),
        app_ready_s=ready,
        app_index_ready_s=index_ready,
        app_note=note,
    )
