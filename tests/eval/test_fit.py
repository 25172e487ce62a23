"""Fitting evidence selection: the labels, and weights that rank stating sentences first."""

from __future__ import annotations

import numpy as np

from assistant.answer.features import FEATURES
from assistant.answer.weights import EvidenceWeights
from assistant.eval.fit import Rows, _label, fit_weights
from assistant.eval.models import GoldQuote, QAItem

ITEM = QAItem(
    id="x", question="常州工作室资助多少？", kind="numeric", answerable=True,
    gold=[GoldQuote(doc="d", quote="对技能大师工作室给予一次性资助10万元，用于设备购置")],
    must_include=["10万元"],
)  # fmt: skip


def test_a_sentence_stating_a_key_fact_is_positive_one_inside_the_gold_half_and_others_zero():
    assert _label("给予一次性资助10万元。", "给予一次性资助10万元。", ITEM) == 1.0
    assert _label("用于设备购置的部分。", "对技能大师工作室给予一次性资助10万元，用于设备购置", ITEM) == 0.5
    assert _label("鼓励企业建设培训中心。", "鼓励企业建设培训中心。", ITEM) == 0.0
    refused = ITEM.model_copy(update={"answerable": False, "gold": [], "must_include": []})
    assert _label("给予一次性资助10万元。", "给予一次性资助10万元。", refused) == 0.0


def test_the_fit_learns_which_signal_marks_the_stating_sentence():
    rng = np.random.default_rng(7)
    column = FEATURES.index("type_main")
    rows = []
    for _ in range(40):
        x = rng.normal(size=(6, len(FEATURES))).astype(np.float32)
        x[:, column] = 0.0
        answer = int(rng.integers(6))
        x[answer, column] = 1.0
        y = np.zeros(6)
        y[answer] = 1.0
        rows.append(Rows(ITEM, x, y))
    bias, weights = fit_weights(rows)
    model = EvidenceWeights(bias=bias, weights=weights)
    assert weights["type_main"] > 1.0
    assert max(abs(weights[n]) for n in FEATURES if n != "type_main") < weights["type_main"]
    probabilities = model.probability(rows[0].x)
    assert int(np.argmax(probabilities)) == int(np.argmax(rows[0].y))
