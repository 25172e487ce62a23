"""Embeddings go through sentence-transformers only: a model built here loads by path."""

from __future__ import annotations

import numpy as np
import pytest
from sentence_transformers import SentenceTransformer

from assistant.embedding.embedder import EmbedderUnavailable, SentenceTransformerEmbedder
from assistant.embedding.static_encoder import build_corpus_encoder

POLICY_SENTENCES = [
    "将自治区技术能手奖励资金调高至1万元。",
    "对符合条件的高技能人才，按规定落实创业担保贷款及贴息政策。",
    "推动将高技能人才纳入城市直接落户范围，其配偶、子女按有关规定享受公共就业、教育、住房等保障服务。",
    "每年开展企业新型学徒制培训不少于1000人。",
    "面向自主就业退役军人，重点开展无人机操控、新媒体制作、电商运营等技能培训。",
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    return build_corpus_encoder(POLICY_SENTENCES, tmp_path_factory.mktemp("model"), dimension=16)


def test_the_built_model_is_an_ordinary_sentence_transformers_directory(tiny_model):
    assert (tiny_model / "modules.json").exists()
    assert (tiny_model / "tokenizer.json").exists()
    model = SentenceTransformer(str(tiny_model), device="cpu", local_files_only=True)
    vectors = model.encode(["技术能手奖励"], normalize_embeddings=True)
    assert vectors.shape == (1, 16)


def test_embedder_loads_it_by_path_and_returns_unit_vectors(tiny_model):
    embedder = SentenceTransformerEmbedder(str(tiny_model))
    documents = embedder.embed_documents(POLICY_SENTENCES)
    assert documents.shape == (5, 16)
    assert np.allclose(np.linalg.norm(documents, axis=1), 1.0, atol=1e-5)
    query = embedder.embed_query("退伍军人能学什么技能？")
    assert int(np.argmax(documents @ query)) == 4


def test_a_model_that_is_not_on_this_machine_gives_a_clear_error():
    with pytest.raises(EmbedderUnavailable) as error:
        SentenceTransformerEmbedder("BAAI/bge-small-zh-v1.5-not-downloaded")
    assert "本机没有向量模型" in str(error.value) and "不能下载" in str(error.value)
    assert "ASSISTANT_EMBEDDING__MODEL" in str(error.value)


def test_a_missing_local_path_gives_a_clear_error(tmp_path):
    with pytest.raises(EmbedderUnavailable, match="路径不存在"):
        SentenceTransformerEmbedder(str(tmp_path / "no-model-here"))
