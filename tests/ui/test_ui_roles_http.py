"""Who may change the library, over HTTP against `python app.py` with accounts: the page's own
upload, edit, replace, remove, feedback and export events, sent as the browser sends them,
by an anonymous visitor and by a logged-in hotline operator, change nothing; the same
requests from a logged-in curator do (so the refusals are not the harness failing)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import CURATOR, HOTLINE
from gradio_client import Client
from queue_client import PageSession, Result

from assistant.accounts import REFUSALS, Role

REFUSED = REFUSALS[Role.curator]
COMMENT = "没写清楚去哪里报名"  # a feedback comment only a curator may read
NOTICE = (
    "某市人力资源和社会保障局关于开展焊工技能提升培训的通知\n"
    "一、培训对象为本市企业在职焊工。\n二、培训合格者每人补贴1200元。\n"
)


def library(root: Path) -> dict[str, str]:
    """Every file of the library (sources and corrections) by its hash, and the index in use."""
    sources = root / "sources"
    files = {p.relative_to(sources).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(sources.rglob("*")) if p.is_file()}  # fmt: skip
    files["index:CURRENT"] = (root / "index" / "CURRENT").read_text("utf-8").strip()
    return files


@pytest.fixture(scope="module")
def rated(guarded_app) -> str:
    """One answer rated with a comment through the open API, as a worker would."""
    client = Client(guarded_app.url, verbose=False)
    answer = client.predict("宁夏技术能手奖励多少？", "", api_name="/ask")
    client.predict(answer["answer_id"], "down", COMMENT, api_name="/feedback")
    return answer["answer_id"]


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    path = tmp_path / "焊工培训通知.txt"
    path.write_text(NOTICE, "utf-8")
    return path


def first_document(session: PageSession) -> str:
    refreshed = session.refresh()
    assert refreshed.success, refreshed.error
    managed = refreshed.data[-1]  # the 管理文件 picker, filled for this session
    return managed["choices"][0][1]


def attempt_every_change(session: PageSession, notice: Path) -> dict[str, Result]:
    """Each thing a curator can do, sent as the page sends it."""
    doc_id = first_document(session)
    form = session.call("pa-docs-select", [doc_id], event="change").data[:8]
    edited = ["被篡改的标题", *form[1:]]
    results = {
        "upload": session.call("pa-upload-btn", [[session.upload(notice)]]),
        "edit": session.call("pa-docs-save", [doc_id, *edited]),
        "replace": session.call("pa-docs-replace", [doc_id, session.upload(notice)]),
        "ask_remove": session.call("pa-docs-remove", [doc_id]),
        "remove": session.call("pa-docs-confirm", [doc_id, "*", None]),
        "feedback": session.call("pa-feedback-show", []),
        "export": session.call("pa-feedback-export", []),
    }
    return results


def changed_anything(results: dict[str, Result]) -> list[str]:
    """The attempts whose answer is not the refusal (or that handed out a file)."""
    wrong = []
    for action, result in results.items():
        if action == "export":
            if not result.success or result.data[0].get("value"):
                wrong.append(action)
        elif action == "ask_remove":
            if not result.success or REFUSED not in result.data[-1]:
                wrong.append(action)
        elif not result.success or REFUSED not in result.data[0]:
            wrong.append(action)
    return wrong


@pytest.mark.parametrize("visitor", ["anonymous", "hotline"])
def test_anonymous_and_hotline_visitors_change_nothing_and_read_no_feedback(
    guarded_app, rated, notice, visitor: str
):
    before = library(guarded_app.root)
    session = PageSession(guarded_app.url)
    try:
        if visitor == "hotline":
            login = session.login(*HOTLINE)
            assert "已登录：热线乙（热线人员）" in login.data[0]
        results = attempt_every_change(session, notice)
    finally:
        session.close()
    assert changed_anything(results) == []  # 0 successful writes
    assert library(guarded_app.root) == before
    assert COMMENT not in str(results["feedback"].data)
    assert rated  # the comment the feedback list was asked for does exist


def test_a_wrong_password_gives_no_role(guarded_app, notice):
    session = PageSession(guarded_app.url)
    try:
        login = session.login(CURATOR[0], "not-the-password")
        assert "用户名或密码不正确" in login.data[0]
        assert session.call("pa-feedback-show", []).data[0].count(REFUSED) == 1
    finally:
        session.close()


def test_lookup_is_for_hotline_staff_not_for_anonymous_visitors(guarded_app):
    query = ["技术能手", "keyword", "*", "*", False]
    anonymous, hotline = PageSession(guarded_app.url), PageSession(guarded_app.url)
    try:
        refused = anonymous.call("pa-search", query).data[0]
        assert REFUSALS[Role.hotline] in refused and "pa-hit" not in refused
        hotline.login(*HOTLINE)
        assert 'class="pa-hit"' in hotline.call("pa-search", query).data[0]
    finally:
        anonymous.close()
        hotline.close()


def test_the_same_requests_from_a_logged_in_curator_do_change_the_library(guarded_app, rated, notice):
    """The control: the requests above reach the handlers, which act for a curator."""
    before = library(guarded_app.root)
    session = PageSession(guarded_app.url)
    try:
        assert "已登录：馆员甲（馆员）" in session.login(*CURATOR).data[0]
        uploaded = session.call("pa-upload-btn", [[session.upload(notice)]])
        assert uploaded.success and "焊工" in uploaded.data[0] and REFUSED not in uploaded.data[0]
        shown = session.call("pa-feedback-show", [])
        assert COMMENT in shown.data[0]
        export = session.call("pa-feedback-export", []).data[0]
        assert export["value"] and export["visible"] is True
    finally:
        session.close()
    after = library(guarded_app.root)
    assert sorted(set(after) - set(before)) == ["焊工培训通知.txt"]
    assert after["index:CURRENT"] != before["index:CURRENT"]  # rebuilt with the new notice
