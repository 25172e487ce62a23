"""A question split into the parts it asks."""

from __future__ import annotations

from assistant.question.decompose import plan_question
from assistant.question.understand import understand


def plan(text: str, has_profile: bool = False):
    return plan_question(text, understand(text), has_profile=has_profile)


def test_two_questions_in_one_message_are_two_parts_sharing_their_place():
    result = plan("常州每年要建几个技能大师工作室？培训补贴标准是多少钱？")
    assert result.mode == "multi_part"
    assert [p.kind.main for p in result.parts] == ["count", "money"]
    assert result.parts[1].text.startswith("常州")


def test_two_questions_each_naming_a_place_are_each_about_their_own_place_only():
    result = plan("我是高级工，南通补贴多少？扬州每月给多少？")
    assert result.mode == "multi_part"
    first, second = result.parts
    assert "扬州" not in first.text and [p.city for p in first.places] == ["南通市"]
    assert "南通" not in second.text and [p.city for p in second.places] == ["扬州市"]
    assert second.own.startswith("我是高级工")  # the asker's situation is every part's


def test_the_same_question_of_two_subjects_is_a_part_each():
    result = plan("领导小组的召集人和联络员分别是谁？")
    assert result.mode == "multi_part"
    assert [p.text for p in result.parts] == ["领导小组的召集人是谁？", "领导小组的联络员是谁？"]
    assert all(p.kind.main == "person" for p in result.parts)


def test_a_comparison_of_two_places_has_one_part_per_place_without_the_other():
    result = plan("河南和江苏对技能大师工作室的资助一样吗？")
    assert result.mode == "comparison"
    assert [p.side.label for p in result.parts] == ["河南", "江苏"]
    assert "江苏" not in result.parts[0].text and "河南" not in result.parts[1].text


def test_a_comparison_of_two_years():
    result = plan("2021年和2023年的培训目标有什么区别？")
    assert result.mode == "comparison"
    assert [p.side.year for p in result.parts] == [2021, 2023]


def test_someone_asking_what_they_can_get_is_an_eligibility_question():
    assert plan("我是常州的残疾人，能参加哪些培训？").mode == "eligibility"
    assert plan("有哪些补贴？", has_profile=True).mode == "eligibility"
    # A group named as a topic is not the asker describing themselves.
    assert plan("企业能不能给职工发技能津贴？").mode == "single"


def test_whether_what_was_done_to_me_is_allowed_or_owed_is_not_an_eligibility_question():
    # The stories name a training and a subsidy, but ask about a duty or a judgement.
    assert plan("单位出钱让我去培训，签了服务期，我提前走要赔全部培训费吗？").mode == "single"
    assert plan("我在厂里培训了一个月，厂里不发培训补贴，这样行吗？").mode == "single"


def test_several_benefit_questions_from_one_person_stay_one_eligibility_question():
    result = plan("我刚毕业在常州没工作，政府管不管培训？给不给补贴？")
    assert result.mode == "eligibility" and len(result.parts) == 1


def test_a_plain_question_is_one_part():
    result = plan("技能大师工作室建设资助标准是多少？")
    assert result.mode == "single" and result.parts[0].kind.main == "money"


def test_a_follow_up_that_only_changes_the_place_keeps_the_question_it_carries():
    resolved = "浙江的创业担保贷款最多贷多少钱？"  # resolved from "那浙江呢？"
    plan = plan_question(resolved, understand(resolved), own="那浙江呢？")
    assert plan.parts[0].kind.main == "money"


def test_a_follow_up_with_an_aspect_of_its_own_keeps_that_aspect():
    resolved = "浙江的创业担保贷款怎么申请？"
    plan = plan_question(resolved, understand(resolved), own="那怎么申请？")
    assert plan.parts[0].kind.main == "procedure"


def test_a_follow_up_asking_something_of_its_own_does_not_take_the_carried_kind():
    resolved = "企业职工教育经费用多少在一线职工，首席技师待遇怎么定"  # carried subject, own question
    plan = plan_question(resolved, understand(resolved), own="首席技师待遇怎么定？")
    assert plan.parts[0].kind.main != "money"


def test_an_amount_and_how_to_apply_in_one_sentence_are_two_parts_on_one_subject():
    result = plan("我在常州上班，中级工的晋升补贴有多少，去哪里申请？")
    assert result.mode == "multi_part"
    amount, where = result.parts
    assert "有多少" in amount.text and amount.aspect is None
    # The later part is matched with the subject asked first, not with its question words.
    assert where.aspect == "place" and "晋升补贴" in where.text and "有多少" not in where.text
    assert where.own.startswith("我在常州上班")


def test_two_facts_asked_in_one_sentence_stay_one_question():
    # One sentence or one header may hold both: only an aspect asked alone is split off.
    assert plan("工作专班的负责人是谁，办公室设在哪个处？").mode == "single"


def test_an_aspect_of_something_that_is_not_a_benefit_is_not_an_aspect_part():
    meeting, materials = plan("协调小组多久开一次会？补贴要交什么材料？").parts
    assert meeting.aspect is None and materials.aspect == "materials"


def test_two_skill_levels_compared_are_a_part_each():
    result = plan("中级工和技师的补贴差多少？")
    assert result.mode == "comparison"
    assert sorted(p.side.label for p in result.parts) == ["中级工", "技师"]


def test_whether_a_benefit_goes_on_asked_after_its_amount_is_a_part_of_its_own():
    amount, goes_on = plan("技师补贴每月多少，离职后还发吗？").parts
    assert amount.kind.main == "money" and goes_on.kind.wants("yesno")


def test_whether_a_document_is_in_force_asked_twice_over_is_one_question():
    assert plan("技能行动方案现在还能用吗？有效期到哪年？").mode == "single"


def test_what_a_place_offers_is_asked_for_whoever_works_there():
    assert plan("株洲对高技能人才有什么补贴？").mode == "eligibility"
    assert plan("株洲的补贴标准是多少？").mode == "single"


def test_one_aspect_asked_twice_over_is_one_question():
    assert plan("补贴钱打到哪里？多久能到账？").mode == "single"
    assert plan("文号是多少？是哪个部门发的？").mode == "single"
    assert plan("补贴多少钱？怎么申请？").mode == "multi_part"
