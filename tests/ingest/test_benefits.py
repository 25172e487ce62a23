"""The benefit catalogue on notices of our own (a province, a city, a national one and an
expired one, none of them the project's sources): what each grants, to whom, where, and
whether it is still in force."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.ingest.benefits import (
    BenefitCatalog,
    benefit_kind,
    build_catalog,
    grants_kind,
    grants_to_someone,
)
from assistant.jurisdiction import place_named
from assistant.models import Document
from assistant.question.understand import levels_in
from tests.ingest.benefit_notices import notices

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def library() -> dict[str, Document]:
    return notices()


@pytest.fixture(scope="module")
def catalog(library: dict[str, Document]) -> BenefitCatalog:
    documents = {d.meta.doc_id: d.meta for d in library.values()}
    return build_catalog(documents, [c for d in library.values() for c in d.clauses])


def texts(benefits) -> list[str]:
    return [b.text for b in benefits]


def test_a_veteran_in_a_city_gets_the_citys_and_the_provinces_benefits(catalog):
    found = catalog.for_asker(["退役军人"], place_named("杭州"))
    joined = "".join(texts(found))
    assert "最高30万元" in joined  # the city's loan
    assert "每人2000元培训补贴" in joined  # the province's subsidy
    assert "1500元" not in joined  # Guangdong's, which does not apply in Hangzhou
    assert "残疾人" not in joined  # another group's benefits are never a veteran's


def test_each_benefit_carries_its_kind_amount_and_levels(catalog):
    loan = next(b for b in catalog.benefits if "创业担保贷款" in b.text)
    assert loan.kind == "loan" and loan.amount == "最高30万元"  # the cap is part of the amount
    assert loan.jurisdiction == place_named("杭州")
    subsidy = next(b for b in catalog.benefits if "2000元" in b.text)
    assert subsidy.kind == "money" and subsidy.groups == ("退役军人",) and subsidy.concreteness == 3
    priority = next(b for b in catalog.benefits if "优先推荐" in b.text)
    assert priority.kind == "priority" and priority.levels == ("高级工",)
    national = next(b for b in catalog.benefits if "3000元" in b.text)
    assert national.levels == ("技师",) and national.covers(place_named("杭州"))


def test_an_expired_notice_is_recorded_with_its_status(catalog):
    old = next(b for b in catalog.benefits if "1500元" in b.text)
    assert not old.in_force(TODAY)
    assert old.groups == ("退役军人",)
    assert all(b.in_force(TODAY) for b in catalog.benefits if b.doc_id != old.doc_id)


def test_a_disabled_asker_gets_the_national_benefit_and_the_provinces_training(catalog):
    found = catalog.for_asker(["残疾人"], place_named("宁波"))
    joined = "".join(texts(found))
    assert "3000元" in joined and "盲人按摩" in joined
    assert "退役军人" not in joined and "最高30万元" not in joined  # Hangzhou's does not reach Ningbo


def test_targets_duties_and_promises_are_not_benefits(catalog):
    joined = "".join(texts(catalog.benefits))
    assert "30万人次" not in joined  # a target
    assert "责任单位" not in joined  # who does the work
    # A promise of measures to come is no concrete benefit: left out, or last.
    assert all(b.concreteness == 0 for b in catalog.benefits if "研究制定" in b.text)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("对符合条件的返乡创业农民工，给予一次性创业补贴5000元。", "money"),
        ("小微企业吸纳高校毕业生的，可申请创业担保贷款贴息。", "loan"),
        ("对考核优秀的公共实训基地，给予支持资金。", "money"),  # money without the word 补贴
        ("对获得省技术能手称号的，授予省五一劳动奖章。", "title"),
        ("面向新就业形态劳动者，重点开展网约配送、直播销售等技能培训。", "training"),
        ("为脱贫人口提供免费职业指导和岗位推荐服务。", "training"),
        ("各级人社部门要加强组织领导，压实工作责任。", None),
        ("力争每年新增高技能人才5000人以上。", None),
    ],
)
def test_what_a_sentence_grants(sentence, kind):
    assert benefit_kind(sentence) == kind


def test_a_senior_technician_is_not_also_a_technician():
    assert levels_in("取得高级技师职业资格的，按规定给予补贴") == ["高级技师"]
    assert levels_in("技师和高级工") == ["技师", "高级工"]


def test_a_sanction_names_money_taken_back_not_money_anyone_gets():
    sanction = "对弄虚作假、骗取培训补贴的机构，追回已拨付的补贴资金并取消其定点培训资格。"
    assert benefit_kind(sanction) is None and not grants_kind(sanction, {"money"})
    assert benefit_kind("培训合格的，给予每人800元培训补贴。") == "money"


def test_a_rule_leaving_people_out_grants_nothing():
    assert benefit_kind("已在其他城市领取人才生活补助的，不再享受本办法生活补助。") is None
    assert benefit_kind("机关事业单位在编人员不适用本办法，不享受本办法补贴。") is None
    assert benefit_kind("取得技师证书的，每人每月发放生活补助700元。") == "money"


def test_a_grant_to_those_it_names_is_told_from_talk_of_rewards():
    assert grants_to_someone("对在技能比武中获得前三名的职工，按规定晋升一级职业技能等级。")
    assert grants_to_someone("为新招用的高校毕业生发放一次性就业补贴。")
    assert not grants_to_someone("进一步完善竞赛组织形式、办赛规模和奖励措施。")
    assert not grants_to_someone("对获奖选手的事迹进行宣传报道。")


def catalog_of(file_name: str, text: str) -> BenefitCatalog:
    """The benefit catalogue of one notice of our own, given as text."""
    from assistant.ingest.corpus import build_document

    document = build_document(file_name, text, None)
    return build_catalog({document.meta.doc_id: document.meta}, document.clauses)


def test_amounts_after_a_grant_in_one_clause_are_that_grants_for_their_levels():
    text = (
        "绍兴市技能人才交通补贴办法\n"
        "第三条 交通补贴标准：取得中级工证书的，每人每月100元；取得高级工证书的，每人每月200元；"
        "取得技师证书的，每人每月300元。\n"
        "绍兴市人力资源和社会保障局\n2026年1月5日\n"
    )
    by_level = {b.levels: b for b in catalog_of("shaoxing.txt", text).benefits if b.levels}
    assert set(by_level) == {("中级工",), ("高级工",), ("技师",)}
    assert all(b.kind == "money" and b.amount for b in by_level.values())


def test_the_items_of_a_list_leaving_people_out_grant_nothing():
    text = (
        "丽水市技能人才生活补贴办法\n"
        "第三条 生活补贴标准为技师每人每月300元。\n"
        "第四条 下列人员不列入生活补贴发放范围：\n"
        "（一）已享受市级其他人才生活补贴的人员；\n（二）在校学生。\n"
        "第五条 有下列情形之一的，自次月起停止发放：\n（一）享受其他人才补贴的；\n（二）离开本市的。\n"
        "丽水市人力资源和社会保障局\n2026年1月5日\n"
    )
    granted = [b.text for b in catalog_of("lishui.txt", text).benefits]
    assert granted == ["第三条 生活补贴标准为技师每人每月300元。"]
