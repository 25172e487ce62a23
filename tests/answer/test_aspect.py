"""Follow-ups that ask a new aspect of the subject already named: which sentences state
the aspect, and what a conversation of our own reads on the real corpus."""

from __future__ import annotations

import pytest

from assistant.models import Question
from assistant.question.answer_type import asks_aspect, bare_aspect, states


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("那怎么申请？", "procedure"),
        ("具体咋办理？", "procedure"),
        ("去哪报名？", "place"),
        ("在哪里领？", "place"),
        ("哪儿可以申请？", "place"),
        ("要带什么材料？", "materials"),
        ("需要准备啥证件？", "materials"),
        ("什么时候截止？", "deadline"),
        ("拿到证书多少天内要交申请？", "deadline"),
        ("申请有时限吗？", "deadline"),
        ("审批完多久能到账？", "payment"),
        ("补贴打到哪张卡上？", "payment"),
        ("什么时候发钱？", "payment"),  # not the date a document was issued
        ("每季度什么时候发？", "payment"),
        ("这个通知什么时候发的？", None),  # when it was issued: its metadata
        ("一年能申请几次？", "times"),
        ("这个补贴最长能领多久？", "duration"),  # how long it is paid, not until when to apply
        ("公示几天？", "publicity"),
        ("审核要多久？", "review"),
        ("要满足什么条件才能领？", "conditions"),
        ("它对工资涨幅有什么要求？", None),  # a requirement on wages, not who may apply
        ("能拿多少？", None),  # an amount: the money answer type
        ("那宿迁呢？", None),
    ],
)
def test_the_aspect_a_follow_up_asks(question, aspect):
    assert asks_aspect(question) == aspect


@pytest.mark.parametrize(
    ("sentence", "aspect", "stated"),
    [
        ("符合条件的人员向户籍所在地人力资源社会保障部门提出申请，经审核后发放补贴。", "procedure", True),
        ("对退役军人给予每人2000元培训补贴。", "procedure", False),
        ("推进职业技能等级与职称的双向比照认定。", "procedure", False),  # 双向 is no "to whom"
        ("面向高校毕业生开展技能培训并组织认定。", "procedure", False),
        ("参训人员可通过省人社公共服务平台在线报名。", "place", True),
        ("加强退役军人技能培训。", "place", False),
        ("申请时需提交身份证复印件、培训合格证书和银行卡信息。", "materials", True),
        ("申报截止时间为每年11月30日前。", "deadline", True),
        ("到2027年，全省培训30万人次。", "deadline", False),
        ("请于结业之日起3个月内提交申请。", "deadline", True),
        ("经公示无异议的，于次月底前拨付至个人银行账户。", "payment", True),
        ("补贴按季度发放。", "payment", True),
        ("每人每个年度限领一次。", "times", True),
        ("每人补贴一次性2000元。", "times", False),
    ],
)
def test_a_sentence_states_an_aspect_only_when_it_says_it(sentence, aspect, stated):
    assert states(sentence, aspect) is stated


def ask(policy_assistant, text: str, history: list[str] | None = None):
    return policy_assistant.ask(Question(text=text, history=history or []))


@pytest.mark.parametrize("follow_up", ["那怎么申请？", "去哪报名？", "要带什么材料？"])
def test_a_follow_up_on_a_new_aspect_never_repeats_the_first_answer(policy_assistant, follow_up):
    first_question = "我是无锡的退役军人，能享受什么培训？"
    first = ask(policy_assistant, first_question)
    answer = ask(policy_assistant, follow_up, [first_question])
    assert answer.answer != first.answer
    if answer.answerable:
        # Whatever it quotes states the aspect asked.
        assert all(states(c.text, asks_aspect(follow_up)) for c in answer.citations)
    else:
        assert "没有写明" in answer.answer and "12333" in answer.answer
        assert "培训" in answer.answer  # the subject carried from the first turn
        assert answer.citations == []


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("在哪里能报名？", "place"),
        ("要怎么申请呢？", "procedure"),
        ("需要准备什么材料？", "materials"),
        ("电工培训去哪报名？", None),  # a subject of its own: answered as any question is
        ("怎么申请创业补贴？", None),
    ],
)
def test_a_question_asking_only_an_aspect_is_read_as_one(question, aspect):
    assert bare_aspect(question) == aspect


def test_a_first_question_asking_only_where_is_not_answered_by_a_sentence_sharing_its_verb(policy_assistant):
    answer = ask(policy_assistant, "在江苏哪里能报名？")
    # The documents name no place to register: said so, not a rule on 报名 for 招聘.
    assert answer.answer.startswith("现有文件没有写明办理地点或报名渠道"), answer.answer
    assert answer.citations == []


def test_a_first_question_asking_only_how_of_nothing_named_is_asked_what_it_is_about(policy_assistant):
    answer = ask(policy_assistant, "怎么办理？")
    assert answer.answer.startswith("请说明您想办理的是哪项补贴或培训"), answer.answer
    assert not answer.answerable and answer.citations == []


def test_a_benefit_is_named_by_what_it_is_for_not_by_counting_or_granting_words():
    from assistant.answer.aspect import asked_benefits, named_benefits

    assert named_benefits("九江的安家补贴能分几次领") == {"安家补贴"}
    assert named_benefits("每人补贴2500元，上月津贴于每月发放") == set()
    assert named_benefits("开展补贴性职业培训") == set()
    assert asked_benefits("高级工补贴多少？") == set(), "a level names whose it is, not what for"
