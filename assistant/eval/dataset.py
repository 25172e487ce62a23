"""Where the eval files live, and how the QA set and the raw sources are read."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import ValidationError

from assistant.eval.models import QAItem

REPO_ROOT = Path(__file__).resolve().parents[2]
# Two splits (DESIGN.md): dev is for development and tuning; test was written from the
# documents before the changes it judges and is never read while changing code. The real
# splits are the same pair on real laws (assistant/eval/realdocs.py), split by document.
Split = Literal["dev", "test", "real-dev", "real-test"]
SPLITS: tuple[Split, ...] = ("dev", "test")
REAL_SPLITS: tuple[Split, ...] = ("real-dev", "real-test")
EVAL_DIR = REPO_ROOT / "eval"
DEFAULT_QA = EVAL_DIR / "dev.jsonl"
DEFAULT_THRESHOLDS = EVAL_DIR / "thresholds" / "dev.toml"
DEFAULT_REPORT_DIR = REPO_ROOT / "eval" / "reports"
DEFAULT_SOURCES = REPO_ROOT / "index" / "sources"
OVERRIDES_FILE = "overrides.yaml"


def is_held_out(split: Split) -> bool:
    """A test split: its report never lists failing items (see __main__)."""
    return split.endswith("test")


def split_path(split: Split) -> Path:
    """eval/dev.jsonl, eval/test.jsonl, eval/real_dev.jsonl or eval/real_test.jsonl."""
    return EVAL_DIR / f"{split.replace('-', '_')}.jsonl"


def thresholds_path(split: Split) -> Path:
    """eval/thresholds/<split>.toml."""
    return EVAL_DIR / "thresholds" / f"{split}.toml"


class QASetError(ValueError):
    """A line of the QA file is not a valid item."""


def load_qa(path: Path = DEFAULT_QA) -> list[QAItem]:
    """Parse a QA jsonl file; blank lines are skipped, a bad line names its line number."""
    items: list[QAItem] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(QAItem.model_validate_json(line))
        except ValidationError as exc:
            raise QASetError(f"{path}:{number}: {exc}") from exc
    return items


def source_files(sources_dir: Path = DEFAULT_SOURCES) -> dict[str, Path]:
    """doc_id -> raw source file, doc_ids taken from overrides.yaml, else the file stem."""
    overrides_path = sources_dir / OVERRIDES_FILE
    overrides = yaml.safe_load(overrides_path.read_text("utf-8")) if overrides_path.exists() else {}
    files: dict[str, Path] = {}
    for path in sorted(sources_dir.iterdir()):
        if not path.is_file() or path.name == OVERRIDES_FILE or path.name.startswith("."):
            continue
        doc_id = (overrides or {}).get(path.name, {}).get("doc_id") or path.stem
        files[doc_id] = path
    return files


def load_source_texts(sources_dir: Path = DEFAULT_SOURCES) -> dict[str, str]:
    """doc_id and file stem -> raw text, so a gold `doc` may use either name.

    Bytes are decoded without newline translation: a gold quote must be a substring of
    the file exactly as it is stored.
    """
    texts: dict[str, str] = {}
    for doc_id, path in source_files(sources_dir).items():
        text = path.read_bytes().decode("utf-8")
        texts[doc_id] = text
        texts[path.stem] = text
    return texts
