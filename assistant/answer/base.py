"""What every answer generator receives and returns."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from pydantic import BaseModel, Field

from assistant.models import QueryInfo, Retrieved
from assistant.question.decompose import Plan


class AnswerContext(BaseModel):
    """The question, understood, and the clauses retrieved for it (numbered from 1)."""

    question: str = Field(description="What the user typed")
    resolved: str = Field(description="The standalone question after follow-up resolution")
    query: QueryInfo
    hits: list[Retrieved]
    today: dt.date
    has_profile: bool = Field(False, description="The asker filled in who they are")
    plan: Plan | None = Field(None, description="The question's parts, when already planned")


class CitedSpan(BaseModel):
    """A clause the draft cites as [n], with the sentences it used."""

    n: int
    clause_id: str
    quote: str = ""


class Draft(BaseModel):
    text: str
    answerable: bool
    cited: list[CitedSpan] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    worked_out: list[str] = Field(
        default_factory=list,
        description=(
            "Figures the answer step worked out from a cited rule and what the asker told (the day "
            "a window counted from their certificate closes): said, though no clause states them."
        ),
    )
    read: list[Retrieved] = Field(
        default_factory=list,
        description=(
            "Library clauses the generator itself read beyond retrieval (the benefit catalogue's "
            "other levels): cited like retrieved ones. An LLM's draft never adds any, so its "
            "citations stay limited to what retrieval gave it."
        ),
    )


class Generator(Protocol):
    """Turns retrieved clauses into a cited answer. Extractive offline, or an LLM."""

    name: str

    def generate(self, context: AnswerContext) -> Draft: ...
