"""FAISS over clause vectors: exact inner product for small corpora, HNSW above a size."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

HNSW_NEIGHBOURS = 32
HNSW_EF_SEARCH = 128
HNSW_EF_CONSTRUCTION = 80


def build_faiss(vectors: np.ndarray, exact_max: int) -> faiss.Index:
    """Exact search while it is cheap; above `exact_max` vectors an HNSW graph.

    Vectors are L2-normalised, so inner product is cosine similarity.
    """
    index = new_index(len(vectors), vectors.shape[1], exact_max)
    add_vectors(index, vectors)
    return index


def new_index(count: int, dimension: int, exact_max: int) -> faiss.Index:
    """An empty index for `count` vectors, of the kind build_faiss would choose."""
    if count <= exact_max:
        return faiss.IndexFlatIP(dimension)
    index = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    index.hnsw.efSearch = HNSW_EF_SEARCH
    return index


def add_vectors(index: faiss.Index, vectors: np.ndarray) -> None:
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))


def index_kind(index: faiss.Index) -> str:
    return "hnsw" if isinstance(index, faiss.IndexHNSWFlat) else "flat-ip"


def search(
    index: faiss.Index, query: np.ndarray, k: int, allowed: np.ndarray | None = None
) -> list[tuple[int, float]]:
    """(row, similarity) pairs, best first; with `allowed` (row ids), only those rows.

    The filter is an id selector evaluated inside FAISS's scan, so the k results are the
    best k allowed rows rather than what is left of the best k.
    """
    k = min(k, index.ntotal if allowed is None else len(allowed))
    if k <= 0:
        return []
    params = None
    if allowed is not None:
        selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
        if isinstance(index, faiss.IndexHNSWFlat):
            params = faiss.SearchParametersHNSW(sel=selector, efSearch=index.hnsw.efSearch)
        else:
            params = faiss.SearchParameters(sel=selector)
    # One query is a memory-bound scan; OpenMP threads only add wake-up latency (16 ms spikes
    # at 10k vectors on two shared cores, against 0.2 ms single-threaded). The setting is
    # per calling thread, and restored, so index builds keep their threads.
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        scores, ids = index.search(
            np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k, params=params
        )
    finally:
        faiss.omp_set_num_threads(threads)
    return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]


def stored_vectors(index: faiss.Index) -> np.ndarray:
    """Every vector the index holds, in row order (flat and HNSW keep them uncompressed)."""
    if index.ntotal == 0:
        return np.zeros((0, index.d), dtype=np.float32)
    return index.reconstruct_n(0, index.ntotal)


def save_faiss(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load_faiss(path: Path) -> faiss.Index:
    # Memory-mapped: a large index is paged in on demand instead of read whole.
    index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY)
    if isinstance(index, faiss.IndexHNSWFlat):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    return index
