"""Feedback behind a URL: SQLite (the default) and PostgreSQL hold the same table and behave
alike — one row per answer, a second rating changes it, personal numbers masked, the same
CSV — and two app replicas rating through one PostgreSQL share the rows."""

from __future__ import annotations

import csv
import io
import itertools
import sqlite3
import threading

import psycopg
import pytest

from assistant.feedback import FeedbackStore
from assistant.feedback_db import LATEST, FeedbackUnavailable, PostgresDatabase, SQLiteDatabase, open_database
from assistant.settings import load_settings
from tests.test_feedback import make_answer

_TABLES = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
    base = request.getfixturevalue("postgres_url")
    database = f"feedback_{next(_TABLES)}"  # a database per test: each starts with no rows
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {database}")
    return base.rsplit("/", 1)[0] + f"/{database}"


def store_at(url: str, tmp_path) -> FeedbackStore:
    return FeedbackStore.from_settings(
        load_settings(feedback={"url": url}, paths={"feedback_db": tmp_path / "x"})
    )


def columns(url: str) -> list[tuple[str, str]]:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return [(r[1], r[2].upper()) for r in conn.execute("PRAGMA table_info(feedback)")]
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'feedback'"
            " ORDER BY ordinal_position"
        ).fetchall()
    kinds = {"text": "TEXT", "integer": "INTEGER", "bigint": "INTEGER"}
    return [(name, kinds[kind]) for name, kind in rows]


def test_the_url_chooses_the_database(tmp_path):
    assert isinstance(open_database("", tmp_path / "f.sqlite3"), SQLiteDatabase)
    assert isinstance(open_database(f"sqlite:///{tmp_path}/g.sqlite3", tmp_path / "f"), SQLiteDatabase)
    assert isinstance(open_database("postgresql://u@127.0.0.1:5432/db", tmp_path / "f"), PostgresDatabase)
    with pytest.raises(ValueError, match="反馈数据库地址无法识别"):
        open_database("mysql://u:secret@host/db", tmp_path / "f")


def test_a_second_rating_of_an_answer_changes_its_one_row(url, tmp_path):
    store = store_at(url, tmp_path)

    first = store.rate("a1", "宁夏有什么培训补贴？", make_answer(), "down", comment="没写条件")
    second = store.rate("a1", "宁夏有什么培训补贴？", make_answer(), "up")

    assert store.count() == 1
    assert second.id == first.id and second.rating == "up" and second.comment == ""
    assert second.created_at == first.created_at and second.updated_at is not None
    assert store.get("a1") == second and store.get("a2") is None


def test_personal_numbers_are_masked_before_the_row_is_written(url, tmp_path):
    store = store_at(url, tmp_path)

    store.rate("a1", "我的手机13912345678，能领补贴吗？", make_answer(), "down", comment="请打0951-5012345")

    [record] = store.recent()
    assert "13912345678" not in record.question and "0951-5012345" not in record.comment
    assert record.citations[0]["doc_number"] == "宁人社发〔2021〕151号"


def test_recent_rows_come_latest_change_first_and_the_csv_lists_them_oldest_first(url, tmp_path):
    store = store_at(url, tmp_path)
    store.rate("a1", "问一", make_answer(), "up")
    store.rate("a2", "问二", make_answer(), "down")

    assert [r.answer_id for r in store.recent()] == ["a2", "a1"]
    table = list(csv.DictReader(io.StringIO(store.export_csv().removeprefix("\ufeff"))))
    assert [(row["回答编号"], row["评价"]) for row in table] == [("a1", "有帮助"), ("a2", "没帮助")]


def test_both_databases_hold_the_same_table(url, tmp_path):
    store_at(url, tmp_path).rate("a1", "问", make_answer(), "up")

    assert columns(url) == [
        ("id", "INTEGER"),
        ("created_at", "TEXT"),
        ("rating", "TEXT"),
        ("question", "TEXT"),
        ("answer", "TEXT"),
        ("answerable", "INTEGER"),
        ("citations", "TEXT"),
        ("comment", "TEXT"),
        ("session_id", "TEXT"),
        ("answer_id", "TEXT"),
        ("updated_at", "TEXT"),
    ]


def test_two_replicas_rating_at_once_share_one_row_per_answer(url, tmp_path):
    replicas = [store_at(url, tmp_path), store_at(url, tmp_path)]
    errors: list[BaseException] = []

    def rate(store: FeedbackStore, rating: str) -> None:
        try:
            for n in range(10):
                store.rate(f"answer-{n}", f"问{n}", make_answer(), rating)  # type: ignore[arg-type]
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=rate, args=(s, r)) for s, r in zip(replicas, ("up", "down"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert replicas[0].count() == replicas[1].count() == 10
    assert replicas[1].get("answer-3") == replicas[0].get("answer-3")


def test_an_unreachable_postgresql_is_an_io_error_the_app_reports(tmp_path):
    store = store_at("postgresql://nobody@127.0.0.1:9/nothing", tmp_path)

    with pytest.raises(FeedbackUnavailable) as raised:
        store.rate("a1", "问", make_answer(), "up")
    assert isinstance(raised.value, OSError)


def test_a_first_release_table_is_migrated_in_place_on_either_database(url, tmp_path):
    # The first release had neither answer ids nor a version table; its rows must survive.
    first_release = (
        "CREATE TABLE feedback ({id}, created_at TEXT NOT NULL, rating TEXT NOT NULL, question TEXT NOT NULL,"
        " answer TEXT NOT NULL, answerable INTEGER NOT NULL, citations TEXT NOT NULL,"
        " comment TEXT NOT NULL DEFAULT '', session_id TEXT NOT NULL DEFAULT '')"
    )
    old_row = (
        "INSERT INTO feedback (created_at, rating, question, answer, answerable, citations)"
        " VALUES ('2025-01-01T00:00:00+00:00', 'up', '旧', '答', 1, '[]')"
    )
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            conn.execute(first_release.format(id="id INTEGER PRIMARY KEY AUTOINCREMENT"))
            conn.execute(old_row)
    else:
        with psycopg.connect(url) as conn:
            conn.execute(first_release.format(id="id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"))
            conn.execute(old_row)

    store = store_at(url, tmp_path)
    store.rate("a1", "新", make_answer(), "down")
    store.rate("a1", "新", make_answer(), "up")

    assert [(r.question, r.answer_id, r.rating) for r in store.recent()] == [
        ("新", "a1", "up"),
        ("旧", "", "up"),
    ]
    assert [name for name, _ in columns(url)][-2:] == ["answer_id", "updated_at"]
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            version = conn.execute("SELECT version FROM feedback_schema").fetchall()
    else:
        with psycopg.connect(url) as conn:
            version = conn.execute("SELECT version FROM feedback_schema").fetchall()
    assert version == [(LATEST,)]
