"""Lay the test notices out in a folder as a curator would receive them.

The .txt, .md and .html notices are stored as they are. The .docx and .pdf ones are
stored as their text (`name.docx.src`, `name.pdf.src`) and rendered here, so a reviewer
can read them: a .docx puts each line in a paragraph and each run of tab-separated lines
in a Word table; a .pdf wraps lines at the width of an A4 page in a Song typeface, the
way a notice printed to PDF breaks its paragraphs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

SOURCES = Path(__file__).resolve().parent / "sources"
EXPECTED = Path(__file__).resolve().parent / "expected.yaml"
_PDF_LINE_CHARS = 36  # characters of 10.5 pt Song on an A4 line with 2.5 cm margins
_PDF_PAGE_LINES = 38


def build_notices(target: Path) -> list[Path]:
    """Every test notice, in its own format, in `target`; returns their paths."""
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for source in sorted(SOURCES.iterdir()):
        if source.suffix == ".src":
            path = target / source.stem
            text = source.read_text("utf-8")
            (_write_docx if path.suffix == ".docx" else _write_pdf)(text, path)
        else:
            path = target / source.name
            shutil.copyfile(source, path)
        paths.append(path)
    return paths


def _write_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    table_rows: list[list[str]] = []

    def flush_table() -> None:
        if not table_rows:
            return
        columns = max(len(row) for row in table_rows)
        table = document.add_table(rows=len(table_rows), cols=columns)
        for r, row in enumerate(table_rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
        table_rows.clear()

    for line in text.splitlines():
        if "\t" in line:
            table_rows.append(line.split("\t"))
            continue
        flush_table()
        document.add_paragraph(line)
    flush_table()
    document.save(str(path))


def _write_pdf(text: str, path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    lines = [
        paragraph[start : start + _PDF_LINE_CHARS]
        for paragraph in text.splitlines()
        for start in range(0, max(len(paragraph), 1), _PDF_LINE_CHARS)
    ]
    for page_start in range(0, len(lines), _PDF_PAGE_LINES):
        pdf.setFont("STSong-Light", 10.5)
        y = 780
        for line in lines[page_start : page_start + _PDF_PAGE_LINES]:
            pdf.drawString(60, y, line)
            y -= 20
        pdf.showPage()
    pdf.save()
