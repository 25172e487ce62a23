"""The chat's event handlers: ask, stream, stop, regenerate, rate, new conversation, profile.

Plain methods on plain values, so tests call them directly. Each browser's conversation
arrives and leaves as JSON (gr.BrowserState); the handlers object only holds the shared
Services.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant import present
from assistant.models import Answer, Question, WorkerProfile
from assistant.next_questions import suggest_followups
from assistant.question import understand
from ui.conversation import Conversation, TurnRecord, new_id
from ui.profile import read_region
from ui.render import LOADING, WAITING, conversation_html, profile_chip, profile_label
from ui.services import Services
from ui.streams import Streams

log = logging.getLogger(__name__)

STATUSES = ["在职", "失业", "在校", "灵活就业"]
# Shown on an empty chat; each is sent when clicked and is answerable in a fresh chat
# (tests/ui/test_ui_chat.py asks every one).
EXAMPLES = [
    "我是宿迁的退役军人，可以参加哪些培训？",
    "无锡对新生代农民工技能培训有什么目标？",
    "江苏的高技能人才可以享受哪些待遇？",
    "宁夏技术能手的奖励是多少？",
    "“技能宁夏行动”的文号是什么？",
]
EMPTY_HINT = "请先输入问题，或点击上面的示例问题。"
STOPPED = "已停止回答。"
STOPPED_RESTORED = "已停止回答，问题已放回输入框，可修改后重新发送。"
NOT_FOUND = "找不到这条回答（可能已开始新对话），无法保存评价。"
SAVE_FAILED = "评价没有保存成功，请稍后再试。"

# (message box, conversation view, stored conversation, send, stop, hint, question being answered)
ChatOutputs = tuple[Any, Any, Any, Any, Any, Any, Any]


def worker_groups() -> list[str]:
    return understand.worker_groups()


def skill_levels() -> list[str]:
    return list(reversed(understand.skill_levels()))  # 初级工 first


def make_profile(
    region: str | None, groups: list[str] | None, level: str | None, status: str | None
) -> WorkerProfile | None:
    """The profile row as a WorkerProfile, or None when nothing was filled in. A region
    that is not a place (a question typed in the wrong box) is left out, not guessed at."""
    reading = read_region(region)
    profile = WorkerProfile(
        region=reading.text if reading.place else None,
        groups=[g for g in groups or [] if isinstance(g, str) and g][:10],
        skill_level=level or None,
        status=status or None,
    )
    return profile if profile.model_dump(exclude_defaults=True) else None


def client_of(request: gr.Request | None) -> str:
    """Who is asking, for the rate limit: the IP address the server sees. Without a request
    (a handler called directly, not through the server) everyone is one "local" client."""
    client = getattr(request, "client", None)
    return str(getattr(client, "host", None) or "local")


def page_of(request: gr.Request | None) -> str:
    """Which open page an event comes from (Gradio's session), for 停止 to find its answer."""
    return str(getattr(request, "session_hash", None) or "local")


def event_data(evt: gr.EventData | None) -> dict[str, Any]:
    data = getattr(evt, "_data", None)
    return data if isinstance(data, dict) else {}


def hint(text: str) -> str:
    return f'<div class="pa-hint-line" role="status">{present.esc(text)}</div>' if text else ""


def _busy() -> tuple[Any, Any]:
    return gr.update(visible=False), gr.update(visible=True)


def _idle() -> tuple[Any, Any]:
    return gr.update(visible=True), gr.update(visible=False)


class ChatHandlers:
    def __init__(self, services: Services, stream_delay: float = 0.04) -> None:
        self.services = services
        self.stream_delay = stream_delay  # pause between streamed pieces of an instant answer
        self.streams = Streams()

    def view(self, conv: Conversation, **kwargs: Any) -> str:
        return conversation_html(conv, EXAMPLES, **kwargs)

    # -- page load -------------------------------------------------------------------
    def restore(self, stored: object, stored_profile: object) -> tuple[Any, ...]:
        """The conversation and profile this browser kept, shown again after a reload."""
        conv = Conversation.load(stored)
        try:
            profile = WorkerProfile.model_validate(stored_profile) if stored_profile else None
        except ValueError:
            profile = None
        if profile is None:  # nothing kept: leave the row as it is (the user may be typing in it)
            return self.view(conv), conv.dump(), *(gr.skip(),) * 6
        return (
            self.view(conv),
            conv.dump(),
            profile.region or "",
            list(profile.groups),
            profile.skill_level or "",
            profile.status or "",
            profile_chip(profile, read_region(profile.region)),
            gr.update(label=profile_label(profile)),
        )

    # -- asking ----------------------------------------------------------------------
    def chat(
        self,
        message: str | None,
        stored: object,
        region: str | None = None,
        groups: list[str] | None = None,
        level: str | None = None,
        status: str | None = None,
        request: gr.Request | None = None,
    ) -> Iterator[ChatOutputs]:
        """Answer what was typed. The box is emptied once, at the start, so anything typed
        while the answer streams stays there."""
        text = (message or "").strip()
        if not text:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), hint(EMPTY_HINT), gr.skip()
            return
        profile = make_profile(region, groups, level, status)
        yield from self._answer(text, stored, profile, clear_box=True, request=request)

    def clicked(
        self,
        stored: object,
        region: str | None,
        groups: list[str] | None,
        level: str | None,
        status: str | None,
        evt: gr.EventData,
        request: gr.Request | None = None,
    ) -> Iterator[ChatOutputs]:
        """A button inside the conversation. An example or a 猜你想问 question (the event
        carries its text) is sent as is; 重新回答 (it carries the turn's id) answers the last
        question again with the profile as it is now, in place of its answer."""
        data = event_data(evt)
        profile = make_profile(region, groups, level, status)
        if "id" in data:
            yield from self._again(str(data.get("id") or ""), stored, profile, request)
            return
        text = str(data.get("text") or "").strip()
        if not text:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        yield from self._answer(text, stored, profile, clear_box=False, request=request)

    def _again(
        self, turn_id: str, stored: object, profile: WorkerProfile | None, request: gr.Request | None
    ) -> Iterator[ChatOutputs]:
        conv = Conversation.load(stored)
        if not conv.turns or conv.turns[-1].id != turn_id:
            yield *(gr.skip(),) * 5, hint("只能重新回答最后一个问题。"), gr.skip()
            return
        last = conv.turns[-1]
        conv.turns = conv.turns[:-1]
        yield from self._answer(last.question, conv, profile, clear_box=False, request=request)

    def _answer(
        self,
        text: str,
        stored: object,
        profile: WorkerProfile | None,
        clear_box: bool,
        request: gr.Request | None,
    ) -> Iterator[ChatOutputs]:
        """The updates of one answer, none of them sent once 停止 was pressed (ui/streams.py)."""
        with self.streams.running(page_of(request)) as stream:
            for update in self._updates(text, stored, profile, clear_box, client_of(request)):
                if not stream.may_send():
                    return
                yield update
                stream.resumed()

    def _updates(
        self, text: str, stored: object, profile: WorkerProfile | None, clear_box: bool, client: str
    ) -> Iterator[ChatOutputs]:
        verdict = self.services.rate_limiter.take(client)
        if not verdict.allowed:  # the question stays in the box, to send again when told
            yield *(gr.skip(),) * 5, hint(verdict.message), gr.skip()
            return
        conv = Conversation.load(stored)
        question = conv.question(text, profile)
        box = "" if clear_box else gr.skip()
        send, stop = _busy()
        waiting = WAITING if self.services.ready.is_set() else LOADING
        yield box, self.view(conv, pending=text, waiting=waiting), gr.skip(), send, stop, "", text
        try:
            answer = None
            for item in self._answer_stream(question):
                if isinstance(item, Answer):
                    answer = item
                    break
                yield gr.skip(), self.view(conv, pending=text, partial=item), *(gr.skip(),) * 5
            if answer is None:
                raise RuntimeError("the answer stream ended without an answer")
        except Exception as exc:
            log.exception("answering failed")
            apology = f"抱歉，回答时出错了（{type(exc).__name__}），请稍后再试或拨打12333咨询。"
            yield gr.skip(), self.view(conv, notice=apology), gr.skip(), *_idle(), "", None
            return
        answer_id = new_id()
        self.services.answers.add(answer_id, text, answer)
        documents = {d.doc_id: d for d in self.services.assistant.documents()}
        suggestions = suggest_followups(answer, documents, [*conv.history(), text])
        conv.add(TurnRecord.from_answer(answer_id, text, answer, profile, suggestions))
        yield gr.skip(), self.view(conv), conv.dump(), *_idle(), "", None

    def _answer_stream(self, question: Question) -> Iterator[str | Answer]:
        """Growing answer text, then the Answer.

        `PolicyAssistant.stream` yields an LLM's text deltas and then the validated Answer;
        the offline extractive answer comes at once, so its text is shown in a few pieces.
        """
        text = ""
        for item in self.services.assistant.stream(question):
            self.services.ready.set()
            if not isinstance(item, Answer):
                text += item
                yield text
                continue
            if not text:
                for piece in present.stream_pieces(item.answer)[:-1]:
                    yield piece
                    time.sleep(self.stream_delay)
            yield item
            return

    def stop(
        self, stored: object, pending: str | None, message: str | None, request: gr.Request | None = None
    ) -> tuple[Any, ...]:
        """After 停止: the conversation as it was, and the question back in the box if it is empty."""
        self.streams.stop(page_of(request))  # nothing of the answer may come after this
        conv = Conversation.load(stored)
        restore = bool(pending) and not (message or "").strip()
        notice = STOPPED_RESTORED if restore else STOPPED
        return (pending if restore else gr.skip()), self.view(conv, notice=notice), *_idle(), "", None

    def new_conversation(self) -> tuple[Any, Any, Any]:
        conv = Conversation()
        return self.view(conv), conv.dump(), ""

    # -- feedback --------------------------------------------------------------------
    def rate(self, stored: object, evt: gr.EventData) -> tuple[Any, Any, Any]:
        """👍/👎 (and the optional comment) on one answer; rating it again changes the same row."""
        data = event_data(evt)
        conv = Conversation.load(stored)
        turn = conv.turn(str(data.get("id") or ""))
        rating = data.get("rating")
        if turn is None or rating not in ("up", "down"):
            return gr.skip(), gr.skip(), hint(NOT_FOUND)
        comment = data.get("comment")
        comment = turn.comment if comment is None else str(comment).strip()[:500]
        question, answer = self.services.answers.get(turn.id) or (turn.question, turn.as_answer())
        try:
            self.services.feedback.rate(turn.id, question, answer, rating, comment, conv.id)
        except (sqlite3.Error, OSError):
            log.exception("saving feedback failed")
            return gr.skip(), gr.skip(), hint(SAVE_FAILED)
        turn.rating, turn.comment = rating, comment
        return self.view(conv), conv.dump(), ""

    # -- the profile row and the input box -------------------------------------------
    def profile_changed(
        self, region: str | None, groups: list[str] | None, level: str | None, status: str | None
    ) -> tuple[str, Any, Any]:
        """The chip under the form, the one-line summary that folds it, and what the browser keeps."""
        profile = make_profile(region, groups, level, status)
        chip = profile_chip(profile, read_region(region))
        stored = profile.model_dump(mode="json") if profile else None
        return chip, stored, gr.update(label=profile_label(profile))

    def clear_profile(self) -> tuple[Any, ...]:
        return "", [], "", "", profile_chip(None), None, gr.update(label=profile_label(None))

    def typing(self, message: str | None) -> tuple[Any, str]:
        """发送 only with something to send; a word when the question is longer than is read."""
        text = message or ""
        limit = self.services.settings.max_question_chars
        note = f"问题共 {len(text)} 字，只会使用前 {limit} 字。" if len(text) > limit else ""
        return gr.update(interactive=bool(text.strip())), hint(note)
