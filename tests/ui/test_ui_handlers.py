"""The app's event handlers, called directly on a real assistant over a temp corpus."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path
from types import SimpleNamespace

from assistant.models import Answer, Citation, Question
from ui.handlers import ALL, LOADING, WAITING, Handlers, make_profile
from ui.services import Services
from ui.session import ChatSession

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"
QUESTION = "我是宿迁的退役军人，可以参加哪些培训？"


def ask(handlers: Handlers, message: str, session: ChatSession | None, **profile: object):
    """Run the chat handler to the end; returns every streamed output tuple."""
    return list(handlers.chat(message, session, **profile))  # type: ignore[arg-type]


def feedback_rows(services: Services) -> list[dict[str, object]]:
    conn = sqlite3.connect(services.feedback.path)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM feedback ORDER BY id")]
    conn.close()
    return rows


# -- chat ----------------------------------------------------------------------------
def test_chat_streams_the_answer_then_shows_cited_sources(services: Services):
    outputs = ask(Handlers(services, stream_delay=0), QUESTION, None)
    messages, session, sources, textbox, _ = outputs[-1]
    assert textbox == ""
    first_messages = outputs[0][0]
    assert first_messages[-1]["content"] in (WAITING, LOADING)
    assert len(outputs) >= 3, "the answer should arrive in several pieces"
    streamed = [out[0][-1]["content"] for out in outputs[1:-1]]
    assert all(len(a) <= len(b) for a, b in itertools.pairwise(streamed))

    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert messages[0]["content"] == QUESTION
    answer = session.turns[0].answer
    assert answer.citations, "a question the corpus answers should cite a clause"
    assert "[1]" in messages[1]["content"] and "出处：" in messages[1]["content"]
    assert 'id="pa-cite-1"' in sources and "<mark>" in sources
    assert answer.citations[0].label in sources.replace("&quot;", '"')


def test_follow_up_sends_earlier_turns_as_history(services: Services, recording):
    handlers = Handlers(services, stream_delay=0)
    session = ask(handlers, QUESTION, None)[-1][1]
    session = ask(handlers, "那江苏呢？", session)[-1][1]
    assert recording.questions[0].history == []
    assert recording.questions[1].history == [QUESTION]
    assert [t.question for t in session.turns] == [QUESTION, "那江苏呢？"]
    assert "江苏" in session.turns[1].answer.resolved_question
    assert "退役军人" in session.turns[1].answer.resolved_question


def test_two_sessions_keep_their_own_history(services: Services, recording):
    handlers = Handlers(services, stream_delay=0)
    alice = ask(handlers, QUESTION, None)[-1][1]
    bob = ask(handlers, "无锡对新生代农民工技能培训有什么目标？", None)[-1][1]
    alice = ask(handlers, "那江苏呢？", alice)[-1][1]
    bob = ask(handlers, "有补贴吗？", bob)[-1][1]
    assert alice.session_id != bob.session_id
    assert [q.history for q in recording.questions] == [
        [],
        [],
        [QUESTION],
        ["无锡对新生代农民工技能培训有什么目标？"],
    ]
    assert [t.question for t in alice.turns] == [QUESTION, "那江苏呢？"]
    assert [t.question for t in bob.turns] == ["无锡对新生代农民工技能培训有什么目标？", "有补贴吗？"]


def test_the_profile_box_becomes_the_questions_worker_profile(services: Services, recording):
    ask(Handlers(services, stream_delay=0), "可以参加哪些培训？", None,
        region=" 无锡 ", groups=["退役军人"], level="高级工", status="失业")  # fmt: skip
    profile = recording.questions[0].profile
    assert profile is not None
    assert (profile.region, profile.groups, profile.skill_level, profile.status) == (
        "无锡",
        ["退役军人"],
        "高级工",
        "失业",
    )
    assert make_profile("", [], "", "") is None


def test_a_script_in_the_question_is_never_rendered_as_html(services: Services):
    messages, session, sources, _, _ = ask(Handlers(services, stream_delay=0), f"{SCRIPT}补贴", None)[-1]
    assert session.turns, "the question should still be answered"
    shown = "".join(m["content"] for m in messages) + sources
    assert "<script" not in shown
    assert "&lt;script&gt;" in messages[0]["content"]


def test_an_empty_message_changes_nothing(services: Services, recording):
    session = ChatSession()
    (messages, same, _, _, _), *_ = ask(Handlers(services), "   ", session)
    assert messages == [] and same is session and recording.questions == []


def test_clear_starts_a_new_session(services: Services):
    handlers = Handlers(services, stream_delay=0)
    old = ask(handlers, QUESTION, None)[-1][1]
    messages, new, sources, _, _ = handlers.clear()
    assert messages == [] and new.turns == [] and new.session_id != old.session_id
    assert "<mark>" not in sources


def test_an_llm_style_stream_is_shown_delta_by_delta():
    final = Answer(question="q", answer="第一段。第二段[1]。", answerable=True, citations=[
        Citation(n=1, doc_id="d", title="t", doc_number=None, issuer=None, jurisdiction=None,
                 clause_id="d:1", label="《t》一、", text="第二段。", quote="第二段。")])  # fmt: skip

    class Streaming:
        def stream(self, question: Question):
            yield from ["第一段。", "第二段", "[1]。"]
            yield final

    services = SimpleNamespace(assistant=Streaming(), ready=SimpleNamespace(is_set=lambda: True))
    outputs = list(Handlers(services).chat("问", None))  # type: ignore[arg-type]
    streamed = [out[0][-1]["content"] for out in outputs[1:-1]]
    assert streamed == ["第一段。", "第一段。第二段", "第一段。第二段[1]。"]
    assert outputs[-1][1].turns[0].answer is final


def test_a_failing_assistant_shows_an_apology_and_keeps_the_session_unchanged():
    class Broken:
        def ask(self, question: Question):
            raise OSError("index missing")

    services = SimpleNamespace(assistant=Broken(), ready=SimpleNamespace(is_set=lambda: True))
    session = ChatSession()
    messages, same, _, _, _ = list(Handlers(services).chat("问", session))[-1]  # type: ignore[arg-type]
    assert "抱歉，回答时出错了（OSError）" in messages[-1]["content"]
    assert same is session and session.turns == []


# -- feedback ------------------------------------------------------------------------
def test_thumbs_up_saves_the_latest_answer_with_comment(services: Services):
    handlers = Handlers(services, stream_delay=0)
    session = ask(handlers, QUESTION, None)[-1][1]
    session = ask(handlers, "那江苏呢？", session)[-1][1]
    status, comment_box = handlers.rate_up(session, "说得清楚")
    assert "已记录" in status and comment_box == ""
    [row] = feedback_rows(services)
    latest = session.turns[-1].answer
    assert row["rating"] == "up"
    assert row["question"] == "那江苏呢？"
    assert row["answer"] == latest.answer
    assert row["comment"] == "说得清楚"
    assert row["session_id"] == session.session_id
    assert '"clause_id": "' + latest.citations[0].clause_id + '"' in str(row["citations"])
    assert row["created_at"]


def test_thumbs_down_from_the_chatbot_rates_the_message_it_was_given_on(services: Services):
    handlers = Handlers(services, stream_delay=0)
    session = ask(handlers, QUESTION, None)[-1][1]
    session = ask(handlers, "那江苏呢？", session)[-1][1]
    handlers.on_like(session, SimpleNamespace(index=1, liked=False))  # type: ignore[arg-type]
    [row] = feedback_rows(services)
    assert (row["rating"], row["question"]) == ("down", QUESTION)


def test_rating_before_any_answer_saves_nothing(services: Services):
    status, comment = Handlers(services).rate_down(None, "留着")
    assert "请先提问" in status and comment == "留着"
    assert not services.feedback.path.exists() or feedback_rows(services) == []


# -- lookup --------------------------------------------------------------------------
def test_search_filters_by_province_and_validity(services: Services):
    handlers = Handlers(services)
    everywhere = handlers.search("职业技能培训 补贴", ALL, ALL, False)
    assert everywhere.count('class="pa-hit"') >= 5
    ningxia = handlers.search("职业技能培训 补贴", ALL, "宁夏回族自治区", False)
    assert ningxia.count('class="pa-hit"') >= 1
    assert "宁人社发〔2021〕151号" in ningxia and "锡人社办" not in ningxia and "宿人社发" not in ningxia
    in_force = handlers.search("职业技能培训 补贴", ALL, ALL, True)
    assert in_force.count('class="pa-hit"') >= 1 and "已过期" not in in_force


def test_search_filters_by_document(services: Services):
    html = Handlers(services).search("培训", "wuxi-skills-industry-2021", ALL, False)
    assert html.count('class="pa-hit"') >= 1
    assert html.count("锡人社办〔2021〕12号") == html.count('class="pa-hit"')


def test_clause_tree_lists_a_documents_clauses_in_order(services: Services):
    handlers = Handlers(services)
    html = handlers.clause_tree("suqian-skills-2022")
    clauses = services.assistant.clauses("suqian-skills-2022")
    assert html.count('class="pa-node"') == len(clauses)
    assert "宿人社发〔2022〕8号" in html and "已过期" in html
    assert html.index("就业培训强基行动") < html.index("每年完成城乡劳动者就业技能培训不低于2万人")
    assert "没有这个文件" in handlers.clause_tree("no-such-doc")


def test_api_answer_and_copy_block(services: Services):
    handlers = Handlers(services)
    data = handlers.api_ask("退役军人可以参加哪些培训？", "宿迁")
    assert set(data) == {"answer", "answerable", "citations", "warnings"}
    assert data["answerable"] is True and data["citations"]
    first = data["citations"][0]
    block = handlers.copy_block(data)
    assert block.startswith(data["answer"].strip())
    assert f"[1] {first['label']}" in block
    if first["doc_number"]:
        assert first["doc_number"] in block
    assert handlers.copy_block(None) == ""


# -- documents -----------------------------------------------------------------------
def test_refresh_fills_the_table_and_every_dropdown(services: Services):
    table, doc_filter, provinces, tree_docs = Handlers(services).refresh()
    assert table.count("<tr data-doc=") == 5
    assert doc_filter["choices"][0] == ("全部文件", ALL) and len(doc_filter["choices"]) == 6
    assert [p for _, p in provinces["choices"]] == [ALL, "宁夏回族自治区", "江苏省"]
    assert len(tree_docs["choices"]) == 5


POLICY = """关于{title}的通知
测试人社发〔2026〕1号
各区人力资源和社会保障局：
一、总体要求
为提升劳动者技能，开展无人机操控员专项培训，每人补贴3000元。
二、工作措施
（一）组织培训。各地组织无人机操控员培训，培训合格的发放职业技能等级证书。
测试市人力资源和社会保障局
2026年1月5日
"""


def test_upload_adds_a_document_and_reports_a_bad_file(writable_services: Services, tmp_path: Path):
    good = tmp_path / "upload" / "uav.txt"
    named = tmp_path / "upload" / f"{IMG}.txt"  # no title in the text: the file name becomes the title
    bad = tmp_path / "upload" / "empty.txt"
    good.parent.mkdir()
    good.write_text(POLICY.format(title=f"无人机培训{SCRIPT}"), "utf-8")
    named.write_text(POLICY.split("\n", 1)[1].replace("1号", "2号"), "utf-8")
    bad.write_text("   \n", "utf-8")
    handlers = Handlers(writable_services)
    report, table, doc_filter, _, _ = handlers.upload([str(good), str(named), str(bad)])

    assert "<script" not in report + table and "<img" not in report + table
    assert f"《{ESCAPED_IMG}》" in table and f"✓ <b>{ESCAPED_IMG}.txt</b>" in report
    assert "✓ <b>uav.txt</b>" in report and "✗ <b>empty.txt</b>" in report
    assert (writable_services.settings.sources_dir / "uav.txt").exists()
    assert not (writable_services.settings.sources_dir / "empty.txt").exists()
    assert table.count("<tr data-doc=") == 7 and "无人机培训" in table
    assert len(doc_filter["choices"]) == 8
    # The index was rebuilt: the new document answers questions without a restart.
    hits = handlers.search("无人机操控员 补贴", ALL, ALL, False)
    assert "测试人社发〔2026〕1号" in hits
