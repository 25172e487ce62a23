"""What kind of answer a question wants, read from how it asks."""

from __future__ import annotations

import pytest

from assistant.question.answer_type import (
    answer_kind,
    asked_object,
    asks_aspect,
    asks_comparison,
    asks_metadata,
)


@pytest.mark.parametrize(
    ("question", "main"),
    [
        ("工作专班的召集人是谁？", "person"),
        ("这项工作由哪个部门牵头？", "organisation"),
        ("有问题打什么电话咨询？", "contact"),
        ("这份通知是哪一天印发的？", "date"),
        ("这个办法的有效期是几年？", "period"),
        ("它的文号是多少？", "document"),
        ("这个方案是根据哪个文件制定的？", "basis"),
        ("考到高级工补贴多少钱？", "money"),
        ("学徒制每人补贴多少元？", "money"),  # the unit after 多少 decides, not 学徒
        ("新建的实训基地能拿到多少资助？", "money"),  # what is paid, named after 多少
        ("考评员每天的劳务费用有多少？", "money"),
        ("返乡创业的补助是怎么计算的？", "money"),  # how an amount is worked out is its rule
        ("这个奖励按什么标准发？", "money"),
        ("退休年龄怎么算？", "general"),  # a counting rule, no money named
        ("加班那天的工资怎么算？", "general"),  # a method for wages, not a benefit's amount
        ("今年要培训多少人次？", "people"),
        ("职业培训补贴的标准是多少？", "money"),  # a money noun between 培训/职工 and 多少
        ("给农民工培训的补贴是多少？", "money"),
        ("每年要新增多少技能人才？", "people"),
        ("补贴性培训的覆盖率要达到百分之多少？", "percent"),
        ("要建几个公共实训基地？", "count"),
        ("主要包括哪几个方面？", "list"),  # 哪几个 lists, it does not count
        ("技能等级证书怎么申请？", "procedure"),
        ("申请需要满足什么条件？", "condition"),
        ("企业能不能自己评技能等级？", "yesno"),
        ("介绍一下技能人才政策", "general"),
    ],
)
def test_the_main_answer_type(question, main):
    assert answer_kind(question).main == main


@pytest.mark.parametrize(
    "question",
    ["职工一年能休多少天年假？", "丢了工作以后补助能发几个月？", "违法辞退要赔工资的几倍？"],
)
def test_days_months_and_multiples_are_figures_not_people_or_things(question):
    kind = answer_kind(question)
    assert kind.main == "quantity" and kind.wants_figure


def test_a_share_of_a_named_amount_asks_for_a_percentage():
    assert answer_kind("学徒期间的工资不能少于正式工工资的多少？").main == "percent"
    assert answer_kind("女职工占全体职工比例的目标是多少？").main == "percent"  # not people


@pytest.mark.parametrize(
    "question",
    ["失业人员参加培训能补多少？", "拿了省级大奖能奖多少？", "医药费能报销多少？", "失业金每月能领多少？"],
)
def test_what_is_paid_asked_by_its_verb_is_money(question):
    assert answer_kind(question).main == "money"
    assert answer_kind("这次补多少人？").main == "people"


@pytest.mark.parametrize(
    "question",
    [
        "厂里用几袋米顶了两个月的工钱，这样行吗？",
        "单位扣下我三千块保证金，合法吗？",
        "只给发一半工资，这对不对？",
    ],
)
def test_a_story_ending_in_is_this_allowed_is_a_yes_or_no_question(question):
    assert answer_kind(question).main == "yesno"


def test_whether_something_exists_is_asked_in_many_ways():
    for question in ("考个电工证有钱拿不", "厂里有补贴没", "有没有培训补贴", "退伍的有补贴吗？"):
        assert answer_kind(question).main == "yesno", question
    assert answer_kind("有什么补贴？").main == "list"
    assert asked_object("有什么补贴？") is None  # which, not whether


def test_a_story_ending_in_must_i_is_a_yes_or_no_question_but_asking_what_is_needed_is_not():
    assert answer_kind("厂里让我赔三个月工资的违约金，要赔这么多吗？").main == "yesno"
    assert answer_kind("公司辞退我，需要提前通知吗").main == "yesno"
    assert answer_kind("申请补贴需要什么材料吗？").main != "yesno"  # asks what
    assert answer_kind("违约了要交多少钱吗").main == "money"


def test_when_a_document_was_issued_is_its_date_not_a_deadline():
    assert asks_aspect("那是什么时候发布的？") is None
    assert asks_aspect("它啥时候出台的") is None
    assert asks_aspect("申请什么时候截止？") == "deadline"
    assert asks_aspect("这个方案什么时候到期？") is None  # the document's period


def test_what_to_do_about_a_situation_is_not_how_to_apply():
    assert asks_aspect("那到了年龄还交不够年限怎么办？") is None
    assert answer_kind("单位一直拖着不交怎么办呢").main != "procedure"
    assert asks_aspect("居住证怎么办？") == "procedure"  # getting a card or a certificate is
    assert asks_aspect("那怎么办理？") == "procedure"


def test_what_a_yes_or_no_question_asks_to_have():
    assert asked_object("我刚下岗，能领失业金吗？") == "失业金"
    assert asked_object("参加焊工培训有补贴吗？") == "补贴"  # the training is the context
    assert asked_object("有没有一次性奖励？") == "一次性奖励"
    assert asked_object("能参加哪些培训？") is None  # which, not whether


def test_a_question_can_want_several_things():
    kind = answer_kind("有没有补贴，能补多少钱？")
    assert kind.main == "money" and kind.wants("yesno") and kind.wants_figure


def test_comparisons_and_document_questions_are_recognised():
    assert asks_comparison("两地的奖励标准一样吗？")
    assert asks_comparison("哪个城市的目标更高？")
    assert not asks_comparison("奖励标准是多少？")
    assert asks_metadata("这个文件是谁印发的？")
    assert not asks_metadata("谁可以参加培训？")


def test_a_titles_words_are_not_what_is_asked():
    from assistant.question.answer_type import asks_document_number

    assert answer_kind("按若干措施，用地按什么性质管理？").main != "quantity"  # 若干措施 is a title
    assert asks_document_number("这个方案的发文字号是多少？")
    assert asks_document_number("文号是什么？")
    assert not asks_document_number("苏政办发〔2024〕37号是什么文件？")  # it gives the number


def test_who_holds_a_post_is_a_person_and_who_is_responsible_an_organisation():
    assert answer_kind("专班的组长由谁担任？").main == "person"
    assert answer_kind("技能竞赛由谁负责组织？").main == "organisation"


def test_how_many_times_a_benefit_is_paid_is_a_count_not_an_amount():
    assert answer_kind("这个补贴一年能领几次？").main == "count"
    assert answer_kind("每年可以申请几次奖励？").main == "count"
    assert answer_kind("这个补贴能领多少？").main == "money"


def test_the_ling_of_a_field_or_a_leader_is_no_act_of_collecting():
    asked = "培训行动的重点放在哪几个领域？"
    assert answer_kind(asked).main == "list" and asks_aspect(asked) is None
    assert answer_kind("在哪里领？").main == "procedure" and asks_aspect("在哪里领？") == "place"


def test_a_contract_ending_or_a_time_limit_of_a_law_is_no_documents_period_nor_a_benefits_length():
    from assistant.question.answer_type import asks_validity

    assert not asks_validity("合同到期没续签，能领什么？")
    assert asks_validity("这个方案什么时候到期？")
    # "最长不得超过多久" asks a law's limit, not how long a benefit is paid.
    assert asks_aspect("试用期最长不得超过多久？") != "duration"
    assert asks_aspect("这个补贴最长能领多久？") == "duration"


def test_a_verb_asked_with_its_own_negation_is_a_yes_or_no_question():
    assert answer_kind("辞职以后补贴还发不发？").wants("yesno")
    assert answer_kind("这个证书补不补？").wants("yesno")
    assert not answer_kind("补贴什么时候发放？").wants("yesno")


def test_when_a_payment_stops_is_an_aspect_of_its_own():
    from assistant.question.answer_type import STOPS, asks_aspect, states

    assert asks_aspect("什么情况下会停发？") == "stops"
    assert states("有下列情形之一的，自次月起停止发放：（一）离开本市的。", "stops")
    assert STOPS.search("暂停发放生活补助") and not STOPS.search("按月发放生活补助")


def test_how_an_allowance_is_paid_is_the_payment_aspect_and_how_much_is_not():
    assert asks_aspect("这个岗位津贴怎么发？") == "payment"
    assert asks_aspect("奖金是怎么发放的") == "payment"
    assert asks_aspect("津贴发多少？") is None and answer_kind("津贴发多少？").main == "money"
    assert asks_aspect("补助发放对象是谁？") is None


def test_who_pays_a_benefit_is_stated_by_the_benefit_as_well_as_by_its_funds():
    from assistant.question.answer_type import states

    assert states("创业担保贷款贴息由省级财政全额承担。", "funding")
    assert states("所需资金从就业补助资金中列支。", "funding")
    assert not states("补贴由用人单位代为申请。", "funding")


@pytest.mark.parametrize(
    ("question", "on"),
    [
        ("申请这个补贴有户籍要求吗？", "户籍"),
        ("对学历有没有要求", "学历"),
        ("年龄有限制吗", "年龄"),
        ("它对企业的培训经费有什么要求？", None),  # what a rule requires, not whether
        ("企业有要求吗", None),  # who is held to it, not what on
    ],
)
def test_whether_a_requirement_is_set_on_something_is_a_condition_asked(question, on):
    from assistant.question.answer_type import asked_requirement

    assert asked_requirement(question) == on
    assert (asks_aspect(question) == "conditions") is (on is not None)


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("这个奖励由谁发？", "funding"),
        ("是个人自己去申报吗", "procedure"),
        ("结果在哪里公示", "publicity"),
        ("要在单位干满多久才能申请", "conditions"),
        ("我自己写了申请说不休年假，还要付钱吗", None),  # tells what the asker did, asks no procedure
    ],
)
def test_who_pays_who_files_where_it_is_posted_and_how_long_one_must_work_are_aspects(question, aspect):
    assert asks_aspect(question) == aspect


def test_which_bodies_issued_a_document_is_its_issuer_not_a_list_or_an_amount():
    from assistant.question.answer_type import asks_metadata

    kind = answer_kind("这个津贴办法是哪几个部门联合发的？")
    assert kind.main == "organisation" and asks_metadata("这个津贴办法是哪几个部门联合发的？")
    assert not asks_metadata("这笔奖励由谁发？")


def test_a_documents_title_in_a_clause_label_titles_no_clause_for_an_aspect():
    from assistant.question.answer_type import states, titles_aspect

    assert not titles_aspect("《某市高技能人才津贴发放办法》第七条", [], "procedure")
    assert titles_aspect("《某市通知》二、（一） 申请材料", [], "materials")
    # A sanction and a payment name documents without listing what to bring.
    assert not states("以伪造证明材料等手段骗取津贴的，追回已发放资金。", "materials")
    assert not states("于每月15日前将津贴发放至本人社会保障卡银行账户。", "materials")
    assert states("申请人需提供本人身份证和社会保障卡。", "materials")
    assert asks_aspect("津贴由谁申报？") == "procedure"


def test_money_said_plainly_as_so_many_coins_is_money_not_a_count():
    assert answer_kind("每个月能多拿几个钱？").main == "money"
    assert answer_kind("俺考了证，能拿几个钱").main == "money"
    assert answer_kind("要建几个工作室？").main == "count"


def test_a_platform_one_logs_into_to_apply_is_where_one_applies():
    from assistant.question.answer_type import states

    assert states("申请人登录省人社厅网上办事服务大厅或“某某人社”微信公众号，在线填写申请表。", "place")
    assert not states("登录后可查询补贴发放进度。", "place")


@pytest.mark.parametrize(
    "question", ["我们厂好几个人都下岗了，有什么帮扶？", "在这干了十几年了，公司要搬走怎么办？"]
)
def test_several_told_in_the_story_is_no_number_asked(question):
    assert not {"people", "count", "quantity"} & set(answer_kind(question).types)


@pytest.mark.parametrize(
    ("question", "schemes"),
    [
        ("我是绵阳的企业职工，交了3年失业保险，刚拿到技师证，能领多少？", []),
        ("失业保险才交了8个月，能领补贴吗", []),
        ("交了两年社保能领失业金吗", ["失业保险"]),
        ("失业保险怎么交", ["失业保险"]),
    ],
)
def test_a_scheme_named_only_as_time_paid_into_it_is_not_what_is_asked(question, schemes):
    from assistant.question.schemes import asked_schemes

    assert asked_schemes(question) == schemes


def test_an_age_limit_asked_is_a_condition_and_a_bound_on_age_states_one():
    from assistant.question.answer_type import asks_aspect, states

    assert asks_aspect("这个补贴有年龄限制吗？") == "conditions"
    assert states("申请时未达到法定退休年龄。", "conditions")
    assert not states("每人补贴1000元。", "conditions")


@pytest.mark.parametrize("question", ["这个办法适用于社会组织吗", "补贴包括个体户吗"])
def test_whether_a_rule_reaches_someone_is_a_yes_or_no_question(question):
    assert answer_kind(question).wants("yesno")


@pytest.mark.parametrize("question", ["多久能审完？", "几天能审下来", "审核要多长时间"])
def test_how_long_the_review_takes_is_asked_in_everyday_words(question):
    assert asks_aspect(question) == "review"


@pytest.mark.parametrize("question", ["结果在哪看？", "名单去哪查"])
def test_where_the_results_are_posted_is_asked_in_everyday_words(question):
    assert asks_aspect(question) == "publicity"


@pytest.mark.parametrize("question", ["一年能领4次吗", "每年能申请两次吗？", "能领几次"])
def test_how_often_one_may_claim_is_asked_with_or_without_a_count(question):
    assert asks_aspect(question) == "times"


@pytest.mark.parametrize("text", ["职业培训券面额多少", "培训券初级多少", "中级工培训券多少？"])
def test_a_vouchers_value_asked_is_money(text):
    assert answer_kind(text).main == "money"
