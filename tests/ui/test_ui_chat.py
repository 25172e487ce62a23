"""The chat's handlers, called directly on the real assistant over a temp corpus."""

from __future__ import annotations

import itertools
import sqlite3
import threading
from types import SimpleNamespace
from typing import Any

import gradio as gr
import pytest

from assistant.models import Answer, Citation, Question
from assistant.ratelimit import RateLimiter
from assistant.settings import RateLimitSettings
from ui.chat import EMPTY_HINT, EXAMPLES, STOPPED_RESTORED, ChatHandlers, make_profile
from ui.conversation import Conversation, TurnRecord
from ui.render import LOADING, WAITING
from ui.services import Services

SCRIPT = "<script>alert(1)</script>"
QUESTION = "我是宿迁的退役军人，可以参加哪些培训？"
SKIP = gr.skip()


def run(h: ChatHandlers, message: str, stored: Any = None, **profile: Any) -> list[tuple[Any, ...]]:
    """Every output the chat handler streams for one question."""
    return list(h.chat(message, stored, **profile))


def final(outputs: list[tuple[Any, ...]]) -> Conversation:
    """The conversation the last output stores in the browser."""
    return Conversation.load(outputs[-1][2])


def event(**data: Any) -> gr.EventData:
    return gr.EventData(None, data)


def feedback_rows(services: Services) -> list[dict[str, Any]]:
    conn = sqlite3.connect(services.feedback.path)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM feedback ORDER BY id")]
    conn.close()
    return rows


@pytest.fixture
def h(services: Services) -> ChatHandlers:
    return ChatHandlers(services, stream_delay=0)


# -- asking and streaming --------------------------------------------------------------
def test_the_box_is_emptied_once_and_the_answer_streams_into_the_view(h: ChatHandlers):
    outputs = run(h, QUESTION)
    box, first_view, _, send, stop, _, pending = outputs[0]
    assert box == "" and pending == QUESTION
    assert WAITING in first_view or LOADING in first_view
    assert (send["visible"], stop["visible"]) == (False, True), "停止 replaces 发送 while answering"
    assert all(out[0] == SKIP for out in outputs[1:]), "later outputs never touch what is typed next"
    assert len(outputs) >= 3, "the answer arrives in several pieces"
    assert all(out[2] == SKIP for out in outputs[:-1]), "the conversation is stored once, at the end"
    views = [out[1] for out in outputs[1:-1]]
    assert all(len(a) <= len(b) for a, b in itertools.pairwise(views))
    _, view, stored, send, stop, _, pending = outputs[-1]
    assert (send["visible"], stop["visible"], pending) == (True, False, None)
    conv = Conversation.load(stored)
    [turn] = conv.turns
    assert turn.question == QUESTION and turn.citations and turn.id
    assert f'id="pa-turn-{turn.id}"' in view


def test_every_citation_is_a_button_that_opens_the_clause_under_its_own_answer(h: ChatHandlers):
    conv = final(run(h, QUESTION))
    conv = final(run(h, "宁夏技术能手的奖励是多少？", conv.dump()))
    view = h.view(conv)
    for turn in conv.turns:
        block = view.split(f'id="pa-turn-{turn.id}"')[1].split("</article>")[0]
        for c in turn.citations:
            assert f'<button type="button" class="pa-ref" data-n="{c.n}"' in block
            assert f'id="pa-cite-{turn.id}-{c.n}"' in block, "each answer keeps its own sources"
        assert block.count('<details class="pa-cite"') == len(turn.citations)
        assert "<mark>" in block and "文号" in block and "状态" in block


def test_follow_ups_are_read_against_the_earlier_questions(h: ChatHandlers, recording):
    conv = final(run(h, QUESTION))
    conv = final(run(h, "那江苏呢？", conv.dump()))
    assert [q.history for q in recording.questions] == [[], [QUESTION]]
    assert [t.question for t in conv.turns] == [QUESTION, "那江苏呢？"]
    resolved = conv.turns[1].resolved_question
    assert "江苏" in resolved and "退役军人" in resolved


def test_two_browsers_keep_their_own_conversations(h: ChatHandlers, recording):
    alice = final(run(h, QUESTION))
    bob = final(run(h, "无锡对新生代农民工技能培训有什么目标？"))
    alice = final(run(h, "那江苏呢？", alice.dump()))
    bob = final(run(h, "有补贴吗？", bob.dump()))
    assert alice.id != bob.id
    assert [q.history for q in recording.questions][2:] == [
        [QUESTION],
        ["无锡对新生代农民工技能培训有什么目标？"],
    ]
    assert [t.question for t in bob.turns] == ["无锡对新生代农民工技能培训有什么目标？", "有补贴吗？"]


def test_the_profile_row_becomes_the_questions_profile_and_is_shown_with_the_answer(
    h: ChatHandlers, recording
):
    conv = final(
        run(h, "可以参加哪些培训？", region=" 无锡 ", groups=["退役军人"], level="高级工", status="失业")
    )
    profile = recording.questions[0].profile
    assert (profile.region, profile.groups, profile.skill_level, profile.status) == (
        "无锡",
        ["退役军人"],
        "高级工",
        "失业",
    )
    assert conv.turns[0].profile == profile
    assert "已按您的情况回答：无锡 · 退役军人 · 高级工 · 失业" in h.view(conv)
    assert make_profile("", [], "", "") is None


def test_the_profile_chip_says_whether_the_profile_is_in_use(h: ChatHandlers):
    chip, stored, folded = h.profile_changed("宁夏", ["退役军人"], "", "")
    assert "正在按您的情况回答" in chip and "宁夏 · 退役军人" in chip
    assert "识别为 宁夏回族自治区" in chip, "the place the box was read as is shown"
    assert stored == {"region": "宁夏", "groups": ["退役军人"], "skill_level": None, "status": None}
    assert folded["label"] == "我的情况：宁夏 · 退役军人（点此修改）"
    chip, stored, folded = h.profile_changed("", [], "", "")
    assert "未填写" in chip and stored is None
    assert folded["label"].startswith("我的情况：未填写")


def test_a_place_misspelt_by_its_sound_in_the_region_box_is_read_as_that_place(h: ChatHandlers):
    chip, stored, _ = h.profile_changed("蒲田", [], "", "")
    assert "识别为 福建省 › 莆田市" in chip and stored["region"] == "莆田"
    assert "不是地名" not in chip
    # A misspelling the segmenter takes for a word of its own, as the question box reads it.
    chip, stored, _ = h.profile_changed("株州", [], "", "")
    assert "识别为 湖南省 › 株洲市" in chip and "不是地名" not in chip, chip


def test_a_question_typed_as_the_region_is_not_taken_for_a_place(h: ChatHandlers, recording):
    typed = "我是宁夏的技术能手，有奖金吗？"
    chip, stored, folded = h.profile_changed(typed, [], "", "")
    assert f"“{typed}”不是地名" in chip
    assert "正在按您的情况回答" not in chip and stored is None
    assert folded["label"].startswith("我的情况：未填写")
    chip, stored, _ = h.profile_changed("江苏省宿迁市", ["农民工"], "", "")
    assert "识别为 江苏省 › 宿迁市" in chip and stored["region"] == "江苏省宿迁市"
    final(run(h, "有补贴吗？", region=typed, groups=["退役军人"]))
    assert recording.questions[0].profile.region is None, "the sentence never reaches the answer step"
    assert recording.questions[0].profile.groups == ["退役军人"]


def test_a_script_in_the_question_is_shown_as_text(h: ChatHandlers):
    outputs = run(h, f"{SCRIPT}补贴")
    view = outputs[-1][1]
    assert "<script" not in view and "&lt;script&gt;" in view
    assert final(outputs).turns, "the question is still answered"


def test_asking_too_often_is_refused_in_chinese_per_client_and_the_question_stays(
    h: ChatHandlers, services: Services, recording
):
    services.rate_limiter = RateLimiter(RateLimitSettings(burst=1, per_minute=2))
    busy, other = (SimpleNamespace(client=SimpleNamespace(host=ip)) for ip in ("10.0.0.7", "10.0.0.8"))
    first = list(h.chat(QUESTION, None, request=busy))
    assert final(first).turns[0].answerable
    [(box, view, stored, _, _, said, _)] = list(h.chat("那无锡呢？", first[-1][2], request=busy))
    assert "提问太频繁了，请 30 秒后再试。" in said
    assert (box, view, stored) == (SKIP, SKIP, SKIP), "the box keeps the question; nothing is lost"
    [(*_, said, _)] = list(h.clicked(first[-1][2], "", [], "", "", event(text="那无锡呢？"), busy))
    assert "提问太频繁了" in said
    assert [q.text for q in recording.questions] == [QUESTION]
    other_turn = final(list(h.chat("那无锡呢？", first[-1][2], request=other)))
    assert [t.question for t in other_turn.turns] == [QUESTION, "那无锡呢？"]


def test_an_empty_message_gets_a_hint_and_changes_nothing(h: ChatHandlers, recording):
    [(box, view, stored, _, _, hint, pending)] = run(h, "   ", {"turns": []})
    assert EMPTY_HINT in hint
    assert (box, view, stored, pending) == (SKIP, SKIP, SKIP, SKIP)
    assert recording.questions == []


def test_typing_enables_send_and_a_long_paste_is_told_what_is_read(h: ChatHandlers, services: Services):
    send, hint = h.typing("")
    assert send["interactive"] is False and hint == ""
    send, hint = h.typing("有补贴吗")
    assert send["interactive"] is True and hint == ""
    limit = services.settings.max_question_chars
    _, hint = h.typing("补" * (limit + 3000))
    assert f"问题共 {limit + 3000} 字，只会使用前 {limit} 字" in hint


def test_every_example_is_sent_on_click_and_answered_in_a_fresh_chat(h: ChatHandlers):
    welcome = h.view(Conversation())
    for example in EXAMPLES:
        assert f'data-action="ask" data-text="{example.replace(chr(34), "&quot;")}"' in welcome
        conv = final(list(h.clicked(None, "", [], "", "", event(text=example))))
        [turn] = conv.turns
        assert turn.answerable and turn.citations, (example, turn.answer)


def test_suggestions_are_shown_under_the_answer_and_sent_on_click(h: ChatHandlers):
    conv = final(run(h, QUESTION))
    turn = conv.turns[0]
    assert 2 <= len(turn.suggestions) <= 3
    view = h.view(conv)
    assert "猜你想问" in view and all(s in view for s in turn.suggestions)
    outputs = list(h.clicked(conv.dump(), "", [], "", "", event(text=turn.suggestions[0])))
    assert outputs[0][0] == SKIP, "a click does not empty the question box"
    after = final(outputs)
    assert [t.question for t in after.turns] == [QUESTION, turn.suggestions[0]]
    assert after.turns[1].answerable


# -- stop, regenerate, new conversation, reload -----------------------------------------
def test_stop_puts_the_question_back_only_into_an_empty_box(h: ChatHandlers):
    conv = final(run(h, QUESTION))
    box, view, send, stop, _, pending = h.stop(conv.dump(), "那江苏呢？", "")
    assert box == "那江苏呢？" and STOPPED_RESTORED in view
    assert (send["visible"], stop["visible"], pending) == (True, False, None)
    assert view.count('class="pa-turn"') == 1, "the stopped answer is not kept"
    box, *_ = h.stop(conv.dump(), "那江苏呢？", "我在打新的问题")
    assert box == SKIP, "what the user typed meanwhile is not overwritten"


def test_regenerate_answers_the_last_question_again_in_its_place(h: ChatHandlers, recording):
    conv = final(run(h, QUESTION))
    conv = final(run(h, "宁夏技术能手的奖励是多少？", conv.dump()))
    old = conv.turns[1]
    again = final(list(h.clicked(conv.dump(), "宁夏", [], "", "", event(id=old.id))))
    assert [t.question for t in again.turns] == [QUESTION, "宁夏技术能手的奖励是多少？"]
    assert again.turns[1].id != old.id and again.turns[0].id == conv.turns[0].id
    assert recording.questions[-1].history == [QUESTION]
    assert recording.questions[-1].profile.region == "宁夏", "the profile as it is now"
    refused = list(h.clicked(conv.dump(), "", [], "", "", event(id=conv.turns[0].id)))
    assert len(refused) == 1 and "只能重新回答最后一个问题" in refused[0][5]


def test_a_new_conversation_starts_empty_with_a_new_id(h: ChatHandlers):
    conv = final(run(h, QUESTION))
    view, stored, _ = h.new_conversation()
    assert stored["turns"] == [] and stored["id"] != conv.id
    assert "试试这样问" in view


def test_a_reloaded_page_shows_the_stored_conversation_and_profile(h: ChatHandlers):
    conv = final(run(h, QUESTION))
    view, stored, region, groups, level, status, chip, folded = h.restore(
        conv.dump(), {"region": "无锡", "groups": ["农民工"], "skill_level": None, "status": "在职"}
    )
    assert stored == conv.dump() and f'id="pa-turn-{conv.turns[0].id}"' in view
    assert (region, groups, level, status) == ("无锡", ["农民工"], "", "在职")
    assert "正在按您的情况回答" in chip
    assert folded["label"] == "我的情况：无锡 · 农民工 · 在职（点此修改）", "the folded line shows it too"


def test_stored_values_that_do_not_read_start_a_new_conversation(h: ChatHandlers):
    for broken in (None, "text", {"turns": "no"}, {"turns": [{"question": 1}]}, [1, 2]):
        view, stored, *profile = h.restore(broken, {"groups": "not a list"})
        assert stored["turns"] == [] and "试试这样问" in view
        assert profile == [SKIP] * 6, "the profile row is left as the user may be filling it in"


# -- feedback ---------------------------------------------------------------------------
def test_each_answer_is_rated_on_its_own_and_a_second_click_changes_its_row(h: ChatHandlers, services):
    conv = final(run(h, QUESTION))
    conv = final(run(h, "宁夏技术能手的奖励是多少？", conv.dump()))
    first, second = conv.turns
    view, stored, hint = h.rate(conv.dump(), event(id=first.id, rating="down", comment="没说补贴标准"))
    assert hint == "" and "已记录：没帮助，意见已保存" in view
    view, stored, _ = h.rate(stored, event(id=first.id, rating="up", comment=None))
    view, stored, _ = h.rate(stored, event(id=second.id, rating="up", comment=""))
    rows = feedback_rows(services)
    assert [(r["answer_id"], r["question"], r["rating"], r["comment"]) for r in rows] == [
        (first.id, QUESTION, "up", "没说补贴标准"),
        (second.id, "宁夏技术能手的奖励是多少？", "up", ""),
    ]
    assert (
        rows[0]["session_id"] == conv.id
        and f'"clause_id": "{first.citations[0].clause_id}"' in rows[0]["citations"]
    )
    assert [(t.rating, t.comment) for t in Conversation.load(stored).turns] == [
        ("up", "没说补贴标准"),
        ("up", ""),
    ]
    block = view.split(f'id="pa-turn-{first.id}"')[1].split("</article>")[0]
    assert (
        'data-rating="up" aria-pressed="true"' in block and 'data-rating="down" aria-pressed="false"' in block
    )


def test_rating_an_answer_the_browser_no_longer_has_saves_nothing(h: ChatHandlers, services):
    view, stored, hint = h.rate({"turns": []}, event(id="gone", rating="up"))
    assert (view, stored) == (SKIP, SKIP) and "找不到这条回答" in hint
    conv = final(run(h, QUESTION))
    *_, hint = h.rate(conv.dump(), event(id=conv.turns[0].id, rating="meh"))
    assert "找不到这条回答" in hint
    assert not services.feedback.path.exists() or feedback_rows(services) == []


# -- failures -----------------------------------------------------------------------------
def _services_with(assistant: object) -> Any:
    ready = threading.Event()
    ready.set()
    return SimpleNamespace(assistant=assistant, ready=ready, answers=SimpleNamespace(add=lambda *a: None),
                           settings=SimpleNamespace(max_question_chars=2000),
                           rate_limiter=RateLimiter(RateLimitSettings()))  # fmt: skip


def test_a_failing_assistant_shows_an_apology_and_keeps_the_conversation():
    class Broken:
        def stream(self, question: Question):
            raise OSError("index missing")
            yield  # a generator, as the real stream is: it fails when first read

    stored = Conversation().dump()
    outputs = list(ChatHandlers(_services_with(Broken())).chat("问", stored))
    _, view, kept, send, stop, _, pending = outputs[-1]
    assert "抱歉，回答时出错了（OSError）" in view
    assert kept == SKIP and (send["visible"], stop["visible"], pending) == (True, False, None)


def test_an_llm_style_stream_is_shown_delta_by_delta():
    final_answer = Answer(question="q", answer="第一段。第二段[1]。", answerable=True, citations=[
        Citation(n=1, doc_id="d", title="t", doc_number=None, issuer=None, jurisdiction=None,
                 clause_id="d:1", label="《t》一、", text="第二段。", quote="第二段。")])  # fmt: skip

    class Streaming:
        def stream(self, question: Question):
            yield from ["第一段。", "第二段", "[1]。"]
            yield final_answer

        def documents(self):
            return []

    outputs = list(ChatHandlers(_services_with(Streaming())).chat("问", None))
    streamed = [out[1].split('class="pa-answer-text">')[1].split("</div>")[0] for out in outputs[1:-1]]
    assert streamed == ["第一段。", "第一段。第二段", "第一段。第二段[1]。"]
    assert final(outputs).turns[0].answer == "第一段。第二段[1]。"


def _cited(*doc_ids: str) -> list[Citation]:
    return [
        Citation(
            n=n,
            doc_id=d,
            title=d,
            doc_number=None,
            issuer=None,
            jurisdiction=None,
            clause_id=f"{d}:{n}",
            label=f"《{d}》{n}",
            text="第一条。",
        )
        for n, d in enumerate(doc_ids, start=1)
    ]


def test_the_next_question_carries_the_documents_the_last_answer_cited_once_each():
    conv = Conversation()
    conv.add(TurnRecord(question="我每个月能领多少", answer="…[1][2][3]", citations=_cited("a", "b", "a")))
    question = conv.question("钱从哪来", None)
    assert question.history == ["我每个月能领多少"] and question.answered_from == ["a", "b"]


def test_an_answer_that_found_nothing_carries_no_document_to_the_next_question():
    conv = Conversation()
    conv.add(TurnRecord(question="x", answer="…[1]", citations=_cited("a")))
    conv.add(TurnRecord(question="y", answer="现有文件没有写明…[1]", answerable=False, citations=_cited("b")))
    assert conv.question("钱从哪来", None).answered_from == []
