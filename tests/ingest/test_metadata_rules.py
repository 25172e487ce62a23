"""Metadata rules on small notices of their own: validity stated in the text, joint and
central issuers, jurisdiction never read from the addressee line, 文号 in the header block."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.ingest.header import split_issuers
from assistant.ingest.metadata import PageMeta, extract_metadata
from assistant.ingest.normalise import normalise_document
from assistant.ingest.validity import repeals
from assistant.jurisdiction import is_national_issuer, issuer_jurisdiction


def _meta(text: str, page: PageMeta | None = None):
    norm = normalise_document(text)
    return extract_metadata(norm.lines, "sample.txt", None, page=page, raw_lines=norm.raw_lines).meta


_BODY = "一、补贴标准\n取得高级工证书的，每人补贴2000元。\n二、其他\n{clause}\n"


@pytest.mark.parametrize(
    ("clause", "issued", "period"),
    [
        ("本办法自2023年6月1日起施行，有效期5年。", "2023年5月10日", ("2023-06-01", "2028-05-31")),
        ("本通知自印发之日起施行，有效期至2026年12月31日。", "2024年3月15日", ("2024-03-15", "2026-12-31")),
        ("本办法自发布之日起施行，有效期三年。", "2024年2月29日", ("2024-02-29", "2027-02-27")),
        ("有效期为2022年1月1日至2024年12月31日。", "2021年12月20日", ("2022-01-01", "2024-12-31")),
        ("失效日期：2025-06-30", "2024年7月1日", ("2024-07-01", "2025-06-30")),
    ],
)
def test_a_period_the_text_states_is_read_from_it(clause: str, issued: str, period: tuple[str, str]) -> None:
    issuer = "江苏省人力资源和社会保障厅"
    text = f"{issuer}\n苏人社规〔2024〕1号\n关于做好补贴工作的通知\n{issuer}\n{issued}\n"
    meta = _meta(text + _BODY.format(clause=clause))
    assert (meta.valid_from.isoformat(), meta.valid_to.isoformat()) == period
    assert meta.field_sources["valid_to"] == "text"


def test_an_application_window_is_not_a_validity_period() -> None:
    meta = _meta(
        "佛山市申报指南\n1、申报时间\n2024年6月1日至2024年6月30日。\n佛山市人力资源和社会保障局\n2024年5月20日\n"
    )
    assert (meta.date, meta.valid_to) == (dt.date(2024, 5, 20), None)


def test_a_notice_that_repeals_another_names_it() -> None:
    titles, numbers = repeals(
        ["本办法自2023年6月1日起施行。《广东省职业技能鉴定管理办法》（粤人社规〔2018〕3号）同时废止。"],
        "广东省职业技能等级认定管理办法",
    )
    assert (titles, numbers) == (["广东省职业技能鉴定管理办法"], ["粤人社规〔2018〕3号"])
    assert repeals(["根据《职业技能等级认定工作规程》制定本办法。"], "某办法") == ([], [])


@pytest.mark.parametrize(
    ("signature", "issuers"),
    [
        ("人力资源社会保障部　　　财政部", ["人力资源社会保障部", "财政部"]),
        ("浙江省人力资源和社会保障厅浙江省财政厅", ["浙江省人力资源和社会保障厅", "浙江省财政厅"]),
        ("中共中央办公厅国务院办公厅", ["中共中央办公厅", "国务院办公厅"]),
        ("江苏省人民政府办公厅", ["江苏省人民政府办公厅"]),  # 政府 then 办公厅: one body
        ("各县（区）人力资源和社会保障局：", []),
    ],
)
def test_a_signature_names_each_issuing_body(signature: str, issuers: list[str]) -> None:
    cleaned = normalise_document(signature).lines[0].text
    assert split_issuers(cleaned, signature) == issuers


@pytest.mark.parametrize(
    ("issuer", "label"),
    [
        ("人力资源社会保障部办公厅", "全国"),
        ("国务院办公厅", "全国"),
        ("国家发展改革委", "全国"),
        ("江苏省宿迁市人力资源和社会保障局", "江苏省 › 宿迁市"),
        ("新疆生产建设兵团人力资源社会保障局", "新疆维吾尔自治区"),
    ],
)
def test_an_issuer_says_where_its_notices_apply(issuer: str, label: str) -> None:
    assert issuer_jurisdiction(issuer).label == label


def test_a_local_body_without_a_place_is_not_central() -> None:
    assert not is_national_issuer("省人力资源社会保障厅")
    assert not is_national_issuer("市委组织部")
    assert issuer_jurisdiction("市委组织部") is None


def test_the_addressee_line_never_places_a_notice() -> None:
    meta = _meta(
        "关于做好技工院校招生工作的通知\n各省、自治区、直辖市及新疆生产建设兵团人力资源社会保障厅（局）：\n"
        "一、扩大招生\n支持新疆、西藏等地区技工院校招生，新疆生源比例不低于60%。\n"
    )
    assert (meta.jurisdiction.label, meta.field_sources["jurisdiction"]) == ("全国", "derived")


def test_a_joint_title_gives_issuers_and_a_clean_title() -> None:
    meta = _meta(
        "人力资源社会保障部 财政部关于实施职业培训补贴行动的通知（人社部发〔2024〕18号）\n"
        "各省人力资源社会保障厅：\n一、补贴对象\n农民工、高校毕业生。\n"
    )
    assert (meta.title, meta.issuers, meta.doc_number) == (
        "关于实施职业培训补贴行动的通知",
        ["人力资源社会保障部", "财政部"],
        "人社部发〔2024〕18号",
    )
    assert meta.jurisdiction.label == "全国"


def test_a_number_beside_a_signing_line_in_the_header_block_is_found() -> None:
    meta = _meta(
        "广州市人力资源和社会保障局文件\n穗人社规字〔2024〕2号　签发人：李明\n"
        "关于补贴申领的通知\n一、对象\n企业职工。\n"
    )
    assert meta.doc_number == "穗人社规字〔2024〕2号"


def test_the_closing_signature_gives_the_date_and_issuer() -> None:
    meta = _meta(
        "关于补贴申领的通知\n一、对象\n企业职工。\n广州市人力资源和社会保障局\n2024年3月29日\n（此件主动公开）\n"
    )
    assert (meta.issuer, meta.date, meta.field_sources["date"]) == (
        "广州市人力资源和社会保障局",
        dt.date(2024, 3, 29),
        "text",
    )


def test_a_web_pages_own_metadata_fills_what_the_text_does_not_say() -> None:
    page = PageMeta(
        title="关于补贴申领的通知_通知公告_广州市人力资源和社会保障局网站",
        published="2024-04-02 09:30",
        source="广州市人力资源和社会保障局",
    )
    meta = _meta("各区人力资源和社会保障局：\n现就补贴申领有关事项通知如下。\n一、对象\n企业职工。\n", page)
    assert (meta.title, meta.date, meta.issuer) == (
        "关于补贴申领的通知",
        dt.date(2024, 4, 2),
        "广州市人力资源和社会保障局",
    )
    assert {meta.field_sources[k] for k in ("title", "date", "issuer")} == {"page"}
    assert meta.jurisdiction.label == "广东省 › 广州市"
