"""A first start, as on a fresh clone (no index and no cached vectors yet), watched in
chromium at both sizes: a page at once, then the app with the index build's progress on it,
then the documents.

One of the five documents is embedded from scratch by the default encoder, which takes
long enough (about a quarter of a minute on two cores) to watch the progress; the test waits
for the build to end however long it takes, and times nothing.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from app_process import free_port, start_app, stop_app, wait_for_log

from ui.screenshot import CHROMIUM, CHROMIUM_ARGS

SIZES = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
REAL_SOURCES = Path(__file__).resolve().parents[2] / "index" / "sources"
ONE = ("000_21357cb1be230db7.txt",)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


def wait_for_status(url: str, wanted: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = None
        if status == wanted:
            return
        time.sleep(0.05)
    pytest.fail(f"{url} never answered {wanted}")


def test_a_first_start_shows_a_page_at_once_then_the_index_builds_progress(tmp_path: Path):
    from playwright.sync_api import expect, sync_playwright

    (tmp_path / "sources").mkdir()
    for name in (*ONE, "overrides.yaml"):
        shutil.copy(REAL_SOURCES / name, tmp_path / "sources" / name)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "app.log"
    with sync_playwright() as p:
        # The browser and both pages are ready before the app starts: the starting page lasts
        # only while the app loads, and a busy machine must not make the test miss it.
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = {
            size: browser.new_context(locale="zh-CN", **options).new_page() for size, options in SIZES.items()
        }
        process = start_app(tmp_path, dt.date(2026, 6, 1), port, log)
        try:
            wait_for_status(url, 503, 30)  # the starting page, before the app itself is up
            for size, page in pages.items():
                response = page.goto(url)
                assert response.status == 503, f"{size}: the app was up before the starting page was seen"
                assert "正在启动" in page.content() and "技能人才政策助手" in page.content()
            for size, page in pages.items():  # the starting page turns into the app by itself
                expect(page.locator("#pa-view .pa-conv")).to_be_visible(timeout=60_000)
                banner = page.locator("#pa-startup-banner")
                expect(banner).to_contain_text("政策索引", timeout=10_000)
                expect(banner).to_contain_text("共 3 步")
                expect(banner).to_contain_text("已用")
                assert "索引就绪" not in log.read_text("utf-8"), (
                    f"{size}: the index was ready before the page"
                )
            for page in pages.values():
                expect(page.locator("#pa-startup-banner")).to_be_hidden(timeout=900_000)
                page.get_by_role("tab", name="文件库").click()
                expect(page.locator("#pa-docs tr[data-doc]")).to_have_count(len(ONE), timeout=10_000)
            wait_for_log(log, process, "索引就绪", 5)
        finally:
            stop_app(process)
            browser.close()
