"""Chunk-to-quote matching on real clauses from the five documents."""

from __future__ import annotations

from rapidfuzz import fuzz

from assistant.eval.matching import chunk_matches_quote, fact_in_answer, first_hit_rank
from assistant.text.chinese import match_key

# 003 as stored: traditional characters, pinyin annotations, a space inside a word.
TRADITIONAL_QUOTE = "面向自主就業(yè)退役軍人,以政校企合作培訓為抓手,重點開 展無人機操控"
SIMPLIFIED_CHUNK = (
    "11. 退役军人专项培训行动：面向自主就业退役军人，以政校企合作培训为抓手，"
    "重点开展无人机操控、新媒体制作、电商运营、乡村振兴等技能培训。"
)
WUXI_MAIN = (
    "重点培育30个产业急需、特色鲜明、效益显著的技工教育特色品牌专业，专业设置与主导产业匹配度75%以上。"
)
WUXI_2021 = "重点培育10个产业急需、特色鲜明、效益显著的技工教育特色品牌专业"


def test_traditional_pinyin_quote_matches_the_simplified_chunk() -> None:
    assert chunk_matches_quote(TRADITIONAL_QUOTE, SIMPLIFIED_CHUNK)


def test_fuzzy_partial_match_tolerates_one_changed_character() -> None:
    quote = "每年开展社会化培训2.3万人次以上，并积极开展社会化技能等级认定"
    chunk = "发挥技工院校主力军作用，每年开展社会化培训2.3万人次以上,并积极开展社会化技能等级认证。"
    assert match_key(quote) not in match_key(chunk)
    assert chunk_matches_quote(quote, chunk)


def test_an_unrelated_clause_is_a_miss() -> None:
    chunk = "每年组织高技能人才赴区外休假疗养，遇有重大节日安排慰问高技能领军人才。"
    assert not chunk_matches_quote("将自治区技术能手奖励资金调高至1万元", chunk)


def test_a_fuzzy_match_must_agree_on_the_numbers() -> None:
    # Close enough for partial_ratio, but it is the other figure (30 vs 10).
    assert fuzz.partial_ratio(match_key(WUXI_2021), match_key(WUXI_MAIN)) >= 90
    assert not chunk_matches_quote(WUXI_2021, WUXI_MAIN)
    assert chunk_matches_quote(WUXI_2021.replace("10", "30"), WUXI_MAIN)


def test_a_short_chunk_inside_a_long_quote_matches_even_when_it_cuts_a_number() -> None:
    quote = "持续壮大高技能人才队伍，每年新增高技能人才2.5万人以上，至2023年每万劳动力高技能人才数达到1320人"
    assert chunk_matches_quote(quote, "23年每万劳动力高技能人才数达到1320人")
    assert not chunk_matches_quote(quote, "23年每万劳动力高技能人才数达到1180人")


def test_empty_text_never_matches() -> None:
    assert not chunk_matches_quote("将自治区技术能手奖励资金调高至1万元", "")
    assert not chunk_matches_quote("，。", "将自治区技术能手奖励资金调高至1万元")


def test_first_hit_rank_is_one_based_and_limited_to_the_depth() -> None:
    quote = "将自治区技术能手奖励资金调高至1万元"
    other = "每两年举办一届高技能人才研讨交流活动"
    hit = "定期开展塞上技能大师、自治区技术能手评选活动,将自治区技术能手奖励资金调高至1万元。"
    assert first_hit_rank([other, other, hit], [quote]) == 3
    assert first_hit_rank([other] * 10 + [hit], [quote]) is None
    assert first_hit_rank([other, hit], ["无关的引文内容不在这里", quote]) == 2


def test_facts_are_found_across_width_and_punctuation() -> None:
    assert fact_in_answer("2.5万人", "宁夏“十四五”期间新增高技能人才2.5万人以上。")
    assert fact_in_answer("1万元", "奖励资金调高至１万元")  # full-width digit
    assert fact_in_answer("宿人社发〔2022〕8号", "文号为宿人社发〔2022〕 8号")
    assert not fact_in_answer("1180人", "至2023年每万劳动力高技能人才数达到1320人")
    assert not fact_in_answer("", "任何回答")
