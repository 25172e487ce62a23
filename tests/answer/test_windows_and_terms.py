"""When one can apply: every batch of a window list is read (the second batch open today is
not lost behind the first, closed one), a window with no year comes back every year, a
benefit taken all year round is open today, and a window counted from the asker's
certificate is worked out from the month they give. An aspect a notice sets no rule for is
said not to be stated. Today is 2026-06-01 (the own_rules library); the notices are the
tests' own (tests/answer/own_rules/luzhou-skills.txt, hebi-incentives.txt)."""

from __future__ import annotations

from assistant.models import Question


def ask(library, text: str) -> str:
    return library.ask(Question(text=text)).answer


def test_the_open_second_batch_is_found_behind_a_closed_first(own_rules):
    answer = ask(own_rules, "泸州技能大师工作室资助现在能申报吗")
    assert answer.startswith("可以。") and "常年受理" not in answer, answer  # the voucher's, not this
    assert "目前正在受理期内（2026年5月20日至2026年6月20日）" in answer, answer


def test_asked_when_every_batch_is_given(own_rules):
    answer = ask(own_rules, "泸州技能大师工作室资助什么时候申报")
    assert "第一批受理时间为2026年3月1日至2026年4月30日" in answer, answer
    assert "第二批受理时间为2026年5月20日至2026年6月20日" in answer, answer


def test_a_yearly_window_without_a_year_is_this_years(own_rules):
    answer = ask(own_rules, "泸州以工代训补贴现在能申报吗")
    assert not answer.startswith("可以"), answer
    assert "下一次受理时间为2026年9月1日至2026年9月30日" in answer, answer


def test_a_benefit_taken_all_year_round_is_open(own_rules):
    answer = ask(own_rules, "泸州职业培训券现在能申请吗")
    assert answer.startswith("可以。") and "常年受理" in answer, answer
    assert "第二批" not in answer, answer


def test_the_window_from_the_certificate_is_worked_out_from_the_month_told(own_rules):
    until = ask(own_rules, "我2026年3月在鹤壁拿的技师证，什么时候截止申请奖励")
    assert "最晚可在2026年9月30日前申请" in until, until
    closed = ask(own_rules, "我2025年10月在鹤壁拿的技师证，现在还能申请奖励吗")
    assert closed.startswith("不能。") and "2026年4月30日截止" in closed, closed


def test_an_aspect_the_notice_sets_no_rule_for_is_said_not_to_be_stated(own_rules):
    answer = ask(own_rules, "鹤壁奖励审核要多久")
    assert answer.startswith("现有文件没有写明您问的审核时限"), answer
