"""The corpus fingerprint: what it covers decides when a persisted index is rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest import corpus
from assistant.ingest.corpus import fingerprint

NOTICE = "技能提升实施方案\n一、目标任务\n每年开展补贴性职业技能培训5万人次以上。\n"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(NOTICE, "utf-8")
    return tmp_path


def test_an_edit_to_the_language_data_changes_the_fingerprint(sources: Path, monkeypatch) -> None:
    before = fingerprint(sources)
    edited = [(name, data + b"\n\xe6\x8a\x80\xe5\xb7\xa5 5 n") if name == "userdict.txt" else (name, data)
              for name, data in corpus._language_data()]  # fmt: skip
    monkeypatch.setattr(corpus, "_language_data", lambda: edited)
    assert fingerprint(sources) != before


def test_another_package_version_changes_the_fingerprint(sources: Path, monkeypatch) -> None:
    before = fingerprint(sources)
    monkeypatch.setattr(corpus, "_package_version", lambda: "99.0.0")
    assert fingerprint(sources) != before


def test_a_curator_correction_changes_the_fingerprint(sources: Path) -> None:
    before = fingerprint(sources)
    (sources / "overrides.yaml").write_text("a.txt:\n  issuer: 宁夏回族自治区人力资源和社会保障厅\n", "utf-8")
    assert fingerprint(sources) != before


def test_the_language_data_includes_the_dictionary_and_thesaurus() -> None:
    names = {name for name, _ in corpus._language_data()}
    assert {"userdict.txt", "synonyms.tsv"} <= names
