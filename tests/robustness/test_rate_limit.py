"""The per-client rate limit on the running app, under a bounded loopback load: two clients
(127.0.0.1 and 127.0.0.2, both loopback on Linux) each send 20 questions at once to the
public "ask" API of an app allowed 5 at once and 1 more a minute. Each gets its own 5 answers
and Chinese refusals for the rest; neither costs the other anything, and the "chat"
endpoint draws on the same allowance.

Correctness only: the client timeout is generous (120 s a request) so a busy machine slows
the test down without failing it; the counts are bounded (42 requests in all).
"""

from __future__ import annotations

import json
import math
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from app_process import free_port, start_app, stop_app, wait_for_log

from assistant.service import PolicyAssistant

from .conftest import REAL_SOURCES

BURST, PER_MINUTE = 5, 1  # one more question a minute: at most one more in a test that takes seconds
REQUESTS = 20  # per client
TIMEOUT_S = 120.0  # per request: generous, so a machine busy with other jobs only slows the test
REFUSED = "提问太频繁了"
QUESTION = "宁夏技术能手的奖励是多少？"


LOGS: dict[str, Path] = {}  # each app's log, by its address


@dataclass
class Outcome:
    answered: int = 0
    refused: int = 0
    other: list[str] | None = None
    slowest_refusal_s: float = 0.0  # reported, not asserted


@pytest.fixture(scope="module")
def app_url(assistant: PolicyAssistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("limited")
    shutil.copytree(REAL_SOURCES, root / "sources")
    shutil.copytree(assistant.settings.index_dir, root / "index", ignore=shutil.ignore_patterns(".tmp-*"))
    port, log = free_port(), root / "app.log"
    limits = {
        "ASSISTANT_APP__RATE_LIMIT__BURST": str(BURST),
        "ASSISTANT_APP__RATE_LIMIT__PER_MINUTE": str(PER_MINUTE),
    }
    process = start_app(root, assistant.settings.as_of(), port, log, limits)
    try:
        wait_for_log(log, process, "政策助手已启动", 180)
        wait_for_log(log, process, "索引就绪", 180)
        url = f"http://127.0.0.1:{port}"
        LOGS[url] = log
        yield url
    finally:
        stop_app(process)


def call(url: str, source: str, api: str, data: list[object]) -> tuple[str, object]:
    """One call of a public endpoint over gradio's plain HTTP API, from the loopback address
    `source`: ("complete", output) or ("error", what the server said)."""
    kind, output, _ = timed_call(url, source, api, data)
    return kind, output


def timed_call(url: str, source: str, api: str, data: list[object]) -> tuple[str, object, float]:
    started = time.perf_counter()
    kind, output = _call(url, source, api, data)
    return kind, output, time.perf_counter() - started


def _call(url: str, source: str, api: str, data: list[object]) -> tuple[str, object]:
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(base_url=url, transport=transport, timeout=TIMEOUT_S) as client:
        event = client.post(f"/gradio_api/call/{api}", json={"data": data})
        event.raise_for_status()
        kind = ""
        with client.stream("GET", f"/gradio_api/call/{api}/{event.json()['event_id']}") as stream:
            for line in stream.iter_lines():
                if line.startswith("event: "):
                    kind = line.removeprefix("event: ")
                elif line.startswith("data: ") and kind in ("complete", "error"):
                    return kind, json.loads(line.removeprefix("data: "))
    return "lost", None


def ask_many(url: str, source: str) -> Outcome:
    outcome = Outcome(other=[])
    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        results = list(pool.map(lambda _: timed_call(url, source, "ask", [QUESTION, ""]), range(REQUESTS)))
    for kind, data, seconds in results:
        if kind == "complete" and "1万元" in data[0]["answer"]:  # type: ignore[index]
            outcome.answered += 1
        elif kind == "error" and REFUSED in json.dumps(data, ensure_ascii=False):
            outcome.refused += 1
            outcome.slowest_refusal_s = max(outcome.slowest_refusal_s, seconds)
        else:
            outcome.other.append(f"{kind}: {str(data)[:200]}")  # type: ignore[union-attr]
    return outcome


@pytest.mark.slow
def test_each_client_gets_its_own_allowance_under_load(app_url: str, results) -> None:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(lambda source: ask_many(app_url, source), ["127.0.0.1", "127.0.0.2"])
    seconds = time.perf_counter() - started
    earned = math.ceil(seconds * PER_MINUTE / 60)  # what the pace gave back while the test ran
    for name, outcome in (("127.0.0.1", first), ("127.0.0.2", second)):
        assert outcome.other == [], (name, outcome.other)
        assert BURST <= outcome.answered <= BURST + earned, (name, outcome, seconds)
        assert outcome.answered + outcome.refused == REQUESTS
    # The chat draws on the same allowance (spending what the pace gave back meanwhile, if
    # anything); a third client is untouched by both.
    for _ in range(math.ceil((time.perf_counter() - started) * PER_MINUTE / 60) + 1):
        kind, data = call(app_url, "127.0.0.1", "chat", ["那技能大师呢？", None, "", [], "", ""])
        if kind != "complete":
            break
    assert kind == "error" and REFUSED in json.dumps(data, ensure_ascii=False), (kind, data)
    kind, data = call(app_url, "127.0.0.3", "chat", [QUESTION, None, "", [], "", ""])
    assert kind == "complete" and "1万元" in data[0]["turns"][-1]["answer"], (kind, str(data)[:300])  # type: ignore[index]
    # A refusal is the caller's doing: the server logs no traceback for it.
    assert "Traceback" not in LOGS[app_url].read_text("utf-8", errors="replace")
    outcome = (
        f"{first.answered}+{second.answered} answered, {first.refused}+{second.refused} refused in Chinese"
    )
    results.add("app/rate limit", f"2 clients × {REQUESTS} asks at once, burst {BURST}", outcome, seconds)
    slowest = max(first.slowest_refusal_s, second.slowest_refusal_s)
    print(f"\nrate limit: {outcome} in {seconds:.1f} s; slowest refusal {slowest:.2f} s")
