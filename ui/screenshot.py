"""Screenshots of the app on a desktop and a phone: `python -m ui.screenshot [OUT_DIR]`.

Starts the app on a free port over a temp copy of the sources (the real index is not
touched), fills in the profile, asks one question in headless chromium (on the desktop,
opens the first citation) and saves OUT_DIR/screenshot-desktop.png (1366×900) and screenshot-phone.png
(390×844; docs/ by default). Needs Debian's chromium at /usr/bin/chromium.
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
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SIZES = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
REGION = "宿迁"
GROUP = "退役军人"
QUESTION = "可以参加哪些培训？"


def capture(url: str, out_dir: Path) -> list[Path]:
    """Ask QUESTION as a 宿迁 veteran at each size and save each page."""
    from playwright.sync_api import expect, sync_playwright

    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, options in SIZES.items():
            page = browser.new_context(locale="zh-CN", **options).new_page()
            page.goto(url)
            expect(page.locator("#pa-view .pa-welcome")).to_be_visible()  # the stored conversation is read
            page.locator("#pa-region textarea").fill(REGION)
            page.locator("#pa-groups input").click()
            page.keyboard.type(GROUP)
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
            expect(page.locator("#pa-profile-state")).to_contain_text(GROUP)
            page.locator("#pa-question textarea").fill(QUESTION)
            page.locator("#pa-question textarea").press("Enter")
            turn = page.locator("#pa-view .pa-turn:not(.pa-pending)").first
            expect(turn.locator(".pa-suggest")).to_be_visible(timeout=120_000)
            if name == "desktop":  # the phone picture shows the answer itself, with its [n]
                turn.locator(".pa-ref").first.click()
            page.wait_for_timeout(400)
            out = out_dir / f"screenshot-{name}.png"
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            saved.append(out)
            page.context.close()
        browser.close()
    return saved


def main(argv: list[str]) -> int:
    from ui.server import serve

    out_dir = Path(argv[0]) if argv else PROJECT_ROOT / "docs"
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
            for path in capture(address.url, out_dir):
                print(f"saved {path}")
        finally:
            demo.close()
    return 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
