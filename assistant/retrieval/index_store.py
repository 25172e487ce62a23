"""Build, persist and reopen the clause index (dense FAISS + sparse BM25 + clauses).

Layout under the index folder:
    CURRENT                 name of the active build, replaced atomically
    build-<id>/manifest.json  format, encoder, dimension, corpus fingerprint, clause count,
                              FAISS type, and a SHA-256 of every file in the build
    build-<id>/clauses.jsonl  documents' metadata and clauses
    build-<id>/dense.faiss, build-<id>/sparse/, build-<id>/encoder/ (corpus-built model)

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
from dataclasses import dataclass
from pathlib import Path

import faiss
from pydantic import BaseModel, ValidationError

from assistant.ingest.corpus import fingerprint, load_corpus
from assistant.models import Clause, Corpus, DocumentMeta
from assistant.retrieval.dense import add_vectors, index_kind, load_faiss, new_index, save_faiss
from assistant.retrieval.embedder import Embedder, SentenceTransformerEmbedder
from assistant.retrieval.sparse import SparseIndex
from assistant.retrieval.static_encoder import build_corpus_encoder
from assistant.retrieval.tokens import tokenize_corpus
from assistant.settings import DEFAULT_ENCODER, Settings

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
_EMBED_SLICE = 8192  # clauses embedded and added to FAISS at a time
_BUILD_NAME = re.compile(r"build-[A-Za-z0-9_-]+")  # what CURRENT may name: a folder beside it
_KEEP_OLD_BUILDS = 1


class IndexStale(Exception):
    """The persisted index cannot be used as it is; the message says why."""


class Manifest(BaseModel):
    format_version: int
    encoder_id: str
    encoder_config: str
    dimension: int
    corpus_fingerprint: str
    clause_count: int
    faiss_type: str
    built_at: str
    build_seconds: float
    files: dict[str, str]


@dataclass
class ClauseIndex:
    """Everything a query needs, in memory (FAISS and BM25 memory-mapped when loaded)."""

    clauses: list[Clause]
    documents: dict[str, DocumentMeta]
    dense: faiss.Index
    sparse: SparseIndex
    embedder: Embedder
    manifest: Manifest


def index_text(clause: Clause) -> str:
    """What both retrievers see for a clause: its headings and text.

    The document title is left out: repeated on every clause it adds nothing to tell
    them apart, and a question naming a document is handled by boosting that document.
    """
    return clause.search_text


def encoder_config(settings: Settings) -> str:
    return f"{settings.embedding.model}|dim={settings.embedding.dimension}"


def build_index(corpus: Corpus, settings: Settings, workdir: Path) -> ClauseIndex:
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
    embedder = _embedder_for_build(settings, texts, workdir, corpus.fingerprint, token_counts)
    # Embedded and added a slice at a time: all the vectors next to FAISS's copy of them
    # made the build's peak (+200 MB at 200k clauses).
    dense = new_index(len(texts), embedder.dimension, settings.retrieval.exact_index_max)
    for start in range(0, len(texts), _EMBED_SLICE):
        add_vectors(dense, embedder.embed_documents(texts[start : start + _EMBED_SLICE]))
    del texts
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        encoder_id=embedder.id,
        encoder_config=encoder_config(settings),
        dimension=embedder.dimension,
        corpus_fingerprint=corpus.fingerprint,
        clause_count=len(clauses),
        faiss_type=index_kind(dense),
        built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        build_seconds=round(time.perf_counter() - started, 3),
        files={},
    )
    return ClauseIndex(clauses, documents, dense, sparse, embedder, manifest)


def _embedder_for_build(
    settings: Settings, texts: list[str], workdir: Path, corpus_fp: str, token_counts: dict[str, int]
) -> Embedder:
    if settings.embedding.model == DEFAULT_ENCODER:
        dimension = settings.embedding.dimension
        model_dir = build_corpus_encoder(texts, workdir / "encoder", dimension, token_counts)
        return SentenceTransformerEmbedder(
            str(model_dir), model_id=f"{DEFAULT_ENCODER}:{corpus_fp}", batch_size=256, threads=1
        )
    return SentenceTransformerEmbedder(
        settings.embedding.model,
        query_prefix=settings.embedding.query_prefix,
        batch_size=settings.embedding.batch_size,
    )


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
    dense = load_faiss(build_dir / "dense.faiss")
    if dense.ntotal != manifest.clause_count or dense.d != manifest.dimension:
        raise IndexStale("the FAISS index does not match the manifest")
    sparse = SparseIndex.load(build_dir / "sparse", len(clauses))
    encoder = build_dir / "encoder"
    if encoder.exists():
        embedder: Embedder = SentenceTransformerEmbedder(str(encoder), model_id=manifest.encoder_id)
    else:
        embedder = SentenceTransformerEmbedder(
            settings.embedding.model, query_prefix=settings.embedding.query_prefix
        )
    return ClauseIndex(clauses, documents, dense, sparse, embedder, manifest)


def rebuild(settings: Settings, corpus: Corpus | None = None) -> ClauseIndex:
    """Build from the sources into a fresh folder, then atomically make it current."""
    root = settings.index_dir
    root.mkdir(parents=True, exist_ok=True)
    corpus = corpus or load_corpus(settings.sources_dir)[0]
    corpus_fp = corpus.fingerprint
    build_dir = root / f"build-{corpus_fp}-{uuid.uuid4().hex[:8]}"
    tmp_dir = root / f".tmp-{build_dir.name}"
    tmp_dir.mkdir()
    try:
        index = build_index(corpus, settings, tmp_dir)
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


def open_index(settings: Settings) -> ClauseIndex:
    """The current index if it matches the sources and settings; otherwise a rebuilt one."""
    corpus_fp = fingerprint(settings.sources_dir)
    build_dir = current_build(settings)
    if build_dir is None:
        log.info("no index yet under %s; building from %s", settings.index_dir, settings.sources_dir)
        return rebuild(settings)
    try:
        return load_index(build_dir, settings, corpus_fp)
    except IndexStale as exc:
        log.warning("index %s not used: %s; rebuilding from the sources", build_dir.name, exc)
        return rebuild(settings)
