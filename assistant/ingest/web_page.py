"""Saved web pages: the main content, the page's own metadata, and text one block a line.

A government page wraps its notice in navigation, a search box, breadcrumbs, share and
print links, related links and a footer (主办单位, 网站标识码, ICP备案), and some repeat the
whole body in a hidden print copy. The main content is found by readability-lxml, chosen
by measurement on saved government pages (README, "Web pages"): it kept every body
sentence and no navigation or footer text, where trafilatura let 上一篇 and 责任编辑
lines through and jusText, lacking a Chinese stoplist, kept nothing. Elements hidden by
their inline style are dropped first, and a copy that is still repeated is removed later
by the normaliser.

The page's metadata comes from its <meta> tags (ArticleTitle, PubDate, ContentSource,
which most government sites carry), its <title>, and the header table of a policy page
(发文机关, 发文字号, 成文日期 …), which the main content usually leaves out.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from assistant.ingest.header import LABELS
from assistant.ingest.metadata import PageMeta
from assistant.text.chinese import cjk_count

log = logging.getLogger(__name__)

_META_NAMES = {
    "article_title": ("articletitle", "article_title", "dc.title"),
    "published": ("pubdate", "publishdate", "firstpublishedtime", "dc.date"),
    "source": ("contentsource", "source", "dc.publisher"),
}
_LABEL_NAMES = {name for key, names in LABELS.items() if key != "other" for name in names}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MIN_MAIN_CJK = 40  # less than this means the extractor missed the notice: use the whole page


def page_text(html: str) -> tuple[str, PageMeta]:
    """The notice's text (header-table fields first, as `label：value` lines) and the page's metadata."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    meta = _page_meta(soup)
    labels = _header_table(soup)
    for tag in soup.find_all(style=_HIDDEN):
        tag.decompose()
    for tag in soup(["script", "style", "noscript", "iframe", "form", "input", "button", "select"]):
        tag.decompose()
    whole = html_text(str(soup))
    main = _main_content(str(soup))
    text = main if cjk_count(main) >= _MIN_MAIN_CJK else whole
    header = [f"{label}：{value}" for label, value in labels if value not in text]
    return "\n".join([*header, text]), meta


def _main_content(html: str) -> str:
    try:
        from readability import Document

        return html_text(Document(html).summary(html_partial=True))
    except Exception as exc:  # a page readability cannot parse is read whole instead
        log.warning("正文提取失败（%s），改为读取整个网页", type(exc).__name__)
        return ""


def _page_meta(soup: Any) -> PageMeta:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        name = str(tag.get("name") or tag.get("property") or "").strip().lower()
        content = " ".join(str(tag.get("content") or "").split())
        for key, names in _META_NAMES.items():
            if name in names and content and key not in found:
                found[key] = content
    title = soup.find("title")
    if title is not None and title.get_text(strip=True):
        found["title"] = " ".join(title.get_text().split())
    return PageMeta(**found)


def _header_table(soup: Any) -> list[tuple[str, str]]:
    """(label, value) pairs of a policy page's header table: 发文字号 | 人社部发〔2024〕18号."""
    pairs: list[tuple[str, str]] = []
    for row in soup.find_all("tr"):
        cells = [" ".join(c.get_text(" ").split()) for c in row.find_all(["td", "th"])]
        for i, cell in enumerate(cells[:-1]):
            label = re.sub(r"\s+", "", cell).rstrip("：:")
            if label in _LABEL_NAMES and cells[i + 1] and label not in dict(pairs):
                pairs.append((label, cells[i + 1]))
    return pairs


# Elements that start a new line when a browser renders the page; everything else (span, b,
# a, font …) is inline and must not cut a sentence apart.
_BLOCK_TAGS = [
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "ul",
]  # fmt: skip


def html_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(html, "lxml")
    # <title> is the browser tab's text, not the page: often the site name, never the body.
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "iframe", "title"]):
        tag.decompose()
    # Line breaks in the HTML source are only layout: a browser shows them as one space.
    for string in soup.find_all(string=True):
        if type(string) is NavigableString and string.find_parent("pre") is None:
            string.replace_with(re.sub(r"\s+", " ", str(string)))
    for table in soup.find_all("table"):
        # Table rows become tab-separated lines, the same shape as tables in .txt sources.
        lines = _html_table_lines(table)
        table.replace_with(soup.new_string("\n" + "\n".join(lines) + "\n"))
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    # Only spaces are trimmed: leading tabs are the empty cells of a continued table row.
    lines = (line.strip(" ") for line in soup.get_text().split("\n"))
    return "\n".join(line for line in lines if line.strip())


def _html_table_lines(table: Any) -> list[str]:
    """Tab-separated rows; a cell spanning rows or columns leaves the cells it covers empty.

    Empty cells mean "same as above" in the tab tables of .txt sources (002's attachment 2),
    so a rowspan keeps the columns of the rows below it aligned with the header.
    """
    lines: list[str] = []
    pending: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    for row in table.find_all("tr"):
        cells: list[str] = []
        column = 0
        for cell in row.find_all(["td", "th"]):
            while pending.get(column):
                pending[column] -= 1
                cells.append("")
                column += 1
            span = _span(cell.get("colspan"))
            down = _span(cell.get("rowspan")) - 1
            cells.append(" ".join(cell.get_text(" ").split()))
            cells.extend([""] * (span - 1))
            for covered in range(column, column + span):
                if down:
                    pending[covered] = down
            column += span
        while any(rows for col, rows in pending.items() if col >= column):
            if pending.get(column):
                pending[column] -= 1
            cells.append("")
            column += 1
        lines.append("\t".join(cells).rstrip("\t"))
    return lines


def _span(value: object) -> int:
    try:
        return max(1, min(int(str(value)), 1000))
    except ValueError:
        return 1
