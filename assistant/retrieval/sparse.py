"""BM25 over jieba tokens with bm25s (sparse scoring, memory-mapped on load)."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from pathlib import Path

import bm25s
import numpy as np

from assistant.text.segment import tokenize

logging.getLogger("bm25s").setLevel(logging.WARNING)
_PARALLEL_MIN_TEXTS = 50_000  # below this, starting workers (3 s each, jieba) did not pay, measured


def tokenize_corpus(texts: list[str], workers: int | None = None) -> list[list[str]]:
    """tokenize() for every text, each distinct token stored once, on all cores when it pays.

    jieba is pure Python and most of a large build's time, so above _PARALLEL_MIN_TEXTS
    texts the work is split over worker processes. Without sys.intern every occurrence is
    its own str object: about 8 KB per clause, 2 GB of token lists at 200k clauses.
    """
    workers = workers or _usable_cores()
    if workers < 2 or len(texts) < _PARALLEL_MIN_TEXTS:
        return _tokenize_chunk(texts)
    size = -(-len(texts) // (workers * 4))  # a few chunks per worker evens out their speeds
    chunks = (texts[i : i + size] for i in range(0, len(texts), size))
    out: list[list[str]] = []
    with _pool_context().Pool(workers) as pool:
        # Chunk by chunk, in order. A chunk arrives pickled with each distinct token once,
        # so its tokens are already shared without interning them again here.
        for part in pool.imap(_tokenize_chunk, chunks):
            out.extend(part)
    return out


def _tokenize_chunk(texts: list[str]) -> list[list[str]]:
    return [[sys.intern(token) for token in tokenize(text)] for text in texts]


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _pool_context():  # -> multiprocessing context
    """fork when this is the only thread: the child starts at once and imports nothing.

    With other threads running (an app rebuilding its index) forking is unsafe, so the
    workers are spawned; spawning re-imports the main module, which app.py guards.
    """
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    return multiprocessing.get_context(method)


class SparseIndex:
    def __init__(self, bm25: bm25s.BM25, size: int) -> None:
        self._bm25 = bm25
        self.size = size

    @classmethod
    def build(cls, texts: list[str], tokens: list[list[str]] | None = None) -> SparseIndex:
        """Index the texts; `tokens`, when given, are `tokenize(text)` for each, computed once."""
        bm25 = bm25s.BM25(k1=1.2, b=0.75)
        if tokens is None:
            tokens = [tokenize(t) for t in texts]
        # An empty token list would make bm25s drop the row; a placeholder keeps ids aligned.
        bm25.index([t or ["∅"] for t in tokens], show_progress=False)
        return cls(bm25, len(texts))

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(row, score) pairs for rows with a positive score, best first.

        Scores come from bm25s's sparse matrix; the top k are taken here with
        argpartition, because bm25s.retrieve starts a thread pool on every call.
        """
        vocab = self._bm25.vocab_dict
        tokens = [t for t in tokenize(query) if t in vocab]
        if not tokens:
            return []
        scores = self._bm25.get_scores(tokens)
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k] if k < self.size else np.arange(self.size)
        ranked = sorted(top, key=lambda row: -scores[row])
        return [(int(row), float(scores[row])) for row in ranked if scores[row] > 0]

    def idf(self, token: str) -> float | None:
        """ln(1 + (N - df + 0.5) / (df + 0.5)) for a known token, None for an unknown one."""
        column = self._bm25.vocab_dict.get(token)
        if column is None:
            return None
        indptr = self._bm25.scores["indptr"]
        df = int(indptr[column + 1] - indptr[column])
        if df == 0:
            return None
        return float(np.log(1 + (self.size - df + 0.5) / (df + 0.5)))

    def scores(self, query: str) -> np.ndarray:
        vocab = self._bm25.vocab_dict
        return self._bm25.get_scores([t for t in tokenize(query) if t in vocab])

    def save(self, directory: Path) -> None:
        self._bm25.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> SparseIndex:
        bm25 = bm25s.BM25.load(str(directory), mmap=True, show_progress=False)
        return cls(bm25, size)
