"""Vectors cached by encoder and text hash, so a rebuild embeds only new or changed text.

A real model costs ~25 ms per clause on two cores; re-ingesting a corpus where one
document changed should cost that document, not the corpus. The cache is one SQLite
file beside the builds (it outlives them), keyed by (encoder id, SHA-256 of the text).
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant.embedding.embedder import Embedder

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (texts embedded so far, texts to embed)
_BATCH = 64  # texts embedded between progress reports and cache writes
_UNCACHED_BATCH = 8192  # without a cache (the corpus-built encoder), large slices are faster
_LOOKUP = 500  # keys per SELECT (SQLite's variable limit is 999 on old builds)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors ("
                " encoder TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL,"
                " PRIMARY KEY (encoder, key))"
            )

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def lookup(self, encoder: str, keys: list[str], dimension: int) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        with self._connect() as db:
            for start in range(0, len(unique), _LOOKUP):
                part = unique[start : start + _LOOKUP]
                marks = ",".join("?" * len(part))
                rows = db.execute(
                    f"SELECT key, vector FROM vectors WHERE encoder = ? AND key IN ({marks})",
                    [encoder, *part],
                )
                for key, blob in rows:
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if vector.shape == (dimension,):  # a vector of another size is not this model's
                        found[key] = vector
        return found

    def store(self, encoder: str, keys: list[str], vectors: np.ndarray) -> None:
        rows = [
            (encoder, key, np.ascontiguousarray(v, dtype=np.float32).tobytes())
            for key, v in zip(keys, vectors, strict=True)
        ]
        with self._lock, self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO vectors (encoder, key, vector) VALUES (?, ?, ?)", rows)

    def count(self, encoder: str) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM vectors WHERE encoder = ?", [encoder]).fetchone()[0])


def embed_with_cache(
    embedder: Embedder,
    texts: list[str],
    cache: EmbeddingCache | None,
    progress: Progress | None = None,
) -> np.ndarray:
    """Vectors for `texts` (passages), computing only those the cache does not hold."""
    out = np.empty((len(texts), embedder.dimension), dtype=np.float32)
    keys = [text_key(t) for t in texts]
    known = cache.lookup(embedder.id, keys, embedder.dimension) if cache else {}
    missing: dict[str, int] = {}
    for row, key in enumerate(keys):
        if key in known:
            out[row] = known[key]
        else:
            missing.setdefault(key, row)
    todo = list(missing.items())
    if todo and cache is not None:
        log.info("正在计算 %d 段文本的向量（其余 %d 段取自缓存）", len(todo), len(texts) - len(todo))
    done: dict[str, np.ndarray] = {}
    size = _BATCH if cache is not None else _UNCACHED_BATCH
    if todo and progress is not None:
        progress(0, len(todo))  # said before the first batch, which may also load the model
    for start in range(0, len(todo), size):
        batch = todo[start : start + size]
        vectors = embedder.embed_documents([texts[row] for _, row in batch])
        for (key, _), vector in zip(batch, vectors, strict=True):
            done[key] = vector
        if cache is not None:
            cache.store(embedder.id, [key for key, _ in batch], vectors)
        if progress is not None:
            progress(min(start + size, len(todo)), len(todo))
    for row, key in enumerate(keys):
        if key in done:
            out[row] = done[key]
    return out
