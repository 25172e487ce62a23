"""👍/👎 on answers, kept in SQLite (one machine) or PostgreSQL (several replicas) so
curators can review answer quality.

Each answer has an id; its feedback is one row. Rating the same answer again (👎 then 👍,
or adding a comment) changes that row, so the table never holds two contradictory
verdicts on one answer. Curators read the table as CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import case, func, select
from sqlalchemy.sql import Select

from assistant.feedback_db import FEEDBACK, Database, SQLiteDatabase, open_database
from assistant.models import Answer
from assistant.privacy import mask_personal_data

if TYPE_CHECKING:
    from assistant.settings import Settings

Rating = Literal["up", "down"]
RATING_NAMES = {"up": "有帮助", "down": "没帮助"}
MAX_COMMENT_CHARS = 2000

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

    def __init__(self, path: Path | None = None, database: Database | None = None) -> None:
        """A SQLite file at `path`, or any `database` (feedback_db.open_database)."""
        if database is None:
            if path is None:
                raise ValueError("a feedback store needs a SQLite path or a database")
            database = SQLiteDatabase(path)
        self.db = database

    @property
    def path(self) -> Path | None:
        """The SQLite file, when the rows are in one (None for PostgreSQL)."""
        return self.db.path if isinstance(self.db, SQLiteDatabase) else None

    @classmethod
    def from_settings(cls, settings: Settings) -> FeedbackStore:
        """feedback.url when set (PostgreSQL for replicas), else SQLite at paths.feedback_db."""
        default = settings.paths.resolve(settings.paths.feedback_db)
        return cls(database=open_database(settings.feedback.url, default))

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
        # An insert that becomes an update of the answer's row (the partial unique index
        # on answer_id) when it was rated before.
        self.db.upsert(
            {
                "answer_id": answer_id, "created_at": now, "updated_at": "", "rating": rating,
                "question": question, "answer": answer.answer, "answerable": int(answer.answerable),
                "citations": citations, "comment": comment, "session_id": session_id,
            },
            update={"updated_at": now},
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
        found = self._select(
            select(FEEDBACK).where(FEEDBACK.c.answer_id == answer_id, FEEDBACK.c.answer_id != "")
        )
        return found[0] if found else None

    def recent(self, limit: int = 50) -> list[FeedbackRecord]:
        """The most recently rated or changed rows first."""
        # The later of the two times; updated_at is '' until a row changes, and ISO times
        # in UTC order as text.
        latest = case((FEEDBACK.c.updated_at > FEEDBACK.c.created_at, FEEDBACK.c.updated_at),
                      else_=FEEDBACK.c.created_at)  # fmt: skip
        return self._select(select(FEEDBACK).order_by(latest.desc(), FEEDBACK.c.id.desc()).limit(limit))

    def count(self) -> int:
        return int(self.db.rows(select(func.count().label("n")).select_from(FEEDBACK))[0]["n"])

    def export_csv(self) -> str:
        """Every row, oldest first, as CSV with Chinese headers; Excel reads it (UTF-8 BOM)."""
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for record in self._select(select(FEEDBACK).order_by(FEEDBACK.c.id)):
            writer.writerow([_csv_cell(record, field) for field in CSV_COLUMNS.values()])
        return out.getvalue()

    def _select(self, statement: Select[Any]) -> list[FeedbackRecord]:
        return [_record(row) for row in self.db.rows(statement)]


def _record(row: dict[str, object]) -> FeedbackRecord:
    row = dict(row)
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
