"""The lookup tab's handlers: clause search, a document's clause tree, the hotline copy block.
They are for hotline staff and curators; each asks the guard before it answers."""

from __future__ import annotations

import gradio as gr

from assistant import present
from assistant.accounts import Role
from assistant.lookup import LookupMode
from assistant.models import DocumentMeta, Question
from ui.access import Guard
from ui.chat import make_profile
from ui.listings import lookup_html
from ui.services import Services

ALL = "*"  # dropdown value meaning "no filter"
MODES: list[tuple[str, LookupMode]] = [
    ("精确（含全部关键词）", "keyword"),
    ("按意思（含同义说法）", "semantic"),
]
SHOWN = 50  # clauses listed; the count above the list is always the full number


class LookupHandlers:
    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def guard(self) -> Guard:
        """Asked only by the handlers that need a role; the listings work without it."""
        return Guard(self.services.access, self.services.sessions)

    def _refused(self, request: gr.Request | None, action: str) -> str:
        return self.guard.refusal(request, Role.hotline, action)

    def _document(self, doc_id: str | None) -> DocumentMeta | None:
        return next((d for d in self.services.assistant.documents() if d.doc_id == doc_id), None)

    def _title(self, doc_id: str | None) -> str:
        meta = self._document(doc_id)
        return meta.short_title if meta else ""

    def search(
        self,
        query: str | None,
        mode: str | None = "keyword",
        doc_id: str | None = ALL,
        province: str | None = ALL,
        in_force_only: bool = False,
        request: gr.Request | None = None,
    ) -> str:
        """Every clause that matches under the filters, counted; the first SHOWN listed."""
        if refused := self._refused(request, "lookup"):
            return f'<div class="pa-error" role="alert">{present.esc(refused)}</div>'
        query = (query or "").strip()
        if not query:
            return '<div class="pa-empty">请输入要查找的关键词，例如“技术能手 奖励”。</div>'
        place = None if province in (None, "", ALL) else str(province)
        province_name, _, city = (place or "").partition(" › ")  # a city's value is 省 › 市
        result = self.services.assistant.search(
            query[:200],
            doc_id=None if doc_id in (None, "", ALL) else doc_id,
            province=province_name or None,
            city=city or None,
            in_force_only=bool(in_force_only),
            k=SHOWN,
            mode="semantic" if mode == "semantic" else "keyword",
        )
        chosen = [self._title(doc_id) if doc_id not in (None, "", ALL) else "", place or ""]
        if in_force_only:
            chosen.append("只看有效文件")
        return lookup_html(result, self.services.settings.as_of(), filters=[c for c in chosen if c])

    def clause_tree(self, doc_id: str | None, request: gr.Request | None = None) -> str:
        if refused := self._refused(request, "clause_tree"):
            return f'<div class="pa-error" role="alert">{present.esc(refused)}</div>'
        if not doc_id:
            return '<div class="pa-empty">请选择文件。</div>'
        meta = self._document(doc_id)
        if meta is None:
            return f'<div class="pa-empty">没有这个文件：{present.esc(doc_id)}</div>'
        clauses = self.services.assistant.clauses(doc_id)
        return present.clause_tree_html(meta, clauses, self.services.settings.as_of())

    def copy_block(self, question: str | None, region: str | None, request: gr.Request | None = None) -> str:
        """The answer and its numbered sources (label + 文号) as one block to paste or read out."""
        if refused := self._refused(request, "copy_block"):
            return refused
        if not (question or "").strip():
            return "请先输入来电问题。"
        profile = make_profile(region, None, None, None)
        answer = self.services.assistant.ask(Question(text=question or "", profile=profile))
        return present.copy_text(answer.answer, answer.citations)
