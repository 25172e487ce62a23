"""The test notices, laid out in a temporary folder and loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.corpus import load_corpus
from assistant.models import Corpus, Document
from tests.notices.build import build_notices
from tests.notices.score import expected


@pytest.fixture(scope="session")
def notices_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("notices")
    build_notices(folder)
    return folder


@pytest.fixture(scope="session")
def notices_corpus(notices_dir: Path) -> Corpus:
    corpus, _ = load_corpus(notices_dir)
    return corpus


@pytest.fixture(scope="session")
def notices(notices_corpus: Corpus) -> dict[str, Document]:
    """Each test notice by its file name."""
    return {doc.meta.source_file: doc for doc in notices_corpus.documents}


@pytest.fixture(scope="session")
def spec() -> dict[str, dict]:
    return expected()
