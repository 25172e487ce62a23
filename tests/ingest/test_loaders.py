"""Reading files: every supported format gives the same clauses; a bad file gives a clear
error of its own and never costs the good files beside it. Fixtures are built here."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from assistant.ingest.corpus import build_document, ingest_files, load_corpus
from assistant.ingest.loaders import LoadError, load_file

# Real sentences from 004 (宁人社发〔2021〕151号), enough to make a small document.
TITLE = "“技能宁夏行动”实施方案"
HEADING = "一、目标任务"
BODY = "每年开展政府补贴性职业技能培训5万人次以上，其中企业职工不少于2万人次。"
REWARD = "将自治区技术能手奖励资金调高至1万元。"
TEXT = f"{TITLE}\n{HEADING}\n{BODY}\n二、激励措施\n{REWARD}\n"


def _clause_texts(path: Path) -> list[str]:
    raw = load_file(path)
    return [c.text for c in build_document(path.name, raw.text, None).clauses]


def _holds(texts: list[str], sentence: str) -> bool:
    """Some clause holds the whole sentence (short paragraphs share a clause)."""
    return any(sentence in text for text in texts)


# -- formats ----------------------------------------------------------------------------------


def test_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "ningxia.txt"
    path.write_text(TEXT, encoding="utf-8")
    raw = load_file(path)
    assert (raw.format, raw.encoding) == ("txt", "utf-8")
    assert _holds(_clause_texts(path), BODY)


def test_utf8_text_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "ningxia.txt"
    path.write_bytes(TEXT.encode("utf-8-sig"))
    assert load_file(path).text.startswith(TITLE)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "ningxia.txt"
    path.write_bytes(TEXT.encode(encoding))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # the fixture really is not UTF-8
    raw = load_file(path)
    assert raw.encoding == "gb18030"
    assert raw.text == TEXT
    assert _holds(_clause_texts(path), REWARD)


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "ningxia.html"
    path.write_text(
        "<html><head><title>宁夏人社厅</title><style>p {color: red}</style>"
        "<script>var ad = '九游会';</script></head><body>"
        f"<h1>{TITLE}</h1><p>{HEADING}</p>"
        # inline tags and a line break in the HTML source must not cut the sentence
        "<p><span>每年开展政府补贴性</span><b>职业技能培训</b>5万人次以上，\n"
        "    其中企业职工不少于2万人次。</p>"
        "<p>引导行业企业&ldquo;以工代训&rdquo;&nbsp;开展培训&amp;评价。</p>"
        "<table><tr><th>序号</th><th>项目内容</th><th>主要措施</th><th>进度安排</th></tr>"
        "<tr><td rowspan='2'>1</td><td rowspan='2'>技能提升</td><td>开展补贴性培训。</td><td>全年</td></tr>"
        "<tr><td>落实技能提升补贴。</td><td>3月</td></tr></table>"
        "</body></html>",
        encoding="utf-8",
    )
    raw = load_file(path)
    assert "var ad" not in raw.text and "color" not in raw.text
    texts = _clause_texts(path)
    assert _holds(texts, BODY)
    assert _holds(texts, "引导行业企业“以工代训”开展培训&评价。")
    assert not _holds(texts, "宁夏人社厅")  # the <title> is the browser tab, not the page
    # The row below a rowspan continues row 1, as tab-continued rows do in .txt tables.
    row = next(t for t in texts if t.startswith("序号：1；"))
    assert "主要措施：开展补贴性培训。" in row and "主要措施：落实技能提升补贴。；进度安排：3月" in row


def test_docx_with_a_paragraph_and_a_table(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in (TITLE, HEADING, BODY):
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=4)
    for cell, text in zip(table.rows[0].cells, ["序号", "项目内容", "主要措施", "进度安排"], strict=True):
        cell.text = text
    table.cell(1, 0).merge(table.cell(2, 0)).text = "1"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "技能激励"
    table.cell(1, 2).text, table.cell(1, 3).text = REWARD, "全年"
    table.cell(2, 2).text, table.cell(2, 3).text = "选拔优秀高技能人才享受政府特殊津贴。", "5月"
    path = tmp_path / "ningxia.docx"
    document.save(str(path))

    texts = _clause_texts(path)
    assert _holds(texts, BODY)
    rows = [t for t in texts if t.startswith("序号：")]
    assert len(rows) == 1  # the merged 序号 cell is one row, not two rows numbered 1
    assert REWARD in rows[0] and "选拔优秀高技能人才享受政府特殊津贴。；进度安排：5月" in rows[0]


def test_pdf_with_chinese_text(tmp_path: Path) -> None:
    # reportlab's built-in CID font STSong-Light needs no font file, and pypdf extracts
    # its text as real Chinese (checked here, not assumed).
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "ningxia.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 12)
    for n, line in enumerate((TITLE, HEADING, BODY)):
        pdf.drawString(40, 800 - 20 * n, line)
    pdf.showPage()
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(40, 800, "二、激励措施")
    pdf.drawString(40, 780, REWARD)
    pdf.save()

    raw = load_file(path)
    assert raw.format == "pdf"
    texts = _clause_texts(path)
    assert _holds(texts, BODY) and _holds(texts, REWARD)


# -- unreadable files ------------------------------------------------------------------------


def _minimal_pdf(stream: bytes, filter_name: str) -> bytes:
    """A structurally valid one-page PDF whose content stream cannot be decoded."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} /Filter /{filter_name} >>\nstream\n".encode() + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _corrupt_docx() -> bytes:
    # A real zip whose document.xml is not XML: python-docx fails while parsing.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "不是XML")
    return buffer.getvalue()


BAD_FILES = {
    "junk.txt": (bytes(range(256)) + b"\x00" * 512, "这看起来是二进制文件，不是文本文件"),
    "empty.txt": (b"", "文件是空的"),
    "blank.html": (b"<html><body><script>var x = 1;</script></body></html>", "未能从文件中提取到文字"),
    "broken.docx": (b"PK\x03\x04 this is not a zip archive", "不是可读取的 .docx 文件"),
    "notxml.docx": (_corrupt_docx(), "不是可读取的 .docx 文件"),
    "broken.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "不是可读取的 PDF 文件"),
    "undecodable.pdf": (_minimal_pdf(b"BT /F1 12 Tf ~~~~ zz", "ASCII85Decode"), "不是可读取的 PDF 文件"),
    "table.xlsx": (
        b"PK\x03\x04 a spreadsheet",
        "不支持的文件类型 .xlsx，请使用 .txt、.md、.html、.docx 或 .pdf 文件",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_an_unreadable_file_says_why(tmp_path: Path, name: str) -> None:
    data, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError) as error:
        load_file(path)
    assert str(error.value).startswith(message)
    # A curator reads this: no words of the library that failed, only names of formats.
    said = re.sub(r"\.[A-Za-z0-9]+", "", str(error.value))  # .xlsx, .docx …
    words = set(re.findall(r"[A-Za-z]{2,}", said)) - {"PDF", "UTF", "GB", "Word"}
    assert not words, str(error.value)


def test_a_folder_with_good_and_bad_files_loads_every_good_one(tmp_path: Path) -> None:
    (tmp_path / "a_ningxia.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b_ningxia_gbk.txt").write_bytes(TEXT.replace("5万", "6万").encode("gbk"))
    for name, (data, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "overrides.yaml").write_text("a_ningxia.txt:\n  doc_id: ningxia\n", encoding="utf-8")

    corpus, reports = load_corpus(tmp_path)

    assert [d.doc_id for d in corpus.documents] == ["ningxia", "b-ningxia-gbk"]
    errors = {e.file: e.message for e in corpus.errors}
    assert sorted(errors) == sorted(BAD_FILES)
    for name, (_, message) in BAD_FILES.items():
        assert errors[name].startswith(message), name
    assert {r.file for r in reports if not r.ok} == set(BAD_FILES)


def test_a_duplicate_document_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(TEXT.encode("gbk"))  # same text, another encoding
    corpus, _ = load_corpus(tmp_path)
    assert [d.meta.source_file for d in corpus.documents] == ["a.txt"]
    assert [(e.file, e.message) for e in corpus.errors] == [("b.txt", "与 a.txt 内容相同，已跳过")]


def test_ingest_recognises_a_document_already_in_the_corpus_and_adds_no_copy(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(TEXT, encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(TEXT, encoding="utf-8")
    [report] = ingest_files([copy], sources)
    assert (report.ok, report.unchanged, report.doc_id) == (True, True, "a")
    assert report.note == "与文件库中的 a.txt 内容相同，未重复加入"
    assert not (sources / "copy.txt").exists()


def test_a_missing_sources_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    corpus, _ = load_corpus(tmp_path / "nowhere")
    assert corpus.documents == []
    assert [e.message for e in corpus.errors] == ["文件目录不存在"]


@pytest.mark.parametrize("overrides", ["a.txt: [1, 2\n", "- a.txt\n- b.txt\n"])
def test_a_broken_overrides_file_costs_only_the_overrides(tmp_path: Path, overrides: str) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "overrides.yaml").write_text(overrides, encoding="utf-8")
    corpus, _ = load_corpus(tmp_path)
    assert [d.doc_id for d in corpus.documents] == ["a"]
    [error] = corpus.errors
    assert error.file == "overrides.yaml" and error.message.startswith("overrides.yaml 未生效：")
