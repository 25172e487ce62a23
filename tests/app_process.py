"""`python app.py` as a subprocess for the tests that drive the running app."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
# Every test client is 127.0.0.1, one client to the per-client rate limit: it stays on, wide
# enough for any test session. A test of the limit itself passes its own values in `extra`.
GENEROUS_RATE_LIMIT = {
    "ASSISTANT_APP__RATE_LIMIT__BURST": "100000",
    "ASSISTANT_APP__RATE_LIMIT__PER_MINUTE": "100000",
}


# gradio_client's own timeouts are 5 s for some requests (fetching the app's config among
# them): 50 conversations started at once on a loaded machine went past that
# (httpx.ReadTimeout) while the app was still answering. Tests assert answers, not speed.
CLIENT_TIMEOUT_S = 300.0


def api_client(url: str):  # -> gradio_client.Client
    """A client of the app's API with a stated, generous timeout."""
    import gradio_client

    return gradio_client.Client(url, verbose=False, httpx_kwargs={"timeout": CLIENT_TIMEOUT_S})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(
    root: Path, today: dt.date, port: int, log: Path, extra: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """The app on `port` over root/sources and root/index, feedback in root; output to `log`.

    Settings from the caller's environment are dropped, so only these paths (and `extra`)
    are used, with a generous rate limit unless `extra` sets one.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_PATHS__SOURCES_DIR=str(root / "sources"),
        ASSISTANT_PATHS__INDEX_DIR=str(root / "index"),
        ASSISTANT_PATHS__FEEDBACK_DB=str(root / "feedback.sqlite3"),
        ASSISTANT_PATHS__USERS_FILE=str(root / "users.json"),
        ASSISTANT_TODAY=today.isoformat(),
        GRADIO_SERVER_PORT=str(port),
        PYTHONUNBUFFERED="1",
    )
    env.update(GENEROUS_RATE_LIMIT)
    env.update(extra or {})
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT, env=env, stdout=out, stderr=out)


def wait_for_log(log: Path, process: subprocess.Popen[bytes], text: str, timeout: float) -> None:
    """Wait until the app prints `text`; fail with the end of its log if it does not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text("utf-8", errors="replace"):
            return
        if process.poll() is not None:
            break
        time.sleep(0.2)
    pytest.fail(f"app did not print {text!r}:\n{log.read_text('utf-8', errors='replace')[-3000:]}")


def stop_app(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
