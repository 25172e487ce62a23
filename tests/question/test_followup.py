"""Follow-up questions, resolved offline against the earlier turns of a conversation."""

from __future__ import annotations

import pytest

from assistant.question.followup import resolve_followup


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        (["宿迁每年新增多少高技能人才？"], "那宁夏呢？", "宁夏每年新增多少高技能人才？"),
        (
            ["宁夏技能人才占就业人员比例的目标是多少？"],
            "那江苏呢？",
            "江苏技能人才占就业人员比例的目标是多少？",
        ),
        (
            ["无锡到2023年每万劳动力里要有多少高技能人才？"],
            "那2021年当年呢？",
            "无锡2021年每万劳动力里要有多少高技能人才？",
        ),
    ],
)
def test_a_new_place_or_year_takes_the_old_ones_place(history, question, expected):
    assert resolve_followup(question, history, []).text == expected


def test_three_years_no_longer_holds_once_a_single_year_is_asked():
    resolved = resolve_followup("那2021年一年呢？", ["无锡三年补贴性职业培训的目标是多少？"], [])
    assert "三年" not in resolved.text
    assert "2021年" in resolved.text and "补贴性职业培训" in resolved.text


def test_a_new_group_replaces_the_previous_one():
    history = ["技能人才培训有哪些补贴？", "那退役军人呢？"]
    resolved = resolve_followup("那技术能手呢？", history, [])
    assert "技术能手" in resolved.text
    assert "退役军人" not in resolved.text


def test_a_continuation_keeps_the_earlier_question_as_context():
    resolved = resolve_followup("其中脱贫人口有多少？", ["宁夏每年政府补贴的职业技能培训做多少人次？"], [])
    assert resolved.text.startswith("其中脱贫人口有多少")
    assert "宁夏每年政府补贴的职业技能培训" in resolved.text


def test_a_pronoun_carries_the_document_not_its_title(policy_assistant):
    documents = policy_assistant.documents()
    resolved = resolve_followup("它是根据哪个文件制定的？", ["技能宁夏行动实施方案是哪天发的？"], documents)
    assert resolved.doc_ids == ["ningxia-skills-2021"]
    assert "技能宁夏" not in resolved.text


def test_a_full_question_is_left_alone():
    resolved = resolve_followup("宁夏技术能手奖励多少？", ["宿迁每年新增多少高技能人才？"], [])
    assert resolved.text == "宁夏技术能手奖励多少？"
    assert not resolved.followup
