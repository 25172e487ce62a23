"""The cross-encoder path, with a tiny BERT CrossEncoder built and saved in the test.

Its weights are random (fixed seed), so the test checks the wiring: one float per text,
the configured number of hits, and the jurisdiction demotion applied on top of the
model's scores. It says nothing about relevance.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import torch
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

from assistant.question.understand import understand
from assistant.retrieval.hybrid import OUT_OF_JURISDICTION, HybridRetriever
from assistant.retrieval.reranker import RerankerUnavailable, load_reranker
from assistant.service import PolicyAssistant
from assistant.settings import RetrievalSettings, load_settings
from assistant.store.clause_index import index_text

TODAY = dt.date(2025, 6, 1)
WUXI_VETERAN = "我是无锡的退役军人，有哪些培训补贴？"
NINGXIA_VETERAN = "我是宁夏的退役军人，有哪些培训补贴？"
# Enough characters of the policy texts that questions and clauses are not all [UNK].
VOCAB_TEXT = (
    "我是无锡宿迁江苏宁夏省市的退役军人农民工高校毕业生残疾人有哪些培训补贴技能竞赛获奖奖励"
    "职业资格证书等级高级工技师大师工作室企业职工人才队伍建设实施方案行动计划万元年月日"
)
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def build_tiny_cross_encoder(folder: Path) -> Path:
    """A 2-layer BERT for sequence classification with one output, and its WordPiece tokenizer."""
    chars = sorted(set(VOCAB_TEXT)) + [str(d) for d in range(10)]
    vocab = {token: i for i, token in enumerate(SPECIAL + chars)}
    tokenizer = Tokenizer(models.WordPiece(vocab=vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True, handle_chinese_chars=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])],
    )
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        num_labels=1,
    )
    BertForSequenceClassification(config).save_pretrained(folder)
    BertTokenizerFast(tokenizer_object=tokenizer, model_max_length=128).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_cross_encoder(tmp_path_factory.mktemp("tiny-cross-encoder"))


@pytest.fixture(scope="module")
def assistant() -> PolicyAssistant:
    return PolicyAssistant(load_settings(today=TODAY))


class Recording:
    """Wraps a reranker and keeps the score it gave each text."""

    def __init__(self, reranker) -> None:
        self.reranker = reranker
        self.scores: dict[str, float] = {}

    def __call__(self, query: str, texts: list[str]) -> list[float]:
        scores = self.reranker(query, texts)
        self.scores.update(zip(texts, scores, strict=True))
        return scores


def test_one_float_per_text(model_dir):
    rerank = load_reranker(str(model_dir))

    scores = rerank(WUXI_VETERAN, ["退役军人参加技能培训给予补贴", "宁夏技能大师工作室", "技师" * 300])

    assert len(scores) == 3
    assert all(isinstance(s, float) for s in scores)
    assert rerank(WUXI_VETERAN, []) == []


def test_the_same_pair_scores_the_same_every_time(model_dir):
    rerank = load_reranker(str(model_dir))
    texts = ["退役军人参加技能培训给予补贴", "宁夏技能大师工作室"]

    assert rerank(WUXI_VETERAN, texts) == pytest.approx(rerank(WUXI_VETERAN, texts))


def test_hybrid_retrieval_with_the_reranker_returns_the_configured_number(model_dir, assistant):
    retriever = HybridRetriever(
        assistant.engine.store, RetrievalSettings(top_k=5), TODAY, reranker=load_reranker(str(model_dir))
    )

    hits = retriever.retrieve(understand(WUXI_VETERAN, assistant.documents()))

    assert len(hits) == 5
    assert len({h.clause.clause_id for h in hits}) == 5


def test_jurisdiction_demotion_applies_on_top_of_the_model_scores(model_dir, assistant):
    rerank = Recording(load_reranker(str(model_dir)))
    retriever = HybridRetriever(assistant.engine.store, RetrievalSettings(), TODAY, reranker=rerank)
    query = understand(NINGXIA_VETERAN, assistant.documents())

    head = retriever.retrieve(query, k=20)

    assert len(head) == 20 and len(rerank.scores) == 20
    outside = [h for h in head if h.applies is False]
    assert outside, "the head holds Jiangsu documents, which do not cover a Ningxia asker"
    assert {h.doc.jurisdiction.province for h in outside} == {"江苏省"}  # type: ignore[union-attr]
    for hit in head:
        model_score = rerank.scores[index_text(hit.clause)]
        factor = OUT_OF_JURISDICTION if hit.applies is False else 1.0
        assert hit.score == pytest.approx(model_score * factor)
    assert [h.score for h in head] == sorted((h.score for h in head), reverse=True)


def test_a_missing_model_path_is_a_clear_error(tmp_path):
    with pytest.raises(RerankerUnavailable, match=r"does not exist.*ASSISTANT_RETRIEVAL__RERANKER"):
        load_reranker(str(tmp_path / "no-such-model"))


def test_a_model_that_is_not_cached_is_a_clear_error():
    with pytest.raises(
        RerankerUnavailable, match=r"not available on this machine.*ASSISTANT_RETRIEVAL__RERANKER"
    ):
        load_reranker("example-org/reranker-that-is-not-cached")


def test_a_folder_without_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(RerankerUnavailable, match="is not a CrossEncoder model folder"):
        load_reranker(str(tmp_path))
