"""One browser's conversation, as the JSON kept in its localStorage (gr.BrowserState).

Every answer is a turn with its own id, its own sources, its own 猜你想问 and its own
feedback, so nothing about one answer is ever stored against another. The browser
sends the conversation with each event and gets it back changed; the server keeps none
of it, so conversations survive a reload and sessions never share one.
"""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from assistant.feedback import Rating
from assistant.models import Answer, Citation, Question, WorkerProfile
from assistant.question.understand import profile_used

MAX_TURNS = 50  # kept in the browser; follow-ups only ever look at the last few


def new_id() -> str:
    return uuid.uuid4().hex


class TurnRecord(BaseModel):
    """A question and the answer shown for it, with what the user did about that answer."""

    id: str = Field(default_factory=new_id, description="The answer's id; feedback is stored against it")
    question: str
    answer: str
    answerable: bool = True
    resolved_question: str = ""
    citations: list[Citation] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list, description="猜你想问, from the cited clauses")
    profile: WorkerProfile | None = Field(None, description="The profile the answer was given for")
    rating: Rating | None = None
    comment: str = ""

    @classmethod
    def from_answer(
        cls,
        answer_id: str,
        question: str,
        answer: Answer,
        profile: WorkerProfile | None = None,
        suggestions: list[str] | None = None,
    ) -> TurnRecord:
        return cls(
            id=answer_id,
            question=question,
            answer=answer.answer,
            answerable=answer.answerable,
            resolved_question=answer.resolved_question,
            citations=answer.citations,
            warnings=answer.warnings,
            suggestions=suggestions or [],
            profile=profile_used(profile, question),  # "已按您的情况回答" names what was used
        )

    def as_answer(self) -> Answer:
        return Answer(
            question=self.question,
            resolved_question=self.resolved_question,
            answer=self.answer,
            answerable=self.answerable,
            citations=self.citations,
            warnings=self.warnings,
        )


class Conversation(BaseModel):
    id: str = Field(default_factory=lambda: new_id()[:12], description="Stored with feedback as the session")
    turns: list[TurnRecord] = Field(default_factory=list)

    def history(self) -> list[str]:
        """Earlier user turns, oldest first: what Question.history expects."""
        return [turn.question for turn in self.turns]

    def question(self, text: str, profile: WorkerProfile | None) -> Question:
        """The next turn's question: the earlier user turns, and the documents the last
        answer cited when it answered (what "钱从哪来" right after it asks about)."""
        last = self.turns[-1] if self.turns else None
        cited = [c.doc_id for c in last.citations] if last is not None and last.answerable else []
        return Question(
            text=text, history=self.history(), profile=profile, answered_from=list(dict.fromkeys(cited))
        )

    def turn(self, turn_id: str) -> TurnRecord | None:
        return next((t for t in self.turns if t.id == turn_id), None)

    def add(self, turn: TurnRecord) -> None:
        self.turns = [*self.turns, turn][-MAX_TURNS:]

    def dump(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def load(cls, value: object) -> Conversation:
        """The conversation a browser sent, or a new one if it sent nothing usable.

        The value comes from the user's own browser storage: anything that does not
        validate (an older format, a hand-edited value) starts a new conversation
        rather than failing the question.
        """
        if isinstance(value, Conversation):
            return value
        if isinstance(value, dict):
            try:
                return cls.model_validate(value)
            except ValidationError:
                pass
        return cls()
