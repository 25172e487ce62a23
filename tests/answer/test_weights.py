"""The one tuning model: typed, complete, and a probability that grows with its signals."""

from __future__ import annotations

import json

import numpy as np
import pytest
from pydantic import ValidationError

from assistant.answer.features import FEATURES
from assistant.answer.weights import WEIGHTS_FILE, EvidenceWeights, Scorer, load_weights
from assistant.models import Clause


def test_the_saved_weights_cover_every_feature_and_say_what_they_were_fitted_on():
    weights = load_weights()
    saved = json.loads(WEIGHTS_FILE.read_text("utf-8"))
    assert set(saved["weights"]) == set(FEATURES)
    assert weights.fitted_on.startswith("eval/dev.jsonl")


def test_an_unknown_feature_is_refused():
    with pytest.raises(ValidationError):
        EvidenceWeights(weights={"no_such_signal": 1.0})


def test_probability_rises_with_a_positively_weighted_signal():
    weights = EvidenceWeights(bias=-1.0, weights={"sem_part": 2.0})
    rows = np.zeros((2, len(FEATURES)), dtype=np.float32)
    rows[1, FEATURES.index("sem_part")] = 1.0
    low, high = weights.probability(rows)
    assert 0 < low < 0.5 < high < 1


def test_a_laws_article_is_scored_by_the_laws_scorer_and_a_notices_item_by_the_notices():
    rows = np.zeros((2, len(FEATURES)), dtype=np.float32)
    rows[:, FEATURES.index("sem_question")] = 1.0
    notices_only = EvidenceWeights(bias=0.0, weights={"sem_question": 0.0})
    both = notices_only.model_copy(update={"laws": Scorer(bias=0.0, weights={"sem_question": 3.0})})
    articles = np.array([True, False])
    assert list(notices_only.probability(rows, articles)) == [0.5, 0.5]  # no laws' scorer fitted
    law, notice = both.probability(rows, articles)
    assert law > 0.9 and notice == 0.5
    saved = load_weights()
    assert saved.laws is not None and set(saved.laws.weights) == set(FEATURES)


@pytest.mark.parametrize(
    ("path", "article"),
    [(["第三章", "第四十条"], True), (["二、", "（三）"], False), (["第二十一条之一"], True), ([], False)],
)
def test_a_clause_is_a_laws_article_by_its_number(path, article):
    clause = Clause(
        doc_id="d", clause_id="d:1", kind="clause", path=path, label="", text="甲", original="甲", order=0
    )
    assert clause.is_article is article
