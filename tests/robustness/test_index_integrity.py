"""The persisted index under damage: every kind is detected, reported in one log line and
rebuilt, and a build that dies half-way never replaces the index in use.

tests/store/test_index_store.py covers a changed corpus (a new file), another
embedding dimension, a tampered clauses file and a truncated FAISS file; these are the
rest: the CURRENT pointer, the build folder, the manifest, the sparse index, an edited
source, a killed build and the leftovers it can leave.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.ingest.corpus import fingerprint
from assistant.service import PolicyAssistant
from assistant.settings import Settings
from assistant.store import index_store
from assistant.store.clause_index import FORMAT_VERSION
from assistant.store.index_store import current_build, load_index, open_index

from .conftest import NINGXIA, small_settings

STORE_LOG = "assistant.store.index_store"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real document with its index built once; each test works on a copy."""
    root = tmp_path_factory.mktemp("pristine")
    open_index(small_settings(root, NINGXIA))
    return root


@pytest.fixture
def settings(pristine: Path, tmp_path: Path) -> Settings:
    shutil.copytree(pristine, tmp_path / "corpus")
    return small_settings(tmp_path / "corpus")


def _manifest(field: str, value: object) -> Callable[[Settings], None]:
    def damage(settings: Settings) -> None:
        path = current_build(settings) / "manifest.json"
        manifest = json.loads(path.read_text("utf-8"))
        manifest[field] = value
        path.write_text(json.dumps(manifest), "utf-8")

    return damage


def _manifest_text(text: str) -> Callable[[Settings], None]:
    return lambda settings: (current_build(settings) / "manifest.json").write_text(text, "utf-8")


def _truncate(relative: str) -> Callable[[Settings], None]:
    def damage(settings: Settings) -> None:
        path = current_build(settings) / relative
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    return damage


def _pointer(data: bytes) -> Callable[[Settings], None]:
    return lambda settings: (settings.index_dir / "CURRENT").write_bytes(data)


def _edit_source(settings: Settings) -> None:
    source = settings.sources_dir / NINGXIA
    source.write_text(source.read_text("utf-8").replace("1万元", "2万元"), "utf-8")


def _add_overrides(settings: Settings) -> None:
    (settings.sources_dir / "overrides.yaml").write_text(f"{NINGXIA}:\n  doc_id: nx\n", "utf-8")


DAMAGE: dict[str, tuple[Callable[[Settings], None], str]] = {
    "CURRENT holds binary garbage": (_pointer(b"\xff\xfe\x00\x13garbage"), "unreadable"),
    "CURRENT points outside the index": (_pointer(b"../../etc"), "names no build"),
    "CURRENT is empty": (_pointer(b""), "names no build"),
    "CURRENT is a folder": (lambda s: ((s.index_dir / "CURRENT").unlink(), (s.index_dir / "CURRENT").mkdir()),
                            "unreadable"),
    "build folder deleted": (lambda s: shutil.rmtree(current_build(s)), "manifest missing"),
    "manifest deleted": (lambda s: (current_build(s) / "manifest.json").unlink(), "manifest missing"),
    "manifest not JSON": (_manifest_text("{"), "unreadable"),
    "manifest format_version 99": (_manifest("format_version", 99), f"format 99, expected {FORMAT_VERSION}"),
    "manifest format_version 'x'": (_manifest("format_version", "x"), "unreadable (ValidationError)"),
    "manifest from another encoder": (_manifest("encoder_config", "bge-m3|dim=1024"), "built with encoder"),
    "manifest clause_count off by one": (_manifest("clause_count", 10_000), "manifest says 10000"),
    "clauses.jsonl truncated": (_truncate("clauses.jsonl"), "differ from the manifest"),
    "sparse vocabulary truncated": (_truncate("sparse/vocab.index.json"), "differ from the manifest"),
    "source edited in place": (_edit_source, "the documents changed"),
    "overrides.yaml added": (_add_overrides, "the documents changed"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(DAMAGE))
def test_damage_is_reported_and_the_index_rebuilt(settings: Settings, name: str, caplog, results) -> None:
    damage, reason = DAMAGE[name]
    before = current_build(settings)
    damage(settings)
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger=STORE_LOG):
        index = open_index(settings)
    seconds = time.perf_counter() - started
    lines = [r.getMessage() for r in caplog.records if r.name == STORE_LOG]
    assert len(lines) == 1 and reason in lines[0] and "rebuilding" in lines[0], lines
    results.add("index", name, f"log: …{reason}…; rebuilt", seconds)
    rebuilt = current_build(settings)
    assert rebuilt is not None and rebuilt != before and rebuilt.parent == settings.index_dir
    assert len(index.clauses) == index.dense.ntotal > 20
    assert index.manifest.corpus_fingerprint == fingerprint(settings.sources_dir)
    if name == "source edited in place":
        assert any("2万元" in c.text for c in index.clauses)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=STORE_LOG):
        open_index(settings)  # the rebuilt index is now used as it is
    assert not caplog.records and current_build(settings) == rebuilt


def test_a_build_that_dies_half_way_leaves_the_old_index_in_use(settings, monkeypatch, tmp_path, results):
    """An ingest killed while writing the new build: CURRENT still names the old build, it
    still loads, questions are still answered, and the next start recovers."""
    assistant = PolicyAssistant(settings)
    old = current_build(settings)
    assert assistant.ask("宁夏技术能手奖励是多少？").answerable
    real_save = index_store.save_index

    def dies_half_way(index: object, build_dir: Path) -> None:
        (build_dir / "clauses.jsonl").write_text('{"clause": {"doc_id": "half', "utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index_store, "save_index", dies_half_way)
    new_doc = tmp_path / "new.txt"
    new_doc.write_text(
        "关于开展测试培训的通知\n一、总体要求\n对参加培训的退役军人给予职业培训补贴。", "utf-8"
    )
    with pytest.raises(OSError, match="No space left"):
        assistant.ingest([new_doc])
    assert current_build(settings) == old
    assert not list(settings.index_dir.glob(".tmp-*")), "the half-written build is cleaned up"
    old_fp = json.loads((old / "manifest.json").read_text("utf-8"))["corpus_fingerprint"]
    assert len(load_index(old, settings, old_fp).clauses) > 20
    answer = assistant.ask("宁夏技术能手奖励是多少？")  # the running engine was never replaced
    assert answer.answerable and "1万元" in answer.answer
    assert all(d.doc_id != "new" for d in assistant.documents())

    monkeypatch.setattr(index_store, "save_index", real_save)
    started = time.perf_counter()
    recovered = open_index(settings)  # the next start: the copied source is picked up
    results.add("index", "build killed half-way (save_index raises)", "old build kept; next open rebuilt",
                time.perf_counter() - started)  # fmt: skip
    assert any(c.doc_id == "new" for c in recovered.clauses)


def test_leftover_temporary_builds_do_not_break_the_next_open(settings, caplog, results) -> None:
    """A process killed with SIGKILL cannot clean up: its .tmp-build-* folder stays behind."""
    current = current_build(settings)
    fresh = settings.index_dir / ".tmp-build-0000000000000000-deadbeef"
    stale = settings.index_dir / ".tmp-build-0000000000000000-0badcafe"
    for leftover in (fresh, stale):
        leftover.mkdir()
        (leftover / "clauses.jsonl").write_text('{"clause": {"doc_id": "half', "utf-8")
        (leftover / "manifest.json").write_text("{", "utf-8")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    (settings.index_dir / ".CURRENT-deadbeef").write_text("build-nothing", "utf-8")  # a pointer never swapped

    with caplog.at_level(logging.WARNING, logger=STORE_LOG):
        index = open_index(settings)
    assert not caplog.records and current_build(settings) == current, "the current build is used as it is"
    assert len(index.clauses) > 20

    _edit_source(settings)  # the next rebuild tidies up what a killed build left long ago
    open_index(settings)
    assert not stale.exists() and fresh.exists(), "a recent one may belong to a build still running"
    results.add("index", "leftover .tmp-build-* folders and a stray .CURRENT-*", "ignored; stale one removed")
