"""Years, found the one way every stage finds them."""

from __future__ import annotations

from assistant.question.understand import understand
from assistant.text.years import year_spans, years_in


def test_a_question_names_its_years_once_each():
    assert understand("宿迁2022年和2023年各培训多少人？2022年呢").years == [2022, 2023]
    assert years_in("2021年3月4日印发，有效期5年") == [2021]


def test_a_period_is_a_span_and_the_years_outside_it_stand_alone():
    spans, alone = year_spans("“技能宿迁”行动（2022—2024年），到2035年建成")
    assert spans == [(2022, 2024)]
    assert alone == [2035]
    assert year_spans("十四五期间") == ([], [])


def test_an_amount_or_a_count_starting_with_20_is_no_year():
    assert years_in("中级工补贴是不是2000元？") == []
    assert years_in("到2027年培训20000人次，新增2050名技师") == [2027]
