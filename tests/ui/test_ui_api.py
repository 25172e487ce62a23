"""The public API, called with gradio_client against `python app.py`: ask, chat, per-answer feedback."""

from __future__ import annotations

import sqlite3

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError


def feedback_rows(live_app) -> list[tuple[str, str, str, str]]:
    conn = sqlite3.connect(live_app.feedback_db)
    rows = conn.execute("SELECT answer_id, question, rating, comment FROM feedback ORDER BY id").fetchall()
    conn.close()
    return rows


@pytest.fixture(scope="module")
def client(live_app) -> Client:
    # gradio_client waits 5 s for some requests by default; a busy machine may take longer.
    return Client(live_app.url, verbose=False, httpx_kwargs={"timeout": 300})


def test_the_public_endpoints_are_ask_chat_and_feedback(client: Client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert sorted(endpoints) == ["/ask", "/chat", "/feedback"]
    names = {name: [p["parameter_name"] for p in spec["parameters"]] for name, spec in endpoints.items()}
    assert names["/ask"] == ["question", "region"]
    assert names["/feedback"] == ["answer_id", "rating", "comment"]
    assert names["/chat"] == ["message", "conversation", "region", "groups", "level", "status"]


def test_ask_returns_the_answer_with_its_id_citations_and_suggestions(client: Client):
    result = client.predict("退役军人可以参加哪些培训？", "宿迁", api_name="/ask")
    assert set(result) == {"answer_id", "answer", "answerable", "citations", "warnings", "suggestions"}
    assert result["answerable"] is True and "[1]" in result["answer"] and result["answer_id"]
    first = result["citations"][0]
    assert first["n"] == 1 and first["label"] and first["text"] and first["quote"]
    assert {"doc_number", "issuer", "jurisdiction", "expired", "valid_to"} <= set(first)
    assert 1 <= len(result["suggestions"]) <= 3


def test_an_out_of_scope_question_is_not_answerable(client: Client):
    result = client.predict(question="上海的外卖骑手有什么培训补贴？", api_name="/ask")
    assert result["answerable"] is False and result["suggestions"] == []
    assert all(c["jurisdiction"] != "上海市" for c in result["citations"])


def test_feedback_is_stored_once_per_answer_and_a_second_rating_replaces_the_first(client: Client, live_app):
    first = client.predict("宁夏技术能手奖励多少？", "", api_name="/ask")
    second = client.predict("无锡对新生代农民工技能培训有什么目标？", "", api_name="/ask")
    saved = client.predict(first["answer_id"], "down", "没写申请条件", api_name="/feedback")
    assert saved == {
        "answer_id": first["answer_id"],
        "rating": "down",
        "comment": "没写申请条件",
        "saved": True,
    }
    client.predict(second["answer_id"], "up", "", api_name="/feedback")
    client.predict(first["answer_id"], "up", "其实写清楚了", api_name="/feedback")
    rows = [r for r in feedback_rows(live_app) if r[0] in (first["answer_id"], second["answer_id"])]
    assert rows == [
        (first["answer_id"], "宁夏技术能手奖励多少？", "up", "其实写清楚了"),
        (second["answer_id"], "无锡对新生代农民工技能培训有什么目标？", "up", ""),
    ]


def test_feedback_on_an_unknown_answer_or_with_a_bad_rating_is_refused_in_chinese(client: Client):
    with pytest.raises(AppError, match="找不到这条回答"):
        client.predict("no-such-answer", "up", "", api_name="/feedback")
    answer = client.predict("宁夏技术能手奖励多少？", "", api_name="/ask")
    with pytest.raises(AppError, match="评价只能是 up"):
        client.predict(answer["answer_id"], "meh", "", api_name="/feedback")


def test_chat_keeps_the_conversation_the_client_passes_back(client: Client, live_app):
    conv = client.predict("宁夏的技能大师有什么奖励？", None, "", [], "", "", api_name="/chat")
    conv = client.predict("那技术能手呢？", conv, "", [], "", "", api_name="/chat")
    assert [t["question"] for t in conv["turns"]] == ["宁夏的技能大师有什么奖励？", "那技术能手呢？"]
    last = conv["turns"][-1]
    assert "1万元" in last["answer"] and {c["jurisdiction"] for c in last["citations"]} == {"宁夏回族自治区"}
    client.predict(last["id"], "up", "", api_name="/feedback")
    assert (last["id"], "那技术能手呢？", "up", "") in feedback_rows(live_app)
    with pytest.raises(AppError, match="请输入问题"):
        client.predict("  ", conv, "", [], "", "", api_name="/chat")
