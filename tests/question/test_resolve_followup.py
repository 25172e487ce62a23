"""Follow-up questions, resolved offline against the earlier turns of a conversation.

The turns here are the tests' own; none is an eval question.
"""

from __future__ import annotations

import pytest

from assistant.models import DocumentMeta
from assistant.question.resolve_followup import resolve_followup, subject_of


def _meta(doc_id: str) -> DocumentMeta:
    return DocumentMeta(doc_id=doc_id, title=f"关于做好{doc_id}工作的通知", source_file=f"{doc_id}.txt")


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        (["无锡每年建几个技能大师工作室？"], "那宿迁呢？", "宿迁每年建几个技能大师工作室？"),
        (["宁夏对乡土人才有什么扶持？"], "那江苏呢？", "江苏对乡土人才有什么扶持？"),
        (["无锡2022年要建几个公共实训基地？"], "那2023年呢？", "无锡2023年要建几个公共实训基地？"),
    ],
)
def test_a_new_place_or_year_takes_the_old_ones_place(history, question, expected):
    assert resolve_followup(question, history, []).text == expected


def test_a_span_of_years_no_longer_holds_once_a_single_year_is_asked():
    resolved = resolve_followup("那2022年当年呢？", ["宿迁三年里一共要培训多少企业职工？"], [])
    assert "三年" not in resolved.text
    assert "2022年" in resolved.text and "培训" in resolved.text


def test_a_comparison_naming_no_place_compares_the_last_two_places_asked_about():
    resolved = resolve_followup("两个地方哪个高？", ["常德技师津贴每月多少？", "那岳阳的技师呢？"], [])
    assert resolved.text == "常德和岳阳的技师津贴每月，两个地方哪个高"
    # With one place asked about, there is nothing to compare it with: the subject is carried.
    alone = resolve_followup("有什么区别？", ["常德技师津贴每月多少？"], [])
    assert alone.text.startswith("常德技师津贴")


def test_a_new_group_replaces_the_previous_one():
    history = ["技能大赛获奖有什么待遇？", "那残疾人呢？"]
    resolved = resolve_followup("那高校毕业生呢？", history, [])
    assert "高校毕业生" in resolved.text
    assert "残疾人" not in resolved.text


def test_a_new_skill_level_takes_the_old_ones_place():
    assert (
        resolve_followup("那中级工呢？", ["常州考高级工证书奖励多少？"], []).text
        == "常州考中级工证书奖励多少？"
    )
    assert resolve_followup("高级技师呢？", ["技师每月有多少津贴"], []).text == "高级技师每月有多少津贴"


def test_a_new_aspect_carries_the_subject_without_the_old_question():
    resolved = resolve_followup("那怎么申请？", ["我是宿迁的退役军人，有什么培训补贴？"], [])
    assert resolved.followup
    assert resolved.text.startswith("我是宿迁的退役军人，培训补贴")
    assert resolved.text.endswith("怎么申请")
    assert "有什么" not in resolved.text


def test_the_subject_of_a_question_drops_only_what_it_asks():
    assert subject_of("无锡的技工院校毕业生按什么学历对待？") == "无锡的技工院校毕业生按学历对待"
    assert subject_of("宁夏哪天开始实施？") == "宁夏开始实施"
    assert subject_of("常州技师津贴多少钱？") == "常州技师津贴"  # not "津贴钱"


def test_a_continuation_keeps_the_earlier_question_as_context():
    resolved = resolve_followup("其中女职工有多少？", ["宿迁每年培训多少企业职工？"], [])
    assert resolved.text.startswith("其中女职工有多少")
    assert "宿迁" in resolved.text and "企业职工" in resolved.text


def test_a_pronoun_carries_the_document_not_its_title(policy_assistant):
    documents = policy_assistant.documents()
    resolved = resolve_followup("它的文号是什么？", ["技能宿迁行动方案管到哪一年？"], documents)
    assert resolved.doc_ids == ["suqian-skills-2022"]
    assert "技能宿迁" not in resolved.text


def test_a_full_question_is_left_alone():
    resolved = resolve_followup("银川的企业能自己组织技能等级认定吗？", ["宿迁对订单班有什么要求？"], [])
    assert resolved.text == "银川的企业能自己组织技能等级认定吗？"
    assert not resolved.followup


def test_a_question_about_a_scheme_the_last_turn_never_named_is_its_own_question():
    resolved = resolve_followup("医保怎么报销？", ["电工培训有没有补贴？"], [])
    assert resolved.text == "医保怎么报销？" and not resolved.followup
    after = resolve_followup("农民工有什么待遇？", ["公积金怎么提取？"], [])
    assert after.text == "农民工有什么待遇？"  # a group of its own after a scheme's question


def test_a_group_asked_after_a_training_question_still_asks_about_that_training():
    resolved = resolve_followup("残疾人能参加吗？", ["宁夏有哪些技能培训？"], [])
    assert resolved.followup and "宁夏" in resolved.text
    aspect = resolve_followup("那怎么申请？", ["公积金能提取吗？"], [])
    assert aspect.followup and "公积金" in aspect.text


def test_a_question_naming_what_is_paid_drops_the_earlier_subject_but_keeps_its_place():
    resolved = resolve_followup("高级工补贴多少钱？", ["南通的交通补助怎么发？"], [])
    assert resolved.followup
    assert resolved.text == "南通高级工补贴多少钱"
    veterans = resolve_followup("退役军人有什么补贴？", ["宿迁的技能竞赛怎么报名？"], [])
    assert veterans.text == "宿迁退役军人有什么补贴"
    # One that says it goes on is still read against the earlier question.
    going_on = resolve_followup("那高级工的补贴呢？", ["南通中级工补贴多少钱？"], [])
    assert "南通高级工补贴多少钱" in going_on.text and "中级工" not in going_on.text


def test_another_document_named_after_a_question_is_asked_the_same_thing(policy_assistant):
    documents = policy_assistant.documents()
    history = ["技能宿迁行动方案是哪个单位发的？", "有效期到哪年？"]
    resolved = resolve_followup("江苏工匠那个文件呢？", history, documents)
    assert resolved.doc_ids == ["jiangsu-craftsmen-2024"]
    assert resolved.text.endswith("有效期到哪年") and "宿迁" not in resolved.text
    # A place instead of a document: the earlier document's name does not come along.
    moved = resolve_followup("无锡那个呢？", [*history, "江苏工匠那个文件呢？"], documents)
    assert "无锡" in moved.text and "江苏" not in moved.text and "工匠" not in moved.text
    assert moved.text.endswith("有效期到哪年")


def test_aspects_asked_one_after_another_do_not_pile_up_on_the_subject():
    turns = ["淮安的安家补贴是给谁的？", "技师能拿多少？", "需要什么材料？", "在哪里办？"]
    resolved = resolve_followup(turns[-1], turns[:-1], [])
    assert "安家补贴" in resolved.text and resolved.text.endswith("在哪里办")
    assert "材料" not in resolved.text  # the aspect asked before is not the subject
    assert "给谁" not in resolved.text and "多少" not in resolved.text


def test_a_follow_up_asking_its_own_question_of_a_level_drops_what_was_asked_before():
    resolved = resolve_followup("技师能拿多少？", ["淮安的安家补贴是给谁的？"], [])
    assert "给谁" not in resolved.text and "技师能拿多少" in resolved.text


def test_a_follow_up_that_says_more_about_the_subject_narrows_it_for_the_next_one():
    turns = ["宁夏的技能行动方案是哪年印发的？", "里面说每年培养多少名技术能手？", "要在哪里申请？"]
    resolved = resolve_followup(turns[-1], turns[:-1], [])
    assert "技术能手" in resolved.text and resolved.text.endswith("要在哪里申请")
    assert "印发" not in resolved.text.split("，")[-1]


def test_a_new_aspect_asks_the_documents_the_last_answer_cited_when_no_turn_named_one():
    documents = [_meta("notice-a"), _meta("notice-b")]
    resolved = resolve_followup("钱从哪来", ["我每个月能领多少"], documents, answered=["notice-b", "gone"])
    assert resolved.doc_ids == ["notice-b"], "a document no longer in the library is not carried"


def test_a_follow_up_naming_its_own_place_does_not_carry_the_last_answers_documents():
    documents = [_meta("notice-a")]
    resolved = resolve_followup("那柳州呢？", ["我每个月能领多少"], documents, answered=["notice-a"])
    assert resolved.doc_ids == []
