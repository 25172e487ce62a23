"""The documents in the corpus, as a curator manages them: list, add, remove, replace, and
correct their metadata.

The sources folder is the corpus: one file per document, plus overrides.yaml holding what
a curator set by hand. Corrections are written there as overrides, never into the source
file, so the original text stays as published and every corrected field is reported with
the source "override". Nothing here touches the index: the caller rebuilds it (only the
changed clauses are embedded again, the rest come from the embedding cache).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from assistant.ingest.corpus import (
    NO_POLICY_TEXT,
    FileReport,
    build_document,
    ingest_files,
    load_corpus,
    source_digests,
    text_hash,
    write_source,
)
from assistant.ingest.header import parse_date
from assistant.ingest.loaders import LoadError, load_bytes, read_bounded
from assistant.ingest.metadata import load_overrides
from assistant.ingest.safety import UnsafeFile, safe_file_name
from assistant.jurisdiction import place_named
from assistant.models import NATIONAL, Document, DocumentMeta, Jurisdiction
from assistant.settings import Settings, UploadSettings

OVERRIDES = "overrides.yaml"
_HEADER = "# 馆员修订的元数据，按源文件名列出；此处的值优先于从正文提取的值。\n"
# What a curator may set, with how the value is read from what they typed.
EDITABLE = {
    "title": "标题",
    "doc_number": "文号",
    "issuer": "发文机关",
    "date": "印发日期",
    "jurisdiction": "适用地区",
    "valid_from": "实施起始日期",
    "valid_to": "实施截止日期",
    "repeals": "废止的文件",
    "repealed_by": "被哪个文件废止",
    "doc_id": "文档编号",
}
_DATES = ("date", "valid_from", "valid_to")
_DOC_ID = re.compile(r"^[0-9a-z\u4e00-\u9fff][0-9a-z\u4e00-\u9fff-]{0,80}$")


class DocumentError(Exception):
    """A request a curator made that cannot be done; the message says why, in Chinese."""


class DocumentEntry(BaseModel):
    """One row of the documents list."""

    doc_id: str
    file: str
    title: str
    doc_number: str | None
    issuer: str | None
    date: dt.date | None
    jurisdiction: str | None
    period: str
    status: str = Field(description="现行有效 / 已过期 / 已废止 / 尚未施行")
    repealed_by: str | None
    clauses: int
    content_hash: str | None
    overridden: list[str] = Field(default_factory=list, description="Fields a curator set")
    warnings: list[str] = Field(default_factory=list)

    @classmethod
    def of(
        cls, meta: DocumentMeta, clauses: int, today: dt.date, warnings: list[str] | None = None
    ) -> DocumentEntry:
        """The row for a document's metadata, from the sources or from an index."""
        return cls(
            doc_id=meta.doc_id,
            file=meta.source_file,
            title=meta.title,
            doc_number=meta.doc_number,
            issuer=meta.issuer,
            date=meta.date,
            jurisdiction=meta.jurisdiction.label if meta.jurisdiction else None,
            period=meta.period_label,
            status=meta.status_label(today),
            repealed_by=meta.repealed_by,
            clauses=clauses,
            content_hash=meta.content_hash,
            overridden=sorted(k for k, v in meta.field_sources.items() if v == "override"),
            warnings=list(warnings or []),
        )


class ChangeReport(BaseModel):
    """What a remove or an edit did."""

    doc_id: str
    file: str
    message: str
    changed: bool = Field(description="The corpus changed, so the index needs rebuilding")


class DocumentStore:
    def __init__(self, sources_dir: Path, limits: UploadSettings | None = None) -> None:
        self.sources_dir = sources_dir
        self.limits = limits or UploadSettings()

    # -- reading -------------------------------------------------------------------
    def documents(self) -> list[Document]:
        corpus, _ = load_corpus(self.sources_dir)
        return corpus.documents

    def entries(self, today: dt.date) -> list[DocumentEntry]:
        return [DocumentEntry.of(d.meta, len(d.clauses), today, d.warnings) for d in self.documents()]

    def find(self, doc_id: str) -> Document:
        for doc in self.documents():
            if doc.doc_id == doc_id:
                return doc
        raise DocumentError(f"文件库中没有编号为 {doc_id} 的文件")

    # -- changing ------------------------------------------------------------------
    def add(self, paths: list[Path], on_file: Callable[[int, str], None] | None = None) -> list[FileReport]:
        """Add one upload's files (each checked against the upload limits); on_file(i, name)
        is called as each one is checked."""
        return ingest_files(paths, self.sources_dir, self.limits, on_file)

    def remove(self, doc_id: str) -> ChangeReport:
        doc = self.find(doc_id)
        (self.sources_dir / doc.meta.source_file).unlink()
        write_override(self.sources_dir / OVERRIDES, doc.meta.source_file, None)
        return ChangeReport(
            doc_id=doc_id, file=doc.meta.source_file, message=f"已删除{doc.meta.short_title}", changed=True
        )

    def replace(self, doc_id: str, path: Path) -> FileReport:
        """Put a new version of a document in place of the old one, keeping its doc_id and
        the curator's corrections. The same text again changes nothing."""
        old = self.find(doc_id)
        try:
            name = safe_file_name(path.name)
            data = read_bounded(path, self.limits)
            raw = load_bytes(name, data, self.limits)
        except UnsafeFile as exc:
            return FileReport(file=path.name, ok=False, error=str(exc))
        except LoadError as exc:
            return FileReport(file=path.name, ok=False, error=str(exc))
        if text_hash(raw.text) == old.meta.content_hash:
            note = f"新文件与 {old.meta.source_file} 内容相同，未重新索引"
            return _file_report(old).model_copy(update={"file": name, "unchanged": True, "note": note})
        twin = source_digests(self.sources_dir).get(text_hash(raw.text))
        if twin is not None:
            return FileReport(file=name, ok=False, error=f"新文件与文件库中的 {twin} 内容相同")
        target = self.sources_dir / name
        if name != old.meta.source_file and target.exists():
            return FileReport(file=name, ok=False, error=f"文件库中已有另一个名为 {name} 的文件")
        overrides = dict(_overrides(self.sources_dir).get(old.meta.source_file, {}))
        overrides["doc_id"] = doc_id  # citations and links keep pointing at the same document
        document = build_document(name, raw.text, overrides, raw.page)
        if not any(c.kind != "header" for c in document.clauses):
            return FileReport(file=name, ok=False, error=NO_POLICY_TEXT)
        if name != old.meta.source_file:
            write_override(self.sources_dir / OVERRIDES, old.meta.source_file, None)
            write_override(self.sources_dir / OVERRIDES, name, overrides)
        # The bytes that were checked are written (staged, then renamed: never half-copied).
        write_source(self.sources_dir, name, data)
        if name != old.meta.source_file:
            (self.sources_dir / old.meta.source_file).unlink()
        note = f"已用 {name} 替换 {old.meta.source_file}"
        return _file_report(document).model_copy(update={"file": name, "note": note})

    def edit(self, doc_id: str, fields: dict[str, str | None]) -> ChangeReport:
        """Correct metadata fields; an empty value removes the correction, and the value
        read from the text applies again."""
        doc = self.find(doc_id)
        unknown = [name for name in fields if name not in EDITABLE]
        if unknown:
            allowed = "、".join(f"{k}（{v}）" for k, v in EDITABLE.items())
            raise DocumentError(f"不能修改的字段：{'、'.join(unknown)}；可修改：{allowed}")
        current = dict(_overrides(self.sources_dir).get(doc.meta.source_file, {}))
        for name, value in fields.items():
            parsed = self._parse(name, (value or "").strip(), doc_id)
            if parsed is None:
                current.pop(name, None)
            else:
                current[name] = parsed
        write_override(self.sources_dir / OVERRIDES, doc.meta.source_file, current)
        names = "、".join(EDITABLE[name] for name in fields)
        return ChangeReport(
            doc_id=str(current.get("doc_id", doc_id)),
            file=doc.meta.source_file,
            message=f"已更新{doc.meta.short_title}的{names}",
            changed=True,
        )

    def _parse(self, name: str, value: str, doc_id: str) -> object:
        if not value:
            return None
        if name in _DATES:
            parsed = parse_date(value)
            if parsed is None:
                raise DocumentError(
                    f"{EDITABLE[name]}的日期格式不正确：{value}（请写成 2024-03-15 或 2024年3月15日）"
                )
            return parsed
        if name == "jurisdiction":
            if value == NATIONAL:
                return NATIONAL
            place = _place(value)
            if place is None:
                raise DocumentError(f"未能识别适用地区：{value}（请写省、市名称，或“全国”）")
            return place.label
        if name == "repeals":
            return [t.strip("《》 ") for t in re.split(r"[、；;，,\n]+", value) if t.strip("《》 ")]
        if name == "repealed_by" and value not in {d.doc_id for d in self.documents()}:
            raise DocumentError(f"文件库中没有编号为 {value} 的文件")
        if name == "doc_id":
            if not _DOC_ID.match(value):
                raise DocumentError(f"文档编号只能包含小写字母、数字、汉字和连字符：{value}")
            if value != doc_id and value in {d.doc_id for d in self.documents()}:
                raise DocumentError(f"文档编号 {value} 已被另一个文件使用")
        return value


def _place(value: str) -> Jurisdiction | None:
    """江苏, 宿迁, or a label as the documents list shows it: 江苏省 › 宿迁市."""
    parts = [p.strip() for p in value.split("›") if p.strip()]
    if len(parts) != 2:
        return place_named(value)
    province, city = place_named(parts[0]), place_named(parts[1])
    if province is None or city is None or city.city is None or city.province != province.province:
        return None
    return city


def _file_report(doc: Document) -> FileReport:
    return FileReport(
        file=doc.meta.source_file,
        ok=True,
        doc_id=doc.doc_id,
        title=doc.meta.title,
        clauses=len(doc.clauses),
        warnings=doc.warnings,
        fixes=doc.fixes,
        field_sources=dict(doc.meta.field_sources),
    )


def _overrides(sources_dir: Path) -> dict[str, dict[str, object]]:
    try:
        return load_overrides(sources_dir)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise DocumentError(f"{OVERRIDES} 无法读取，请先修正：{exc}") from exc


def write_override(path: Path, file_name: str, values: dict[str, object] | None) -> None:
    """Set one file's overrides (None or {}: remove them), keeping every other file's
    entry and the comments curators wrote, which a YAML dump would lose."""
    text = path.read_text("utf-8") if path.exists() else _HEADER
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _key_of(line) == file_name), None)
    end = start
    if start is not None:
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][:1].isspace()):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1  # blank lines after the block stay with the file, not the block
    block: list[str] = []
    if values:
        dumped = yaml.safe_dump({file_name: values}, allow_unicode=True, default_flow_style=False, width=1000)
        block = dumped.rstrip("\n").splitlines()
        if start is not None:  # keep the entry's own comments (why a value was set)
            block[1:1] = [ln for ln in lines[start + 1 : end] if ln.strip().startswith("#")]
    new_lines = [*lines, *block] if start is None else [*lines[:start], *block, *lines[end:]]
    new_text = "\n".join(new_lines).rstrip("\n") + "\n"
    parsed = yaml.safe_load(new_text) or {}
    if values and parsed.get(file_name) != values:  # never write a file that reads back wrong
        raise DocumentError(f"{OVERRIDES} 写入失败：{file_name} 的值未能正确保存")
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(new_text, "utf-8")
    tmp.replace(path)


def _key_of(line: str) -> str | None:
    if not line or line[0].isspace() or line.startswith("#") or ":" not in line:
        return None
    key = line.split(":", 1)[0].strip()
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"":
        key = key[1:-1]
    return key


class RebuildReport(BaseModel):
    clauses: int
    embedded: int = Field(description="Vectors computed in this rebuild; the rest came from the cache")
    seconds: float


def rebuild_index(settings: Settings) -> RebuildReport:
    """Rebuild the index from the sources now, and say how many vectors had to be computed."""
    import time

    from assistant.store.index_store import rebuild

    before = _cached_vectors(settings.embedding_cache)
    started = time.perf_counter()
    index = rebuild(settings)
    return RebuildReport(
        clauses=len(index.clauses),
        embedded=_cached_vectors(settings.embedding_cache) - before,
        seconds=round(time.perf_counter() - started, 2),
    )


def _cached_vectors(path: Path) -> int:
    import sqlite3

    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        try:
            return int(db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])
        except sqlite3.OperationalError:  # no table yet
            return 0
