"""The ClauseStore contract, held by both stores: filters run inside the engine, searches
return clause ids best first, writes are by clause id and by document, and both stores give
the same ids in the same order for the same questions."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest

from assistant.store.types import ClauseStore, Fusion, StoreFilter
from assistant.text.sentences import clause_sentences
from tests.store.conftest import JIANGSU, NINGXIA, WUXI, clause, small_clauses, stored

QUESTIONS = [
    "技能大师工作室有多少资助？",
    "农民工参加培训补贴多少钱",
    "学徒培训补贴标准",
    "高级工证书有什么补贴",
    "退役军人能参加培训吗",
]
FILTERS = {
    "none": None,
    "无锡": StoreFilter(places=(WUXI,)),
    "江苏全省": StoreFilter(places=(JIANGSU,)),
    "宁夏": StoreFilter(places=(NINGXIA,)),
    "2025-06-01 有效": StoreFilter(in_force_on=dt.date(2025, 6, 1)),
    "2022-06-01 有效": StoreFilter(in_force_on=dt.date(2022, 6, 1)),
    "两份文件": StoreFilter(doc_ids=("wuxi", "ningxia-new")),
    "无锡且 2025 年有效": StoreFilter(places=(WUXI,), in_force_on=dt.date(2025, 6, 1)),
}


def docs_of(store: ClauseStore, ids: list[str]) -> set[str]:
    return {store.catalog.clause(cid).doc_id for cid in ids}


def hybrid(store: ClauseStore, question: str, k: int = 20, where: StoreFilter | None = None) -> list[str]:
    found = store.hybrid_search(store.embed_query(question), question, k, Fusion(), where)
    return [h.clause_id for h in found]


def test_a_place_keeps_the_documents_that_apply_there(small_store):
    wuxi = docs_of(small_store, hybrid(small_store, "培训补贴", where=FILTERS["无锡"]))
    province = docs_of(small_store, hybrid(small_store, "培训补贴", where=FILTERS["江苏全省"]))
    ningxia = docs_of(small_store, hybrid(small_store, "培训补贴", where=FILTERS["宁夏"]))

    assert wuxi == {"national", "jiangsu-old", "wuxi"}
    assert province == {"national", "jiangsu-old", "wuxi"}  # a whole province includes its cities
    assert ningxia == {"national", "ningxia-old", "ningxia-new"}


def test_in_force_on_a_date_leaves_out_expired_repealed_and_not_yet_begun_documents(small_store):
    in_2025 = docs_of(small_store, hybrid(small_store, "培训补贴", where=FILTERS["2025-06-01 有效"]))
    in_2022 = docs_of(small_store, hybrid(small_store, "培训补贴", where=FILTERS["2022-06-01 有效"]))

    assert in_2025 == {"national", "wuxi", "ningxia-new"}  # 江苏 ended 2023, 宁夏旧办法 repealed 2025
    assert in_2022 == {"jiangsu-old", "wuxi", "ningxia-old"}  # the national notice began in 2024


def test_document_ids_keep_only_those_documents(small_store):
    found = hybrid(small_store, "技能大师工作室", where=FILTERS["两份文件"])

    assert docs_of(small_store, found) == {"wuxi", "ningxia-new"}
    assert found[0] in {"wuxi:2", "ningxia-new:2"}


def test_a_filter_returns_the_best_k_allowed_clauses_not_what_is_left_of_the_best_k(small_store):
    vector = small_store.embed_query("农民工培训补贴")
    where = StoreFilter(doc_ids=("wuxi",))

    dense = small_store.dense_search(vector, 3, where)
    keyword = small_store.keyword_search("企业 职工 补贴 培训", 2, where)

    assert [small_store.catalog.clause(h.clause_id).doc_id for h in dense] == ["wuxi"] * 3
    assert len(keyword) == 2 and keyword[0].clause_id == "wuxi:3"


def test_keyword_search_finds_the_clause_with_the_words_and_nothing_without_any(small_store):
    hits = small_store.keyword_search("高级工证书", 5)

    assert hits[0].clause_id == "jiangsu-old:1"
    assert small_store.keyword_search("量子计算", 5) == []
    assert all(a.score >= b.score > 0 for a, b in itertools.pairwise(hits))


def test_dense_search_scores_a_clause_by_its_best_sentence(small_store):
    # "每年考核一次" is the second sentence of a clause about a 10万元 grant.
    hits = small_store.dense_search(small_store.embed_query("每年考核一次"), 3)

    assert hits[0].clause_id == "wuxi:2"


def test_each_clause_has_one_vector_per_sentence(small_store):
    for item in small_clauses():
        vectors = small_store.sentence_vectors_of(item.clause_id)
        assert vectors is not None and vectors.shape == (len(clause_sentences(item)), 64)
    assert small_store.sentence_vectors_of("no-such-clause") is None


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("name", list(FILTERS))
def test_both_stores_return_the_same_ids_in_the_same_order(both_small, question, name):
    embedded, milvus = both_small
    where = FILTERS[name]

    assert hybrid(milvus, question, 10, where) == hybrid(embedded, question, 10, where)
    vector = embedded.embed_query(question)
    assert [h.clause_id for h in milvus.dense_search(vector, 10, where)] == [
        h.clause_id for h in embedded.dense_search(vector, 10, where)
    ]
    assert [h.clause_id for h in milvus.keyword_search(question, 10, where)] == [
        h.clause_id for h in embedded.keyword_search(question, 10, where)
    ]


def test_both_stores_hold_the_same_catalog_idf_and_sentence_vectors(both_small):
    embedded, milvus = both_small

    assert [c.clause_id for c in milvus.catalog.clauses] == [c.clause_id for c in embedded.catalog.clauses]
    assert milvus.catalog.documents == embedded.catalog.documents
    assert len(embedded.catalog.benefits) > 0
    assert milvus.catalog.benefits == embedded.catalog.benefits
    for token in ("补贴", "技能大师", "农民工", "不存在的词"):
        assert (
            milvus.idf(token) == pytest.approx(embedded.idf(token))
            if embedded.idf(token)
            else (milvus.idf(token) is None)
        )
    for cid in ("wuxi:2", "national:1"):
        assert np.allclose(milvus.sentence_vectors_of(cid), embedded.sentence_vectors_of(cid), atol=1e-6)


def test_upsert_replaces_a_clause_by_id_and_delete_removes_a_document(encoder, tmp_path):
    from assistant.store.embedded import EmbeddedStore
    from tests.store.conftest import empty_milvus, fill

    for store in (EmbeddedStore(None, embedder=encoder), empty_milvus(tmp_path / "milvus.db", encoder)):
        fill(store, encoder)
        wuxi = store.catalog.documents["wuxi"]
        store.upsert(
            [wuxi], stored([clause("wuxi", 1, "新引进的首席技师，给予最高50万元安家补贴。")], encoder)
        )

        assert store.keyword_search("首席", 3)[0].clause_id == "wuxi:1"
        assert "30万元" not in store.catalog.clause("wuxi:1").text
        assert len(store.catalog.clauses) == len(small_clauses())
        # The benefit catalogue follows the library: the new clause's grant is in it.
        assert [b.amount for b in store.catalog.benefits.benefits if b.clause_id == "wuxi:1"] == [
            "最高50万元"
        ]

        store.delete_documents(["ningxia-old"])

        assert "ningxia-old" not in store.catalog.documents
        assert not any(c.doc_id == "ningxia-old" for c in store.catalog.clauses)
        assert not any(b.doc_id == "ningxia-old" for b in store.catalog.benefits.benefits)
        assert docs_of(store, hybrid(store, "农民工培训补贴")) >= {"ningxia-new"}
        assert "ningxia-old" not in docs_of(store, hybrid(store, "农民工培训补贴"))
        assert store.sentence_vectors_of("ningxia-old:1") is None


def test_new_metadata_moves_a_documents_clauses_in_and_out_of_a_filter(encoder, tmp_path):
    from assistant.store.embedded import EmbeddedStore
    from tests.store.conftest import empty_milvus, fill

    where = StoreFilter(in_force_on=dt.date(2025, 6, 1))
    for store in (EmbeddedStore(None, embedder=encoder), empty_milvus(tmp_path / "milvus.db", encoder)):
        fill(store, encoder)
        assert "jiangsu-old" not in docs_of(store, hybrid(store, "高级工证书", where=where))

        extended = store.catalog.documents["jiangsu-old"].model_copy(
            update={"valid_to": dt.date(2027, 12, 31)}
        )
        store.upsert([extended], [])  # the metadata alone: the clauses keep their vectors

        assert "jiangsu-old" in docs_of(store, hybrid(store, "高级工证书", where=where))
