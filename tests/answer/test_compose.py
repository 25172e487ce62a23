"""How an answer reads: marks, groups, verdicts and the notes a hotline answer owes."""

from __future__ import annotations

import datetime as dt

from assistant.answer.base import AnswerContext, CitedSpan
from assistant.answer.compose import Composer, renumber, verdict
from assistant.models import QueryInfo
from assistant.question.answer_type import answer_kind

from .evidence_fixtures import CHANGZHOU, JIANGSU, TODAY, evidence, hit, meta

OLD = meta("changzhou-2021", CHANGZHOU, valid_from=dt.date(2021, 1, 1), valid_to=dt.date(2023, 12, 31))
NEW = meta("jiangsu-2025", JIANGSU, valid_from=dt.date(2025, 1, 1), valid_to=dt.date(2027, 12, 31))
REPEALED = meta("jiangsu-2019", JIANGSU, repealed_by="jiangsu-2025")


def context(*hits, asker=None) -> AnswerContext:
    query = QueryInfo(text="q", normalised="q", asker_region=asker)
    return AnswerContext(question="q", resolved="q", query=query, hits=list(hits), today=TODAY)


def test_one_mark_per_run_of_sentences_from_a_clause_and_notes_for_expired_documents():
    a, b = hit(OLD, "1", "甲。乙。"), hit(NEW, "2", "丙。")
    composer = Composer(context(a, b))
    draft = composer.single(
        [evidence(a, "甲。", 0.9), evidence(a, "乙。", 0.8), evidence(b, "丙。", 0.7)], {}
    )
    assert draft.text.splitlines()[0] == "《changzhou-2021方案》：甲。乙[1]。"
    assert draft.text.splitlines()[1] == "《jiangsu-2025方案》：丙[2]。"
    assert "《changzhou-2021方案》实施期限为2021—2023年，已过期" in draft.text
    assert [c.clause_id for c in draft.cited] == ["changzhou-2021:1", "jiangsu-2025:2"]


def test_sentences_of_one_clause_are_quoted_as_the_clause_has_them_whatever_their_scores():
    # The condition scores above the amount and the article's title below both: the quote
    # still reads title, amount, condition, one mark, and the other clause after it.
    a = hit(NEW, "4", "第四条 安家补贴。技师每人2万元。年龄不超过45周岁。")
    b = hit(NEW, "9", "申请须提交劳动合同。")
    items = [
        evidence(a, "年龄不超过45周岁。", 0.9),
        evidence(b, "申请须提交劳动合同。", 0.85),
        evidence(a, "技师每人2万元。", 0.8),
        evidence(a, "第四条 安家补贴。", 0.4),
    ]
    draft = Composer(context(a, b)).single(items, {})
    assert draft.text.splitlines()[0] == (
        "《jiangsu-2025方案》：第四条 安家补贴。技师每人2万元。年龄不超过45周岁[1]。申请须提交劳动合同[2]。"
    )


def test_a_repealed_document_is_said_to_be_repealed_by_the_one_that_replaced_it():
    old, new = hit(REPEALED, "1", "旧规定。"), hit(NEW, "1", "新规定。")
    draft = Composer(context(old, new)).single([evidence(old, "旧规定。", 0.9)], {})
    assert "《jiangsu-2019方案》已被《jiangsu-2025方案》废止" in draft.text


def test_a_policy_of_another_city_is_marked_as_not_the_askers():
    other = hit(OLD, "1", "甲。")
    draft = Composer(context(other, asker=JIANGSU.model_copy(update={"city": "南京市"}))).single(
        [evidence(other, "甲。", 0.9)], {}
    )
    assert "不是南京的政策，不适用于南京" in draft.text


def test_parts_are_numbered_with_circled_numerals_and_a_missing_part_says_so():
    a = hit(NEW, "1", "联系电话：025-12345678。")
    draft = Composer(context(a)).parts(
        [("没有写明。", [evidence(a, "联系电话：025-12345678。", 0.9)]), ("没有写明。", [])], {}
    )
    lines = draft.text.splitlines()
    assert lines[0].startswith("①") and lines[1] == "②没有写明。"
    assert draft.answerable


def test_a_refusal_names_what_is_missing_and_where_to_ask():
    a = hit(NEW, "1", "按规定落实职业培训补贴。")
    draft = Composer(context(a)).not_stated(
        answer_kind("补贴多少钱？"), evidence(a, "按规定落实职业培训补贴。", 0.1)
    )
    assert draft.text.startswith("现有文件没有写明您问的具体金额。相关规定是：")
    assert "12333" in draft.text and not draft.answerable


def test_a_refusal_with_no_related_rule_names_the_closest_documents_not_a_subject():
    a = hit(NEW, "1", "按规定落实职业培训补贴。")
    draft = Composer(context(a)).not_stated(answer_kind("补贴多少钱？"), None)
    assert f"与您的问题最接近的文件是：{a.doc.short_title}。" in draft.text
    assert "技能人才培养" not in draft.text  # the library is not assumed to be about one subject


def test_verdicts_for_yes_or_no_questions():
    assert verdict(answer_kind("能不能参加？"), "能不能参加？", ["符合条件的职工均可参加。"]) == "可以。"
    assert verdict(answer_kind("有没有补贴？"), "有没有补贴？") == "有。"
    assert verdict(answer_kind("政府会安排培训吗？"), "政府会安排培训吗？") == "会。"
    assert verdict(answer_kind("补贴多少钱？"), "补贴多少钱？") == ""
    # 可以 answers a 能/可以 question only: "算不算" and "是不是" are not answered 可以.
    counted = "在外地培训的时间算不算工龄？"
    assert verdict(answer_kind(counted), counted, ["培训期间计入工作时间。"]) == ""


def test_no_verdict_when_the_rule_quoted_forbids_or_excludes():
    # Whether a prohibition answers yes or no depends on whose act is asked about: the
    # employer's ("单位能扣我押金吗": no) or the worker's ("我能拒绝吗": yes). The rule is quoted
    # without a guess in front of it.
    question = "单位能扣着我的毕业证不还吗？"
    rule = "用人单位不得扣押劳动者的居民身份证和其他证件。"
    assert verdict(answer_kind(question), question, [rule]) == ""
    withheld = "取得中级工及以下证书的，不享受本办法规定的培训补贴。"
    assert verdict(answer_kind("中级工有补贴吗？"), "中级工有补贴吗？", [withheld]) == ""
    outside = "灵活就业人员不在本通知补贴范围内。"
    assert verdict(answer_kind("灵活就业人员能领吗？"), "灵活就业人员能领吗？", [outside]) == ""
    excluded = "本办法适用于各类企业，国家机关除外。"
    assert verdict(answer_kind("机关单位能参加吗？"), "机关单位能参加吗？", [excluded]) == ""
    story = "厂里用几袋米顶了工钱，这样行吗？"
    assert verdict(answer_kind(story), story, ["工资应当按月支付。"]) == ""  # whether it is allowed
    # What is asked to be had must be what the rule speaks of.
    holiday = "能享受带薪年假吗？"
    assert verdict(answer_kind(holiday), holiday, ["对技能大师给予一次性奖励。"]) == ""
    assert verdict(answer_kind(holiday), holiday, ["职工按规定享受带薪年假。"]) == "可以。"
    granting = "对取得技师证书的，给予一次性奖励2000元。"
    assert verdict(answer_kind("考了技师能拿奖励吗？"), "考了技师能拿奖励吗？", [granting]) == "可以。"
    # …and so must what is asked to be done, by the head of its last word (直接落户 → 落户).
    settle = "技能人才可以直接落户吗？"
    admitted = "对有突出贡献的技术技能人才，经考核合格，可以破格录取。"
    assert verdict(answer_kind(settle), settle, [admitted]) == ""
    assert verdict(answer_kind(settle), settle, ["取得高级技师证书的，可在本市办理落户。"]) == "可以。"


def test_marks_are_renumbered_in_order_of_appearance():
    spans = [CitedSpan(n=1, clause_id="a"), CitedSpan(n=2, clause_id="b"), CitedSpan(n=3, clause_id="c")]
    text, kept = renumber("先[3]后[1]。", spans)
    assert text == "先[1]后[2]。"
    assert [(s.n, s.clause_id) for s in kept] == [(1, "c"), (2, "a")]


def test_a_zone_no_division_places_is_said_to_be_unknown():
    a = hit(NEW, "1", "按规定落实职业培训补贴。")
    ctx = context(a)
    ctx.query.unplaced = ["经开区"]
    draft = Composer(ctx).single([evidence(a, "按规定落实职业培训补贴。", 0.9)], {})
    assert "未能确定“经开区”属于哪个城市" in draft.text


def test_every_refusal_ends_with_the_same_hotline_sentence():
    """The shared wording (answer/wording.py) is what each refusal shows, word for word."""
    a = hit(NEW, "1", "按规定落实职业培训补贴。")
    composer = Composer(context(a))
    refusals = [
        composer.not_stated(answer_kind("补贴多少钱？"), None),
        composer.nothing_found(),
        composer.missing_field(NEW, ["文号"], None),
    ]
    for draft in refusals:
        assert draft.text.endswith("如需确认，请咨询当地人力资源社会保障部门或拨打12333人社服务热线。")
        assert not draft.answerable
    assert refusals[1].text.startswith("现有文件中没有找到与您的问题相关的规定。")


def test_a_sentence_is_never_printed_twice_with_the_same_citation():
    a = hit(NEW, "1", "技能提升补贴每人每年可申领一次。")
    same = "技能提升补贴每人每年可申领一次。"
    draft = Composer(context(a)).single(
        [evidence(a, same, 0.9), evidence(a, "技能提升补贴每人每年可申领一次", 0.8)], {}
    )
    assert draft.text.count("可申领一次") == 1


def test_a_part_answered_by_what_an_earlier_part_said_points_to_it():
    a = hit(NEW, "1", "申请人向户籍地人社部门提交申请。")
    line = "申请人向户籍地人社部门提交申请。"
    draft = Composer(context(a)).parts(
        [("没有写明。", [evidence(a, line, 0.9)]), ("没有写明。", [evidence(a, line, 0.8, part=1)])], {}
    )
    lines = draft.text.splitlines()
    assert lines[0].startswith("①") and "提交申请[1]" in lines[0]
    assert lines[1] == "②见①。"
    assert draft.text.count("提交申请") == 1


def test_the_same_text_from_two_clauses_is_two_citations_not_a_duplicate():
    a, b = hit(NEW, "1", "按规定给予补贴。"), hit(OLD, "2", "按规定给予补贴。")
    draft = Composer(context(a, b)).single(
        [evidence(a, "按规定给予补贴。", 0.9), evidence(b, "按规定给予补贴。", 0.8)], {}
    )
    assert draft.text.count("按规定给予补贴") == 2


def test_a_document_left_out_for_length_leaves_no_note_behind():
    long = "对参加培训并取得证书的人员给予培训补贴" * 12 + "。"
    a, b = hit(NEW, "1", long), hit(OLD, "2", long)
    draft = Composer(context(a, b)).single([evidence(a, long, 0.9), evidence(b, long, 0.8)], {})
    assert "jiangsu-2025" in draft.text
    assert "changzhou-2021" not in draft.text, "the expired document's line and its note both go"
    assert [c.clause_id for c in draft.cited] == ["jiangsu-2025:1"]


def test_a_city_asked_whose_own_document_is_silent_is_told_the_province_rule_reaches_it():
    city_doc = meta(
        "changzhou-2025", CHANGZHOU, valid_from=dt.date(2025, 1, 1), valid_to=dt.date(2027, 12, 31)
    )
    own, province = hit(city_doc, "1", "建设技能大师工作室。"), hit(NEW, "3", "建立首席技师薪酬待遇体系。")
    query = QueryInfo(text="q", normalised="q", places=[CHANGZHOU])
    ctx = AnswerContext(question="q", resolved="q", query=query, hits=[province, own], today=TODAY)
    draft = Composer(ctx).single([evidence(province, "建立首席技师薪酬待遇体系。", 0.9)], {})
    assert (
        "常州的文件（《changzhou-2025方案》）没有写到这一点；以上是江苏的规定，同样适用于常州。" in draft.text
    )
    quoting_own = Composer(ctx).single([evidence(own, "建设技能大师工作室。", 0.9)], {})
    assert "没有写到这一点" not in quoting_own.text


def test_a_document_of_no_known_place_is_said_to_need_checking_for_the_askers_place():
    unknown = meta("qinghe-2025", None)
    a = hit(unknown, "1", "取得中级工证书的，每人补贴1500元。")
    draft = Composer(context(a, asker=CHANGZHOU)).single(
        [evidence(a, "取得中级工证书的，每人补贴1500元。", 0.9)], {}
    )
    assert "《qinghe-2025方案》未能确定适用地区，请核实是否适用于常州。" in draft.text


def test_a_quoted_lead_in_ends_with_its_mark_not_a_colon_and_a_full_stop():
    from assistant.answer.compose import with_mark

    assert with_mark("第三条 补贴标准如下：", 1) == "第三条 补贴标准如下[1]。"
    assert with_mark("每人补贴1000元；", 2) == "每人补贴1000元[2]。"


def test_a_rule_asking_places_to_do_something_gets_no_yes():
    question = "技术工人能直接落户吗？"
    asking_places = ["支持各地将技术工人纳入城市直接落户范围。"]
    assert verdict(answer_kind(question), question, asking_places) == ""
    assert verdict(answer_kind(question), question, ["技术工人可直接落户。"]) == "可以。"


def test_a_period_given_in_years_is_said_to_end_with_its_last_year():
    draft = Composer(context()).validity(NEW, None)
    assert draft.text.startswith("《jiangsu-2025方案》实施期限为2025—2027年（到2027年底），"), draft.text
    days = NEW.model_copy(update={"valid_from": dt.date(2026, 3, 1), "valid_to": dt.date(2026, 8, 31)})
    assert "年底" not in Composer(context()).validity(days, None).text


def test_how_often_money_is_paid_put_forward_is_confirmed_or_denied_by_the_rule():
    from assistant.answer.compose import figure_checked

    rule = ["生活补助按季度发放至本人社会保障卡。"]
    assert figure_checked("是按季度发放的吗", rule) == "是。"
    assert figure_checked("补助每月发吗？", rule) == "不是。"
    assert figure_checked("每月20号前发吗", rule) == ""  # a day, not how often
    assert figure_checked("是按年发的吗", ["奖励资金一次性拨付。"]) == ""  # no cycle stated


def test_taking_a_benefit_again_is_denied_by_a_once_only_rule_of_the_same_scope():
    from assistant.answer.compose import figure_checked

    scoped = ["同一工种同一等级只能享受一次鉴定补贴，每人每年不超过2次。"]
    assert figure_checked("同一个工种能领两次鉴定补贴吗", scoped) == "不能。"
    # Not said to be the same工种: the rule scoped to it does not decide.
    assert figure_checked("鉴定补贴能重复领吗", scoped) == ""
    assert figure_checked("这个奖励可以重复享受吗", ["获奖人员不得重复享受同类奖励。"]) == "不能。"
    assert figure_checked("鉴定补贴能领几次", scoped) == ""


def test_a_payer_put_forward_is_checked_against_who_funds_it():
    from assistant.answer.compose import figure_checked

    county = ["鉴定补贴所需资金由县级就业补助资金列支。"]
    assert figure_checked("鉴定补贴是市里出钱吗", county) == "不是。"
    assert figure_checked("是县里出的钱吗？", county) == "是。"
    shared = ["所需资金由省、市两级财政按6:4比例分担。"]
    assert figure_checked("是省里出钱吗", shared) == "不全是。"
    assert figure_checked("是省里出钱吗", ["补贴按季度发放。"]) == ""


def test_who_files_and_who_is_paid_put_forward_are_checked_against_the_rule():
    from assistant.answer.compose import figure_checked

    firm_files = ["岗位津贴由用人企业统一向区人社局申报。"]
    assert figure_checked("是个人自己申报吗", firm_files) == "不是。"
    assert figure_checked("是企业申报吗？", firm_files) == "是。"
    to_firm = ["学徒培训补贴资金拨付给企业，由企业统筹使用。"]
    assert figure_checked("这个补贴是给学徒本人的吗", to_firm) == "不是。"
    assert (
        figure_checked("建设经费能发给个人吗", ["建设经费拨付至工作室所在单位，不得发放给个人。"]) == "不能。"
    )


def test_a_figure_put_forward_with_shi_bu_shi_is_confirmed_or_denied():
    from assistant.answer.compose import figure_checked

    rule = ["取得中级工证书的，每人补贴1300元。"]
    assert figure_checked("中级工补贴是不是1300元", rule) == "是。"
    assert figure_checked("中级工补贴是不是2000元", rule) == "不是。"


def test_a_count_of_claims_put_forward_is_held_against_the_most_a_rule_allows():
    from assistant.answer.compose import figure_checked

    rule = ["每人每年享受鉴定补贴最多不超过2次。"]
    assert figure_checked("一年能领3次吗", rule) == "不能。"
    assert figure_checked("一年能申请两次吗？", rule) == "可以。"
    assert figure_checked("一年能领几次", rule) == ""
