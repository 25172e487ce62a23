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
_SEED = 13


def _contexts(texts: list[str]) -> list[str]:
    """Sentences are the co-occurrence windows: clauses are too few and too long."""
    out = [s.strip() for text in texts for s in split_sentences(normalise_query(text))]
    out = [s for s in out if len(s) >= 4]
    if len(out) > _MAX_CONTEXTS:
        out = random.Random(_SEED).sample(out, _MAX_CONTEXTS)
    return out


def _vocabulary(texts: list[str]) -> dict[str, int]:
    """Word and character counts; every character is kept so no text is unknown."""
    counts: Counter[str] = Counter()
    for text in texts:
        text = normalise_query(text)
        counts.update(w for w in segment(text) if not w.isspace())
        counts.update(tokenize(text))
        counts.update(ch for ch in text if not ch.isspace())
    for colloquial, canonical in thesaurus().items():
        counts[colloquial] += 1
        counts.update(canonical)
    return dict(counts)


def _tokenizer(counts: dict[str, int]):  # -> tokenizers.Tokenizer
    from tokenizers import Tokenizer, normalizers, pre_tokenizers
    from tokenizers.models import Unigram

    total = sum(counts.values())
    # Unigram/Viterbi picks the most probable segmentation: known words beat characters.
    pieces = [(UNK, 0.0)] + [
        (piece, math.log(count / total)) for piece, count in sorted(counts.items())
    ]
    tokenizer = Tokenizer(Unigram(pieces, unk_id=0, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()]
    )
    return tokenizer


def _token_vectors(tokenizer, contexts: list[str], dimension: int) -> np.ndarray:
    vocab_size = tokenizer.get_vocab_size()
    rows, cols, vals = [], [], []
    for row, encoding in enumerate(tokenizer.encode_batch(contexts, add_special_tokens=False)):
        for token_id, count in Counter(encoding.ids).items():
            rows.append(row)
            cols.append(token_id)
            vals.append(1.0 + math.log(count))
    counts = csr_matrix((vals, (rows, cols)), shape=(len(contexts), vocab_size), dtype=np.float64)
    df = np.bincount(cols, minlength=vocab_size)
    idf = np.log((1 + len(contexts)) / (1 + df)) + 1.0
    tfidf = counts.multiply(idf[np.newaxis, :]).tocsr()
    k = max(2, min(dimension, min(tfidf.shape) - 1))
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
    basis, _ = np.linalg.qr(matrix @ rng.standard_normal((matrix.shape[1], width)))
    for _ in range(power):
        basis, _ = np.linalg.qr(matrix.T @ basis)
        basis, _ = np.linalg.qr(matrix @ basis)
    small = np.asarray((matrix.T @ basis).T)  # width × vocabulary, dense
    _, sigma, vt = np.linalg.svd(small, full_matrices=False)
    return sigma[:k], vt[:k]


def _map_thesaurus(tokenizer, vectors: np.ndarray) -> None:
    """A colloquial word points where the documents' own words point."""
    vocab = tokenizer.get_vocab()
    for colloquial, canonical in thesaurus().items():
        ids = [i for w in canonical for i in tokenizer.encode(w, add_special_tokens=False).ids]
        target = vectors[ids].mean(axis=0) if ids else None
        if colloquial in vocab and target is not None and np.any(target):
            vectors[vocab[colloquial]] = target


def build_corpus_encoder(texts: list[str], out_dir: Path, dimension: int = 256) -> Path:
    """Build and save the corpus encoder; returns the model directory."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, StaticEmbedding

    tokenizer = _tokenizer(_vocabulary(texts))
    vectors = _token_vectors(tokenizer, _contexts(texts), dimension)
    _map_thesaurus(tokenizer, vectors)
    model = SentenceTransformer(
        modules=[StaticEmbedding(tokenizer, embedding_weights=vectors), Normalize()], device="cpu"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(str(out_dir))
    return out_dir
