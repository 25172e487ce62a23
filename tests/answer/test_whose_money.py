"""Who pays, who gets the money, who files, how long it lasts, what befalls a cheat, and
what a firm gets: each is answered by the sentence stating it for the benefit asked, never
by the benefit's amount or by another benefit's line. The notice is the tests' own
(tests/answer/own_rules/hebi-incentives.txt)."""

from __future__ import annotations

import pytest

from assistant.models import Question
from assistant.question.answer_type import asks_aspect


def ask(library, *turns: str) -> str:
    answer = None
    for i, text in enumerate(turns):
        answer = library.ask(Question(text=text, history=list(turns[:i])))
    assert answer is not None
    return answer.answer


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("骗补贴会怎么样", "sanction"),
        ("冒领的话有什么后果", "sanction"),
        ("几年内不能再领？", "sanction"),
        ("补贴发给谁", "recipient"),
        ("钱给谁？", "recipient"),
        ("这笔钱是发给企业还是个人", "recipient"),
        ("补贴最长发多久", "duration"),
        ("补贴多久能发下来", "payment"),
        ("奖励的钱谁出", "funding"),
    ],
)
def test_the_aspect_asked_is_read_from_its_words(text, aspect):
    assert asks_aspect(text) == aspect


def test_a_cheat_is_told_the_sanction(own_rules):
    answer = ask(own_rules, "鹤壁骗补贴会怎么样")
    assert "追回已发放资金" in answer and "依法追究刑事责任" in answer, answer


def test_how_long_a_cheat_is_barred_is_the_sanctions_term_not_a_deadline(own_rules):
    answer = ask(own_rules, "鹤壁冒领奖励有什么后果", "几年内不能再领？")
    assert "三年内不得再享受" in answer, answer
    assert "6个月内" not in answer, answer


def test_who_pays_is_the_body_funding_it_not_the_amount(own_rules):
    answer = ask(own_rules, "鹤壁的奖励钱谁出")
    assert "市财政局" in answer, answer
    assert "3000元" not in answer, answer


def test_how_long_it_is_paid_is_its_longest_term(own_rules):
    answer = ask(own_rules, "鹤壁生活补贴最长发多久")
    assert "最长发放24个月" in answer, answer


def test_whom_the_money_goes_to_is_the_benefits_own_line(own_rules):
    answer = ask(own_rules, "鹤壁学徒培训补贴发给谁")
    assert "补贴资金拨付给企业" in answer, answer


def test_whom_the_money_goes_to_is_not_stated_when_only_another_benefit_says_it(own_rules):
    answer = ask(own_rules, "鹤壁生活补贴发给企业还是个人")
    assert answer.startswith("现有文件没有写明"), answer
    assert "不得发放给个人" not in answer, answer
    assert "每月发放生活补贴400元" in answer, answer


def test_a_follow_up_asking_whom_the_money_goes_to_keeps_the_subject(own_rules):
    answer = ask(own_rules, "鹤壁技能大师工作室给多少钱", "钱给谁？")
    assert "拨付给工作室所在单位" in answer, answer
    assert "企业奖励" not in answer, answer


def test_who_files_is_the_line_naming_the_filer(own_rules):
    answer = ask(own_rules, "鹤壁的奖励是本人申请还是单位申请")
    # The filer's line leads (公示 and 拨付 lines state procedure too), with no 是 or 不是:
    # "A还是B" asks which.
    assert answer.split("：", 1)[1].startswith("奖励应在取得证书之日起6个月内，由本人向所在县"), answer


def test_a_firm_asking_what_it_gets_is_answered_by_the_firms_award(own_rules):
    answer = ask(own_rules, "鹤壁企业今年培养了10个技师，能拿多少奖励")
    assert "按每人1500元给予企业奖励" in answer, answer
    assert "3000元" not in answer, answer


def test_a_head_count_below_the_rules_is_a_no(own_rules):
    assert ask(own_rules, "鹤壁企业今年培养了5个技师，有奖励吗").startswith("不能"), "5 < 8人以上"
    assert ask(own_rules, "鹤壁企业今年培养了9个技师，有奖励吗").startswith("可以"), "9 ≥ 8人以上"


def test_a_worker_is_not_offered_what_a_firm_is_paid(own_rules):
    from assistant.models import WorkerProfile

    amount = ask(own_rules, "我在鹤壁考了技师，能领多少钱")
    assert "一次性奖励3000元" in amount and "企业奖励" not in amount, amount
    listed = own_rules.ask(
        Question(text="我能领什么？", profile=WorkerProfile(region="鹤壁", skill_level="技师"))
    ).answer
    assert "3000元" in listed and "企业奖励" not in listed, listed
    # Asked as a firm, the firm's award is the answer.
    assert "给予企业奖励" in ask(own_rules, "鹤壁企业培养技师有奖励吗")


def test_a_voucher_is_settled_with_whom_the_notice_names(own_rules):
    answer = ask(own_rules, "泸州职业培训券的钱给谁")
    assert "直接结算给培训机构" in answer, answer


def test_who_pays_an_allowance_out_comes_before_where_its_money_comes_from(own_rules):
    answer = ask(own_rules, "泸州岗位津贴由谁发")
    assert answer.split("：", 1)[1].startswith("岗位津贴由聘任企业按月发放"), answer


def test_a_second_part_asking_whom_is_its_part_of_the_line_already_quoted(own_rules):
    answer = ask(own_rules, "鹤壁学徒培训补贴多少？发给谁？")
    first, second = answer.split("\n")[:2]
    assert "4000元" in first, answer
    assert second.startswith("②") and second.split("：", 1)[1].startswith("补贴资金拨付给企业"), answer
