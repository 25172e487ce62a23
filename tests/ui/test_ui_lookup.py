"""The lookup tab's handlers on the real assistant over a temp corpus: the true count, the
filters, the clause tree and the hotline copy block."""

from __future__ import annotations

import re

from ui.lookup import ALL, LookupHandlers
from ui.services import Services


def count(html: str) -> int:
    return int(re.search(r'data-total="(\d+)"', html).group(1))


def test_the_count_shown_is_the_number_of_matching_clauses(services: Services):
    html = LookupHandlers(services).search("技术能手", "keyword", ALL, ALL, False)
    clauses = services.assistant.engine.index.clauses
    truth = sum("技术能手" in f"{c.label}\n{c.text}" for c in clauses)
    assert count(html) == truth == html.count('class="pa-hit"')
    assert f"共 <b>{truth}</b> 条匹配" in html


def test_a_query_with_no_match_says_so_in_both_modes(services: Services):
    lookup = LookupHandlers(services)
    for mode in ("keyword", "semantic"):
        html = lookup.search("电工", mode, ALL, ALL, False)
        assert count(html) == 0 and "没有找到与“电工”匹配的条款" in html


def test_filters_change_the_result(services: Services):
    lookup = LookupHandlers(services)
    everywhere = lookup.search("职业技能培训 补贴", "keyword", ALL, ALL, False)
    ningxia = lookup.search("职业技能培训 补贴", "keyword", ALL, "宁夏回族自治区", False)
    in_force = lookup.search("职业技能培训 补贴", "keyword", ALL, ALL, True)
    assert 0 < count(ningxia) < count(everywhere) and 0 < count(in_force) < count(everywhere)
    assert "宁人社发〔2021〕151号" in ningxia and "锡人社办" not in ningxia
    assert "已过期" not in in_force
    one = lookup.search("培训", "keyword", "wuxi-skills-industry-2021", ALL, False)
    assert one.count("锡人社办〔2021〕12号") == one.count('class="pa-hit"') > 0


def test_the_count_line_names_the_filters_it_counts_under(services: Services):
    lookup = LookupHandlers(services)
    html = lookup.search("职业技能培训 补贴", "keyword", ALL, "江苏省", True)
    head = re.search(r'<div class="pa-count".*?</div>', html).group(0)
    assert "筛选：江苏省、只看有效文件" in head
    none = lookup.search("职业技能培训 补贴", "keyword", ALL, "宁夏回族自治区", True)  # expired
    assert count(none) == 0 and "筛选：宁夏回族自治区、只看有效文件" in none
    plain = lookup.search("职业技能培训 补贴", "keyword", ALL, ALL, False)
    assert "筛选" not in plain


def test_an_empty_lookup_asks_for_keywords(services: Services):
    assert "请输入要查找的关键词" in LookupHandlers(services).search("  ", "keyword", ALL, ALL, False)


def test_the_clause_tree_lists_a_documents_clauses_in_order(services: Services):
    lookup = LookupHandlers(services)
    html = lookup.clause_tree("suqian-skills-2022")
    assert html.count('class="pa-node"') == len(services.assistant.clauses("suqian-skills-2022"))
    assert html.index("就业培训强基行动") < html.index("每年完成城乡劳动者就业技能培训不低于2万人")
    assert "没有这个文件" in lookup.clause_tree("no-such-doc")


def test_the_hotline_copy_block_is_the_answer_then_its_numbered_sources(services: Services):
    block = LookupHandlers(services).copy_block("退役军人可以参加哪些培训？", "宿迁")
    answer, _, sources = block.partition("\n\n出处：\n")
    assert "[1]" in answer and sources.startswith("[1] 《")
    assert LookupHandlers(services).copy_block("", "") == "请先输入来电问题。"


def test_a_city_filter_keeps_that_citys_and_its_provinces_documents(services: Services):
    lookup = LookupHandlers(services)
    for mode in ("keyword", "semantic"):
        jiangsu = lookup.search("职业技能培训", mode, ALL, "江苏省", False)
        wuxi = lookup.search("职业技能培训", mode, ALL, "江苏省 › 无锡市", False)
        assert 0 < count(wuxi) < count(jiangsu), mode
        assert "锡人社办〔2021〕12号" in wuxi and "宿人社发" not in wuxi, mode
        assert "宿人社发〔2022〕8号" in jiangsu, mode
    national = lookup.search("职业技能培训", "keyword", ALL, "全国", False)
    assert count(national) == 0 and "没有找到" in national, "no national notice is loaded here"
