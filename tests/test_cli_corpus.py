"""`python -m assistant corpus` and `python -m assistant ingest` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main

ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = ROOT / "index" / "sources"

DOCUMENT_KEYS = {
    "doc_id", "title", "doc_number", "issuer", "date", "jurisdiction", "valid_from", "valid_to",
    "source_file", "warnings", "chunks",
}  # fmt: skip
CHUNK_KEYS = {"clause_id", "label", "path", "text"}

GOOD = (
    "“技能宁夏行动”实施方案\n一、目标任务\n"
    "每年开展政府补贴性职业技能培训5万人次以上，其中企业职工不少于2万人次。\n"
)


@pytest.fixture
def real_sources(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSISTANT_PATHS__SOURCES_DIR", str(SOURCES_DIR))
    return SOURCES_DIR


@pytest.fixture
def tmp_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    sources = tmp_path / "sources"
    monkeypatch.setenv("ASSISTANT_PATHS__SOURCES_DIR", str(sources))
    return sources


def _corpus_json(capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["corpus", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_corpus_json_has_the_documented_shape(real_sources, capsys) -> None:
    data = _corpus_json(capsys)
    documents = data["documents"]
    assert len(documents) == 5
    assert [d["source_file"] for d in documents] == sorted(p.name for p in real_sources.glob("*.txt"))
    for doc in documents:
        assert set(doc) >= DOCUMENT_KEYS, doc["doc_id"]
        assert all(set(chunk) == CHUNK_KEYS for chunk in doc["chunks"])
        assert all(isinstance(chunk["path"], list) for chunk in doc["chunks"])
        assert isinstance(doc["warnings"], list)
    assert data["errors"] == []


def test_corpus_json_values_are_what_a_hotline_worker_reads(real_sources, capsys) -> None:
    documents = {d["source_file"][:3]: d for d in _corpus_json(capsys)["documents"]}
    ningxia = documents["004"]
    assert {
        k: ningxia[k] for k in ("doc_number", "issuer", "date", "jurisdiction", "valid_from", "valid_to")
    } == {
        "doc_number": "宁人社发〔2021〕151号",
        "issuer": "宁夏回族自治区人力资源和社会保障厅",
        "date": "2021-11-26",
        "jurisdiction": "宁夏回族自治区",
        "valid_from": "2021-11-26",
        "valid_to": "2025-12-31",
    }
    [reward] = [c for c in ningxia["chunks"] if "1万元" in c["text"]]
    assert reward["label"] == "《“技能宁夏行动”实施方案》四、（四）13. 加大高技能人才表彰奖励"
    assert reward["path"] == ["四、", "（四）", "13."]
    assert documents["003"]["doc_number"] is None and documents["003"]["date"] is None
    assert documents["000"]["jurisdiction"] == "江苏省 › 宿迁市"


def test_corpus_json_from_a_subprocess_matches_in_process(real_sources, capsys) -> None:
    in_process = _corpus_json(capsys)
    env = {**os.environ, "ASSISTANT_PATHS__SOURCES_DIR": str(real_sources)}
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "corpus", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,  # a hang fails; a busy machine only slows the run
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == in_process


def test_corpus_outline_lists_documents_warnings_and_clauses(real_sources, capsys) -> None:
    assert main(["corpus"]) == 0
    out = capsys.readouterr().out
    assert "《“技能宁夏行动”实施方案》  [ningxia-skills-2021]" in out
    assert "文号 苏政办发〔2024〕37号 · 发文 江苏省人民政府办公厅 · 日期 2024-12-20" in out
    assert "! 已删除广告文字«九游会电竞»（原文第34行）" in out
    assert "四、（四）13. 加大高技能人才表彰奖励" in out


def test_ingest_copies_the_good_file_and_reports_the_bad_one(tmp_path, tmp_sources, capsys) -> None:
    good = tmp_path / "ningxia.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")

    assert main(["ingest", str(bad), str(good)]) == 1  # not every file went in

    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("✗ scan.pdf: 不是可读取的 PDF 文件")
    assert out[1] == "✓ ningxia.txt → ningxia: “技能宁夏行动”实施方案（2 条）"
    assert sorted(p.name for p in tmp_sources.iterdir()) == ["ningxia.txt"]
    assert (tmp_sources / "ningxia.txt").read_text("utf-8") == GOOD

    documents = _corpus_json(capsys)["documents"]
    assert [d["source_file"] for d in documents] == ["ningxia.txt"]


def test_ingest_json_reports_each_file(tmp_path, tmp_sources, capsys) -> None:
    good = tmp_path / "ningxia.txt"
    good.write_text(GOOD, encoding="utf-8")
    missing = tmp_path / "missing.docx"
    assert main(["ingest", "--json", str(good), str(missing)]) == 1
    reports = json.loads(capsys.readouterr().out)
    assert [(r["file"], r["ok"], r["error"]) for r in reports] == [
        ("ningxia.txt", True, None),
        ("missing.docx", False, "文件不存在"),
    ]
    assert main(["ingest", "--json", str(good)]) == 0  # the same file again is recognised, not an error
    [again] = json.loads(capsys.readouterr().out)
    assert (again["ok"], again["unchanged"], again["note"]) == (
        True,
        True,
        "与文件库中已有的文件内容相同，未重新索引",
    )
