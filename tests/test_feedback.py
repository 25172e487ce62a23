"""The 👍/👎 store: one row per answer, changed in place when the answer is rated again."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.feedback import FeedbackStore
from assistant.feedback_db import LATEST
from assistant.models import Answer, Citation


def make_answer() -> Answer:
    c = Citation(
        n=1, doc_id="ningxia", title="“技能宁夏行动”实施方案", doc_number="宁人社发〔2021〕151号",
        issuer="宁夏回族自治区人力资源和社会保障厅", jurisdiction="宁夏回族自治区",
        clause_id="ningxia:2.3", label="《“技能宁夏行动”实施方案》二、（三）", text="全文。引用句。",
        quote="引用句。", expired=True, valid_to=dt.date(2025, 12, 31),
    )  # fmt: skip
    return Answer(question="宁夏有什么培训补贴？", answer="有培训补贴[1]。", answerable=True, citations=[c])


def rows(db) -> list[dict[str, object]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    found = [dict(r) for r in conn.execute("SELECT * FROM feedback ORDER BY id")]
    conn.close()
    return found


def test_a_rating_is_saved_with_question_answer_citations_and_time(tmp_path):
    db = tmp_path / "sub" / "feedback.sqlite3"
    store = FeedbackStore(db)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    answer = make_answer()
    record = store.rate("a1", "宁夏有什么培训补贴？", answer, "up", comment=" 很清楚 ", session_id="s1")

    [row] = rows(db)
    assert row["id"] == record.id and row["answer_id"] == "a1"
    assert row["rating"] == "up"
    assert row["question"] == "宁夏有什么培训补贴？"
    assert row["answer"] == "有培训补贴[1]。"
    assert row["answerable"] == 1
    assert row["comment"] == "很清楚"
    assert row["session_id"] == "s1"
    citations = json.loads(row["citations"])
    assert citations[0]["label"] == "《“技能宁夏行动”实施方案》二、（三）"
    assert citations[0]["doc_number"] == "宁人社发〔2021〕151号"
    assert citations[0]["quote"] == "引用句。" and citations[0]["expired"] is True
    created = dt.datetime.fromisoformat(row["created_at"])
    assert before <= created <= dt.datetime.now(dt.UTC)


def test_rating_the_same_answer_again_changes_its_row_instead_of_adding_one(tmp_path):
    store = FeedbackStore(tmp_path / "f.db")
    first = store.rate("a1", "问", make_answer(), "down")
    second = store.rate("a1", "问", make_answer(), "up", comment="改主意了")
    assert second.id == first.id
    [row] = rows(tmp_path / "f.db")
    assert (row["rating"], row["comment"]) == ("up", "改主意了")
    assert row["created_at"] == first.created_at.isoformat(timespec="seconds")
    assert row["updated_at"], "the change is timed"


def test_different_answers_get_their_own_rows(tmp_path):
    store = FeedbackStore(tmp_path / "f.db")
    store.rate("a1", "问一", make_answer(), "up")
    store.rate("a2", "问二", make_answer(), "down", comment="没答到点子上")
    records = store.recent()
    assert [(r.answer_id, r.question, r.rating, r.comment) for r in records] == [
        ("a2", "问二", "down", "没答到点子上"),
        ("a1", "问一", "up", ""),
    ]
    assert records[0].citations[0]["clause_id"] == "ningxia:2.3"
    assert store.get("a1") is not None and store.get("a3") is None


def test_an_unknown_rating_or_a_missing_answer_id_is_refused(tmp_path):
    store = FeedbackStore(tmp_path / "f.db")
    with pytest.raises(ValueError):
        store.rate("a1", "问", make_answer(), "meh")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.rate("  ", "问", make_answer(), "up")
    assert store.recent() == []


def test_the_export_is_csv_with_chinese_headers_that_excel_reads(tmp_path):
    store = FeedbackStore(tmp_path / "f.db")
    store.rate("a1", "宁夏有什么培训补贴？", make_answer(), "down", comment='引号"和,逗号\n换行')
    text = store.export_csv()
    assert text.startswith("\ufeff")
    table = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(table) == 1
    row = table[0]
    assert row["回答编号"] == "a1" and row["评价"] == "没帮助" and row["有答案"] == "是"
    assert row["问题"] == "宁夏有什么培训补贴？"
    assert row["意见"] == '引号"和,逗号\n换行'
    assert row["出处"] == "[1] 《“技能宁夏行动”实施方案》二、（三）"


def test_a_database_from_before_answer_ids_is_upgraded_in_place(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL,"
        " rating TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, answerable INTEGER NOT NULL,"
        " citations TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', session_id TEXT NOT NULL DEFAULT '')"
    )
    for question in ("旧一", "旧二"):  # two old rows, neither with an answer id
        conn.execute(
            "INSERT INTO feedback (created_at, rating, question, answer, answerable, citations)"
            " VALUES ('2025-01-01T00:00:00+00:00', 'up', ?, '答', 1, '[]')",
            (question,),
        )
    conn.commit()
    conn.close()
    store = FeedbackStore(db)
    store.rate("a1", "新", make_answer(), "down")
    assert [(r.question, r.answer_id) for r in store.recent()] == [("新", "a1"), ("旧二", ""), ("旧一", "")]


def test_a_database_from_last_release_without_a_version_table_keeps_its_rows_and_gets_one(tmp_path):
    # The last release added answer_id, updated_at and the index itself, with no version table.
    db = tmp_path / "last.db"
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL,"
        " rating TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, answerable INTEGER NOT NULL,"
        " citations TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', session_id TEXT NOT NULL DEFAULT '',"
        " answer_id TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL DEFAULT '')"
    )
    conn.execute("CREATE UNIQUE INDEX feedback_answer ON feedback (answer_id) WHERE answer_id != ''")
    conn.execute(
        "INSERT INTO feedback (created_at, rating, question, answer, answerable, citations, answer_id)"
        " VALUES ('2026-01-01T00:00:00+00:00', 'down', '旧', '答', 1, '[]', 'a1')"
    )
    conn.commit()
    conn.close()

    updated = FeedbackStore(db).rate("a1", "旧", make_answer(), "up")

    assert (updated.rating, updated.question, FeedbackStore(db).count()) == ("up", "旧", 1)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version FROM feedback_schema").fetchall() == [(LATEST,)]


def test_stores_opening_one_new_file_at_once_each_see_one_table(tmp_path):
    # Six replicas' first calls at the same moment: the schema step runs under the write lock,
    # so none fails on a table or column another has just made.
    db = tmp_path / "new.sqlite3"
    stores = [FeedbackStore(db) for _ in range(6)]
    start = threading.Barrier(len(stores))
    errors: list[BaseException] = []

    def first_rating(n: int) -> None:
        start.wait()
        try:
            stores[n].rate(f"a{n}", f"问{n}", make_answer(), "up")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=first_rating, args=(n,)) for n in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert stores[0].count() == 6
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version FROM feedback_schema").fetchall() == [(LATEST,)]


def test_asking_a_question_does_not_import_the_feedback_database_layer():
    # SQLAlchemy takes a quarter of a second to import; only the app's 👍/👎 needs it.
    code = (
        "import sys\n"
        "import assistant.service, assistant.batch, assistant.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == "[]", done.stdout
