"""The one tuning model: typed, complete, and a probability that grows with its signals."""

from __future__ import annotations

import json

import numpy as np
import pytest
from pydantic import ValidationError

from assistant.answer.features import FEATURES
from assistant.answer.weights import WEIGHTS_FILE, EvidenceWeights, load_weights


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
