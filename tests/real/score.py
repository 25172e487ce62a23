"""Score metadata on real laws and regulations against hand-written expectations.

`python -m tests.real.score LAWREFBOOK [tests/real/expected_a.yaml]` ingests each file keyed
in the expectation file (no embedding), compares the fields a curator wrote down from the
text and prints the rate per field and overall, then each file's wrong values. A file that
cannot be read counts every field wrong.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from pathlib import Path

import yaml

from assistant.ingest.corpus import build_document
from assistant.ingest.loaders import load_file
from assistant.models import DocumentMeta

HERE = Path(__file__).parent
FIELDS = (
    "title",
    "issuers",
    "doc_number",
    "date",
    "adopted",
    "amended",
    "valid_from",
    "jurisdiction",
    "repeals",
)


def actual(meta: DocumentMeta) -> dict[str, object]:
    """The scored fields of one document, as the expectation file writes them."""
    return {
        "title": meta.title,
        "issuers": list(meta.issuers),
        "doc_number": meta.doc_number,
        "date": meta.date,
        "adopted": getattr(meta, "adopted_on", None),
        "amended": list(getattr(meta, "amended_on", []) or []),
        "valid_from": meta.valid_from,
        "jurisdiction": meta.jurisdiction.label if meta.jurisdiction else None,
        "repeals": list(meta.repeals),
    }


def _normal(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def score(root: Path, spec: dict[str, dict[str, object]]) -> tuple[Counter[str], Counter[str], dict]:
    """Right and total counts per field, and the wrong values per file."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: dict[str, dict[str, tuple[object, object]]] = {}
    for rel, want in spec.items():
        path = root / rel
        try:
            raw = load_file(path)
            got = actual(build_document(path.name, raw.text, None, raw.page).meta)
        except Exception as exc:  # a crash loses the file's every field, and is shown
            got = {name: f"✗ {type(exc).__name__}: {exc}" for name in FIELDS}
        for name in FIELDS:
            total[name] += 1
            expected, value = _normal(want.get(name)), _normal(got[name])
            if expected == value:
                right[name] += 1
            else:
                wrong.setdefault(rel, {})[name] = (expected, value)
    return right, total, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path, help="the unpacked lawrefbook/ folder")
    parser.add_argument("expected", type=Path, nargs="?", default=HERE / "expected_a.yaml")
    parser.add_argument("--quiet", action="store_true", help="only the rates")
    args = parser.parse_args()
    spec = yaml.safe_load(args.expected.read_text("utf-8"))
    right, total, wrong = score(args.folder, spec)
    if not args.quiet:
        for rel, fields in wrong.items():
            print(rel)
            for name, (expected, value) in fields.items():
                print(f"    {name}: want {expected!r}, got {value!r}")
    for name in FIELDS:
        print(f"{name:<13}{right[name]:>4}/{total[name]:<4} {right[name] / total[name]:.1%}")
    all_right, all_total = sum(right.values()), sum(total.values())
    print(f"{'overall':<13}{all_right:>4}/{all_total:<4} {all_right / all_total:.1%}")
    files_right = len(spec) - len(wrong)
    print(f"files with every field right {files_right}/{len(spec)}")


if __name__ == "__main__":
    main()
