"""Whether a question is about a document being in force: one set of words, three uses."""

from __future__ import annotations

import pytest

from assistant.question.answer_type import answer_kind, asks_metadata, asks_validity, thing_expiring


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


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("残疾人证的有效期是几年？", "残疾人证"),
        ("高级工证书过期了还能领补贴吗", "高级工证书"),
        ("社保卡到期了怎么办", "社保卡"),
    ],
)
def test_a_certificate_or_card_expiring_is_not_a_document_being_in_force(question, thing):
    assert not asks_validity(question)
    assert not asks_metadata(question)
    assert thing_expiring(question) == thing


def test_a_document_expiring_has_no_thing_of_its_own():
    assert thing_expiring("这个通知过期了吗？") is None


def test_which_document_one_repeals_is_not_whether_it_is_in_force():
    from assistant.question.answer_type import asks_what_it_repeals

    assert asks_what_it_repeals("这个细则废止了哪个文件？") and not asks_validity("这个细则废止了哪个文件？")
    assert asks_validity("这个细则废止了吗？") and not asks_what_it_repeals("这个细则废止了吗？")


def test_who_issued_a_notice_is_asked_of_the_notice_not_of_a_payment():
    from assistant.question.answer_type import asks_aspect

    assert asks_aspect("这个补贴通知是谁发的？") is None
    assert asks_aspect("补贴钱什么时候发？") == "payment"
