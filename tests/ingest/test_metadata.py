"""Metadata a hotline worker reads out: title, 文号, issuer, date, region and period."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.ingest.metadata import extract_metadata
from assistant.ingest.normalise import normalise_document

EXPECTED = {
    "000": {
        "title": "“技能宿迁”行动（2022—2024年）实施方案",
        "doc_number": "宿人社发〔2022〕8号",
        "issuer": "宿迁市人力资源和社会保障局",
        "date": dt.date(2022, 3, 25),
    },
    "001": {
        "title": "关于深化“江苏工匠”培育工程加强高技能人才队伍建设的若干措施",
        "doc_number": "苏政办发〔2024〕37号",
        "issuer": "江苏省人民政府办公厅",
        "date": dt.date(2024, 12, 20),
    },
    "002": {
        "title": "打造技能人才与产业发展深度融合示范城市工作方案",
        "doc_number": "锡人社办〔2021〕12号",
        "issuer": "无锡市人力资源和社会保障局",
        "date": dt.date(2021, 3, 4),
    },
    "003": {
        "title": "开展大规模职业技能提升培训的行动方案（2025—2027年）",
        "doc_number": None,
        "issuer": "江苏省人民政府办公厅",
        "date": None,
    },
    "004": {
        "title": "“技能宁夏行动”实施方案",
        "doc_number": "宁人社发〔2021〕151号",
        "issuer": "宁夏回族自治区人力资源和社会保障厅",
        "date": dt.date(2021, 11, 26),
    },
}


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_document_metadata(docs, number: str) -> None:
    meta = docs[number].meta
    got = {key: getattr(meta, key) for key in EXPECTED[number]}
    assert got == EXPECTED[number]


@pytest.mark.parametrize(
    ("number", "sources"),
    [
        ("000", {"title": "text", "doc_number": "text", "issuer": "text", "date": "text"}),
        # A scraped page lost 〕 and 号 (〔202437) and the date's separators (20241220).
        ("001", {"title": "text", "doc_number": "repaired", "issuer": "text", "date": "repaired"}),
        ("002", {"title": "text", "doc_number": "text", "issuer": "text", "date": "text"}),
        # The text names no issuer; the curator's override does, and says so.
        ("003", {"title": "text", "doc_number": "missing", "issuer": "override", "date": "missing"}),
        # 自治区人力资源和社会保障厅 signs the notice; the region comes from the text.
        ("004", {"title": "text", "doc_number": "text", "issuer": "text", "date": "text"}),
    ],
)
def test_each_field_says_where_it_came_from(docs, number: str, sources: dict[str, str]) -> None:
    field_sources = docs[number].meta.field_sources
    assert {key: field_sources[key] for key in sources} == sources


def test_003_reports_its_missing_number_and_date(docs) -> None:
    warnings = docs["003"].warnings
    assert "正文中未找到文号" in warnings
    assert "正文中未找到印发日期" in warnings
    assert not any("未找到发文机关" in w for w in warnings)


@pytest.mark.parametrize(
    ("number", "label", "level"),
    [
        ("000", "江苏省 › 宿迁市", "city"),
        ("001", "江苏省", "province"),
        ("002", "江苏省 › 无锡市", "city"),
        ("003", "江苏省", "province"),
        ("004", "宁夏回族自治区", "province"),
    ],
)
def test_jurisdiction(docs, number: str, label: str, level: str) -> None:
    jurisdiction = docs[number].meta.jurisdiction
    assert (jurisdiction.label, jurisdiction.level) == (label, level)


@pytest.mark.parametrize(
    ("number", "years", "expired_at_end_of_2025"),
    [
        ("000", (2022, 2024), True),  # the title's （2022—2024年）
        # 若干措施 issued 2024-12-20: its "到2035年" is a goal, not an end (the ninth review)
        ("001", (2024, None), False),
        ("002", (2021, 2023), True),  # 2021-2023年 in the targets
        ("003", (2025, 2027), False),  # the title's （2025—2027年）
        ("004", (2021, 2025), False),  # “十四五”期间
    ],
)
def test_validity_period(
    docs, number: str, years: tuple[int, int | None], expired_at_end_of_2025: bool
) -> None:
    meta = docs[number].meta
    assert (meta.valid_from.year, meta.valid_to and meta.valid_to.year) == years
    assert meta.valid_to == (dt.date(years[1], 12, 31) if years[1] else None)
    assert meta.expired(dt.date(2025, 12, 31)) is expired_at_end_of_2025


def test_001_and_004_take_effect_on_their_issue_date(docs) -> None:
    assert docs["001"].meta.valid_from == dt.date(2024, 12, 20)
    assert docs["004"].meta.valid_from == dt.date(2021, 11, 26)


# -- the general rules, on small documents -----------------------------------------------


def _meta(text: str, overrides: dict[str, object] | None = None):
    norm = normalise_document(text)
    return extract_metadata(norm.lines, "sample.txt", overrides)


_NOTICE = (
    "苏州市人力资源和社会保障局\n"
    "{number}\n"
    "关于印发“技能苏州”行动实施方案的通知\n"
    "各市（区）人力资源和社会保障局：\n"
    "根据《人力资源社会保障部关于印发“技能中国行动”实施方案的通知》（人社部发〔2021〕48号）"
    "精神，现将实施方案印发给你们。\n"
    "苏州市人力资源和社会保障局\n"
    "{date}\n"
    "“技能苏州”行动实施方案\n"
    "一、目标任务\n"
    "到2025年，全市新增技能人才5万人。\n"
)


def test_a_number_on_its_own_line_is_the_documents_own() -> None:
    extracted = _meta(_NOTICE.format(number="苏人社发〔2023〕5号", date="2023年2月1日"))
    assert extracted.meta.doc_number == "苏人社发〔2023〕5号"
    assert extracted.meta.field_sources["doc_number"] == "text"


def test_a_number_cited_inside_a_sentence_is_not_taken_as_the_documents_own() -> None:
    extracted = _meta(_NOTICE.format(number="", date="2023年2月1日"))
    assert extracted.meta.doc_number is None
    assert "doc_number" in extracted.missing


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("二〇二一年三月四日", dt.date(2021, 3, 4)),
        ("二0二一年十二月二十五日", dt.date(2021, 12, 25)),  # an ASCII 0 for 〇
        ("2021年3月4日", dt.date(2021, 3, 4)),
        ("2021年3月4日印发", dt.date(2021, 3, 4)),
    ],
)
def test_issue_dates_in_words_and_digits(written: str, date: dt.date) -> None:
    extracted = _meta(_NOTICE.format(number="苏人社发〔2023〕5号", date=written))
    assert extracted.meta.date == date
    assert extracted.meta.field_sources["date"] == "text"
    assert extracted.meta.valid_from == date


def test_an_impossible_date_is_missing_not_invented() -> None:
    extracted = _meta(_NOTICE.format(number="苏人社发〔2023〕5号", date="2023年2月30日"))
    assert extracted.meta.date is None
    assert "date" in extracted.missing


def test_the_signature_above_the_date_is_the_issuer_and_names_the_city() -> None:
    meta = _meta(_NOTICE.format(number="苏人社发〔2023〕5号", date="2023年2月1日")).meta
    assert meta.issuer == "苏州市人力资源和社会保障局"
    assert meta.jurisdiction.label == "江苏省 › 苏州市"
    assert meta.title == "“技能苏州”行动实施方案"


def test_a_regional_issuer_is_qualified_with_its_region() -> None:
    meta = _meta(
        "宁人社发〔2022〕3号\n各市、县（区）人力资源和社会保障局：\n现将方案印发给你们。\n"
        "自治区人力资源和社会保障厅\n2022年1月5日\n宁夏技能提升实施方案\n一、目标\n“十四五”期间，新增技能人才。\n"
    ).meta
    assert meta.issuer == "宁夏回族自治区人力资源和社会保障厅"
    assert (meta.valid_from, meta.valid_to) == (dt.date(2022, 1, 5), dt.date(2025, 12, 31))


def test_an_override_wins_and_is_labelled_override() -> None:
    extracted = _meta(
        _NOTICE.format(number="苏人社发〔2023〕5号", date="2023年2月1日"),
        {"issuer": "江苏省人力资源和社会保障厅", "doc_id": "suzhou-2023"},
    )
    assert extracted.meta.issuer == "江苏省人力资源和社会保障厅"
    assert extracted.meta.doc_id == "suzhou-2023"
    assert extracted.meta.field_sources["issuer"] == "override"
