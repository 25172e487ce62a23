"""Amounts by range and by level. A rule that pays by ranges of time ("满1年不满3年的…；满3年
不满5年的…") answers an asker who says how long they have paid in or worked with the line for
their range; a standard by level asked with no level answers with all its lines, retrieved or
not. The notices are the tests' own (tests/answer/own_rules)."""

from __future__ import annotations

import pytest

from assistant.answer.tenure import for_the_askers_time, spans, told_months
from assistant.models import Question


@pytest.mark.parametrize(
    ("question", "months"),
    [
        ("交了三年社保，能领多少", 36),
        ("失业保险才交了8个月", 8),
        ("在厂里干了十六年了", 192),
        ("在这家店干了两年半", 30),
        ("我今年50岁了", None),
    ],
)
def test_the_time_an_asker_has_paid_in_or_worked_is_read_in_months(question, months):
    assert told_months(question) == months


def test_a_table_of_ranges_is_read_with_its_ends():
    table = "满一年不足五年的，最长为十二个月；满五年不足十年的，最长为十八个月；十年以上的，最长为二十四个月"
    assert [(s.low, s.high) for s in spans(table)] == [(12, 60), (60, 120), (120, float("inf"))]
    assert [
        (s.low, s.high) for s in spans("六个月以上不满一年的，按一年计算；不满六个月的，支付半个月工资")
    ] == [
        (6, 12),
        (0, 6),
    ]


def test_only_a_table_says_whose_line_a_sentence_is():
    table = "缴费时间一至四年的，每满一年，领取期限为一个月；四年以上的，每满半年增加一个月"
    assert for_the_askers_time(table, 36) is True
    assert for_the_askers_time("累计缴费满五年不足十年的，期限最长为十八个月", 36) is False
    # A floor alone is a condition of the rule, not a line of a table.
    assert for_the_askers_time("签订一年以上劳动合同并参加失业保险满三个月的，可以申请", 36) is None


def test_a_rule_counting_whole_years_sets_its_short_ranges_for_the_time_left_over():
    clause = "每满一年发给一个月的生活补助。满六个月不满一年的，按一年发给；不满六个月的，发给半个月的补助。"
    leftover = "满六个月不满一年的，按一年发给"
    short = "不满六个月的，发给半个月的补助"
    # Two and a half years leave six months over: the half-year line is theirs.
    assert for_the_askers_time(leftover, 30, clause) is True
    assert for_the_askers_time(short, 30, clause) is False
    # Four months are short of a year altogether.
    assert for_the_askers_time(short, 4, clause) is True
    # Exactly two years leave nothing over: neither short line applies.
    assert for_the_askers_time(leftover, 24, clause) is False
    assert for_the_askers_time(short, 24, clause) is False


@pytest.mark.parametrize(
    ("question", "stated", "others"),
    [
        ("我在衢州参保交了4年了，技能提升补贴能领多少？", "1500元", ("1000元", "2000元")),
        ("衢州社保交了快两年，考了证补贴多少钱", "1000元", ("1500元", "2000元")),
        ("我在衢州的厂里干了12年，带薪培训假有几天？", "5天", ("3天",)),
    ],
)
def test_the_line_for_the_askers_range_answers_alone(own_rules, question, stated, others):
    answer = own_rules.ask(Question(text=question)).answer
    assert stated in answer, answer
    assert not any(other in answer for other in others), answer


def test_an_amount_table_asked_with_no_level_gives_every_line_of_every_item(own_rules):
    """赣州's fourth item pays two levels in two lines: both are in the table."""
    answer = own_rules.ask(Question(text="赣州技能提升补贴标准是多少？")).answer
    assert all(f"{n}元" in answer for n in (900, 1400, 1900, 2400, 2900)), answer


@pytest.mark.parametrize(
    "question",
    [
        "丽水岗位津贴多少钱？",  # retrieval finds the lines naming it; its standard names it not
        "丽水的企业技能人才岗位津贴是怎么算的？",
    ],
)
def test_an_amount_asked_by_the_benefits_name_is_its_documents_standard(own_rules, question):
    """丽水's notice names its 岗位津贴 in every line but its 发放标准 items, which state the
    amounts by level and no more."""
    answer = own_rules.ask(Question(text=question)).answer
    assert all(f"每人每月{n}元" in answer for n in (300, 500, 800)), answer
    assert "没有写明" not in answer, answer


def test_a_standard_is_not_the_amount_of_another_benefit(own_rules):
    answer = own_rules.ask(Question(text="丽水的安家补贴多少钱？")).answer
    assert "300元" not in answer and "没有写明" in answer, answer


def test_an_allowance_by_years_asked_by_the_month_is_its_table_not_a_one_off_award(own_rules):
    """荆门 pays its 技能人才津贴 by the month, by years paid in, and a one-off 3万元 to 荆门工匠."""
    answer = own_rules.ask(Question(text="荆门技能人才津贴一个月多少钱？")).answer
    assert all(f"每人每月{n}元" in answer for n in (260, 360, 460, 660, 860)), answer
    assert "3万元" not in answer, answer


def test_a_level_asked_of_a_table_by_years_keeps_every_line_for_that_level(own_rules):
    """Each line pays 技师 and 高级技师: the level asked picks no line, the years told do."""
    every = own_rules.ask(Question(text="荆门技师的技能人才津贴多少？")).answer
    assert all(f"技师每人每月{n}元" in every for n in (260, 360, 460)), every
    mine = own_rules.ask(Question(text="我是荆门的技师，社保交了5年，技能人才津贴每月多少？")).answer
    assert "技师每人每月360元" in mine and "260元" not in mine, mine


@pytest.mark.parametrize(
    ("question", "stated", "others"),
    [
        ("赣州技师证补贴多少", ("2400元",), ("1900元", "2900元")),
        ("我在赣州考了个初级证，补贴多少", ("900元",), ("1400元",)),
        ("赣州技师和高级技师证补贴多少", ("2400元", "2900元"), ("1900元", "1400元")),
    ],
)
def test_a_level_asked_in_everyday_words_gets_its_line_of_the_table(own_rules, question, stated, others):
    answer = own_rules.ask(Question(text=question)).answer
    assert all(s in answer for s in stated), answer
    assert not any(o in answer for o in others), answer


def test_a_table_by_ranges_asked_with_no_time_is_every_range(own_rules):
    # 衢州 二、补贴标准: 满1年不满3年 1000元, 满3年不满5年 1500元, 满5年以上 2000元.
    answer = own_rules.ask(Question(text="衢州技能提升补贴多少钱")).answer
    assert all(a in answer for a in ("1000元", "1500元", "2000元")), answer


@pytest.mark.parametrize(
    "question", ["衢州社保交了8个月，技能提升补贴能领多少", "衢州社保交了8个月，有技能提升补贴吗"]
)
def test_a_time_in_none_of_the_ranges_gets_the_table_and_no_yes(own_rules, question):
    answer = own_rules.ask(Question(text=question)).answer
    assert answer.startswith("按您说的时间，文件写明的标准中没有适用于您的档次"), answer
    assert all(a in answer for a in ("1000元", "1500元", "2000元")), answer


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        # 荆门 第五条 pays the firm "按每人2000元给予企业奖励" for the 技师 it trains.
        ("荆门企业培养技师的奖励一年最多多少", ("10万元",)),
        # 第三条's lines name no benefit; the clause does ("技能人才津贴标准按…确定").
        ("荆门高级技师的技能人才津贴每月多少", ("460元", "660元", "860元")),
    ],
)
def test_an_amount_of_a_benefit_its_clause_names_in_other_words_is_not_said_to_be_unstated(
    own_rules, question, stated
):
    answer = own_rules.ask(Question(text=question)).answer
    assert all(s in answer for s in stated), answer
    assert "没有写明" not in answer, answer
