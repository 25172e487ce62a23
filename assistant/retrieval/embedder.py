"""Text → vectors, through sentence-transformers only."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.text.segment import normalise_query

log = logging.getLogger(__name__)
_SLICE = 8192  # texts encoded at a time by embed_documents


class EmbedderUnavailable(RuntimeError):
    """The configured model is not on this machine; the message says what to do."""


class Embedder(Protocol):
    """What the dense index needs from an encoder. Vectors are L2-normalised float32."""

    id: str
    dimension: int

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local path or the local Hugging Face cache."""

    def __init__(
        self,
        model: str,
        *,
        query_prefix: str = "",
        batch_size: int = 64,
        model_id: str = "",
        threads: int | None = None,
    ) -> None:
        self.id = model_id or model
        self.query_prefix = query_prefix
        self.batch_size = batch_size
        self.threads = threads  # torch threads while embedding documents; None leaves torch's default
        self._model = load_sentence_transformer(model)
        self.dimension = int(self._model.get_embedding_dimension() or 0)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        # In slices written into one array: encode() holds every batch's output and then a
        # stacked copy, twice the vectors' size (400 MB at 200k clauses).
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        with _torch_threads(self.threads):
            for start in range(0, len(texts), _SLICE):
                part = texts[start : start + _SLICE]
                out[start : start + len(part)] = self._model.encode(
                    [normalise_query(t) for t in part],
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
        return out

    def embed_query(self, text: str) -> np.ndarray:
        vectors = self._model.encode(
            [self.query_prefix + normalise_query(text)],
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors[0], dtype=np.float32)


_THREADS = threading.Lock()


@contextmanager
def _torch_threads(threads: int | None) -> Iterator[None]:
    """Run torch with `threads` intra-op threads, then restore the setting (it is process-wide).

    The corpus encoder is an embedding-bag mean: small operations where OpenMP's fork/join
    costs more than it saves. Measured on two shared cores at 100× the corpus, embedding
    the clauses took 4–20 s with one thread and 14–38 s with two.
    """
    if threads is None:
        yield
        return
    import torch

    with _THREADS:
        before = torch.get_num_threads()
        torch.set_num_threads(threads)
        try:
            yield
        finally:
            torch.set_num_threads(before)


def stay_offline() -> None:
    """No model or data is downloaded at run time, ever: Hugging Face libraries are told so."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def load_sentence_transformer(model: str):  # -> SentenceTransformer
    """Load without touching the network; fail with a message a user can act on."""
    stay_offline()
    from sentence_transformers import SentenceTransformer

    path = Path(model).expanduser()
    if (model.startswith((".", "/", "~")) or path.exists()) and not path.exists():
        raise EmbedderUnavailable(f"embedding model path {path} does not exist")
    try:
        return SentenceTransformer(str(path) if path.exists() else model, device="cpu",
                                   local_files_only=True)  # fmt: skip
    except Exception as exc:  # OSError, ValueError, HF errors: all mean "not here"
        raise EmbedderUnavailable(
            f"embedding model '{model}' is not available on this machine ({type(exc).__name__}). "
            "No model can be downloaded at run time: download it once elsewhere "
            "(e.g. `huggingface-cli download BAAI/bge-small-zh-v1.5`), copy it here and set "
            "ASSISTANT_EMBEDDING__MODEL to its local path, or keep the default 'corpus-static'."
        ) from exc
