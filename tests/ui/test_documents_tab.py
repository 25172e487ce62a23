"""The documents tab's handlers, on a temporary corpus: upload, correct, replace, remove.

The index is not rebuilt here: a stand-in assistant counts the rebuilds the tab asks for,
so the tests can say which actions rebuild and which (an identical re-upload) do not.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from types import SimpleNamespace

import gradio as gr
import pytest
import yaml

from assistant.settings import PathSettings, load_settings
from tests.notices.build import build_notices
from ui.documents_tab import FORM_FIELDS, DocumentsTab, build_documents_tab


class CountingAssistant:
    def __init__(self) -> None:
        self.reloads = 0

    def reload(self) -> None:
        self.reloads += 1


@pytest.fixture(scope="module")
def notice_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {p.name: p for p in build_notices(tmp_path_factory.mktemp("uploads"))}


@pytest.fixture
def tab(tmp_path: Path) -> DocumentsTab:
    paths = PathSettings(
        sources_dir=tmp_path / "sources", index_dir=tmp_path / "index", feedback_db=tmp_path / "f.db"
    )
    services = SimpleNamespace(
        settings=load_settings(paths=paths, today=dt.date(2026, 11, 21)),
        assistant=CountingAssistant(),
        ingest_lock=threading.Lock(),
    )
    return DocumentsTab(services)  # type: ignore[arg-type]


def _form(tab: DocumentsTab, doc_id: str, **changes: str) -> list[str]:
    values = dict(zip(FORM_FIELDS, tab.fields(doc_id), strict=True))
    return [changes.get(name, value) for name, value in values.items()]


def test_an_upload_adds_the_good_files_reports_the_bad_and_rebuilds_once(tab, notice_files, tmp_path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    report, table, _ = tab.upload([str(notice_files["gd-rending-banfa-2023.docx"]), str(bad)])
    assert "已加入或更新 1 个，内容未变 0 个，未加入 1 个。" in report
    assert "不是可读取的 PDF 文件" in report
    assert "《广东省职业技能等级认定管理办法》" in table and "现行有效" in table
    assert tab.services.assistant.reloads == 1


def test_the_same_file_uploaded_again_is_recognised_and_nothing_is_rebuilt(tab, notice_files) -> None:
    tab.upload([str(notice_files["nj-zhengce-qingdan-2024.txt"])])
    report, _, _ = tab.upload([str(notice_files["nj-zhengce-qingdan-2024.txt"])])
    assert "内容未变 1 个" in report and "未重新索引" in report
    assert tab.services.assistant.reloads == 1


def test_a_correction_is_saved_as_an_override_and_shown_in_the_table(tab, notice_files) -> None:
    tab.upload([str(notice_files["nj-zhengce-qingdan-2024.txt"])])
    message, table, _ = tab.save(
        "nj-zhengce-qingdan-2024", *_form(tab, "nj-zhengce-qingdan-2024", doc_number="宁人社规〔2024〕9号")
    )
    assert message == "✓ 已更新《南京市技能人才政策清单（2024年版）》的文号"
    overrides = yaml.safe_load((tab.store.sources_dir / "overrides.yaml").read_text("utf-8"))
    assert overrides == {"nj-zhengce-qingdan-2024.txt": {"doc_number": "宁人社规〔2024〕9号"}}
    assert "宁人社规〔2024〕9号" in table and "<td>文号</td>" in table
    assert tab.services.assistant.reloads == 2


def test_a_bad_correction_says_why_and_changes_nothing(tab, notice_files) -> None:
    tab.upload([str(notice_files["nj-zhengce-qingdan-2024.txt"])])
    message, _, _ = tab.save(
        "nj-zhengce-qingdan-2024", *_form(tab, "nj-zhengce-qingdan-2024", date="9月10日")
    )
    assert message.startswith("✗ 印发日期的日期格式不正确：9月10日")
    assert not (tab.store.sources_dir / "overrides.yaml").exists()
    assert tab.services.assistant.reloads == 1


def test_a_new_version_replaces_the_old_and_keeps_its_id(tab, notice_files, tmp_path) -> None:
    tab.upload([str(notice_files["gd-jianding-banfa-2018.txt"])])
    revised = tmp_path / "gd-jianding-banfa-2018-revised.txt"
    text = notice_files["gd-jianding-banfa-2018.txt"].read_text("utf-8")
    revised.write_text(text.replace("不得擅自提高收费标准", "不得擅自提高或变相提高收费标准"), "utf-8")
    report, _, _ = tab.replace("gd-jianding-banfa-2018", str(revised))
    assert "已用 gd-jianding-banfa-2018-revised.txt 替换 gd-jianding-banfa-2018.txt" in report
    [doc] = tab.store.documents()
    assert doc.doc_id == "gd-jianding-banfa-2018"
    assert any("变相提高" in c.text for c in doc.clauses)
    assert tab.services.assistant.reloads == 2
    report, _, _ = tab.replace("gd-jianding-banfa-2018", str(revised))
    assert "内容相同，未重新索引" in report and tab.services.assistant.reloads == 2


def test_removing_needs_a_confirmation(tab, notice_files) -> None:
    tab.upload([str(notice_files["sz-peiyang-xize-2024.md"])])
    message, _, _ = tab.remove("sz-peiyang-xize-2024", False)
    assert message == "请勾选“确认删除”后再删除。" and len(tab.entries()) == 1
    message, table, _ = tab.remove("sz-peiyang-xize-2024", True)
    assert message == "✓ 已删除《深圳市技能人才培养补贴实施细则》"
    assert tab.entries() == [] and "语料库为空" in table
    assert tab.services.assistant.reloads == 2


def test_the_tab_builds_inside_a_page(tab) -> None:
    with gr.Blocks() as demo, gr.Tab("文件库"):
        components = build_documents_tab(tab.services)  # type: ignore[arg-type]
    assert components.table in demo.blocks.values() and components.document in demo.blocks.values()
