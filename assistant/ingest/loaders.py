"""Read policy documents from .txt, .md, .html, .docx and .pdf into plain text.

Each loader returns the text with one paragraph per line; everything about cleaning
that text happens later, in normalise.py, so every format gets the same rules.
"""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from assistant.ingest.markdown import markdown_text
from assistant.ingest.metadata import PageMeta
from assistant.ingest.safety import UnsafeFile, check_docx, check_size
from assistant.ingest.web_page import page_text
from assistant.settings import UploadSettings

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
DEFAULT_LIMITS = UploadSettings()
# Why a .docx or .pdf cannot be read, as a curator can act on it; the library's own (English)
# words go to the log.
BROKEN_DOCX = "不是可读取的 .docx 文件（文件已损坏，或不是 Word 2007 及以后版本保存的 .docx）"
BROKEN_PDF = "不是可读取的 PDF 文件（文件已损坏或不完整，请重新导出或下载）"

log = logging.getLogger(__name__)


class LoadError(Exception):
    """A file that cannot be read as a policy document. The message, in Chinese, is shown to
    the curator who loaded it."""


class RawDocument(BaseModel):
    source_file: str
    text: str
    format: str
    encoding: str | None = None
    page: PageMeta | None = None  # a web page's own metadata (<meta>, <title>, header table)


def load_file(path: Path, limits: UploadSettings = DEFAULT_LIMITS) -> RawDocument:
    """Read one file, or raise LoadError saying plainly why not."""
    return load_bytes(path.name, read_bounded(path, limits), limits)


def read_bounded(path: Path, limits: UploadSettings = DEFAULT_LIMITS) -> bytes:
    """The file's bytes, refused before reading if it is larger than a file may be."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise LoadError(unsupported_type_message(path))
    try:
        # The size is checked before reading, so a multi-gigabyte file is refused, not loaded;
        # the read stops past the limit too, in case the file grows in between.
        with path.open("rb") as f:
            check_size(os.fstat(f.fileno()).st_size, limits)
            data = f.read(limits.max_file_bytes + 1)
        check_size(len(data), limits)
    except UnsafeFile as exc:
        raise LoadError(str(exc)) from exc
    except OSError as exc:
        raise LoadError(f"无法读取文件：{exc.strerror or exc}") from exc
    return data


def unsupported_type_message(path: Path) -> str:
    """Why a file of this type is not read."""
    suffix = path.suffix.lower()
    return f"不支持的文件类型 {suffix or '（无扩展名）'}，请使用 .txt、.md、.html、.docx 或 .pdf 文件"


def load_bytes(name: str, data: bytes, limits: UploadSettings = DEFAULT_LIMITS) -> RawDocument:
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise LoadError("文件是空的")
    page = None
    try:
        check_size(len(data), limits)
        if suffix == ".docx":
            check_docx(data, limits)
    except UnsafeFile as exc:
        raise LoadError(str(exc)) from exc
    if suffix == ".docx":
        text, encoding = _docx_text(data), None
    elif suffix == ".pdf":
        text, encoding = _pdf_text(data, limits.max_pdf_pages), None
    else:
        text, encoding = decode_text(data)
        if suffix in (".html", ".htm"):
            text, page = page_text(text)
        elif suffix in (".md", ".markdown"):
            text = markdown_text(text)
    if not text.strip():
        raise LoadError("未能从文件中提取到文字")
    return RawDocument(source_file=name, text=text, format=suffix.lstrip("."), encoding=encoding, page=page)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8, else as GB18030 (a superset of GBK and GB2312), else detect."""
    if _looks_binary(data):
        raise LoadError("这看起来是二进制文件，不是文本文件；如果是文本，请另存为 UTF-8 编码后再上传")
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
        raise LoadError("无法判断文件的文字编码（已尝试 UTF-8、GB18030 和自动检测）")
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


def _docx_text(data: bytes) -> str:
    import docx
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a broken zip/xml
        log.info("unreadable .docx: %s: %s", type(exc).__name__, exc)
        raise LoadError(BROKEN_DOCX) from exc
    lines: list[str] = []
    try:
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend(_docx_table_lines(block))
    except Exception as exc:  # broken XML inside a valid zip surfaces only while reading
        log.info("unreadable .docx: %s: %s", type(exc).__name__, exc)
        raise LoadError(BROKEN_DOCX) from exc
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


def _pdf_text(data: bytes, max_pages: int) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError("PDF 文件已加密，无法读取")
        # Counted from the page tree before any page's text is extracted (the costly part).
        pages = len(reader.pages)
        if pages > max_pages:
            raise LoadError(f"PDF 文件有 {pages} 页，超过了 {max_pages} 页的上限，请只上传政策文件本身")
        # A blank line between pages: the normaliser rejoins paragraphs broken by a page.
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except LoadError:
        raise
    except Exception as exc:  # a damaged PDF can fail deep inside pypdf with any error type
        log.info("unreadable PDF: %s: %s", type(exc).__name__, exc)
        raise LoadError(BROKEN_PDF) from exc
