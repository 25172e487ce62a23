"""The library's pages end to end in headless Debian chromium, on a desktop (1366×900) and a
phone (390×844), as a hotline operator and a curator use them: the documents table, the
clause lookup, uploads, corrections, replacing and removing a document.

This module runs its own app: its uploads and removals change no other module's library."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_pages import CHROMIUM, SCRIPT
from conftest import LiveApp, _run_app, copy_corpus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def live_app(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    root = copy_corpus(built_corpus, tmp_path_factory.mktemp("library") / "corpus")
    yield from _run_app(root)


def test_the_documents_table_fits_the_screen_with_every_status_visible(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="文件库").click()
    rows = page.locator("#pa-docs tr[data-doc]")
    expect(rows.first).to_be_visible()
    width = page.viewport_size["width"]
    table = page.locator("#pa-docs table").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= width + 1, table
    for status in page.locator("#pa-docs td[data-label='状态']").all():
        box = status.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
        assert status.inner_text().strip().startswith(("现行有效", "已过期", "已废止", "尚未施行"))


# -- an honest lookup ------------------------------------------------------------------------------
def lookup(page, keywords: str) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="条款查询").click()
    page.locator("#pa-kw textarea").fill(keywords)
    page.locator("#pa-search").click()
    expect(page.locator("#pa-results .pa-hits")).to_be_visible()
    expect(page.locator("#pa-results .pa-hits")).to_have_attribute("data-query", keywords)


def shown_total(page) -> int:
    return int(page.locator("#pa-results .pa-hits").get_attribute("data-total"))


def test_lookup_lists_only_matching_clauses_with_their_true_count_and_the_matches_marked(page):
    lookup(page, "技术能手")
    hits = page.locator("#pa-results .pa-hit")
    total = shown_total(page)
    assert total == hits.count() > 0
    assert f"共 {total} 条匹配" in page.locator("#pa-results .pa-count").inner_text()
    for hit in hits.all():
        assert "技术能手" in hit.inner_text()
        assert "技术能手" in hit.locator("mark").all_inner_texts()

    lookup(page, "电工")
    assert shown_total(page) == 0
    assert "没有找到与“电工”匹配的条款" in page.locator("#pa-results").inner_text()


def test_changing_a_filter_or_the_mode_runs_the_lookup_again(page):
    from playwright.sync_api import expect

    lookup(page, "职业技能培训 补贴")
    everywhere = shown_total(page)
    page.locator("#pa-in-force input").check()  # no 查询 click: the filter itself re-runs it
    expect(page.locator("#pa-results .pa-hits")).not_to_have_attribute("data-total", str(everywhere))
    assert 0 < shown_total(page) < everywhere
    assert "已过期" not in page.locator("#pa-results").inner_text()
    page.locator("#pa-in-force input").uncheck()

    lookup(page, "当兵的 培训")
    assert shown_total(page) == 0, "no clause says 当兵 word for word"
    page.get_by_label("按意思（含同义说法）").check()
    expect(page.locator("#pa-results .pa-hits")).not_to_have_attribute("data-total", "0")
    assert "退役军人" in page.locator("#pa-results .pa-hit mark").all_inner_texts()


# -- documents --------------------------------------------------------------------------------------
UPLOAD = """关于开展无人机操控员专项培训的通知
测试人社发〔2026〕{n}号
各区人力资源和社会保障局：
一、培训对象
退役军人、农民工均可报名参加无人机操控员专项培训{script}。
二、补贴标准
培训合格并取得职业技能等级证书的，每人补贴3000元。
测试市人力资源和社会保障局
2026年1月5日
"""


def test_an_upload_is_reported_in_chinese_and_listed(page, live_app, size, tmp_path: Path):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="文件库").click()
    rows = page.locator("#pa-docs tr[data-doc]")
    expect(rows.first).to_be_visible()
    before = rows.count()
    number = {"desktop": 7, "phone": 8}[size]
    drone = tmp_path / f"drone_{size}.txt"
    drone.write_text(UPLOAD.format(n=number, script=SCRIPT), "utf-8")
    empty = tmp_path / f"empty_{size}.txt"
    empty.write_text(" \n", "utf-8")
    page.get_by_text("上传新文件").click()
    page.locator("#pa-upload input[type=file]").set_input_files([str(drone), str(empty)])
    expect(page.locator(f'#pa-upload a[href*="{drone.name}"]')).to_be_visible(timeout=30_000)
    expect(page.locator(f'#pa-upload a[href*="{empty.name}"]')).to_be_visible(timeout=30_000)
    page.locator("#pa-upload-btn").click()
    report = page.locator("#pa-report")
    expect(report).to_contain_text("已加入 1 个文件，未加入 1 个", timeout=90_000)
    expect(report).to_contain_text(f"✓ 已加入 {drone.name} → 关于开展无人机操控员专项培训的通知")
    expect(report).to_contain_text(f"✗ 未加入 {empty.name}：文件是空的")
    expect(rows).to_have_count(before + 1)
    expect(page.locator("#pa-docs")).to_contain_text(f"测试人社发〔2026〕{number}号")
    assert (live_app.root / "sources" / drone.name).exists()
    assert not (live_app.root / "sources" / empty.name).exists()
    # The box is emptied: pressing the button again cannot send the same files twice.
    expect(page.locator(f'#pa-upload a[href*="{drone.name}"]')).to_have_count(0, timeout=30_000)


def open_manage(page, title: str):
    """The documents tab's management panel, with the document titled `title` picked."""
    from playwright.sync_api import expect

    page.get_by_role("tab", name="文件库").click()
    if not page.locator("#pa-docs-select").is_visible():
        page.get_by_text("管理文件：修订元数据、替换、删除").click()
    page.locator("#pa-docs-select input").click()
    page.get_by_role("option", name=re.compile("^" + re.escape(title))).click()
    expect(page.locator("#pa-docs-title textarea")).to_have_value(title.split("》")[0].lstrip("《"))


def test_a_curator_corrects_replaces_and_removes_a_document(page, live_app, size, tmp_path: Path):
    """Upload a notice, correct its 文号 (kept as a curator override), put a new version in
    its place, then remove it: asked first, cancelled once, then confirmed."""
    from playwright.sync_api import expect

    number = {"desktop": 11, "phone": 12}[size]
    trade = {"desktop": "电梯安装维修工", "phone": "起重装卸机械操作工"}[size]
    title = f"《关于开展{trade}专项培训的通知》"
    notice = tmp_path / f"curated_{size}.md"  # a markdown notice: its heading is the title
    body = UPLOAD.split("\n", 1)[1].format(n=number, script="").replace("无人机操控员", trade)
    notice.write_text(f"# 关于开展{trade}专项培训的通知\n\n{body}", "utf-8")
    page.get_by_role("tab", name="文件库").click()
    page.get_by_text("上传新文件").click()
    page.locator("#pa-upload input[type=file]").set_input_files([str(notice)])
    expect(page.locator(f'#pa-upload a[href*="{notice.name}"]')).to_be_visible(timeout=30_000)
    page.locator("#pa-upload-btn").click()
    expect(page.locator("#pa-report")).to_contain_text(f"✓ 已加入 {notice.name}", timeout=90_000)
    doc_id = f"curated-{size}"
    row = page.locator(f'#pa-docs tr[data-doc="{doc_id}"]')
    expect(row).to_be_visible()

    # A correction is saved as an override and shown at once.
    open_manage(page, f"{title}（")  # by title and 文号 or date: no internal id is shown
    page.locator("#pa-docs-doc_number textarea").fill(f"测试人社规〔2026〕{number}号")
    page.locator("#pa-docs-save").click()
    expect(page.locator("#pa-docs-message")).to_contain_text(f"✓ 已更新{title}的文号", timeout=90_000)
    expect(row.locator("td[data-label='文号']")).to_have_text(f"测试人社规〔2026〕{number}号")
    expect(row.locator("td[data-label='馆员修订']")).to_have_text("文号")
    overrides = (live_app.root / "sources" / "overrides.yaml").read_text("utf-8")
    assert f"测试人社规〔2026〕{number}号" in overrides

    # A bad date says why and keeps what was typed.
    page.locator("#pa-docs-valid_to textarea").fill("明年底")
    page.locator("#pa-docs-save").click()
    expect(page.locator("#pa-docs-message")).to_contain_text("✗ 实施截止日期的日期格式不正确：明年底")
    expect(page.locator("#pa-docs-valid_to textarea")).to_have_value("明年底")

    # A new version takes the old one's place, with its 编号 and correction.
    revised = tmp_path / f"curated_{size}_v2.md"
    revised.write_text(notice.read_text("utf-8").replace("每人补贴3000元", "每人补贴3500元"), "utf-8")
    page.locator("#pa-docs-new-version input[type=file]").set_input_files([str(revised)])
    expect(page.locator(f'#pa-docs-new-version a[href*="{revised.name}"]')).to_be_visible(timeout=30_000)
    page.locator("#pa-docs-replace").click()
    expect(page.locator("#pa-docs-message")).to_contain_text(
        f"已用 {revised.name} 替换 {notice.name}", timeout=90_000
    )
    expect(row.locator("td[data-label='文件']")).to_have_text(revised.name)
    expect(row.locator("td[data-label='文号']")).to_have_text(f"测试人社规〔2026〕{number}号")

    # Removing asks first; cancelling keeps the document.
    page.locator("#pa-docs-remove").click()
    question = page.locator("#pa-docs-confirm-text")
    expect(question).to_contain_text(f"确定删除{title}")
    expect(question).to_contain_text(revised.name)
    page.locator("#pa-docs-cancel").click()
    expect(question).to_be_hidden()
    expect(page.locator("#pa-docs-message")).to_contain_text("已取消删除")
    assert (live_app.root / "sources" / revised.name).exists()
    page.locator("#pa-docs-remove").click()
    page.locator("#pa-docs-confirm").click()
    expect(page.locator("#pa-docs-message")).to_contain_text(f"✓ 已删除{title}", timeout=90_000)
    expect(row).to_have_count(0)
    expect(question).to_be_hidden()
    assert not (live_app.root / "sources" / revised.name).exists()
    assert f"测试人社规〔2026〕{number}号" not in (live_app.root / "sources" / "overrides.yaml").read_text(
        "utf-8"
    )


def test_the_management_panel_fits_the_screen(page):
    from playwright.sync_api import expect

    open_manage(page, "《“技能宁夏行动”实施方案》（宁人社发〔2021〕151号）")
    page.locator("#pa-docs-remove").click()
    expect(page.locator("#pa-docs-confirm")).to_be_visible()
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing scrolls sideways"
    for part in (
        "#pa-docs-select",
        "#pa-docs-title",
        "#pa-docs-save",
        "#pa-docs-replace",
        "#pa-docs-confirm",
    ):
        box = page.locator(part).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, part
    page.locator("#pa-docs-cancel").click()
