"""Metric functions on small hand-computed cases built from real policy sentences."""

from __future__ import annotations

import pytest

from assistant.eval.metrics import aggregate, evaluate, percentile, score_item
from assistant.eval.models import GoldQuote, Kind, OutputChunk, OutputCitation, OutputLine, QAItem

REWARD = "将自治区技术能手奖励资金调高至1万元"
REWARD_CLAUSE = "定期开展塞上技能大师、自治区技术能手评选活动,将自治区技术能手奖励资金调高至1万元。"
WUXI_2023 = "至2023年每万劳动力高技能人才数达到1320人"
WUXI_2021 = "每万劳动力高技能人才数达到1180人"
OTHERS = [
    "每两年举办一届高技能人才研讨交流活动,每年组织高技能人才赴区外休假疗养。",
    "每年开展企业新型学徒制培训不少于1000人。",
    "支持吴忠市和红寺堡区、原州区、海原县公共实训基地建设。",
    "推动将高技能人才纳入城市直接落户范围。",
    "每年开展政府补贴性职业技能培训5万人次以上。",
    "建立健全以自治区奖励为导向、用人单位奖励为主体、社会奖励为补充的技能人才奖励体系。",
    "力争每年培养各级“技术能手”1000名以上。",
    "进一步提高失业保险参保职工技能提升补贴政策受益率。",
    "加大技工教育经费投入,支持技工教育发展。",
]


def item(
    quotes: list[str],
    facts: list[str] | None = None,
    answerable: bool = True,
    kind: Kind = "numeric",
    id: str = "q1",
) -> QAItem:
    return QAItem(
        id=id,
        question="宁夏技术能手奖励多少钱？",
        kind=kind,
        gold=[GoldQuote(doc="ningxia-skills-2021", quote=q) for q in quotes],
        must_include=facts if facts is not None else ([] if not answerable else ["1万元"]),
        answerable=answerable,
    )


def output(
    retrieved: list[str] = (),
    answer: str = "",
    cited: list[str] = (),
    answerable: bool = True,
    latency_ms: float = 10.0,
    id: str = "q1",
) -> OutputLine:
    return OutputLine(
        id=id,
        answer=answer,
        answerable=answerable,
        citations=[OutputCitation(doc_id="ningxia-skills-2021", text=t) for t in cited],
        retrieved=[OutputChunk(doc_id="ningxia-skills-2021", text=t) for t in retrieved],
        latency_ms=latency_ms,
    )


def test_hit_at_rank_3_gives_recall_1_and_mrr_one_third() -> None:
    score = score_item(item([REWARD]), output(retrieved=[*OTHERS[:2], REWARD_CLAUSE, *OTHERS[2:]]))
    metrics = aggregate([score])
    assert score.hit_rank == 3
    assert metrics.recall_at_5 == 1.0
    assert metrics.mrr_at_10 == pytest.approx(1 / 3)


def test_hit_at_rank_7_misses_recall_at_5_but_counts_for_mrr() -> None:
    metrics = aggregate([score_item(item([REWARD]), output(retrieved=[*OTHERS[:6], REWARD_CLAUSE]))])
    assert metrics.recall_at_5 == 0.0
    assert metrics.mrr_at_10 == pytest.approx(1 / 7)


def test_any_gold_quote_counts_as_a_hit_and_no_hit_scores_zero() -> None:
    comparison = item([WUXI_2023, REWARD], kind="comparison")
    scores = [
        score_item(comparison, output(retrieved=[OTHERS[0], REWARD_CLAUSE])),
        score_item(item([REWARD], id="q2"), output(retrieved=OTHERS, id="q2")),
    ]
    metrics = aggregate(scores)
    assert [s.hit_rank for s in scores] == [2, None]
    assert metrics.recall_at_5 == 0.5
    assert metrics.mrr_at_10 == pytest.approx(0.25)


def test_key_fact_accuracy_is_the_mean_fraction_of_facts_stated() -> None:
    both = item([WUXI_2023, WUXI_2021], facts=["1320人", "1180人"], kind="comparison")
    one = item([REWARD], id="q2")
    scores = [
        score_item(both, output(answer="正文定的目标是每万劳动力1320人。")),
        score_item(one, output(answer="奖励资金调高至1万元。", id="q2")),
    ]
    assert scores[0].facts_missing == ["1180人"]
    assert aggregate(scores).key_fact_accuracy == pytest.approx((0.5 + 1.0) / 2)


def test_citation_precision_and_recall_are_fractions_of_all_citations_and_gold() -> None:
    two_gold = item([WUXI_2023, REWARD], kind="comparison")
    one_gold = item([REWARD], id="q2")
    scores = [
        # 3 cited, 1 matches; 1 of 2 gold quotes covered.
        score_item(two_gold, output(cited=[REWARD_CLAUSE, OTHERS[0], OTHERS[1]])),
        # 1 cited, it matches; 1 of 1 gold quote covered.
        score_item(one_gold, output(cited=[REWARD_CLAUSE], id="q2")),
    ]
    metrics = aggregate(scores)
    assert (scores[0].cited, scores[0].cited_matching, scores[0].gold_matched) == (3, 1, 1)
    assert metrics.citation_precision == pytest.approx(2 / 4)
    assert metrics.citation_recall == pytest.approx(2 / 3)


def test_citation_precision_is_zero_when_nothing_is_cited() -> None:
    metrics = aggregate([score_item(item([REWARD]), output(answer="1万元"))])
    assert metrics.citation_precision == 0.0
    assert metrics.citation_recall == 0.0


def test_refusal_accuracy_and_false_refusal_rate_on_a_mix() -> None:
    outside = item([], answerable=False, kind="out_of_scope")
    inside = item([REWARD])
    scores = [
        score_item(outside.model_copy(update={"id": "o1"}), output(answerable=False, id="o1")),
        score_item(outside.model_copy(update={"id": "o2"}), output(answerable=True, id="o2")),
        score_item(inside.model_copy(update={"id": "a1"}), output(answerable=False, id="a1")),
        score_item(inside.model_copy(update={"id": "a2"}), output(id="a2")),
        score_item(inside.model_copy(update={"id": "a3"}), output(id="a3")),
        score_item(inside.model_copy(update={"id": "a4"}), output(id="a4")),
    ]
    metrics = aggregate(scores)
    assert (metrics.n_answerable, metrics.n_out_of_scope) == (4, 2)
    assert metrics.refusal_accuracy == 0.5
    assert metrics.false_refusal_rate == 0.25


def test_out_of_scope_items_do_not_enter_retrieval_or_citation_metrics() -> None:
    outside = item([REWARD], answerable=False, kind="out_of_scope")
    metrics = aggregate([score_item(outside, output(answerable=False, retrieved=OTHERS))])
    assert metrics.recall_at_5 is None
    assert metrics.key_fact_accuracy is None
    assert metrics.citation_precision is None
    assert metrics.false_refusal_rate is None
    assert metrics.refusal_accuracy == 1.0


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([10, 20, 30, 40, 50], 50, 30.0),
        ([10, 20, 30, 40, 50], 95, 48.0),
        ([50, 10, 40, 20, 30], 95, 48.0),
        ([7.5], 95, 7.5),
        ([1, 2, 3, 4], 50, 2.5),
    ],
)
def test_percentile_interpolates_between_ranks(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == pytest.approx(expected)


def test_percentile_of_nothing_is_none() -> None:
    assert percentile([], 50) is None


def test_median_answer_length_and_latency_percentiles() -> None:
    answers = [("a1", "奖励资金1万元", 5.0), ("a2", "x" * 30, 15.0), ("a3", "y" * 400, 100.0)]
    scores = [
        score_item(item([REWARD], id=i), output(answer=text, latency_ms=ms, id=i)) for i, text, ms in answers
    ]
    metrics = aggregate(scores)
    assert metrics.median_answer_chars == 30
    assert metrics.latency_p50_ms == 15.0
    assert metrics.latency_p95_ms == pytest.approx(15.0 + 0.9 * 85.0)


def test_a_missing_output_line_scores_zero_and_counts_as_not_answered() -> None:
    items = [item([REWARD], id="a1"), item([REWARD], id="a2")]
    report = evaluate("project", items, [output(retrieved=[REWARD_CLAUSE], answer="1万元", id="a1")])
    missing = report.items[1]
    assert not missing.has_output
    assert missing.problems() == ["no output line for this id"]
    assert report.overall.recall_at_5 == 0.5
    assert report.overall.key_fact_accuracy == 0.5
    assert report.overall.false_refusal_rate == 0.5
    assert report.overall.median_answer_chars == 3  # only lines that exist have a length


def test_evaluate_groups_metrics_by_kind() -> None:
    items = [
        item([REWARD], id="n1"),
        item([REWARD], id="c1", kind="colloquial"),
        item([], answerable=False, kind="out_of_scope", id="o1"),
    ]
    outputs = [
        output(retrieved=[REWARD_CLAUSE], id="n1"),
        output(retrieved=OTHERS, id="c1"),
        output(answerable=False, id="o1"),
    ]
    report = evaluate("project", items, outputs)
    assert set(report.by_kind) == {"numeric", "colloquial", "out_of_scope"}
    assert report.by_kind["numeric"].recall_at_5 == 1.0
    assert report.by_kind["colloquial"].recall_at_5 == 0.0
    assert report.by_kind["out_of_scope"].refusal_accuracy == 1.0
    assert report.overall.recall_at_5 == 0.5


def test_problems_name_what_went_wrong() -> None:
    score = score_item(
        item([WUXI_2023], facts=["1320人"], kind="numeric"),
        output(retrieved=OTHERS, answer="不清楚", cited=[OTHERS[0]], answerable=False),
    )
    assert score.problems() == [
        "refused an answerable question",
        "gold clause not in the top 5 (not in the top 10)",
        "missing facts: 1320人",
        "citations cover 0/1 gold clauses",
        "1/1 citations match no gold",
    ]
