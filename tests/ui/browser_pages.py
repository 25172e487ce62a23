"""What the browser tests share: the two screen sizes, opening the app's chat at one of them,
asking a question and finding its answer, and reading what the page shows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import SCRIPT

from ui.screenshot import CHROMIUM as CHROMIUM_PATH

CHROMIUM = Path(CHROMIUM_PATH)
SIZES = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
FINISHED = "#pa-view .pa-turn:not(.pa-pending)"
# Latin words the page may show: names of formats and of the API, not messages.
ALLOWED_LATIN = {"API", "MCP", "CSV", "txt", "md", "html", "htm", "docx", "pdf", "UTF", "GB"}
__all__ = ["SCRIPT"]


def open_page(browser, url: str, size: str, locale: str = "zh-CN"):
    """A fresh browser profile (empty storage) at this size, on the app's chat tab."""
    from playwright.sync_api import expect

    context = browser.new_context(locale=locale, accept_downloads=True, **SIZES[size])
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    page.set_default_timeout(30_000)
    page.goto(url)
    expect(page.locator("#pa-view .pa-conv")).to_be_visible()
    return page


def ask(page, question: str) -> object:
    """Type a question, press Enter and wait for its answer; returns the new turn."""
    from playwright.sync_api import expect

    before = page.locator(FINISHED).count()
    page.locator("#pa-question textarea").fill(question)
    page.locator("#pa-question textarea").press("Enter")
    expect(page.locator(FINISHED)).to_have_count(before + 1, timeout=60_000)
    expect(page.locator("#pa-view .pa-pending")).to_have_count(0)
    return turn(page, page.locator(FINISHED).last.get_attribute("data-turn"))


def turn(page, turn_id: str | None) -> object:
    """One answer, by its id (not by position: later answers come after it)."""
    return page.locator(f'#pa-view .pa-turn[data-turn="{turn_id}"]')


def in_view(page, selector: str) -> bool:
    """The element is entirely inside the visible part of the window."""
    box = page.locator(selector).first.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] + 1


def feedback_rows(live_app, answer_ids: list[str]) -> list[tuple[str, str, str, str]]:
    conn = sqlite3.connect(live_app.feedback_db)
    rows = conn.execute("SELECT answer_id, question, rating, comment FROM feedback ORDER BY id").fetchall()
    conn.close()
    return [r for r in rows if r[0] in answer_ids]


def latin_words(page) -> list[str]:
    """Latin words in what the page shows (text, labels, placeholders, tooltips), outside
    document and user text."""
    found = page.evaluate(
        """() => {
      const shown = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
      const content = '.pa-text, .pa-clause, .pa-q-text, .pa-answer-text, code, textarea, script, style';
      const words = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        if (!el || !shown(el) || el.closest(content)) continue;
        for (const w of walker.currentNode.textContent.match(/[A-Za-z]{2,}/g) || []) words.push(w);
      }
      for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
        if (!shown(el)) continue;
        for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
          for (const w of (el.getAttribute(name) || '').match(/[A-Za-z]{2,}/g) || []) words.push(w);
        }
      }
      return words;
    }"""
    )
    return sorted(set(found) - ALLOWED_LATIN)
