"""The gold QA set (eval/qa.jsonl) is well formed and faithful to the raw sources."""

from __future__ import annotations

import json
from collections import Counter

from assistant.eval.dataset import DEFAULT_QA, load_qa, load_source_texts, source_files
from assistant.eval.models import KINDS
from assistant.text.chinese import match_key, to_simplified

ITEMS = load_qa()
TEXTS = load_source_texts()
DOC_IDS = set(source_files())

# Which documents cover a worker in a region (DESIGN.md): a city document plus Jiangsu's
# province-wide ones for 宿迁 and 无锡, only Ningxia's for 宁夏.
JIANGSU = {"jiangsu-craftsmen-2024", "jiangsu-training-2025"}
COVERAGE = {
    "宿迁": JIANGSU | {"suqian-skills-2022"},
    "无锡": JIANGSU | {"wuxi-skills-industry-2021"},
    "江苏": JIANGSU,
    "宁夏": {"ningxia-skills-2021"},
}
ADVERT = "九游会"
MAX_COPIED_RUN = 12


def _longest_common_run(a: str, b: str) -> int:
    best, previous = 0, [0] * (len(b) + 1)
    for ch in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if ch == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def test_every_line_is_an_item_with_a_unique_id() -> None:
    lines = [line for line in DEFAULT_QA.read_text("utf-8").splitlines() if line.strip()]
    assert all(isinstance(json.loads(line), dict) for line in lines)
    assert len(ITEMS) == len(lines) >= 130
    assert len({item.id for item in ITEMS}) == len(ITEMS)


def test_every_kind_has_12_items_spread_over_all_five_documents() -> None:
    counts = Counter(item.kind for item in ITEMS)
    assert {kind: counts[kind] >= 12 for kind in KINDS} == dict.fromkeys(KINDS, True)
    assert len(DOC_IDS) == 5
    for kind in KINDS:
        docs = {gold.doc for item in ITEMS if item.kind == kind for gold in item.gold}
        assert docs == DOC_IDS, kind


def test_every_quote_is_an_exact_single_line_substring_of_its_source() -> None:
    errors = []
    for item in ITEMS:
        for gold in item.gold:
            text = TEXTS.get(gold.doc)
            if text is None or gold.quote not in text:
                errors.append((item.id, gold.doc, gold.quote[:30]))
            if "\n" in gold.quote or len(gold.quote) > 130 or len(match_key(gold.quote)) < 6:
                errors.append((item.id, "length or line break", gold.quote[:30]))
    assert errors == []


def test_must_include_facts_are_short_simplified_and_inside_a_gold_quote() -> None:
    errors = []
    for item in ITEMS:
        keys = [match_key(gold.quote) for gold in item.gold]
        for fact in item.must_include:
            if not any(match_key(fact) in key for key in keys):
                errors.append((item.id, fact, "not in gold"))
            if len(fact) > 20 or to_simplified(fact) != fact:
                errors.append((item.id, fact, "not a short simplified fact"))
    assert errors == []


def test_answerable_items_have_gold_and_facts_out_of_scope_ones_do_not() -> None:
    for item in ITEMS:
        assert item.answerable == (item.kind != "out_of_scope"), item.id
        if item.answerable:
            assert item.gold and 1 <= len(item.must_include) <= 3, item.id
        else:
            assert item.must_include == [], item.id


def test_only_multi_turn_items_have_a_history_of_one_or_two_turns() -> None:
    for item in ITEMS:
        expected = range(1, 3) if item.kind == "multi_turn" else range(0, 1)
        assert len(item.history) in expected, item.id


def test_traditional_questions_change_under_t2s() -> None:
    unchanged = [i.id for i in ITEMS if i.kind == "traditional" and to_simplified(i.question) == i.question]
    assert unchanged == []


def test_comparison_items_hold_two_quotes() -> None:
    assert all(len(i.gold) >= 2 for i in ITEMS if i.kind == "comparison")


def test_the_injected_advert_is_never_gold_nor_asked_about() -> None:
    assert ADVERT in TEXTS["ningxia-skills-2021"]  # the trap is really in the source
    for item in ITEMS:
        assert ADVERT not in item.question, item.id
        assert all(match_key(ADVERT) not in match_key(gold.quote) for gold in item.gold), item.id


def test_eligibility_gold_comes_only_from_documents_covering_the_region() -> None:
    for item in [i for i in ITEMS if i.kind == "eligibility"]:
        regions = [region for region in COVERAGE if region in item.question]
        assert regions, f"{item.id} names no region"
        allowed = set().union(*(COVERAGE[region] for region in regions))
        assert {gold.doc for gold in item.gold} <= allowed, item.id


def test_questions_do_not_copy_their_gold_sentence() -> None:
    copied = [
        (item.id, run)
        for item in ITEMS
        for gold in item.gold
        if (run := _longest_common_run(match_key(item.question), match_key(gold.quote))) >= MAX_COPIED_RUN
    ]
    assert copied == []
