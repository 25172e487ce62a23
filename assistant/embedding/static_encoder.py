"""Build the offline default encoder from the corpus itself: a sentence-transformers
StaticEmbedding with a project-built tokenizer, saved as an ordinary model directory.

No weights can be downloaded here, so the default dense model is learned from the
policy text: a Unigram tokenizer whose vocabulary is the corpus's jieba words (plus
the policy dictionary and thesaurus), and token vectors from latent semantic analysis
(truncated SVD of sentence × token TF-IDF), scaled by IDF so that mean pooling yields
an IDF-weighted topic vector. Colloquial words from the thesaurus get the vectors of
the words the documents use (退伍 ≈ 退役军人). The result loads through
SentenceTransformer(path) like any Hugging Face model.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from assistant.text.segment import normalise_query, segment, thesaurus, tokenize
from assistant.text.sentences import split_sentences

UNK = "[UNK]"
_SINGULAR_POWER = 0.5  # weight of each latent dimension: σ^0.5 balances topics and detail
_MAX_CONTEXTS = 60_000  # SVD sample size, bounding build time on large corpora
_ENCODE_BATCH = 4096
_MAX_SEGMENTED = 10_000  # texts whose plain jieba words are counted (about 15 s on 2 cores)
_SEED = 13


def _contexts(texts: list[str]) -> list[str]:
    """Sentences are the co-occurrence windows: clauses are too few and too long.

    A large corpus is read in a seeded random order only until there are twice as many
    sentences as the sample needs, so splitting does not grow with the corpus.
    """
    order: range | list[int] = range(len(texts))
    if len(texts) > _MAX_CONTEXTS // 2:
        order = random.Random(_SEED).sample(range(len(texts)), len(texts))
    out: list[str] = []
    for i in order:
        out.extend(s for s in (s.strip() for s in split_sentences(normalise_query(texts[i]))) if len(s) >= 4)
        if len(out) >= 2 * _MAX_CONTEXTS:
            break
    if len(out) > _MAX_CONTEXTS:
        out = random.Random(_SEED).sample(out, _MAX_CONTEXTS)
    return out


def _vocabulary(texts: list[str], token_counts: dict[str, int] | None = None) -> dict[str, float]:
    """Word and character counts; every character is kept so no text is unknown.

    `token_counts` are the texts' search tokens counted, when the caller has them already
    (the BM25 index needs the same tokens). Plain jieba words are counted on at most
    _MAX_SEGMENTED texts, scaled up: they only set the pieces' probabilities, and every
    word of every text is in the vocabulary through its search tokens anyway.
    """
    counts: Counter[str] = Counter(token_counts or {})
    words: Counter[str] = Counter()
    sample: range | set[int] = range(len(texts))
    if len(texts) > _MAX_SEGMENTED:
        sample = set(random.Random(_SEED).sample(range(len(texts)), _MAX_SEGMENTED))
    for i, text in enumerate(texts):
        text = normalise_query(text)
        if i in sample:
            words.update(w for w in segment(text) if not w.isspace())
        if token_counts is None:
            counts.update(tokenize(text))
        counts.update(text)  # characters
    for ch in [ch for ch in counts if ch.isspace()]:
        del counts[ch]
    scale = len(texts) / max(1, len(sample))
    merged: dict[str, float] = dict(counts)
    for word, n in words.items():
        merged[word] = merged.get(word, 0) + (n * scale if scale != 1 else n)
    for colloquial, canonical in thesaurus().items():
        merged[colloquial] = merged.get(colloquial, 0) + 1
        for word in canonical:
            merged[word] = merged.get(word, 0) + 1
    return merged


def _tokenizer(counts: dict[str, float]):  # -> tokenizers.Tokenizer
    from tokenizers import Tokenizer, normalizers, pre_tokenizers
    from tokenizers.models import Unigram

    total = sum(counts.values())
    # Unigram/Viterbi picks the most probable segmentation: known words beat characters.
    pieces = [(UNK, 0.0)] + [(piece, math.log(count / total)) for piece, count in sorted(counts.items())]
    tokenizer = Tokenizer(Unigram(pieces, unk_id=0, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()]
    )
    return tokenizer


def _token_vectors(tokenizer, contexts: list[str], dimension: int) -> np.ndarray:
    vocab_size = tokenizer.get_vocab_size()
    # Encoded a few thousand at a time into arrays: 60k Encoding objects at once, or
    # per-entry Python lists of their ids, took hundreds of MB.
    lengths_parts, cols_parts = [], []
    for start in range(0, len(contexts), _ENCODE_BATCH):
        encodings = tokenizer.encode_batch(contexts[start : start + _ENCODE_BATCH], add_special_tokens=False)
        lengths_parts.append(np.array([len(e.ids) for e in encodings], dtype=np.int64))
        cols_parts.append(
            np.fromiter(itertools.chain.from_iterable(e.ids for e in encodings), dtype=np.int64)
        )
    lengths = np.concatenate(lengths_parts) if lengths_parts else np.zeros(0, dtype=np.int64)
    cols = np.concatenate(cols_parts) if cols_parts else np.zeros(0, dtype=np.int64)
    rows = np.repeat(np.arange(len(contexts)), lengths)
    counts = csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(contexts), vocab_size))
    counts.sum_duplicates()  # occurrences of each token in each sentence
    counts.data = 1.0 + np.log(counts.data)
    df = np.bincount(counts.indices, minlength=vocab_size)
    idf = np.log((1 + len(contexts)) / (1 + df)) + 1.0
    tfidf = counts.multiply(idf[np.newaxis, :]).tocsr()
    k = max(2, min(dimension, min(tfidf.shape) - 1))
    # One BLAS thread: on two cores shared with a running app (or other builds) OpenBLAS's
    # spinning threads made this step 10× slower (7 s instead of 0.8 s at 1×); single-threaded
    # it costs a few seconds even at 1000×. threadpoolctl comes with sentence-transformers.
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        sigma, vt = _randomized_svd(tfidf, k)
    vectors = (vt.T * sigma**_SINGULAR_POWER) * idf[:, np.newaxis]
    vectors[df == 0] = 0.0  # never seen: contributes nothing rather than noise
    if k < dimension:  # tiny corpora: pad so the model has the configured size
        vectors = np.hstack([vectors, np.zeros((vocab_size, dimension - k))])
    return np.ascontiguousarray(vectors, dtype=np.float32)


def _randomized_svd(matrix: csr_matrix, k: int, oversample: int = 10, power: int = 3):
    """Top-k singular values and right vectors (Halko et al. 2011); cost O(nnz·k).

    A full SVD of a sentence × vocabulary matrix takes seconds even for this corpus.
    """
    rng = np.random.default_rng(_SEED)
    width = min(k + oversample, min(matrix.shape))
    basis = _orthonormal(matrix @ rng.standard_normal((matrix.shape[1], width)))
    for _ in range(power):
        basis = _orthonormal(matrix.T @ basis)
        basis = _orthonormal(matrix @ basis)
    small = np.asarray((matrix.T @ basis).T)  # width × vocabulary, dense
    # The SVD of a short wide matrix from the eigenvectors of its width × width Gram matrix:
    # LAPACK's gesdd on 60k-column input took seconds (and 10× more when cores are shared).
    eigenvalues, left = np.linalg.eigh(small @ small.T)
    top = np.argsort(eigenvalues)[::-1][:k]
    sigma = np.sqrt(np.clip(eigenvalues[top], 0.0, None))
    vt = (left[:, top].T @ small) / np.where(sigma > 0, sigma, 1.0)[:, np.newaxis]
    return sigma, vt


def _orthonormal(block: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the columns: Cholesky QR twice (CholeskyQR2), else Householder.

    For a tall block (60k × 266) CholeskyQR2 is two Gram products and two triangular
    solves, 10× faster than np.linalg.qr here, and as accurate while the block is
    well-conditioned, which a power-iteration step on an orthonormal basis is. When it
    is not (a rank-deficient tiny corpus), the Cholesky factorisation fails or the
    check below does, and Householder QR is used. The block is overwritten.
    """
    from scipy.linalg import solve_triangular

    q = block  # overwritten in place: it spans the same columns at every step
    try:
        for _ in range(2):
            lower = np.linalg.cholesky(q.T @ q)
            # q.T is Fortran-ordered, so the solve writes into q's own memory, no copies.
            q = solve_triangular(lower, q.T, lower=True, overwrite_b=True, check_finite=False).T
    except np.linalg.LinAlgError:
        return np.linalg.qr(q)[0]
    if not np.allclose(q.T @ q, np.eye(q.shape[1]), atol=1e-8):
        return np.linalg.qr(q)[0]
    return q


def _map_thesaurus(tokenizer, vectors: np.ndarray) -> None:
    """A colloquial word points where the documents' own words point."""
    vocab = tokenizer.get_vocab()
    for colloquial, canonical in thesaurus().items():
        ids = [i for w in canonical for i in tokenizer.encode(w, add_special_tokens=False).ids]
        target = vectors[ids].mean(axis=0) if ids else None
        if colloquial in vocab and target is not None and np.any(target):
            vectors[vocab[colloquial]] = target


def build_corpus_encoder(
    texts: list[str], out_dir: Path, dimension: int = 256, token_counts: dict[str, int] | None = None
) -> Path:
    """Build and save the corpus encoder; returns the model directory.

    `token_counts`, when given, count the texts' `tokenize()` tokens (computed once for BM25 too).
    """
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, StaticEmbedding

    tokenizer = _tokenizer(_vocabulary(texts, token_counts))
    vectors = _token_vectors(tokenizer, _contexts(texts), dimension)
    _map_thesaurus(tokenizer, vectors)
    model = SentenceTransformer(
        modules=[StaticEmbedding(tokenizer, embedding_weights=vectors), Normalize()], device="cpu"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(str(out_dir))
    return out_dir
