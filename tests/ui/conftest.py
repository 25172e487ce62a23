"""Fixtures for the app's tests. Nothing here writes to the real index or sources:
each test that can change the corpus gets its own copy of a temp corpus and index."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from app_process import free_port, start_app, stop_app, wait_for_log

from assistant.accounts import AccountStore, Role
from assistant.models import Question
from assistant.service import PolicyAssistant
from assistant.settings import PathSettings, Settings, load_settings
from ui.services import Services

PROJECT = Path(__file__).resolve().parents[2]
REAL_SOURCES = PROJECT / "index" / "sources"
TODAY = dt.date(2026, 6, 1)  # 宿迁, 无锡 and 宁夏 documents expired; the Jiangsu ones in force
SCRIPT = "<script>alert(1)</script>"
STREAM_DELAY_S = 0.6


def corpus_settings(root: Path, feedback_db: Path | None = None) -> Settings:
    """Settings pointing every path into `root` (a temp folder)."""
    paths = PathSettings(
        sources_dir=root / "sources",
        index_dir=root / "index",
        feedback_db=feedback_db or root / "feedback.sqlite3",
        users_file=root / "users.json",  # none there: a local curator, never the developer's accounts
    )
    return load_settings(paths=paths, today=TODAY)


def copy_corpus(built: Path, dest: Path) -> Path:
    """A private, writable copy of the built corpus (sources and index)."""
    shutil.copytree(built, dest, ignore=shutil.ignore_patterns("feedback*", ".tmp-*"))
    return dest


@pytest.fixture(scope="session")
def built_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five real sources copied to a temp folder, with their index built once per run."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(REAL_SOURCES, root / "sources")
    _seed_index(root / "index")
    _ = PolicyAssistant(corpus_settings(root)).engine
    return root


def _seed_index(index_dir: Path) -> None:
    """Copy the project's current index build, read-only, to save a rebuild when it is fresh.

    open_index checks the copy against the sources, settings and checksums and rebuilds
    (in the temp folder) when anything differs, so a stale or half-copied build is harmless.
    """
    real = PROJECT / "index" / "build"
    try:
        name = (real / "CURRENT").read_text("utf-8").strip()
        shutil.copytree(real / name, index_dir / name)
        (index_dir / "CURRENT").write_text(name, "utf-8")
    except OSError:
        shutil.rmtree(index_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def shared_assistant(built_corpus: Path) -> PolicyAssistant:
    """One assistant over the built corpus, for tests that only read."""
    assistant = PolicyAssistant(corpus_settings(built_corpus))
    _ = assistant.engine
    return assistant


class RecordingAssistant:
    """The real assistant, remembering every Question it was asked (the chat streams its
    answers, the hotline block and the API ask for them whole)."""

    def __init__(self, inner: PolicyAssistant) -> None:
        self.inner = inner
        self.questions: list[Question] = []

    def ask(self, question: Question):  # -> Answer
        self.questions.append(question)
        return self.inner.ask(question)

    def stream(self, question: Question):  # -> Iterator[str | Answer]
        self.questions.append(question)
        return self.inner.stream(question)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


@pytest.fixture
def recording(shared_assistant: PolicyAssistant) -> RecordingAssistant:
    return RecordingAssistant(shared_assistant)


@pytest.fixture
def services(built_corpus: Path, tmp_path: Path, recording: RecordingAssistant) -> Services:
    """Read-only services over the shared corpus, with this test's own feedback database."""
    settings = corpus_settings(built_corpus, feedback_db=tmp_path / "feedback.sqlite3")
    return Services(settings, assistant=recording)  # type: ignore[arg-type]


@pytest.fixture
def writable_services(built_corpus: Path, tmp_path: Path) -> Services:
    """Services over this test's own copy of the corpus: uploads may change it."""
    root = copy_corpus(built_corpus, tmp_path / "corpus")
    return Services(corpus_settings(root))


# -- the app in a subprocess, as `python app.py` runs it ---------------------------
@dataclass
class LiveApp:
    url: str
    root: Path
    log: Path
    process: subprocess.Popen[bytes]

    @property
    def feedback_db(self) -> Path:
        return self.root / "feedback.sqlite3"


def _run_app(root: Path, extra: dict[str, str] | None = None) -> Iterator[LiveApp]:
    """`python app.py` on a free port over `root`, until the caller is done with it."""
    port = free_port()
    log = root.parent / "app.log"
    # The tests' vector cache: a rebuild after an upload embeds only the new clauses.
    env = {"ASSISTANT_EMBEDDING__CACHE_PATH": os.environ["ASSISTANT_EMBEDDING__CACHE_PATH"], **(extra or {})}
    process = start_app(root, TODAY, port, log, env)
    app = LiveApp(f"http://127.0.0.1:{port}", root, log, process)
    try:
        # Generous: a machine busy with other jobs starts the app slowly, and that is no failure.
        wait_for_log(log, process, "政策助手已启动", 300)
        wait_for_log(log, process, "索引就绪", 300)
        with urllib.request.urlopen(app.url, timeout=60) as response:
            assert response.status == 200
        yield app
    finally:
        stop_app(process)


@pytest.fixture(scope="session")
def live_app(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    """`python app.py` on a free port, with a temp corpus, index and feedback database. No
    account exists and it listens on 127.0.0.1, so every visitor is the local curator."""
    root = copy_corpus(built_corpus, tmp_path_factory.mktemp("live") / "corpus")
    # Answers stream slowly enough for a browser test to type, or press 停止, while they do.
    yield from _run_app(root, {"ASSISTANT_APP__STREAM_DELAY_S": str(STREAM_DELAY_S)})


# Accounts of the app that requires a login (guarded_app).
CURATOR = ("馆员甲", "curator-secret-1")
HOTLINE = ("热线乙", "hotline-secret-2")


@pytest.fixture(scope="session")
def guarded_app(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    """`python app.py` over its own corpus copy with one curator and one hotline account, so
    visitors are anonymous until they log in."""
    root = copy_corpus(built_corpus, tmp_path_factory.mktemp("guarded") / "corpus")
    store = AccountStore(root / "users.json")
    store.add(CURATOR[0], Role.curator, CURATOR[1])
    store.add(HOTLINE[0], Role.hotline, HOTLINE[1])
    yield from _run_app(root)


@pytest.fixture(params=["desktop", "phone"])
def size(request: pytest.FixtureRequest) -> str:
    """The two screens every page is checked on (browser_pages.SIZES)."""
    return request.param


@pytest.fixture
def page(browser, live_app: LiveApp, size: str):
    """A fresh profile on the app's chat at this size; no script a question or a document
    carries may have run by the end of the test."""
    from browser_pages import open_page

    page = open_page(browser, live_app.url, size)
    yield page
    assert page.dialogs == [], "a script from a question or a document ran"  # type: ignore[attr-defined]
    page.context.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Debian chromium per test module; each test opens its own context (a fresh
    profile). Per module, not per session: Playwright's sync API allows one running instance
    per thread, and the start-up test drives a browser of its own."""
    from playwright.sync_api import expect, sync_playwright

    from ui.screenshot import CHROMIUM, CHROMIUM_ARGS

    expect.set_options(timeout=20_000)  # a loaded CI machine is slower than the 5 s default
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
