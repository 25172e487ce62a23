"""The "ask" endpoint, called with gradio_client against `python app.py`."""

from __future__ import annotations

from gradio_client import Client


def test_ask_endpoint_returns_the_answer_as_json(live_app):
    client = Client(live_app.url, verbose=False)
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert list(endpoints) == ["/ask"], "only the ask endpoint is public"
    assert [p["parameter_name"] for p in endpoints["/ask"]["parameters"]] == ["question", "region"]

    result = client.predict("退役军人可以参加哪些培训？", "宿迁", api_name="/ask")
    assert set(result) == {"answer", "answerable", "citations", "warnings"}
    assert result["answerable"] is True
    assert "[1]" in result["answer"]
    first = result["citations"][0]
    assert first["n"] == 1 and first["label"] and first["text"] and first["quote"]
    assert {"doc_number", "issuer", "jurisdiction", "expired", "valid_to"} <= set(first)


def test_ask_endpoint_region_is_optional_and_out_of_scope_is_not_answerable(live_app):
    client = Client(live_app.url, verbose=False)
    result = client.predict(question="上海的外卖骑手有什么培训补贴？", api_name="/ask")
    assert result["answerable"] is False
    assert result["citations"] == [] or all(c["jurisdiction"] != "上海市" for c in result["citations"])
