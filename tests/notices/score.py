"""Score ingest against the hand-written expectations of the test notices.

Used by the tests (which require every value) and by `python -m tests.notices.score`,
which prints the measured rates: metadata fields right, clause numbering matching, text
lost and ingest time per document.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tempfile
import time
from pathlib import Path

import yaml

from assistant.ingest.chunking import numbering
from assistant.ingest.corpus import load_corpus
from assistant.models import Document
from tests.notices.build import EXPECTED, build_notices

TODAY = dt.date(2026, 11, 21)  # the date statuses are judged against, as in tests/conftest.py
_SPLIT = re.compile(r"（\d+/\d+）$")


def expected() -> dict[str, dict]:
    return yaml.safe_load(EXPECTED.read_text("utf-8"))


def actual_meta(doc: Document) -> dict[str, object]:
    meta = doc.meta
    return {
        "doc_id": meta.doc_id,
        "title": meta.title,
        "doc_number": meta.doc_number,
        "issuers": meta.issuers,
        "date": meta.date,
        "jurisdiction": meta.jurisdiction.label if meta.jurisdiction else None,
        "valid_from": meta.valid_from,
        "valid_to": meta.valid_to,
        "repeals": meta.repeals,
        "repealed_by": meta.repealed_by,
        "status": meta.status(TODAY),
    }


def actual_labels(doc: Document) -> list[str]:
    """The numbering of each clause as cited (one entry per clause, not per split piece)."""
    return [numbering(c, doc.meta) for c in doc.clauses if c.kind != "header" and "#" not in c.clause_id]


def label_matches(want: list[str], got: list[str]) -> int:
    """How many expected labels the document produced, in order."""
    blocks = difflib.SequenceMatcher(a=want, b=got, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        build_notices(Path(folder))
        load_corpus(Path(folder))  # warm: imports and dictionaries load once
        started = time.perf_counter()
        corpus, _ = load_corpus(Path(folder))
        seconds = time.perf_counter() - started
    spec = expected()
    fields_right = fields = labels_right = labels = extra = 0
    for doc in corpus.documents:
        want = spec[doc.meta.source_file]
        got = actual_meta(doc)
        wrong = {k: (v, got[k]) for k, v in want["meta"].items() if got[k] != v}
        fields += len(want["meta"])
        fields_right += len(want["meta"]) - len(wrong)
        got_labels = actual_labels(doc)
        matched = label_matches(want["labels"], got_labels)
        labels += len(want["labels"])
        labels_right += matched
        extra += len(got_labels) - matched
        right = len(want["meta"]) - len(wrong)
        counts = f"fields {right}/{len(want['meta'])}, labels {matched}/{len(want['labels'])}"
        print(f"{doc.meta.source_file}: {counts}")
        if wrong:
            print(f"    wrong: {wrong}")
    for error in corpus.errors:
        print(f"✗ {error.file}: {error.message}")
    n = len(corpus.documents)
    per_document = seconds / max(n, 1) * 1000
    print(f"documents {n}/{len(spec)}")
    print(f"metadata fields right {fields_right}/{fields} ({fields_right / max(fields, 1):.1%})")
    print(f"clause labels matching {labels_right}/{labels} ({labels_right / max(labels, 1):.1%}); "
          f"clauses not expected {extra}")  # fmt: skip
    print(f"ingest {per_document:.0f} ms per document (load, clean, metadata, chunks; no embedding)")


if __name__ == "__main__":
    main()
