"""The documents tab: the corpus as a table, upload, remove, replace, and metadata corrections.

`build_documents_tab(services)` builds the tab's components inside the caller's open
gr.Tab and wires them; `DocumentsTab` holds the handlers as plain methods on plain values,
so tests call them directly. Every change goes through assistant.documents (corrections
are stored as curator overrides) and then rebuilds the index under the services' ingest
lock; an identical re-upload changes nothing and rebuilds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant import present
from assistant.documents import EDITABLE, DocumentEntry, DocumentError, DocumentStore
from assistant.ingest.corpus import FileReport
from ui.services import Services

UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".docx", ".pdf"]
# The corrections offered in the form, in this order; the others stay a CLI matter.
FORM_FIELDS = ["title", "doc_number", "issuer", "date", "jurisdiction", "valid_from", "valid_to", "repeals"]
_STATUS_CLASS = {"现行有效": "ok", "已过期": "expired", "已废止": "expired", "尚未施行": "pending"}


def documents_table_html(entries: list[DocumentEntry]) -> str:
    """Every document with its metadata, status and which fields a curator corrected."""
    if not entries:
        return '<div class="pa-empty">语料库为空。</div>'
    heads = ("标题", "文号", "发文机关", "日期", "适用地区", "期限", "状态", "条款", "馆员修订", "文件")
    header = "".join(f"<th>{h}</th>" for h in heads)
    rows = []
    for e in entries:
        status = e.status + (f"（被 {e.repealed_by} 废止）" if e.repealed_by else "")
        cells = [
            f"《{present.esc(e.title)}》",
            present.esc(e.doc_number or "未载明"),
            present.esc(e.issuer or "未载明"),
            present.esc(e.date.isoformat() if e.date else "未载明"),
            present.esc(e.jurisdiction or "未知"),
            present.esc(e.period),
            f'<span class="pa-status pa-{_STATUS_CLASS.get(e.status, "ok")}">{present.esc(status)}</span>',
            str(e.clauses),
            present.esc("、".join(EDITABLE.get(f, f) for f in e.overridden if f != "doc_id") or "—"),
            f"<code>{present.esc(e.file)}</code>",
        ]
        row = "".join(f"<td>{c}</td>" for c in cells)
        rows.append(f'<tr data-doc="{present.esc(e.doc_id)}">{row}</tr>')
    return f'<table class="pa-docs"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def report_html(reports: list[FileReport]) -> str:
    """One line per file: added, unchanged (already in the corpus), or refused with why."""
    if not reports:
        return '<div class="pa-empty">请选择文件。</div>'
    lines = []
    for r in reports:
        if r.ok and r.unchanged:
            lines.append(
                f'<div class="pa-report pa-ok">= <b>{present.esc(r.file)}</b>：{present.esc(r.note)}</div>'
            )
        elif r.ok:
            note = f"；{present.esc(r.note)}" if r.note else ""
            name, title = present.esc(r.file), present.esc(r.title or "")
            line = (
                f'<div class="pa-report pa-ok">✓ <b>{name}</b> → 《{title}》'
                f"（{r.clauses} 条，编号 <code>{present.esc(r.doc_id)}</code>）{note}</div>"
            )
            warnings = "".join(f"<li>{present.esc(w)}</li>" for w in r.warnings)
            lines.append(line + (f'<ul class="pa-report-warnings">{warnings}</ul>' if warnings else ""))
        else:
            name, error = present.esc(r.file), present.esc(r.error)
            lines.append(f'<div class="pa-report pa-error">✗ <b>{name}</b>：{error}</div>')
    added = sum(r.ok and not r.unchanged for r in reports)
    same = sum(r.unchanged for r in reports)
    refused = sum(not r.ok for r in reports)
    summary = f"已加入或更新 {added} 个，内容未变 {same} 个，未加入 {refused} 个。"
    return f'<div class="pa-reports"><div>{summary}</div>{"".join(lines)}</div>'


class DocumentsTab:
    """The tab's handlers. Each change returns a message, the refreshed table and choices."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def store(self) -> DocumentStore:
        return DocumentStore(self.services.settings.sources_dir)

    def entries(self) -> list[DocumentEntry]:
        return self.store.entries(self.services.settings.as_of())

    def refresh(self) -> tuple[str, Any]:
        entries = self.entries()
        choices = [(f"《{e.title}》（{e.doc_id}）", e.doc_id) for e in entries]
        return documents_table_html(entries), gr.update(choices=choices, value=None)

    def upload(self, files: list[str] | None) -> tuple[str, str, Any]:
        paths = [Path(f) for f in files or []]
        if not paths:
            return (report_html([]), *self.refresh())
        with self.services.ingest_lock:
            reports = self.store.add(paths)
            self._rebuild_if(any(r.ok and not r.unchanged for r in reports))
        return (report_html(reports), *self.refresh())

    def replace(self, doc_id: str | None, file: str | None) -> tuple[str, str, Any]:
        if not doc_id or not file:
            return ('<div class="pa-empty">请先选择文件，再上传新版本。</div>', *self.refresh())
        with self.services.ingest_lock:
            try:
                report = self.store.replace(doc_id, Path(file))
            except DocumentError as exc:
                report = FileReport(file=Path(file).name, ok=False, error=str(exc))
            self._rebuild_if(report.ok and not report.unchanged)
        return (report_html([report]), *self.refresh())

    def remove(self, doc_id: str | None, confirmed: bool) -> tuple[str, str, Any]:
        if not doc_id:
            return ("请先选择文件。", *self.refresh())
        if not confirmed:
            return ("请勾选“确认删除”后再删除。", *self.refresh())
        with self.services.ingest_lock:
            try:
                change = self.store.remove(doc_id)
            except DocumentError as exc:
                return (f"✗ {exc}", *self.refresh())
            self._rebuild_if(change.changed)
        return (f"✓ {change.message}", *self.refresh())

    def fields(self, doc_id: str | None) -> list[str]:
        """The form's values for a document: what the index uses now, corrected or not."""
        if not doc_id:
            return [""] * len(FORM_FIELDS)
        try:
            meta = self.store.find(doc_id).meta
        except DocumentError:
            return [""] * len(FORM_FIELDS)
        values = {
            "title": meta.title,
            "doc_number": meta.doc_number or "",
            "issuer": meta.issuer or "",
            "date": meta.date.isoformat() if meta.date else "",
            "jurisdiction": meta.jurisdiction.label if meta.jurisdiction else "",
            "valid_from": meta.valid_from.isoformat() if meta.valid_from else "",
            "valid_to": meta.valid_to.isoformat() if meta.valid_to else "",
            "repeals": "、".join(meta.repeals),
        }
        return [values[name] for name in FORM_FIELDS]

    def save(self, doc_id: str | None, *values: str) -> tuple[str, str, Any]:
        """Store the fields that differ from what the index uses now as curator overrides."""
        if not doc_id:
            return ("请先选择文件。", *self.refresh())
        current = dict(zip(FORM_FIELDS, self.fields(doc_id), strict=True))
        changed = {
            name: (value or "").strip()
            for name, value in zip(FORM_FIELDS, values, strict=True)
            if (value or "").strip() != current[name]
        }
        if not changed:
            return ("没有修改。", *self.refresh())
        with self.services.ingest_lock:
            try:
                change = self.store.edit(doc_id, changed)  # type: ignore[arg-type]
            except DocumentError as exc:
                return (f"✗ {exc}", *self.refresh())
            self._rebuild_if(change.changed)
        return (f"✓ {change.message}", *self.refresh())

    def _rebuild_if(self, changed: bool) -> None:
        if changed:
            self.services.assistant.reload()


@dataclass
class DocumentsTabComponents:
    table: gr.HTML
    document: gr.Dropdown


def build_documents_tab(services: Services) -> DocumentsTabComponents:
    """The tab's components, inside the caller's open gr.Tab, wired to DocumentsTab.
    The caller refreshes them on page load with `DocumentsTab(services).refresh`."""
    tab = DocumentsTab(services)
    private = {"api_visibility": "private"}
    table = gr.HTML(elem_id="pa-docs-table")
    with gr.Row():
        upload = gr.File(
            label="加入文件", file_count="multiple", file_types=UPLOAD_TYPES, elem_id="pa-docs-upload"
        )
        report = gr.HTML(elem_id="pa-docs-report")
    document = gr.Dropdown(label="选择文件", choices=[], elem_id="pa-docs-select")
    with gr.Accordion("修订元数据（保存为馆员修订，原文不变）", open=False):
        boxes = [gr.Textbox(label=EDITABLE[name], elem_id=f"pa-docs-{name}") for name in FORM_FIELDS]
        save = gr.Button("保存修订", elem_id="pa-docs-save")
    with gr.Row():
        new_version = gr.File(label="上传新版本以替换", file_types=UPLOAD_TYPES, elem_id="pa-docs-replace")
        confirm = gr.Checkbox(label="确认删除", elem_id="pa-docs-confirm")
        remove = gr.Button("删除所选文件", variant="stop", elem_id="pa-docs-remove")
    message = gr.Markdown(elem_id="pa-docs-message")

    upload.upload(tab.upload, [upload], [report, table, document], **private)
    new_version.upload(tab.replace, [document, new_version], [report, table, document], **private)
    remove.click(tab.remove, [document, confirm], [message, table, document], **private)
    document.change(tab.fields, [document], boxes, **private)
    save.click(tab.save, [document, *boxes], [message, table, document], **private)
    return DocumentsTabComponents(table=table, document=document)
