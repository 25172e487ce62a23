"""Shared fixtures: the five real policy sources, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.ingest.corpus import load_corpus
from assistant.models import Clause, Corpus, Document

SOURCES_DIR = Path(__file__).resolve().parent.parent / "index" / "sources"


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
