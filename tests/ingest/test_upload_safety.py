"""Uploads that attack: zip bombs and entity tricks in .docx, a PDF of too many pages, files
over the size limits, names that are paths or hide the file, a web page full of scripts.
Each is refused (or neutralised) with a Chinese message naming the file, the rest of the
upload still loads, and nothing is written outside the sources folder.

Every attacking file is built here, tiny: the bombs are a few KB that claim gigabytes.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest

from assistant.documents import DocumentStore
from assistant.ingest.corpus import FileReport, ingest_files, load_corpus
from assistant.ingest.loaders import LoadError, load_bytes
from assistant.ingest.safety import UnsafeFile, safe_file_name
from assistant.settings import UploadSettings

# Real sentences from 004 (宁人社发〔2021〕151号) and 000 (宿人社发〔2022〕8号).
NINGXIA = (
    "“技能宁夏行动”实施方案\n一、目标任务\n"
    "每年开展政府补贴性职业技能培训5万人次以上，其中企业职工不少于2万人次。\n"
    "二、激励措施\n将自治区技术能手奖励资金调高至1万元。\n"
)
SUQIAN = (
    "“技能宿迁”行动（2022—2024年）实施方案\n一、主要目标\n"
    "到2024年底，全市新增技能人才10万人，其中高技能人才3万人。\n"
    "二、重点任务\n着力发挥就业培训的基础性作用，按照规定落实职业培训补贴。\n"
)
BOMB = "可能是压缩炸弹"
MB = 1024 * 1024


def docx_bytes(text: str = NINGXIA) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The same .docx with some members replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, (replace or {}).get(item.filename, src.read(item)))
        for name, blob in (add or {}).items():
            dst.writestr(name, blob)
    return out.getvalue()


def with_doctype(data: bytes, doctype: str, body_entity: str) -> bytes:
    """document.xml with a DOCTYPE declaring entities, and a paragraph that uses one."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    head, rest = xml.split("?>", 1)
    run = f"<w:p><w:r><w:t>{body_entity}</w:t></w:r></w:p>"
    rest = rest.replace("<w:body>", f"<w:body>{run}", 1)
    return rezip(data, replace={"word/document.xml": f"{head}?>{doctype}{rest}".encode()})


LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)).replace(
        "&lol0;", "&lol;"
    )
    + "]>"
)


def pdf_bytes(pages: int) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for n, line in enumerate((NINGXIA.splitlines() * pages)[:pages]):
        pdf.setFont("STSong-Light", 12)
        pdf.drawString(40, 800, f"第{n + 1}页 {line}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def refused(data: bytes, name: str, limits: UploadSettings | None = None) -> str:
    with pytest.raises(LoadError) as error:
        load_bytes(name, data, limits or UploadSettings())
    return str(error.value)


# -- .docx ------------------------------------------------------------------------------------


def test_a_real_docx_still_loads() -> None:
    assert "技术能手奖励资金调高至1万元" in load_bytes("ningxia.docx", docx_bytes()).text


def test_a_docx_member_that_unzips_a_thousandfold_is_refused_before_it_is_unzipped() -> None:
    bomb = rezip(docx_bytes(), add={"word/media/padding.xml": b"\0" * (4 * 1024 * 1024)})
    assert len(bomb) < 100_000  # a few KB on the wire
    message = refused(bomb, "bomb.docx")
    assert "word/media/padding.xml" in message and "压缩比" in message and BOMB in message


def test_a_docx_that_unzips_past_the_size_limit_is_refused() -> None:
    # Each member compresses like ordinary Word XML (text, not zeros), only their sum is too big.
    filler = ("<w:t>" + NINGXIA * 50 + "</w:t>").encode()
    members = {f"word/part{i}.xml": filler for i in range(60)}
    big = rezip(docx_bytes(), add=members)
    message = refused(big, "big.docx", UploadSettings(max_docx_mb=1))
    assert "解压后" in message and "1 MB 的上限" in message


def test_a_docx_of_thousands_of_members_is_refused() -> None:
    many = rezip(docx_bytes(), add={f"word/extra/item{i}.xml": b"<a/>" for i in range(2100)})
    assert "技术能手" in load_bytes("many.docx", many, UploadSettings(max_docx_members=5000)).text
    message = refused(many, "many.docx")
    assert "个部件" in message and "2000 个的上限" in message


def test_billion_laughs_in_a_docx_is_refused() -> None:
    message = refused(with_doctype(docx_bytes(), LAUGHS, "&lol9;"), "laughs.docx")
    assert "DOCTYPE" in message


def test_an_external_entity_in_a_docx_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("绝密口令-7731", "utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    message = refused(with_doctype(docx_bytes(), doctype, "&xxe;"), "xxe.docx")
    assert "DOCTYPE" in message and "绝密口令" not in message


def test_without_the_doctype_check_python_docx_neither_expands_nor_fetches(tmp_path: Path) -> None:
    """The second line of defence, should an entity slip past the check: python-docx parses
    with resolve_entities=False, so an external entity stays an unexpanded reference, and
    libxml2 stops a billion laughs at its amplification limit (a broken .docx, not a hang)."""
    import docx
    from lxml import etree

    secret = tmp_path / "secret.txt"
    secret.write_text("绝密口令-7731", "utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    data = with_doctype(docx_bytes(), doctype, "&xxe;")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "技术能手奖励资金调高至1万元" in text and "绝密口令" not in text
    with pytest.raises(etree.XMLSyntaxError, match="amplification"):
        docx.Document(io.BytesIO(with_doctype(docx_bytes(), LAUGHS, "&lol9;")))


# -- PDF and size -----------------------------------------------------------------------------


def test_a_pdf_over_the_page_limit_is_refused_and_one_within_it_loads() -> None:
    limits = UploadSettings(max_pdf_pages=5)
    assert "第5页" in load_bytes("five.pdf", pdf_bytes(5), limits).text
    message = refused(pdf_bytes(6), "six.pdf", limits)
    assert message.startswith("PDF 文件有 6 页，超过了 5 页的上限")


def flate_bomb_pdf(inflated_mb: int) -> bytes:
    """A one-page PDF whose content stream is a few hundred KB that inflate to `inflated_mb`
    MB of spaces, compressed a MB at a time so the test itself never holds them."""
    packer = zlib.compressobj(9)
    stream = b"".join(packer.compress(b" " * MB) for _ in range(inflated_mb)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_a_pdf_whose_page_inflates_to_100_mb_is_refused_not_inflated() -> None:
    """pypdf stops inflating a stream at its own output limit, so the page has no text and
    the 100 MB are never held (spaces alone have no text either: memory is the proof)."""
    import tracemalloc

    bomb = flate_bomb_pdf(100)
    assert len(bomb) < 500_000
    tracemalloc.start()
    try:
        said = refused(bomb, "bomb.pdf")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert said == "未能从文件中提取到文字"
    assert peak < 50 * MB, f"{peak / MB:.0f} MB held while reading"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "upload" / "huge.txt"
    huge.parent.mkdir()
    with huge.open("wb") as f:  # sparse: 3 MB on paper, nothing on disk
        f.truncate(3 * 1024 * 1024)
    [report] = ingest_files([huge], tmp_path / "sources", UploadSettings(max_file_mb=2))
    assert (report.file, report.ok) == ("huge.txt", False)
    assert report.error == "文件大小为 3.0 MB，超过了 2 MB 的上限"


# -- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("../../x.md", "x.md"),
        ("..\\..\\windows\\x.md", "x.md"),
        ("/etc/cron.d/x.txt", "x.txt"),
        (".hidden.txt", "hidden.txt"),
        ("...txt.txt", "txt.txt"),
        ("通知\n第2号\x1b[31m.txt", "通知第2号[31m.txt"),
        ("evil\u202etxt.md", "eviltxt.md"),  # a right-to-left override would disguise the type
        ("<img src=x onerror=alert(1)>.txt", "<img src=x onerror=alert(1)>.txt"),  # legal; shown escaped
        ("宁" * 200 + ".txt", "宁" * 65 + ".txt"),  # cut to fit a file system's name limit
    ],
)
def test_a_stored_name_is_its_last_part_cleaned(given: str, stored: str) -> None:
    assert safe_file_name(given) == stored


@pytest.mark.parametrize("given", ["..", "../..", ".", "\x00\x01", "..\\..\\", " . "])
def test_a_name_with_nothing_left_is_refused_in_chinese(given: str) -> None:
    with pytest.raises(UnsafeFile, match="不可用"):
        safe_file_name(given)


# -- one upload with every attack in it ----------------------------------------------------------


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_hostile_upload_is_refused_file_by_file_and_nothing_lands_outside_the_sources(
    tmp_path: Path,
) -> None:
    root = tmp_path / "root"
    sources = root / "srv" / "sources"
    sources.mkdir(parents=True)
    (root / "srv" / "keep.txt").write_text("不能被覆盖", "utf-8")
    upload = root / "upload" / "deep"
    upload.mkdir(parents=True)
    page = (
        "<html><head><script>alert('页面脚本')</script></head>"
        "<body onload=\"alert('onload')\"><h1>关于做好技能人才工作的通知</h1>"
        "<p>对取得高级工证书的人员，按规定给予每人2000元的技能提升补贴。</p>"
        "<p><a href=\"javascript:alert('链接')\">点此申报</a><img src=x onerror=\"alert('图片')\"></p>"
        "<p>二、补贴资金从就业补助资金中列支，由各地人社部门负责审核发放。</p></body></html>"
    )
    files = {
        "ningxia.docx": docx_bytes(NINGXIA),
        "bomb.docx": rezip(docx_bytes(SUQIAN), add={"word/padding.xml": b"\0" * (4 * 1024 * 1024)}),
        "laughs.docx": with_doctype(docx_bytes(SUQIAN), LAUGHS, "&lol9;"),
        "many.pdf": pdf_bytes(7),
        # A name that climbs out of the sources folder, once cleaned: only its last part stays.
        "..\\..\\keep.txt": SUQIAN.encode(),
        ".page.html": page.encode(),
    }
    paths = []
    for name, data in files.items():
        (upload / name).write_bytes(data)
        paths.append(upload / name)
    before = tree(root)

    limits = UploadSettings(max_pdf_pages=5)
    reports = {r.file: r for r in DocumentStore(sources, limits).add(paths)}

    assert {name: r.ok for name, r in reports.items()} == {
        "ningxia.docx": True,
        "bomb.docx": False,
        "laughs.docx": False,
        "many.pdf": False,
        "keep.txt": True,
        "page.html": True,
    }
    assert BOMB in reports_error(reports["bomb.docx"]) and "DOCTYPE" in reports_error(reports["laughs.docx"])
    assert "7 页" in reports_error(reports["many.pdf"])
    assert reports["keep.txt"].note == "文件名含路径或特殊字符，已保存为 keep.txt"
    after = tree(root)
    added = {name: data for name, data in after.items() if before.get(name) != data}
    assert sorted(added) == ["srv/sources/keep.txt", "srv/sources/ningxia.docx", "srv/sources/page.html"]
    assert after["srv/keep.txt"] == "不能被覆盖".encode()
    assert all(name in after for name in before), "nothing was removed"

    # The library now holds the three good files; the page's scripts never reached it.
    corpus, _ = load_corpus(sources)
    text = "\n".join(c.text for d in corpus.documents for c in d.clauses)
    assert "每人2000元的技能提升补贴" in text and "技术能手奖励资金调高至1万元" in text
    for trace in ("alert", "javascript", "onload", "onerror", "<"):
        assert trace not in text, trace


def reports_error(report: FileReport) -> str:
    return report.error or ""


def test_an_upload_over_its_total_size_keeps_the_files_that_fit(tmp_path: Path) -> None:
    upload = tmp_path / "upload"
    upload.mkdir()
    first, second, third = upload / "ningxia.txt", upload / "suqian.txt", upload / "short.txt"
    first.write_text(NINGXIA * 4, "utf-8")
    second.write_text(SUQIAN * 4, "utf-8")
    third.write_text("关于技能补贴的通知\n一、取得证书的人员按规定给予每人1000元补贴。\n", "utf-8")
    budget_mb = (first.stat().st_size + third.stat().st_size + 10) / 1024 / 1024
    reports = ingest_files(
        [first, second, third], tmp_path / "sources", UploadSettings(max_request_mb=budget_mb)
    )
    assert [(r.file, r.ok) for r in reports] == [
        ("ningxia.txt", True),
        ("suqian.txt", False),
        ("short.txt", True),
    ]
    assert "本次上传的文件合计超过" in reports_error(reports[1]) and "suqian.txt 未加入" in reports_error(
        reports[1]
    )
    assert sorted(p.name for p in (tmp_path / "sources").iterdir()) == ["ningxia.txt", "short.txt"]


def test_replacing_with_a_hostile_file_keeps_the_old_version(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "ningxia.docx").write_bytes(docx_bytes())
    store = DocumentStore(sources)
    [added] = store.add([upload / "ningxia.docx"])
    bomb = upload / "ningxia-v2.docx"
    bomb.write_bytes(rezip(docx_bytes(SUQIAN), add={"word/padding.xml": b"\0" * (4 * 1024 * 1024)}))
    report = store.replace(str(added.doc_id), bomb)
    assert not report.ok and BOMB in reports_error(report)
    assert sorted(p.name for p in sources.iterdir() if not p.name.endswith(".yaml")) == ["ningxia.docx"]
    renamed = upload / ".ningxia-v3.docx"
    renamed.write_bytes(docx_bytes(NINGXIA.replace("1万元", "2万元")))
    report = store.replace(str(added.doc_id), renamed)
    assert report.ok and report.file == "ningxia-v3.docx"
    assert sorted(p.name for p in sources.iterdir() if not p.name.endswith(".yaml")) == ["ningxia-v3.docx"]
