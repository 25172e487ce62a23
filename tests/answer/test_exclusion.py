"""Whom a notice leaves out, and the conditions an asker out of work does not meet."""

from __future__ import annotations

from assistant.answer.exclusion import excluded
from tests.answer.evidence_fixtures import CHANGZHOU, TODAY, evidence, hit, meta

NOTICE = meta("upgrade-subsidy", CHANGZHOU, doc_number="常人社发〔2026〕9号")


def scored(text: str, probability: float = 0.5, clause: str = "1.1"):
    return evidence(hit(NOTICE, clause, text), text, probability)


def test_an_asker_who_left_work_does_not_meet_a_condition_of_being_employed():
    condition = scored("在本市就业并签订1年以上劳动合同的技能人才，可申请生活补助。")
    amount = scored("取得技师证书的，每人每月600元。", 0.7, "1.2")
    for question in ("我要是辞职了还能申请不", "失业了能领生活补助吗", "我退休了，还能领吗"):
        left_out = excluded(question, [amount, condition], None, TODAY)
        assert left_out is not None, question
        assert left_out.verdict == "不能。" and left_out.sentence == condition.text


def test_an_asker_still_at_work_meets_it_and_is_not_turned_away():
    condition = scored("企业在职职工取得职业技能等级证书的，可申请技能提升补贴。")
    assert excluded("我在厂里上班，能申请补贴吗", [condition], None, TODAY) is None


def test_a_rule_that_names_the_askers_situation_is_theirs_whatever_other_conditions_say():
    for_them = scored("对失业人员参加职业技能培训的，按规定给予职业培训补贴。", 0.6)
    condition = scored("企业在职职工取得职业技能等级证书的，可申请技能提升补贴。", 0.4, "1.2")
    assert excluded("失业了能参加培训吗", [for_them, condition], None, TODAY) is None


def test_a_sentence_without_a_condition_on_work_leaves_no_one_out():
    condition = scored("取得高级工以上证书的技能人才，可申请技能提升补贴。")
    assert excluded("我辞职了还能申请不", [condition], None, TODAY) is None
