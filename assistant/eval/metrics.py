"""Per-item scores and the aggregate metrics of one system over the QA set."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from pydantic import BaseModel, Field

from assistant.eval.matching import fact_in_answer, first_hit_rank, matches_any
from assistant.eval.models import KINDS, Kind, OutputLine, QAItem

RECALL_DEPTH = 5
MRR_DEPTH = 10


class ItemScore(BaseModel):
    """What one system did on one QA item."""

    id: str
    kind: Kind
    expected_answerable: bool
    has_output: bool = Field(description="false when the system wrote no line for this id")
    predicted_answerable: bool | None = None
    hit_rank: int | None = Field(
        default=None, description="1-based rank of the first gold-matching chunk in the top 10"
    )
    facts_found: list[str] = Field(default_factory=list)
    facts_missing: list[str] = Field(default_factory=list)
    cited: int = 0
    cited_matching: int = 0
    gold_total: int = 0
    gold_matched: int = 0
    answer_chars: int = 0
    latency_ms: float | None = None

    @property
    def refused(self) -> bool:
        """A missing output line never counts as a deliberate refusal."""
        return self.predicted_answerable is False

    def problems(self) -> list[str]:
        """Plain-language reasons this item falls short; empty when it is fully right."""
        if not self.has_output:
            return ["no output line for this id"]
        out: list[str] = []
        if not self.expected_answerable:
            if not self.refused:
                out.append("answered a question the documents do not cover")
            return out
        if self.refused:
            out.append("refused an answerable question")
        if self.gold_total and (self.hit_rank is None or self.hit_rank > RECALL_DEPTH):
            where = f"first at rank {self.hit_rank}" if self.hit_rank else "not in the top 10"
            out.append(f"gold clause not in the top {RECALL_DEPTH} ({where})")
        if self.facts_missing:
            out.append("missing facts: " + "、".join(self.facts_missing))
        if self.gold_matched < self.gold_total:
            out.append(f"citations cover {self.gold_matched}/{self.gold_total} gold clauses")
        if self.cited_matching < self.cited:
            out.append(f"{self.cited - self.cited_matching}/{self.cited} citations match no gold")
        return out


class MetricSet(BaseModel):
    """Aggregate metrics; None where the metric has nothing to be computed on."""

    n_items: int
    n_answerable: int
    n_out_of_scope: int
    recall_at_5: float | None = None
    mrr_at_10: float | None = None
    key_fact_accuracy: float | None = None
    citation_precision: float | None = None
    citation_recall: float | None = None
    refusal_accuracy: float | None = None
    false_refusal_rate: float | None = None
    median_answer_chars: float | None = None
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None


METRIC_NAMES: tuple[str, ...] = tuple(name for name in MetricSet.model_fields if not name.startswith("n_"))


class SystemReport(BaseModel):
    """One system's run over the QA set: overall, by kind, and item by item."""

    name: str
    overall: MetricSet
    by_kind: dict[Kind, MetricSet]
    # Kept for the report, left out of `--json` (which is a summary).
    items: list[ItemScore] = Field(exclude=True, default_factory=list)
    outputs: dict[str, OutputLine] = Field(exclude=True, default_factory=dict)


def score_item(item: QAItem, output: OutputLine | None) -> ItemScore:
    """Score one output line against its QA item."""
    quotes = [gold.quote for gold in item.gold]
    if output is None:
        return ItemScore(
            id=item.id,
            kind=item.kind,
            expected_answerable=item.answerable,
            has_output=False,
            facts_missing=list(item.must_include),
            gold_total=len(quotes),
        )
    cited = [citation.text for citation in output.citations]
    found = [fact for fact in item.must_include if fact_in_answer(fact, output.answer)]
    return ItemScore(
        id=item.id,
        kind=item.kind,
        expected_answerable=item.answerable,
        has_output=True,
        predicted_answerable=output.answerable,
        hit_rank=first_hit_rank([chunk.text for chunk in output.retrieved], quotes, MRR_DEPTH)
        if quotes
        else None,
        facts_found=found,
        facts_missing=[fact for fact in item.must_include if fact not in found],
        cited=len(cited),
        cited_matching=sum(matches_any(quotes, text) for text in cited),
        gold_total=len(quotes),
        gold_matched=sum(matches_any(cited, quote) for quote in quotes),
        answer_chars=len(output.answer),
        latency_ms=output.latency_ms,
    )


def percentile(values: Sequence[float], q: int) -> float | None:
    """The q-th percentile (1-99), None for no values.

    statistics.quantiles with the "inclusive" method interpolates linearly between ranks
    as numpy's default does: the latencies measured are the whole run, not a sample of one.
    """
    if not values:
        return None
    if len(values) == 1:  # quantiles needs two points on Python 3.11; one point is every percentile
        return float(values[0])
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def aggregate(scores: Sequence[ItemScore]) -> MetricSet:
    """Metrics over a group of item scores (the whole set, or one kind)."""
    answerable = [s for s in scores if s.expected_answerable]
    out_of_scope = [s for s in scores if not s.expected_answerable]
    with_gold = [s for s in answerable if s.gold_total]
    with_facts = [s for s in answerable if s.facts_found or s.facts_missing]
    answered = [s for s in scores if s.has_output]
    cited = sum(s.cited for s in with_gold)
    return MetricSet(
        n_items=len(scores),
        n_answerable=len(answerable),
        n_out_of_scope=len(out_of_scope),
        recall_at_5=_mean([float(s.hit_rank is not None and s.hit_rank <= RECALL_DEPTH) for s in with_gold]),
        mrr_at_10=_mean([1 / s.hit_rank if s.hit_rank else 0.0 for s in with_gold]),
        key_fact_accuracy=_mean(
            [len(s.facts_found) / (len(s.facts_found) + len(s.facts_missing)) for s in with_facts]
        ),
        # Micro-averaged: a fraction of all cited clauses. A system that cites nothing at all
        # on answerable questions scores 0, not "undefined": an uncited answer is no support.
        citation_precision=(
            (_ratio(sum(s.cited_matching for s in with_gold), cited) or 0.0) if with_gold else None
        ),
        citation_recall=_ratio(sum(s.gold_matched for s in with_gold), sum(s.gold_total for s in with_gold)),
        refusal_accuracy=_mean([float(s.refused) for s in out_of_scope]),
        # A missing output line counts against the system here too: it did not answer.
        false_refusal_rate=_mean([float(s.predicted_answerable is not True) for s in answerable]),
        median_answer_chars=statistics.median([s.answer_chars for s in answered]) if answered else None,
        latency_p50_ms=percentile([s.latency_ms for s in answered if s.latency_ms is not None], 50),
        latency_p95_ms=percentile([s.latency_ms for s in answered if s.latency_ms is not None], 95),
    )


def evaluate(name: str, items: Sequence[QAItem], outputs: Sequence[OutputLine]) -> SystemReport:
    """Score every item (a missing output line scores zero) and aggregate by kind."""
    by_id = {output.id: output for output in outputs}
    scores = [score_item(item, by_id.get(item.id)) for item in items]
    by_kind = {
        kind: aggregate([s for s in scores if s.kind == kind])
        for kind in KINDS
        if any(s.kind == kind for s in scores)
    }
    return SystemReport(name=name, overall=aggregate(scores), by_kind=by_kind, items=scores, outputs=by_id)
