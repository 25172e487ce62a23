"""👍/👎 on answers, kept in SQLite so curators can review answer quality.

Each answer has an id; its feedback is one row. Rating the same answer again (👎 then 👍,
or adding a comment) changes that row, so the table never holds two contradictory
verdicts on one answer. Curators read the table as CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from assistant.models import Answer
from assistant.privacy import mask_personal_data

Rating = Literal["up", "down"]
RATING_NAMES = {"up": "有帮助", "down": "没帮助"}
MAX_COMMENT_CHARS = 2000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    answerable INTEGER NOT NULL,
    citations TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    session_id TEXT NOT NULL DEFAULT ''
)
"""
# Added after the first release: databases written before it gain the columns on open.
_LATER_COLUMNS = {
    "answer_id": "TEXT NOT NULL DEFAULT ''",
    "updated_at": "TEXT NOT NULL DEFAULT ''",
}
_ONE_ROW_PER_ANSWER = (
    "CREATE UNIQUE INDEX IF NOT EXISTS feedback_answer ON feedback (answer_id) WHERE answer_id != ''"
)
CSV_COLUMNS = {  # column name in the export → field of FeedbackRecord
    "编号": "id",
    "回答编号": "answer_id",
    "首次评价时间(UTC)": "created_at",
    "最后修改时间(UTC)": "updated_at",
    "评价": "rating",
    "问题": "question",
    "回答": "answer",
    "有答案": "answerable",
    "出处": "citations",
    "意见": "comment",
    "会话": "session_id",
}


class FeedbackRecord(BaseModel):
    id: int
    answer_id: str = Field("", description="The rated answer; empty for rows written before ids existed")
    created_at: dt.datetime = Field(description="UTC time the answer was first rated")
    updated_at: dt.datetime | None = Field(None, description="UTC time of the latest change, if any")
    rating: Rating
    question: str
    answer: str
    answerable: bool
    citations: list[dict[str, object]] = Field(description="The answer's citations as JSON objects")
    comment: str = ""
    session_id: str = ""


class FeedbackStore:
    """One row per rated answer. One short-lived connection per call, so any thread may use it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute(_SCHEMA)
        have = {row[1] for row in conn.execute("PRAGMA table_info(feedback)")}
        for name, spec in _LATER_COLUMNS.items():
            if name not in have:
                conn.execute(f"ALTER TABLE feedback ADD COLUMN {name} {spec}")
        conn.execute(_ONE_ROW_PER_ANSWER)
        return conn

    def rate(
        self,
        answer_id: str,
        question: str,
        answer: Answer,
        rating: Rating,
        comment: str = "",
        session_id: str = "",
    ) -> FeedbackRecord:
        """Save this answer's rating, replacing any earlier rating of the same answer."""
        if rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        if not answer_id.strip():
            raise ValueError("an answer id is needed to rate an answer")
        # What the user typed may hold an ID-card or phone number; it is stored masked.
        question = mask_personal_data(question)
        comment = mask_personal_data(comment.strip()[:MAX_COMMENT_CHARS])
        citations = json.dumps([c.model_dump(mode="json") for c in answer.citations], ensure_ascii=False)
        now = _now()
        with closing(self._connect()) as conn, conn:
            conn.execute(
                "INSERT INTO feedback (answer_id, created_at, updated_at, rating, question, answer,"
                " answerable, citations, comment, session_id) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (answer_id) WHERE answer_id != '' DO UPDATE SET rating = excluded.rating,"
                " comment = excluded.comment, updated_at = ?",
                (answer_id, now, rating, question, answer.answer, int(answer.answerable), citations,
                 comment, session_id, now),
            )  # fmt: skip
        record = self.get(answer_id)
        assert record is not None
        return record

    def add(
        self, question: str, answer: Answer, rating: Rating, comment: str = "", session_id: str = ""
    ) -> int:
        """Save one rating of an answer that has no id of its own; returns the row id."""
        return self.rate(uuid.uuid4().hex, question, answer, rating, comment, session_id).id

    def get(self, answer_id: str) -> FeedbackRecord | None:
        """The feedback on one answer, or None if it was not rated."""
        rows = self._select("SELECT * FROM feedback WHERE answer_id = ? AND answer_id != ''", (answer_id,))
        return rows[0] if rows else None

    def recent(self, limit: int = 50) -> list[FeedbackRecord]:
        """The most recently rated or changed rows first."""
        return self._select(
            "SELECT * FROM feedback ORDER BY MAX(created_at, updated_at) DESC, id DESC LIMIT ?", (limit,)
        )

    def count(self) -> int:
        with closing(self._connect()) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    def export_csv(self) -> str:
        """Every row, oldest first, as CSV with Chinese headers; Excel reads it (UTF-8 BOM)."""
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for record in self._select("SELECT * FROM feedback ORDER BY id", ()):
            writer.writerow([_csv_cell(record, field) for field in CSV_COLUMNS.values()])
        return out.getvalue()

    def _select(self, sql: str, args: tuple[object, ...]) -> list[FeedbackRecord]:
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            rows = conn.execute(sql, args).fetchall()
        return [_record(dict(row)) for row in rows]


def _record(row: dict[str, object]) -> FeedbackRecord:
    row["citations"] = json.loads(str(row["citations"]))
    row["updated_at"] = row.get("updated_at") or None
    return FeedbackRecord(**row)  # type: ignore[arg-type]


def _csv_cell(record: FeedbackRecord, field: str) -> str:
    value = getattr(record, field)
    if field == "rating":
        return RATING_NAMES[value]
    if field == "answerable":
        return "是" if value else "否"
    if field == "citations":
        return "\n".join(f"[{c.get('n')}] {c.get('label', '')}" for c in value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return "" if value is None else str(value)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
