"""Pydantic models for the eval sets (eval/dev.jsonl, eval/test.jsonl) and for the batch output contract.

The eval package reads the batch output as JSON lines (DESIGN.md, "Contracts"), so it keeps
its own models of that wire format instead of importing the pipeline's internal types: the
eval must keep working, and keep judging, whatever the pipeline does inside.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal[
    "fact",
    "numeric",
    "eligibility",
    "colloquial",
    "multi_part",
    "multi_turn",
    "out_of_scope",
    "traditional",
    "comparison",
]
KINDS: tuple[Kind, ...] = get_args(Kind)


class GoldQuote(BaseModel):
    """A clause a correct answer relies on, copied verbatim from the raw source file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    doc: str = Field(description="doc_id from index/sources/overrides.yaml, or the file stem")
    quote: str = Field(min_length=1, description="exact substring of the raw source file")


class QAItem(BaseModel):
    """One line of eval/dev.jsonl or eval/test.jsonl."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    kind: Kind
    history: list[str] = Field(default_factory=list, description="earlier user turns, oldest first")
    gold: list[GoldQuote] = Field(default_factory=list)
    must_include: list[str] = Field(
        default_factory=list, description="short simplified-Chinese facts a correct answer states"
    )
    answerable: bool
    source: str | None = Field(
        default=None, description="real splits: the item's file, relative to the corpus root"
    )
    article: str | None = Field(
        default=None, description="labour-dev: the article a lawyer would cite, e.g. 第四十六条"
    )


class OutputCitation(BaseModel):
    """A clause the answer cites. Only `doc_id` and `text` are needed to score it."""

    model_config = ConfigDict(extra="ignore")

    doc_id: str
    title: str = ""
    # Some documents (003) carry no document number, so null is a legitimate value.
    doc_number: str | None = None
    clause_id: str = ""
    label: str = ""
    text: str


class OutputChunk(BaseModel):
    """One entry of the ranked `retrieved` list."""

    model_config = ConfigDict(extra="ignore")

    doc_id: str
    clause_id: str = ""
    text: str
    score: float = 0.0


class OutputLine(BaseModel):
    """One line written by `python -m assistant batch IN.jsonl OUT.jsonl`."""

    model_config = ConfigDict(extra="ignore")

    id: str
    answer: str
    answerable: bool
    citations: list[OutputCitation] = Field(default_factory=list)
    retrieved: list[OutputChunk] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    latency_ms: float = Field(ge=0)
