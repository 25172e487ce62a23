"""👍/👎 on answers, kept in SQLite so answer quality can be reviewed later."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from assistant.models import Answer
from assistant.privacy import mask_personal_data

Rating = Literal["up", "down"]

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


class FeedbackRecord(BaseModel):
    id: int
    created_at: dt.datetime = Field(description="UTC time the feedback was given")
    rating: Rating
    question: str
    answer: str
    answerable: bool
    citations: list[dict[str, object]] = Field(description="The answer's citations as JSON objects")
    comment: str = ""
    session_id: str = ""


class FeedbackStore:
    """Append-only feedback table. One short-lived connection per call, so any thread may use it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute(_SCHEMA)
        return conn

    def add(
        self, question: str, answer: Answer, rating: Rating, comment: str = "", session_id: str = ""
    ) -> int:
        """Save one rating of one answer; returns the row id."""
        if rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        # What the user typed may hold an ID-card or phone number; it is stored masked.
        question, comment = mask_personal_data(question), mask_personal_data(comment)
        citations = json.dumps([c.model_dump(mode="json") for c in answer.citations], ensure_ascii=False)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with closing(self._connect()) as conn, conn:
            cursor = conn.execute(
                "INSERT INTO feedback (created_at, rating, question, answer, answerable, citations,"
                " comment, session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (now, rating, question, answer.answer, int(answer.answerable), citations,
                 comment.strip(), session_id),
            )  # fmt: skip
            return int(cursor.lastrowid or 0)

    def recent(self, limit: int = 50) -> list[FeedbackRecord]:
        """The newest rows first."""
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            rows = conn.execute("SELECT * FROM feedback ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [FeedbackRecord(**{**dict(row), "citations": json.loads(row["citations"])}) for row in rows]
