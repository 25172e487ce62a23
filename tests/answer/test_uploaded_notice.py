"""Notices a curator adds (tests/answer/notices, written for these tests), in a library of
their own: a table of amounts by level, follow-ups by level, a level paid by another's
standard, whom a notice is for, and a benefit named in other words. (Alone, the library
builds in a second; beside the five it cost the suite half a minute of CPU for the same
answers.)"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from assistant.models import Question, WorkerProfile
from assistant.service import PolicyAssistant

from .conftest import library_of

NOTICES = Path(__file__).parent / "notices"
NOTICE = NOTICES / "changzhou-subsidy.txt"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> PolicyAssistant:
    return library_of(NOTICES, dt.date(2026, 11, 21), tmp_path_factory)


def ask(library: PolicyAssistant, text: str, *history: str) -> str:
    return library.ask(Question(text=text, history=list(history))).answer


def test_an_amount_asked_with_no_level_is_every_levels_amount(library):
    answer = ask(library, "常州技能等级晋升补贴的标准是多少？")
    assert all(amount in answer for amount in ("1200元", "1800元", "2600元")), answer
    assert "没有写明" not in answer


def test_another_level_asked_as_a_follow_up_gets_its_own_amount(library):
    assert "2600元" in ask(library, "技师呢？", "常州考高级工证书补贴多少？")
    answer = ask(library, "那中级工呢？", "常州考高级工证书补贴多少？")
    assert "1200元" in answer and "1800元" not in answer


def test_a_subsidy_asked_is_granted_by_an_allowance_in_other_words(library):
    answer = ask(library, "常州残疾人参加培训有补贴吗？")
    assert answer.startswith("有。") and "交通补助30元" in answer


def test_a_level_the_notice_does_not_pay_is_said_not_to_be_stated_with_the_levels_it_does(library):
    answer = ask(library, "高级技师呢？", "常州考高级工证书补贴多少？")
    assert answer.startswith("现有文件没有写明高级技师的金额"), answer
    assert "交通补助" not in answer  # an amount for someone else is not the level's


def test_a_level_paid_by_another_levels_standard_gets_that_amount_and_the_rule_that_says_so(library):
    answer = ask(library, "泰州特级技师奖励多少钱？")
    assert "3200元" in answer and "特级技师参照高级技师标准执行" in answer, answer
    follow_up = ask(library, "特级技师呢？", "泰州考技师证书奖励多少？")
    assert "3200元" in follow_up and "2400元" not in follow_up, follow_up


def test_a_group_the_notice_is_not_for_is_answered_with_whom_it_is_for(library):
    answer = ask(library, "常州的补贴灵活就业人员能领吗？")
    assert answer.startswith("以下是文件写明的适用对象，其中没有提到灵活就业人员"), answer
    assert "企业职工" in answer and "残疾人" in answer
    assert "关于印发" not in answer  # never the notice's title line


def test_a_question_naming_what_is_paid_after_another_benefit_is_answered_for_itself(library):
    answer = ask(library, "中级工补贴多少钱？", "常州的交通补助怎么发？")
    assert "1200元" in answer and "交通补助" not in answer, answer


def test_a_level_whose_own_item_follows_another_levels_standard_gets_that_amount_both_cited(library):
    answer = library.ask(Question(text="泰州中级工奖励多少钱？"))
    assert "1600元" in answer.answer and "参照高级工标准执行" in answer.answer, answer.answer
    assert len({c.clause_id for c in answer.citations}) == 2  # the amount's item and the rule's


def test_someone_the_notice_leaves_out_is_told_no_with_the_sentence_that_says_so(library):
    answer = ask(library, "泰州的技能等级提升奖励，退休了还能领吗？")
    assert answer.startswith("不能。"), answer
    assert "已办理退休手续的人员" in answer
    has = ask(library, "机关事业单位工作人员有泰州的技能等级提升奖励吗？")
    assert has.startswith("没有。") and "不属于本细则的奖励对象" in has
    # Whom it is for is not told no.
    assert not ask(library, "泰州的技能等级提升奖励，企业在职职工能领吗？").startswith("不能")


def test_another_citys_worker_gets_no_yes_and_a_provinces_asker_hears_whose_rule_it_is(library):

    elsewhere = library.ask(
        Question(text="我是南京的，常州那个晋升补贴我能领吗？", profile=WorkerProfile(region="南京"))
    ).answer
    assert not elsewhere.startswith(("可以", "有")), elsewhere
    assert "不适用于南京" in elsewhere
    province = library.ask(
        Question(text="考中级工证书能补多少钱？", profile=WorkerProfile(region="江苏"))
    ).answer
    # A city's notice (常州's or 泰州's) is 江苏's too, but holds in that city only.
    assert re.search(r"是(常州|泰州)的规定，只适用于(常州|泰州)", province), province
    assert "不是江苏的政策" not in province


def test_how_to_apply_asked_first_is_answered_by_the_sentence_that_says_how(library):
    # Not by "…的企业职工，可以申请技能提升补贴", which shares its words.
    answer = ask(library, "盐城的技能提升补贴怎么申请？")
    assert "手机APP或到参保地人社服务窗口提出申请" in answer, answer
    materials = ask(library, "要带什么材料？", "盐城的技能提升补贴怎么申请？")
    assert "本人身份证" in materials, materials


def test_a_period_the_notice_gives_by_its_days_is_said_by_them():
    from assistant.ingest.corpus import build_document

    notice = NOTICES / "taizhou-award.txt"
    meta = build_document(notice.name, notice.read_text("utf-8"), None).meta
    assert meta.period_label == "2026年4月1日至2028年3月31日"  # not "2026—2028年"


def test_how_to_apply_for_a_scheme_no_notice_names_is_not_how_to_apply_for_a_subsidy(library):
    answer = ask(library, "公租房怎么申请？")
    assert answer.startswith("现有文件没有写明"), answer
    assert "提出申请" not in answer


def test_what_to_bring_after_a_question_on_a_notices_period_asks_what_to_bring(library):
    answer = ask(library, "要带什么材料？", "常州的晋升补贴", "这个通知有效期到什么时候？")
    assert "实施期限" not in answer, answer  # not the period again
    assert "有效期到" not in answer  # and the earlier question is no topic


def test_an_amount_listed_under_a_subsidy_heading_is_a_yes_to_whether_there_is_a_subsidy(library):
    answer = ask(library, "盐城的高级工有补贴吗？")
    assert answer.startswith("有。") and "1900元" in answer, answer


def test_a_long_conversation_answers_each_new_aspect_from_the_item_titled_for_it(library):
    # The items' own words share none with the questions: their run-in titles say what they are.
    turns = ["淮安的安家补贴是给谁的？", "技师能拿多少？"]
    expected = {
        "需要什么材料？": "居民身份证、技能等级证书、劳动合同",
        "在哪里办？": "“淮安就业”微信小程序",
        "有没有时间限制？": "获证后6个月内提出",
        "钱打到哪里？": "按季度将补贴拨付至申请人社会保障卡",
        "电话多少？": "0517-83661234",
    }
    _each_aspect_answered(library, turns, expected)


def test_how_long_until_the_money_arrives_is_when_it_is_paid_not_a_deadline(library):
    answer = ask(library, "多久能到账？", "淮安技师安家补贴多少钱？", "怎么申请？")
    assert "按季度将补贴拨付" in answer, answer
    assert "截止时间" not in answer


def test_an_asker_already_paid_another_such_subsidy_is_told_no(library):
    answer = ask(library, "我已经领了淮安别的安家补贴，还能领这个吗？")
    assert answer.startswith("不能。") and "不重复享受" in answer, answer


def test_an_amount_asked_in_a_province_that_only_its_cities_state_is_each_citys_said_as_such(library):

    answer = library.ask(
        Question(text="考高级技师证书能拿多少钱？", profile=WorkerProfile(region="江苏"))
    ).answer
    # 淮安's 15000元 and 泰州's award for the level, each only its city's.
    assert "15000元" in answer and "泰州" in answer, answer
    assert "只适用于各自的城市" in answer


def test_each_aspect_of_a_notice_written_in_articles_is_read_from_the_article_that_states_it(library):
    turns = ["芜湖技师每月生活补助多少？"]
    assert "700元" in ask(library, turns[0]) and "1100元" not in ask(library, turns[0])
    expected = {
        "要满足什么条件？": "签订2年以上劳动合同",
        "审核要多久？": "10个工作日内完成初审",
        "公示几天？": "公示5个工作日",
        "能领多长时间？": "累计不超过24个月",
        "多久发一次？": "按季度发放",
    }
    _each_aspect_answered(library, turns, expected)


def test_every_level_of_an_article_listing_amounts_is_given_when_no_level_is_asked(library):
    answer = ask(library, "芜湖高技能人才生活补助标准是多少？")
    assert all(amount in answer for amount in ("400元", "700元", "1100元")), answer


def test_an_article_leaving_people_out_tells_them_no(library):

    assert ask(library, "我是芜湖事业单位在编的技师，能领生活补助吗？").startswith("不能。")
    elsewhere = library.ask(
        Question(text="我已经在合肥领人才生活补助了，还能领吗？", profile=WorkerProfile(region="芜湖"))
    ).answer
    assert elsewhere.startswith("不能。") and "不再享受" in elsewhere, elsewhere


def test_until_when_a_notice_is_carried_out_is_its_period(library):
    answer = ask(library, "芜湖这个生活补助办法执行到什么时候？")
    assert "2028年5月31日" in answer, answer


def test_whom_a_notice_leaves_out_is_quoted_as_its_whole_list(library):
    answer = ask(library, "淮安的安家补贴，哪些人不能申请？")
    left_out = ("机关事业单位在编人员", "已办理退休手续的人员", "全日制在校学生")
    assert all(w in answer for w in left_out), answer
    assert answer.count("[1]") == 1  # one quote, not its entries one by one


def test_whom_a_notice_is_for_is_read_from_the_part_on_it(library):
    answer = ask(library, "淮安的安家补贴是给谁的？")
    assert "缴纳社会保险满6个月的技能人才" in answer, answer


def test_whom_a_notice_is_sent_to_is_never_quoted_as_a_rule(library):
    answer = ask(library, "我是宿迁人，考了淮安的证，能领淮安的安家补贴吗？")
    assert "各县（区）人力资源和社会保障局" not in answer, answer


def test_how_to_apply_is_read_from_the_item_titled_for_it_before_others_under_the_same_part(library):
    answer = ask(library, "淮安的安家补贴怎么申请？")
    # The 申领方式 item leads, not 受理时限 or 资金拨付, which sit under the same 申领办法.
    assert answer.startswith("《淮安市技能人才安家补贴实施细则》：申请人登录“淮安就业”微信小程序"), answer


def test_a_notice_whose_title_names_the_askers_group_is_not_said_to_leave_it_unnamed(library):

    profile = WorkerProfile(region="盐城", groups=["企业职工"], skill_level="高级工")
    answer = library.ask(Question(text="我能领多少补贴？", profile=profile)).answer
    assert "1900元" in answer and "没有专门提到" not in answer, answer


def test_when_a_notice_was_issued_is_its_issue_date_not_its_period(library):
    answer = ask(library, "芜湖那个生活补助办法是哪天发的？")
    assert "2026年5月8日" in answer and "2028年5月31日" not in answer, answer


def test_a_question_of_its_own_after_metadata_questions_is_not_answered_with_metadata(library):
    turns = ["芜湖那个生活补助办法的文号是多少？", "什么时候发的？"]
    answer = ask(library, "高级技师能领吗？", *turns)
    assert "印发日期" not in answer and "文号" not in answer, answer


def _each_aspect_answered(library: PolicyAssistant, turns: list[str], expected: dict[str, str]) -> None:
    """Each question asked in turn, after all those before it, is answered with what it asks."""
    for question, stated in expected.items():
        answer = ask(library, question, *turns)
        assert stated in answer, (question, answer)
        assert "没有写明" not in answer
        turns.append(question)


def test_who_issued_a_notice_is_its_issuer_line_after_questions_on_its_content(library):
    turns = ["芜湖技师每月生活补助多少？", "能领多长时间？"]
    answer = ask(library, "谁发的？", *turns)
    assert "芜湖市人力资源和社会保障局" in answer and "700元" not in answer, answer


def test_when_an_allowance_is_paid_is_never_the_issue_date_nor_the_issuers_name(library):
    answer = ask(library, "芜湖生活补助每季度什么时候发？")
    assert "按季度发放" in answer and "印发日期" not in answer, answer
    started = ask(library, "芜湖生活补助从什么时候开始发？")
    assert "按季度发放" in started and not started.endswith("芜湖市人力资源和社会保障局[1]。"), started
    assert "累计不超过24个月" in ask(library, "能拿几年？", "芜湖技师每月生活补助多少？")


def test_an_amount_and_how_to_apply_asked_in_one_sentence_are_both_answered(library):
    answer = ask(library, "我在芜湖工作，高级工能领多少生活补助，怎么申请？")
    assert "每人每月400元" in answer and "向区人社部门申报" in answer, answer
    where = ask(library, "蚌埠高级工租房补贴多少钱，去哪申请？")
    assert "高级工每人每月500元" in where and "网上办事大厅" in where, where


def test_two_questions_asking_a_benefits_materials_and_time_limit_get_one_each(library):
    answer = ask(library, "淮安的安家补贴要什么材料？多久内申请？")
    assert "居民身份证" in answer and "获证后6个月内提出" in answer, answer
    assert "不重复享受" not in answer, answer


def test_a_single_question_asking_two_facts_one_line_holds_stays_one_question(library):
    # The 文号 and the issuer are both in the header: asked together, one line, not "②见①".
    answer = ask(library, "芜湖那个生活补助办法是哪个部门发的，文号是什么？")
    assert "芜人社规〔2026〕7号" in answer and "见①" not in answer, answer


def test_an_item_titled_for_the_aspect_answers_though_it_shares_no_word_with_the_question(library):
    # "所需资料" is not "材料", and its text lists documents only: search alone ranks it low.
    answer = ask(library, "淮安的安家补贴要什么材料？")
    assert "居民身份证、技能等级证书、劳动合同和本人社会保障卡" in answer, answer


def test_leaving_the_job_is_answered_by_the_rule_that_stops_the_payment(library):
    answer = ask(library, "我在蚌埠领租房补贴，辞职了还能继续领吗？")
    assert "解除劳动关系" in answer and "停止发放" in answer, answer
    assert not answer.startswith(("可以", "有。")), answer


def test_a_rule_leaving_others_out_is_no_yes_for_the_asker(library):
    # "已在其他城市领取…的，不再享受" is about someone else: never a 可以 for a worker who
    # asks about leaving the job.
    answer = ask(library, "我在芜湖，辞职了还能领生活补助吗？")
    assert not answer.startswith("可以"), answer


def test_an_asker_of_one_level_gets_that_levels_line_not_the_first_of_the_table(library):
    answer = ask(library, "我在芜湖企业上班，刚拿到技师证，每个月有补贴吗？")
    assert "每人每月700元" in answer and "400元" not in answer, answer


def test_a_reward_paid_in_money_answers_whether_there_is_a_subsidy(library):
    answer = ask(library, "泰州考技师证书有补贴吗？")
    assert answer.startswith("有。") and "每人奖励2400元" in answer, answer


def test_an_article_listing_its_conditions_on_lines_of_their_own_is_quoted_whole(library):
    answer = ask(library, "蚌埠租房补贴要满足什么条件？")
    assert "缴纳社会保险满3个月" in answer and "无自有住房" in answer, answer


def test_someone_a_listed_exclusion_names_is_told_no(library):
    answer = ask(library, "我是蚌埠的全日制在校学生，能申请租房补贴吗？")
    assert answer.startswith("不能。") and "不纳入租房补贴发放范围" in answer, answer


def test_leaving_the_city_is_answered_by_the_rule_that_stops_the_payment(library):
    answer = ask(library, "我在蚌埠领租房补贴，离开蚌埠去外地就业了还发不发？")
    assert "停止发放" in answer and "离开本市就业" in answer, answer
    assert not answer.startswith(("可以", "有。")), answer
    stops = ask(library, "蚌埠租房补贴什么情况下停发？")
    assert "与用人单位解除劳动关系" in stops and "不纳入" not in stops, stops


def test_a_worker_saying_where_they_work_is_not_excluded_by_a_rule_on_leaving(library):
    answer = ask(library, "我在蚌埠企业工作，高级工，能领租房补贴吗？")
    assert "停止发放" not in answer and not answer.startswith("不能"), answer


def test_when_a_notice_took_effect_is_its_period_not_another_article(library):
    answer = ask(library, "蚌埠的租房补贴办法从哪天开始施行？")
    assert "2026年4月1日" in answer and "网上办事大厅" not in answer, answer
    follow_up = ask(library, "这个政策到啥时候", "蚌埠租房补贴多少钱？")
    assert "2026年4月1日至2029年3月31日" in follow_up and "没有写明" not in follow_up, follow_up


def test_who_interprets_a_notice_is_the_sentence_that_says_so(library):
    answer = ask(library, "蚌埠的租房补贴办法由谁负责解释？")
    assert answer.startswith("《蚌埠市技能人才租房补贴实施办法》：第七条"), answer
    assert "没有写明" not in answer


def test_who_issued_a_notice_and_its_number_asked_together_are_both_answered(library):
    answer = ask(library, "蚌埠那个租房补贴办法是哪个部门发的，文号多少？")
    assert "蚌人社秘〔2026〕21号" in answer and "发文机关：蚌埠市人力资源和社会保障局" in answer, answer


def test_a_group_a_notice_does_not_name_is_answered_with_whom_its_run_in_title_says_it_is_for(library):
    answer = ask(library, "嘉兴的技能提升补贴灵活就业人员能领吗？")
    assert answer.startswith("以下是文件写明的适用对象，其中没有提到灵活就业人员"), answer
    assert "参加失业保险满1年" in answer and "0573" not in answer, answer


def test_two_cities_benefits_compared_are_compared_by_what_they_pay(library):
    answer = ask(library, "嘉兴的补贴和蚌埠的补贴有什么区别？")
    嘉兴, 蚌埠 = answer.splitlines()[:2]
    assert 嘉兴.startswith("【嘉兴】") and "元" in 嘉兴, answer
    assert 蚌埠.startswith("【蚌埠】") and "元" in 蚌埠, answer
    assert "人力资源和社会保障局[" not in answer  # never the letterhead


def test_a_figure_or_a_year_put_forward_is_confirmed_or_denied(library):
    assert ask(library, "嘉兴技师补贴是3000元吗？").startswith("不是。")
    assert ask(library, "嘉兴技师补贴是2600元吗？").startswith("是。")
    assert ask(library, "嘉兴的技能提升补贴通知是2025年发的吗？").startswith("不是。")


def test_two_levels_compared_get_each_levels_amount(library):
    answer = ask(library, "嘉兴中级工和技师补贴差多少？")
    assert "每人补贴1200元" in answer and "每人补贴2600元" in answer, answer


def test_an_asker_older_than_a_condition_allows_is_told_no(library):
    answer = ask(library, "我今年56岁，在蚌埠上班，能申请租房补贴吗？")
    assert answer.startswith("不能。") and "年龄不超过50周岁" in answer, answer
    # 53 is within the bound widened for some ("放宽至55周岁"): no 不能 is guessed.
    widened = ask(library, "我今年53岁，在蚌埠上班，是技师，能申请租房补贴吗？")
    assert not widened.startswith("不能"), widened
    younger = ask(library, "我今年35岁，在蚌埠企业上班，是高级工，能申请租房补贴吗？")
    assert not younger.startswith("不能"), younger


def test_a_level_below_the_levels_a_notice_is_for_has_none_by_its_condition(library):
    # Not merely unpaid: the condition "取得中级工以上…证书" leaves 初级工 out.
    answer = ask(library, "我是蚌埠的初级工，每个月有租房补贴吗？")
    assert answer.startswith("没有。") and "中级工以上" in answer, answer
    assert "可以" not in answer


def test_materials_a_notice_does_not_list_are_said_not_to_be_stated(library):
    answer = ask(library, "泰州的技能等级提升奖励要交哪些材料？")
    assert answer.startswith("现有文件没有写明您问的所需材料"), answer
    listed = ask(library, "蚌埠的租房补贴要交哪些材料？")  # "上传租房合同和技能等级证书"
    assert listed.startswith("《蚌埠市技能人才租房补贴实施办法》：第六条"), listed


def test_an_amount_and_whether_it_goes_on_after_leaving_are_both_answered(library):
    answer = ask(library, "蚌埠高级工租房补贴每月多少，离职后还发吗？")
    first, second = answer.splitlines()[:2]
    assert first.startswith("①") and "高级工每人每月500元" in first, answer
    assert second.startswith("②不再发放。") and "停止发放" in second, answer


def test_an_item_titled_for_materials_is_quoted_with_its_list_not_only_its_exception(library):
    answer = ask(library, "嘉兴的技能提升补贴要带什么材料？")
    assert "本人身份证、职业技能等级证书和社会保障卡" in answer, answer


def test_a_year_put_forward_for_when_a_notice_took_effect_is_denied_with_its_period(library):
    answer = ask(library, "嘉兴的技能提升补贴通知是2025年施行的吗？")
    assert answer.startswith("不是。") and "2026年2月1日" in answer, answer


def test_what_if_the_asker_leaves_is_answered_by_the_rule_that_stops_the_payment(library):
    answer = ask(library, "我要是辞职了呢", "蚌埠高级工租房补贴每月多少？")
    assert answer.startswith("不再发放。") and "停止发放" in answer, answer


def test_two_questions_each_naming_its_own_city_and_level_are_each_answered_for_them(library):
    answer = ask(library, "嘉兴高级工补贴多少？芜湖技师每月补助多少？")
    first, second = answer.split("②")[:2]
    assert "1800元" in first and "1200元" not in first and "2600元" not in first, answer
    assert "700元" in second and "1100元" not in second and "芜湖" in second, answer


def test_whether_it_is_too_late_to_apply_is_answered_by_the_deadline(library):
    answer = ask(library, "证是前年考的，现在才想起来申请，还来得及吗", "嘉兴考高级工补贴多少？")
    assert "12个月内" in answer and "1800元" not in answer, answer


def test_an_asker_out_of_work_is_told_no_by_the_condition_of_being_employed(library):
    answer = ask(library, "要是辞职了还能申请吗", "泰州技师奖励多少")
    assert answer.startswith("不能。") and "企业在职职工" in answer and "2400元" not in answer, answer
    answer = ask(library, "我在芜湖，失业了能领高技能人才生活补助吗")
    assert answer.startswith("不能。") and "签订2年以上劳动合同" in answer, answer


def test_a_level_below_the_range_a_notice_is_for_is_told_no_and_one_inside_it_is_not(library):
    answer = ask(library, "我是初级工，在蚌埠能申请租房补贴吗")
    assert answer.startswith("不能。") and "中级工以上" in answer, answer
    assert not ask(library, "我是高级工，在蚌埠能申请租房补贴吗").startswith("不能")


def test_whether_a_worker_may_have_it_is_answered_with_their_levels_amount_not_the_cover_letter(library):
    answer = ask(library, "我是技师，在梧州能领岗位津贴不")
    assert answer.startswith("可以。") and "260元" in answer and "印发" not in answer, answer


def test_what_a_worker_can_get_in_their_city_is_every_amount_its_notice_pays(library):
    # 上班 makes the asker a 企业职工, whom no amount names: the city's amounts are theirs.
    answer = ask(library, "我在芜湖上班，有啥补贴")
    assert all(amount in answer for amount in ("400元", "700元", "1100元")), answer
    # An allowance (津贴) is money granted as much as a subsidy is; the header card is no benefit.
    answer = ask(library, "我在梧州，有什么补贴")
    assert "260元" in answer and "450元" in answer and "适用地区" not in answer, answer


def test_where_the_money_comes_from_is_the_sentence_that_says_so(library):
    answer = ask(library, "嘉兴技能提升补贴的资金从哪里出？")
    assert "失业保险基金中列支" in answer and "1800元" not in answer, answer
    answer = ask(library, "这钱谁出", "嘉兴高级工补贴多少")
    assert "失业保险基金中列支" in answer and "1800元" not in answer, answer


def test_an_age_bound_widened_for_some_levels_is_widened_only_for_them(library):
    # "年龄不超过50周岁，取得技师以上证书的放宽至55周岁"
    answer = ask(library, "我是高级工，今年53了，在蚌埠能申请租房补贴吗")
    assert answer.startswith("不能。") and "放宽至55周岁" in answer, answer
    answer = ask(library, "俺53了，还中不", "蚌埠技师租房补贴每月多少？")
    assert answer.startswith("可以。") and "放宽至55周岁" in answer, answer


def test_when_the_money_arrives_is_the_sentence_saying_when_and_where_and_nothing_vaguer(library):
    answer = ask(library, "钱哪天发", "梧州技师岗位津贴每月多少？")
    assert "每月20日前" in answer and "按月发放的补助" not in answer, answer


def test_who_interprets_each_of_two_notices_is_each_ones_own_sentence_or_nothing(library):
    answer = ask(library, "嘉兴的补贴和蚌埠的租房补贴分别由谁负责解释？")
    嘉兴, 蚌埠 = answer.splitlines()[:2]
    assert 嘉兴 == "【嘉兴】现有文件中没有找到这方面的规定。", answer
    assert "本办法由蚌埠市人力资源和社会保障局负责解释" in 蚌埠, answer


def test_an_article_stating_an_aspect_with_no_title_of_its_own_is_found_and_a_sanction_is_none(library):
    answer = ask(library, "钱从哪来", "梧州技师岗位津贴每月多少？")
    assert "两级财政按比例分担" in answer and "260元" not in answer, answer
    # "取消其三年内申领资格" is no deadline, no pay day.
    for question in ("钱哪天到", "单位什么时候报"):
        answer = ask(library, question, "梧州技师岗位津贴每月多少？")
        assert "骗取" not in answer and ("每月20日前" in answer or "每年4月" in answer), (question, answer)


def test_an_asker_who_paid_in_for_less_than_the_rule_requires_is_told_no_unless_it_is_waived(library):
    answer = ask(library, "我在嘉兴上班，失业保险才交了8个月，考了高级工能领补贴吗？")
    assert answer.startswith("不能。") and "参加失业保险满1年" in answer, answer
    assert not ask(library, "我在嘉兴上班，失业保险交了两年，考了高级工能领补贴吗？").startswith("不能")
    # Those drawing unemployment benefit are not held to it, and the rule says so.
    answer = ask(library, "我在嘉兴失业了正在领失业金，失业保险交了8个月，考了高级工证能领补贴吗")
    assert not answer.startswith("不能") and "领取失业保险金人员" in answer, answer


def test_an_amount_asked_in_two_questions_of_two_cities_is_the_levels_line_of_each(library):
    answer = ask(library, "梧州技师岗位津贴多少？嘉兴高级工补贴多少？")
    first, second = answer.split("②")[:2]
    assert "260元" in first and "450元" not in first, answer
    assert "1800元" in second, answer


def test_moving_away_from_the_city_whose_benefit_one_has_is_told_by_its_rule_on_leaving(library):
    answer = ask(library, "我要从蚌埠搬去合肥工作了，租房补贴还发吗？")
    assert answer.startswith("不再发放。") and "离开本市就业的" in answer, answer
    assert "合肥的政策" not in answer


def test_another_age_asked_as_a_follow_up_is_held_to_the_same_bound(library):
    first = "我是蚌埠的高级工，今年56了，能申请租房补贴吗"
    assert ask(library, first).startswith("不能。")
    answer = ask(library, "那我同事45岁呢", first)
    assert answer.startswith("可以。") and "年龄不超过50周岁" in answer, answer


def test_whom_to_ask_after_an_amount_is_the_notices_phone_line_alone(library):
    answer = ask(library, "有不懂的找谁咨询？", "嘉兴高级工补贴多少？")
    assert "0573-82061234" in answer and "1800元" not in answer, answer


def test_a_level_the_notice_says_it_does_not_apply_to_is_told_so_by_that_sentence(library):
    answer = ask(library, "那高级技师呢", "嘉兴高级工补贴多少？")
    assert answer.startswith("高级技师不在本文件的补贴范围内。") and "不适用本通知" in answer, answer
    assert "1800元" not in answer


def test_what_a_city_offers_a_group_is_every_amount_of_its_table_also_when_asked_as_a_follow_up(library):
    answer = ask(library, "梧州对技能人才有什么补贴？")
    assert "260元" in answer and "450元" in answer, answer
    answer = ask(library, "梧州呢？", "芜湖对高技能人才有什么补贴？")
    assert "260元" in answer and "450元" in answer and "芜湖" not in answer.split("[")[0], answer


def test_which_of_two_documents_runs_longer_is_each_ones_period_not_its_number(library):
    answer = ask(library, "嘉兴和梧州哪个文件有效期更长？")
    嘉兴, 梧州 = answer.splitlines()[:2]
    assert 嘉兴.startswith("【嘉兴】") and "2027年12月31日" in 嘉兴, answer
    assert 梧州.startswith("【梧州】") and "2029年3月31日" in 梧州, answer
    assert "号" not in answer  # no 文号


def test_an_amount_is_answered_without_the_rules_stopping_or_clawing_it_back(library):
    answer = ask(library, "梧州技师岗位津贴每月多少？")
    assert "260元" in answer and "停发" not in answer and "骗取" not in answer, answer


def test_two_fields_of_a_header_card_asked_as_two_questions_are_its_two_lines(library):
    answer = ask(library, "梧州岗位津贴办法的文号是多少？是哪个部门发的？")
    assert "文号：梧人社规〔2026〕2号" in answer and "发文机关：梧州市人力资源和社会保障局" in answer, answer
    assert "印发给你们" not in answer and "②" not in answer, answer


def test_what_a_worker_of_a_profiles_city_can_get_is_every_level_of_its_table(library):

    answer = library.ask(Question(text="有啥补贴？", profile=WorkerProfile(region="嘉兴"))).answer
    assert all(amount in answer for amount in ("1200元", "1800元", "2600元")), answer


def test_a_comparison_asked_under_a_profile_says_nothing_against_its_own_sides(library):

    question = Question(text="嘉兴和芜湖高级工补贴分别是多少？", profile=WorkerProfile(region="嘉兴"))
    answer = library.ask(question).answer
    assert answer.startswith("【嘉兴】") and "【芜湖】" in answer, answer
    assert "不适用于" not in answer and "不是嘉兴的政策" not in answer, answer


def test_a_follow_up_naming_nothing_asks_the_notice_the_last_answer_quoted(library):
    """Only the earlier answer says which city's notice the conversation is about: the
    question before named no place and no benefit."""
    first = library.ask(Question(text="高级技师每个月能领多少"))
    quoted = {c.doc_id for c in first.citations}
    assert len(quoted) == 1, first.answer
    then = Question(text="钱从哪来", history=["高级技师每个月能领多少"], answered_from=sorted(quoted))
    answer = library.ask(then)
    assert "资金" in answer.answer and answer.answerable, answer.answer
    assert {c.doc_id for c in answer.citations} == quoted, answer.answer


def test_an_amount_asked_by_the_month_is_a_monthly_one_not_a_one_off_award(library):
    """梧州 pays 高级技师 450元 a month; 泰州 rewards a first 高级技师 certificate once."""
    answer = ask(library, "高级技师每个月能领多少")
    assert "每月450元" in answer and "3200元" not in answer, answer
    once = ask(library, "泰州首次取得高级技师证书一次奖励多少？")
    assert "3200元" in once, once


def test_how_long_a_certificate_is_valid_is_not_a_notices_period(library):
    """No notice says how long a certificate is valid: that is said, and no notice's period
    stands in for it."""
    answer = library.ask(Question(text="技师证书的有效期是几年？"))
    assert not answer.answerable and "证书的有效期" in answer.answer, answer.answer
    assert "实施期限" not in answer.answer and "有效期至" not in answer.answer, answer.answer


def test_an_asker_telling_how_long_they_paid_in_gets_the_amount_for_their_level(library):
    """Paying into 失业保险 is the notice's condition, met: the question asks the subsidy."""
    answer = ask(library, "我是嘉兴的企业职工，交了2年失业保险，刚拿到技师证，能领多少？")
    assert "2600元" in answer and "没有写明" not in answer, answer


def test_a_rule_on_those_who_already_had_the_benefit_does_not_refuse_one_asking_for_it(library):
    """芜湖 第八条 leaves out those already paid such an allowance elsewhere; a technician
    asking for it has not said so."""
    answer = ask(library, "我是芜湖企业的技师，能领生活补助吗？")
    assert not answer.startswith("不能") and "700元" in answer, answer


def test_how_many_days_the_review_takes_is_the_sentence_saying_so(library):
    answer = ask(library, "芜湖生活补助审核要多少天？")
    assert "10个工作日" in answer, answer


def test_an_amount_of_a_benefit_a_citys_notice_does_not_pay_is_said_to_be_anothers(library):
    """嘉兴 pays a 技能提升补贴, no 安家补贴 (淮安 does): its 2600元 is not a 安家补贴."""
    answer = library.ask(Question(text="嘉兴技师的安家补贴是多少？"))
    assert not answer.answerable and "没有写明安家补贴" in answer.answer, answer.answer
    assert "技能提升补贴" in answer.answer, answer.answer
    assert "10000元" in ask(library, "淮安技师的安家补贴是多少？")
    assert "2600元" in ask(library, "嘉兴技师补贴多少？"), "a level's 补贴 names no other benefit"


def test_whether_there_is_an_age_limit_is_the_condition_on_age(library):
    answer = ask(library, "蚌埠租房补贴有年龄限制吗？")
    assert "不超过50周岁" in answer, answer


def test_what_an_asker_can_get_is_never_a_definition_or_the_scope_of_a_notice(library):
    """梧州's 第二条 says what its 岗位津贴 is; 第四条 what a 技师 gets."""
    profile = WorkerProfile(region="梧州", skill_level="技师")
    answer = library.ask(Question(text="我能领什么？", profile=profile)).answer
    assert "260元" in answer and "所称" not in answer, answer
