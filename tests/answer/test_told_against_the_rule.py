"""What the asker tells (a month or year reached, a time worked, a head count, a count of
claims, a figure, whom the money is for, who they are) is held against what the quoted rule
says, and the verdict agrees with it. The notices are the tests' own
(tests/answer/own_rules/luzhou-skills.txt, hebi-incentives.txt)."""

from __future__ import annotations

import pytest

from assistant.models import Question


def ask(library, text: str) -> str:
    return library.ask(Question(text=text)).answer


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("泸州以工代训补贴第5个月还有吗", "没有。"),  # 最长不超过4个月
        ("泸州技师生活补贴第3年还有吗", "没有。"),  # 最长发放2年
        ("泸州脱贫劳动力跨省务工4个月有交通补贴吗", "没有。"),  # 6个月以上的
        ("泸州脱贫劳动力跨省务工8个月有交通补贴吗", "有。"),
        ("泸州企业今年培养了10个高级工，能拿培养奖励吗", "不能。"),  # 15人（含15人）以上
        ("泸州一年能领两次职业培训券吗", "可以。"),  # 不超过3次
        ("泸州一年能领4次职业培训券吗", "不能。"),
        ("泸州中级工培训券1600元对不对", "是。"),
        ("泸州中级工培训券2000元对吗", "不是。"),
        ("泸州技能大师工作室的钱是给个人的吗", "不能。"),  # 不发放给个人
    ],
)
def test_the_verdict_follows_the_rule_quoted(own_rules, text, lead):
    answer = ask(own_rules, text)
    assert answer.startswith(lead), answer


def test_an_asker_in_the_exception_of_those_left_out_may_apply(own_rules):
    kept = ask(own_rules, "我是泸州的大四学生，在毕业年度，能领职业培训券吗")
    assert kept.startswith("可以。") and "毕业年度学生除外" in kept, kept
    left_out = ask(own_rules, "我是泸州的全日制在校学生，大二，能领职业培训券吗")
    assert left_out.startswith("不能。"), left_out


def test_time_appointed_picks_the_tier(own_rules):
    assert "每人每月津贴1100元" in ask(own_rules, "泸州特级技师聘了4年每月多少")
    below = ask(own_rules, "泸州特级技师聘了半年有津贴吗")
    assert below.startswith("按您说的时间，文件写明的标准中没有适用于您的档次"), below


def test_two_levels_of_one_article_are_compared_by_their_amounts(own_rules):
    answer = ask(own_rules, "鹤壁技师和高级技师的一次性奖励差多少")
    assert "【高级技师】" in answer and "【技师】" in answer, answer
    assert "高级技师比技师多2000元。" in answer, answer


def test_what_a_body_does_is_the_sentence_naming_its_duty(own_rules):
    answer = ask(own_rules, "鹤壁县人社部门负责什么")
    assert "负责本辖区的申报受理和初审" in answer, answer


def test_a_list_of_materials_comes_with_what_a_firm_adds(own_rules):
    answer = ask(own_rules, "鹤壁企业申报奖励还要额外交什么")
    assert answer.index("申请表") < answer.index("另需提供营业执照"), answer
    plain = ask(own_rules, "鹤壁奖励要交什么材料")
    assert "申请表、身份证、职业技能等级证书" in plain, plain


def test_a_benefit_only_another_place_has_is_not_stated_for_the_place_asked(own_rules):
    answer = ask(own_rules, "鹤壁有以工代训补贴吗")
    assert answer.startswith("现有鹤壁的文件没有写到以工代训补贴。"), answer
    assert "400元" not in answer, answer  # 泸州's amount is not 鹤壁's
    assert "每月400元" in ask(own_rules, "泸州以工代训补贴多少")
    # A benefit asked in everyday words is found under the documents' words: 社保 is 社会保险.
    assert "没有写到" not in ask(own_rules, "泸州有社保补贴吗")
    assert ask(own_rules, "鹤壁有社保补贴吗").startswith("现有鹤壁的文件没有写到社保补贴。")


def test_a_vouchers_face_value_is_an_amount_not_a_head_count(own_rules):
    answer = ask(own_rules, "泸州职业培训券面额多少")
    assert "中级工每券1600元" in answer and "人数" not in answer, answer


def test_how_many_articles_and_an_article_a_notice_does_not_number(own_rules):
    count = ask(own_rules, "鹤壁的办法一共有几条")
    assert count.startswith("《鹤壁市高技能人才激励实施办法》共十二条。"), count
    unnumbered = ask(own_rules, "泸州通知第九条是什么")
    assert "不按“第几条”编号，没有第九条" in unnumbered, unnumbered


def test_whom_a_rule_covers_is_its_scope_article(own_rules):
    answer = ask(own_rules, "鹤壁办法适用于哪些人")
    assert "本办法适用于在鹤壁市企业工作的技能劳动者" in answer, answer


def test_a_follow_up_age_keeps_the_sex_told_before(own_rules):
    turns = ["我是常德的女职工，50岁，能申请职业培训补贴吗？", "那我53岁呢？"]
    answer = own_rules.ask(Question(text=turns[1], history=turns[:1])).answer
    assert answer.startswith("不能。"), answer  # women: 未满52周岁


def test_each_side_of_a_comparison_gets_the_tier_for_the_time_told(own_rules):
    answer = ask(own_rules, "泸州特级技师和首席技师聘任4年津贴各多少")
    assert "【特级技师】" in answer and "【首席技师】" in answer, answer
    assert "1100元" in answer and "1800元" in answer, answer
    assert "700元" not in answer and "1300元" not in answer, answer  # the first tier is not 4 years
