"""Load every source document into a Corpus; a bad file is reported, never fatal."""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from assistant.ingest.chunking import chunk_document
from assistant.ingest.loaders import SUPPORTED_SUFFIXES, LoadError, load_file, unsupported_type_message
from assistant.ingest.metadata import extract_metadata, load_overrides
from assistant.ingest.normalise import normalise_document
from assistant.models import Corpus, Document, IngestIssue

log = logging.getLogger(__name__)

# Bump when cleaning or chunking rules change, so persisted indexes are rebuilt.
PIPELINE_VERSION = "2026.11.6"


class FileReport(BaseModel):
    """What happened to one file: loaded (with warnings and fixes) or rejected (with why)."""

    file: str
    ok: bool
    doc_id: str | None = None
    title: str | None = None
    clauses: int = 0
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)
    fixes: dict[str, int] = Field(default_factory=dict)
    field_sources: dict[str, str] = Field(default_factory=dict)
    missing_fields: list[str] = Field(default_factory=list)


def source_files(sources_dir: Path) -> list[Path]:
    if not sources_dir.is_dir():
        return []
    return sorted(p for p in sources_dir.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)


def _unsupported_files(sources_dir: Path) -> list[Path]:
    """Files a user put in the folder that cannot be read (a .xlsx, a .doc), to report them."""
    if not sources_dir.is_dir():
        return []
    return sorted(
        p
        for p in sources_dir.iterdir()
        if p.is_file()
        and p.suffix.lower() not in SUPPORTED_SUFFIXES
        and p.name != "overrides.yaml"
        and not p.name.startswith(".")
    )


def build_document(name: str, raw_text: str, overrides: dict[str, object] | None) -> Document:
    """Clean, describe and chunk one document's text."""
    norm = normalise_document(raw_text)
    extracted = extract_metadata(norm.lines, name, overrides)
    clauses, chunk_warnings = chunk_document(extracted.meta, norm, extracted.front)
    warnings = [*norm.warnings, *chunk_warnings]
    warnings += [f"metadata field not found in the text: {field}" for field in extracted.missing]
    return Document(meta=extracted.meta, clauses=clauses, warnings=warnings, fixes=dict(norm.fixes))


def fingerprint(sources_dir: Path) -> str:
    """A hash of every source file, the overrides and the pipeline version."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    paths = source_files(sources_dir)
    overrides = sources_dir / "overrides.yaml"
    if overrides.exists():
        paths.append(overrides)
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_corpus(sources_dir: Path) -> tuple[Corpus, list[FileReport]]:
    """Every readable document in the folder, plus a report line per file."""
    documents: list[Document] = []
    errors: list[IngestIssue] = []
    reports: list[FileReport] = []
    if not sources_dir.is_dir():
        errors.append(IngestIssue(file=str(sources_dir), message="the sources folder does not exist"))
    try:
        overrides = load_overrides(sources_dir)
    except (OSError, ValueError, yaml.YAMLError) as exc:  # a broken overrides file loses only itself
        overrides = {}
        message = f"overrides ignored: {type(exc).__name__}: {exc}".splitlines()[0]
        errors.append(IngestIssue(file="overrides.yaml", message=message))
        reports.append(FileReport(file="overrides.yaml", ok=False, error=message))
    seen_ids: dict[str, str] = {}
    seen_text: dict[str, str] = {}
    for path in _unsupported_files(sources_dir):
        message = unsupported_type_message(path)
        errors.append(IngestIssue(file=path.name, message=message))
        reports.append(FileReport(file=path.name, ok=False, error=message))
    for path in source_files(sources_dir):
        try:
            raw = load_file(path)
            digest = hashlib.sha256(raw.text.encode()).hexdigest()
            if digest in seen_text:
                raise LoadError(f"duplicate of {seen_text[digest]}; skipped")
            document = build_document(path.name, raw.text, overrides.get(path.name))
            if not any(c.kind != "header" for c in document.clauses):
                raise LoadError("no policy text found after cleaning")
            if document.doc_id in seen_ids:
                raise LoadError(f"doc_id {document.doc_id} already used by {seen_ids[document.doc_id]}")
        except LoadError as exc:
            errors.append(IngestIssue(file=path.name, message=str(exc)))
            reports.append(FileReport(file=path.name, ok=False, error=str(exc)))
            log.warning("skipped %s: %s", path.name, exc)
            continue
        except Exception as exc:  # a bug on one file must not lose the others
            log.exception("failed on %s", path.name)
            message = f"unexpected error while reading ({type(exc).__name__}: {exc})"
            errors.append(IngestIssue(file=path.name, message=message))
            reports.append(FileReport(file=path.name, ok=False, error=message))
            continue
        seen_text[digest] = path.name
        seen_ids[document.doc_id] = path.name
        documents.append(document)
        reports.append(_report(path.name, document))
    corpus = Corpus(documents=documents, errors=errors, fingerprint=fingerprint(sources_dir))
    return corpus, reports


def _report(name: str, document: Document) -> FileReport:
    return FileReport(
        file=name,
        ok=True,
        doc_id=document.doc_id,
        title=document.meta.title,
        clauses=len(document.clauses),
        warnings=document.warnings,
        fixes=document.fixes,
        field_sources=dict(document.meta.field_sources),
        missing_fields=[k for k, v in document.meta.field_sources.items() if v == "missing"],
    )


def ingest_files(paths: list[Path], sources_dir: Path) -> list[FileReport]:
    """Check each file and copy the good ones into the sources folder."""
    sources_dir.mkdir(parents=True, exist_ok=True)
    reports: list[FileReport] = []
    known = _text_digests(sources_dir)
    for path in paths:
        try:
            if not path.is_file():
                raise LoadError("no such file")
            raw = load_file(path)
            document = build_document(path.name, raw.text, None)
            if not any(c.kind != "header" for c in document.clauses):
                raise LoadError("no policy text found after cleaning")
            target = sources_dir / path.name
            if target.exists() and target.read_bytes() != path.read_bytes():
                raise LoadError(f"a different file named {path.name} is already in the corpus")
            digest = hashlib.sha256(raw.text.encode()).hexdigest()
            if known.get(digest, path.name) != path.name:
                raise LoadError(f"duplicate of {known[digest]}; skipped")
            shutil.copyfile(path, target)
            known[digest] = path.name
            reports.append(_report(path.name, document))
        except LoadError as exc:
            reports.append(FileReport(file=path.name, ok=False, error=str(exc)))
        except Exception as exc:  # a bug on one file must not lose the others
            log.exception("failed on %s", path)
            message = f"unexpected error while reading ({type(exc).__name__}: {exc})"
            reports.append(FileReport(file=path.name, ok=False, error=message))
    return reports


def _text_digests(sources_dir: Path) -> dict[str, str]:
    """Hash of each readable source's text → its file name, to spot a document added twice."""
    digests: dict[str, str] = {}
    for path in source_files(sources_dir):
        try:
            text = load_file(path).text
        except Exception:  # an unreadable source is load_corpus's to report, not ingest's
            continue
        digests.setdefault(hashlib.sha256(text.encode()).hexdigest(), path.name)
    return digests
