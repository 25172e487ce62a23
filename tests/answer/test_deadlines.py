"""Windows to apply that close on a day: asked on a later day whether one can still apply,
the answer is no, with the sentence giving the day; a window counted from the certificate is
worked out from the year the asker gives. The notice (韶关) is the tests' own, read on
2026-06-01."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.deadline import asks_if_too_late, deadlines, from_certificate, told_when
from assistant.models import Question


def test_the_last_day_of_a_window_is_read_with_the_year_of_its_start():
    assert deadlines("2026年度集中申报时间为2026年4月1日至5月15日，逾期不予受理。") == [dt.date(2026, 5, 15)]
    assert deadlines("应于2026年3月底前提出申请") == [dt.date(2026, 3, 31)]
    assert deadlines("到2025年底培养技能人才10万人") == [], "a target is no window to apply in"


def test_a_window_counted_from_the_certificate_is_open_closed_or_depends_on_the_day():
    rule = "自证书核发之日起12个月内提出申请"
    today = dt.date(2026, 6, 1)
    assert from_certificate(rule, 2026, None, today) == ("可以。", None)
    assert from_certificate(rule, 2024, None, today) == ("不能。", None)
    assert from_certificate(rule, 2025, None, today) == ("", None), (
        "a 2025 certificate of June is still in time, one of January is not"
    )
    # With the month told, the day the window closes is known.
    assert from_certificate(rule, 2025, 3, today) == ("不能。", dt.date(2026, 3, 31))
    assert from_certificate(rule, 2025, 9, today) == ("可以。", dt.date(2026, 9, 30))


@pytest.mark.parametrize(
    ("question", "late", "when"),
    [
        ("我2025年拿的证，现在还能申请吗", True, (2025, None)),
        ("我是去年十月在厂里考的证，来得及吗", True, (2025, 10)),
        ("今年还能申报吗", True, None),  # the year asked of, not the certificate's
        ("补贴标准是多少", False, None),
    ],
)
def test_whether_it_is_too_late_and_when_the_certificate_was_got(question, late, when):
    assert asks_if_too_late(question) is late
    assert told_when(question, dt.date(2026, 6, 1)) == when


def test_a_window_closed_before_today_is_a_no_with_its_day(own_rules):
    answer = own_rules.ask(Question(text="我2025年在韶关考的中级工证，现在还能申请补贴吗？")).answer
    assert answer.startswith("不能。") and "2026年3月31日" in answer and "截止" in answer, answer


def test_a_certificate_of_this_year_is_in_time_by_the_window_counted_from_it(own_rules):
    answer = own_rules.ask(Question(text="我2026年在韶关拿的高级工证，还能申请吗？")).answer
    assert answer.startswith("可以。") and "12个月内" in answer, answer


def test_until_when_to_apply_says_when_the_day_given_has_passed(own_rules):
    answer = own_rules.ask(Question(text="韶关2025年度的证书补贴申请截止到什么时候？")).answer
    assert "2026年3月31日" in answer and "已过" in answer, answer


def test_who_issued_a_notice_and_when_are_its_header_fields(own_rules):
    """Header fields asked of a notice (the same notice; its card, not its body)."""
    who = own_rules.ask(Question(text="韶关这个证书补贴通知是谁发的？")).answer
    assert "发文机关：韶关市人力资源和社会保障局" in who, who
    when = own_rules.ask(Question(text="韶关的通知是哪年哪月发的？")).answer
    assert "2026年1月10日" in when, when


def test_what_a_notice_repeals_is_its_sentence_saying_so_not_its_period(own_rules):
    answer = own_rules.ask(Question(text="韶关的证书补贴通知废止了哪个文件？")).answer
    assert "韶人社发〔2022〕5号" in answer and "有效期" not in answer, answer


@pytest.mark.parametrize(
    "question", ["韶人社发〔2022〕5号还有效吗？", "韶关原来的职业技能提升补贴暂行办法还有效吗？"]
)
def test_a_document_a_loaded_notice_repeals_is_said_to_be_repealed_and_since_when(own_rules, question):
    """The library does not hold the repealed 办法; the notice repealing it says so. Its own
    period is no answer about the other one."""
    answer = own_rules.ask(Question(text=question)).answer
    assert answer.startswith("已废止。") and "自2026年1月15日起不再执行" in answer, answer
    assert "现行有效" not in answer, answer


@pytest.mark.parametrize("question", ["韶关的证书补贴能分几次领？", "韶关证书补贴是一次性发完吗？"])
def test_how_a_benefit_is_paid_is_its_own_sentence_not_another_benefits(own_rules, question):
    """The notice pays the certificate subsidy in two instalments and a 首席技师津贴 by the
    quarter: asked of the subsidy, the subsidy's sentence answers."""
    answer = own_rules.ask(Question(text=question)).answer
    assert "分两次发放" in answer and "按季度" not in answer, answer


def test_a_count_of_instalments_asked_is_no_question_of_being_too_late():
    assert not asks_if_too_late("补贴能分几次领？")


def test_a_group_a_notice_names_as_left_out_by_its_others_is_told_no(own_rules):
    """ "…个体工商户以外的其他参保人员" may apply: a 个体工商户 may not."""
    answer = own_rules.ask(Question(text="韶关的个体工商户能申请证书补贴吗？")).answer
    assert answer.startswith("不能。") and "以外的" in answer, answer


def test_a_window_counted_from_a_certificate_of_a_month_told_closes_on_its_day(own_rules):
    """韶关: 12 months from a certificate of 2026. One of February runs to the end of February
    2027; the day is worked out, not quoted, and said as such."""
    answer = own_rules.ask(Question(text="我今年2月在韶关拿的高级工证，还能申请吗？")).answer
    assert answer.startswith("可以。") and "最晚可在2027年2月28日前申请" in answer, answer


def test_now_is_held_against_the_windows_a_notice_dates_for_this_year(own_rules):
    """丽水 takes applications from 20 May to 20 June 2026; 湖州 took them in March."""
    open_now = own_rules.ask(Question(text="丽水岗位津贴现在能申请吗？")).answer
    assert open_now.startswith("可以。") and "目前正在受理期内" in open_now, open_now
    closed = own_rules.ask(Question(text="湖州技能提升补贴今年还能申请吗？")).answer
    assert closed.startswith("不能。") and "已于2026年3月31日截止" in closed, closed


@pytest.mark.parametrize(
    ("question", "lead", "said"),
    [
        # 丽水 三、: the 岗位津贴 window (5/20–6/20, open on the test's day), then the 工作室's
        # 上半年 (1/10–1/31) and 下半年 (7/1–7/31) windows, in one clause.
        ("丽水技能大师工作室建设补助上半年的还能报吗", "不能。", "上半年的受理期已于2026年1月31日截止"),
        ("丽水技能大师工作室建设补助下半年的还能报吗", "", "下一次受理时间为2026年7月1日至2026年7月31日"),
        ("丽水技能大师工作室建设补助现在还能申报吗", "", "下一次受理时间为2026年7月1日至2026年7月31日"),
    ],
)
def test_the_window_asked_is_the_one_for_what_and_which_part_of_the_year_is_asked(
    own_rules, question, lead, said
):
    answer = own_rules.ask(Question(text=question)).answer
    assert said in answer, answer
    assert answer.startswith(lead) and not answer.startswith("可以"), answer
