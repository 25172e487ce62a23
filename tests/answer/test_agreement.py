"""The question's subject against the sentence's: an award's amount is only that award's,
a province's rule is marked where it does not apply. Sentences are written for these
tests, in the way notices write them."""

from __future__ import annotations

from assistant.answer.agreement import award_agreement, foreign_province, owners
from assistant.answer.compose import Composer
from assistant.answer.select import check_awards
from assistant.models import Jurisdiction, QueryInfo
from assistant.question.answer_type import answer_kind
from assistant.question.titles import asked_titles, titles

from .evidence_fixtures import JIANGSU, TODAY, evidence, hit, meta

TWO_AWARDS = "对获评省级金牌技师的给予5000元奖励，对获评市级技术能手的给予2000元奖励。"
PAIRED = "对获得全国五一劳动奖章、省级劳动模范称号的，分别给予3万元、1万元一次性奖励。"
ONE_OF_TWO = "每两年开展一次岭南名匠、省技术能手评选，将省技术能手奖励标准提高至8000元。"


def test_award_names_are_read_without_the_verbs_around_them():
    assert [t.name for t in titles(TWO_AWARDS)] == ["省级金牌技师", "市级技术能手"]
    assert [t.name for t in titles(ONE_OF_TWO)] == ["岭南名匠", "省技术能手", "省技术能手"]
    assert asked_titles("获得“省级劳动模范”称号的能奖多少钱？") == ["省级劳动模范"]
    # A master's studio is a place of work, not an award.
    assert asked_titles("技能大师工作室补助多少？") == []


def test_an_amount_belongs_to_the_award_named_nearest_before_it():
    pairs = [(o.figure, o.owner.name if o.owner else None) for o in owners(ONE_OF_TWO)]
    assert pairs == [("8000元", "省技术能手")]


def test_with_fenbie_the_nth_amount_is_the_nth_awards():
    pairs = [(o.figure, o.owner.name if o.owner else None) for o in owners(PAIRED)]
    assert pairs == [("3万元", "全国五一劳动奖章"), ("1万元", "省级劳动模范")]


def test_the_asked_awards_amount_is_read_out_alone_from_a_sentence_listing_two():
    verdict = award_agreement(["市级技术能手"], TWO_AWARDS)
    assert verdict is not None and verdict.agrees
    assert verdict.piece == "对获评市级技术能手的给予2000元奖励"
    paired = award_agreement(["劳动模范"], PAIRED)
    assert paired is not None and paired.piece == "省级劳动模范：给予1万元一次性奖励"


def test_an_award_named_without_an_amount_disagrees_with_the_other_awards_amount():
    verdict = award_agreement(["岭南名匠"], ONE_OF_TWO)
    assert verdict is not None and not verdict.agrees and verdict.other == "省技术能手"
    # A qualifier names another award: 全国技术能手 is not 省技术能手.
    assert not award_agreement(["全国技术能手"], ONE_OF_TWO).agrees  # type: ignore[union-attr]
    # No award in the sentence: nothing to hold it to.
    assert award_agreement(["岭南名匠"], "培训补贴标准为每人1000元。") is None


def test_a_province_rule_is_foreign_to_another_province_but_a_national_one_is_not():
    guangdong = Jurisdiction(province="广东省")
    assert foreign_province([guangdong], JIANGSU) == guangdong
    assert foreign_province([guangdong, JIANGSU], JIANGSU) is None  # a comparison of the two
    assert foreign_province([guangdong], Jurisdiction(province="全国")) is None


DOC = meta("awards-2025", JIANGSU)


def test_the_answer_refuses_an_award_whose_amount_is_not_stated_and_names_whose_it_is():
    clause = hit(DOC, "3", ONE_OF_TWO)
    item = evidence(clause, ONE_OF_TWO, 0.9)
    kind = answer_kind("岭南名匠的奖金是多少？")
    check = check_awards("岭南名匠的奖金是多少？", [item], [item], kind, 16)
    assert check is not None and check.refused and check.other is not None
    query = QueryInfo(text="q", normalised="q")
    context_ = _context(query, clause)
    draft = Composer(context_).other_subject(kind, check.asked[0], check.other[0], check.other[1])
    assert draft.text.startswith("现有文件没有写明岭南名匠的金额；文件载明的是关于省技术能手的规定")
    assert "8000元[1]" in draft.text and not draft.answerable


def test_a_sentence_further_down_that_states_the_asked_awards_amount_is_used_instead():
    wrong = hit(DOC, "3", ONE_OF_TWO)
    right = hit(DOC, "4", TWO_AWARDS)
    first, second = evidence(wrong, ONE_OF_TWO, 0.9), evidence(right, TWO_AWARDS, 0.5)
    question = "市级技术能手奖励多少钱？"
    check = check_awards(question, [first], [first, second], answer_kind(question), 16)
    assert check is not None and not check.refused
    assert check.kept == [second]
    assert check.texts[id(second)] == "对获评市级技术能手的给予2000元奖励"


def test_a_question_about_one_province_quoting_anothers_rule_says_it_does_not_apply():
    clause = hit(DOC, "3", "对新录用的高校毕业生给予每人1000元补贴。")
    query = QueryInfo(text="q", normalised="q", places=[Jurisdiction(province="广东省")])
    draft = Composer(_context(query, clause)).single([evidence(clause, clause.clause.text, 0.9)], {})
    assert "是江苏的规定，不适用于广东" in draft.text


def _context(query: QueryInfo, *hits):
    from assistant.answer.base import AnswerContext

    return AnswerContext(question="q", resolved="q", query=query, hits=list(hits), today=TODAY)


def test_a_measures_responsible_department_comes_from_that_measures_clause():
    from assistant.answer.select import body_fact

    training = hit(
        DOC, "5", "（五）开展新职业培训。面向数字经济岗位开展培训。责任单位：职业能力建设处、就业中心。"
    )
    ranked = [
        evidence(training, "（五）开展新职业培训。", 0.8),
        evidence(hit(DOC, "6", "x"), "责任单位：财务处、规划处。", 0.3),
        evidence(training, "责任单位：职业能力建设处、就业中心。", 0.2),
    ]
    asked = body_fact("开展新职业培训由哪个部门负责？", ranked)
    assert asked is not None
    what, holders = asked
    assert what == "责任部门"
    assert [e.text for e in holders] == ["责任单位：职业能力建设处、就业中心。"]


def test_a_cited_documents_number_is_read_from_the_body_not_the_header_card():
    from assistant.answer.select import body_fact

    header = hit(DOC, "header", "文号：苏人社发〔2025〕3号。")
    header.clause.kind = "header"
    notice = hit(
        DOC, "notice", "根据《省政府关于加强技能人才工作的意见》（苏政发〔2024〕9号）要求，制定本方案。"
    )
    ranked = [evidence(header, header.clause.text, 0.9), evidence(notice, notice.clause.text, 0.4)]
    what, holders = body_fact("这个方案依据的文件文号是什么？", ranked) or ("", [])
    assert what == "所引用文件的文号" and holders[0].clause_id == notice.clause.clause_id
    # Not stated in any retrieved body sentence: nothing to answer with.
    assert body_fact("方案抄送给了哪些单位？", ranked) == ("抄报、抄送单位", [])
    assert body_fact("培训补贴标准是多少？", ranked) is None


def test_a_social_security_scheme_is_held_to_clauses_that_name_it():
    from assistant.question.schemes import asked_schemes, names_scheme

    assert asked_schemes("领失业金一个月多少钱？") == ["失业保险"]
    assert asked_schemes("公租房租金怎么算？") == ["住房保障"]
    # A skilled worker's rent subsidy is not a 公租房, nor the 公积金 paid into.
    assert not names_scheme("技能人才租房补贴标准为每人每月500元。", "住房保障")
    assert asked_schemes("公积金怎么提取？") == ["住房公积金"]
    assert asked_schemes("技能提升补贴多少钱？") == []
    assert not names_scheme("职业培训补贴每人不超过2000元。", "失业保险")
    assert names_scheme("失业保险金标准不得高于最低工资标准。", "失业保险")


def test_a_place_or_a_verb_before_the_asked_award_is_not_part_of_its_name():
    assert asked_titles("在广东当上技术能手能拿多少奖金？") == ["技术能手"]
    assert award_agreement(asked_titles("广东省技术能手奖励多少？"), ONE_OF_TWO).agrees  # type: ignore[union-attr]
