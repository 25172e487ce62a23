"""Build, persist and reopen the clause index (dense FAISS + sparse BM25 + clauses).

Layout under the index folder:
    CURRENT                 name of the active build, replaced atomically
    build-<id>/manifest.json  format, encoder, dimension, corpus fingerprint, clause count,
                              FAISS type, and a SHA-256 of every file in the build
    build-<id>/clauses.jsonl  documents' metadata and clauses
    build-<id>/dense.faiss, build-<id>/sparse/, build-<id>/encoder/ (the model folder)
    build-<id>/sentences.npy    a vector per clause sentence (float16), for evidence selection
    build-<id>/sentence_offsets.npy  where each clause's sentences start in sentences.npy
    build-<id>/sentences.faiss  the sentence vectors searchable (up to exact_index_max of them)
    embeddings.sqlite3        vectors by text hash, shared by builds (settings.embedding_cache)

A new build is written completely in its own folder and only then named in CURRENT, so
an ingest killed half-way leaves the previous index in use. On open, a manifest that
does not match the corpus or the configured encoder, or a file whose checksum differs,
is reported in one log line and the index is rebuilt from the sources.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np
from pydantic import ValidationError

from assistant.embedding.cache import EmbeddingCache, embed_with_cache
from assistant.embedding.embedder import Embedder
from assistant.embedding.encoders import build_embedder, encoder_config, serving_embedder, uses_cache
from assistant.ingest.corpus import fingerprint, load_corpus
from assistant.models import Clause, Corpus, DocumentMeta
from assistant.settings import Settings
from assistant.store.clause_index import FORMAT_VERSION, ClauseIndex, ClauseSentences, Manifest, index_text
from assistant.store.dense import add_vectors, index_kind, load_faiss, new_index, save_faiss
from assistant.store.sparse import SparseIndex
from assistant.text.corpus_tokens import tokenize_corpus
from assistant.text.sentences import clause_sentences

log = logging.getLogger(__name__)

# (stage, done, total): "clauses" then "sentences" while vectors are computed.
BuildProgress = Callable[[str, int, int], None]
_EMBED_SLICE = 8192  # clauses embedded and added to FAISS at a time
_BUILD_NAME = re.compile(r"build-[A-Za-z0-9_-]+")  # what CURRENT may name: a folder beside it
_KEEP_OLD_BUILDS = 1


class IndexStale(Exception):
    """The persisted index cannot be used as it is; the message says why."""


def build_index(
    corpus: Corpus, settings: Settings, workdir: Path, progress: BuildProgress | None = None
) -> ClauseIndex:
    """Build every part of the index for this corpus, writing the encoder under workdir."""
    started = time.perf_counter()
    clauses = corpus.clauses()
    documents = {d.doc_id: d.meta for d in corpus.documents}
    texts = [index_text(c) for c in clauses]
    # jieba is most of the build time on a large corpus: segment once, for BM25 and the encoder.
    tokens = tokenize_corpus(texts)
    token_counts = tokens.counts()
    sparse = SparseIndex.build(texts, tokens)
    # Each step's inputs are dropped once used, so the peaks of the steps do not add up
    # (tokens and texts are 100 MB each at 200k clauses).
    del tokens
    embedder = build_embedder(settings, texts, workdir, corpus.fingerprint, token_counts)
    cache = EmbeddingCache(settings.embedding_cache) if uses_cache(settings) else None
    # Embedded and added a slice at a time: all the vectors next to FAISS's copy of them
    # made the build's peak (+200 MB at 200k clauses).
    clause_index = new_index(len(texts), embedder.dimension, settings.retrieval.exact_index_max)
    for start in range(0, len(texts), _EMBED_SLICE):
        part = texts[start : start + _EMBED_SLICE]
        report = _offset_progress(progress, "clauses", start, len(texts))
        add_vectors(clause_index, embed_with_cache(embedder, part, cache, report))
    del texts
    sentences = ClauseSentences.indexed(
        *_embed_sentences(clauses, embedder, cache, progress), settings.retrieval.exact_index_max
    )
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        encoder_id=embedder.id,
        encoder_config=encoder_config(settings),
        dimension=embedder.dimension,
        corpus_fingerprint=corpus.fingerprint,
        clause_count=len(clauses),
        faiss_type=index_kind(clause_index),
        built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        build_seconds=round(time.perf_counter() - started, 3),
    )
    return ClauseIndex(clauses, documents, clause_index, sparse, embedder, manifest, sentences)


class _LogProgress:
    """The default progress report: a log line at each further tenth of a stage."""

    def __init__(self) -> None:
        self._shown: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth > self._shown.get(stage, -1):
            self._shown[stage] = tenth
            what = "条款" if stage == "clauses" else "句子"
            log.info("正在计算%s向量：%d/%d", what, done, total)


def _offset_progress(progress: BuildProgress | None, stage: str, offset: int, total: int):
    if progress is None:
        return None
    return lambda done, _todo: progress(stage, offset + done, total)


def _embed_sentences(
    clauses: list[Clause], embedder: Embedder, cache: EmbeddingCache | None, progress: BuildProgress | None
) -> tuple[np.ndarray, np.ndarray]:
    """A vector per sentence of every clause (the evidence an answer is picked from).

    Stored as float16: the vectors only rank a clause's sentences against a question,
    and half the size keeps a 200k-clause corpus's sentences under 1 GB on disk.
    """
    offsets = np.zeros(len(clauses) + 1, dtype=np.int64)
    contexts: list[str] = []
    for row, clause in enumerate(clauses):
        contexts.extend(s.context for s in clause_sentences(clause))
        offsets[row + 1] = len(contexts)
    vectors = np.empty((len(contexts), embedder.dimension), dtype=np.float16)
    for start in range(0, len(contexts), _EMBED_SLICE):
        part = contexts[start : start + _EMBED_SLICE]
        report = _offset_progress(progress, "sentences", start, len(contexts))
        vectors[start : start + len(part)] = embed_with_cache(embedder, part, cache, report)
    return vectors, offsets


def save_index(index: ClauseIndex, build_dir: Path) -> None:
    """Write clauses, FAISS and BM25 into build_dir, then the manifest with checksums."""
    with (build_dir / "clauses.jsonl").open("w", encoding="utf-8") as out:
        for meta in index.documents.values():
            out.write(json.dumps({"document": meta.model_dump(mode="json")}, ensure_ascii=False))
            out.write("\n")
        for clause in index.clauses:
            out.write(json.dumps({"clause": clause.model_dump(mode="json")}, ensure_ascii=False))
            out.write("\n")
    save_faiss(index.dense, build_dir / "dense.faiss")
    np.save(build_dir / "sentences.npy", index.sentences.vectors)
    np.save(build_dir / "sentence_offsets.npy", index.sentences.offsets)
    if index.sentences.index is not None:
        save_faiss(index.sentences.index, build_dir / "sentences.faiss")
    index.sparse.save(build_dir / "sparse")
    index.manifest.files = _checksums(build_dir)
    (build_dir / "manifest.json").write_text(index.manifest.model_dump_json(indent=1), "utf-8")


def _checksums(build_dir: Path) -> dict[str, str]:
    sums = {}
    for path in sorted(build_dir.rglob("*")):
        if path.is_file() and path.name != "manifest.json":
            with path.open("rb") as data:  # streamed: read_bytes held the 250 MB FAISS file in memory
                sums[str(path.relative_to(build_dir))] = hashlib.file_digest(data, "sha256").hexdigest()
    return sums


def load_index(build_dir: Path, settings: Settings, corpus_fp: str) -> ClauseIndex:
    """Open a persisted build, or raise IndexStale saying what is wrong with it."""
    try:
        manifest = Manifest.model_validate_json((build_dir / "manifest.json").read_text("utf-8"))
    except (OSError, ValidationError, ValueError) as exc:
        raise IndexStale(f"manifest missing or unreadable ({type(exc).__name__})") from exc
    if manifest.format_version != FORMAT_VERSION:
        raise IndexStale(f"format {manifest.format_version}, expected {FORMAT_VERSION}")
    if manifest.encoder_config != encoder_config(settings):
        configured = encoder_config(settings)
        raise IndexStale(f"built with encoder '{manifest.encoder_config}', configured '{configured}'")
    if manifest.corpus_fingerprint != corpus_fp:
        raise IndexStale("the documents changed since the index was built")
    actual = _checksums(build_dir)
    if actual != manifest.files:
        changed = sorted(set(actual.items()) ^ set(manifest.files.items()))
        raise IndexStale(f"files differ from the manifest: {sorted({n for n, _ in changed})}")
    try:
        return _read_build(build_dir, settings, manifest)
    except Exception as exc:  # any read failure of a checksummed build means: rebuild
        raise IndexStale(f"cannot read the index ({type(exc).__name__}: {exc})") from exc


def _read_build(build_dir: Path, settings: Settings, manifest: Manifest) -> ClauseIndex:
    documents: dict[str, DocumentMeta] = {}
    clauses: list[Clause] = []
    with (build_dir / "clauses.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if "document" in record:
                meta = DocumentMeta.model_validate(record["document"])
                documents[meta.doc_id] = meta
            else:
                clauses.append(Clause.model_validate(record["clause"]))
    if len(clauses) != manifest.clause_count:
        raise IndexStale(f"{len(clauses)} clauses on disk, manifest says {manifest.clause_count}")
    clause_index = load_faiss(build_dir / "dense.faiss")
    if clause_index.ntotal != manifest.clause_count or clause_index.d != manifest.dimension:
        raise IndexStale("the FAISS index does not match the manifest")
    sparse = SparseIndex.load(build_dir / "sparse", len(clauses))
    sentence_vectors = np.load(build_dir / "sentences.npy", mmap_mode="r")
    offsets = np.load(build_dir / "sentence_offsets.npy")
    if len(offsets) != len(clauses) + 1 or int(offsets[-1]) != len(sentence_vectors):
        raise IndexStale("the sentence vectors do not match the clauses")
    sentence_file = build_dir / "sentences.faiss"
    sentences = ClauseSentences(
        sentence_vectors, offsets, load_faiss(sentence_file) if sentence_file.exists() else None
    )
    embedder = serving_embedder(build_dir, settings, manifest.encoder_id)
    return ClauseIndex(clauses, documents, clause_index, sparse, embedder, manifest, sentences)


def rebuild(
    settings: Settings, corpus: Corpus | None = None, progress: BuildProgress | None = None
) -> ClauseIndex:
    """Build from the sources into a fresh folder, then atomically make it current."""
    root = settings.index_dir
    root.mkdir(parents=True, exist_ok=True)
    corpus = corpus or load_corpus(settings.sources_dir)[0]
    corpus_fp = corpus.fingerprint
    build_dir = root / f"build-{corpus_fp}-{uuid.uuid4().hex[:8]}"
    tmp_dir = root / f".tmp-{build_dir.name}"
    tmp_dir.mkdir()
    try:
        index = build_index(corpus, settings, tmp_dir, progress or _LogProgress())
        save_index(index, tmp_dir)
        os.replace(tmp_dir, build_dir)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
    del index, corpus  # not held while the build is reopened: they would double the peak memory
    _point_current(root, build_dir.name)
    _remove_old_builds(root, keep=build_dir.name)
    # Reopen from disk so the returned index is exactly what later processes will load.
    return load_index(build_dir, settings, corpus_fp)


def _point_current(root: Path, name: str) -> None:
    tmp = root / f".CURRENT-{uuid.uuid4().hex[:8]}"
    tmp.write_text(name, "utf-8")
    if (root / "CURRENT").is_dir():  # a pointer broken into a folder cannot be replaced by a file
        shutil.rmtree(root / "CURRENT")
    os.replace(tmp, root / "CURRENT")


def _remove_old_builds(root: Path, keep: str) -> None:
    builds = sorted(
        (p for p in root.glob("build-*") if p.is_dir() and p.name != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in builds[_KEEP_OLD_BUILDS:]:
        shutil.rmtree(old, ignore_errors=True)
    for stale_tmp in root.glob(".tmp-build-*"):
        if time.time() - stale_tmp.stat().st_mtime > 3600:  # a build killed long ago
            shutil.rmtree(stale_tmp, ignore_errors=True)


def current_build(settings: Settings) -> Path | None:
    """The build CURRENT names, or None. A pointer that cannot be read or names no build
    folder (garbage bytes, a path outside the index) is logged and treated as no index."""
    pointer = settings.index_dir / "CURRENT"
    if not pointer.exists():
        return None
    try:
        name = pointer.read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("index pointer %s unreadable (%s); rebuilding from the sources", pointer, exc)
        return None
    if not _BUILD_NAME.fullmatch(name):
        log.warning("index pointer %s names no build (%r); rebuilding from the sources", pointer, name[:80])
        return None
    return settings.index_dir / name


def open_index(settings: Settings, progress: BuildProgress | None = None) -> ClauseIndex:
    """The current index if it matches the sources and settings; otherwise a rebuilt one."""
    corpus_fp = fingerprint(settings.sources_dir)
    build_dir = current_build(settings)
    if build_dir is None:
        log.info("no index yet under %s; building from %s", settings.index_dir, settings.sources_dir)
        return rebuild(settings, progress=progress)
    try:
        return load_index(build_dir, settings, corpus_fp)
    except IndexStale as exc:
        log.warning("index %s not used: %s; rebuilding from the sources", build_dir.name, exc)
        return rebuild(settings, progress=progress)
