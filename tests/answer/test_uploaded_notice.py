"""A notice a curator adds (tests/answer/notices, written for these tests), in a library of
its own: its table of amounts by level, its follow-ups by level, and a benefit named in other
words. (Alone, its library builds in a second; beside the five it cost the suite half a
minute of CPU for the same answers.)"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from assistant.models import Question
from assistant.service import PolicyAssistant
from assistant.settings import load_settings

NOTICE = Path(__file__).parent / "notices" / "changzhou-subsidy.txt"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> PolicyAssistant:
    sources = tmp_path_factory.mktemp("sources")
    shutil.copy(NOTICE, sources / NOTICE.name)
    settings = load_settings(
        paths={"sources_dir": sources, "index_dir": tmp_path_factory.mktemp("index")},
        today=dt.date(2026, 11, 21),
    )
    return PolicyAssistant(settings)


def ask(library: PolicyAssistant, text: str, *history: str) -> str:
    return library.ask(Question(text=text, history=list(history))).answer


def test_an_amount_asked_with_no_level_is_every_levels_amount(library):
    answer = ask(library, "常州技能等级晋升补贴的标准是多少？")
    assert all(amount in answer for amount in ("1200元", "1800元", "2600元")), answer
    assert "没有写明" not in answer


def test_another_level_asked_as_a_follow_up_gets_its_own_amount(library):
    assert "2600元" in ask(library, "技师呢？", "常州考高级工证书补贴多少？")
    answer = ask(library, "那中级工呢？", "常州考高级工证书补贴多少？")
    assert "1200元" in answer and "1800元" not in answer


def test_a_subsidy_asked_is_granted_by_an_allowance_in_other_words(library):
    answer = ask(library, "常州残疾人参加培训有补贴吗？")
    assert answer.startswith("有。") and "交通补助30元" in answer
