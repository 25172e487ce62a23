"""Hybrid retrieval on the real documents: what a worker's question brings back first."""

from __future__ import annotations

import pytest

from assistant.models import Jurisdiction, Retrieved
from assistant.question.understand import understand
from assistant.retrieval.hybrid import applies, keep_dense_best, names_place_of, placed_here


def top(policy_assistant, question: str, k: int = 5, region: str | None = None) -> list[Retrieved]:
    engine = policy_assistant.engine
    documents = list(engine.index.documents.values())
    where = Jurisdiction(province="江苏省", city=region) if region else None
    return engine.retriever.retrieve(understand(question, documents, profile_region=where), k)


def labels(hits: list[Retrieved]) -> list[str]:
    return [h.clause.label for h in hits]


def test_the_clause_that_answers_is_among_the_first_three(policy_assistant):
    hits = top(policy_assistant, "宁夏支持哪几个地方建公共实训基地？", k=3)
    assert "ningxia-skills-2021:4.2.7" in [h.clause.clause_id for h in hits]


@pytest.mark.parametrize(
    "question",
    [
        "部队转业回来，江苏这边给安排点啥技能培训不？",
        "江蘇給退役士兵開的是哪些技能課程？",
        "江苏面向退役军人开展哪些技能培训？",
    ],
)
def test_colloquial_and_traditional_questions_find_the_veterans_row(policy_assistant, question):
    ids = [h.clause.clause_id for h in top(policy_assistant, question)]
    assert "jiangsu-training-2025:att1.r11" in ids


def test_a_typo_in_subsidy_is_understood(policy_assistant):
    hits = top(policy_assistant, "补帖的钱江苏还用现金发吗？")
    assert any("取消现金业务" in h.clause.text for h in hits)


def test_wuxi_asker_is_not_served_ningxia_clauses(policy_assistant):
    hits = top(policy_assistant, "我在无锡工作，技术能手有什么奖励？", k=10)
    assert all(h.doc.jurisdiction.province == "江苏省" for h in hits[:5])
    for hit in hits:
        if hit.doc.doc_id == "ningxia-skills-2021":
            assert hit.applies is False


def test_a_question_about_ningxia_from_wuxi_still_gets_ningxia(policy_assistant):
    hits = top(policy_assistant, "我在无锡，宁夏的技术能手奖励多少钱？")
    assert hits[0].doc.doc_id == "ningxia-skills-2021"


def test_province_documents_cover_their_cities():
    wuxi = Jurisdiction(province="江苏省", city="无锡市")
    question = understand("我在无锡，有什么培训补贴？")
    assert question.asker_region == wuxi
    jiangsu_doc = _meta("jiangsu-craftsmen-2024", Jurisdiction(province="江苏省"))
    suqian_doc = _meta("suqian-skills-2022", Jurisdiction(province="江苏省", city="宿迁市"))
    ningxia_doc = _meta("ningxia-skills-2021", Jurisdiction(province="宁夏回族自治区"))
    assert applies(jiangsu_doc, question) is True
    assert applies(suqian_doc, question) is False
    assert applies(ningxia_doc, question) is False


def test_every_result_says_whether_its_document_has_expired(policy_assistant):
    hits = top(policy_assistant, "每年新增高技能人才的目标是多少", k=10)
    by_doc = {h.doc.doc_id: h.expired for h in hits}
    assert by_doc.get("suqian-skills-2022", True) is True
    assert by_doc.get("ningxia-skills-2021", True) is True
    assert by_doc.get("jiangsu-craftsmen-2024", False) is False


def test_a_metadata_question_brings_the_header_chunk_first(policy_assistant):
    hits = top(policy_assistant, "锡人社办〔2021〕12号是哪个单位印发的？")
    assert hits[0].clause.clause_id == "wuxi-skills-industry-2021:header"


def test_at_least_ten_results_for_the_batch_contract(policy_assistant):
    assert len(top(policy_assistant, "技能人才", k=10)) == 10


def _meta(doc_id: str, where: Jurisdiction):
    from assistant.models import DocumentMeta

    return DocumentMeta(doc_id=doc_id, title="t", source_file="f.txt", jurisdiction=where)


def test_a_national_law_covers_a_question_that_names_only_a_province():
    question = understand("江苏的企业不给职工交社保怎么办？")
    national = _meta("labour-contract-law", Jurisdiction.national())
    shandong = _meta("shandong-contracts", Jurisdiction(province="山东省"))
    assert applies(national, question) is True
    assert applies(shandong, question) is False


def _hit(name: str, score: float, dense_rank: int | None) -> Retrieved:
    from assistant.models import Clause

    clause = Clause(
        doc_id="law", clause_id=name, kind="clause", path=[], label=name, text=name, original=name, order=0
    )
    return Retrieved(
        clause=clause, doc=_meta("law", Jurisdiction.national()), score=score, dense_rank=dense_rank
    )


def _fused(*dense_ranks: int | None) -> list[Retrieved]:
    """Hits in fused order (best first), named c0, c1 … by that order."""
    return [_hit(f"c{i}", 1.0 - i / 100, rank) for i, rank in enumerate(dense_ranks)]


def test_the_clause_closest_in_meaning_is_kept_among_the_first_five():
    # BM25's first six all outrank the clause dense search put first.
    hits = _fused(9, 4, None, 7, 3, 8, 1, 2)
    kept = keep_dense_best(hits, {h.clause.clause_id for h in hits}, within=5)
    assert [h.clause.clause_id for h in kept] == ["c0", "c1", "c2", "c3", "c6", "c4", "c5", "c7"]


def test_a_dense_best_already_near_the_top_stays_where_fusion_put_it():
    hits = _fused(None, 1, 2, 3, 4, 5, 6)
    kept = keep_dense_best(hits, {h.clause.clause_id for h in hits}, within=5)
    assert kept == hits


def test_a_clause_the_question_demoted_is_not_brought_back():
    # c6 is dense search's best but belongs to another province (shaping pushed it down):
    # the best clause that was not demoted (c5, dense rank 2) takes the fifth place.
    hits = _fused(None, None, None, None, None, 2, 1)
    undemoted = {h.clause.clause_id for h in hits} - {"c6"}
    kept = keep_dense_best(hits, undemoted, within=5)
    assert [h.clause.clause_id for h in kept][:5] == ["c0", "c1", "c2", "c3", "c5"]
    assert kept[-1].clause.clause_id == "c6"


def test_a_place_named_puts_its_own_rule_before_the_national_one():
    question = understand("北京的单位招残疾人有什么比例要求？")
    beijing = _meta("beijing-disability", Jurisdiction(province="北京市"))
    national = _meta("disability-employment", Jurisdiction.national())
    assert names_place_of(beijing, question)
    assert not names_place_of(national, question)


def test_a_city_named_is_its_own_documents_not_its_provinces():
    question = understand("郑州失业金按什么标准发？")
    zhengzhou = _meta("zhengzhou-unemployment", Jurisdiction(province="河南省", city="郑州市"))
    henan = _meta("henan-unemployment", Jurisdiction(province="河南省"))
    assert names_place_of(zhengzhou, question)
    assert not names_place_of(henan, question)


def test_a_notice_of_unknown_place_is_not_taken_for_a_place_the_library_has_rules_of():
    question = understand("南京考了中级工有补贴吗？")
    nanjing = _meta("nanjing-subsidy", Jurisdiction(province="江苏省", city="南京市"))
    jiangsu = _meta("jiangsu-plan", Jurisdiction(province="江苏省"))
    national = _meta("labour-law", Jurisdiction.national())
    hunan = _meta("hunan-plan", Jurisdiction(province="湖南省"))
    assert placed_here([hunan, nanjing], question)
    assert placed_here([jiangsu], question)  # the province's rule reaches the city
    # A national law is no sign of local rules, nor is another province's notice: a notice
    # whose place ingest could not read may still be the asker's.
    assert not placed_here([national, hunan], question)
    assert not placed_here([nanjing], understand("考了中级工有补贴吗？"))


def test_a_named_document_is_searched_even_when_the_library_crowds_it_out(policy_assistant):
    from assistant.retrieval.hybrid import HybridRetriever

    engine = policy_assistant.engine
    documents = list(engine.index.documents.values())
    # Few candidates from the whole library stand for a library of hundreds of laws.
    narrow = HybridRetriever(engine.store, engine.retriever.settings.model_copy(update={"candidates": 3}),
                             engine.retriever.today)  # fmt: skip
    query = understand("江苏每年培养多少技能人才？", documents)
    crowded = {h.doc.doc_id for h in narrow.retrieve(query, 3)}
    named = next(d for d in ("ningxia-skills-2021", "wuxi-skills-industry-2021") if d not in crowded)
    query = query.model_copy(update={"doc_ids": [named]})  # as "它" carries the earlier turn's
    hits = narrow.retrieve(query, 3)
    assert hits[0].doc.doc_id == named, "the document the question is about leads"
