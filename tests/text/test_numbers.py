"""cn_number on the numeral forms laws and notices write: articles past 100, amounts,
years written digit by digit, financial numerals, and text that is no numeral at all."""

from __future__ import annotations

import pytest

from assistant.ingest.header import parse_date
from assistant.ingest.structure import read_marker
from assistant.text.chinese import cn_number


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("一百", 100),
        ("一百零五", 105),
        ("二百一十二", 212),
        ("一百二十", 120),
        ("两千", 2000),
        ("三千五百", 3500),
        ("1.5万", 15000),
        ("3万元", 30000),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("十三", 13),
        ("〇", 0),
        ("零", 0),
        ("壹贰", 12),
        ("壹佰贰拾", 120),
        ("2022", 2022),
        ("２０２４", 2024),  # full-width digits as typed in some notices
        ("二〇二一", 2021),
        ("二0三五", 2035),  # 000_ writes 二0三五年 with an ASCII zero
        ("二O二一", 2021),  # and others a letter O
    ],
)
def test_written_numerals(written: str, value: int) -> None:
    assert cn_number(written) == value


@pytest.mark.parametrize("text", ["", "百", "abc", "十十", "二十二十", "1.25"])
def test_what_is_not_a_whole_number_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        cn_number(text)


def test_articles_past_one_hundred_keep_their_number() -> None:
    lines = ("第一百条 附则", "第一百零五条 罚则", "第二百一十二条 施行")
    markers = {line: read_marker(line) for line in lines}
    assert {line: (m.family, m.marker, m.number) for line, m in markers.items()} == {
        "第一百条 附则": ("article", "第一百条", 100),
        "第一百零五条 罚则": ("article", "第一百零五条", 105),
        "第二百一十二条 施行": ("article", "第二百一十二条", 212),
    }


def test_a_line_that_only_looks_numbered_is_a_paragraph() -> None:
    # 第百条 matches the article pattern but no numeral reads that way: not a crash.
    assert read_marker("第百条 其他") is None
    assert read_marker("十十、其他") is None


def test_a_date_in_words_and_one_that_only_looks_like_a_date() -> None:
    assert parse_date("二〇二四年十二月二十日印发") is not None
    assert parse_date("二〇二四年十二月二十日印发").isoformat() == "2024-12-20"
    assert parse_date("十十十十年一月一日") is None
