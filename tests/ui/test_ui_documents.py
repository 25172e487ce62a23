"""The documents tab's handlers: the library table, upload, corrections saved as curator
overrides, replacement by a new version, removal after a confirmation, start-up, feedback.

Most tests run on an empty library in a temp folder, with a stand-in index: it is the
sources as they were at the last rebuild, and it counts the rebuilds the tab asks for, so a
test can say which actions rebuild (and that the table shows only what was rebuilt). The
last tests use the real assistant over a copy of the five documents.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import threading
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import gradio as gr
import pytest
import yaml

from assistant.accounts import Sessions, access_for
from assistant.documents import DocumentStore
from assistant.models import Answer
from assistant.settings import PathSettings, load_settings
from tests.notices.build import build_notices
from ui.documents import FORM_FIELDS, UPLOAD_TYPES, DocumentHandlers
from ui.lookup import ALL, LookupHandlers
from ui.services import Services

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"
NANJING = "nj-zhengce-qingdan-2024"


class LibraryIndex:
    """Stands in for PolicyAssistant: its index is the sources as of the last rebuild."""

    def __init__(self, sources_dir: Path) -> None:
        self.sources_dir = sources_dir
        self.rebuilds = 0
        self.fail_next = False
        self._documents: list[Any] = []

    def reload(self, progress=None) -> None:  # progress: BuildProgress | None
        if self.fail_next:
            self.fail_next = False
            raise OSError("disk full")
        self.rebuilds += 1
        self._documents = DocumentStore(self.sources_dir).documents()
        for stage, total in (("clauses", 4), ("sentences", 10)):  # as the index build reports
            for done in range(0, total + 1, 2):
                if progress is not None:
                    progress(stage, done, total)

    def documents(self):  # -> list[DocumentMeta]
        return [d.meta for d in self._documents]

    def clauses(self, doc_id: str):  # -> list[Clause]
        return next((d.clauses for d in self._documents if d.doc_id == doc_id), [])


@pytest.fixture(scope="module")
def notices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test notices in their own formats (.txt, .md, .html, .docx, .pdf)."""
    return {p.name: p for p in build_notices(tmp_path_factory.mktemp("uploads"))}


@pytest.fixture
def docs(tmp_path: Path) -> DocumentHandlers:
    paths = PathSettings(
        sources_dir=tmp_path / "sources",
        index_dir=tmp_path / "index",
        feedback_db=tmp_path / "f.db",
        users_file=tmp_path / "users.json",
    )
    settings = load_settings(paths=paths, today=dt.date(2026, 11, 21))
    services = SimpleNamespace(
        settings=settings,
        assistant=LibraryIndex(tmp_path / "sources"),
        ingest_lock=threading.Lock(),
        # No account and a loopback address: the caller is the local curator.
        access=access_for(settings, "127.0.0.1"),
        sessions=Sessions(),
    )
    return DocumentHandlers(services)  # type: ignore[arg-type]


def rebuilds(docs: DocumentHandlers) -> int:
    return docs.services.assistant.rebuilds


def rows(table: str) -> dict[str, str]:
    """Each table row's HTML by its document id."""
    return dict(re.findall(r'<tr data-doc="([^"]+)">(.*?)</tr>', table))


def cell(row: str, label: str) -> str:
    return re.search(rf'<td data-label="{label}">(.*?)</td>', row).group(1)


def form(docs: DocumentHandlers, doc_id: str, **changes: str) -> list[str]:
    """The form as picking the document fills it, with some boxes retyped."""
    values = dict(zip(FORM_FIELDS, docs.fields(doc_id), strict=True))
    return [changes.get(name, value) for name, value in values.items()]


def upload(docs: DocumentHandlers, *paths: Path) -> tuple[str, str]:
    report, table, *_ = docs.upload([str(p) for p in paths])
    return report, table


# -- upload ---------------------------------------------------------------------------------
class RecordingProgress:
    """Stands in for gr.Progress: every (fraction, description) the upload showed."""

    def __init__(self) -> None:
        self.shown: list[tuple[float, str]] = []

    def __call__(self, fraction: float, desc: str = "") -> None:
        self.shown.append((fraction, desc))


def test_an_upload_shows_what_is_being_embedded_and_how_far(docs: DocumentHandlers, notices):
    progress = RecordingProgress()
    docs.upload([str(notices["sz-peiyang-xize-2024.md"])], progress=progress)
    said = [desc for _, desc in progress.shown]
    assert "正在更新索引：计算条款向量 2/4" in said
    assert "正在更新索引：计算句子向量 10/10" in said
    fractions = [f for f, _ in progress.shown]
    assert fractions == sorted(fractions), "the bar only moves forward"
    embedding = [f for f, d in progress.shown if "向量" in d]
    assert len(set(embedding)) >= 6, "the bar moves while embedding, not stuck at one number"
    assert said[-1] == "完成"


def test_every_format_can_be_chosen_for_upload_markdown_included():
    assert {".txt", ".md", ".html", ".htm", ".docx", ".pdf"} <= set(UPLOAD_TYPES)


def test_an_upload_adds_the_good_files_says_in_chinese_why_others_were_refused_and_rebuilds_once(
    docs, notices, tmp_path
):
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", "utf-8")
    sheet = tmp_path / "名单.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    report, table = upload(docs, notices["gd-rending-banfa-2023.docx"], notices["sz-peiyang-xize-2024.md"],
                           broken, empty, sheet)  # fmt: skip
    assert "已加入 2 个文件，未加入 3 个。" in report
    assert "✗ 未加入 <b>scan.pdf</b>：不是可读取的 PDF 文件" in report
    assert "✗ 未加入 <b>empty.txt</b>：文件是空的" in report
    assert "✗ 未加入 <b>名单.xlsx</b>：" in report and ".xlsx" in report
    reasons = re.findall(r'class="pa-report pa-error">.*?</b>：(.*?)</div>', report)
    latin = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"\.[A-Za-z0-9]+", "", "".join(reasons))))
    assert len(reasons) == 3 and latin <= {"PDF"}, "the reasons are in Chinese"
    assert rebuilds(docs) == 1
    assert set(rows(table)) == {"gd-rending-banfa-2023", "sz-peiyang-xize-2024"}
    assert "《深圳市技能人才培养补贴实施细则》" in table and "深人社规〔2024〕4号" in table


def test_the_same_text_uploaded_again_is_recognised_and_nothing_is_rebuilt(docs, notices, tmp_path):
    upload(docs, notices[f"{NANJING}.txt"])
    renamed = tmp_path / "南京清单（再次上传）.txt"
    renamed.write_bytes(notices[f"{NANJING}.txt"].read_bytes())
    report, table = upload(docs, renamed)
    assert "已加入 0 个文件，未加入 0 个，另有 1 个与文件库中的文件内容相同，未重新索引。" in report
    assert "＝ <b>南京清单（再次上传）.txt</b>" in report
    assert rebuilds(docs) == 1 and list(rows(table)) == [NANJING]


def test_an_upload_with_no_file_asks_for_one(docs):
    report, *_ = docs.upload([])
    assert "请先选择要上传的文件" in report and rebuilds(docs) == 0


def test_names_and_titles_from_a_file_are_shown_as_text(docs, tmp_path):
    notice = tmp_path / f"{IMG}.txt"  # no title line: the file name becomes the title
    notice.write_text("测试人社发〔2026〕2号\n一、总体要求\n开展无人机操控员专项培训。\n", "utf-8")
    report, table = upload(docs, notice)
    assert "<img" not in report + table and "<script" not in report + table
    assert f"✓ 已加入 <b>{ESCAPED_IMG}.txt</b>" in report and f"《{ESCAPED_IMG}》" in table


def test_an_upload_with_a_zip_bomb_and_a_path_for_a_name_keeps_the_good_file(docs, notices, tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))  # 4 MB that zip to 4 KB
    climber = tmp_path / "..\\..\\sz.md"  # a name that is a (Windows) path: only its last part is kept
    climber.write_bytes(notices["sz-peiyang-xize-2024.md"].read_bytes())
    report, table = upload(docs, bomb, climber)
    assert "已加入 1 个文件，未加入 1 个。" in report
    assert "✗ 未加入 <b>bomb.docx</b>：.docx 文件中的 word/document.xml 压缩比为" in report
    assert "✓ 已加入 <b>sz.md</b>" in report and "已保存为 sz.md" in report
    assert sorted(p.name for p in docs.store.sources_dir.iterdir()) == ["sz.md"]
    assert rebuilds(docs) == 1 and list(rows(table)) == ["sz"]  # the id comes from the stored name


# -- the table and the dropdowns ---------------------------------------------------------------
def test_the_table_shows_each_documents_status_and_who_repealed_it(docs, notices):
    _, table = upload(docs, notices["gd-jianding-banfa-2018.txt"], notices["gd-rending-banfa-2023.docx"])
    old, new = rows(table)["gd-jianding-banfa-2018"], rows(table)["gd-rending-banfa-2023"]
    assert "已废止" in cell(old, "状态") and "被《广东省职业技能等级认定管理办法》废止" in cell(old, "状态")
    assert "现行有效" in cell(new, "状态")
    assert cell(new, "文号") == "粤人社规〔2023〕6号" and cell(new, "适用地区") == "广东省"
    assert int(cell(new, "条款")) > 0 and cell(new, "馆员修订") == "—"


def test_every_document_dropdown_follows_the_library(docs, notices):
    upload(docs, notices[f"{NANJING}.txt"], notices["sz-peiyang-xize-2024.md"])
    _, doc_filter, provinces, tree, managed = docs.refresh()
    assert doc_filter["choices"][0] == ("全部文件", ALL) and len(doc_filter["choices"]) == 3
    assert provinces["choices"] == [
        ("全部地区", ALL),
        ("全国", "全国"),
        ("广东省", "广东省"),
        ("广东省 › 深圳市", "广东省 › 深圳市"),
        ("江苏省", "江苏省"),
        ("江苏省 › 南京市", "江苏省 › 南京市"),
    ], "cities are offered under their province"
    assert {value for _, value in tree["choices"]} == {NANJING, "sz-peiyang-xize-2024"}
    assert ("《南京市技能人才政策清单（2024年版）》（2024年9月10日印发）", NANJING) in managed["choices"]
    assert not any(NANJING in label for label, _ in managed["choices"]), "no internal id is shown"
    assert "value" not in managed, "a refresh leaves the document being managed as it is"


# -- metadata corrections ------------------------------------------------------------------------
def test_picking_a_document_fills_the_form_with_what_the_index_uses(docs, notices):
    upload(docs, notices[f"{NANJING}.txt"])
    *values, confirm_box, awaiting, _ = docs.select(NANJING)
    assert dict(zip(FORM_FIELDS, values, strict=True)) == {
        "title": "南京市技能人才政策清单（2024年版）", "doc_number": "",
        "issuer": "南京市人力资源和社会保障局", "date": "2024-09-10", "jurisdiction": "江苏省 › 南京市",
        "valid_from": "2024-09-10", "valid_to": "", "repeals": "",
    }  # fmt: skip
    assert confirm_box["visible"] is False and awaiting is None, "a pending removal is dropped"


def test_a_correction_is_saved_as_an_override_shown_in_the_table_and_the_form(docs, notices):
    upload(docs, notices[f"{NANJING}.txt"])
    message, table, *lists = docs.save(NANJING, *form(docs, NANJING, doc_number="宁人社规〔2024〕9号"))
    managed, saved = lists[3], lists[4:]
    assert "✓ 已更新《南京市技能人才政策清单（2024年版）》的文号" in message
    overrides = yaml.safe_load((docs.store.sources_dir / "overrides.yaml").read_text("utf-8"))
    assert overrides == {f"{NANJING}.txt": {"doc_number": "宁人社规〔2024〕9号"}}
    row = rows(table)[NANJING]
    assert cell(row, "文号") == "宁人社规〔2024〕9号" and cell(row, "馆员修订") == "文号"
    assert managed["value"] == NANJING and saved[FORM_FIELDS.index("doc_number")] == "宁人社规〔2024〕9号"
    assert rebuilds(docs) == 2


def test_a_date_may_be_typed_the_chinese_way_and_is_stored_as_a_date(docs, notices):
    upload(docs, notices[f"{NANJING}.txt"])
    message, table, *_ = docs.save(NANJING, *form(docs, NANJING, valid_to="2025年12月31日"))
    assert "✓ 已更新" in message and "实施截止日期" in message
    assert "已过期" in cell(rows(table)[NANJING], "状态"), "today is 2026-11-21"
    assert docs.fields(NANJING)[FORM_FIELDS.index("valid_to")] == "2025-12-31"


def test_emptying_a_box_undoes_a_correction_but_cannot_empty_what_the_text_says(docs, notices):
    upload(docs, notices[f"{NANJING}.txt"])
    docs.save(NANJING, *form(docs, NANJING, doc_number="宁人社规〔2024〕9号"))
    message, table, *_ = docs.save(NANJING, *form(docs, NANJING, doc_number=""))
    assert "✓ 已更新" in message and cell(rows(table)[NANJING], "文号") == "未载明"
    assert yaml.safe_load((docs.store.sources_dir / "overrides.yaml").read_text("utf-8")) in (None, {})
    before = rebuilds(docs)
    message, *_ = docs.save(NANJING, *form(docs, NANJING, issuer=""))
    assert "没有修改" in message and "发文机关是从正文读出的，不能清空" in message
    assert rebuilds(docs) == before


def test_a_bad_correction_says_why_keeps_what_was_typed_and_changes_nothing(docs, notices):
    upload(docs, notices[f"{NANJING}.txt"])
    typed = form(docs, NANJING, date="9月10日", issuer="南京市人社局")
    message, _, *lists = docs.save(NANJING, *typed)
    assert "✗ 印发日期的日期格式不正确：9月10日" in message
    assert list(lists[4:]) == typed, "the form keeps what the curator typed"
    assert not (docs.store.sources_dir / "overrides.yaml").exists() and rebuilds(docs) == 1


def test_saving_an_unchanged_form_or_with_no_document_changes_nothing(docs, notices):
    upload(docs, notices[f"{NANJING}.txt"])
    message, *_ = docs.save(NANJING, *form(docs, NANJING))
    assert "没有修改" in message
    message, *_ = docs.save(None, *[""] * len(FORM_FIELDS))
    assert "请先选择要修订的文件" in message and rebuilds(docs) == 1


# -- replace ----------------------------------------------------------------------------------
def test_a_new_version_replaces_the_old_and_keeps_its_id_and_corrections(docs, notices, tmp_path):
    upload(docs, notices["gd-jianding-banfa-2018.txt"])
    docs.save("gd-jianding-banfa-2018", *form(docs, "gd-jianding-banfa-2018", issuer="广东省人社厅"))
    revised = tmp_path / "gd-jianding-banfa-2018-revised.txt"
    text = notices["gd-jianding-banfa-2018.txt"].read_text("utf-8")
    revised.write_text(text.replace("不得擅自提高收费标准", "不得擅自提高或变相提高收费标准"), "utf-8")
    message, table, *lists = docs.replace("gd-jianding-banfa-2018", str(revised))
    assert "已用 gd-jianding-banfa-2018-revised.txt 替换 gd-jianding-banfa-2018.txt" in message
    assert list(rows(table)) == ["gd-jianding-banfa-2018"] and lists[3]["value"] == "gd-jianding-banfa-2018"
    [doc] = docs.store.documents()
    assert doc.meta.issuer == "广东省人社厅", "the correction stays with the document"
    assert any("变相提高" in c.text for c in docs.services.assistant.clauses("gd-jianding-banfa-2018"))
    assert rebuilds(docs) == 3
    message, *_ = docs.replace("gd-jianding-banfa-2018", str(revised))
    assert "内容相同，未重新索引" in message and rebuilds(docs) == 3


def test_replacing_needs_a_document_and_a_file_and_a_bad_file_is_refused(docs, notices, tmp_path):
    upload(docs, notices[f"{NANJING}.txt"])
    assert "请先选择要替换的文件" in docs.replace(None, str(notices[f"{NANJING}.txt"]))[0]
    assert "请先选择新版本的文件" in docs.replace(NANJING, None)[0]
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    message, table, *_ = docs.replace(NANJING, str(empty))
    assert "✗ 未替换 <b>empty.txt</b>：文件是空的" in message
    assert list(rows(table)) == [NANJING] and rebuilds(docs) == 1


# -- remove -------------------------------------------------------------------------------------
def test_removing_asks_first_and_removes_only_the_document_confirmed(docs, notices):
    upload(docs, notices[f"{NANJING}.txt"], notices["sz-peiyang-xize-2024.md"])
    confirm_box, question, awaiting, _ = docs.ask_remove(NANJING)
    assert confirm_box["visible"] is True and awaiting == NANJING
    assert "确定删除《南京市技能人才政策清单（2024年版）》" in question and f"{NANJING}.txt" in question
    assert len(docs.store.documents()) == 2, "asking removes nothing"

    confirm_box, awaiting, message = docs.cancel_remove()
    assert confirm_box["visible"] is False and awaiting is None and "已取消删除" in message
    message, *_ = docs.remove(None)
    assert "确认后才会删除" in message and len(docs.store.documents()) == 2 and rebuilds(docs) == 1

    message, confirm_box, awaiting, table, *lists = docs.remove(NANJING)
    assert "✓ 已删除《南京市技能人才政策清单（2024年版）》" in message
    assert confirm_box["visible"] is False and awaiting is None
    assert list(rows(table)) == ["sz-peiyang-xize-2024"] and lists[3]["value"] is None
    assert not (docs.store.sources_dir / f"{NANJING}.txt").exists() and rebuilds(docs) == 2


def test_removing_a_document_already_gone_says_so(docs, notices):
    upload(docs, notices[f"{NANJING}.txt"])
    docs.remove(NANJING)
    message, *_ = docs.remove(NANJING)  # confirmed in a second browser that still listed it
    assert "✗ 文件库中没有编号为 nj-zhengce-qingdan-2024 的文件" in message and rebuilds(docs) == 2


def test_lookup_filters_that_pointed_at_a_removed_document_are_set_back(docs, notices):
    upload(docs, notices[f"{NANJING}.txt"], notices["sz-peiyang-xize-2024.md"])
    *_, doc_filter, _, tree, _ = docs.remove(NANJING, NANJING, NANJING)
    assert doc_filter["value"] == ALL and tree["value"] is None
    *_, doc_filter, _, tree, _ = docs.remove("sz-peiyang-xize-2024", ALL, None)
    assert "value" not in doc_filter and "value" not in tree, "other choices are left alone"


def test_a_failed_rebuild_is_reported_and_the_change_is_kept(docs, notices):
    upload(docs, notices[f"{NANJING}.txt"])
    docs.services.assistant.fail_next = True
    message, *_ = docs.save(NANJING, *form(docs, NANJING, doc_number="宁人社规〔2024〕9号"))
    assert "✓ 已更新" in message and "更新索引时出错（OSError）" in message and "重启应用时" in message
    assert "doc_number" in (docs.store.sources_dir / "overrides.yaml").read_text("utf-8")


# -- the real assistant: refresh, start-up, an upload found by lookup, feedback -----------------------
def test_refresh_fills_the_table_and_every_dropdown_from_the_index(services: Services):
    table, doc_filter, provinces, tree_docs, managed = DocumentHandlers(services).refresh()
    assert table.count("<tr data-doc=") == 5
    assert doc_filter["choices"][0] == ("全部文件", ALL) and len(doc_filter["choices"]) == 6
    assert [p for _, p in provinces["choices"]] == [
        ALL, "全国", "宁夏回族自治区", "江苏省", "江苏省 › 宿迁市", "江苏省 › 无锡市"
    ]  # fmt: skip
    assert len(tree_docs["choices"]) == len(managed["choices"]) == 5


def test_while_the_index_is_prepared_the_page_says_which_step_and_for_how_long(services: Services):
    class Preparing:
        def startup(self):
            return SimpleNamespace(ready=False, failed=False, step=3, seconds=4.2,
                                   message="正在建立政策索引（首次启动）")  # fmt: skip

    banner, timer, table, *rest = DocumentHandlers(Preparing()).startup()  # type: ignore[arg-type]
    assert banner["visible"] is True and "第 3 步，共 3 步" in banner["value"]
    assert "正在建立政策索引" in banner["value"] and "已用 4 秒" in banner["value"]
    assert timer.active is True and "准备好后" in table and rest == [gr.skip()] * 4
    banner, timer, table, *_ = DocumentHandlers(services).startup()
    assert banner["visible"] is False and timer.active is False and table.count("<tr data-doc=") == 5


POLICY = """关于{title}的通知
测试人社发〔2026〕1号
各区人力资源和社会保障局：
一、总体要求
为提升劳动者技能，开展无人机操控员专项培训，每人补贴3000元。
二、工作措施
（一）组织培训。各地组织无人机操控员培训，培训合格的发放职业技能等级证书。
测试市人力资源和社会保障局
2026年1月5日
"""


def test_an_uploaded_notice_is_found_by_lookup_without_a_restart(writable_services: Services, tmp_path: Path):
    notice = tmp_path / "uav.txt"
    notice.write_text(POLICY.format(title=f"无人机培训{SCRIPT}"), "utf-8")
    report, table, doc_filter, *_ = DocumentHandlers(writable_services).upload([str(notice)])
    assert "已加入 1 个文件，未加入 0 个。" in report and "<script" not in report + table
    assert table.count("<tr data-doc=") == 6 and len(doc_filter["choices"]) == 7
    assert (writable_services.settings.sources_dir / "uav.txt").exists()
    hits = LookupHandlers(writable_services).search("无人机操控员 补贴", "keyword", ALL, ALL, False)
    assert "测试人社发〔2026〕1号" in hits


def test_curators_see_recent_feedback_and_export_every_row_as_csv(services: Services):
    docs = DocumentHandlers(services)
    assert "还没有用户反馈" in docs.feedback()
    answer = Answer(question="问", answer="答", answerable=True)
    services.feedback.rate("a1", "问一", answer, "up")
    services.feedback.rate("a2", f"问二{SCRIPT}", answer, "down", comment="缺少金额")
    html = docs.feedback()
    assert "共 2 条反馈" in html and "缺少金额" in html and "<script" not in html
    export = docs.export_feedback()
    assert export["visible"] is True
    path = Path(export["value"])
    assert path.suffix == ".csv" and path.name.startswith("用户反馈-")
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
    assert [(r["回答编号"], r["评价"], r["意见"]) for r in rows] == [
        ("a1", "有帮助", ""),
        ("a2", "没帮助", "缺少金额"),
    ]
