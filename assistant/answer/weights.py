"""The one tuning model of evidence selection: a weight per signal (answer/features.py)
and the thresholds that turn scores into choices. Fitted on the dev split only, by
`python -m assistant.eval.fit`, and stored in evidence_weights.json beside this module.

A sentence's score is a probability: sigmoid(bias + Σ weight × feature), fitted as a
logistic regression of "this sentence states a key fact of the answer". Thresholds are
on that probability, so "refuse below 0.2" means the same thing whatever the features.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field, field_validator

from assistant.answer.features import FEATURES

WEIGHTS_FILE = Path(__file__).with_name("evidence_weights.json")


class SelectionRule(BaseModel):
    refuse_below: float = Field(
        0.15, ge=0, le=1, description="Best probability below which no clause supports what was asked"
    )
    keep_ratio: float = Field(
        0.6, ge=0, le=1, description="A further sentence of another clause needs this share of the best one"
    )
    keep_floor: float = Field(0.3, ge=0, le=1, description="…and at least this probability")
    same_clause_ratio: float = Field(
        0.4, ge=0, le=1, description="A further sentence of the best one's clause needs this share of it"
    )
    max_sentences: int = Field(
        2, ge=1, le=6, description="Sentences per part (a list question gets one more)"
    )
    figure_floor: float = Field(
        0.3, ge=0, le=1, description="A figure asked for is stated only from a sentence this probable"
    )
    figure_coverage: float = Field(
        0.5, ge=0, le=1, description="…or is the best and has this share of the focus words by its figure"
    )
    eligibility_floor: float = Field(
        0.3, ge=0, le=1, description="A benefit for the asker needs this probability"
    )
    eligibility_per_document: int = Field(2, ge=1, le=6)
    eligibility_documents: int = Field(4, ge=1, le=10)


class Scorer(BaseModel):
    """sigmoid(bias + Σ weight × feature): P(a sentence states what was asked)."""

    bias: float = 0.0
    weights: dict[str, float]

    @field_validator("weights")
    @classmethod
    def _every_feature(cls, weights: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(weights) - set(FEATURES))
        if unknown:
            raise ValueError(f"unknown features {unknown}; known: {list(FEATURES)}")
        return {name: float(weights.get(name, 0.0)) for name in FEATURES}

    def vector(self) -> np.ndarray:
        return np.array([self.weights[name] for name in FEATURES], dtype=np.float32)

    def score(self, rows: np.ndarray) -> np.ndarray:
        if rows.size == 0:
            return np.zeros(0, dtype=np.float32)
        z = rows @ self.vector() + self.bias
        return 1.0 / (1.0 + np.exp(-z))


class EvidenceWeights(Scorer):
    """The notices' scorer, the laws' scorer when one was fitted, and the thresholds."""

    selection: SelectionRule = SelectionRule()
    laws: Scorer | None = Field(
        None,
        description="For a law's articles: fitted on questions about real laws, whose answers are"
        " picked by other signals than a notice's (a worker's story against a rule's wording)",
    )
    fitted_on: str = Field("", description="What the weights were fitted on, and how well")

    def probability(self, rows: np.ndarray, articles: np.ndarray | None = None) -> np.ndarray:
        """P(a sentence states what was asked), for each row of a feature matrix; rows
        flagged in `articles` are a law's, scored by the laws' scorer when there is one."""
        out = self.score(rows)
        if self.laws is not None and articles is not None and articles.any():
            out = out.copy()
            out[articles] = self.laws.score(rows[articles])
        return out


# Before any fit: meaning and wording count most, the kind of thing asked for next.
# fmt: off
UNFITTED = EvidenceWeights(
    bias=-4.0,
    weights={
        "sem_part": 0.3, "sem_gap": -0.5, "sem_question": 0.1, "lex_own": 2.0, "lex_all": 1.0,
        "lex_gap": -1.0, "lex_clause": 0.5, "lex_heading": 0.3, "type_main": 1.0, "type_any": 0.5,
        "type_cov": 0.5, "figure_missing": -1.0, "rank": 0.5, "fused": 0.5,
        "year": 0.5, "header_meta": 1.0, "header_other": -1.0, "long": -0.5,
        "own_group": 0.3, "other_group": -0.3, "benefit": 0.2, "enumeration": -0.5,
    },
    fitted_on="unfitted defaults",
)
# fmt: on


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS_FILE) -> EvidenceWeights:
    """The fitted weights, or the unfitted defaults when no fit has been saved."""
    if not path.exists():
        return UNFITTED
    return EvidenceWeights.model_validate(json.loads(path.read_text("utf-8")))


def save_weights(weights: EvidenceWeights, path: Path = WEIGHTS_FILE) -> None:
    path.write_text(weights.model_dump_json(indent=1) + "\n", encoding="utf-8")
    load_weights.cache_clear()
