"""The lookup and documents tabs' handlers on the real assistant over a temp corpus."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from types import SimpleNamespace

import gradio as gr

from assistant.models import Answer
from ui.documents import DocumentHandlers
from ui.lookup import ALL, LookupHandlers
from ui.services import Services

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"


def count(html: str) -> int:
    return int(re.search(r'data-total="(\d+)"', html).group(1))


# -- lookup --------------------------------------------------------------------------------
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


# -- documents, start-up, feedback ------------------------------------------------------------
def test_refresh_fills_the_table_and_every_dropdown(services: Services):
    table, doc_filter, provinces, tree_docs = DocumentHandlers(services).refresh()
    assert table.count("<tr data-doc=") == 5
    assert doc_filter["choices"][0] == ("全部文件", ALL) and len(doc_filter["choices"]) == 6
    assert [p for _, p in provinces["choices"]] == [ALL, "宁夏回族自治区", "江苏省"]
    assert len(tree_docs["choices"]) == 5


def test_while_the_index_is_prepared_the_page_says_which_step_and_for_how_long(services: Services):
    class Preparing:
        def startup(self):
            return SimpleNamespace(ready=False, failed=False, step=3, seconds=4.2,
                                   message="正在建立政策索引（首次启动）")  # fmt: skip

    banner, timer, table, *rest = DocumentHandlers(Preparing()).startup()  # type: ignore[arg-type]
    assert banner["visible"] is True and "第 3 步，共 3 步" in banner["value"]
    assert "正在建立政策索引" in banner["value"] and "已用 4 秒" in banner["value"]
    assert timer.active is True and "准备好后" in table and rest == [gr.skip()] * 3
    banner, timer, table, *_ = DocumentHandlers(services).startup()
    assert banner["visible"] is False and timer.active is False and table.count("<tr data-doc=") == 5


POLICY = """关于{title}的通知
测试人社发〔2026〕1号
各区人力资源和社会保障局：
一、总体要求
为提升劳动者技能，开展无人机操控员专项培训，每人补贴3000元。
二、工作措施
（一）组织培训。各地组织无人机操控员培训，培训合格的发放职业技能等级证书。
测试市人力资源和社会保障局
2026年1月5日
"""


def test_upload_adds_a_document_and_says_in_chinese_why_a_file_was_refused(
    writable_services: Services, tmp_path: Path
):
    good = tmp_path / "upload" / "uav.txt"
    named = tmp_path / "upload" / f"{IMG}.txt"  # no title in the text: the file name becomes the title
    bad = tmp_path / "upload" / "empty.txt"
    good.parent.mkdir()
    good.write_text(POLICY.format(title=f"无人机培训{SCRIPT}"), "utf-8")
    named.write_text(POLICY.split("\n", 1)[1].replace("1号", "2号"), "utf-8")
    bad.write_text("   \n", "utf-8")
    report, table, doc_filter, _, _ = DocumentHandlers(writable_services).upload(
        [str(good), str(named), str(bad)]
    )

    assert "<script" not in report + table and "<img" not in report + table
    assert f"《{ESCAPED_IMG}》" in table and f"✓ 已加入 <b>{ESCAPED_IMG}.txt</b>" in report
    assert "✗ 未加入 <b>empty.txt</b>：文件是空的" in report
    assert (writable_services.settings.sources_dir / "uav.txt").exists()
    assert not (writable_services.settings.sources_dir / "empty.txt").exists()
    assert table.count("<tr data-doc=") == 7 and len(doc_filter["choices"]) == 8
    # The index was rebuilt: the new document is found without a restart.
    hits = LookupHandlers(writable_services).search("无人机操控员 补贴", "keyword", ALL, ALL, False)
    assert "测试人社发〔2026〕1号" in hits


def test_curators_see_recent_feedback_and_export_every_row_as_csv(services: Services):
    docs = DocumentHandlers(services)
    assert "还没有用户反馈" in docs.feedback()
    answer = Answer(question="问", answer="答", answerable=True)
    services.feedback.rate("a1", "问一", answer, "up")
    services.feedback.rate("a2", f"问二{SCRIPT}", answer, "down", comment="缺少金额")
    html = docs.feedback()
    assert "共 2 条反馈" in html and "缺少金额" in html and "<script" not in html
    export = docs.export_feedback()
    assert export["visible"] is True
    path = Path(export["value"])
    assert path.suffix == ".csv" and path.name.startswith("用户反馈-")
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
    assert [(r["回答编号"], r["评价"], r["意见"]) for r in rows] == [
        ("a1", "有帮助", ""),
        ("a2", "没帮助", "缺少金额"),
    ]
