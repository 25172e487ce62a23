"""Ingest a whole folder (every file, in sub-folders too) and account for every sentence.

`python -m assistant survey FOLDER` reads each supported file the way the library does
(load, clean, metadata, clauses; no embedding), and reports what a curator loading a large
collection needs to know: which files were refused and why (in Chinese), how long it took,
the peak memory, how many documents, clauses and sentences, and whether each sentence of
each cleaned text landed in exactly one clause (none lost, none doubled).
"""

from __future__ import annotations

import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.ingest.corpus import NO_POLICY_TEXT, build_document, unexpected_error
from assistant.ingest.enactment import read_event
from assistant.ingest.header import DOC_NUMBER, date_line, is_org
from assistant.ingest.loaders import SUPPORTED_SUFFIXES, LoadError, load_file
from assistant.ingest.normalise import normalise_document
from assistant.models import Document

# Where a sentence ends; a clause may also end mid-sentence where a long one is split.
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")


class Refusal(BaseModel):
    file: str
    reason: str = Field(description="Why the file was not ingested, as the curator reads it")


class SentenceCheck(BaseModel):
    """Sentences of a cleaned text against the sentences of its clauses."""

    sentences: int = 0
    lost: list[str] = Field(default_factory=list, description="In the text, in no clause")
    doubled: list[str] = Field(default_factory=list, description="In more clauses than the text has it")


class SurveyReport(BaseModel):
    folder: str
    files: int
    documents: int
    clauses: int
    sentences: int
    seconds: float
    peak_memory_mb: float = Field(description="Peak resident memory of this process (getrusage)")
    refusals: list[Refusal] = Field(default_factory=list)
    lost_sentences: dict[str, list[str]] = Field(default_factory=dict, description="file → sentences")
    doubled_sentences: dict[str, list[str]] = Field(default_factory=dict, description="file → sentences")


def folder_files(root: Path, only: set[str] | None = None) -> list[Path]:
    """Every supported file under root, sorted; only those listed (paths relative to root)."""
    paths = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    if only is not None:
        paths = [p for p in paths if p.relative_to(root).as_posix() in only]
    return paths


def read_document(path: Path) -> Document:
    """One file as the library reads it, or LoadError with the reason in Chinese."""
    raw = load_file(path)
    document = build_document(path.name, raw.text, None, raw.page)
    if not any(c.kind != "header" for c in document.clauses):
        raise LoadError(NO_POLICY_TEXT)
    return document


def sentences(text: str) -> list[str]:
    """The sentences of a text, compared without spaces and markdown `#` (a clause puts a
    space after its 第X条 and keeps a paragraph's lines apart with a line break)."""
    text = text.replace("．", ".")  # a clause writes its 1． marker as 1.
    keys = (re.sub(r"[\s#]+", "", s) for line in text.split("\n") for s in _SENTENCE_END.split(line))
    return [k for k in keys if k]


def check_sentences(path: Path, document: Document) -> SentenceCheck:
    """Each sentence of the cleaned text is in exactly one clause, counted with repeats.

    Three kinds of line are placed without being a clause's text: a heading (## 第一章 总则,
    （一）标题) stands above its clauses as their path and heading; the title, 文号, signing
    bodies and date lines are what the header clause states (its source text holds those at
    the top); a sentence cut between two pieces of a very long clause is in their joined text.
    """
    cleaned = normalise_document(load_file(path).text)
    want = Counter(s for line in cleaned.lines for s in sentences(line.text))
    got: Counter[str] = Counter()
    for clause in document.clauses:  # a long header is cut in pieces sharing one source
        if clause.kind != "header" or clause.clause_id.endswith(":header"):
            got.update(sentences(clause.original if clause.kind == "header" else clause.text))
    lost = [s for s, n in want.items() if got[s] < n]
    if lost:
        joined = "".join(sentences("\n".join(c.text for c in document.clauses)))
        above = _headings(document)
        title = "".join(sentences(document.meta.title))
        lost = [s for s in lost if joined.count(s) < want[s] and s.rstrip("。；：:") not in above | {title}]
        lost = [s for s in lost if not _metadata_line(s)]
    doubled = [s for s, n in got.items() if n > want.get(s, 0) and s in want]
    return SentenceCheck(sentences=sum(want.values()), lost=lost, doubled=doubled)


def _headings(document: Document) -> set[str]:
    """Every heading as its line read: marker alone, heading alone, or marker and heading."""
    found: set[str] = set()
    for clause in document.clauses:
        markers = [k for m in clause.path for k in sentences(m)]
        headings = [k for h in clause.headings for k in sentences(h)]
        found.update(markers, headings, (m + h for m in markers for h in headings))
    return found


def _metadata_line(key: str) -> bool:
    """A line the header clause states in words of its own: a date, a body, a 文号, a
    history line."""
    return bool(date_line(key) or is_org(key) or DOC_NUMBER.fullmatch(key) or read_event(key))


def survey_folder(root: Path, only: set[str] | None = None, progress: bool = False) -> SurveyReport:
    """Ingest every file under root (or those listed) and account for each one."""
    started = time.perf_counter()
    paths = folder_files(root, only)
    refusals: list[Refusal] = []
    lost: dict[str, list[str]] = {}
    doubled: dict[str, list[str]] = {}
    documents = clauses = sentence_count = 0
    for number, path in enumerate(paths, 1):
        name = path.relative_to(root).as_posix()
        try:
            document = read_document(path)
            check = check_sentences(path, document)
        except LoadError as exc:
            refusals.append(Refusal(file=name, reason=str(exc)))
            continue
        except Exception as exc:  # a bug on one file must not stop the survey: it is reported
            refusals.append(Refusal(file=name, reason=unexpected_error(exc)))
            continue
        documents += 1
        clauses += len(document.clauses)
        sentence_count += check.sentences
        if check.lost:
            lost[name] = check.lost
        if check.doubled:
            doubled[name] = check.doubled
        if progress and number % 500 == 0:
            print(f"  {number}/{len(paths)}", file=sys.stderr)
    return SurveyReport(
        folder=str(root),
        files=len(paths),
        documents=documents,
        clauses=clauses,
        sentences=sentence_count,
        seconds=round(time.perf_counter() - started, 1),
        peak_memory_mb=round(_peak_memory_mb(), 1),
        refusals=refusals,
        lost_sentences=lost,
        doubled_sentences=doubled,
    )


def _peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes there, KB here


def survey_text(report: SurveyReport) -> str:
    """The report as a curator reads it."""
    lines = [
        f"文件 {report.files} 个：读入 {report.documents} 个，拒收 {len(report.refusals)} 个",
        f"条款 {report.clauses} 条，句子 {report.sentences} 句",
        f"用时 {report.seconds} 秒，内存峰值 {report.peak_memory_mb} MB",
        f"丢失句子的文件 {len(report.lost_sentences)} 个，句子重复的文件 {len(report.doubled_sentences)} 个",
    ]
    lines += [f"✗ {r.file}：{r.reason}" for r in report.refusals]
    for name, lost in report.lost_sentences.items():
        lines.append(f"丢失 {name}：{len(lost)} 句，如«{lost[0][:40]}»")
    for name, doubled in report.doubled_sentences.items():
        lines.append(f"重复 {name}：{len(doubled)} 句，如«{doubled[0][:40]}»")
    return "\n".join(lines)


def read_list(path: Path) -> set[str]:
    """A list of files, one path (relative to the folder) a line, like labour.txt."""
    return {line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()}
