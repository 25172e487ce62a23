"""End to end in headless Debian chromium: `python app.py` in a subprocess, driven like a user."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ui.screenshot import CHROMIUM as CHROMIUM_PATH
from ui.screenshot import CHROMIUM_ARGS

CHROMIUM = Path(CHROMIUM_PATH)
SCRIPT = "<script>alert(1)</script>"
UPLOAD = """关于开展无人机操控员专项培训的通知
测试人社发〔2026〕2号
各区人力资源和社会保障局：
一、培训对象
退役军人、农民工均可报名参加无人机操控员专项培训{script}。
二、补贴标准
培训合格并取得职业技能等级证书的，每人补贴3000元。
测试市人力资源和社会保障局
2026年1月5日
"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture
def page(live_app):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        page.set_default_timeout(30_000)
        page.goto(live_app.url)
        yield page
        browser.close()


def test_worker_and_hotline_journey(page, live_app, tmp_path: Path):
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)  # a loaded CI machine is slower than the 5 s default
    # Chat: a question gets a streamed answer with a [1] citation and a sources panel.
    page.locator("#pa-question textarea").fill("我是宿迁的退役军人，可以参加哪些培训？")
    page.locator("#pa-send").click()
    bot = page.locator('#pa-chatbot [data-testid="bot"]').last
    expect(bot).to_contain_text("[1]", timeout=60_000)
    expect(bot).to_contain_text("出处：")
    first = page.locator("#pa-sources #pa-cite-1")
    expect(first).to_be_visible()
    expect(first.locator("mark")).to_be_hidden()
    first.locator("summary").click()  # open the citation
    expect(first.locator("mark").first).to_be_visible()
    expect(first.locator(".pa-meta")).to_contain_text("文号")
    page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)

    # 👍 with a comment is saved to SQLite with the question and the citations.
    page.locator("#pa-comment textarea").fill("很有用")
    page.locator("#pa-up").click()
    expect(page.locator("#pa-feedback-status")).to_contain_text("已记录")
    conn = sqlite3.connect(live_app.feedback_db)
    rows = conn.execute("SELECT rating, question, comment, citations FROM feedback").fetchall()
    conn.close()
    assert [(r[0], r[1], r[2]) for r in rows] == [("up", "我是宿迁的退役军人，可以参加哪些培训？", "很有用")]
    assert '"n": 1' in rows[0][3]

    # A script in a question is shown as text, never run.
    page.locator("#pa-question textarea").fill(f"{SCRIPT}有补贴吗")
    page.locator("#pa-send").click()
    expect(page.locator('#pa-chatbot [data-testid="user"]').last).to_contain_text(SCRIPT)
    expect(page.locator('#pa-chatbot [data-testid="bot"]')).to_have_count(2, timeout=60_000)

    # Lookup: keyword search over clauses, in-force documents only.
    page.get_by_role("tab", name="条款查询").click()
    page.locator("#pa-kw textarea, #pa-kw input").first.fill("职业技能培训 补贴")
    page.locator("#pa-in-force input").check()
    page.locator("#pa-search").click()
    hits = page.locator("#pa-results .pa-hit")
    expect(hits.first).to_be_visible()
    assert hits.count() >= 1
    expect(page.locator("#pa-results")).not_to_contain_text("已过期")

    # Documents: upload a generated policy (and an empty file); both are reported, the policy listed.
    page.get_by_role("tab", name="文件库").click()
    expect(page.locator("#pa-docs tr[data-doc]")).to_have_count(5)
    drone = tmp_path / "drone_training.txt"
    drone.write_text(UPLOAD.format(script=SCRIPT), "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", "utf-8")
    page.locator("#pa-upload input[type=file]").set_input_files([str(drone), str(empty)])
    # Each file gets a download link once it has reached the server; only then submit.
    expect(page.locator('#pa-upload a[href*="drone_training.txt"]')).to_be_visible(timeout=30_000)
    expect(page.locator('#pa-upload a[href*="empty.txt"]')).to_be_visible(timeout=30_000)
    page.locator("#pa-upload-btn").click()
    report = page.locator("#pa-report")
    expect(report).to_contain_text("已加入 1 个文件，未加入 1 个", timeout=90_000)
    expect(report).to_contain_text("✓ drone_training.txt → 关于开展无人机操控员专项培训的通知")
    expect(report).to_contain_text("✗ empty.txt")
    expect(page.locator("#pa-docs tr[data-doc]")).to_have_count(6)
    expect(page.locator("#pa-docs")).to_contain_text("测试人社发〔2026〕2号")
    assert (live_app.root / "sources" / "drone_training.txt").exists()
    assert not (live_app.root / "sources" / "empty.txt").exists()

    page.get_by_role("tab", name="条款查询").click()
    page.locator("#pa-in-force input").uncheck()
    page.locator("#pa-kw textarea, #pa-kw input").first.fill("无人机操控员 补贴")
    page.locator("#pa-search").click()
    expect(page.locator("#pa-results")).to_contain_text("测试人社发〔2026〕2号")

    assert page.dialogs == [], "an injected script ran"  # type: ignore[attr-defined]
