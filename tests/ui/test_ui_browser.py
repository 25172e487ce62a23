"""End to end in headless Debian chromium, on a desktop (1366×900) and a phone (390×844):
`python app.py` in a subprocess, driven as a worker, a hotline operator and a curator would."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from pathlib import Path

import pytest

from ui.screenshot import CHROMIUM as CHROMIUM_PATH

CHROMIUM = Path(CHROMIUM_PATH)
SCRIPT = "<script>alert(1)</script>"
QUESTION = "我是宿迁的退役军人，可以参加哪些培训？"
SIZES = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
FINISHED = "#pa-view .pa-turn:not(.pa-pending)"
# Latin words the page may show: names of formats and of the API, not messages.
ALLOWED_LATIN = {"API", "MCP", "CSV", "txt", "md", "html", "htm", "docx", "pdf", "UTF", "GB"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    return request.param


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


@pytest.fixture
def page(browser, live_app, size: str):
    page = open_page(browser, live_app.url, size)
    yield page
    assert page.dialogs == [], "a script from a question or a document ran"  # type: ignore[attr-defined]
    page.context.close()


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


# -- citations you can open --------------------------------------------------------------------
def test_a_citation_opens_its_clause_in_place_under_its_own_answer(page):
    from playwright.sync_api import expect

    first = ask(page, QUESTION)
    source = first.locator("details.pa-cite[data-n='1']")
    expect(source).not_to_have_attribute("open", "")
    first.locator(".pa-ref[data-n='1']").click()
    expect(source).to_have_attribute("open", "")
    expect(source.locator("mark").first).to_be_visible()  # the quoted span, highlighted
    expect(source.locator(".pa-meta")).to_contain_text("文号")
    expect(source.locator(".pa-meta")).to_contain_text("状态")
    expect(source.locator("summary")).to_contain_text("》")  # the clause's label with its document
    expect(source.locator(".pa-badge").first).to_be_visible()

    second = ask(page, "宁夏技术能手的奖励是多少？")
    for turn in (first, second):  # each answer keeps its own sources, inline under it
        refs = turn.locator(".pa-ref").evaluate_all("els => [...new Set(els.map(e => e.dataset.n))]")
        assert refs and sorted(refs) == sorted(turn.locator("details.pa-cite").evaluate_all(
            "els => els.map(e => e.dataset.n)"))  # fmt: skip
    expect(first.locator("details.pa-cite[data-n='1']")).to_have_attribute("open", "")
    expect(second.locator("details.pa-cite").first).to_contain_text("技能宁夏")


# -- a mobile-first layout -----------------------------------------------------------------------
def test_the_profile_row_sits_above_the_chat_and_shows_when_it_is_in_use(page):
    from playwright.sync_api import expect

    panel = page.locator("#pa-profile-panel")
    view = page.locator("#pa-view").bounding_box()
    assert panel.bounding_box()["y"] + panel.bounding_box()["height"] <= view["y"], "the profile comes first"
    expect(panel).to_contain_text("我的情况：未填写")
    panel.locator(".label-wrap").first.click()  # the one line opens the form
    expect(page.locator("#pa-profile-state")).to_contain_text("未填写")
    page.locator("#pa-region textarea").fill("无锡")
    expect(page.locator("#pa-profile-state")).to_contain_text("正在按您的情况回答：无锡")
    expect(panel.locator(".label-wrap").first).to_contain_text("我的情况：无锡")
    turn = ask(page, "可以参加哪些培训？")
    expect(turn.locator(".pa-used")).to_contain_text("已按您的情况回答：无锡")
    page.locator("#pa-profile-clear").click()
    expect(page.locator("#pa-profile-state")).to_contain_text("未填写")


def test_the_new_answer_is_brought_up_with_the_question_box_in_reach(page, size):
    turn = ask(page, QUESTION)
    height = page.viewport_size["height"]
    assert in_view(page, "#pa-question"), "the box to ask the next question is in view"
    answer_top = turn.locator(".pa-answer-text").bounding_box()["y"]
    assert 0 <= answer_top < height / 3, "the new answer starts near the top of the screen"
    for part in (".pa-sources", ".pa-suggest", ".pa-actions"):
        top = turn.locator(part).bounding_box()["y"]
        assert top - answer_top < height, f"{part} is more than one screen below the answer on the {size}"


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


# -- feedback per answer ----------------------------------------------------------------------------
def test_each_answer_has_its_own_feedback_and_a_second_click_changes_it(page, live_app):
    from playwright.sync_api import expect

    first = ask(page, QUESTION)
    second = ask(page, "宁夏技术能手的奖励是多少？")
    ids = [first.get_attribute("data-turn"), second.get_attribute("data-turn")]
    first.get_by_role("button", name="没帮助").click()
    expect(first.locator(".pa-saved")).to_contain_text("已记录：没帮助")
    first.get_by_role("button", name="有帮助").click()
    expect(first.locator(".pa-saved")).to_contain_text("已记录：有帮助")
    first.locator("textarea.pa-comment").fill("说得清楚，但没写怎么报名")
    first.get_by_role("button", name="提交意见").click()
    expect(first.locator(".pa-saved")).to_contain_text("意见已保存")
    second.get_by_role("button", name="没帮助").click()
    expect(second.locator(".pa-saved")).to_contain_text("已记录：没帮助")
    assert feedback_rows(live_app, ids) == [
        (ids[0], QUESTION, "up", "说得清楚，但没写怎么报名"),
        (ids[1], "宁夏技术能手的奖励是多少？", "down", ""),
    ]
    expect(first.get_by_role("button", name="有帮助")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("tab", name="文件库").click()
    page.get_by_text("用户反馈（供整理人员查看）").click()
    page.locator("#pa-feedback-export").click()
    link = page.locator("#pa-feedback-file a[download]").first
    with page.expect_download() as download:
        link.click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    mine = [(r["回答编号"], r["评价"], r["意见"]) for r in rows if r["回答编号"] in ids]
    assert mine == [(ids[0], "有帮助", "说得清楚，但没写怎么报名"), (ids[1], "没帮助", "")]


# -- Chinese throughout -------------------------------------------------------------------------------
def test_every_tab_speaks_chinese_and_every_button_says_what_it_does(page):
    ask(page, QUESTION)
    assert latin_words(page) == []
    for tab in ("条款查询", "文件库"):
        page.get_by_role("tab", name=tab).click()
        for panel in page.locator(".label-wrap").all():  # open every accordion of the tab
            if panel.is_visible():
                panel.click()
        assert latin_words(page) == [], tab
    page.get_by_role("tab", name="政策问答").click()
    own = page.locator("#pa-view button, button#pa-send, button#pa-new, button#pa-profile-clear")
    for button in own.all():
        if button.is_visible():
            assert button.inner_text().strip(), button.evaluate("b => b.outerHTML")


def test_a_browser_set_to_english_still_gets_chinese(browser, live_app):
    page = open_page(browser, live_app.url, "desktop", locale="en-US")
    try:
        page.get_by_role("tab", name="文件库").click()
        page.get_by_text("上传新文件").click()
        page.get_by_text("点击上传").first.wait_for()
        assert latin_words(page) == []
    finally:
        page.context.close()


# -- conversation habits ------------------------------------------------------------------------------
def test_an_example_is_sent_when_clicked(page):
    from playwright.sync_api import expect

    example = page.locator("#pa-view .pa-welcome .pa-chip").first
    text = example.inner_text()
    example.click()
    expect(page.locator(FINISHED)).to_have_count(1, timeout=60_000)
    turn = page.locator(FINISHED).first
    expect(turn.locator(".pa-q-text")).to_have_text(text)
    expect(turn.locator(".pa-ref").first).to_be_visible()


def test_text_typed_while_an_answer_streams_is_kept(page):
    from playwright.sync_api import expect

    box = page.locator("#pa-question textarea")
    box.fill(QUESTION)
    box.press("Enter")
    expect(page.locator("#pa-view .pa-pending")).to_have_count(1)
    box.type("那江苏呢")
    expect(page.locator(FINISHED)).to_have_count(1, timeout=60_000)
    page.wait_for_timeout(500)
    expect(box).to_have_value("那江苏呢")


def test_stop_ends_the_answer_and_gives_the_question_back(page):
    from playwright.sync_api import expect

    ask(page, QUESTION)
    box = page.locator("#pa-question textarea")
    box.fill("宁夏技术能手的奖励是多少？")
    box.press("Enter")
    expect(page.locator("#pa-stop")).to_be_visible()
    page.locator("#pa-stop").click()
    expect(page.locator("#pa-view .pa-notice")).to_contain_text("已停止回答")
    expect(box).to_have_value("宁夏技术能手的奖励是多少？")
    expect(page.locator("#pa-send")).to_be_visible()
    assert page.locator(FINISHED).count() == 1
    page.reload()
    expect(page.locator(FINISHED)).to_have_count(1)


def test_regenerate_replaces_the_last_answer(page):
    from playwright.sync_api import expect

    turn = ask(page, QUESTION)
    old = turn.get_attribute("data-turn")
    turn.get_by_role("button", name="重新回答").click()
    expect(page.locator(FINISHED).last).not_to_have_attribute("data-turn", old, timeout=60_000)
    expect(page.locator("#pa-view .pa-pending")).to_have_count(0)
    expect(page.locator(FINISHED)).to_have_count(1)
    expect(page.locator(FINISHED).last.locator(".pa-q-text")).to_have_text(QUESTION)


def test_the_conversation_survives_a_reload_until_a_new_one_is_started(page):
    from playwright.sync_api import expect

    ask(page, QUESTION)
    ask(page, "那江苏呢？")
    page.reload()
    expect(page.locator(FINISHED)).to_have_count(2)
    expect(page.locator(FINISHED).last.locator(".pa-q-text")).to_have_text("那江苏呢？")
    page.locator("#pa-new").click()
    expect(page.locator("#pa-view .pa-welcome")).to_be_visible()
    page.reload()
    expect(page.locator("#pa-view .pa-welcome")).to_be_visible()
    expect(page.locator(FINISHED)).to_have_count(0)


def test_suggested_follow_ups_come_from_the_cited_clauses_and_are_sent_on_click(page):
    from playwright.sync_api import expect

    turn = ask(page, QUESTION)
    chips = turn.locator(".pa-suggest .pa-chip")
    assert 2 <= chips.count() <= 3
    cited = " ".join(turn.locator(".pa-clause").all_text_contents())
    suggestion = chips.first.inner_text()
    subject = suggestion.split("有哪些")[0]
    assert any(subject.endswith(word) and word in cited for word in subject_words(subject)), suggestion
    chips.first.click()
    expect(page.locator(FINISHED)).to_have_count(2, timeout=60_000)
    followed = page.locator(FINISHED).last
    expect(followed.locator(".pa-q-text")).to_have_text(suggestion)
    expect(followed.locator(".pa-ref").first).to_be_visible()


def subject_words(subject: str) -> list[str]:
    """宿迁的高校毕业生 → 宿迁的高校毕业生 … 毕业生: the endings (3 characters or more) a
    suggestion's subject may be cited by, once the place before it is left out."""
    return [subject[i:] for i in range(len(subject) - 2)]


def test_an_empty_or_huge_question_gets_a_clear_word_and_loses_nothing(page, live_app):
    from playwright.sync_api import expect

    send = page.locator("#pa-send")
    expect(send).to_be_disabled()
    box = page.locator("#pa-question textarea")
    box.fill("   ")
    box.press("Enter")
    expect(page.locator("#pa-hint")).to_contain_text("请先输入问题")
    pasted = "补贴" * 2500
    box.fill(pasted)
    expect(page.locator("#pa-hint")).to_contain_text("问题共 5000 字，只会使用前 2000 字")
    expect(send).to_be_enabled()
    assert box.bounding_box()["height"] < 250, "a long paste scrolls inside the box"
    box.fill(f"{SCRIPT}有补贴吗")
    turn = ask(page, f"{SCRIPT}有补贴吗")
    expect(turn.locator(".pa-q-text")).to_have_text(f"{SCRIPT}有补贴吗")


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
