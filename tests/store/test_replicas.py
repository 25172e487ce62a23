"""Two app replicas against one `milvus-lite server` (on a loopback port) and one PostgreSQL:
they give the same answers, 50 conversations whose turns alternate between them (as a load
balancer would send them) neither fail nor leak, feedback from both lands in one table, and a
notice added through one replica's folder is answered by the other without a restart."""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from app_process import api_client, free_port, start_app, stop_app, wait_for_log

from assistant.feedback import FeedbackStore
from assistant.feedback_db import PostgresDatabase
from tests.conftest import PROJECT, SOURCES_DIR
from tests.robustness.test_running_app import NINGXIA_DOC, TEMPLATES

gradio_client = pytest.importorskip("gradio_client")
pytestmark = pytest.mark.slow

TODAY = "2026-11-21"
QUESTIONS = [
    ("技术能手评上了有奖励吗", "宁夏"),
    ("退役军人参加技能培训有什么补贴", "无锡"),
    ("宿迁要培养多少高技能人才", ""),
    ("江苏工匠评选有什么待遇", ""),
    ("企业办的技能大师工作室有资助吗", "宁夏"),
]
NEW_NOTICE = """青海省人力资源和社会保障厅关于印发《青海省技能大师工作室建设管理办法》的通知

青人社发〔2024〕12号

各市（州）人力资源和社会保障局：
现将《青海省技能大师工作室建设管理办法》印发给你们，请认真贯彻执行。

青海省技能大师工作室建设管理办法

一、建设目标
到2026年，全省建成省级技能大师工作室60个，带动培养高技能人才3000人。

二、资助标准
经评审认定的省级技能大师工作室，每个给予一次性建设资助8万元，资助资金用于设备购置和带徒传技。

三、考核管理
工作室实行三年一周期的考核，考核不合格的，撤销命名并停止资助。

本办法自2024年6月1日起施行，有效期5年。

青海省人力资源和社会保障厅
2024年5月20日
"""


@dataclass
class Replica:
    url: str
    root: Path
    env: dict[str, str]
    log: Path


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("milvus-lite server exited")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("milvus-lite server did not listen")


@pytest.fixture(scope="module")
def milvus_url(tmp_path_factory) -> Iterator[str]:
    """`milvus-lite server` on a free loopback port: one Lite database for several processes."""
    folder = tmp_path_factory.mktemp("lite-server")
    port = free_port()
    with (folder / "server.log").open("wb") as log:
        command = [
            sys.executable,
            "-m",
            "milvus_lite",
            "server",
            "--data-dir",
            str(folder / "data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        server = subprocess.Popen(command, stdout=log, stderr=log)
    try:
        _wait_for_port(port, server, 60)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def feedback_url(postgres_url) -> str:
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE DATABASE replicas")
    return postgres_url.rsplit("/", 1)[0] + "/replicas"


@pytest.fixture(scope="module")
def replicas(milvus_url, feedback_url, tmp_path_factory) -> Iterator[list[Replica]]:
    """Two `python app.py`, each with its own sources folder and index folder, sharing the
    Milvus server and the PostgreSQL database. The first fills the empty store."""
    started: list[tuple[subprocess.Popen[bytes], Replica]] = []
    try:
        for name in ("a", "b"):
            root = tmp_path_factory.mktemp(f"replica-{name}")
            shutil.copytree(SOURCES_DIR, root / "sources")
            env = {
                "ASSISTANT_STORE__URI": milvus_url,
                "ASSISTANT_STORE__REFRESH_S": "1",
                "ASSISTANT_FEEDBACK__URL": feedback_url,
                "ASSISTANT_EMBEDDING__CACHE_PATH": os.environ["ASSISTANT_EMBEDDING__CACHE_PATH"],
            }
            port = free_port()
            replica = Replica(f"http://127.0.0.1:{port}", root, env, root / "app.log")
            process = start_app(root, _today(), port, replica.log, extra=env)
            started.append((process, replica))
            wait_for_log(replica.log, process, "索引就绪", 240)
        yield [replica for _, replica in started]
    finally:
        for process, _ in started:
            stop_app(process)
    for _, replica in started:
        log = replica.log.read_text("utf-8", errors="replace")
        assert "Traceback" not in log, log[-3000:]


def _today():
    import datetime as dt

    return dt.date.fromisoformat(TODAY)


def _ask(url: str, question: str, region: str) -> dict:
    return api_client(url).predict(question, region, api_name="/ask")


def test_both_replicas_give_the_same_answers(replicas):
    a, b = replicas
    for question, region in QUESTIONS:
        first, second = _ask(a.url, question, region), _ask(b.url, question, region)
        assert second["answer"] == first["answer"], question
        assert [c["clause_id"] for c in second["citations"]] == [c["clause_id"] for c in first["citations"]]
        assert first["citations"], question


def _converse(urls: list[str], n: int) -> tuple[list[float], list[str]]:
    """One conversation whose turns go to the replicas in turn; the client keeps the
    conversation, as a browser does, so any replica can answer the next turn."""
    name, region, turns = TEMPLATES[n % len(TEMPLATES)]
    clients = [api_client(url) for url in urls]
    conversation, latencies, problems = None, [], []
    for i, (question, province) in enumerate(turns):
        started = time.perf_counter()
        try:
            conversation = clients[(n + i) % 2].predict(
                question, conversation, region, [], "", "", api_name="/chat"
            )
        except Exception as exc:  # an error is counted, not raised, so every conversation runs
            problems.append(f"#{n} {name} turn {i + 1}: {type(exc).__name__}: {exc}")
            break
        latencies.append(time.perf_counter() - started)
        asked = [t["question"] for t in conversation["turns"]]
        if asked != [q for q, _ in turns[: i + 1]]:
            problems.append(f"#{n} {name}: the conversation shows other turns: {asked}")
            break
        cited = [c["title"] for c in conversation["turns"][-1]["citations"]]
        if not cited:
            problems.append(f"#{n} {name} turn {i + 1}: no cited answer")
        elif any((NINGXIA_DOC in title) != (province == "宁夏") for title in cited):
            problems.append(f"#{n} {name} turn {i + 1} ({question}) cites outside {province}: {cited}")
    return latencies, problems


def test_50_conversations_alternating_between_replicas_have_no_errors_and_no_leaks(replicas, capsys):
    urls = [r.url for r in replicas]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=50) as pool:
        outcomes = list(pool.map(lambda n: _converse(urls, n), range(50)))
    total = time.perf_counter() - started
    latencies = sorted(t for turns, _ in outcomes for t in turns)
    problems = [p for _, found in outcomes for p in found]
    with capsys.disabled():
        p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
        print(
            f"\n2 replicas, 50 conversations, {len(latencies)} turns in {total:.1f} s: "
            f"{len(problems)} errors or leaks; p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s"
        )
    assert problems == [], "\n".join(problems[:10])
    assert len(latencies) == sum(len(TEMPLATES[n % len(TEMPLATES)][2]) for n in range(50))


def test_feedback_given_on_either_replica_lands_in_the_one_postgresql_table(replicas, feedback_url, tmp_path):
    for replica, rating in zip(replicas, ("up", "down"), strict=True):
        client = api_client(replica.url)
        answer = client.predict("技术能手评上了有奖励吗", "宁夏", api_name="/ask")
        saved = client.predict(answer["answer_id"], rating, "手机13912345678", api_name="/feedback")
        assert saved["saved"] is True

    rows = FeedbackStore(database=PostgresDatabase(feedback_url)).recent()
    assert sorted(r.rating for r in rows) == ["down", "up"]
    assert all("13912345678" not in r.comment for r in rows)


def test_a_notice_added_through_one_replica_is_answered_by_the_other(replicas, tmp_path):
    a, b = replicas
    question = "青海的技能大师工作室资助多少钱"
    assert "8万元" not in _ask(b.url, question, "")["answer"]
    notice = tmp_path / "qinghai-dashi-2024.txt"
    notice.write_text(NEW_NOTICE, "utf-8")

    # A curator on replica A's machine adds the notice to A's folder (the app's 文件库 tab
    # does the same through PolicyAssistant.reload); it is written to Milvus at once.
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        a.env,
        ASSISTANT_PATHS__SOURCES_DIR=str(a.root / "sources"),
        ASSISTANT_PATHS__INDEX_DIR=str(a.root / "index"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ingest", str(notice)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "已写入条款库" in done.stdout

    deadline = time.monotonic() + 60
    answer = _ask(b.url, question, "")
    while "8万元" not in answer["answer"] and time.monotonic() < deadline:
        time.sleep(1)
        answer = _ask(b.url, question, "")
    assert "8万元" in answer["answer"]
    assert any("青海省技能大师工作室建设管理办法" in c["title"] for c in answer["citations"])
    assert not (b.root / "sources" / notice.name).exists()  # B read it from the store, not a folder
