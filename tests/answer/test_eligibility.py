"""Eligibility answers from the benefit catalogue, on four notices of our own (a province,
its city, a national one and an expired one): what the asker reads, and what it cites."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from assistant import present
from assistant.answer import eligibility
from assistant.answer.base import AnswerContext
from assistant.answer.compose import Composer
from assistant.answer.validate import to_citations
from assistant.ingest.corpus import build_document
from assistant.models import Retrieved
from assistant.question.answer_type import answer_kind
from assistant.question.understand import understand
from assistant.store.types import Catalog, ordered_catalog
from tests.answer.evidence_fixtures import evidence
from tests.ingest.benefit_notices import notices

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def library() -> Catalog:
    docs = notices()
    return ordered_catalog(
        {d.meta.doc_id: d.meta for d in docs.values()}, [c for d in docs.values() for c in d.clauses]
    )


def hit_of(library: Catalog, fragment: str) -> Retrieved:
    clause = next(c for c in library.clauses if fragment in c.text)
    doc = library.documents[clause.doc_id]
    return Retrieved(clause=clause, doc=doc, score=1.0, expired=doc.expired(TODAY), applies=True)


def ask(library: Catalog, question: str, picks: list[tuple[str, float]]):
    """The answer when the evidence model picked these sentences (fragment, probability)."""
    hits = [hit_of(library, fragment) for fragment, _ in picks]
    picked = [
        evidence(h, next(s for s in h.clause.text.split("。") if f in s) + "。", p)
        for h, (f, p) in zip(hits, picks, strict=True)
    ]
    context = AnswerContext(
        question=question, resolved=question, query=understand(question), hits=hits, today=TODAY
    )
    chosen = eligibility.choose(context, picked, picked, library)
    return eligibility.answer(Composer(context), chosen), chosen


def test_a_veteran_hears_the_citys_and_the_provinces_benefits_never_another_groups(library):
    # Retrieval liked the disabled workers' training best: it is not a veteran's.
    draft, chosen = ask(library, "我是杭州的退役军人，能享受什么？", [("盲人按摩", 0.9)])
    assert "盲人按摩" not in draft.text
    assert "最高30万元" in draft.text and "每人2000元培训补贴" in draft.text  # amounts first
    assert "学费资助" in draft.text  # the national notice covers Hangzhou too
    assert draft.text.index("【杭州市】") < draft.text.index("【浙江省】") < draft.text.index("【全国】")
    assert "1500元" not in draft.text  # Guangdong's notice does not apply in Hangzhou
    assert len(chosen) <= eligibility.MAX_BENEFITS
    assert {c.n for c in draft.cited} == {1, 2, 3} and "[3]" in draft.text  # one per level


def test_an_expired_notice_comes_after_those_in_force_and_is_flagged(library):
    draft, _ = ask(library, "我是广州的退役军人，有什么政策？", [])
    lines = draft.text.split("\n")
    assert lines[0].startswith("【全国】") and "学费资助" in lines[0]
    assert lines[1].startswith("【广东省】") and "已过期" in lines[1] and "1500元" in lines[1]
    assert len(lines) == 2 and draft.text.count("已过期") == 1  # said on its line, not again below
    shown, boxes = present.shown_answer(draft.text, to_citations(draft, draft.read)[0], draft.warnings)
    assert shown.count("已过期") == 1 and boxes == []  # nor in a warning box


def test_a_question_naming_a_kind_of_benefit_gets_that_kind(library):
    draft, _ = ask(library, "我是杭州的退役军人，有什么贷款？", [])
    assert "创业担保贷款" in draft.text
    assert "2000元" not in draft.text and "优先推荐" not in draft.text


def test_a_concrete_benefit_comes_before_a_promise_of_measures(library):
    draft, _ = ask(library, "我是杭州的退役军人，能享受什么？", [("研究制定", 0.95)])
    assert "研究制定" not in draft.text
    assert "最高30万元" in draft.text


def test_a_disabled_asker_is_not_given_the_veterans_benefits(library):
    draft, _ = ask(library, "我是宁波的残疾人，能享受什么补贴？", [("2000元", 0.9), ("最高30万元", 0.8)])
    assert "3000元" in draft.text
    assert "退役军人" not in draft.text and "2000元" not in draft.text


def test_nothing_for_the_askers_group_where_they_are_is_said_plainly(library):
    question = "我是广州的高校毕业生，能享受什么？"
    context = AnswerContext(
        question=question, resolved=question, query=understand(question), hits=[], today=TODAY
    )
    picked = [
        evidence(hit_of(library, "1500元"), "退役军人参加职业技能培训的，给予每人1500元培训补贴。", 0.9)
    ]
    assert (
        eligibility.choose(context, picked, picked, library) == []
    )  # Zhejiang's 见习补贴 is not Guangzhou's
    draft = eligibility.none_for(Composer(context), context)
    assert not draft.answerable and draft.cited == []
    assert "没有写明针对高校毕业生的具体待遇" in draft.text and "12333" in draft.text


UNPLACED = """关于做好职业技能等级证书补贴申领工作的通知
各有关单位：
一、补贴标准
取得中级工证书的，每人补贴1200元；取得高级工证书的，每人补贴1800元。
二、其他
各单位要研究制定配套措施。
市人力资源和社会保障局
2026年2月10日
"""


def test_a_benefit_the_catalogue_adds_is_cited_like_a_retrieved_one(library):
    # Retrieval found only the city's notice; the province's 2000元 comes from the catalogue.
    draft, _ = ask(library, "我是杭州的退役军人，能享受什么？", [("最高30万元", 0.9)])
    assert "每人2000元培训补贴" in draft.text
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", draft.text)}
    assert marks == {span.n for span in draft.cited}
    read = {hit.clause.clause_id for hit in draft.read}
    retrieved = {hit_of(library, "最高30万元").clause.clause_id}
    assert {span.clause_id for span in draft.cited} <= read | retrieved
    assert any("2000元" in hit.clause.text for hit in draft.read)


def test_a_notice_naming_no_place_is_not_labelled_other_and_a_yes_no_question_gets_its_verdict():
    doc = build_document("upload.txt", UNPLACED, None)
    alone = ordered_catalog({doc.meta.doc_id: doc.meta}, doc.clauses)
    assert doc.meta.jurisdiction is None
    question = "我是高级工，能领证书补贴吗？"
    draft, chosen = ask(alone, question, [("1800元", 0.9)])
    assert "其他" not in draft.text and draft.text.startswith(doc.meta.short_title)
    assert "1800元" in draft.text  # the amount for the asker's level is said
    assert eligibility.verdict(answer_kind(question), question, chosen) == "可以。"


def test_no_verdict_when_the_only_benefit_is_a_promise_of_measures(library):
    question = "我是杭州的退役军人，有没有别的支持？"
    hit = hit_of(library, "研究制定")
    picked = [evidence(hit, "对退役军人的其他支持政策，由各市结合实际研究制定。", 0.9)]
    context = AnswerContext(
        question=question, resolved=question, query=understand(question), hits=[hit], today=TODAY
    )
    chosen = eligibility.choose(context, picked, picked, None)  # no catalogue: the promise alone
    assert [g.concreteness for g in chosen] == [0]
    assert eligibility.verdict(answer_kind(question), question, chosen) == ""


def test_yes_needs_a_line_that_grants_the_thing_asked_for_by_its_name_or_a_synonym():
    from assistant.answer.eligibility import grants_asked

    question = "技能大师工作室有补助吗？"
    assert not grants_asked("完善高技能人才表彰奖励体系，提高入选比例。", question)
    assert grants_asked("对新建的技能大师工作室给予一次性补贴10万元。", question)  # 补助 is said 补贴
    # …and the other way round: a 补贴 asked is granted by a 补助.
    assert grants_asked("参加培训期间，每人每天发放生活补助30元。", "退役军人参加培训有补贴吗？")
    assert grants_asked("将技术能手奖励资金调高至1万元。", "技术能手有奖金吗？")
    # A target of subsidised training to run grants nobody a subsidy.
    assert not grants_asked("到2027年底开展补贴性培训200万人次以上。", "考了证书有补贴吗？")


def test_a_sentence_for_every_worker_is_the_askers_whatever_its_heading_names():
    from tests.answer.evidence_fixtures import JIANGSU, hit, meta

    doc = meta("jiangsu-skills", JIANGSU)
    question = "我是常州的企业职工，参加培训有补贴吗？"
    context = AnswerContext(
        question=question,
        resolved=question,
        query=understand(question),
        hits=[],
        today=dt.date(2026, 6, 1),
    )
    under_heading = hit(doc, "2.7", "鼓励劳动者参加企业培训中心组织的职业技能培训，按规定给予职业培训补贴。")
    under_heading.clause.headings = ["加大高技能人才培育力度"]
    said = "鼓励劳动者参加企业培训中心组织的职业技能培训，按规定给予职业培训补贴。"
    assert eligibility.theirs(evidence(under_heading, said, 0.6), context)
    # A sentence naming nobody under that heading is the heading's group's, not a worker's.
    quiet = "组织高级技师研修，造就一批拔尖技能人才。"
    assert not eligibility.theirs(evidence(under_heading, quiet, 0.6), context)


def test_when_nothing_is_sure_the_best_line_of_an_expired_plan_is_joined_by_one_in_force():
    from assistant.models import Jurisdiction
    from tests.answer.evidence_fixtures import JIANGSU, hit, meta

    suqian = Jurisdiction(province="江苏省", city="宿迁市")
    expired = meta("city-plan", suqian, valid_to=dt.date(2024, 12, 31))
    current = meta("province-measures", JIANGSU)
    question = "我是企业职工，参加企业培训中心的培训有补贴吗？"
    old = evidence(hit(expired, "4.2", "鼓励企业设立职工培训中心。"), "鼓励企业设立职工培训中心。", 0.3)
    granting = "鼓励劳动者参加企业培训中心组织的职业技能培训，按规定给予职业培训补贴。"
    new = evidence(hit(current, "2.7", granting), granting, 0.2)
    context = AnswerContext(
        question=question, resolved=question, query=understand(question), hits=[], today=TODAY
    )
    assert eligibility.best_supported([old, new], context, floor=0.1) == [old, new]
    assert eligibility.best_supported([new, old], context, floor=0.1) == [new]  # in force already
    assert eligibility.best_supported([old, new], context, floor=0.25) == [old]  # too unsure


def test_an_entry_of_a_list_of_those_left_out_is_no_benefit_and_a_span_is_nobody():
    from assistant.answer.exclusion import excluded
    from tests.answer.evidence_fixtures import JIANGSU, hit, meta

    notice = meta("skills-subsidy", JIANGSU, doc_number="某人社发〔2026〕1号")
    text = "（三）下列人员不属于本次补贴范围：机关事业单位在编人员；同一年度已在其他地区领取补贴的人员。"
    entry = evidence(hit(notice, "1.3", text), "同一年度已在其他地区领取补贴的人员", 0.6)
    question = "我是灵活就业人员，社保交满一年了，能领补贴不？"
    context = AnswerContext(
        question=question, resolved=question, query=understand(question), hits=[], today=TODAY
    )
    assert eligibility.choose(context, [entry], [entry], None) == []
    # "一年" is how long, not who: the entry about 同一年度 does not leave this asker out.
    assert excluded(question, [entry], None, TODAY) is None


def test_what_must_exist_is_what_the_asking_clause_names_not_the_situation_told():
    from assistant.answer.eligibility import verdict_kinds

    assert verdict_kinds("我是退伍的，能参加培训，有补贴不") == {"money"}
    assert "training" in verdict_kinds("有培训吗")
