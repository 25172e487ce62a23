"""Load every source document into a Corpus; a bad file is reported, never fatal."""

from __future__ import annotations

import hashlib
import logging
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from assistant.ingest.chunking import chunk_document
from assistant.ingest.loaders import (
    DEFAULT_LIMITS,
    SUPPORTED_SUFFIXES,
    LoadError,
    load_bytes,
    load_file,
    read_bounded,
    unsupported_type_message,
)
from assistant.ingest.metadata import PageMeta, extract_metadata, load_overrides
from assistant.ingest.normalise import normalise_document
from assistant.ingest.safety import UnsafeFile, safe_file_name
from assistant.ingest.validity import resolve_repeals
from assistant.models import Corpus, Document, IngestIssue
from assistant.parallel import pool_context, usable_cores
from assistant.settings import UploadSettings

log = logging.getLogger(__name__)

# How a missing metadata field is named in a report a curator reads.
FIELD_NAMES = {
    "title": "标题",
    "doc_number": "文号",
    "issuer": "发文机关",
    "date": "印发日期",
    "jurisdiction": "适用地区",
    "valid_from": "实施起始时间",
    "valid_to": "实施截止时间",
}

NO_POLICY_TEXT = "清洗后未找到政策正文"


def unexpected_error(exc: Exception) -> str:
    return f"读取时发生意外错误（{type(exc).__name__}: {exc}）"


def text_hash(text: str) -> str:
    """The content hash of a document: the same text uploaded again, in any encoding, matches."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# Bump when cleaning or chunking rules change, so persisted indexes are rebuilt.
# 2026.12.08: a numbered sentence too long to name a part ("（二）在本市…的灵活就业人员。") is a
# clause, never a heading (its words were in no clause's text). 2026.12.08b: a period whose
# start the text gives as a day is written by its days in the header card.
PIPELINE_VERSION = "2026.12.08b"
_PARALLEL_MIN_FILES = 200  # below this, starting worker processes (1–2 s each) does not pay


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
    unchanged: bool = Field(False, description="The same text is already in the corpus; nothing re-indexed")
    note: str | None = Field(None, description="What happened, for the curator, when not an error")


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


def build_document(
    name: str, raw_text: str, overrides: dict[str, object] | None, page: PageMeta | None = None
) -> Document:
    """Clean, describe and chunk one document's text."""
    norm = normalise_document(raw_text)
    extracted = extract_metadata(norm.lines, name, overrides, page=page, raw_lines=norm.raw_lines)
    extracted.meta.content_hash = text_hash(raw_text)
    clauses, chunk_warnings = chunk_document(extracted.meta, norm, extracted.front)
    warnings = [*norm.warnings, *chunk_warnings]
    warnings += [f"正文中未找到{FIELD_NAMES.get(field, field)}" for field in extracted.missing]
    return Document(meta=extracted.meta, clauses=clauses, warnings=warnings, fixes=dict(norm.fixes))


def fingerprint(sources_dir: Path) -> str:
    """A hash of every source file, the overrides, the pipeline and package versions, and
    the language data (assistant/data/: dictionary, thesaurus, stopwords …): editing
    userdict.txt changes how every clause is tokenised, so it must rebuild the index."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    digest.update(_package_version().encode())
    for name, data in _language_data():
        digest.update(name.encode())
        digest.update(data)
    paths = source_files(sources_dir)
    overrides = sources_dir / "overrides.yaml"
    if overrides.exists():
        paths.append(overrides)
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _package_version() -> str:
    try:
        return metadata.version("policy-assistant")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "source"


def _language_data() -> list[tuple[str, bytes]]:
    folder = resources.files("assistant.data")
    return sorted((entry.name, entry.read_bytes()) for entry in folder.iterdir() if entry.is_file())


def load_corpus(sources_dir: Path) -> tuple[Corpus, list[FileReport]]:
    """Every readable document in the folder, plus a report line per file."""
    documents: list[Document] = []
    errors: list[IngestIssue] = []
    reports: list[FileReport] = []
    if not sources_dir.is_dir():
        errors.append(IngestIssue(file=str(sources_dir), message="文件目录不存在"))
    try:
        overrides = load_overrides(sources_dir)
    except (OSError, ValueError, yaml.YAMLError) as exc:  # a broken overrides file loses only itself
        overrides = {}
        message = f"overrides.yaml 未生效：{type(exc).__name__}: {exc}".splitlines()[0]
        errors.append(IngestIssue(file="overrides.yaml", message=message))
        reports.append(FileReport(file="overrides.yaml", ok=False, error=message))
    seen_ids: dict[str, str] = {}
    seen_text: dict[str, str] = {}
    for path in _unsupported_files(sources_dir):
        message = unsupported_type_message(path)
        errors.append(IngestIssue(file=path.name, message=message))
        reports.append(FileReport(file=path.name, ok=False, error=message))
    for read in _read_all(source_files(sources_dir), overrides):
        if read.digest is not None and read.digest in seen_text:
            read = _Read(read.name, error=f"与 {seen_text[read.digest]} 内容相同，已跳过")
        elif read.document is not None and read.document.doc_id in seen_ids:
            used = seen_ids[read.document.doc_id]
            read = _Read(read.name, error=f"文档编号 {read.document.doc_id} 已被 {used} 使用")
        if read.document is None or read.digest is None:
            if read.traceback:  # a bug on one file must not lose the others
                log.error("failed on %s\n%s", read.name, read.traceback)
            else:
                log.warning("skipped %s: %s", read.name, read.error)
            errors.append(IngestIssue(file=read.name, message=str(read.error)))
            reports.append(FileReport(file=read.name, ok=False, error=read.error))
            continue
        seen_text[read.digest] = read.name
        seen_ids[read.document.doc_id] = read.name
        documents.append(read.document)
        reports.append(_report(read.name, read.document))
    resolve_repeals([d.meta for d in documents])
    corpus = Corpus(documents=documents, errors=errors, fingerprint=fingerprint(sources_dir))
    return corpus, reports


@dataclass
class _Read:
    """One source file read, cleaned and chunked, or why it could not be."""

    name: str
    digest: str | None = None  # of the decoded text, to skip duplicates
    document: Document | None = None
    error: str | None = None
    traceback: str | None = None  # when the error is a bug rather than a bad file


def _read(job: tuple[Path, dict[str, object] | None]) -> _Read:
    path, file_overrides = job
    digest = None
    try:
        raw = load_file(path)
        digest = text_hash(raw.text)
        document = build_document(path.name, raw.text, file_overrides, raw.page)
        if not any(c.kind != "header" for c in document.clauses):
            raise LoadError(NO_POLICY_TEXT)
    except LoadError as exc:
        return _Read(path.name, digest, error=str(exc))
    except Exception as exc:
        message = unexpected_error(exc)
        return _Read(path.name, digest, error=message, traceback=traceback.format_exc())
    return _Read(path.name, digest, document)


def _read_all(paths: list[Path], overrides: dict[str, dict[str, object]]) -> Iterator[_Read]:
    """Each file in order; on several cores for a large folder (about 10 ms of Python per file)."""
    jobs = [(path, overrides.get(path.name)) for path in paths]
    workers = usable_cores()
    if workers < 2 or len(jobs) < _PARALLEL_MIN_FILES:
        yield from map(_read, jobs)
        return
    with pool_context().Pool(workers) as pool:
        yield from pool.imap(_read, jobs, chunksize=16)


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


def ingest_files(
    paths: list[Path],
    sources_dir: Path,
    limits: UploadSettings = DEFAULT_LIMITS,
    on_file: Callable[[int, str], None] | None = None,
) -> list[FileReport]:
    """Check each file and copy the good ones into the sources folder.

    One call is one upload: a file that would take the upload past its total size limit is
    refused and the others still load. Each file is stored under a cleaned name (its last
    path part, no control characters or leading dots), and only inside sources_dir.

    A file whose text is already in the corpus (the same upload again, or the same text
    saved under another name or encoding) is recognised by its content hash: it is reported
    as unchanged and not copied, so nothing is re-indexed.
    """
    sources_dir.mkdir(parents=True, exist_ok=True)
    reports: list[FileReport] = []
    known = source_digests(sources_dir)
    budget = limits.max_request_bytes
    for i, path in enumerate(paths):
        if on_file is not None:
            on_file(i, path.name)
        name = path.name
        try:
            name = safe_file_name(path.name)
            if not path.is_file():
                raise LoadError("文件不存在")
            size = path.stat().st_size
            if size > budget and size <= limits.max_file_bytes:
                raise LoadError(
                    f"本次上传的文件合计超过 {limits.max_request_mb:g} MB 的上限，{name} 未加入；请分批上传"
                )
            data = read_bounded(path, limits)
            budget -= len(data)
            raw = load_bytes(name, data, limits)
            digest = text_hash(raw.text)
            if digest in known:
                reports.append(_unchanged(name, known[digest], sources_dir))
                continue
            target = sources_dir / name
            if target.exists():
                raise LoadError(f"文件库中已有同名文件 {name}，内容不同；如要更新该文件，请使用“替换”")
            document = build_document(name, raw.text, None, raw.page)
            if not any(c.kind != "header" for c in document.clauses):
                raise LoadError(NO_POLICY_TEXT)
            write_source(sources_dir, name, data)
            known[digest] = name
            report = _report(name, document)
            if name != path.name:
                report.note = f"文件名含路径或特殊字符，已保存为 {name}"
            reports.append(report)
        except UnsafeFile as exc:
            reports.append(FileReport(file=path.name, ok=False, error=str(exc)))
        except LoadError as exc:
            reports.append(FileReport(file=name, ok=False, error=str(exc)))
        except Exception as exc:  # a bug on one file must not lose the others
            log.exception("failed on %s", path)
            reports.append(FileReport(file=name, ok=False, error=unexpected_error(exc)))
    return reports


def write_source(sources_dir: Path, name: str, data: bytes) -> Path:
    """Write an upload's bytes (the ones that were checked, not the file again) into the
    sources folder, whole or not at all, and never anywhere else."""
    folder = sources_dir.resolve()
    target = folder / name
    if target.parent != folder or target.is_symlink():  # safe_file_name makes this unreachable
        raise LoadError(f"文件名 {name} 不可用")
    staged = folder / f".{name}.upload"  # hidden and unsupported: never loaded half-written
    staged.write_bytes(data)
    staged.replace(target)
    return target


def _unchanged(name: str, existing: str, sources_dir: Path) -> FileReport:
    overrides = _overrides_or_empty(sources_dir).get(existing)
    document = build_document(existing, load_file(sources_dir / existing).text, overrides)
    note = (
        "与文件库中已有的文件内容相同，未重新索引"
        if existing == name
        else (f"与文件库中的 {existing} 内容相同，未重复加入")
    )
    report = _report(existing, document)
    return report.model_copy(update={"file": name, "unchanged": True, "note": note})


def _overrides_or_empty(sources_dir: Path) -> dict[str, dict[str, object]]:
    try:
        return load_overrides(sources_dir)
    except (OSError, ValueError, yaml.YAMLError):
        return {}


def source_digests(sources_dir: Path) -> dict[str, str]:
    """Content hash of each readable source's text → its file name."""
    digests: dict[str, str] = {}
    for path in source_files(sources_dir):
        try:
            text = load_file(path).text
        except Exception:  # an unreadable source is load_corpus's to report, not ingest's
            continue
        digests.setdefault(text_hash(text), path.name)
    return digests
