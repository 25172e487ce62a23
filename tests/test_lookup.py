"""Clause lookup on the real corpus: only clauses that match, their true number, where they match."""

from __future__ import annotations

import pytest

from assistant.lookup import concepts, find_spans, keywords
from assistant.models import Clause


def containing(policy_assistant, *words: str) -> list[Clause]:
    """Every clause whose label or text holds all the words: the count a lookup must report."""
    clauses = policy_assistant.engine.index.clauses
    return [c for c in clauses if all(w in f"{c.label}\n{c.text}".lower() for w in words)]


# -- keyword (exact) mode --------------------------------------------------------------
def test_a_keyword_lookup_returns_only_clauses_holding_every_keyword_and_counts_them_all(policy_assistant):
    result = policy_assistant.search("职业技能培训 补贴", k=5)
    expected = containing(policy_assistant, "职业技能培训", "补贴")
    assert result.total == len(expected) > 5, "the count is of all matches, not of those shown"
    assert len(result.hits) == 5
    for hit in result.hits:
        haystack = f"{hit.clause.label}\n{hit.clause.text}"
        assert "职业技能培训" in haystack and "补贴" in haystack


def test_every_match_is_marked_where_it_occurs(policy_assistant):
    result = policy_assistant.search("技术能手")
    assert result.hits
    for hit in result.hits:
        marked = [hit.clause.text[s:e] for s, e in hit.text_spans] + [
            hit.clause.label[s:e] for s, e in hit.label_spans
        ]
        assert marked and set(marked) == {"技术能手"}
        assert len(hit.text_spans) == hit.clause.text.count("技术能手")


def test_a_word_no_document_uses_finds_nothing(policy_assistant):
    for query in ("电工", "量子纠缠", "asdfghjkl"):
        result = policy_assistant.search(query)
        assert (result.total, result.hits) == (0, []), query


def test_traditional_and_full_width_keywords_match_the_simplified_documents(policy_assistant):
    simplified = policy_assistant.search("技术能手")
    assert keywords("技術能手　ＡＢ") == ["技术能手", "ab"]
    assert policy_assistant.search("技術能手").total == simplified.total > 0


def test_filters_narrow_the_matches_and_the_count(policy_assistant):
    everywhere = policy_assistant.search("培训")
    ningxia = policy_assistant.search("培训", province="宁夏回族自治区")
    in_force = policy_assistant.search("培训", in_force_only=True)
    one_doc = policy_assistant.search("培训", doc_id="wuxi-skills-industry-2021")
    assert 0 < ningxia.total < everywhere.total
    assert all(h.doc.jurisdiction.province == "宁夏回族自治区" for h in ningxia.hits)
    assert 0 < in_force.total < everywhere.total and not any(h.expired for h in in_force.hits)
    assert 0 < one_doc.total < everywhere.total
    assert {h.doc.doc_id for h in one_doc.hits} == {"wuxi-skills-industry-2021"}


# -- semantic mode ---------------------------------------------------------------------
def test_semantic_lookup_finds_the_documents_word_for_a_colloquial_one(policy_assistant):
    result = policy_assistant.search("当兵的 培训", mode="semantic")
    expected = containing(policy_assistant, "退役军人", "培训")
    assert not containing(policy_assistant, "当兵"), "the documents never say 当兵"
    assert result.total == len(expected) > 0
    assert {h.clause.clause_id for h in result.hits} == {c.clause_id for c in expected}
    assert not result.partial
    assert all("退役军人" in [h.clause.text[s:e] for s, e in h.text_spans] for h in result.hits)


def test_semantic_lookup_reads_a_place_as_the_documents_that_apply_there(policy_assistant):
    result = policy_assistant.search("江苏 退役军人", mode="semantic")
    assert result.places == ["江苏省"] and result.total > 0
    assert all(h.doc.jurisdiction.province == "江苏省" for h in result.hits)
    titles = {h.doc.title for h in result.hits}
    assert any("江苏" not in t for t in titles), "a Jiangsu document whose title does not say 江苏 counts too"


def test_semantic_lookup_says_when_no_clause_matches_every_word(policy_assistant):
    result = policy_assistant.search("技术能手 无人机", mode="semantic")
    assert result.partial and result.total > 0
    assert all("技术能手" in h.clause.text or "无人机" in h.clause.text for h in result.hits)
    nothing = policy_assistant.search("量子纠缠", mode="semantic")
    assert (nothing.total, nothing.partial) == (0, False)
    one_word = policy_assistant.search("公租房", mode="semantic")  # segmented 公 + 租房
    assert (one_word.total, one_word.partial) == (0, False), "one word no document uses finds nothing"


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("当兵的 培训", [["当兵", "退役军人"], ["培训"]]),
        ("退伍军人补帖", [["退伍军人", "退役军人"], ["补帖", "补贴"]]),
        ("育儿假", [["育儿假"]]),  # not 育儿 + a lone 假, which nearly every clause holds
    ],
)
def test_a_semantic_query_is_cut_into_words_with_their_synonyms(query, words):
    _, found = concepts(query)
    assert [c.alternatives for c in found] == words


def test_spans_of_overlapping_words_are_merged():
    assert find_spans("职业技能培训补贴", ["技能培训", "培训补贴"]) == [(2, 8)]
    assert find_spans("AB ab", ["ab"]) == [(0, 2), (3, 5)]


def test_an_exact_lookup_that_finds_nothing_offers_the_documents_spelling(policy_assistant):
    result = policy_assistant.search("补帖", mode="keyword")
    assert (result.total, result.suggestion) == (0, "补贴")
    assert policy_assistant.search("补贴", mode="keyword").total > 0
    assert policy_assistant.search("量子纠缠", mode="keyword").suggestion is None
