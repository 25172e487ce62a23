"""The committed real splits (eval/real_dev.jsonl, eval/real_test.jsonl): their format, and
that no document has questions in both, so the test split measures laws dev never saw.

Every quote is also checked against its file in the LawRefBook tarball: $ASSISTANT_EVAL_CORPUS,
or the shared corpora folder beside the project (CI has it there); with neither, that one test
is skipped.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from assistant.eval.dataset import load_qa, split_path
from assistant.eval.models import QAItem
from assistant.eval.realdocs import check_items, doc_id_for, split_sources, unpack


@pytest.fixture(scope="module")
def splits() -> dict[str, list[QAItem]]:
    return {split: load_qa(split_path(split)) for split in ("real-dev", "real-test")}


def test_every_item_names_its_file_and_that_file_s_doc_id(splits: dict[str, list[QAItem]]) -> None:
    items = splits["real-dev"] + splits["real-test"]
    assert len({item.id for item in items}) == len(items)
    for item in items:
        assert item.source and item.source.endswith(".md"), item.id
        assert all(gold.doc == doc_id_for(item.source) for gold in item.gold), item.id
        assert item.answerable == (item.kind != "out_of_scope"), item.id
        if item.answerable:
            assert item.gold and item.must_include, item.id
        if item.kind == "multi_turn":
            assert item.history, item.id


def test_dev_and_test_share_no_document(splits: dict[str, list[QAItem]]) -> None:
    dev, test = (set(split_sources(splits[s])) for s in ("real-dev", "real-test"))
    assert dev and test and not dev & test
    dev_docs = {gold.doc for item in splits["real-dev"] for gold in item.gold}
    test_docs = {gold.doc for item in splits["real-test"] for gold in item.gold}
    assert not dev_docs & test_docs


def test_the_splits_are_as_large_and_varied_as_promised(splits: dict[str, list[QAItem]]) -> None:
    items = splits["real-dev"] + splits["real-test"]
    per_document = Counter(item.source for item in items)
    assert len(items) >= 170 and len(per_document) >= 34
    assert all(4 <= n <= 6 for n in per_document.values()), per_document
    kinds = Counter(item.kind for item in items)
    for kind in ("fact", "numeric", "eligibility", "colloquial", "multi_turn", "comparison", "out_of_scope"):
        assert kinds[kind] >= 5, kinds
    # About half the documents on each side.
    dev, test = (len(split_sources(splits[s])) for s in ("real-dev", "real-test"))
    assert abs(dev - test) <= 2


CORPUS = Path(
    os.environ.get("ASSISTANT_EVAL_CORPUS")
    or Path(__file__).resolve().parents[3] / "shared" / "corpora" / "lawrefbook.tar.gz"
)


@pytest.mark.skipif(not CORPUS.is_file(), reason="the LawRefBook tarball is not beside the project")
def test_every_quote_and_fact_holds_in_the_real_texts(splits: dict[str, list[QAItem]]) -> None:
    items = splits["real-dev"] + splits["real-test"]
    sources = split_sources(items)
    with tempfile.TemporaryDirectory() as tmp:
        root = unpack(CORPUS, sources, Path(tmp))
        texts = {path: (root / path).read_bytes().decode("utf-8") for path in sources}
    assert check_items(items, texts) == []
