"""Shared fixtures: the five real policy sources, loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.ingest.corpus import load_corpus
from assistant.models import Clause, Corpus, Document

PROJECT = Path(__file__).resolve().parent.parent
SOURCES_DIR = PROJECT / "index" / "sources"
# Every index the tests build (in temp folders, in subprocesses too) shares one cache of
# vectors: the real model takes about a minute to embed the corpus once, then no more.
os.environ.setdefault(
    "ASSISTANT_EMBEDDING__CACHE_PATH", str(PROJECT / "index" / "build" / "embeddings.sqlite3")
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests first, then the other slow ones (servers, large builds), then the rest.

    `make test` hands whole files to its workers in this order (`--no-loadscope-reorder`); a
    long file started last would leave one worker running it alone at the end. The sort is
    stable, so each file's tests keep their order."""

    def cost(item: pytest.Item) -> int:
        if item.get_closest_marker("browser"):
            return 0
        return 1 if item.get_closest_marker("slow") else 2

    items.sort(key=cost)


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    corpus, _ = load_corpus(SOURCES_DIR)
    return corpus


@pytest.fixture(scope="session")
def docs(corpus: Corpus) -> dict[str, Document]:
    """The real documents keyed by their file number: docs["004"] is 技能宁夏行动."""
    return {doc.meta.source_file[:3]: doc for doc in corpus.documents}


@pytest.fixture(scope="session")
def source_text() -> Callable[[Document], str]:
    """The raw source file a document was built from."""
    return lambda doc: (SOURCES_DIR / doc.meta.source_file).read_text("utf-8")


@pytest.fixture(scope="session")
def clause_with() -> Callable[[Document, str], Clause]:
    """The one clause whose text contains a fragment; fails if none or several do."""

    def find(doc: Document, fragment: str) -> Clause:
        found = [c for c in doc.clauses if fragment in c.text]
        assert len(found) == 1, f"{len(found)} clauses of {doc.doc_id} contain «{fragment}»"
        return found[0]

    return find


@pytest.fixture(scope="session")
def policy_assistant(tmp_path_factory: pytest.TempPathFactory):
    """The assistant on the real corpus, with its index built once in a temporary folder
    and today fixed, so validity checks do not change with the calendar."""
    import datetime as dt

    from assistant.service import PolicyAssistant
    from assistant.settings import load_settings

    index_dir = tmp_path_factory.mktemp("index")
    feedback = tmp_path_factory.mktemp("var") / "feedback.sqlite3"
    settings = load_settings(
        paths={"sources_dir": SOURCES_DIR, "index_dir": index_dir, "feedback_db": feedback},
        today=dt.date(2026, 11, 21),
    )
    return PolicyAssistant(settings)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL cluster started for this test session (tests/postgres.py). Without
    PostgreSQL installed the tests that need it are skipped, except in CI, where .ci/run
    installs it and its absence is a failure."""
    from tests.postgres import binaries, postgres_cluster

    if binaries() is None:
        message = "PostgreSQL is not installed (.ci/run installs Debian's postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with postgres_cluster() as url:
        yield url
