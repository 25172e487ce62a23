"""Every clause's search tokens, computed once per build and stored compactly.

jieba is pure Python and most of a large build's time, so the texts are segmented once,
for both BM25 and the corpus encoder, on all cores when the corpus is large. The tokens
are kept as int32 ids into one vocabulary: 4 bytes a token, where lists of str took about
1 KB a clause and bm25s's own id lists another 4 KB (2 GB between them at 200k clauses).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from assistant.parallel import pool_context, usable_cores
from assistant.text.segment import tokenize

_PARALLEL_MIN_TEXTS = 50_000  # below this, starting workers (3 s each, jieba) did not pay, measured


@dataclass(frozen=True)
class CorpusTokens:
    """tokenize(text) for each text: text i is vocabulary ids flat[offsets[i]:offsets[i + 1]]."""

    flat: np.ndarray  # int32
    offsets: np.ndarray  # int64, one more than there are texts
    vocab: dict[str, int]  # token → id, ids 0..len-1 in order of first appearance

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __iter__(self) -> Iterator[list[int]]:
        """Each text's ids as a list, made one at a time."""
        for start, end in zip(self.offsets[:-1], self.offsets[1:], strict=True):
            yield self.flat[start:end].tolist()

    def tokens(self, row: int) -> list[str]:
        names = list(self.vocab)
        return [names[i] for i in self.flat[self.offsets[row] : self.offsets[row + 1]]]

    def counts(self) -> dict[str, int]:
        """How often each token occurs in all the texts together."""
        totals = np.bincount(self.flat, minlength=len(self.vocab))
        return {token: int(totals[i]) for token, i in self.vocab.items() if totals[i]}


def tokenize_corpus(
    texts: list[str], workers: int | None = None, parallel_min: int = _PARALLEL_MIN_TEXTS
) -> CorpusTokens:
    """tokenize() every text, in worker processes from `parallel_min` texts on."""
    workers = workers or usable_cores()
    if workers < 2 or len(texts) < parallel_min:
        return _assemble([_tokenize_chunk(texts)])
    size = -(-len(texts) // (workers * 4))  # a few chunks per worker evens out their speeds
    chunks = (texts[i : i + size] for i in range(0, len(texts), size))
    with pool_context().Pool(workers) as pool:
        return _assemble(pool.imap(_tokenize_chunk, chunks))  # in order, chunk by chunk


_Chunk = tuple[list[str], np.ndarray, np.ndarray]  # local vocabulary, ids into it, lengths


def _tokenize_chunk(texts: list[str]) -> _Chunk:
    vocab: dict[str, int] = {}
    ids = array("i")
    lengths = np.empty(len(texts), dtype=np.int64)
    for row, text in enumerate(texts):
        tokens = tokenize(text)
        ids.extend(vocab.setdefault(token, len(vocab)) for token in tokens)
        lengths[row] = len(tokens)
    return list(vocab), np.frombuffer(ids, dtype=np.int32).copy(), lengths


def _assemble(chunks) -> CorpusTokens:  # chunks: Iterable[_Chunk]
    vocab: dict[str, int] = {}
    parts: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    for local_vocab, local_ids, local_lengths in chunks:
        to_global = np.array([vocab.setdefault(t, len(vocab)) for t in local_vocab], dtype=np.int32)
        parts.append(to_global[local_ids] if len(local_ids) else local_ids)
        lengths.append(local_lengths)
    flat = np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)
    offsets = np.concatenate([[0], np.cumsum(np.concatenate(lengths) if lengths else [])]).astype(np.int64)
    return CorpusTokens(flat.astype(np.int32, copy=False), offsets, vocab)
