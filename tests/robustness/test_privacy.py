"""Personal data in what users type is masked before it is stored or logged; policy
figures and the documents' own public numbers are left alone."""

from __future__ import annotations

import io
import logging
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.feedback import FeedbackStore
from assistant.privacy import ID_CARD, MOBILE, PHONE, PersonalDataFilter, mask_logs, mask_personal_data

MASKED = {  # what a user typed → what may be stored
    "我身份证110101199003071234，能领补贴吗": f"我身份证{ID_CARD}，能领补贴吗",
    "身份证号：64010219851231002X，退役军人": f"身份证号：{ID_CARD}，退役军人",
    "证件 640102 19851231 002x": f"证件 {ID_CARD}",
    "老身份证640102851231002": f"老身份证{ID_CARD}",
    "我的手机13912345678": f"我的手机{MOBILE}",
    "手机 139 1234 5678 或 139-1234-5678": f"手机 {MOBILE} 或 {MOBILE}",
    "打+86 139 1234 5678找我": f"打{MOBILE}找我",
    "联系（+86）13912345678": f"联系{MOBILE}",
    "全角１３９１２３４５６７８": f"全角{MOBILE}",
    "家里电话0951-5012345": f"家里电话{PHONE}",
    "座机(0510)85012345转123": f"座机{PHONE}",
    "电话 0510 85012345": f"电话 {PHONE}",
    "我的座机是5012345": f"我的座机是{PHONE}",
    "邮箱 wang.min@example.com": "邮箱 [邮箱]",
    "银行卡6222021234567890123": "银行卡[证件或账号]",
    "手机13912345678，身份证110101199003071234": f"手机{MOBILE}，身份证{ID_CARD}",
}
KEPT = [  # policy text and figures: nothing personal, nothing masked
    "《“技能宿迁”行动（2022—2024年）实施方案》2021-2023年目标",
    "无锡2021-2023年开展补贴性职业培训50万人次",
    "专账资金支出5亿元，即500000000元",
    "苏政办发〔2024〕37号 2024年12月20日 20241220",
    "1+13+N 体系，6+3+X",
    "技术能手奖励资金调高至1万元；1.5万元；0.5万元",
    "请拨打12333人社服务热线",
    "宁人社发〔2021〕151号，第13条",
    "补贴标准为每人1000元，共计13500人次",
]


@pytest.mark.parametrize("typed", list(MASKED))
def test_personal_numbers_are_masked(typed: str, results) -> None:
    assert mask_personal_data(typed) == MASKED[typed]
    results.add("privacy/mask", typed, mask_personal_data(typed))


@pytest.mark.parametrize("text", KEPT)
def test_policy_figures_are_not_masked(text: str, results) -> None:
    assert mask_personal_data(text) == text
    results.add("privacy/keep", text, "unchanged")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_masking_never_raises_and_is_stable(text: str) -> None:
    once = mask_personal_data(text)
    assert mask_personal_data(once) == once
    if not any(c.isdigit() or c == "@" for c in text):
        assert once == text


def test_masking_100_000_characters_does_not_backtrack_catastrophically() -> None:
    """Linear masking takes milliseconds here; a pattern that backtracks quadratically on
    these inputs takes hours. 30 s tells them apart even on a machine busy with other jobs."""
    import time

    for text in ("1" * 100_000, "-" * 100_000, "13912345678 " * 8_000, "a." * 50_000):
        started = time.perf_counter()
        mask_personal_data(text)
        assert time.perf_counter() - started < 30.0


def test_the_documents_own_public_number_stays_in_clauses_and_answers(assistant) -> None:
    """0951-5099011 is the 宁夏 office's published number: documents are never masked."""
    assert any("0951-5099011" in c.text for c in assistant.engine.index.clauses)
    answer = assistant.ask("技能宁夏行动的联系电话是多少？")
    assert "0951-5099011" in " ".join([answer.answer, *(c.text for c in answer.citations)])


def test_the_feedback_row_holds_no_personal_numbers(assistant, tmp_path: Path) -> None:
    question = "我是宁夏的技术能手，身份证64010219851231002X，手机139 1234 5678，奖励多少？"
    answer = assistant.ask(question)
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.add(question, answer, "down", comment="请回电0951-5012345或13912345678", session_id="s1")

    with sqlite3.connect(tmp_path / "feedback.sqlite3") as conn:
        row = conn.execute("SELECT question, comment, answer FROM feedback").fetchone()
    stored = " ".join(row)
    for secret in ("64010219851231002X", "139 1234 5678", "0951-5012345", "13912345678"):
        assert secret not in stored
    assert row[0] == f"我是宁夏的技术能手，身份证{ID_CARD}，手机{MOBILE}，奖励多少？"
    assert row[1] == f"请回电{PHONE}或{MOBILE}"
    assert "1万元" in row[2]  # the answer itself is document text and is kept


def test_the_question_log_line_is_masked(assistant, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="assistant.service"):
        assistant.ask("宁夏技术能手奖励多少？我电话13912345678，身份证110101199003071234")
    lines = [r.getMessage() for r in caplog.records if r.name == "assistant.service"]
    assert lines and all("13912345678" not in line and "110101199003071234" not in line for line in lines)
    assert f"我电话{MOBILE}，身份证{ID_CARD}" in lines[-1]


def test_the_log_filter_masks_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PersonalDataFilter())
    logger = logging.getLogger("tests.robustness.privacy")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("question from %s: %s", "13912345678", "身份证110101199003071234")
        try:
            raise ValueError("cannot parse 0951-5012345")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "13912345678" not in text and "110101199003071234" not in text and "0951-5012345" not in text
    assert MOBILE in text and ID_CARD in text and f"cannot parse {PHONE}" in text


def test_the_cli_masks_every_log_handler(monkeypatch) -> None:
    import assistant.cli as cli

    calls = []
    monkeypatch.setattr(cli, "mask_logs", lambda: calls.append("masked"))
    cli.main(["corpus", "--json"])  # every command sets up logging the same way
    assert calls == ["masked"]

    logger = logging.getLogger("tests.robustness.mask_logs")
    handler = logging.StreamHandler(io.StringIO())
    logger.addHandler(handler)
    try:
        mask_logs(logger)
        mask_logs(logger)  # idempotent
        assert sum(isinstance(f, PersonalDataFilter) for f in handler.filters) == 1
    finally:
        logger.removeHandler(handler)
