"""Read policy documents from .txt, .html, .docx and .pdf into plain text.

Each loader returns the text with one paragraph per line; everything about cleaning
that text happens later, in normalise.py, so every format gets the same rules.
"""

from __future__ import annotations

import io
from pathlib import Path

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
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type {suffix or '(none)'}; use .txt .html .docx .pdf")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from exc
    return load_bytes(path.name, data)


def load_bytes(name: str, data: bytes) -> RawDocument:
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise LoadError("the file is empty")
    if len(data) > MAX_BYTES:
        raise LoadError(f"the file is {len(data) // 1024 // 1024} MB; the limit is 20 MB")
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
        raise LoadError("this looks like a binary file, not a text document")
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


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOM: text, handled by detection
        return False
    return sample.count(b"\x00") > len(sample) // 100


def html_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "iframe"]):
        tag.decompose()
    for row in soup.find_all("tr"):
        # Table rows become tab-separated lines, the same shape as tables in .txt sources.
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
        row.replace_with(soup.new_string("\n" + "\t".join(cells) + "\n"))
    return soup.get_text("\n")


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
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend("\t".join(cell.text.strip() for cell in row.cells) for row in block.rows)
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError("the PDF is encrypted")
        # A blank line between pages: the normaliser rejoins paragraphs broken by a page.
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except PdfReadError as exc:
        raise LoadError(f"not a readable PDF ({exc})") from exc
