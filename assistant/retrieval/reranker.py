"""An optional cross-encoder that reorders the head of the hybrid ranking.

Any sentence-transformers CrossEncoder works (e.g. BAAI/bge-reranker-v2-m3 for Chinese),
from a local path or the local Hugging Face cache; nothing is downloaded at run time.
HybridRetriever keeps its jurisdiction demotion on top of whatever the model scores.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.embedding.embedder import stay_offline

Reranker = Callable[[str, list[str]], list[float]]


class RerankerUnavailable(RuntimeError):
    """The configured reranker is not on this machine; the message says what to do."""


class CrossEncoderReranker:
    """Scores (query, text) pairs with a CrossEncoder: one float per text, higher is better."""

    def __init__(self, model, batch_size: int = 16) -> None:  # model: CrossEncoder
        self.model = model
        self.batch_size = batch_size

    def __call__(self, query: str, texts: list[str]) -> list[float]:
        if not texts:
            return []
        scores = self.model.predict(
            [(query, text) for text in texts],
            batch_size=self.batch_size,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return [float(s) for s in scores.reshape(len(texts), -1)[:, 0]]


def load_reranker(name_or_path: str, max_length: int | None = None) -> Reranker:
    """A reranker from a local CrossEncoder model; RerankerUnavailable if it is not here.
    max_length None keeps the model's own limit; longer pairs are truncated."""
    stay_offline()
    from sentence_transformers import CrossEncoder

    path = Path(name_or_path).expanduser()
    if name_or_path.startswith((".", "/", "~")) and not path.exists():
        raise RerankerUnavailable(
            f"reranker model path {path} does not exist. Point ASSISTANT_RETRIEVAL__RERANKER at a "
            "local CrossEncoder model folder, or unset it to rank without a reranker."
        )
    try:
        model = CrossEncoder(
            str(path) if path.exists() else name_or_path,
            device="cpu",
            local_files_only=True,
            max_length=max_length,
        )
    except Exception as exc:  # OSError, ValueError, HF errors: all mean "not usable here"
        if path.exists():
            raise RerankerUnavailable(
                f"{path} is not a CrossEncoder model folder ({type(exc).__name__}: {exc}). It needs the "
                "config.json, weights and tokenizer files that save_pretrained writes."
            ) from exc
        raise RerankerUnavailable(
            f"reranker model '{name_or_path}' is not available on this machine ({type(exc).__name__}). "
            "No model can be downloaded at run time: download it once elsewhere (e.g. "
            "`huggingface-cli download BAAI/bge-reranker-v2-m3`), copy it here and set "
            "ASSISTANT_RETRIEVAL__RERANKER to its local path, or unset it to rank without a reranker."
        ) from exc
    return CrossEncoderReranker(model)
