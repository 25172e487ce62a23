"""`python -m assistant.eval.fit`: fit evidence selection on the dev split, and only there.

1. Every sentence of every retrieved clause, for every dev question part, gets its feature
   vector (answer/features.py) and a label: 1 when it states one of the item's key facts,
   0.5 when it lies inside a gold quote without a key fact, 0 otherwise (out-of-scope
   items: all 0). scikit-learn's logistic regression (L2 penalty) gives the weights and
   its Platt calibration, on question folds, turns them into probabilities; each
   question weighs the same whatever its number of candidates.
2. The selection thresholds (answer/weights.py SelectionRule) are then chosen by one
   coordinate search over a coarse grid, judged on held-out question folds only: each
   fold's questions are answered with weights fitted without them.
3. The metrics saved with the weights are those of the fit on dev, and those of question
   folds with the chosen thresholds.
   `--generated N` adds questions generated from the library's own sentences
   (eval/generate.py) to every fold's training rows.
   `--real CORPUS` adds the questions on real laws (real-dev and labour-dev, answered from
   the in-domain laws of the corpus) the same way, and reports what they do on real
   documents the weights never saw: two folds by document, each answered with weights
   fitted on dev and the other fold's documents, beside the weights fitted on dev alone.
4. `--ablate NAME` refits without one feature and reports what dev loses.
5. `--laws CORPUS` fits a second scorer, for a law's articles only, on the questions on real
   laws (real-dev and labour-dev); the notices' weights and thresholds stay as they are. It
   first reports two folds by document, each answered with a laws' scorer fitted on the
   other fold's questions, beside the notices' scorer alone.

scikit-learn is needed here only: the answer path reads the JSON weights.

The test split is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from assistant.answer.extractive import ExtractiveGenerator
from assistant.answer.features import FEATURES
from assistant.answer.weights import (
    UNFITTED,
    EvidenceWeights,
    Scorer,
    SelectionRule,
    load_weights,
    save_weights,
)
from assistant.eval.dataset import load_qa, split_path
from assistant.eval.generate import GeneratedQuestion, generate
from assistant.eval.labour import LABOUR_DEV
from assistant.eval.matching import chunk_matches_quote
from assistant.eval.metrics import MetricSet, evaluate
from assistant.eval.models import OutputLine, QAItem
from assistant.eval.realdocs import real_library
from assistant.models import Question
from assistant.service import PolicyAssistant
from assistant.text.chinese import match_key

L2 = 0.1  # the penalty on the weights, per question part (C = 1 / L2)
FOLDS = 5  # question folds of the Platt calibration
# Question folds for choosing the thresholds and for the reported metrics. Three, not five:
# each fold model is one more fit, and three folds of ~45 questions still leave each fold
# enough questions for its objective to mean something.
THRESHOLD_FOLDS = 3
# A coarse grid (searched once, on held-out folds): finer steps only fitted dev's noise.
GRID: dict[str, tuple[float, ...]] = {
    "refuse_below": (0.05, 0.15, 0.3),
    "keep_ratio": (0.4, 0.7, 0.95),
    "same_clause_ratio": (0.2, 0.4, 0.7),
    "keep_floor": (0.15, 0.3, 0.5),
    "max_sentences": (1, 2, 3),
    # Kept low on purpose: the probability only guards against weak evidence; whose figure
    # it is, is the focus signal's job. On dev, 0.4 refused one more tempting question but
    # also a plainly stated figure in a corpus holding three copies of one notice.
    "figure_floor": (0.1, 0.2, 0.3),
    "figure_coverage": (0.5, 0.75, 1.0),
    "eligibility_floor": (0.15, 0.3, 0.5),
    "eligibility_per_document": (1, 2, 3),
    "eligibility_documents": (2, 3, 4),
}


@dataclass
class FoldModel:
    """One question fold's held-out questions and the weights fitted without them."""

    held: list[QAItem]
    bias: float
    weights: dict[str, float]


@dataclass
class Rows:
    """One question part's candidate features and labels; `group` is the question's id
    (the unit of the folds: a question's parts stay together)."""

    group: str
    x: np.ndarray
    y: np.ndarray
    weight: float = 1.0  # what the part weighs in the fit (a dev question part weighs 1)


def _label(text: str, context: str, item: QAItem) -> float:
    if not item.answerable:
        return 0.0
    key = match_key(text)
    if any(match_key(fact) in key for fact in item.must_include):
        return 1.0
    if len(key) >= 8 and any(chunk_matches_quote(gold.quote, context) for gold in item.gold):
        return 0.5
    return 0.0


def collect(
    assistant: PolicyAssistant, items: Sequence[QAItem], weight: float = 1.0, articles_only: bool = False
) -> list[Rows]:
    """Each question part's candidates with their labels; `articles_only`: a law's articles
    only (what the laws' scorer is fitted on)."""
    chain = assistant.engine.chain
    generator = chain.generator
    if not isinstance(generator, ExtractiveGenerator):
        raise SystemExit("fitting needs the extractive generator (ASSISTANT_LLM__PROVIDER=extractive)")
    out = []
    for item in items:
        context = chain.prepare(Question(text=item.question, history=item.history))
        if context is None or context.plan is None:
            continue
        for _, ranked in generator.evidence(context, context.plan):
            if articles_only:
                ranked = [e for e in ranked if e.hit.clause.is_article]
            if not ranked:
                continue
            x = np.vstack([e.row for e in ranked])
            y = np.array(
                [_label(e.text, e.candidate.sentence.context, item) for e in ranked], dtype=np.float64
            )
            out.append(Rows(item.id, x, y, weight))
    return out


def collect_generated(
    assistant: PolicyAssistant, questions: Sequence[GeneratedQuestion], weight: float = 1.0
) -> list[Rows]:
    """Rows of generated questions: the source sentence is the answer (1), the other
    sentences of its clause the near misses (0). Sentences of other clauses carry no label
    (they may state the same fact) and are left out; so is a question whose source
    sentence was not retrieved, or whose clause gave no near miss."""
    chain = assistant.engine.chain
    generator = chain.generator
    assert isinstance(generator, ExtractiveGenerator)
    out = []
    for n, generated in enumerate(questions):
        context = chain.prepare(Question(text=generated.question))
        if context is None or context.plan is None:
            continue
        source = match_key(generated.sentence)
        for _, ranked in generator.evidence(context, context.plan):
            own = [e for e in ranked if e.clause_id == generated.clause_id]
            y = np.array([float(match_key(e.text) == source) for e in own])
            if len(own) >= 2 and 0 < y.sum() < len(own):
                out.append(Rows(f"generated-{n}", np.vstack([e.row for e in own]), y, weight))
    return out


def _design(rows: Sequence[Rows], keep: np.ndarray) -> tuple[np.ndarray, ...]:
    """Feature matrix, 0/1 labels, sample weights and question groups for scikit-learn.

    A sentence labelled 0.5 enters twice, once positive and once negative at half weight
    each: that is exactly the cross-entropy against 0.5, which a classifier's 0/1 labels
    cannot say otherwise. Every question part weighs 1 in all, whatever its candidates.
    """
    xs, ys, ws, gs = [], [], [], []
    for r in rows:
        x = r.x[:, keep].astype(np.float64)
        share = r.weight / len(r.y)
        for label, weight in ((1.0, r.y), (0.0, 1.0 - r.y)):
            mask = weight > 0
            xs.append(x[mask])
            ys.append(np.full(int(mask.sum()), label))
            ws.append(weight[mask] * share)
            gs.append(np.full(int(mask.sum()), r.group, dtype=object))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws), np.concatenate(gs)


def fit_weights(rows: Sequence[Rows], drop: frozenset[str] = frozenset()) -> tuple[float, dict[str, float]]:
    """Bias and weights of "this sentence states a key fact", as probabilities.

    scikit-learn's L2-penalised LogisticRegression gives the direction, and
    CalibratedClassifierCV (Platt's sigmoid) calibrates its scores on out-of-fold
    predictions, the folds by question (GroupKFold), so no question calibrates the scores
    it was fitted on. Both are linear in the features, so they fold into the one
    sigmoid(bias + Σ weight × feature) the answer path computes from the JSON, without
    scikit-learn. `drop` features weigh 0.
    """
    keep = np.array([name not in drop for name in FEATURES])
    x, y, sample, groups = _design(rows, keep)
    n_groups = len(set(groups))
    if n_groups < 2:
        raise ValueError("calibration by question needs at least two questions")
    folds = list(GroupKFold(n_splits=min(FOLDS, n_groups)).split(x, y, groups))
    model = CalibratedClassifierCV(
        LogisticRegression(C=1 / L2, max_iter=2000), method="sigmoid", cv=folds, ensemble=False
    )
    model.fit(x, y, sample_weight=sample)
    pair = model.calibrated_classifiers_[0]
    logistic, platt = pair.estimator, pair.calibrators[0]
    # sklearn's sigmoid calibration is expit(-(a·s + b)) of the score s = coef·x + intercept.
    coef = -platt.a_ * logistic.coef_[0]
    bias = -(platt.a_ * logistic.intercept_[0] + platt.b_)
    names = [n for n in FEATURES if n not in drop]
    weights = dict.fromkeys(FEATURES, 0.0) | {n: round(float(v), 4) for n, v in zip(names, coef, strict=True)}
    return round(float(bias), 4), weights


FIT = fit_weights


def answer_dev(
    assistant: PolicyAssistant, items: Sequence[QAItem], weights: EvidenceWeights
) -> list[OutputLine]:
    """Answer the items with these weights. Understanding and retrieval do not depend on
    the weights: each question's retrieved state is kept and only the answer step reruns."""
    chain = assistant.engine.chain
    generator = chain.generator
    assert isinstance(generator, ExtractiveGenerator)
    generator.finder.weights = weights
    lines = []
    for item in items:
        key = (id(chain), item.question, tuple(item.history))
        state = _RETRIEVED.get(key)
        if state is None:
            state = _RETRIEVED[key] = chain.retrieved(Question(text=item.question, history=item.history))
        answer = chain.answer_retrieved(state)
        lines.append(OutputLine.model_validate(answer.contract(item.id)))
    return lines


# Retrieved states by question, kept across the many trials of one fit.
_RETRIEVED: dict[tuple[int, str, tuple[str, ...]], Any] = {}


def run_dev(assistant: PolicyAssistant, items: Sequence[QAItem], weights: EvidenceWeights) -> MetricSet:
    return evaluate("project", items, answer_dev(assistant, items, weights)).overall


def fold_models(rows: Sequence[Rows], items: Sequence[QAItem], extra: Sequence[Rows] = ()) -> list[FoldModel]:
    """For each question fold, the evidence weights fitted without its questions (GroupKFold
    by question id). `extra` rows (generated examples, other documents' questions) are in
    every fold's training set: they never hold a dev question."""
    ids = np.array([item.id for item in items], dtype=object)
    out = []
    for train, held in GroupKFold(n_splits=THRESHOLD_FOLDS).split(ids, groups=ids):
        train_ids = set(ids[train])
        bias, weights = fit_weights([r for r in rows if r.group in train_ids] + list(extra))
        out.append(FoldModel(held=[items[i] for i in held], bias=bias, weights=weights))
    return out


def fold_scores(
    assistant: PolicyAssistant, folds: Sequence[FoldModel], selection: SelectionRule
) -> tuple[MetricSet, list[float]]:
    """Dev metrics from question folds: each fold's questions are answered with weights
    fitted without them, then all held-out answers are scored together; also each fold's
    objective, whose spread says how much a number is luck."""
    items: list[QAItem] = []
    lines: list[OutputLine] = []
    per_fold = []
    for fold in folds:
        model = EvidenceWeights(bias=fold.bias, weights=fold.weights, selection=selection)
        held_lines = answer_dev(assistant, fold.held, model)
        per_fold.append(round(objective(evaluate("project", fold.held, held_lines).overall), 4))
        items.extend(fold.held)
        lines.extend(held_lines)
    return evaluate("project", items, lines).overall, per_fold


def objective(metrics: MetricSet) -> float:
    """Key facts and cited clauses count most (citation precision a little more: the targets
    ask 0.85 of facts and 0.88 of citations, and an extra clause costs the reader), a wrong
    refusal costs twice, an answer to an out-of-scope question as much as a missed fact."""
    return (
        1.5 * (metrics.key_fact_accuracy or 0)
        + 2.0 * (metrics.citation_precision or 0)
        + (metrics.citation_recall or 0)
        + (metrics.refusal_accuracy or 0)
        - 2 * (metrics.false_refusal_rate or 0)
    )


def tune_selection(
    assistant: PolicyAssistant, folds: Sequence[FoldModel], selection: SelectionRule
) -> tuple[SelectionRule, MetricSet, list[float]]:
    """Coordinate search over GRID, one pass, judged on held-out folds only.

    Every trial answers each fold's questions with weights fitted without them, so a
    threshold is picked by how it does on questions the weights never saw, not by how it
    fits the whole of dev. A change is kept only if it raises the mean fold objective and
    lowers it on no more than one fold: a gain carried by one lucky fold is noise.
    """
    best = selection
    best_metrics, best_folds = fold_scores(assistant, folds, best)
    for name, values in GRID.items():
        for value in values:
            if getattr(best, name) == value:
                continue
            rule = best.model_copy(update={name: value})
            metrics, per_fold = fold_scores(assistant, folds, rule)
            if better_on_folds(per_fold, best_folds):
                best, best_metrics, best_folds = rule, metrics, per_fold
    return best, best_metrics, best_folds


def better_on_folds(new: Sequence[float], old: Sequence[float]) -> bool:
    """A higher mean held-out objective, lowered on at most one fold."""
    worse = sum(n < o - 1e-6 for n, o in zip(new, old, strict=True))
    return float(np.mean(new)) > float(np.mean(old)) + 1e-6 and worse <= 1


def real_items() -> list[QAItem]:
    """The dev questions on real laws: real-dev and the everyday labour questions."""
    return [*load_qa(split_path("real-dev")), *load_qa(LABOUR_DEV)]


def document_folds(items: Sequence[QAItem]) -> list[tuple[int, list[QAItem]]]:
    """Two folds by document (every other source file): each fold's number of documents and
    its questions. A document's questions are all in one fold."""
    documents = sorted({item.source or "" for item in items})
    folds = []
    for fold in range(2):
        held_documents = set(documents[fold::2])
        folds.append((len(held_documents), [item for item in items if (item.source or "") in held_documents]))
    return folds


def real_document_folds(
    assistant: PolicyAssistant,
    items: Sequence[QAItem],
    dev_rows: Sequence[Rows],
    real_rows: Sequence[Rows],
    current: EvidenceWeights,
) -> list[dict[str, Any]]:
    """For each of two folds of documents: its questions answered with the current weights
    and with weights fitted on dev and the other fold's questions. The real-test split is
    never read; these documents' questions are held out from the weights that answer them."""
    report = []
    for documents, held in document_folds(items):
        held_ids = {item.id for item in held}
        bias, weights = fit_weights([*dev_rows, *(r for r in real_rows if r.group not in held_ids)])
        fitted = current.model_copy(update={"bias": bias, "weights": weights})
        report.append(
            {
                "documents": documents,
                "questions": len(held),
                "dev_only": _summary(run_dev(assistant, held, current)),
                "with_real": _summary(run_dev(assistant, held, fitted)),
            }
        )
    return report


def law_document_folds(
    assistant: PolicyAssistant,
    items: Sequence[QAItem],
    article_rows: Sequence[Rows],
    current: EvidenceWeights,
) -> list[dict[str, Any]]:
    """For each of two folds of law documents: its questions answered with the notices'
    scorer alone and with a laws' scorer fitted on the other fold's questions only."""
    report = []
    for documents, held in document_folds(items):
        held_ids = {item.id for item in held}
        bias, weights = fit_weights([r for r in article_rows if r.group not in held_ids])
        with_laws = current.model_copy(update={"laws": Scorer(bias=bias, weights=weights)})
        report.append(
            {
                "documents": documents,
                "questions": len(held),
                "notices_scorer": _summary(
                    run_dev(assistant, held, current.model_copy(update={"laws": None}))
                ),
                "laws_scorer": _summary(run_dev(assistant, held, with_laws)),
            }
        )
    return report


def _summary(metrics: MetricSet) -> dict[str, float | None]:
    fields = (
        "key_fact_accuracy",
        "citation_precision",
        "citation_recall",
        "refusal_accuracy",
        "false_refusal_rate",
    )
    return {f: round(getattr(metrics, f), 3) if getattr(metrics, f) is not None else None for f in fields}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.eval.fit", description=__doc__)
    parser.add_argument(
        "--ablate", action="append", default=[], help="refit without this feature; report only"
    )
    parser.add_argument("--no-thresholds", action="store_true", help="keep the saved selection thresholds")
    parser.add_argument(
        "--generated",
        type=int,
        default=0,
        metavar="N",
        help="also train on up to N questions generated from the library's own sentences",
    )
    parser.add_argument(
        "--generated-weight",
        type=float,
        default=0.2,
        help="what one generated question weighs against one dev question (at 1, 176 generated"
        " questions outweighed dev and cost 0.07 of held-out key facts)",
    )
    parser.add_argument(
        "--real",
        type=Path,
        metavar="CORPUS",
        help="also train on the questions on real laws (real-dev, labour-dev) over this corpus",
    )
    parser.add_argument(
        "--real-weight", type=float, default=1.0, help="what a real question weighs against a dev question"
    )
    parser.add_argument(
        "--laws",
        type=Path,
        metavar="CORPUS",
        help="fit the laws' scorer (for a law's articles) on the questions on real laws over this"
        " corpus; the notices' weights and thresholds are kept",
    )
    parser.add_argument("--dry-run", action="store_true", help="report the fold metrics, save nothing")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        return _fit(args, stack)


def _fit_laws(corpus: Path, dry_run: bool, stack: ExitStack) -> int:
    """The laws' scorer: fitted on the article candidates of real-dev and labour-dev, judged
    first on two folds of documents it was not fitted on."""
    current = load_weights()
    real = real_items()
    library = stack.enter_context(real_library(real, corpus))
    _use_weights(library.assistant, current.model_copy(update={"laws": None}))
    rows = collect(library.assistant, real, articles_only=True)
    folds = law_document_folds(library.assistant, real, rows, current)
    bias, weights = fit_weights(rows)
    fitted = current.model_copy(update={"laws": Scorer(bias=bias, weights=weights)})
    report = {"law_document_folds": folds, "laws": {"bias": bias, "weights": weights}}
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if not dry_run:
        notes = f"; laws' scorer: {len(real)} real-dev and labour-dev questions, {len(rows)} parts"
        save_weights(fitted.model_copy(update={"fitted_on": current.fitted_on.split("; laws'")[0] + notes}))
    return 0


def _fit(args: argparse.Namespace, stack: ExitStack) -> int:
    if args.laws is not None:
        return _fit_laws(args.laws, args.dry_run, stack)
    items = load_qa(split_path("dev"))
    assistant = PolicyAssistant()
    try:
        current = load_weights()
    except ValidationError:  # the features changed since the last fit: start from the defaults
        current = UNFITTED
    _use_weights(assistant, current)
    rows = collect(assistant, items)
    extra: list[Rows] = []
    if args.real is not None:
        real = real_items()
        library = stack.enter_context(real_library(real, args.real))
        _use_weights(library.assistant, current)
        real_rows = collect(library.assistant, real, args.real_weight)
        folds_report = real_document_folds(library.assistant, real, rows, real_rows, current)
        print(json.dumps({"real_document_folds": folds_report}, ensure_ascii=False), file=sys.stderr)
        extra.extend(real_rows)
    if args.generated:
        questions = generate(assistant.engine.index.clauses, limit=args.generated)
        extra = collect_generated(assistant, questions, args.generated_weight)
        print(f"generated: {len(questions)} questions, {len(extra)} labelled parts", file=sys.stderr)
    if args.ablate:
        unknown = set(args.ablate) - set(FEATURES)
        if unknown:
            raise SystemExit(f"unknown features {sorted(unknown)}")
        bias, weights = FIT([*rows, *extra], frozenset(args.ablate))
        ablated = current.model_copy(update={"bias": bias, "weights": weights})
        report = {
            "with": _summary(run_dev(assistant, items, current)),
            "without": _summary(run_dev(assistant, items, ablated)),
        }
        print(json.dumps({"ablated": args.ablate, **report}, ensure_ascii=False))
        return 0
    folds = fold_models(rows, items, extra)
    # Thresholds start from their defaults every time, so a fit does not depend on the last one.
    selection = current.selection if args.no_thresholds else SelectionRule()
    if args.no_thresholds:
        held_out, per_fold = fold_scores(assistant, folds, selection)
    else:
        selection, held_out, per_fold = tune_selection(assistant, folds, selection)
    bias, weights = FIT([*rows, *extra])
    fitted = EvidenceWeights(bias=bias, weights=weights, selection=selection, laws=current.laws)
    metrics = run_dev(assistant, items, fitted)
    source = f"eval/dev.jsonl ({len(items)} items)" + (f" + {len(extra)} other parts" if extra else "")
    fitted.fitted_on = f"{source}: " + json.dumps(
        {"fitted": _summary(metrics), "question_folds": _summary(held_out), "fold_objectives": per_fold},
        ensure_ascii=False,
    )
    if not args.dry_run:
        save_weights(fitted)
    print(fitted.model_dump_json(indent=1))
    return 0


def _use_weights(assistant: PolicyAssistant, weights: EvidenceWeights) -> None:
    generator = assistant.engine.chain.generator
    if isinstance(generator, ExtractiveGenerator):
        generator.finder.weights = weights  # the rows do not depend on it, the ranking does


if __name__ == "__main__":
    sys.exit(main())
