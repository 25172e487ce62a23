"""The offline answer on the real corpus, asked the way workers and hotline operators ask:
what they read, and which clause each statement cites.

These questions are the project's own specification; none of them is in the eval sets
(eval/dev.jsonl, eval/test.jsonl), so the eval keeps judging what the tests do not fix.
"""

from __future__ import annotations

import pytest

from assistant.models import Answer, Question, WorkerProfile


def ask(policy_assistant, text: str, history: list[str] | None = None, **profile) -> Answer:
    who = WorkerProfile(**profile) if profile else None
    return policy_assistant.ask(Question(text=text, history=history or [], profile=who))


def cited(answer: Answer) -> list[str]:
    return [c.clause_id for c in answer.citations]


def test_a_count_is_read_from_the_clause_that_states_it(policy_assistant):
    answer = ask(policy_assistant, "宿迁每年要评出几名企业首席技师？")
    assert answer.answerable
    assert "20名" in answer.answer
    assert cited(answer)[0] == "suqian-skills-2022:4.10"
    assert answer.citations[0].label.endswith("百名工匠培育行动")


def test_an_amount_the_documents_never_state_is_said_to_be_missing(policy_assistant):
    answer = ask(policy_assistant, "宿迁的企业新型学徒制每人补贴多少元？")
    assert not answer.answerable
    assert "没有写明" in answer.answer and "12333" in answer.answer
    assert "元" not in answer.answer.split("12333")[0].replace("具体金额", "")


def test_another_province_is_refused_first_and_what_is_covered_is_named(policy_assistant):
    answer = ask(policy_assistant, "广东对技能大师工作室有什么资助？")
    assert not answer.answerable
    assert answer.answer.startswith("现有文件中没有广东的政策规定")
    assert "江苏省" in answer.answer and "12333" in answer.answer
    assert answer.citations == []


def test_the_rule_beside_a_missing_figure_is_never_who_carries_a_measure_out(policy_assistant):
    answer = ask(policy_assistant, "江苏每年要培训多少人？")  # the plan states a three-year total
    assert not answer.answerable and "没有写明" in answer.answer
    assert "责任单位" not in answer.answer and "按职责分工负责" not in answer.answer


def test_a_benefit_the_documents_never_mention_is_not_answered_with_another(policy_assistant):
    answer = ask(policy_assistant, "宿迁失业金能领几个月？")
    assert not answer.answerable
    assert "没有写明" in answer.answer and "12333" in answer.answer


def test_yes_to_a_scheme_the_documents_never_name_is_not_said(policy_assistant):
    # A yes-or-no question about housing or unemployment insurance, which these documents
    # never grant: no 可以 before a rule about something else, whoever asks.
    for question in ("无锡的高技能人才可以申请廉租房吗？", "我在宿迁干了三十年技术活，退休了能领养老金吗？"):
        answer = ask(policy_assistant, question)
        assert not answer.answerable, question
        assert "没有写明" in answer.answer and not answer.answer.startswith("可以")


def test_a_question_about_a_scheme_never_named_is_said_to_be_uncovered_however_asked(policy_assistant):
    answer = ask(policy_assistant, "公租房要怎么申请？")
    assert not answer.answerable
    assert answer.answer.startswith("现有文件没有写明") and "住房保障" in answer.answer


def test_yes_is_said_only_from_a_line_that_grants_what_was_asked(policy_assistant):
    # 宿迁's veteran: the in-force provincial plan offers education, not a subsidy; only the
    # expired city plan grants a training subsidy, so the yes says the document has expired.
    answer = ask(policy_assistant, "有补贴吗？", region="宿迁", groups=["退役军人"])
    assert answer.answer.startswith("有，但写明这项待遇的《“技能宿迁”行动（2022—2024年）实施方案》已过期")
    assert answer.answer.count("已过期") == 1  # said once: its line has no flag of its own


def test_a_group_the_question_names_is_asked_about_not_the_profiles(policy_assistant):
    # A veteran's profile, a question about 高技能人才: the answer is about them.
    answer = ask(policy_assistant, "江苏的高技能人才培养目标是什么？", region="宿迁", groups=["退役军人"])
    assert "高技能人才" in answer.answer and "退役军人" not in answer.answer
    own = ask(policy_assistant, "有什么培训？", region="宿迁", groups=["退役军人"])
    assert "退役军人" in own.answer  # a question naming no one is the profile's


def test_a_worker_from_another_province_is_covered_where_they_work(policy_assistant):
    answer = ask(policy_assistant, "老家在山东，现在南通一家工厂打工，江苏有什么培训能参加？")
    assert answer.answerable
    assert "山东" not in answer.answer
    assert {c.jurisdiction for c in answer.citations} == {"江苏省"}


def test_eligibility_is_answered_from_the_askers_documents_with_their_status(policy_assistant):
    answer = ask(policy_assistant, "我是宁夏的脱贫劳动力，政府会安排技能培训吗？")
    assert answer.answerable
    assert "脱贫人口不少于1万人次" in answer.answer
    assert all(c.doc_id == "ningxia-skills-2021" for c in answer.citations)
    assert "已过期" in answer.answer  # 2021—2025, judged on 2026-11-21


def test_a_profile_makes_a_bare_question_an_eligibility_question(policy_assistant):
    answer = ask(policy_assistant, "有什么培训？", region="宿迁", groups=["退役军人"])
    assert answer.answerable
    assert "【宿迁市】" in answer.answer and "【江苏省】" in answer.answer
    # The province's notice is in force, the city's expired (2022—2024): in force first,
    # the expired one flagged on its own line.
    assert answer.answer.index("【江苏省】") < answer.answer.index("【宿迁市】")
    city_line = next(line for line in answer.answer.split("\n") if line.startswith("【宿迁市】"))
    assert "已过期" in city_line
    assert all(c.jurisdiction.startswith("江苏省") for c in answer.citations)


def test_each_part_of_a_two_part_question_gets_its_own_answer(policy_assistant):
    answer = ask(policy_assistant, "技能宁夏行动的联系单位是哪个处？联系电话是多少？")
    assert answer.answerable
    assert "职业能力建设处" in answer.answer and "0951-5099011" in answer.answer
    assert answer.answer.startswith("①")
    assert "②" in answer.answer


def test_a_comparison_answers_each_side(policy_assistant):
    answer = ask(policy_assistant, "宁夏和宿迁在数字技能培训方面的要求有什么不同？")
    assert "【宁夏】" in answer.answer and "【宿迁】" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"ningxia-skills-2021", "suqian-skills-2022"}


def test_a_follow_up_asking_a_new_aspect_gets_that_aspect(policy_assistant):
    answer = ask(
        policy_assistant, "那评上各级职称的每年要有几个人？", history=["宿迁对乡土人才有什么培养安排？"]
    )
    assert answer.answerable
    assert "600人" in answer.answer
    assert cited(answer) == ["suqian-skills-2022:4.3"]


def test_a_yes_or_no_question_gets_a_verdict_first(policy_assistant):
    answer = ask(policy_assistant, "宁夏企业能不能自己给职工评技能等级？")
    assert answer.answerable
    # 宁夏's plan ran to 2025: the verdict says so, naming it, and nothing below says it again.
    assert answer.answer.startswith("可以，但写明这一规定的《“技能宁夏行动”实施方案》已过期")
    assert answer.answer.count("已过期") == 1
    assert "ningxia-skills-2021:4.3.12" in cited(answer)


def test_a_question_naming_a_document_by_number_is_answered_from_it(policy_assistant):
    answer = ask(policy_assistant, "宁人社发〔2021〕151号是哪一天印发的？")
    assert "2021年11月26日" in answer.answer
    assert cited(answer)[0] == "ningxia-skills-2021:header"


def test_whether_a_document_is_in_force_is_read_from_its_own_period(policy_assistant):
    answer = ask(policy_assistant, "宁人社发〔2021〕151号这个文件现在还在执行吗？")
    assert answer.answerable
    assert "实施期限为2021—2025年" in answer.answer and "已过期" in answer.answer
    assert cited(answer) == ["ningxia-skills-2021:header"]


def test_a_year_no_clause_speaks_of_is_said_to_be_missing(policy_assistant):
    answer = ask(policy_assistant, "无锡2018年要新建多少公共实训基地？")
    assert not answer.answerable
    assert answer.answer.startswith("现有文件没有写明您问的2018年的")
    assert "12333" in answer.answer


def test_a_name_no_clause_holds_is_said_to_be_missing(policy_assistant):
    answer = ask(policy_assistant, "无锡那个方案的起草人是谁？")
    assert not answer.answerable
    assert answer.answer.startswith("现有文件没有写明您问的具体人员")


def test_a_rule_in_force_leads_when_the_closest_document_has_expired(policy_assistant):
    # 宿迁's own plan (2022—2024) has lapsed; 江苏's measures (in force) cover 宿迁 too.
    answer = ask(policy_assistant, "在宿迁参加职业技能培训，政府有哪些补贴政策？")
    assert answer.answerable
    first, *rest = answer.citations
    assert first.jurisdiction == "江苏省" and not first.expired
    expired = [c for c in rest if c.doc_id == "suqian-skills-2022"]
    assert expired and all(c.expired for c in expired)
    assert answer.answer.index(first.title) < answer.answer.index("技能宿迁")
    assert "已过期" in answer.answer


def test_a_line_the_length_limit_leaves_out_takes_its_notes_with_it(policy_assistant):
    answer = ask(policy_assistant, "宿迁有哪些技能培训方面的补贴？")
    assert answer.answerable
    quoted = {c.doc_id for c in answer.citations}
    for doc_id, title in (("suqian-skills-2022", "技能宿迁"), ("wuxi-skills-2021", "示范城市")):
        # A document's expiry is noted only when the answer still quotes it.
        assert (title in answer.answer) == (doc_id in quoted)
    assert not [w for w in answer.warnings if "已删除" in w]


def test_yes_to_whether_a_benefit_exists_only_from_sentences_granting_it(policy_assistant):
    granted = ask(policy_assistant, "宁夏建技能大师工作室有没有资金补贴？")
    assert granted.answer.startswith("有，但写明这项待遇的《“技能宁夏行动”实施方案》已过期")
    assert all("补贴" in c.quote or "奖励" in c.quote for c in granted.citations)

    # The closest sentences speak of workers in 无锡 but grant no housing money: they are
    # given as related rules, never under a "有".
    missing = ask(policy_assistant, "无锡的一线工人有没有购房补贴？")
    assert missing.answer.startswith("以下规定与您的问题相关，但没有明确说给予补贴")
    assert "有。" not in missing.answer and missing.citations


def test_a_worker_asking_about_another_province_gets_its_rule_marked_as_not_theirs(policy_assistant):
    answer = ask(policy_assistant, "宁夏对自治区技术能手奖励多少？", region="无锡")
    assert "1万元" in answer.answer
    assert "不适用于无锡" in answer.answer and "没有无锡的政策规定" not in answer.answer


def test_yes_needs_a_line_about_what_was_asked_not_about_its_neighbours(policy_assistant):
    # Asked of 江苏 after 宁夏: 江苏's lines reward skilled workers in general, not 技术能手.
    answer = ask(policy_assistant, "那江苏呢？", history=["宁夏的技术能手有奖励吗？"])
    assert not answer.answer.startswith(("有。", "可以。")), answer.answer


def test_the_kinds_a_rule_does_not_clearly_grant_are_said_as_a_list():
    from assistant.answer.extractive import _asked_benefit

    assert _asked_benefit({"money"}) == "补贴或奖励"
    assert _asked_benefit({"money", "training"}) == "补贴、奖励或培训"


def test_a_follow_up_with_its_own_yes_or_no_form_gets_no_bare_verdict(policy_assistant):
    # Resolving a follow-up drops its 吗; its own form still decides the verdict word.
    answer = ask(policy_assistant, "评上了有奖金吗？", history=["江苏工匠是怎么评出来的？"])
    assert not answer.answer.startswith("可以。"), answer.answer


def test_my_place_in_a_follow_up_is_the_profiles_place(policy_assistant):
    answer = ask(policy_assistant, "那我这边呢？", history=["江苏对技术能手有什么奖励？"], region="宁夏")
    assert answer.citations and all(c.doc_id == "ningxia-skills-2021" for c in answer.citations)


def test_lines_that_never_name_the_asked_group_are_said_not_to(policy_assistant):
    answer = ask(policy_assistant, "那宁夏的残疾人呢？", history=["江苏对残疾人有什么培训？"])
    assert answer.answer.startswith("以下规定没有专门提到残疾人，仅供参考：")  # 宁夏's plan never does


def test_this_plan_asked_about_is_the_one_the_conversation_has_been_answered_from(policy_assistant):
    # No turn names the plan: "这个方案" is the one whose clauses the carried subject finds.
    history = ["江苏对快递员有哪些技能培训？", "补贴标准是多少？"]
    answer = ask(policy_assistant, "这个方案什么时候到期？", history=history)
    plan = "《开展大规模职业技能提升培训的行动方案（2025—2027年）》"
    assert answer.answer.startswith(f"{plan}实施期限为2025—2027年")


def test_a_group_a_plan_never_names_is_said_to_be_absent_not_answered_with_its_preamble(policy_assistant):
    answer = ask(
        policy_assistant,
        "宁夏的退役军人呢？",
        history=["我能领什么补贴？", "那无锡呢？"],
        region="宿迁",
        groups=["退役军人"],
    )
    assert answer.answer.startswith("《“技能宁夏行动”实施方案》没有写到退役军人。"), answer.answer
    assert not answer.answerable and answer.citations == []


def test_a_question_naming_a_document_by_title_is_answered_on_what_it_asks_not_the_titles_words(
    policy_assistant,
):
    # The title's "若干措施" is no count and its "江苏工匠" no group: the rule on land is the answer.
    answer = ask(policy_assistant, "按“江苏工匠”那个若干措施，企业办技工学校的地算什么用地？")
    assert "按教育用地管理" in answer.answer, answer.answer
    # Asked its 文号, the title line of its header card is not the answer.
    number = ask(policy_assistant, "文号是多少？", history=["“江苏工匠”那个若干措施是谁发的？"])
    assert "苏政办发〔2024〕37号" in number.answer
    assert number.answer.count("《关于深化“江苏工匠”培育工程加强高技能人才队伍建设的若干措施》") == 1


def test_a_benefit_naming_every_group_of_the_asker_is_among_the_answer(policy_assistant):
    # Both a skilled worker and out of work: the line for 失业高技能人才 is theirs above all.
    answer = ask(policy_assistant, "我是江苏的技师，厂里受外贸影响我下岗了，有啥安排吗？")
    assert "专兼职教师" in answer.answer, answer.answer


def test_a_documents_number_asked_late_in_a_conversation_is_everyones_whatever_group_was_named(
    policy_assistant,
):
    history = ["俺在无锡打工，考个证有补贴吗？", "有效期到什么时候？"]
    answer = ask(policy_assistant, "文号是多少？", history=history)
    assert "锡人社办〔2021〕12号" in answer.answer, answer.answer
    assert "没有写到" not in answer.answer and "没有专门提到" not in answer.answer


def test_a_yes_to_a_group_stands_on_a_line_that_speaks_to_that_group(policy_assistant):
    # The plan tells departments to fund 技能提升补贴 from the 失业保险基金: that is no rule for
    # people out of work, and the line for 失业青年 grants training, not that subsidy.
    answer = ask(policy_assistant, "我下岗了，在江苏能领技能提升补贴吗？")
    assert not answer.answer.startswith(("可以", "有")), answer.answer


def test_a_document_named_after_a_place_was_asked_about_is_asked_that_not_the_place(policy_assistant):
    first = "宁夏技术能手奖励多少钱？"
    answer = ask(policy_assistant, "江苏工匠那个文件呢？", history=[first])
    assert "没有宁夏的政策规定" not in answer.answer and "江苏工匠" in answer.answer, answer.answer
    # "那宿迁呢？" after a question on a period asks 宿迁's document's period.
    period = ask(
        policy_assistant, "那宿迁呢？", history=[first, "江苏工匠那个文件呢？", "有效期到什么时候？"]
    )
    assert period.answer.startswith("《“技能宿迁”行动（2022—2024年）实施方案》实施期限为2022—2024年"), (
        period.answer
    )


def test_a_yes_to_a_skill_level_stands_on_a_line_for_that_level_or_for_anyone(policy_assistant):
    # 技工院校毕业生's subsidies are another group's: no 有 for a 技师.
    answer = ask(
        policy_assistant,
        "那技师呢？",
        history=["我是高级工，有补贴吗？"],
        region="无锡",
        skill_level="高级工",
    )
    assert not answer.answer.startswith("有"), answer.answer


def test_a_document_in_force_asked_about_raises_no_warning(policy_assistant):
    answer = ask(policy_assistant, "江苏2025—2027年培训行动方案现在还有效吗？")
    assert "现行有效" in answer.answer
    assert answer.warnings == []  # a ⚠ box saying "现行有效" warns of nothing


def test_a_document_stating_no_period_is_never_given_one_from_a_goal_year(policy_assistant):
    answer = ask(policy_assistant, "江苏工匠那个若干措施有效期到哪年？").answer
    assert "正文没有写明实施期限" in answer and "2035" not in answer, answer
    assert "现行有效" not in answer  # nor said to be in force


def test_a_loan_asked_for_is_never_answered_with_an_awards_amount(policy_assistant):
    answer = policy_assistant.ask(Question(text="宁夏高技能人才的创业担保贷款最多能贷多少？")).answer
    assert answer.startswith("现有文件没有写明"), answer
    assert "1万元" not in answer  # the 技术能手 award's money, not a loan


def test_a_scheme_the_notices_do_not_cover_is_said_to_be_missing_without_padding(policy_assistant):
    for question in ("失业金一个月能领多少？", "失业金怎么领？", "公租房怎么申请？"):
        answer = policy_assistant.ask(Question(text=question)).answer
        assert answer.startswith("现有文件没有写明您问的"), answer
        # A skills subsidy for those who paid 失业保险费 is no rule on 失业金, and the
        # documents nearest a question the library does not cover are no help.
        assert "相关规定" not in answer and "最接近" not in answer, answer


def test_a_document_number_asked_after_a_question_on_its_award_is_only_the_number(policy_assistant):
    answer = ask(policy_assistant, "文号是多少？", ["宁夏的技术能手奖励多少钱？"]).answer
    assert "宁人社发〔2021〕151号" in answer
    assert "1万元" not in answer  # the award asked before is not asked again


def test_who_holds_a_role_is_the_sentence_naming_that_role_not_one_asked_before(policy_assistant):
    answer = ask(policy_assistant, "办公室主任是谁？", ["无锡专班组长是谁？", "副组长呢？"]).answer
    assert "王伟" in answer and "李平" not in answer, answer


def test_an_awards_amount_asked_under_a_profiles_level_is_the_awards(policy_assistant):
    """A 中级工's profile does not make 自治区技术能手's reward a 中级工's amount, not stated."""
    plain = ask(policy_assistant, "自治区技术能手的奖金标准是多少？")
    profiled = ask(policy_assistant, "自治区技术能手的奖金标准是多少？", skill_level="中级工")
    assert "1万元" in plain.answer and profiled.answer == plain.answer, profiled.answer


@pytest.mark.parametrize("question", ["无锡今天天气怎么样？", "宿迁明天会下雨吗"])
def test_a_question_sharing_only_a_place_with_the_documents_is_not_answered(policy_assistant, question):
    answer = ask(policy_assistant, question)
    assert not answer.answerable and not answer.citations, answer.answer


def test_the_header_card_answers_what_a_document_is_not_what_it_says(policy_assistant):
    answer = ask(policy_assistant, "宿迁的方案对乡土人才有什么扶持？")
    assert answer.answerable and all(c.label.endswith("文件信息") is False for c in answer.citations), (
        answer.answer
    )
    card = ask(policy_assistant, "宿迁的方案文号是多少？")
    assert any(c.label.endswith("文件信息") for c in card.citations), card.answer
