"""Ingest into Milvus is incremental: unchanged clauses are not written, changed ones are
written with vectors from the cache where their text is known, a document's vanished clauses
and deleted documents go, a repeal reaches the stored document it names, and a Lite folder
reopens with everything in it."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.embedding.cache import EmbeddingCache
from assistant.models import Document
from assistant.store.sync import sync_documents
from assistant.store.types import Fusion, StoreFilter
from tests.store.conftest import CLAUSES, DOCUMENTS, clause, empty_milvus


def documents(changes: dict[str, list[str]] | None = None) -> list[Document]:
    texts = {**CLAUSES, **(changes or {})}
    metas = {m.doc_id: m for m in DOCUMENTS}
    return [
        Document(
            meta=metas[doc].model_copy(update={"repealed_by": None, "repealed_on": None}),
            clauses=[clause(doc, i, t) for i, t in enumerate(lines, start=1)],
        )
        for doc, lines in texts.items()
    ]


@pytest.fixture
def synced(encoder, tmp_path):
    store = empty_milvus(tmp_path / "milvus.db", encoder)
    cache = EmbeddingCache(tmp_path / "vectors.sqlite3")
    first = sync_documents(store, documents(), encoder, cache)
    yield store, cache, first
    store.close()


def test_a_first_sync_writes_every_clause_and_embeds_each_text_once(synced):
    store, cache, first = synced
    clauses = sum(len(v) for v in CLAUSES.values())

    assert first.clauses_written == clauses and first.clauses_unchanged == 0
    assert len(store.catalog.clauses) == clauses
    assert first.vectors_computed == cache.count("test-character-encoder") > clauses  # clauses and sentences


def test_syncing_the_same_documents_again_writes_nothing(synced, encoder):
    store, cache, _ = synced

    again = sync_documents(store, documents(), encoder, cache)

    assert again.clauses_written == 0 and again.vectors_computed == 0
    assert again.clauses_unchanged == len(store.catalog.clauses)
    assert not again.changed


def test_a_changed_clause_is_the_only_one_written_and_embedded(synced, encoder):
    store, cache, _ = synced
    wuxi = ["新引进的高技能人才，给予最高40万元安家补贴。", *CLAUSES["wuxi"][1:]]

    report = sync_documents(store, documents({"wuxi": wuxi}), encoder, cache)

    assert report.documents_written == ["wuxi"]
    assert report.clauses_written == 1
    assert report.vectors_computed == 1  # a one-sentence clause: its text and its sentence are one text
    assert "40万元" in store.catalog.clause("wuxi:1").text


def test_a_clause_a_document_no_longer_has_is_deleted(synced, encoder):
    store, cache, _ = synced

    report = sync_documents(store, documents({"wuxi": CLAUSES["wuxi"][:2]}), encoder, cache)

    assert report.clauses_deleted == 1 and report.clauses_written == 0
    assert "wuxi:3" not in store.catalog.position
    assert store.sentence_vectors_of("wuxi:3") is None


def test_a_deleted_document_leaves_the_store(synced, encoder):
    store, cache, _ = synced

    report = sync_documents(store, [], encoder, cache, delete=["ningxia-old"])

    assert report.documents_deleted == ["ningxia-old"]
    assert "ningxia-old" not in store.catalog.documents
    found = store.hybrid_search(store.embed_query("农民工"), "农民工", 10, Fusion())
    assert all(not h.clause_id.startswith("ningxia-old") for h in found)


def test_a_new_notice_that_repeals_a_stored_one_ends_its_period_in_the_store(encoder, tmp_path):
    store = empty_milvus(tmp_path / "milvus.db", encoder)
    cache = EmbeddingCache(tmp_path / "vectors.sqlite3")
    older = [d for d in documents() if d.doc_id != "ningxia-new"]
    sync_documents(store, older, encoder, cache)
    where = StoreFilter(in_force_on=dt.date(2025, 6, 1))
    assert store.keyword_search("农民工", 5, where)[0].clause_id == "ningxia-old:1"

    newer = next(d for d in documents() if d.doc_id == "ningxia-new")
    newer.meta.repeals = ["宁夏职业技能培训补贴办法"]
    report = sync_documents(store, [newer], encoder, cache)

    assert set(report.documents_written) == {"ningxia-new", "ningxia-old"}
    assert store.catalog.documents["ningxia-old"].repealed_by == "ningxia-new"
    assert [h.clause_id for h in store.keyword_search("农民工", 5, where)] == ["ningxia-new:1"]
    store.close()


def test_a_reopened_lite_folder_has_every_clause_and_answers_searches(encoder, tmp_path):
    path = tmp_path / "milvus.db"
    store = empty_milvus(path, encoder)
    sync_documents(store, documents(), encoder, None)
    before = [h.clause_id for h in store.keyword_search("技能大师工作室", 5)]
    store.close()
    from pymilvus import MilvusClient

    MilvusClient(str(path)).close()  # the folder is released with its server
    reopened = empty_milvus(path, encoder)

    assert len(reopened.catalog.clauses) == sum(len(v) for v in CLAUSES.values())
    assert [h.clause_id for h in reopened.keyword_search("技能大师工作室", 5)] == before
    reopened.close()
