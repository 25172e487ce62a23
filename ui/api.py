"""The app's public API for gradio_client: ask, chat (the client keeps the conversation) and
per-answer feedback. Answers carry an id; feedback names it."""

from __future__ import annotations

import sqlite3
from typing import Any

import gradio as gr

from assistant.models import Answer, Question
from assistant.next_questions import suggest_followups
from ui.chat import client_of, make_profile
from ui.conversation import Conversation, TurnRecord, new_id
from ui.services import Services


def answer_json(answer_id: str, answer: Answer, suggestions: list[str]) -> dict[str, Any]:
    """What the "ask" endpoint returns."""
    return {
        "answer_id": answer_id,
        "answer": answer.answer,
        "answerable": answer.answerable,
        "citations": [c.model_dump(mode="json") for c in answer.citations],
        "warnings": answer.warnings,
        "suggestions": suggestions,
    }


class Api:
    def __init__(self, services: Services) -> None:
        self.services = services

    def _ask(self, question: Question) -> tuple[str, Answer, list[str]]:
        assistant = self.services.assistant
        answer = assistant.ask(question)
        answer_id = new_id()
        self.services.answers.add(answer_id, question.text, answer)
        documents = {d.doc_id: d for d in assistant.documents()}
        return answer_id, answer, suggest_followups(answer, documents, [*question.history, question.text])

    def _allow(self, request: gr.Request | None) -> None:
        """The per-client rate limit, shared with the chat: refused in Chinese with when to retry.
        A refusal of the caller's input is no fault of the server's: no traceback is logged."""
        verdict = self.services.rate_limiter.take(client_of(request))
        if not verdict.allowed:
            raise gr.Error(verdict.message, print_exception=False)

    def ask(self, question: str, region: str = "", request: gr.Request | None = None) -> dict[str, Any]:
        """Answer one question (optionally for someone in `region`): the answer with its
        numbered citations, warnings, 猜你想问 suggestions and the answer_id to rate it by."""
        self._allow(request)
        profile = make_profile(region, None, None, None)
        answer_id, answer, suggestions = self._ask(Question(text=question or "", profile=profile))
        return answer_json(answer_id, answer, suggestions)

    def chat(
        self,
        message: str,
        conversation: dict[str, Any] | None = None,
        region: str = "",
        groups: list[str] | None = None,
        level: str = "",
        status: str = "",
        request: gr.Request | None = None,
    ) -> dict[str, Any]:
        """One turn of a conversation the client keeps: pass the conversation this endpoint
        returned last time (or nothing to start one); follow-ups such as "那江苏呢？" are
        read against its earlier questions. Returns the conversation with the new turn last."""
        conv = Conversation.load(conversation)
        text = (message or "").strip()
        if not text:
            raise gr.Error("请输入问题。", print_exception=False)
        self._allow(request)
        profile = make_profile(region, groups, level, status)
        question = conv.question(text, profile)
        answer_id, answer, suggestions = self._ask(question)
        conv.add(TurnRecord.from_answer(answer_id, text, answer, profile, suggestions))
        return conv.dump()

    def feedback(self, answer_id: str, rating: str, comment: str = "") -> dict[str, Any]:
        """Rate one answer by its answer_id: rating "up" (有帮助) or "down" (没帮助), with an
        optional comment. Rating the same answer again replaces its earlier rating."""
        if rating not in ("up", "down"):
            raise gr.Error("评价只能是 up（有帮助）或 down（没帮助）。", print_exception=False)
        given = self.services.answers.get((answer_id or "").strip())
        if given is None:
            unknown = "找不到这条回答（编号不对，或服务重启后已无法评价），请重新提问后再评价。"
            raise gr.Error(unknown, print_exception=False)
        question, answer = given
        try:
            record = self.services.feedback.rate(answer_id, question, answer, rating, comment or "")
        except (sqlite3.Error, OSError) as exc:
            raise gr.Error("评价没有保存成功，请稍后再试。") from exc
        return {"answer_id": answer_id, "rating": record.rating, "comment": record.comment, "saved": True}
