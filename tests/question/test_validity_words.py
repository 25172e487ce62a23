"""Whether a question is about a document being in force: one set of words, three uses."""

from __future__ import annotations

import pytest

from assistant.question.answer_type import answer_kind, asks_metadata, asks_validity


@pytest.mark.parametrize(
    "question", ["宁夏这个方案还有效吗？", "技能宿迁行动方案过期了没有", "无锡这个文件有效期到哪年"]
)
def test_a_question_about_being_in_force_is_seen_by_every_use(question):
    assert asks_validity(question)
    assert asks_metadata(question)
    assert answer_kind(question).wants("period")


@pytest.mark.parametrize("question", ["宁夏技术能手奖励多少？", "退役军人有什么培训补贴？"])
def test_a_question_about_a_benefit_is_not_about_validity(question):
    assert not asks_validity(question)
    assert not asks_metadata(question)
