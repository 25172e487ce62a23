"""Screenshots of the app on a desktop and a phone: `python -m ui.screenshot [OUT_DIR]`.

Starts the app on a free port over a temp copy of the sources (the real index is not
touched), fills in the profile, asks one question in headless chromium, opens its first
citation and saves OUT_DIR/screenshot-desktop.png (1366×900) and screenshot-phone.png
(390×844; docs/ by default). Needs Debian's chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import time
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


# Asked after the first question, to time answers once the index is warm.
TIMED = [
    "宁夏技术能手的奖励是多少？",
    "无锡对新生代农民工技能培训有什么目标？",
    "江苏的高技能人才可以享受哪些待遇？",
]
FINISHED = "#pa-view .pa-turn:not(.pa-pending)"
# The newest answer's share of the window: "content" is the part of the window its text and
# sources fill, "space" what the page leaves it, from its top (or the window's) down to the
# pinned question box. A phone user reads either without scrolling.
SHARE_JS = """() => {
  const turns = document.querySelectorAll('#pa-view .pa-turn:not(.pa-pending)');
  const box = turns[turns.length - 1].getBoundingClientRect();
  const input = document.getElementById('pa-input-row').getBoundingClientRect();
  const floor = Math.min(input.top, window.innerHeight);
  const top = Math.max(0, box.top);
  return { content: Math.max(0, Math.min(box.bottom, floor) - top) / window.innerHeight,
           space: Math.max(0, floor - top) / window.innerHeight };
}"""


def timed_ask(page, question: str) -> tuple[float, float]:
    """Seconds from Enter to the first words of the answer on screen, and to the finished answer."""
    from playwright.sync_api import expect

    before = page.locator(FINISHED).count()
    page.locator("#pa-question textarea").fill(question)
    start = time.perf_counter()
    page.locator("#pa-question textarea").press("Enter")
    page.locator("#pa-view .pa-answer-text").nth(before).wait_for(timeout=120_000)
    first = time.perf_counter() - start
    expect(page.locator(FINISHED)).to_have_count(before + 1, timeout=120_000)
    return first, time.perf_counter() - start


def capture(url: str, out_dir: Path) -> list[Path]:
    """Ask QUESTION as a 宿迁 veteran at each size, open its first source, save each page,
    and print the measures: the answer's share of the screen, and the seconds to answer."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)  # a machine busy with other work loads the page slowly
    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, options in SIZES.items():
            page = browser.new_context(locale="zh-CN", **options).new_page()
            page.goto(url)
            expect(page.locator("#pa-view .pa-welcome")).to_be_visible()  # the stored conversation is read
            # Timed from a ready index: the first question is the first after start, not after a build.
            expect(page.locator("#pa-startup-banner")).to_be_hidden(timeout=600_000)
            page.locator("#pa-profile-panel .label-wrap").first.click()  # the folded profile opens
            page.locator("#pa-region textarea").fill(REGION)
            page.locator("#pa-groups input").click()
            page.keyboard.type(GROUP)
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
            expect(page.locator("#pa-profile-state")).to_contain_text(GROUP)
            page.locator("#pa-profile-panel .label-wrap").first.click()  # and folds back to one line
            first, end = timed_ask(page, QUESTION)
            print(f"{name}: first question: first words {first:.2f} s, whole answer {end:.2f} s")
            turn = page.locator(FINISHED).first
            expect(turn.locator(".pa-suggest")).to_be_visible(timeout=120_000)
            turn.locator(".pa-ref").first.click()
            page.wait_for_timeout(400)
            share = page.evaluate(SHARE_JS)
            print(
                f"{name}: the answer's share of the screen, its source open: text and sources "
                f"{share['content']:.0%}, space given to it {share['space']:.0%}"
            )
            out = out_dir / f"screenshot-{name}.png"
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            saved.append(out)
            for question in TIMED:
                first, end = timed_ask(page, question)
                print(f"{name}: {question} first words {first:.2f} s, whole answer {end:.2f} s")
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
        if settings.embedding_cache.exists():  # the vectors already computed: a build, not a day
            (root / "index").mkdir()
            shutil.copy2(settings.embedding_cache, root / "index" / "embeddings.sqlite3")
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
