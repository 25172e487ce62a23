"""Save a screenshot of the chat tab with an answer: `python -m ui.screenshot [OUT.png]`.

Starts the app on a free port over a temp copy of the sources (the real index is not
touched), asks one question in headless chromium, opens the first citation and saves
docs/screenshot.png. Needs Debian's chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
from pathlib import Path

from assistant.settings import PROJECT_ROOT, PathSettings, load_settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUESTION = "我是宿迁的退役军人，可以参加哪些培训？"


def capture(url: str, out: Path, question: str = QUESTION) -> None:
    """Ask `question` in the app at `url` and save the page with its first citation open."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 960}, locale="zh-CN")
        page.goto(url)
        page.locator("#pa-question textarea").fill(question)
        page.locator("#pa-send").click()
        bot = page.locator('#pa-chatbot [data-testid="bot"]').last
        expect(bot).to_contain_text("出处：", timeout=120_000)
        page.locator("#pa-cite-1 summary").click()
        page.wait_for_timeout(300)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=True)
        browser.close()


def main(argv: list[str]) -> int:
    from ui.server import serve

    out = Path(argv[0]) if argv else PROJECT_ROOT / "docs" / "screenshot.png"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = load_settings()
        shutil.copytree(settings.sources_dir, root / "sources")
        settings = load_settings(
            paths=PathSettings(
                sources_dir=root / "sources", index_dir=root / "index", feedback_db=root / "f.db"
            ),
            app={"host": "127.0.0.1", "port": _free_port()},
        )
        demo, address = serve(settings, block=False)
        try:
            capture(address.url, out)
        finally:
            demo.close()
    print(f"saved {out}")
    return 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
