"""The project's own data types. Every stage takes and returns these, never dicts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ClauseKind = Literal["header", "notice", "preamble", "clause", "bullet", "table_row", "attachment", "footer"]
FieldSource = Literal["text", "override", "repaired", "title", "derived", "page", "missing"]
# in_force: within its period; expired: past its valid_to; repealed: a loaded document repeals
# it (同时废止); not_yet: its 施行 date has not come.
DocumentStatus = Literal["in_force", "expired", "repealed", "not_yet"]
STATUS_LABELS: dict[str, str] = {
    "in_force": "现行有效",
    "expired": "已过期",
    "repealed": "已废止",
    "not_yet": "尚未施行",
}


NATIONAL = "全国"  # the jurisdiction of 国务院, 国办 and ministry notices


class Jurisdiction(BaseModel):
    """Where a document applies: the whole country, a province-level region, or one city."""

    model_config = ConfigDict(frozen=True)

    province: str = Field(description=f"A province-level region's full name, or {NATIONAL}")
    city: str | None = None

    @classmethod
    def national(cls) -> Jurisdiction:
        return cls(province=NATIONAL)

    @property
    def label(self) -> str:
        return f"{self.province} › {self.city}" if self.city else self.province

    @property
    def level(self) -> Literal["national", "province", "city"]:
        if self.province == NATIONAL:
            return "national"
        return "city" if self.city else "province"

    def covers(self, place: Jurisdiction) -> bool:
        """A national document covers everywhere, a province document all its cities, a
        city document only itself."""
        if self.province == NATIONAL:
            return True
        if self.province != place.province:
            return False
        return self.city is None or self.city == place.city

    def reaches(self, place: Jurisdiction) -> bool:
        """A document answers for a place asked about: as `covers`, and a province asked
        about ("江苏的政策") is also reached by its cities' documents."""
        if place.city is None:
            return self.province in (NATIONAL, place.province)
        return self.covers(place)


class DocumentMeta(BaseModel):
    doc_id: str
    title: str
    doc_number: str | None = Field(None, description="文号, e.g. 苏政办发〔2024〕37号")
    issuer: str | None = Field(None, description="The issuing body; joint issuers joined with 、")
    issuers: list[str] = Field(default_factory=list, description="Each issuing body, in the order signed")
    date: dt.date | None = Field(
        None, description="Issue date; for a law, the date of this version (its latest 通过/公布/修正 line)"
    )
    adopted_on: dt.date | None = Field(None, description="When a law was first adopted (…会议通过)")
    amended_on: list[dt.date] = Field(
        default_factory=list, description="Dates of its 修正/修订 lines, oldest first"
    )
    jurisdiction: Jurisdiction | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    repeals: list[str] = Field(
        default_factory=list, description="Titles of documents this one says it repeals (同时废止《…》)"
    )
    repeals_doc_numbers: list[str] = Field(
        default_factory=list, description="文号 cited beside the titles it repeals, to recognise them"
    )
    repealed_by: str | None = Field(None, description="doc_id of a loaded document that repeals this one")
    repealed_on: dt.date | None = Field(None, description="When the repealing document took effect")
    superseded: bool = Field(
        False, description="repealed_by is a newer version of this same text (a law amended or revised)"
    )
    content_hash: str | None = Field(None, description="SHA-256 of the source's text, to spot re-uploads")
    source_file: str
    field_sources: dict[str, FieldSource] = Field(
        default_factory=dict, description="Where each metadata field came from"
    )

    @property
    def short_title(self) -> str:
        return f"《{self.title}》"

    @property
    def is_local_law(self) -> bool:
        """A province's or a city's law (adopted by its people's congress), not a notice."""
        local = self.jurisdiction is not None and self.jurisdiction.level != "national"
        return local and self.adopted_on is not None

    def expired(self, today: dt.date) -> bool:
        return self.valid_to is not None and today > self.valid_to

    def repealed(self, today: dt.date) -> bool:
        return self.repealed_by is not None and (self.repealed_on is None or today >= self.repealed_on)

    def status(self, today: dt.date) -> DocumentStatus:
        """In force, expired, repealed or not yet in force on `today`; a repeal outranks expiry."""
        if self.repealed(today):
            return "repealed"
        if self.expired(today):
            return "expired"
        if self.valid_from is not None and today < self.valid_from:
            return "not_yet"
        return "in_force"

    def status_label(self, today: dt.date) -> str:
        """The status as a curator or hotline worker reads it: 现行有效, 已过期, 已废止, 尚未施行."""
        return STATUS_LABELS[self.status(today)]

    @property
    def _days_stated(self) -> bool:
        """The text (or a curator) gives the period's start or end as a day, not a year's
        start or end ("自2025年3月1日起施行，有效期至2027年12月31日")."""
        stated = ("text", "override", "repaired")
        ends = self.field_sources.get("valid_to") in stated and self.valid_to is not None
        starts = self.field_sources.get("valid_from") in stated and self.valid_from is not None
        return (ends and (self.valid_to.month, self.valid_to.day) != (12, 31)) or (  # type: ignore[union-attr]
            starts and (self.valid_from.month, self.valid_from.day) != (1, 1)  # type: ignore[union-attr]
        )

    @property
    def period_label(self) -> str:
        if (
            self.valid_from
            and self.valid_to
            and (self.valid_from.year == self.valid_to.year or self._days_stated)
        ):
            # "2026—2026年" says nothing: within one year the days are the period; and a
            # notice that states its days ("自2025年3月1日起施行，有效期至2027年2月28日") is
            # given by them, not rounded to years.
            return f"{chinese_date(self.valid_from)}至{chinese_date(self.valid_to)}"
        if self.valid_from and self.valid_to:
            return f"{self.valid_from.year}—{self.valid_to.year}年"
        if self.valid_to:
            return f"至{self.valid_to.year}年"
        return "期限未载明"


_ARTICLE = re.compile(r"^第[零〇一二两三四五六七八九十百千]+条")


class Clause(BaseModel):
    """One citable unit of a document: a numbered clause, a bullet, a table row, a header."""

    doc_id: str
    clause_id: str = Field(description="Stable id, unique in the corpus")
    kind: ClauseKind
    path: list[str] = Field(description="Heading markers from the top, e.g. ['四、', '（四）', '13.']")
    headings: list[str] = Field(default_factory=list, description="Heading texts along the path")
    label: str = Field(description="Human-readable citation label")
    text: str = Field(description="Normalised clause text")
    original: str = Field(description="The source text this clause came from, unnormalised")
    order: int = Field(description="Position in the document")

    @property
    def is_article(self) -> bool:
        """A law's article (第N条), not a notice's item: a law states one rule per article."""
        return bool(self.path and _ARTICLE.match(self.path[-1]))

    @property
    def frames_document(self) -> bool:
        """The document's header card, covering notice, preamble or footer: what it is and why,
        not a rule of its own."""
        return self.kind in ("header", "notice", "footer") or self.clause_id.rsplit(":", 1)[-1].startswith(
            "preamble"
        )

    @property
    def search_text(self) -> str:
        """What retrieval indexes: the headings above the clause, then its text."""
        context = " ".join(h for h in self.headings if h and h not in self.text)
        return f"{context} {self.text}".strip()


class IngestIssue(BaseModel):
    file: str
    message: str


class Document(BaseModel):
    meta: DocumentMeta
    clauses: list[Clause]
    warnings: list[str] = Field(default_factory=list)
    fixes: dict[str, int] = Field(
        default_factory=dict, description="What the normaliser changed, with counts"
    )

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id


class Corpus(BaseModel):
    documents: list[Document]
    errors: list[IngestIssue] = Field(default_factory=list)
    fingerprint: str = ""

    def clauses(self) -> list[Clause]:
        return [c for d in self.documents for c in d.clauses]

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.doc_id == doc_id:
                return doc
        raise KeyError(doc_id)


class QueryInfo(BaseModel):
    """What the question is about, as understood before retrieval."""

    text: str = Field(description="The question as asked (after capping)")
    normalised: str = Field(description="Simplified, half-width, with colloquial words expanded")
    places: list[Jurisdiction] = Field(default_factory=list, description="Places named in it")
    asker_region: Jurisdiction | None = Field(None, description="Where the asker lives or works")
    origin: Jurisdiction | None = Field(None, description="Where the asker comes from, if elsewhere")
    unplaced: list[str] = Field(
        default_factory=list, description="Place names no division matches (经开区, 高新区 …)"
    )
    groups: list[str] = Field(default_factory=list, description="Worker groups, canonical names")
    skill_level: str | None = None
    years: list[int] = Field(default_factory=list)
    doc_ids: list[str] = Field(default_factory=list, description="Documents the question names")


class Retrieved(BaseModel):
    """One retrieved clause with its document and why it ranked where it did."""

    clause: Clause
    doc: DocumentMeta
    score: float
    dense_rank: int | None = None
    sparse_rank: int | None = None
    expired: bool = Field(False, description="The document is past its validity period today")
    applies: bool | None = Field(
        None, description="The document's jurisdiction covers the asker; None when unknown"
    )

    @property
    def law_article(self) -> bool:
        """An article of a law (adopted by a congress, or issued without a 文号), not of a 人社
        bureau's 办法 written in 第N条 articles."""
        return self.clause.is_article and (self.doc.adopted_on is not None or not self.doc.doc_number)


class RetrievalResult(BaseModel):
    query: QueryInfo
    hits: list[Retrieved]


class WorkerProfile(BaseModel):
    """Who is asking, when they tell us; shapes eligibility answers."""

    region: str | None = Field(None, description="City or province, e.g. 无锡 or 宁夏")
    groups: list[str] = Field(default_factory=list, description="e.g. 退役军人, 农民工")
    skill_level: str | None = Field(None, description="e.g. 高级工, 技师")
    status: str | None = Field(None, description="e.g. 在职, 失业, 在校")


class Question(BaseModel):
    text: str
    history: list[str] = Field(default_factory=list, description="Earlier user turns, oldest first")
    profile: WorkerProfile | None = None
    answered_from: list[str] = Field(
        default_factory=list,
        description="Ids of the documents the last answer cited: what a follow-up goes on about",
    )


class Citation(BaseModel):
    """A clause the answer relies on, numbered as [n] in the answer text."""

    n: int
    doc_id: str
    title: str
    doc_number: str | None
    issuer: str | None
    jurisdiction: str | None
    clause_id: str
    label: str
    text: str = Field(description="The whole clause")
    quote: str = Field("", description="The sentence(s) of the clause the answer used")
    expired: bool = False
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class Answer(BaseModel):
    question: str
    resolved_question: str = Field("", description="The standalone question after follow-ups")
    answer: str
    answerable: bool
    citations: list[Citation] = Field(default_factory=list)
    retrieved: list[Retrieved] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    latency_ms: float = 0.0

    def contract(self, item_id: str) -> dict[str, object]:
        """One output line of `python -m assistant batch` (DESIGN.md contract)."""
        return {
            "id": item_id,
            "answer": self.answer,
            "answerable": self.answerable,
            "citations": [
                {
                    "doc_id": c.doc_id,
                    "title": c.title,
                    "doc_number": c.doc_number,
                    "clause_id": c.clause_id,
                    "label": c.label,
                    "text": c.text,
                }
                for c in self.citations
            ],
            "retrieved": [
                {
                    "doc_id": r.clause.doc_id,
                    "clause_id": r.clause.clause_id,
                    "text": r.clause.text,
                    "score": round(r.score, 6),
                }
                for r in self.retrieved
            ],
            "warnings": self.warnings,
            "latency_ms": round(self.latency_ms, 2),
        }


NO_DATE = 0  # a date an int field stores for "not stated" at the open end of a period
OPEN_END = 99_991_231  # valid_to / repealed_on of a document with no end


def date_key(day: dt.date | None, missing: int) -> int:
    """A date as the int yyyymmdd both engines compare (`valid_to >= 20261129`)."""
    return missing if day is None else day.year * 10_000 + day.month * 100 + day.day


def document_period(meta: DocumentMeta) -> tuple[int, int]:
    """(first day, last day) the document is in force, as yyyymmdd ints; a repeal ends it
    the day before the repealing document takes effect."""
    start = date_key(meta.valid_from, NO_DATE)
    end = date_key(meta.valid_to, OPEN_END)
    if meta.repealed_by is not None:
        repealed = date_key(meta.repealed_on, NO_DATE)
        end = min(end, repealed - 1 if repealed else NO_DATE - 1)
    return start, end


def chinese_date(day: dt.date) -> str:
    """2026年3月1日: how notices and answers write a day."""
    return f"{day.year}年{day.month}月{day.day}日"
