"""The documents tab's handlers: the library table and every document dropdown, uploads,
replacing a document by a new version, removing one (after a confirmation), metadata
corrections saved as curator overrides, the start-up banner, and the feedback curators
read and export.

Plain methods on plain values, so tests call them directly. Each one that changes the
library or reads the feedback first asks the guard whether this request's session is a
curator's, and otherwise answers with a Chinese refusal and changes nothing. Every change goes through
assistant.documents under the services' ingest lock, and the index is rebuilt only when
the library changed: an identical re-upload changes nothing and rebuilds nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from pathlib import Path
from typing import Any, ClassVar

import gradio as gr

from assistant.accounts import Role
from assistant.documents import EDITABLE, DocumentEntry, DocumentError, DocumentStore
from assistant.ingest.corpus import FileReport
from assistant.ingest.loaders import SUPPORTED_SUFFIXES
from assistant.models import NATIONAL, DocumentMeta, chinese_date
from assistant.present import esc
from ui.access import Guard
from ui.listings import documents_table_html, feedback_html, replace_report_html, upload_report_html
from ui.lookup import ALL
from ui.services import TOTAL_STEPS, Services

log = logging.getLogger(__name__)

RECENT_FEEDBACK = 20
UPLOAD_TYPES = list(SUPPORTED_SUFFIXES)
# The corrections offered in the form, in this order; doc_id and repealed_by stay a CLI matter.
FORM_FIELDS = ["title", "doc_number", "issuer", "date", "jurisdiction", "valid_from", "valid_to", "repeals"]
_KEEP = object()  # refresh(): leave the managed document's selection as the browser has it


def _unchanged() -> tuple[Any, ...]:
    """A refused change leaves the table and the four document dropdowns as the browser has them."""
    return tuple(gr.skip() for _ in range(5))


class IndexProgress:
    """The index build's progress (assistant.store BuildProgress) on the upload's bar: what is
    being embedded and how far, so a first upload that loads the model and embeds every
    sentence is not a bar stuck at one number. Fills the bar from `start` to 1."""

    STAGES: ClassVar[dict[str, str]] = {"clauses": "条款", "sentences": "句子"}

    def __init__(self, progress: Any, start: float) -> None:
        self.progress, self.start = progress, start
        self.seen: list[str] = []  # every description shown, for the tests and the log

    def __call__(self, stage: str, done: int, total: int) -> None:
        what = self.STAGES.get(stage, stage)
        # Clauses are embedded first, then their sentences: each stage gets half of what is left.
        half = (1 - self.start) / 2
        base = self.start + (half if stage == "sentences" else 0)
        desc = f"正在更新索引：计算{what}向量 {done}/{total}"
        self.seen.append(desc)
        self.progress(base + half * done / max(total, 1), desc=desc)


def picker_label(d: DocumentMeta) -> str:
    """A document as a curator knows it: its title with its 文号 (or date, or issuer, or
    file name last), never the internal id."""
    day = f"{chinese_date(d.date)}印发" if d.date else ""
    detail = d.doc_number or day or d.issuer or d.source_file
    return f"{d.short_title}（{detail}）"


def region_choices(documents: list[DocumentMeta]) -> list[tuple[str, str]]:
    """The lookup's 地区 filter: 全国 (national notices, which a hotline is often asked about,
    even before one is loaded) first, then each province with its cities under it, as the
    documents' jurisdictions name them. A city's value is 省 › 市, a province's its name."""
    places = {d.jurisdiction for d in documents if d.jurisdiction}
    national = [("全国", NATIONAL)]
    provinces = sorted({p.province for p in places if p.province != NATIONAL})
    out: list[tuple[str, str]] = []
    for province in provinces:
        out.append((province, province))
        for city in sorted({p.city for p in places if p.province == province and p.city}):
            out.append((f"{province} › {city}", f"{province} › {city}"))
    return national + out


def message_html(text: str, ok: bool | None = None) -> str:
    """A line under the document picker: ✓ done, ✗ refused (why), or a plain word."""
    if not text:
        return ""
    css, mark = {True: ("pa-ok", "✓ "), False: ("pa-error", "✗ "), None: ("pa-hint-line", "")}[ok]
    return f'<div class="{css}" role="status">{mark}{esc(text)}</div>'


class DocumentHandlers:
    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def guard(self) -> Guard:
        """Asked only by the handlers that need a role; the listings work without it."""
        return Guard(self.services.access, self.services.sessions)

    def _refused(self, request: gr.Request | None, action: str) -> str:
        """The refusal as a message line, or '' for a curator."""
        refusal = self.guard.refusal(request, Role.curator, action)
        return message_html(refusal, False) if refusal else ""

    @property
    def store(self) -> DocumentStore:
        settings = self.services.settings
        return DocumentStore(settings.sources_dir, settings.uploads)

    def _documents(self) -> dict[str, DocumentMeta]:
        return {d.doc_id: d for d in self.services.assistant.documents()}

    def entries(self) -> list[DocumentEntry]:
        """The documents as the index has them (what answers and lookup use), without reading
        every source again on each page load."""
        assistant = self.services.assistant
        today = self.services.settings.as_of()
        return [DocumentEntry.of(d, len(assistant.clauses(d.doc_id)), today) for d in assistant.documents()]

    def refresh(self, select: object = _KEEP, lookup_doc: str | None = None, tree_doc: str | None = None):
        """The table and every document or province dropdown: lookup's file and region
        filters, the clause-tree picker and the document being managed. A dropdown whose
        document is gone (lookup_doc, tree_doc) is set back, so the next lookup does not fail."""
        documents = self.services.assistant.documents()
        ids = {d.doc_id for d in documents}
        titled = [(d.short_title, d.doc_id) for d in documents]
        places = region_choices(documents)
        doc_filter = gr.update(choices=[("全部文件", ALL), *titled])
        if lookup_doc not in (None, ALL) and lookup_doc not in ids:
            doc_filter = gr.update(choices=[("全部文件", ALL), *titled], value=ALL)
        tree = gr.update(choices=titled)
        if tree_doc and tree_doc not in ids:
            tree = gr.update(choices=titled, value=None)
        managed = [(picker_label(d), d.doc_id) for d in documents]
        manage = gr.update(choices=managed)
        if select is not _KEEP:
            manage = gr.update(choices=managed, value=select if select in ids else None)
        return (
            documents_table_html(self.entries()),
            doc_filter,
            gr.update(choices=[("全部地区", ALL), *places]),
            tree,
            manage,
        )

    def startup(self) -> tuple[Any, ...]:
        """The start-up banner and timer; once the index is ready, the documents too."""
        state = self.services.startup()
        if state.ready:
            return gr.update(value="", visible=False), gr.Timer(active=False), *self.refresh()
        if state.failed:
            banner = f'<div class="pa-startup pa-error" role="status">{esc(state.message)}</div>'
        else:
            banner = (
                f'<div class="pa-startup" role="status"><b>第 {state.step} 步，共 {TOTAL_STEPS} 步：</b>'
                f"{esc(state.message)}…（已用 {state.seconds:.0f} 秒）"
                f'<progress max="{TOTAL_STEPS}" value="{state.step - 1}"></progress>'
                "<div>可以先输入问题，索引就绪后马上回答。</div></div>"
            )
        waiting = '<div class="pa-empty">政策索引准备好后，这里列出文件库中的文件。</div>'
        return gr.update(value=banner, visible=True), gr.Timer(active=True), waiting, *(gr.skip(),) * 4

    # -- changes ---------------------------------------------------------------------
    def upload(
        self,
        files: list[str] | None,
        progress: gr.Progress = gr.Progress(),  # noqa: B008  (gradio injects a tracker per call)
        request: gr.Request | None = None,
    ) -> tuple[Any, ...]:
        """Check each uploaded file, add the good ones to the sources and rebuild the index
        if the library changed."""
        if refused := self._refused(request, "upload"):
            return (refused, *_unchanged())
        paths = [Path(f) for f in files or []]
        if not paths:
            return (upload_report_html([]), *self.refresh())
        with self.services.ingest_lock:
            # One call for the whole upload: its total size is bounded, not only each file's.
            reports = self.store.add(
                paths, on_file=lambda i, name: progress(i / (len(paths) + 1), desc=f"正在检查 {name}")
            )
            trouble = ""
            if any(r.ok and not r.unchanged for r in reports):
                start = len(paths) / (len(paths) + 1)
                progress(start, desc="正在更新索引：读取文件并切分条款…")
                trouble = self._rebuild(IndexProgress(progress, start))
        progress(1.0, desc="完成")
        report = upload_report_html(reports) + message_html(trouble, False if trouble else None)
        return (report, *self.refresh())

    def replace(
        self,
        doc_id: str | None,
        file: str | None,
        progress: gr.Progress = gr.Progress(),  # noqa: B008
        request: gr.Request | None = None,
    ) -> tuple[Any, ...]:
        """Put a new version in place of the selected document; it keeps its 编号 and corrections."""
        if refused := self._refused(request, "replace"):
            return (refused, *_unchanged())
        if not doc_id:
            return (message_html("请先选择要替换的文件。", None), *self.refresh())
        if not file:
            return (message_html("请先选择新版本的文件，再点“用新版本替换”。", None), *self.refresh())
        path = Path(file)
        with self.services.ingest_lock:
            progress(0.2, desc=f"正在检查 {path.name}")
            try:
                report = self.store.replace(doc_id, path)
            except DocumentError as exc:
                report = FileReport(file=path.name, ok=False, error=str(exc))
            trouble = ""
            if report.ok and not report.unchanged:
                progress(0.5, desc="正在更新索引…")
                trouble = self._rebuild()
        return (replace_report_html(report) + message_html(trouble, False), *self.refresh(select=doc_id))

    def ask_remove(self, doc_id: str | None, request: gr.Request | None = None) -> tuple[Any, Any, Any, Any]:
        """删除 only asks: the confirmation names the document, and nothing changes yet.
        Returns the confirmation (shown), its text, the document awaiting it and the message."""
        if refused := self._refused(request, "ask_remove"):
            return gr.update(visible=False), "", None, refused
        meta = self._documents().get(doc_id or "")
        if meta is None:
            return gr.update(visible=False), "", None, message_html("请先选择要删除的文件。", None)
        question = (
            f'<div class="pa-warning" role="alert">确定删除{esc(meta.short_title)}'
            f"（文件 <code>{esc(meta.source_file)}</code>）吗？源文件将从文件库移除，"
            "它的馆员修订一并删除，索引随即更新；删除后只能重新上传。</div>"
        )
        return gr.update(visible=True), question, meta.doc_id, ""

    def cancel_remove(self) -> tuple[Any, Any, Any]:
        return gr.update(visible=False), None, message_html("已取消删除。", None)

    def remove(
        self,
        doc_id: str | None,
        lookup_doc: str | None = None,
        tree_doc: str | None = None,
        request: gr.Request | None = None,
    ) -> tuple[Any, ...]:
        """Remove the document whose removal was confirmed (the one ask_remove named)."""
        hide = gr.update(visible=False)
        if refused := self._refused(request, "remove"):
            return (refused, hide, None, *_unchanged())
        if not doc_id:
            text = message_html("请先选择文件并点“删除所选文件”，确认后才会删除。", None)
            return (text, hide, None, *self.refresh())
        with self.services.ingest_lock:
            try:
                change = self.store.remove(doc_id)
            except DocumentError as exc:
                return (message_html(str(exc), False), hide, None, *self.refresh())
            trouble = self._rebuild()
        text = message_html(change.message, True) + message_html(trouble, False)
        return (text, hide, None, *self.refresh(select=None, lookup_doc=lookup_doc, tree_doc=tree_doc))

    # -- metadata corrections --------------------------------------------------------
    def fields(self, doc_id: str | None) -> list[str]:
        """The form's values for a document: what the index uses now, corrected or not."""
        meta = self._documents().get(doc_id or "")
        if meta is None:
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

    def select(self, doc_id: str | None) -> tuple[Any, ...]:
        """Another document picked: its values in the form, and any pending removal dropped."""
        message = "" if doc_id else gr.skip()  # cleared by a removal: keep saying what was removed
        return (*self.fields(doc_id), gr.update(visible=False), None, message)

    def save_event(self, request: gr.Request, doc_id: str | None, *values: str | None) -> tuple[Any, ...]:
        """save() as the page calls it: gradio hands the request only to a parameter before *values."""
        return self.save(doc_id, *values, request=request)

    def save(
        self, doc_id: str | None, *values: str | None, request: gr.Request | None = None
    ) -> tuple[Any, ...]:
        """Store the fields that differ from what the index uses now as curator overrides.
        An emptied field drops its correction, so the value read from the text applies again."""
        if refused := self._refused(request, "edit"):
            return (refused, *_unchanged(), *values)  # what was typed stays
        meta = self._documents().get(doc_id or "")
        if meta is None:
            return (message_html("请先选择要修订的文件。", None), *self.refresh(), *self.fields(None))
        current = dict(zip(FORM_FIELDS, self.fields(doc_id), strict=True))
        typed = {name: (value or "").strip() for name, value in zip(FORM_FIELDS, values, strict=True)}
        changed = {name: value for name, value in typed.items() if value != current[name]}
        # An empty box can only undo a correction: a value read from the text stays until replaced.
        kept = [n for n, v in changed.items() if not v and meta.field_sources.get(n) != "override"]
        changed = {n: v for n, v in changed.items() if n not in kept}
        note = (
            f"{'、'.join(EDITABLE[n] for n in kept)}是从正文读出的，不能清空；要更正请填写新值。"
            if kept
            else ""
        )
        if not changed:
            text = message_html("没有修改。" + note, None)
            return (text, *self.refresh(), *self.fields(doc_id))
        with self.services.ingest_lock:
            try:
                change = self.store.edit(meta.doc_id, changed)  # type: ignore[arg-type]
            except DocumentError as exc:
                return (message_html(str(exc), False), *self.refresh(), *values)  # what was typed stays
            trouble = self._rebuild()
        text = message_html(change.message, True) + message_html(note, None) + message_html(trouble, False)
        return (text, *self.refresh(select=meta.doc_id), *self.fields(meta.doc_id))

    def _rebuild(self, progress: IndexProgress | None = None) -> str:
        """Rebuild the index now; '' when done, otherwise what the curator should know."""
        try:
            self.services.assistant.reload(progress=progress)
        except Exception as exc:
            log.exception("rebuilding the index after a change to the library failed")
            return f"文件库已更新，但更新索引时出错（{type(exc).__name__}），重启应用时会重新建立索引。"
        return ""

    # -- feedback ----------------------------------------------------------------------
    def feedback(self, request: gr.Request | None = None) -> str:
        """The latest ratings and comments (curators only: comments may say who asked what)."""
        if refused := self._refused(request, "feedback"):
            return refused
        store = self.services.feedback
        return feedback_html(store.recent(RECENT_FEEDBACK), store.count())

    def export_feedback(self, request: gr.Request | None = None) -> Any:
        """Every feedback row as a CSV file, offered for download."""
        if self._refused(request, "export_feedback"):
            return gr.update(value=None, visible=False)  # the refusal shows in the list beside it
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = Path(tempfile.mkdtemp(prefix="feedback-"))
        path = folder / f"用户反馈-{stamp}.csv"
        path.write_text(self.services.feedback.export_csv(), encoding="utf-8")
        return gr.update(value=str(path), visible=True)
