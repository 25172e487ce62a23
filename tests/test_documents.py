"""Document management: corrections stored as curator overrides, and a rebuild that embeds
only the clauses that changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from assistant.documents import DocumentError, DocumentStore, rebuild_index, write_override
from assistant.ingest.corpus import load_corpus
from assistant.settings import load_settings
from assistant.store.clause_index import index_text
from assistant.text.sentences import clause_sentences

CURATED = """# Curated metadata, keyed by source file name.
a.txt:
  doc_id: suqian
b.txt:
  doc_id: jiangsu
  # The text names no issuer; confirm against the official release.
  issuer: 江苏省人民政府办公厅
"""
NOTICE = (
    "宿迁市人力资源和社会保障局\n宿人社发〔2024〕3号\n关于做好职业培训补贴工作的通知\n各县（区）人力资源和社会保障局：\n"
    "一、补贴对象\n参加职业技能培训并取得证书的农民工、退役军人。\n二、补贴标准\n{standard}\n三、申领程序\n"
    "培训结束后30日内，由培训机构统一向所在地人力资源社会保障部门申请。\n宿迁市人力资源和社会保障局\n2024年3月1日\n"
)
OLD = "取得初级工证书的每人补贴1000元，中级工每人补贴1500元。"
NEW = "取得初级工证书的每人补贴1200元，中级工每人补贴1500元。"


def test_a_correction_keeps_the_other_entries_and_the_curators_comments(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(CURATED, "utf-8")
    write_override(
        path, "b.txt", {"doc_id": "jiangsu", "issuer": "江苏省人民政府", "date": dt.date(2025, 5, 6)}
    )
    text = path.read_text("utf-8")
    assert "# Curated metadata, keyed by source file name." in text
    assert "  # The text names no issuer; confirm against the official release." in text
    assert yaml.safe_load(text) == {
        "a.txt": {"doc_id": "suqian"},
        "b.txt": {"doc_id": "jiangsu", "issuer": "江苏省人民政府", "date": dt.date(2025, 5, 6)},
    }
    write_override(path, "a.txt", None)
    assert yaml.safe_load(path.read_text("utf-8")) == {
        "b.txt": {"doc_id": "jiangsu", "issuer": "江苏省人民政府", "date": dt.date(2025, 5, 6)}
    }


def test_a_corrected_field_is_used_and_reported_as_an_override(tmp_path: Path) -> None:
    (tmp_path / "suqian.txt").write_text(NOTICE.format(standard=OLD), "utf-8")
    store = DocumentStore(tmp_path)
    store.edit("suqian", {"jurisdiction": "江苏省 › 宿迁市", "valid_to": "2025年12月31日", "issuer": None})
    [doc] = store.documents()
    assert (doc.meta.jurisdiction.label, doc.meta.valid_to) == ("江苏省 › 宿迁市", dt.date(2025, 12, 31))
    assert doc.meta.field_sources["valid_to"] == "override"
    assert doc.meta.field_sources["issuer"] == "text"  # an empty value leaves the text's value
    with pytest.raises(DocumentError, match="未能识别适用地区：火星"):
        store.edit("suqian", {"jurisdiction": "火星"})
    with pytest.raises(DocumentError, match="不能修改的字段：clauses"):
        store.edit("suqian", {"clauses": "1"})


def _embedded_texts(sources: Path) -> set[str]:
    corpus, _ = load_corpus(sources)
    clauses = corpus.clauses()
    return {index_text(c) for c in clauses} | {s.context for c in clauses for s in clause_sentences(c)}


@pytest.mark.slow
def test_a_rebuild_embeds_only_the_clauses_that_changed(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "suqian.txt").write_text(NOTICE.format(standard=OLD), "utf-8")
    (sources / "wuxi.txt").write_text(
        NOTICE.format(standard=OLD).replace("宿迁", "无锡").replace("宿人社", "锡人社")
    )
    settings = load_settings(
        paths={"sources_dir": sources, "index_dir": tmp_path / "index"},
        embedding={"cache_path": tmp_path / "vectors.sqlite3"},
    )
    before = _embedded_texts(sources)
    first = rebuild_index(settings)
    assert first.embedded == len(before)

    (sources / "suqian.txt").write_text(NOTICE.format(standard=NEW), "utf-8")
    changed = _embedded_texts(sources) - before
    second = rebuild_index(settings)
    assert 0 < second.embedded == len(changed) < len(before) // 4
    assert second.clauses == first.clauses


def test_a_period_within_one_year_is_said_in_days_and_a_picker_never_shows_a_file_id():
    from assistant.models import DocumentMeta
    from ui.documents import picker_label

    one_year = DocumentMeta(
        doc_id="x", title="关于开展专项培训的通知", source_file="003_ac22d73068c58d7c.txt",
        valid_from=dt.date(2026, 3, 1), valid_to=dt.date(2026, 12, 31), issuer="江苏省人民政府办公厅",
    )  # fmt: skip
    assert one_year.period_label == "2026年3月1日至2026年12月31日"
    assert picker_label(one_year) == "《关于开展专项培训的通知》（江苏省人民政府办公厅）"


def test_a_period_the_text_starts_on_a_day_is_said_by_its_days_and_a_title_years_by_years():
    from assistant.models import DocumentMeta

    def period(start: dt.date, end: dt.date, source: str) -> str:
        return DocumentMeta(
            doc_id="x", title="补贴办法", source_file="x.txt", valid_from=start, valid_to=end,
            field_sources={"valid_from": source, "valid_to": source},
        ).period_label  # fmt: skip

    # "自2025年3月1日起施行，有效期至2027年12月31日": a hotline agent wants the days.
    assert period(dt.date(2025, 3, 1), dt.date(2027, 12, 31), "text") == "2025年3月1日至2027年12月31日"
    assert period(dt.date(2025, 1, 1), dt.date(2027, 12, 31), "text") == "2025—2027年"
