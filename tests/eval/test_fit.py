"""Fitting evidence selection: the labels, weights that rank stating sentences first, and an
answer path that never loads scikit-learn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from assistant.answer.features import FEATURES
from assistant.answer.weights import EvidenceWeights
from assistant.eval.fit import L2, Rows, _design, _label, fit_weights
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


def _rows(seed: int, parts: int = 40) -> list[Rows]:
    """Parts of distinct questions where `type_main` alone marks the stating sentence."""
    rng = np.random.default_rng(seed)
    column = FEATURES.index("type_main")
    rows = []
    for i in range(parts):
        x = rng.normal(size=(6, len(FEATURES))).astype(np.float32)
        x[:, column] = 0.0
        answer = int(rng.integers(6))
        x[answer, column] = 1.0
        y = np.zeros(6)
        y[answer] = 1.0
        y[(answer + 1) % 6] = 0.5  # a neighbour inside the gold quote
        rows.append(Rows(f"q{i}", x, y))
    return rows


def test_the_fit_learns_which_signal_marks_the_stating_sentence():
    rows = _rows(7)
    bias, weights = fit_weights(rows)
    model = EvidenceWeights(bias=bias, weights=weights)
    assert weights["type_main"] > 1.0
    assert max(abs(weights[n]) for n in FEATURES if n != "type_main") < weights["type_main"]
    hits = sum(int(np.argmax(model.probability(r.x))) == int(np.argmax(r.y)) for r in rows)
    assert hits == len(rows)


def test_the_saved_weights_give_the_calibrated_probabilities_of_scikit_learn():
    # The JSON holds one linear model; it must be the calibrated classifier, not an approximation.
    rows = _rows(11)
    bias, weights = fit_weights(rows)
    keep = np.ones(len(FEATURES), dtype=bool)
    x, y, sample, groups = _design(rows, keep)
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    reference = CalibratedClassifierCV(
        LogisticRegression(C=1 / L2, max_iter=2000), method="sigmoid", cv=folds, ensemble=False
    ).fit(x, y, sample_weight=sample)
    ours = EvidenceWeights(bias=bias, weights=weights).probability(rows[0].x)
    theirs = reference.predict_proba(rows[0].x.astype(np.float64))[:, 1]
    np.testing.assert_allclose(ours, theirs, atol=2e-3)  # the JSON rounds to 4 decimals


def test_a_half_label_counts_half_positive_and_half_negative():
    rows = _rows(3, parts=2)
    _, y, sample, groups = _design(rows, np.ones(len(FEATURES), dtype=bool))
    # 6 candidates per part: one 1, one 0.5 (entered twice), four 0 -> 7 rows per part
    assert len(y) == 14
    assert sample.sum() == 2.0  # each part weighs 1 in all
    assert sorted(set(groups)) == ["q0", "q1"]


def test_a_generated_question_weighs_what_it_is_given():
    dev, generated = _rows(3, parts=2)
    generated.weight = 0.2
    _, _, sample, groups = _design([dev, generated], np.ones(len(FEATURES), dtype=bool))
    assert sample[groups == "q0"].sum() == pytest.approx(1.0)
    assert sample[groups == "q1"].sum() == pytest.approx(0.2)


def test_calibration_by_question_needs_two_questions():
    rows = [Rows(ITEM.id, r.x, r.y) for r in _rows(5, parts=3)]  # all one question
    with pytest.raises(ValueError, match="two questions"):
        fit_weights(rows)


def test_answering_never_imports_scikit_learn():
    # The answer path reads evidence_weights.json; scikit-learn is for the fit only.
    code = (
        "import sys\n"
        "import assistant.service, assistant.batch, assistant.cli\n"
        "from assistant.answer.weights import load_weights\n"
        "import numpy as np\n"
        "load_weights().probability(np.zeros((1, len(load_weights().weights))))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout


def test_an_ablated_feature_weighs_nothing_and_the_others_take_over():
    # --ablate refits without one signal: here the only one that marks the answer.
    _, weights = fit_weights(_rows(13), frozenset({"type_main"}))
    assert weights["type_main"] == 0.0
    assert set(weights) == set(FEATURES)
    assert all(abs(v) < 1.0 for v in weights.values())  # noise alone predicts nothing strongly
