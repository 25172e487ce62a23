"""A rule answers for what it names. A contest's rewards for the first three places say
nothing of the fourth; a subsidy for holders of two kinds of certificate says nothing of a
driving licence; "未达到法定退休年龄" judges an age only where no one's retirement age could
make it otherwise. The notices are the tests' own (tests/answer/own_rules)."""

from __future__ import annotations

import pytest

from assistant.models import Question
from assistant.question.certificates import asked_certificate, covers, named_certificates
from assistant.question.titles import placings


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("获得第一名的，奖励8000元；第二名5000元", {"名": {1, 2}}),
        ("前三名均颁发证书", {"名": {1, 2, 3}}),
        ("荣获二等奖的团队", {"等奖": {2}}),
        ("每年评选20名技术能手", {}),  # a count, not a placing
    ],
)
def test_placings_are_read_by_kind(text, found):
    assert placings(text) == found


def test_the_certificate_asked_is_held_against_those_a_rule_names():
    rule = "在本市参保的职工，取得职业资格证书或职业技能等级证书的，可申请补贴。"
    named = named_certificates(rule)
    assert named == ["职业资格证书", "职业技能等级证书"]
    assert covers(named, asked_certificate("我拿了技能等级证能申请吗") or "")
    assert not covers(named, asked_certificate("考叉车驾照有没有补贴") or "")
    # A skill level's certificate is a level, and papers one shows are no qualification.
    assert asked_certificate("我有高级工证，补多少") is None
    assert asked_certificate("我有残疾人证，能申请吗") is None


def test_a_placing_the_rule_does_not_reward_is_said_to_be_unstated(own_rules):
    answer = own_rules.ask(Question(text="湖州竞赛拿了第四名有奖励吗？")).answer
    assert answer.startswith("文件只写明了第一名、第二名、第三名的规定，没有写到第四名。"), answer
    assert "6000元" in answer and "2500元" in answer, answer
    assert not answer.startswith(("有", "可以")), answer


def test_a_placing_the_rule_rewards_is_answered_with_its_amount(own_rules):
    answer = own_rules.ask(Question(text="湖州市级竞赛第二名奖励多少？")).answer
    assert "4000元" in answer and "没有写到" not in answer, answer


def test_a_certificate_the_rule_does_not_name_gets_no_yes(own_rules):
    answer = own_rules.ask(Question(text="在湖州考了驾照，能申请技能提升补贴吗？")).answer
    assert answer.startswith("文件写明的是取得职业资格证书或职业技能等级证书的人员，没有提到驾照。"), answer
    assert "12333" in answer, answer


def test_a_certificate_the_rule_names_is_answered_as_before(own_rules):
    answer = own_rules.ask(Question(text="我在湖州取得了职业技能等级证书，能申请技能提升补贴吗？")).answer
    assert answer.startswith("可以"), answer


@pytest.mark.parametrize(
    ("age", "lead"),
    [
        (57, "能否申请，要看您申请时是否已到法定退休年龄"),  # 57 is past some retirement ages, not others
        (68, "不能。"),  # past every one
        (30, "可以。"),  # before every one
    ],
)
def test_an_age_against_the_statutory_retirement_age(own_rules, age, lead):
    answer = own_rules.ask(Question(text=f"我今年{age}岁，在湖州还能申请技能提升补贴吗？")).answer
    assert answer.startswith(lead), answer
    assert "申请时未达到法定退休年龄" in answer, answer


def test_who_pays_a_benefit_named_apart_is_the_sentence_naming_it(own_rules):
    """湖州 splits the cost 6:4 between city and districts, but the city pays contest rewards
    alone: each benefit's question gets its own rule."""
    rewards = own_rules.ask(Question(text="湖州竞赛奖励的钱谁出？")).answer
    assert "竞赛奖励由市级财政全额承担" in rewards, rewards
    subsidy = own_rules.ask(Question(text="湖州技能提升补贴的钱从哪来？")).answer
    assert "6:4" in subsidy and "全额承担" not in subsidy, subsidy


def test_a_requirement_the_rule_sets_gets_a_yes_and_one_it_does_not_is_said_to_be_unset(own_rules):
    age = own_rules.ask(Question(text="湖州技能提升补贴有年龄限制吗？")).answer
    assert age.startswith("有。") and "未达到法定退休年龄" in age, age
    residence = own_rules.ask(Question(text="湖州申请技能提升补贴有户籍要求吗？")).answer
    assert residence.startswith("文件没有写到户籍方面的要求。"), residence
    assert "可以申请技能提升补贴" in residence or "参加失业保险满12个月" in residence, residence


def test_a_rule_refusing_payment_in_a_situation_answers_whether_it_goes_on(own_rules):
    """ "不予发放" ends a payment as "停止发放" does."""
    answer = own_rules.ask(Question(text="湖州技能提升补贴审核期间退休了还发吗？")).answer
    assert answer.startswith("不再发放。") and "不予发放" in answer, answer


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("我女的，52岁，在丽水能领岗位津贴吗？", "不能。"),  # over her bound of 50
        ("我是男的，52岁，在丽水能领岗位津贴吗？", "可以。"),  # under his of 55
        ("我52岁，在丽水能领岗位津贴吗？", "能否申请，要看您的性别"),  # between the two
        ("我58岁，在丽水能领岗位津贴吗？", "不能。"),  # over both
    ],
)
def test_an_age_against_bounds_that_differ_by_sex(own_rules, question, lead):
    answer = own_rules.ask(Question(text=question)).answer
    assert answer.startswith(lead) and "女性不超过50周岁" in answer, answer


@pytest.mark.parametrize(
    ("question", "left_out"),
    [
        ("我在常德的事业单位有编制，能申请职业培训补贴吗？", True),  # named before 以外
        ("我是毕业年度的学生，在常德能申请职业培训补贴吗？", False),  # the exception inside it
        ("我是全日制在校学生，在常德能申请职业培训补贴吗？", True),  # a student, not graduating
        ("我在常德打工，能申请职业培训补贴吗？", False),  # among those it lets in
    ],
)
def test_a_rule_for_all_but_some_leaves_out_only_those(own_rules, question, left_out):
    """常德: "机关事业单位在编人员、全日制在校学生（毕业年度学生除外）以外的城乡劳动者…可以
    申请": the staff and the students are left out, the graduating students and the rest not."""
    answer = own_rules.ask(Question(text=question)).answer
    assert answer.startswith("不能。") is left_out, answer
    assert "以外的城乡劳动者" in answer, answer


def test_a_group_paid_two_allowances_in_one_sentence_has_both(own_rules):
    answer = own_rules.ask(Question(text="常德脱贫劳动力有交通补贴吗？")).answer
    assert answer.startswith("有。") and "每人每天15元给予交通补贴" in answer, answer


@pytest.mark.parametrize(
    "question",
    [
        "我是湖南常德澧县的，考了中级工证有补贴吗？",  # a county of 常德: 常德's notice is the asker's
        "我在常德上班，考了中级工证能补多少？",  # the employed as such need not be named
    ],
)
def test_the_askers_own_city_answers_however_they_name_it(own_rules, question):
    answer = own_rules.ask(Question(text=question)).answer
    assert "每人补贴1100元" in answer, answer
    assert "没有适用于您所在地区" not in answer and "没有提到" not in answer, answer


def test_what_i_may_have_with_a_profile_is_asked_of_the_profile_not_of_earlier_turns(own_rules):
    """After a question on 常德's subsidy, a 荆门 高级技师 asking "我能领什么？" asks about 荆门."""
    from assistant.models import WorkerProfile

    profile = WorkerProfile(region="荆门", skill_level="高级技师")
    answer = own_rules.ask(
        Question(text="我能领什么？", history=["常德中级工培训补贴多少？"], profile=profile)
    )
    assert answer.answerable and answer.citations, answer.answer
    assert all("荆门" in c.title for c in answer.citations), answer.answer
    assert "中级工" not in answer.answer and "不适用于" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "said", "article"),
    [
        ("荆门津贴办法第四条规定了什么？", "一次性奖励3万元", "第四条"),
        ("荆门的办法第2条是什么内容", "本办法适用于", "第二条"),
    ],
)
def test_an_article_asked_by_its_number_is_quoted_whole(own_rules, question, said, article):
    answer = own_rules.ask(Question(text=question))
    assert said in answer.answer, answer.answer
    assert [c.label.endswith(article) for c in answer.citations] == [True], answer.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "荆门工匠的奖励由谁发？",
            "由市总工会给予一次性奖励3万元",
        ),  # who pays it out, not who issued the 办法
        ("荆门技能人才津贴是个人自己去申报吗？", "由用人企业每年统一向"),  # who files
        ("荆门技能人才津贴审核结果在哪里公示？", "网站公示5天"),  # where it is posted
    ],
)
def test_who_pays_who_files_and_where_it_is_posted_are_the_sentences_saying_so(own_rules, question, said):
    answer = own_rules.ask(Question(text=question)).answer
    assert said in answer and "发文机关" not in answer, answer


@pytest.mark.parametrize(
    ("question", "groups"),
    [
        ("我是常德的贫困户，去参加培训每天有多少补助？", []),  # 贫困户 is how people say 脱贫劳动力
        ("一天多少钱？", ["脱贫人口"]),  # the profile says who asks
    ],
)
def test_a_daily_amount_for_the_askers_group_is_its_line(own_rules, question, groups):
    from assistant.models import WorkerProfile

    profile = WorkerProfile(region="常德", groups=groups) if groups else None
    answer = own_rules.ask(Question(text=question, profile=profile)).answer
    assert "每人每天50元" in answer and "没有写明" not in answer, answer


def test_what_a_level_may_have_includes_the_table_paying_that_level(own_rules):
    """A 荆门 技师 asking what they may have: the monthly 技能人才津贴 by years paid in."""
    from assistant.models import WorkerProfile

    profile = WorkerProfile(region="荆门", skill_level="技师")
    answer = own_rules.ask(Question(text="我能领什么？", profile=profile)).answer
    assert all(f"技师每人每月{n}元" in answer for n in (260, 360, 460)), answer


def test_an_amount_put_forward_is_denied_with_the_stated_one(own_rules):
    answer = own_rules.ask(Question(text="常德中级工补贴是不是2000元？")).answer
    assert answer.startswith("不是。") and "每人补贴1100元" in answer, answer


@pytest.mark.parametrize("question", ["丽水中级工有岗位津贴吗", "丽水中级工证津贴"])
def test_a_level_a_table_does_not_pay_is_said_to_be_unstated_however_asked(own_rules, question):
    # 丽水's table pays 高级工, 技师 and 高级技师; whether or how much for 中级工 is not stated.
    answer = own_rules.ask(Question(text=question))
    assert not answer.answerable, answer.answer
    assert "没有写明中级工" in answer.answer and "高级工" in answer.answer, answer.answer
    assert not answer.answer.startswith("有"), answer.answer


@pytest.mark.parametrize("question", ["荆门的荆楚技能名匠能奖多少钱", "获得荆楚技能名匠称号，在荆门奖励多少"])
def test_an_award_paid_under_another_rule_is_answered_with_that_rule_not_a_neighbours_amount(
    own_rules, question
):
    # 荆门's 第四条 pays 荆门工匠 3万元 and leaves 荆楚技能名匠 to the province's rules.
    answer = own_rules.ask(Question(text=question))
    assert not answer.answerable, answer.answer
    assert "按省有关规定给予奖励" in answer.answer, answer.answer
    assert "3万元" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("丽水岗位津贴是企业出钱吗", "不是。"),
        ("丽水岗位津贴是市里出钱吗", "不全是。"),
        ("荆门技能人才津贴是市财政承担吗", "是。"),
    ],
)
def test_a_payer_put_forward_is_confirmed_or_denied_by_who_the_rule_says_funds_it(
    own_rules, question, verdict
):
    # 丽水: "所需资金由市、县两级财政按1:1比例分担"; 荆门: "所需资金由市级财政承担".
    answer = own_rules.ask(Question(text=question)).answer
    assert answer.startswith(verdict), answer
    assert "资金由" in answer, answer


@pytest.mark.parametrize(
    ("history", "question"),
    [(["丽水技师岗位津贴每月多少？"], "我要是换了个厂呢"), ([], "在丽水领着岗位津贴，跳槽了还能领吗")],
)
def test_changing_employer_is_answered_by_the_rule_that_stops_the_pay(own_rules, history, question):
    # 丽水 五、: "…离开本市企业、退休或者劳动合同终止的，自次月起停止发放…".
    answer = own_rules.ask(Question(text=question, history=history)).answer
    assert answer.startswith("不再发放。"), answer
    assert "离开本市企业" in answer, answer


@pytest.mark.parametrize(
    "question", ["我是毕业年度的学生，在常德能申请职业培训补贴吗？", "应届毕业生在常德能申请职业培训补贴吗"]
)
def test_the_exception_to_those_left_out_may_apply(own_rules, question):
    answer = own_rules.ask(Question(text=question)).answer
    assert answer.startswith("可以。"), answer
    assert "毕业年度学生除外" in answer, answer


def test_a_province_asked_about_is_told_a_citys_rule_is_only_that_citys(own_rules):
    answer = own_rules.ask(Question(text="浙江省的企业技能人才岗位津贴每月多少")).answer
    assert "每人每月500元" in answer, answer
    assert "是丽水的规定，只适用于丽水，不是浙江全省的规定" in answer, answer


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("我女的，54岁，在常德能申请职业培训补贴吗", "不能。"),
        ("我男的，54岁，在常德能申请职业培训补贴吗", "可以。"),
    ],
)
def test_an_age_against_ranges_that_differ_by_sex(own_rules, question, lead):
    # 常德: "男性年满18周岁未满58周岁、女性年满18周岁未满52周岁".
    answer = own_rules.ask(Question(text=question)).answer
    assert answer.startswith(lead), answer
    assert "女性年满18周岁未满52周岁" in answer, answer


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("我在常德失业保险交了2个月，能申请职业培训补贴吗", True),
        ("我在常德失业保险交了5个月，能申请职业培训补贴吗", False),
    ],
)
def test_a_condition_put_on_who_applies_decides_on_the_time_paid_in(own_rules, question, lead):
    # 常德: "申领人须在常德连续缴纳失业保险满3个月".
    answer = own_rules.ask(Question(text=question)).answer
    assert answer.startswith("不能。") is lead, answer


@pytest.mark.parametrize(
    ("question", "left_out"),
    [("常德的职业培训补贴适用于事业单位在编人员吗", True), ("常德的职业培训补贴包括城乡劳动者吗", False)],
)
def test_whether_a_rule_reaches_someone_is_a_yes_or_no_on_whom_it_leaves_out(own_rules, question, left_out):
    answer = own_rules.ask(Question(text=question)).answer
    assert answer.startswith("不能。") is left_out, answer
    assert "以外的城乡劳动者" in answer, answer


def test_a_repealed_notices_amount_gives_way_to_the_notice_in_force_that_repeals_it(own_rules):
    # 韶关's 2026 notice repeals 韶人社发〔2022〕5号, also loaded, which paid 中级工 900元.
    answer = own_rules.ask(Question(text="韶关中级工证书补贴多少")).answer
    assert "1200元" in answer and "900元" not in answer, answer


def test_an_article_past_the_last_is_said_not_to_exist(own_rules):
    # 荆门's 办法 has seven articles.
    answer = own_rules.ask(Question(text="荆门津贴办法第九条规定了什么？"))
    assert not answer.answerable
    assert answer.answer.startswith("《荆门市企业技能人才津贴办法》共七条，没有第九条。"), answer.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("丽水岗位津贴通知二（二）讲的什么", "（二）取得技师证书的，每人每月500元"),
        ("丽水岗位津贴通知第二部分第三项是什么", "（三）取得高级技师证书的，每人每月800元"),
    ],
)
def test_a_notices_item_asked_by_its_numbers_is_that_item(own_rules, question, said):
    answer = own_rules.ask(Question(text=question)).answer
    assert said in answer, answer


def test_a_turn_asking_something_of_its_own_is_not_read_as_about_the_earlier_subject(own_rules):
    history = ["丽水技师岗位津贴每月多少？"]
    weather = own_rules.ask(Question(text="明天天气怎么样？", history=history))
    assert not weather.answerable, weather.answer
    follow_up = own_rules.ask(Question(text="那什么时候发？", history=history))
    assert follow_up.answerable and "按季度发放" in follow_up.answer, follow_up.answer


def test_what_it_repeals_asked_of_it_is_asked_of_the_document_named_last(own_rules):
    turns = ["韶关证书补贴通知的文号是什么？", "荆门津贴办法呢？"]
    cited = [c.doc_id for c in own_rules.ask(Question(text=turns[1], history=turns[:1])).citations]
    answer = own_rules.ask(Question(text="它废止了什么文件？", history=turns, answered_from=cited)).answer
    # 荆门's 办法 repeals nothing; 韶关's notice, asked about first, does.
    assert answer.startswith("《荆门市企业技能人才津贴办法》没有写明废止其他文件"), answer
