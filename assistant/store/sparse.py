"""BM25 over jieba tokens with bm25s (sparse scoring, memory-mapped on load)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from assistant.text.corpus_tokens import CorpusTokens, tokenize_corpus
from assistant.text.segment import tokenize

logging.getLogger("bm25s").setLevel(logging.WARNING)
_EMPTY = "∅"  # an empty token list would make bm25s drop the row; a placeholder keeps ids aligned


@dataclass(frozen=True)
class _Bm25Corpus:
    """bm25s's corpus-of-ids protocol (.ids, .vocab) over CorpusTokens, a list per text at a time."""

    tokens: CorpusTokens
    vocab: dict[str, int]

    @property
    def ids(self) -> _Rows:
        return _Rows(self.tokens, self.vocab.get(_EMPTY, -1))


@dataclass(frozen=True)
class _Rows:
    tokens: CorpusTokens
    placeholder: int

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[list[int]]:
        for ids in self.tokens:
            yield ids or [self.placeholder]


class SparseIndex:
    def __init__(self, bm25: bm25s.BM25, size: int) -> None:
        self._bm25 = bm25
        self.size = size

    @classmethod
    def build(cls, texts: list[str], tokens: CorpusTokens | None = None) -> SparseIndex:
        """Index the texts; `tokens`, when given, are their tokens, computed once per build."""
        bm25 = bm25s.BM25(k1=1.2, b=0.75)
        tokens = tokens if tokens is not None else tokenize_corpus(texts)
        vocab = dict(tokens.vocab)  # bm25s adds its own empty token to the dict it is given
        if (np.diff(tokens.offsets) == 0).any():
            vocab.setdefault(_EMPTY, len(vocab))
        bm25.index(_Bm25Corpus(tokens, vocab), show_progress=False)
        return cls(bm25, len(texts))

    def search(self, query: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(row, score) pairs for rows with a positive score, best first; with `allowed` (a
        boolean per row), only those rows.

        Scores come from bm25s's sparse matrix; the top k are taken here with
        argpartition, because bm25s.retrieve starts a thread pool on every call.
        """
        return self.search_tokens(tokenize(query), k, allowed)

    def search_tokens(
        self, query_tokens: list[str], k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        vocab = self._bm25.vocab_dict
        tokens = [t for t in query_tokens if t in vocab]
        if not tokens:
            return []
        scores = self._bm25.get_scores(tokens)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
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

    def save(self, directory: Path) -> None:
        self._bm25.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> SparseIndex:
        bm25 = bm25s.BM25.load(str(directory), mmap=True, show_progress=False)
        return cls(bm25, size)
