"""Who is asking from where: the places a question names and what each is to the asker."""

from __future__ import annotations

from assistant.models import Jurisdiction
from assistant.question.understand import place_roles, understand

CHANGZHOU = Jurisdiction(province="江苏省", city="常州市")


def test_where_someone_works_is_theirs_and_where_they_come_from_is_not_asked_about():
    roles = place_roles("俺是甘肃来常州打工的，有啥培训？")
    assert roles.asker == CHANGZHOU
    assert roles.origin == Jurisdiction(province="甘肃省")
    assert roles.topic == [CHANGZHOU]


def test_origin_named_first_then_the_place_of_work():
    roles = place_roles("户籍在安徽，现在溧阳的工厂上班")
    assert roles.asker == CHANGZHOU  # 溧阳 is a county-level city of 常州
    assert roles.origin == Jurisdiction(province="安徽省")


def test_a_place_asked_about_from_elsewhere_stays_a_topic():
    roles = place_roles("我在常州上班，浙江有什么技能补贴？")
    assert roles.asker == CHANGZHOU
    assert Jurisdiction(province="浙江省") in roles.topic


def test_someone_from_a_place_with_no_other_place_named_is_there():
    roles = place_roles("我是广西人，能参加什么培训？")
    assert roles.asker == Jurisdiction(province="广西壮族自治区")


def test_understanding_collects_groups_levels_and_years():
    query = understand("我是常州的退役军人，2025年考高级工有补贴吗？")
    assert query.asker_region == CHANGZHOU
    assert query.groups[0] == "退役军人"
    assert query.skill_level == "高级工"
    assert query.years == [2025]


def test_worker_groups_and_levels_have_one_home_that_every_reader_uses():
    """groups.yaml is read in one place: questions, suggestions and the UI's profile agree."""
    from assistant.question.understand import find_groups, skill_levels, worker_groups

    groups = worker_groups()
    assert groups[:3] == ["退役军人", "高校毕业生", "农民工"]
    assert find_groups("我是退伍的，刚毕业的大学生") == ["退役军人", "高校毕业生"]
    assert skill_levels()[0] == "首席技师"


def test_the_profile_an_answer_uses_leaves_out_what_the_question_names_itself():
    from assistant.models import WorkerProfile
    from assistant.question.understand import profile_used

    profile = WorkerProfile(region="宿迁", groups=["退役军人"], skill_level="高级工")
    assert profile_used(profile, "农民工有什么培训补贴？") == WorkerProfile(
        region="宿迁", skill_level="高级工"
    )
    assert profile_used(profile, "中级工有什么补贴？") == WorkerProfile(region="宿迁", groups=["退役军人"])
    assert profile_used(profile, "有什么补贴？") == profile
    assert profile_used(WorkerProfile(groups=["残疾人"]), "农民工能参加培训吗") is None


def test_what_a_question_asks_of_a_document_it_names_leaves_out_the_name(policy_assistant):
    from assistant.question.understand import strip_document_names

    documents = policy_assistant.documents()
    asked = strip_document_names("按“技能宿迁”行动方案，企业用地按什么性质管理？", documents)
    assert asked == "按行动方案，企业用地按什么性质管理？"
    assert strip_document_names("宿人社发〔2022〕8号是哪天印发的？", documents) == "是哪天印发的？"
    assert (
        strip_document_names("我是宿迁的退役军人，有什么补贴？", documents)
        == "我是宿迁的退役军人，有什么补贴？"
    )


def test_a_fund_or_a_scheme_holding_a_groups_word_does_not_name_the_group():
    from assistant.question.understand import find_groups

    assert find_groups("统筹使用失业保险基金支持技能培训") == []
    assert find_groups("足额提取职工教育经费") == []
    assert find_groups("对失业人员给予培训补贴") == ["失业人员"]


def test_a_local_document_is_named_by_its_place_and_what_its_title_is_about():
    from assistant.models import DocumentMeta
    from assistant.question.understand import named_documents

    notice = DocumentMeta(
        doc_id="huaian-settling",
        title="淮安市技能人才安家补贴实施细则",
        jurisdiction=Jurisdiction(province="江苏省", city="淮安市"),
        source_file="huaian-settling.txt",
    )
    assert named_documents("淮安的技能人才安家补贴，公示几天？", [notice]) == ["huaian-settling"]
    # Without its place the same words may be any city's subsidy.
    assert named_documents("技能人才安家补贴公示几天？", [notice]) == []
    assert named_documents("南京的技能人才安家补贴公示几天？", [notice]) == []


def test_a_city_the_asker_is_leaving_for_is_not_what_they_ask_about():
    roles = place_roles("我在芜湖领补贴，下个月要去南京工作了，还能领吗？")
    assert [p.city for p in roles.topic] == ["芜湖市"] and roles.asker.city == "芜湖市"
    # Asked on its own, the city they are going to is what they ask about.
    assert [p.city for p in place_roles("去南京工作能领什么补贴？").topic] == ["南京市"]


def test_a_range_of_skill_levels_holds_the_levels_inside_it():
    from assistant.question.understand import names_level

    assert names_level("技师及以上每人每月800元", "高级技师")
    assert not names_level("技师及以上每人每月800元", "高级工")
    assert names_level("取得中级工以上证书的", "高级工")
    assert not names_level("高级技师以上", "技师")  # 技师 inside 高级技师 is not a range of its own
    assert not names_level("中级工每人300元", "初级工")
    # A grade in brackets may stand between a level and its range.
    assert not names_level("取得技师（二级）及以上职业资格证书", "高级工")
    assert names_level("取得技师（二级）及以上职业资格证书", "高级技师")


def test_those_drawing_unemployment_benefit_are_unemployed_and_those_paying_in_are_not():
    from assistant.question.understand import find_groups

    assert find_groups("领取失业保险金人员在领取期间取得证书的") == ["失业人员"]
    assert find_groups("我正在领失业金") == ["失业人员"]
    assert find_groups("俺交着失业保险") == []
    assert find_groups("补贴资金从失业保险基金中列支") == []


def test_whether_a_benefit_goes_on_after_moving_is_asked_of_the_place_left():
    from assistant.question.understand import place_roles

    roles = place_roles("我要从株洲搬去长沙工作了，岗位津贴还发吗？")
    assert [p.city for p in roles.topic] == ["株洲市"] and [p.city for p in roles.leaving_for] == ["长沙市"]
    # Asked what one can get there, the place moved to is the topic.
    assert [p.city for p in place_roles("从株洲去长沙工作能领什么补贴？").topic] == ["长沙市"]


def test_a_profiles_level_is_not_applied_to_an_awards_holders():
    from assistant.models import WorkerProfile
    from assistant.question.understand import profile_used

    profile = WorkerProfile(region="绵阳", skill_level="中级工")
    assert profile_used(profile, "盐城技术能手的奖励是多少？") == WorkerProfile(region="绵阳")
    assert profile_used(profile, "我是退役军人，能领多少？") == WorkerProfile(
        region="绵阳", skill_level="中级工"
    ), "the asker's own group: their level still counts"


def test_places_named_one_inside_the_other_name_the_askers_place_most_closely():
    roles = place_roles("我是湖南常德澧县的，考了证有补贴吗")
    assert roles.asker is not None and roles.asker.city == "常德市"
    # A place asked about after the asker's own, not run on from it, does not replace it.
    assert place_roles("我是江苏的，想问宿迁的政策").asker.city is None
