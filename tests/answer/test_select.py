"""Choosing the sentences an answer states, from scored evidence."""

from __future__ import annotations

from assistant.answer.select import (
    pick_benefits,
    pick_for_part,
    pick_for_side,
    quoted,
    same_level,
    transmits,
    trim,
    whole_articles,
)
from assistant.answer.weights import SelectionRule
from assistant.question.answer_type import answer_kind
from assistant.question.decompose import Side

from .evidence_fixtures import CHANGZHOU, JIANGSU, evidence, hit, meta

RULE = SelectionRule(keep_ratio=0.7, keep_floor=0.3, same_clause_ratio=0.4, max_sentences=2)
CITY = meta("changzhou", CHANGZHOU)
PROVINCE = meta("jiangsu", JIANGSU)
A = hit(CITY, "1", "常州对技能大师工作室给予一次性资助10万元。首席技师每月享受津贴。")
B = hit(PROVINCE, "2", "省级技能大师工作室给予一次性资助20万元。")
C = hit(CITY, "3", "鼓励企业建设职工培训中心。")


def test_the_best_sentence_then_one_nearly_as_good():
    ranked = [
        evidence(A, "首席技师每月享受津贴。", 0.9),
        evidence(C, "鼓励企业建设职工培训中心。", 0.7),
        evidence(A, "常州对技能大师工作室给予一次性资助10万元。", 0.2),
    ]
    chosen = pick_for_part(ranked, RULE, answer_kind("有什么待遇？"))
    assert [e.text for e in chosen] == ["首席技师每月享受津贴。", "鼓励企业建设职工培训中心。"]


def test_another_sentence_of_the_same_clause_needs_less():
    ranked = [
        evidence(A, "首席技师每月享受津贴。", 0.9),
        evidence(A, "常州对技能大师工作室给予一次性资助10万元。", 0.4),
    ]
    assert len(pick_for_part(ranked, RULE, answer_kind("有什么待遇？"))) == 2


def test_a_second_figure_of_the_same_kind_from_elsewhere_is_not_added():
    ranked = [
        evidence(A, "常州对技能大师工作室给予一次性资助10万元。", 0.9),
        evidence(B, "省级技能大师工作室给予一次性资助20万元。", 0.85),
    ]
    chosen = pick_for_part(ranked, RULE, answer_kind("工作室资助多少钱？"))
    assert [e.clause_id for e in chosen] == ["changzhou:1"]


def test_a_side_is_answered_from_its_own_documents():
    ranked = [
        evidence(B, "省级技能大师工作室给予一次性资助20万元。", 0.9),
        evidence(A, "首席技师每月享受津贴。", 0.5),
    ]
    city_side = Side(kind="place", label="常州", place=CHANGZHOU)
    assert [e.clause_id for e in pick_for_side(ranked, city_side, RULE)] == ["changzhou:1"]


def test_benefits_come_from_every_covering_document_and_never_from_one_that_does_not_apply():
    elsewhere = hit(
        meta("other", CHANGZHOU.model_copy(update={"city": "南京市"})), "9", "南京的补贴。", applies=False
    )
    ranked = [
        evidence(A, "首席技师每月享受津贴。", 0.9),
        evidence(elsewhere, "南京的补贴。", 0.8),
        evidence(B, "省级技能大师工作室给予一次性资助20万元。", 0.5),
        evidence(C, "鼓励企业建设职工培训中心。", 0.1),
    ]
    chosen = pick_benefits(ranked, SelectionRule(eligibility_floor=0.3, eligibility_per_document=2))
    assert {e.doc.doc_id for e in chosen} == {"changzhou", "jiangsu"}


def test_a_long_sentence_is_read_from_the_part_that_answers():
    sentence = (
        "以培养高技能人才和各行业能工巧匠为重点，以就业培训和岗位技能培训为主导，"
        "三年行动期间，全市每年新增技能人才3万人以上，其中数字技能人才5000人"
    )
    trimmed = trim(sentence, answer_kind("每年新增多少技能人才？"), {"新增": 1.0})
    assert trimmed == "全市每年新增技能人才3万人以上，其中数字技能人才5000人"
    assert trim(sentence, answer_kind("有哪些安排？"), {}) == sentence


def test_a_list_answer_takes_more_items_of_a_cited_clause_up_to_about_400_characters():
    measures = hit(PROVINCE, "9", "措施。")
    items = [f"（{n}）开展第{n}类职业技能培训，面向重点群体组织实施项目制培训。" for n in "一二三四五六七八"]
    ranked = [evidence(measures, text, 0.9 - i * 0.05) for i, text in enumerate(items)]
    ranked.append(evidence(C, "鼓励企业建设职工培训中心。", 0.85))
    chosen = pick_for_part(ranked, RULE, answer_kind("有哪些培训措施？"))
    texts = [e.text for e in chosen]
    # Beyond the sentence cap (2 + 1 for a list), the further items are all of the clause
    # already cited; the whole stays within about 400 characters.
    assert len(texts) > RULE.max_sentences + 1
    assert texts[:4] == items[:4]
    assert sum(len(t) for t in texts) <= 400
    assert all(e.clause_id == measures.clause.clause_id for e in chosen)


def test_a_non_list_answer_keeps_its_sentence_cap():
    measures = hit(PROVINCE, "9", "措施。")
    ranked = [evidence(measures, f"第{n}句规定。", 0.9 - i * 0.01) for i, n in enumerate("一二三四五")]
    assert len(pick_for_part(ranked, RULE, answer_kind("补贴标准是什么？"))) == RULE.max_sentences


def test_a_short_law_article_is_quoted_whole_in_its_own_order():
    law = meta("severance-law", JIANGSU)
    text = "第八条 辞退补偿按工作年限计算，每满一年发一个月工资。不满一年的按一年算。补偿不计个税。"
    article = hit(law, "第八条", text)
    first, second, third = (s + "。" for s in text.split("。")[:3])
    ranked = [evidence(article, second, 0.8), evidence(article, first, 0.3), evidence(article, third, 0.2)]
    quoted = whole_articles(ranked[:1], ranked, ranked)
    assert [e.text for e in quoted] == [first, second, third]


def test_a_short_law_article_is_completed_with_sentences_scoring_never_saw():
    law = meta("severance-law", JIANGSU)
    text = "第八条 辞退补偿按工作年限计算，每满一年发一个月工资。不满一年的按一年算。补偿不计个税。"
    article = hit(law, "第八条", text)
    first, second, third = (s + "。" for s in text.split("。")[:3])
    scored = [evidence(article, first, 0.8), evidence(article, third, 0.2)]
    assert [e.text for e in whole_articles(scored[:1], scored, scored)] == [first, second, third]
    # A sentence scored and then set aside (another level's line) stays out.
    set_aside = [*scored, evidence(article, second, 0.1)]
    assert [e.text for e in whole_articles(scored[:1], scored, set_aside)] == [first, third]


def test_a_notice_item_or_a_long_article_keeps_only_its_chosen_sentences():
    notice = meta("notice", JIANGSU)
    item = hit(notice, "（三）", "对技师给予奖励。对高级技师给予更高奖励。")
    ranked = [evidence(item, "对技师给予奖励。", 0.8), evidence(item, "对高级技师给予更高奖励。", 0.2)]
    assert whole_articles(ranked[:1], ranked, ranked) == ranked[:1]
    long_text = "第九条 " + "用人单位应当依法支付劳动报酬。" * 30
    long_article = hit(meta("law", JIANGSU), "第九条", long_text)
    chosen = [evidence(long_article, "第九条 用人单位应当依法支付劳动报酬。", 0.9)]
    rest = [evidence(long_article, "用人单位应当依法支付劳动报酬。", 0.1)]
    assert whole_articles(chosen, chosen + rest, chosen + rest) == chosen


def test_a_level_asked_keeps_its_own_amount_and_leaves_other_levels_out():
    notice = meta("subsidy", CHANGZHOU)

    def item(marker: str, text: str, probability: float):
        return evidence(hit(notice, marker, text), text, probability)

    senior = item("1.", "取得高级工证书的，补贴2000元。", 0.6)
    master = item("2.", "取得技师证书的，补贴3000元。", 0.8)
    general = item("3.", "补贴直接发放到个人账户。", 0.5)
    ranged = item("4.", "取得高级工以上证书的，优先推荐参评。", 0.3)
    assert same_level([master, senior, general, ranged], "技师") == [master, general, ranged]
    # No line names 高级技师: another level's amount is still not its amount.
    assert same_level([senior, general], "高级技师") == [general]
    assert same_level([master, senior], None) == [master, senior]


def test_a_cover_letter_that_only_sends_the_document_on_is_not_an_answer():
    notice = meta("subsidy", CHANGZHOU)
    letter = "关于印发《补贴办法》的通知\n现将《补贴办法》印发给你们，请认真贯彻执行。"
    cover = hit(notice, "notice", letter).model_copy(deep=True)
    cover.clause.kind = "notice"
    sending = evidence(cover, "现将《补贴办法》印发给你们，请认真贯彻执行。", 0.9)
    title = evidence(cover, "关于印发《补贴办法》的通知", 0.8)
    rule_text = "劳动者通过公众号提交申请。"
    applying = evidence(hit(notice, "三、", rule_text), rule_text, 0.4)
    assert transmits(sending) and transmits(title) and not transmits(applying)
    chosen = pick_for_part([sending, title, applying], SelectionRule(), answer_kind("补贴怎么申请？"))
    assert chosen == [applying]


def test_a_measure_in_a_table_and_again_in_a_list_is_stated_once():
    table = hit(CITY, "att.r8", "主要措施：建立创客学院和工匠学院。")
    listed = hit(CITY, "2.8", "工作措施：（2）建立创客学院和工匠学院。")
    ranked = [
        evidence(table, "主要措施：建立创客学院和工匠学院。", 0.9),
        evidence(listed, "工作措施：（2）建立创客学院和工匠学院。", 0.85),
    ]
    chosen = pick_for_part(ranked, RULE, answer_kind("工匠学院怎么建设？"))
    assert [e.clause_id for e in chosen] == ["changzhou:att.r8"]


def test_a_law_sentence_is_quoted_whole_where_a_notice_sentence_is_cut_to_its_answer():
    sentence = (
        "为保障职工合法权益，根据国家和省有关规定，结合本地实际，用人单位拖欠工伤保险费的，"
        "自欠缴之日起，按日加收千分之二的滞纳金。"
    )
    kind, terms = answer_kind("拖欠工伤保险费每天加收百分之几？"), {"滞纳金": 1.0}
    law = evidence(hit(meta("law", JIANGSU), "第二十条", sentence), sentence, 0.9)
    notice = evidence(hit(meta("notice", JIANGSU), "（二）", sentence), sentence, 0.9)
    assert quoted(law, kind, terms) == sentence, "the condition and the rule are one statement"
    assert quoted(notice, kind, terms) == "按日加收千分之二的滞纳金。"


def test_the_header_title_line_is_no_answer_to_who_issued_it_but_a_period_may_be_in_it():
    card = hit(PROVINCE, "header", "《jiangsu方案》；发文机关：江苏省人民政府办公厅；")
    card = card.model_copy(update={"clause": card.clause.model_copy(update={"kind": "header"})})
    ranked = [
        evidence(card, "《jiangsu方案》；", 0.6),
        evidence(card, "发文机关：江苏省人民政府办公厅；", 0.5),
    ]
    assert [e.text for e in pick_for_part(ranked, RULE, answer_kind("这个文件是哪个部门发的？"))] == [
        "发文机关：江苏省人民政府办公厅；"
    ]
    assert pick_for_part(ranked, RULE, answer_kind("这个方案管到哪一年？"))[0].text == "《jiangsu方案》；"


def test_the_line_naming_the_askers_own_trade_joins_the_eligibility_picks():
    from assistant.answer.select import on_focus

    plan = meta("jiangsu-plan", JIANGSU)
    general = evidence(
        hit(plan, "r9a", "面向农民工分类组织开展就业技能培训。"), "面向农民工分类组织开展就业技能培训。", 0.52
    )
    trade = "对建筑业从业人员，重点提升一线岗位实操技能。"
    building = evidence(hit(plan, "r9b", trade), trade, 0.30, focus=0.78)
    unsupported = evidence(hit(plan, "r9c", trade), trade, 0.01, focus=0.78)
    rule = SelectionRule(refuse_below=0.05)
    assert on_focus([general, building], [general], rule) == [building]
    assert on_focus([general, building], [general, building], rule) == []  # already picked
    assert on_focus([general, unsupported], [general], rule) == []  # too weak to be said


def test_a_phone_asked_is_the_supported_sentence_holding_one_when_the_best_ones_hold_none():
    from assistant.answer.extractive import _holding_the_name
    from assistant.answer.features import PartSignals

    doc = meta("zhenjiang-rules", JIANGSU)
    cover = evidence(
        hit(doc, "notice", "现将本办法印发给你们，请遵照执行。"), "现将本办法印发给你们，请遵照执行。", 0.4
    )
    phone = evidence(
        hit(doc, "a6", "第六条 政策咨询电话：0511-85021234。"), "第六条 政策咨询电话：0511-85021234。", 0.06
    )
    signals = PartSignals(
        kind=answer_kind("咨询电话多少？"), own_terms={}, all_terms={}, focus_terms={},
        vector=None, question_vector=None, years=(), groups=(),
    )  # fmt: skip
    rule = SelectionRule(refuse_below=0.05)
    assert _holding_the_name([cover], [cover, phone], signals, rule) == [phone]
    assert _holding_the_name([cover], [cover], signals, rule) == []  # none holds one: not stated


def test_a_cover_letter_answers_about_the_document_only_when_it_holds_what_is_asked():
    notice = meta("allowance", CHANGZHOU)
    cover = hit(notice, "notice", "关于印发《津贴办法》的通知\n现将《津贴办法》印发给你们，请遵照执行。")
    cover = cover.model_copy(deep=True)
    cover.clause.kind = "notice"
    sending = evidence(cover, "现将《津贴办法》印发给你们，请遵照执行。", 0.9)
    lasting = evidence(
        hit(notice, "第三条", "津贴按月发放，最长发放24个月。"), "津贴按月发放，最长发放24个月。", 0.5
    )
    chosen = pick_for_part([sending, lasting], SelectionRule(), answer_kind("津贴最多能领多久？"))
    assert chosen == [lasting]


def test_the_line_naming_who_carries_a_measure_out_answers_only_who():
    text = "开展家政、养老护理等技能培训。\n责任单位：市人社局、市民政局。"
    clause = hit(PROVINCE, "附件1第3项", text)
    duty = evidence(clause, "责任单位：市人社局、市民政局。", 0.9)
    measure = evidence(clause, "开展家政、养老护理等技能培训。", 0.6)
    assert pick_for_part([duty, measure], RULE, answer_kind("重点开展哪些培训？")) == [measure]
    assert duty in pick_for_part([duty, measure], RULE, answer_kind("这项工作由哪个部门负责？"))


def test_whom_a_notice_is_sent_to_is_no_answer_wherever_it_was_put():
    notice = meta("subsidy", CHANGZHOU)
    line = "各县（市、区）人力资源和社会保障局，市开发区社会事业局，各有关单位"
    addressees = evidence(hit(notice, "preamble", line + "：\n现就有关工作通知如下。"), line, 0.9)
    assert transmits(addressees)
    assert not transmits(evidence(hit(notice, "1", "各地要加强培训。"), "各地要加强培训。", 0.5))


def test_a_figure_about_something_else_does_not_answer_a_part_asking_a_figure():
    from assistant.answer.extractive import states_figure

    rule = SelectionRule()
    item = hit(meta("plan", JIANGSU), "1", "力争技能人才占就业人员比例达到35%以上。")
    share = evidence(item, "力争技能人才占就业人员比例达到35%以上。", 0.9)
    percent = answer_kind("贴息比例是多少？")
    asked_subsidy = {"贴息": ("贴息",), "比例": ("比例",)}
    asked_share = {"技能人才": ("技能人才",), "比例": ("比例",)}
    assert not states_figure(share, percent, rule, best=True, focus=asked_subsidy)
    assert states_figure(share, percent, rule, best=True, focus=asked_share)


def test_a_national_laws_article_weighs_less_beside_a_notice_of_the_place_asked():
    import datetime as dt

    from assistant.answer.base import AnswerContext
    from assistant.answer.extractive import NATIONAL_LAW_BESIDE_LOCAL, _local_rules_first
    from assistant.models import Jurisdiction, QueryInfo

    law = meta("education-law", Jurisdiction.national(), adopted_on=dt.date(2022, 4, 20))
    notice = meta("changzhou-plan", CHANGZHOU, doc_number="常人社发〔2025〕1号")
    article = evidence(
        hit(law, "第五十一条", "经考核合格的，取得相应的职业资格证书。"),
        "经考核合格的，取得相应的职业资格证书。",
        0.6,
    )
    local = evidence(
        hit(notice, "3", "每年培养乡土人才取得职业技能等级证书500人。"),
        "每年培养乡土人才取得职业技能等级证书500人。",
        0.4,
    )

    def ranked(places: list[Jurisdiction]) -> list:
        query = QueryInfo(text="q", normalised="q", places=places)
        context = AnswerContext(question="q", resolved="q", query=query, hits=[], today=dt.date(2026, 6, 1))
        return _local_rules_first([article, local], context)

    weighed = ranked([CHANGZHOU])
    assert weighed[0] is local and weighed[1].probability == 0.6 * NATIONAL_LAW_BESIDE_LOCAL
    # No place asked: the law's article keeps its weight and its rank.
    assert ranked([])[0] is article


def test_a_total_over_years_is_quoted_with_its_years():
    kind = answer_kind("每年要培训多少人次？")
    lead = "为加快建设技能强市，围绕全市重点产业链和新兴产业发展需要，坚持需求导向和就业导向，"
    total = lead + "从2026年到2028年底，开展补贴性培训30万人次以上，新增高技能人才5万人以上。"
    assert trim(total, kind, {}).startswith("从2026年到2028年底")
    yearly = lead + "在三年行动期间，每年开展补贴性培训10万人次以上，新增高技能人才2万人以上。"
    assert trim(yearly, kind, {}).startswith("每年开展")
