"""One setting each chooses where clauses, feedback and browser conversations live."""

from __future__ import annotations

from assistant.feedback import FeedbackStore
from assistant.feedback_db import PostgresDatabase, SQLiteDatabase
from assistant.settings import load_settings
from ui.server import browser_secret


def test_the_embedded_store_is_the_default_and_a_uri_chooses_milvus(monkeypatch):
    monkeypatch.delenv("ASSISTANT_STORE__URI", raising=False)
    assert not load_settings().store.milvus

    monkeypatch.setenv("ASSISTANT_STORE__URI", "http://milvus.internal:19530")
    monkeypatch.setenv("ASSISTANT_STORE__TOKEN", "root:Milvus")
    settings = load_settings()

    assert settings.store.milvus and settings.store.uri == "http://milvus.internal:19530"
    assert settings.store.token is not None and settings.store.token.get_secret_value() == "root:Milvus"
    assert "Milvus" not in repr(settings.store)  # the token is never printed


def test_feedback_goes_to_sqlite_unless_a_postgresql_url_is_set(tmp_path, monkeypatch):
    monkeypatch.delenv("ASSISTANT_FEEDBACK__URL", raising=False)
    local = load_settings(paths={"feedback_db": tmp_path / "f.sqlite3"})
    assert isinstance(FeedbackStore.from_settings(local).db, SQLiteDatabase)

    monkeypatch.setenv("ASSISTANT_FEEDBACK__URL", "postgresql://assistant@db.internal:5432/assistant")
    assert isinstance(FeedbackStore.from_settings(load_settings()).db, PostgresDatabase)


def test_replicas_given_one_browser_secret_read_each_others_browser_conversations(tmp_path):
    shared = {"app": {"browser_secret": "一个足够长的共享密钥-0123456789"}}
    first = load_settings(paths={"feedback_db": tmp_path / "a" / "f.sqlite3"}, **shared)
    second = load_settings(paths={"feedback_db": tmp_path / "b" / "f.sqlite3"}, **shared)

    assert browser_secret(first) == browser_secret(second) == "一个足够长的共享密钥-0123456789"
    assert not (tmp_path / "a" / "browser-state.key").exists()
