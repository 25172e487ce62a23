"""HNSW against exact search on the same clause vectors and the same query vectors.

Recall@k counts an HNSW hit as right when exact search scores it at least as high as its
own k-th hit: synthetic variants of one clause can have identical vectors, and which of
two equal vectors is returned is not an error. The strict id overlap is reported too.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import numpy as np

EF_SEARCH = (16, 32, 64, 128, 256)
EXACT_SIZES = (5_000, 10_000, 20_000, 50_000, 100_000)
_TIE = 1e-5


def parse_configs(spec: str) -> list[tuple[int, int]]:
    """'16x40,32x80' → [(16, 40), (32, 80)]: HNSW neighbours × efConstruction to build."""
    out = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        neighbours, _, construction = part.partition("x")
        out.append((int(neighbours), int(construction)))
    return out


def stored_vectors(index) -> np.ndarray:  # index: faiss.Index
    import faiss

    flat = faiss.downcast_index(index.storage) if isinstance(index, faiss.IndexHNSWFlat) else index
    return np.ascontiguousarray(flat.reconstruct_n(0, index.ntotal), dtype=np.float32)


def recall(found: np.ndarray, exact_ids: np.ndarray, exact_scores: np.ndarray, scores: np.ndarray) -> float:
    """Tie-aware recall of one query: found ids whose exact score reaches the exact k-th score."""
    k = len(exact_ids)
    kth = exact_scores[k - 1]
    hits = sum(1 for row in found[:k] if row >= 0 and scores[row] >= kth - _TIE)
    return hits / k


def search_each(index, queries: np.ndarray, k: int) -> tuple[np.ndarray, list[float]]:
    """One query at a time, as the retriever searches; ids and per-query milliseconds."""
    ids, times = [], []
    for row in queries:
        start = time.perf_counter()
        _, found = index.search(row.reshape(1, -1), k)
        times.append((time.perf_counter() - start) * 1000)
        ids.append(found[0])
    return np.array(ids), times


def sweep(index, queries, vectors, exact_ids, exact_scores, neighbours, construction, build_s) -> list[dict]:
    out = []
    all_scores = queries @ vectors.T
    for ef in EF_SEARCH:
        index.hnsw.efSearch = ef
        found, times = search_each(index, queries, exact_ids.shape[1])
        rows = list(zip(found, exact_ids, exact_scores, all_scores, strict=True))
        tied = [recall(f[:10], e[:10], s[:10], a) for f, e, s, a in rows]
        wide = [recall(f, e, s, a) for f, e, s, a in rows]
        strict = [len(set(f[:10]) & set(e[:10])) / 10 for f, e, _, _ in rows]
        out.append(
            {
                "neighbours": neighbours,
                "ef_construction": construction,
                "ef_search": ef,
                "build_s": build_s,
                "recall_at_10": round(float(np.mean(tied)), 4),
                "recall_at_10_ids": round(float(np.mean(strict)), 4),
                "recall_at_candidates": round(float(np.mean(wide)), 4),
                "search_p50_ms": round(statistics.median(times), 4),
            }
        )
    return out


def measure_hnsw(sources: Path, index_dir: Path, scale: int, qa: Path, configs: str) -> dict:
    import faiss

    from assistant.bench.models import HnswResult
    from assistant.eval.dataset import load_qa
    from assistant.question.understand import understand
    from assistant.settings import load_settings
    from assistant.store.dense import HNSW_EF_CONSTRUCTION, HNSW_NEIGHBOURS
    from assistant.store.index_store import open_index

    faiss.omp_set_num_threads(1)  # one query at a time, single-threaded, as dense.search does
    settings = load_settings(paths={"sources_dir": str(sources), "index_dir": str(index_dir)})
    index = open_index(settings)
    vectors = stored_vectors(index.dense)
    documents = list(index.documents.values())
    queries = np.stack(
        [index.embedder.embed_query(understand(i.question, documents).normalised) for i in load_qa(qa)]
    ).astype(np.float32)
    k = max(10, settings.retrieval.candidates)
    exact = faiss.IndexFlatIP(vectors.shape[1])
    exact.add(vectors)
    exact_ids, exact_times = search_each(exact, queries, k)
    exact_scores = np.take_along_axis(queries @ vectors.T, exact_ids, axis=1)
    by_size = {}
    for n in [s for s in EXACT_SIZES if s < len(vectors)] + [len(vectors)]:
        part = faiss.IndexFlatIP(vectors.shape[1])
        part.add(vectors[:n])
        by_size[n] = round(statistics.median(search_each(part, queries, k)[1]), 4)
    results: list[dict] = []
    if isinstance(index.dense, faiss.IndexHNSWFlat):  # the persisted index, as the app uses it
        results += sweep(index.dense, queries, vectors, exact_ids, exact_scores,
                         HNSW_NEIGHBOURS, HNSW_EF_CONSTRUCTION, None)  # fmt: skip
    for neighbours, construction in parse_configs(configs):
        hnsw = faiss.IndexHNSWFlat(vectors.shape[1], neighbours, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = construction
        start = time.perf_counter()
        hnsw.add(vectors)
        build_s = round(time.perf_counter() - start, 2)
        results += sweep(hnsw, queries, vectors, exact_ids, exact_scores, neighbours, construction, build_s)
    return HnswResult(
        scale=scale,
        vectors=len(vectors),
        distinct_vectors=len(np.unique(vectors.round(5), axis=0)),
        queries=len(queries),
        exact_search_p50_ms=round(statistics.median(exact_times), 4),
        configs=results,
        exact_p50_ms_by_size=by_size,
    ).model_dump()
