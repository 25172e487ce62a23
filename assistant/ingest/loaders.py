"""Read policy documents from .txt, .html, .docx and .pdf into plain text.

Each loader returns the text with one paragraph per line; everything about cleaning
that text happens later, in normalise.py, so every format gets the same rules.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
MAX_BYTES = 20 * 1024 * 1024  # a policy notice is tens of KB; 20 MB is a mistake or an attack


class LoadError(Exception):
    """A file that cannot be read as a policy document. The message is shown to the user."""


class RawDocument(BaseModel):
    source_file: str
    text: str
    format: str
    encoding: str | None = None


def load_file(path: Path) -> RawDocument:
    """Read one file, or raise LoadError saying plainly why not."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise LoadError(unsupported_type_message(path))
    try:
        # The size is checked before reading, so a multi-gigabyte file is refused, not loaded.
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(_too_large(size))
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from exc
    return load_bytes(path.name, data)


def _too_large(size: int) -> str:
    return f"the file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB"


def unsupported_type_message(path: Path) -> str:
    """Why a file of this type is not read."""
    suffix = path.suffix.lower()
    return f"unsupported file type {suffix or '(none)'}; use .txt .html .docx .pdf"


def load_bytes(name: str, data: bytes) -> RawDocument:
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise LoadError("the file is empty")
    if len(data) > MAX_BYTES:
        raise LoadError(_too_large(len(data)))
    if suffix == ".docx":
        text, encoding = _docx_text(data), None
    elif suffix == ".pdf":
        text, encoding = _pdf_text(data), None
    else:
        text, encoding = decode_text(data)
        if suffix in (".html", ".htm"):
            text = html_text(text)
    if not text.strip():
        raise LoadError("no text could be extracted from the file")
    return RawDocument(source_file=name, text=text, format=suffix.lstrip("."), encoding=encoding)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8, else as GB18030 (a superset of GBK and GB2312), else detect."""
    if _looks_binary(data):
        raise LoadError(
            "this looks like a binary file, not a text document (UTF-16 text needs a byte-order mark; "
            "save it as UTF-8)"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise LoadError("cannot determine the text encoding (tried UTF-8, GB18030 and detection)")
    return str(best), best.encoding


# Control bytes other than tab, newline, form feed and carriage return: text has almost none,
# while images, archives and executables are full of them (about 11% of random bytes).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOM: text, handled by detection
        return False
    if sample.count(b"\x00") > len(sample) // 100:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) // 20


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


def _docx_text(data: bytes) -> str:
    import docx
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a broken zip/xml
        raise LoadError(f"not a readable .docx file ({type(exc).__name__})") from exc
    lines: list[str] = []
    try:
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend(_docx_table_lines(block))
    except Exception as exc:  # broken XML inside a valid zip surfaces only while reading
        raise LoadError(f"not a readable .docx file ({type(exc).__name__})") from exc
    return "\n".join(lines)


def _docx_table_lines(table: Any) -> list[str]:
    """Tab-separated rows. python-docx repeats a merged cell in every grid cell it covers;
    it is written once and the covered cells are left empty, as in .txt tables."""
    lines: list[str] = []
    above: list[Any] = []
    for row in table.rows:
        cells = list(row.cells)
        texts = []
        for i, cell in enumerate(cells):
            spanned = i > 0 and cells[i - 1]._tc is cell._tc
            merged_down = i < len(above) and above[i]._tc is cell._tc
            texts.append("" if spanned or merged_down else " ".join(cell.text.split()))
        lines.append("\t".join(texts).rstrip("\t"))
        above = cells
    return lines


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError("the PDF is encrypted")
        # A blank line between pages: the normaliser rejoins paragraphs broken by a page.
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except LoadError:
        raise
    except PdfReadError as exc:
        raise LoadError(f"not a readable PDF ({exc})") from exc
    except Exception as exc:  # a damaged PDF can fail deep inside pypdf with any error type
        raise LoadError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
