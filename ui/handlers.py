"""Event handlers of the app. Plain methods on plain values, so tests call them directly.

Per-user data arrives and leaves as arguments (the session's ChatSession from gr.State);
the Handlers object itself only holds the shared Services.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import gradio as gr
import yaml

from assistant import present
from assistant.feedback import Rating
from assistant.ingest.corpus import FileReport, ingest_files
from assistant.models import Answer, Citation, Question, WorkerProfile
from ui.services import Services
from ui.session import ChatSession, Turn

log = logging.getLogger(__name__)

ALL = "*"  # dropdown value meaning "no filter"
STATUSES = ["在职", "失业", "在校", "灵活就业"]
EXAMPLES = [
    "我是宿迁的退役军人，可以参加哪些培训？",
    "无锡对新生代农民工技能培训有什么目标？",
    "江苏的高技能人才可以享受哪些待遇？",
    "宁夏“技能宁夏行动”的文号是什么？",
    "那江苏呢？",
]
WAITING = "正在查找相关条款…"
LOADING = "正在加载政策文件索引（仅启动后第一次需要几秒钟）…"

ChatOutputs = tuple[list[dict[str, str]], ChatSession, str, str, str]


def _vocabulary() -> dict[str, dict[str, list[str]]]:
    text = resources.files("assistant.data").joinpath("groups.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def worker_groups() -> list[str]:
    return list(_vocabulary()["groups"])


def skill_levels() -> list[str]:
    return list(reversed(list(_vocabulary()["skill_levels"])))  # 初级工 first


def make_profile(
    region: str | None, groups: list[str] | None, level: str | None, status: str | None
) -> WorkerProfile | None:
    """The profile box as a WorkerProfile, or None when nothing was filled in."""
    profile = WorkerProfile(
        region=(region or "").strip() or None,
        groups=list(groups or []),
        skill_level=level or None,
        status=status or None,
    )
    return profile if profile.model_dump(exclude_defaults=True) else None


def answer_json(answer: Answer) -> dict[str, Any]:
    """What the "ask" API endpoint returns."""
    return {
        "answer": answer.answer,
        "answerable": answer.answerable,
        "citations": [c.model_dump(mode="json") for c in answer.citations],
        "warnings": answer.warnings,
    }


class Handlers:
    def __init__(self, services: Services, stream_delay: float = 0.04) -> None:
        self.services = services
        self.stream_delay = stream_delay  # pause between streamed pieces of an instant answer

    @property
    def today(self) -> dt.date:
        return self.services.settings.as_of()

    # -- chat ----------------------------------------------------------------------
    def chat(
        self,
        message: str,
        session: ChatSession | None,
        region: str | None = None,
        groups: list[str] | None = None,
        level: str | None = None,
        status: str | None = None,
    ) -> Iterator[ChatOutputs]:
        """Answer one question in this session, streaming the text, then show its sources."""
        session = session if session is not None else ChatSession()
        message = (message or "").strip()
        shown = session.messages()
        if not message:
            yield shown, session, gr.skip(), "", ""
            return
        question = Question(
            text=message, history=session.history(), profile=make_profile(region, groups, level, status)
        )
        pending = [*shown, {"role": "user", "content": present.chat_text(message)}]
        waiting = WAITING if self.services.ready.is_set() else LOADING
        yield [*pending, {"role": "assistant", "content": waiting}], session, gr.skip(), "", ""
        try:
            answer = None
            for item in self._answer_stream(question):
                if isinstance(item, Answer):
                    answer = item
                    break
                streamed = {"role": "assistant", "content": present.chat_text(item)}
                yield [*pending, streamed], session, gr.skip(), "", ""
            if answer is None:
                raise RuntimeError("the answer stream ended without an answer")
        except Exception as exc:
            log.exception("answering failed")
            error_text = f"抱歉，回答时出错了（{type(exc).__name__}），请稍后再试或拨打12333咨询。"
            error = {"role": "assistant", "content": present.chat_text(error_text)}
            yield [*pending, error], session, gr.skip(), "", ""
            return
        session.turns.append(Turn(question=message, answer=answer))
        yield session.messages(), session, present.sources_html(answer), "", ""

    def _answer_stream(self, question: Question) -> Iterator[str | Answer]:
        """Growing answer text, then the Answer.

        An assistant with a `stream(question)` method (an LLM generator) yields text deltas
        and then the validated Answer; the offline extractive answer is instant, so its text
        is shown in a few pieces.
        """
        assistant = self.services.assistant
        stream = getattr(assistant, "stream", None)
        if callable(stream):
            text = ""
            for item in stream(question):
                if isinstance(item, Answer):
                    yield item
                    return
                text += item
                yield text
            return
        answer = assistant.ask(question)
        self.services.ready.set()
        for piece in present.stream_pieces(answer.answer)[:-1]:
            yield piece
            time.sleep(self.stream_delay)
        yield answer

    def clear(self) -> ChatOutputs:
        """A new conversation: a fresh session state, empty chat and sources."""
        return [], ChatSession(), present.sources_html(None), "", ""

    # -- feedback ------------------------------------------------------------------
    def rate(self, session: ChatSession | None, rating: Rating, comment: str = "") -> tuple[str, str]:
        """👍/👎 on the latest answer of this session, with the optional comment."""
        if session is None or not session.turns:
            return "请先提问，再评价回答。", comment
        return self._save(session, len(session.turns) - 1, rating, comment), ""

    def rate_up(self, session: ChatSession | None, comment: str = "") -> tuple[str, str]:
        return self.rate(session, "up", comment)

    def rate_down(self, session: ChatSession | None, comment: str = "") -> tuple[str, str]:
        return self.rate(session, "down", comment)

    def on_like(self, session: ChatSession | None, data: gr.LikeData) -> str:
        """The chatbot's own thumbs on any answer in the conversation."""
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        if session is None or data.liked not in (True, False):
            return gr.skip()
        turn = session.turn_for_message(int(index))
        if turn is None:
            return gr.skip()
        return self._save(session, session.turns.index(turn), "up" if data.liked else "down", "")

    def _save(self, session: ChatSession, turn_index: int, rating: Rating, comment: str) -> str:
        turn = session.turns[turn_index]
        self.services.feedback.add(turn.question, turn.answer, rating, comment, session.session_id)
        thanks = "👍 已记录：有帮助" if rating == "up" else "👎 已记录：没帮助"
        return f"{thanks}{'（含意见）' if comment.strip() else ''}，谢谢反馈！"

    # -- lookup --------------------------------------------------------------------
    def search(self, keywords: str, doc_id: str | None, province: str | None, in_force_only: bool) -> str:
        """Keyword search over clauses with the document, jurisdiction and validity filters."""
        keywords = (keywords or "").strip()
        if not keywords:
            return '<div class="pa-empty">请输入关键词。</div>'
        hits = self.services.assistant.search(
            keywords,
            doc_id=None if doc_id in (None, "", ALL) else doc_id,
            province=None if province in (None, "", ALL) else province,
            in_force_only=bool(in_force_only),
        )
        return present.search_results_html(hits, self.today)

    def clause_tree(self, doc_id: str | None) -> str:
        if not doc_id:
            return '<div class="pa-empty">请选择文件。</div>'
        assistant = self.services.assistant
        meta = next((d for d in assistant.documents() if d.doc_id == doc_id), None)
        if meta is None:
            return f'<div class="pa-empty">没有这个文件：{present.esc(doc_id)}</div>'
        return present.clause_tree_html(meta, assistant.clauses(doc_id), self.today)

    def api_ask(self, question: str, region: str | None = None) -> dict[str, Any]:
        """The "ask" API: a question (and optionally where the asker is) → the Answer as JSON."""
        profile = make_profile(region, None, None, None)
        answer = self.services.assistant.ask(Question(text=question or "", profile=profile))
        return answer_json(answer)

    def copy_block(self, answer: dict[str, Any] | None) -> str:
        """The answer text and its numbered citations (label + 文号) as one copyable block."""
        if not answer:
            return ""
        citations = [Citation.model_validate(c) for c in answer.get("citations", [])]
        return present.copy_text(str(answer.get("answer", "")), citations)

    # -- documents -----------------------------------------------------------------
    def refresh(self) -> tuple[str, Any, Any, Any]:
        """The documents table and every document/province dropdown, from the current index."""
        documents = self.services.assistant.documents()
        titled = [(d.short_title, d.doc_id) for d in documents]
        provinces = sorted({d.jurisdiction.province for d in documents if d.jurisdiction})
        return (
            present.documents_table_html(documents, self.today),
            gr.update(choices=[("全部文件", ALL), *titled]),
            gr.update(choices=[("全部地区", ALL), *[(p, p) for p in provinces]]),
            gr.update(choices=titled),
        )

    def upload(
        self,
        files: list[str] | None,
        progress: gr.Progress = gr.Progress(),  # noqa: B008  (gradio injects a tracker per call)
    ) -> tuple[str, str, Any, Any, Any]:
        """Check each uploaded file, add the good ones to the sources and rebuild the index."""
        paths = [Path(f) for f in files or []]
        if not paths:
            return (present.upload_report_html([]), *self.refresh())
        services = self.services
        reports: list[FileReport] = []
        with services.ingest_lock:
            for i, path in enumerate(paths):
                progress(i / (len(paths) + 1), desc=f"检查 {path.name}")
                reports += ingest_files([path], services.settings.sources_dir)
            if any(r.ok for r in reports):
                progress(len(paths) / (len(paths) + 1), desc="更新索引…")
                services.assistant.reload()
        progress(1.0, desc="完成")
        return (present.upload_report_html(reports), *self.refresh())
