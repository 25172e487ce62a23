"""The documents tab's handlers: the table and dropdowns, uploads, start-up progress, feedback."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.ingest.corpus import FileReport, ingest_files
from assistant.present import esc
from ui.listings import documents_table_html, feedback_html, upload_report_html
from ui.lookup import ALL
from ui.services import TOTAL_STEPS, Services

RECENT_FEEDBACK = 20


class DocumentHandlers:
    def __init__(self, services: Services) -> None:
        self.services = services

    def refresh(self) -> tuple[str, Any, Any, Any]:
        """The documents table and every document/province dropdown, from the current index."""
        documents = self.services.assistant.documents()
        titled = [(d.short_title, d.doc_id) for d in documents]
        provinces = sorted({d.jurisdiction.province for d in documents if d.jurisdiction})
        return (
            documents_table_html(documents, self.services.settings.as_of()),
            gr.update(choices=[("全部文件", ALL), *titled]),
            gr.update(choices=[("全部地区", ALL), *[(p, p) for p in provinces]]),
            gr.update(choices=titled),
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
        return gr.update(value=banner, visible=True), gr.Timer(active=True), waiting, *(gr.skip(),) * 3

    def upload(
        self,
        files: list[str] | None,
        progress: gr.Progress = gr.Progress(),  # noqa: B008  (gradio injects a tracker per call)
    ) -> tuple[str, str, Any, Any, Any]:
        """Check each uploaded file, add the good ones to the sources and rebuild the index."""
        paths = [Path(f) for f in files or []]
        if not paths:
            return (upload_report_html([]), *self.refresh())
        services = self.services
        reports: list[FileReport] = []
        with services.ingest_lock:
            for i, path in enumerate(paths):
                progress(i / (len(paths) + 1), desc=f"正在检查 {path.name}")
                reports += ingest_files([path], services.settings.sources_dir)
            if any(r.ok for r in reports):
                progress(len(paths) / (len(paths) + 1), desc="正在更新索引…")
                services.assistant.reload()
        progress(1.0, desc="完成")
        return (upload_report_html(reports), *self.refresh())

    def feedback(self) -> str:
        store = self.services.feedback
        return feedback_html(store.recent(RECENT_FEEDBACK), store.count())

    def export_feedback(self) -> Any:
        """Every feedback row as a CSV file, offered for download."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = Path(tempfile.mkdtemp(prefix="feedback-"))
        path = folder / f"用户反馈-{stamp}.csv"
        path.write_text(self.services.feedback.export_csv(), encoding="utf-8")
        return gr.update(value=str(path), visible=True)
