"""Places of all China, from the national division table, found in text."""

from __future__ import annotations

import pytest

from assistant.jurisdiction import (
    cities,
    correct_place_names,
    counties,
    find_places,
    place_named,
    short_name,
    unplaced_zones,
)
from assistant.models import NATIONAL, Jurisdiction


def names(text: str) -> list[tuple[str, str]]:
    return [(m.name, m.jurisdiction.label) for m in find_places(text)]


def test_provinces_cities_and_counties_anywhere_in_the_country():
    assert names("我在贵州遵义市湄潭县") == [
        ("贵州", "贵州省"),
        ("遵义市", "贵州省 › 遵义市"),
        ("湄潭县", "贵州省 › 遵义市"),
    ]
    assert names("银川的企业") == [("银川", "宁夏回族自治区 › 银川市")]


def test_short_forms_count_unless_they_are_ordinary_words():
    assert names("沭阳的培训") == [("沭阳", "江苏省 › 宿迁市")]
    assert names("他为人很大方") == []  # 大方县 exists, but 大方 is a word


def test_a_district_name_shared_by_several_provinces_is_recognised_but_not_placed():
    assert names("北京朝阳区") == [("北京", "北京市")]  # not 朝阳市 in 辽宁
    assert names("鼓楼区的政策") == []


def test_a_development_zone_without_its_city_is_reported_as_unplaced():
    assert unplaced_zones("我在经开区上班") == ["经开区"]
    assert unplaced_zones("我在无锡经开区上班") == []


def test_names_people_say_and_national_coverage():
    assert short_name(Jurisdiction(province="宁夏回族自治区")) == "宁夏"
    assert short_name(Jurisdiction(province="江苏省", city="无锡市")) == "无锡"
    assert place_named("全国") == Jurisdiction.national()
    national = Jurisdiction.national()
    assert national.level == "national" and national.province == NATIONAL
    assert national.covers(Jurisdiction(province="江苏省", city="常州市"))


def test_the_table_lists_cities_and_their_counties():
    assert "常州市" in cities("江苏省") and len(cities("江苏省")) == 13
    assert "溧阳市" in counties("常州市")


def test_the_saved_table_is_what_the_division_table_and_the_dictionary_give():
    from assistant.jurisdiction import _table, build_table, table_rows

    assert table_rows(_table()) == table_rows(build_table())


def test_a_misspelt_place_the_library_covers_is_read_as_that_place():
    covered = {place_named("宿迁"), place_named("无锡"), place_named("江苏")}
    assert correct_place_names("技能宿千行动什么时候结束？", covered) == (
        "技能宿迁行动什么时候结束？",
        [("宿千", "宿迁")],
    )
    assert correct_place_names("我在无夕上班", covered)[0] == "我在无锡上班"
    # Either reading of a character with two: 厦 is xià in 厦门, shà in 大厦.
    assert correct_place_names("宁厦的技术能手奖励多少？", covered | {place_named("宁夏")})[1] == [
        ("宁厦", "宁夏")
    ]
    # A word of its own, a run that cuts a word, full characters and places the library has
    # no rules of are left as they are.
    for text in ("无息贷款怎么申请？", "是不是一分补偿都没有", "江蘇對退役軍人有什麼培訓？", "我在杨州上班"):
        assert correct_place_names(text, covered) == (text, []), text


@pytest.mark.parametrize(("text", "city"), [("我在寿光上班", "潍坊市"), ("仪陇的补贴", "南充市")])
def test_a_countys_short_name_jieba_knows_as_a_rare_persons_name_is_the_place(text, city):
    assert [m.jurisdiction.city for m in find_places(text) if m.jurisdiction] == [city]


@pytest.mark.parametrize("text", ["加深友谊", "凤凰传奇", "各位同仁"])
def test_a_common_word_that_is_also_a_countys_short_name_is_no_place(text):
    assert find_places(text) == []
