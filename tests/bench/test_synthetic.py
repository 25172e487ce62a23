"""Synthetic corpora: marked as synthetic, moved elsewhere, and never written into the project."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from assistant.bench.synthetic import (
    MARKER_FILE,
    SYNTHETIC_PREFIX,
    TITLE_MARK,
    WARNING,
    UnsafeTarget,
    check_target,
    make_corpus,
    replace_places,
    scale_figures,
    shift_years,
)
from assistant.ingest.corpus import load_corpus
from assistant.settings import PROJECT_ROOT, load_settings

REAL = PROJECT_ROOT / "index" / "sources"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "sources"
    make_corpus(REAL, out, 3)
    return out


@pytest.fixture(scope="module")
def loaded(corpus_dir: Path):
    corpus, reports = load_corpus(corpus_dir)
    assert all(r.ok for r in reports), [r.error for r in reports if not r.ok]
    return corpus


@pytest.fixture(scope="module")
def real_ids() -> set[str]:
    corpus, _ = load_corpus(REAL)
    return {d.doc_id for d in corpus.documents}


def test_scale_three_holds_the_real_documents_and_two_variants_of_each(loaded, real_ids):
    ids = [d.doc_id for d in loaded.documents]
    assert real_ids <= set(ids)
    synthetic = [i for i in ids if i not in real_ids]
    assert len(synthetic) == 2 * len(real_ids)
    assert all(i.startswith(SYNTHETIC_PREFIX) for i in synthetic)
    assert len(loaded.clauses()) >= 3 * sum(1 for c in loaded.clauses() if c.doc_id in real_ids) * 0.95


def test_every_synthetic_document_says_so_in_title_and_text(loaded, corpus_dir, real_ids):
    for doc in loaded.documents:
        if doc.doc_id in real_ids:
            assert not doc.meta.title.startswith(TITLE_MARK)
            continue
        assert doc.meta.title.startswith(TITLE_MARK)
        assert (corpus_dir / doc.meta.source_file).read_text("utf-8").startswith(WARNING)
        assert any("合成数据" in c.text for c in doc.clauses)
    marker = json.loads((corpus_dir / MARKER_FILE).read_text("utf-8"))
    assert set(marker["documents"]) == {d.doc_id for d in loaded.documents} - real_ids


def test_variants_are_about_other_places_and_other_years(loaded, corpus_dir, real_ids):
    origin = {d.doc_id: d for d in loaded.documents if d.doc_id in real_ids}
    marker = json.loads((corpus_dir / MARKER_FILE).read_text("utf-8"))["documents"]
    for doc in loaded.documents:
        if doc.doc_id in real_ids:
            continue
        source = origin[marker[doc.doc_id]["from"]].meta
        assert doc.meta.jurisdiction != source.jurisdiction
        assert doc.meta.jurisdiction.label == marker[doc.doc_id]["place"]
        text = (corpus_dir / doc.meta.source_file).read_text("utf-8")
        own_names = [source.jurisdiction.city, source.jurisdiction.province]
        for name in filter(None, own_names):
            assert name not in text, f"{doc.doc_id} still names {name}"
            assert name[:2] not in doc.meta.title
        if source.date:
            assert doc.meta.date.year == source.date.year + marker[doc.doc_id]["year_shift"]


def test_synthetic_documents_have_their_own_figures(loaded, corpus_dir, real_ids):
    wuxi = (REAL / "002_281ac011d04098e4.txt").read_text("utf-8")
    marker = json.loads((corpus_dir / MARKER_FILE).read_text("utf-8"))["documents"]
    variant = next(i for i, m in marker.items() if m["from"] == "wuxi-skills-industry-2021")
    text = (corpus_dir / f"{variant}.txt").read_text("utf-8")
    assert "1320" in wuxi and "1180" in wuxi
    assert "1320" not in text or "1180" not in text


def test_overrides_keep_the_real_entries_and_mark_the_synthetic_ones(corpus_dir):
    real = yaml.safe_load((REAL / "overrides.yaml").read_text("utf-8"))
    merged = yaml.safe_load((corpus_dir / "overrides.yaml").read_text("utf-8"))
    for name, entry in real.items():
        assert merged[name] == entry
    for name, entry in merged.items():
        if name not in real:
            assert entry["doc_id"].startswith(SYNTHETIC_PREFIX)
            assert entry["title"].startswith(TITLE_MARK)


@pytest.mark.parametrize(
    "target",
    [REAL, PROJECT_ROOT / "index" / "build" / "x", PROJECT_ROOT / "index", PROJECT_ROOT / "docs" / "x"],
)
def test_refuses_any_folder_inside_the_project(target: Path):
    with pytest.raises(UnsafeTarget):
        check_target(target)


def test_refuses_the_configured_sources_and_index_folders():
    settings = load_settings()
    for folder in (settings.sources_dir, settings.index_dir):
        with pytest.raises(UnsafeTarget):
            make_corpus(REAL, folder, 2)


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("x", "utf-8")
    with pytest.raises(UnsafeTarget):
        check_target(tmp_path)


def test_the_real_sources_are_left_as_they_were(tmp_path: Path):
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in REAL.iterdir()}
    make_corpus(REAL, tmp_path / "c", 2)
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in REAL.iterdir()}
    assert before == after


def test_years_shift_but_phone_numbers_and_counts_do_not():
    assert shift_years("（2022—2024年）实施方案", -9) == "（2013—2015年）实施方案"
    assert (
        shift_years("联系电话: 0951-5099011，20条重点产业链", 3) == "联系电话: 0951-5099011，20条重点产业链"
    )


def test_figures_change_but_clause_numbers_do_not():
    text = "13.加大高技能人才表彰奖励。将自治区技术能手奖励资金调高至1万元，培训2.5万人次。"
    scaled = scale_figures(text, random.Random(1))
    assert scaled.startswith("13.加大高技能人才表彰奖励。")
    assert "万元" in scaled and "万人次" in scaled
    assert scaled != text


def test_places_are_replaced_in_simplified_and_traditional_spelling():
    mapping = {"江苏省": "浙江省", "江苏": "浙江"}
    assert replace_places("結合江蘇省實際，江苏全省", mapping) == "結合浙江省實際，浙江全省"
