"""The 👍/👎 store: one row per rating, with the question, answer, citations and time."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from assistant.feedback import FeedbackStore
from assistant.models import Answer, Citation


def make_answer() -> Answer:
    c = Citation(
        n=1, doc_id="ningxia", title="“技能宁夏行动”实施方案", doc_number="宁人社发〔2021〕151号",
        issuer="宁夏回族自治区人力资源和社会保障厅", jurisdiction="宁夏回族自治区",
        clause_id="ningxia:2.3", label="《“技能宁夏行动”实施方案》二、（三）", text="全文。引用句。",
        quote="引用句。", expired=True, valid_to=dt.date(2025, 12, 31),
    )  # fmt: skip
    return Answer(question="宁夏有什么培训补贴？", answer="有培训补贴[1]。", answerable=True, citations=[c])


def test_a_rating_is_saved_with_question_answer_citations_and_time(tmp_path):
    db = tmp_path / "sub" / "feedback.sqlite3"
    store = FeedbackStore(db)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    row_id = store.add("宁夏有什么培训补贴？", make_answer(), "up", comment="  很清楚 ", session_id="s1")

    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM feedback WHERE id = ?", (row_id,)).fetchone())
    conn.close()
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


def test_recent_returns_newest_first_as_records(tmp_path):
    store = FeedbackStore(tmp_path / "f.db")
    store.add("问一", make_answer(), "up")
    store.add("问二", make_answer(), "down", comment="没答到点子上")
    records = store.recent()
    assert [(r.question, r.rating, r.comment) for r in records] == [
        ("问二", "down", "没答到点子上"),
        ("问一", "up", ""),
    ]
    assert records[0].citations[0]["clause_id"] == "ningxia:2.3"


def test_an_unknown_rating_is_refused(tmp_path):
    store = FeedbackStore(tmp_path / "f.db")
    with pytest.raises(ValueError):
        store.add("问", make_answer(), "meh")  # type: ignore[arg-type]
    assert store.recent() == []
