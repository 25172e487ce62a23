"""In headless Debian chromium against `python app.py` with accounts: an anonymous visitor sees
only the chat; a hotline login adds 条款查询; a curator login adds 文件库; logging out hides
them again."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CURATOR, HOTLINE

from ui.screenshot import CHROMIUM as CHROMIUM_PATH

CHROMIUM = Path(CHROMIUM_PATH)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture
def page(browser, guarded_app):
    from playwright.sync_api import expect

    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(guarded_app.url)
    expect(page.locator("#pa-view .pa-conv")).to_be_visible()
    yield page
    context.close()


def box(page, elem_id: str):
    """A gradio Textbox's own field: a textarea, or an input for a password."""
    return page.locator(f"#{elem_id} textarea, #{elem_id} input").first


def tab(page, name: str):
    return page.get_by_role("tab", name=name)


def log_in(page, name: str, password: str) -> None:
    from playwright.sync_api import expect

    if not box(page, "pa-login-name").is_visible():
        page.get_by_text("工作人员登录").click()
    box(page, "pa-login-name").fill(name)
    box(page, "pa-login-password").fill(password)
    page.locator("#pa-login-btn").click()
    expect(page.locator("#pa-login-state")).to_contain_text(f"已登录：{name}")


def test_an_anonymous_visitor_sees_only_the_chat_and_is_told_where_staff_log_in(page):
    from playwright.sync_api import expect

    expect(page.locator("#pa-login-state")).to_contain_text("热线人员和馆员请登录")
    expect(tab(page, "政策问答")).to_be_visible()
    expect(tab(page, "条款查询")).to_have_count(0)
    expect(tab(page, "文件库")).to_have_count(0)
    expect(page.locator("#pa-upload-btn")).to_be_hidden()


def test_a_hotline_login_adds_the_lookup_but_not_the_library(page):
    from playwright.sync_api import expect

    log_in(page, *HOTLINE)
    expect(page.locator("#pa-login-state")).to_contain_text("热线人员")
    tab(page, "条款查询").click()
    box(page, "pa-kw").fill("技术能手")
    page.locator("#pa-search").click()
    expect(page.locator("#pa-results .pa-hit").first).to_be_visible()
    expect(tab(page, "文件库")).to_have_count(0)


def test_a_wrong_password_is_refused_in_chinese_and_shows_nothing_more(page):
    from playwright.sync_api import expect

    page.get_by_text("工作人员登录").click()
    box(page, "pa-login-name").fill(CURATOR[0])
    box(page, "pa-login-password").fill("not-the-password")
    page.locator("#pa-login-btn").click()
    expect(page.locator("#pa-login-state")).to_contain_text("用户名或密码不正确")
    expect(tab(page, "文件库")).to_have_count(0)
    expect(box(page, "pa-login-password")).to_have_value("")


def test_a_curator_login_adds_the_library_and_a_logout_takes_it_away(page):
    from playwright.sync_api import expect

    log_in(page, *CURATOR)
    tab(page, "文件库").click()
    page.get_by_text("上传新文件").click()
    expect(page.locator("#pa-upload-btn")).to_be_visible()
    expect(page.locator("#pa-docs")).to_contain_text("宿迁")
    page.locator("#pa-logout-btn").click()
    expect(tab(page, "文件库")).to_have_count(0)
    expect(tab(page, "条款查询")).to_have_count(0)
    expect(page.locator("#pa-question")).to_be_visible()  # back on the chat
