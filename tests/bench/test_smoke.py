"""A tiny end-to-end run: one size, two real documents, three questions, both systems."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.bench.__main__ import main
from assistant.bench.models import BenchResult
from assistant.settings import PROJECT_ROOT

REAL = PROJECT_ROOT / "index" / "sources"
pytestmark = pytest.mark.slow  # several worker processes, each loading the model

TWO = ("000_21357cb1be230db7.txt", "004_b6a65dec7dba9231.txt")


def test_sizes_1_on_two_documents_measures_project_and_baseline(tmp_path: Path, capsys):
    sources = tmp_path / "real"
    sources.mkdir()
    for name in (*TWO, "overrides.yaml"):
        shutil.copy(REAL / name, sources / name)
    qa = tmp_path / "qa.jsonl"
    lines = (PROJECT_ROOT / "eval" / "dev.jsonl").read_text("utf-8").splitlines()
    qa.write_text("\n".join(lines[:3]) + "\n", "utf-8")
    out = tmp_path / "out"
    argv = ["--sizes", "1", "--sources", str(sources), "--qa", str(qa), "--repeats", "1", "--rounds", "1",
            "--no-hnsw", "--no-cold", "--no-real", "--json", "--quiet", "--out", str(out),
            "--workdir", str(tmp_path / "w")]  # fmt: skip
    assert main(argv) == 0
    result = BenchResult.model_validate(json.loads(capsys.readouterr().out.strip().splitlines()[-1]))
    (size,) = result.sizes
    assert size.scale == 1 and not size.errors
    assert size.builds[0].documents == 2 and size.builds[0].faiss_type == "flat-ip"
    assert size.serves[0].answer.n == 3 and size.serves[0].retrieval.n == 3
    assert size.baselines[0].chunks > 0 and size.baselines[0].answer.n == 3
    assert size.milvus_builds[0].clauses == size.builds[0].clauses
    assert size.milvus_serves[0].answer.n == 3
    assert "| answer p50 (ms) | 1× |" in markdown_of(out).split("Milvus Lite, same run")[1]
    assert "| answer p50 (ms) | 1× |" in (out / "results.md").read_text("utf-8")
    assert (out / "growth.png").stat().st_size > 0


def markdown_of(out: Path) -> str:
    return (out / "results.md").read_text("utf-8")
