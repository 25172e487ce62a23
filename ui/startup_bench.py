"""How long `python app.py` takes to show a page, as on a fresh clone: `python -m ui.startup_bench`.

Each run starts the app in a fresh process over a temp copy of the sources with no index
(so the first build happens, as after a clone), polls the address every 50 ms and records:

- first page: the first HTTP answer (the starting page, ui/starting.py);
- app page: the first 200 from the app itself;
- index ready: the app's log line saying the index is ready.

Prints each run and the medians. Measured, not asserted: machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from assistant.settings import PROJECT_ROOT


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return None


def _start(root: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_PATHS__SOURCES_DIR=str(root / "sources"),
        ASSISTANT_PATHS__INDEX_DIR=str(root / "index"),
        ASSISTANT_PATHS__FEEDBACK_DB=str(root / "feedback.sqlite3"),
        GRADIO_SERVER_PORT=str(port),
        PYTHONUNBUFFERED="1",
    )
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT_ROOT, env=env, stdout=out, stderr=out)


def one_run(sources: Path, timeout: float = 300.0) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(sources, root / "sources")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        url = f"http://127.0.0.1:{port}/"
        log = root / "app.log"
        started = time.perf_counter()
        process = _start(root, port, log)
        times: dict[str, float] = {}
        try:
            while time.perf_counter() - started < timeout and "app_page_s" not in times:
                status = _status(url)
                now = time.perf_counter() - started
                if status is not None:
                    times.setdefault("first_page_s", now)
                if status == 200:
                    times["app_page_s"] = now
                time.sleep(0.05)
            while time.perf_counter() - started < timeout:
                if "索引就绪" in log.read_text("utf-8", errors="replace"):
                    times["index_ready_s"] = time.perf_counter() - started
                    break
                time.sleep(0.05)
        finally:
            process.terminate()
            process.wait(timeout=30)
        return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sources", type=Path, default=PROJECT_ROOT / "index" / "sources")
    args = parser.parse_args(argv)
    runs = []
    for n in range(1, args.runs + 1):
        times = one_run(args.sources)
        runs.append(times)
        print(f"run {n}: " + ", ".join(f"{k} {v:.2f}" for k, v in times.items()), flush=True)
    keys = ("first_page_s", "app_page_s", "index_ready_s")
    medians = {k: statistics.median(r[k] for r in runs if k in r) for k in keys if any(k in r for r in runs)}
    print("median: " + ", ".join(f"{k} {v:.2f}" for k, v in medians.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
