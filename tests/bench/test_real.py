"""The real-text part on a tiny corpus made here: a tarball of three laws, two sharing a name."""

from __future__ import annotations

import tarfile
from pathlib import Path

from assistant.bench.models import BenchResult, DistractorRun, EmbedRate, RealResult
from assistant.bench.real import RealOptions, flat_name, measure_real, unpack_libraries
from assistant.bench.real_report import distractor_table, real_markdown

LAWS = {
    "法律/社会法/职业培训促进法.md": "# 职业培训促进条例\n\n第一条 为了促进职业培训，制定本条例。\n\n"
    "第二条 县级以上人民政府应当组织开展职业技能培训。劳动者参加培训的，按规定享受培训补贴。\n\n"
    "第三条 本条例自2020年1月1日起施行。\n",
    "地方性法规/江苏/就业促进条例.md": "# 江苏省就业促进条例\n\n第一条 为了促进就业，制定本条例。\n\n"
    "第二条 失业人员可以申领失业保险金。\n",
    "地方性法规/浙江/就业促进条例.md": "# 浙江省就业促进条例\n\n第一条 为了促进就业，制定本条例。\n\n"
    "第二条 高校毕业生可以享受就业见习补贴。\n",
}
IN_DOMAIN = ["法律/社会法/职业培训促进法.md"]


def _corpus(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for member, text in LAWS.items():
        path = tree / "lawrefbook" / member
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    tarball = tmp_path / "corpora" / "lawrefbook.tar.gz"
    tarball.parent.mkdir()
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(tree / "lawrefbook", arcname="lawrefbook")
    (tarball.parent / "labour.txt").write_text("\n".join(IN_DOMAIN) + "\n", "utf-8")
    return tarball


def test_a_name_two_folders_share_gets_its_folder():
    taken: set[str] = set()
    assert flat_name("地方性法规/江苏/就业促进条例.md", taken) == "就业促进条例.md"
    assert flat_name("地方性法规/浙江/就业促进条例.md", taken) == "就业促进条例_浙江.md"


def test_unpack_keeps_every_law_and_picks_the_in_domain_part(tmp_path: Path):
    tarball = _corpus(tmp_path)
    whole, in_domain, files, found = unpack_libraries(
        tarball, tarball.parent / "labour.txt", tmp_path / "out"
    )
    assert (files, found) == (3, 1)
    assert sorted(p.name for p in whole.iterdir()) == [
        "就业促进条例.md",
        "就业促进条例_浙江.md",
        "职业培训促进法.md",
    ]
    assert [p.name for p in in_domain.iterdir()] == ["职业培训促进法.md"]
    assert "高校毕业生" in (whole / "就业促进条例_浙江.md").read_text("utf-8")


def test_whole_corpus_build_counts_ingest_and_reports_it(tmp_path: Path):
    tarball = _corpus(tmp_path)
    options = RealOptions(corpus=tarball, in_domain=False, milvus=False, baseline=False, rebuild=False,
                          distractor_splits=[], cache_path=tmp_path / "cache.sqlite3")  # fmt: skip
    work = tmp_path / "work"
    work.mkdir()
    real = measure_real(options, work, say=lambda message: None)
    (whole,) = real.builds
    assert not whole.errors, whole.errors
    assert whole.embedding == "corpus-static"
    assert whole.ingest is not None
    assert (whole.ingest.files, whole.ingest.documents, whole.ingest.refused, whole.ingest.crashed) == (
        3,
        3,
        0,
        0,
    )
    assert whole.build is not None and whole.build.documents == 3 and whole.build.clauses >= 7
    assert whole.ingest.sentences >= whole.build.clauses
    assert whole.build.vectors_embedded > 0 and whole.vectors_per_s and whole.vectors_per_s > 0
    assert whole.serve is not None and whole.serve.answer.n > 0
    result = BenchResult(started="2026-12-06T00:00:00", machine={"cores": "2"}, sizes=[], real=real)
    text = real_markdown(result)
    assert "| whole corpus | 3 | 3 | 0 | 0 |" in text
    assert "| whole corpus | embedded |" in text


def _run(split: str, library: str, recall: float, facts: float) -> DistractorRun:
    return DistractorRun(split=split, library=library, embedding="bundled-e5", documents=5,
                         recall_at_5=recall, key_fact_accuracy=facts)  # fmt: skip


def test_distractor_rows_show_the_change_and_judge_it_against_003():
    runs = [
        _run("dev", "five notices", 0.90, 0.80),
        _run("dev", "five notices + in-domain", 0.88, 0.70),
        _run("test", "five notices", 0.85, 0.75),
        _run("test", "five notices + in-domain", 0.85, 0.74),
    ]
    real = RealResult(corpus_files=3, in_domain_files=1, unpack_s=0, distractors=runs)
    result = BenchResult(started="x", machine={}, sizes=[], real=real)
    rows = distractor_table(result)
    dev = next(r for r in rows if r.startswith("| dev | bundled-e5 | five notices + in-domain |"))
    assert "| -0.020 | -0.100 | ❌ |" in dev
    test = next(r for r in rows if r.startswith("| test | bundled-e5 | five notices + in-domain |"))
    assert "| +0.000 | -0.010 | ✅ |" in test
    alone = next(r for r in rows if r.startswith("| dev | bundled-e5 | five notices |"))
    assert "| — | — |" in alone


def test_the_e5_speed_is_reported_with_the_time_the_in_domain_part_would_take():
    rate = EmbedRate(sample=96, seconds=48.0, cpu_s=12.0, load_s=1.5, vectors_per_s=2.0,
                     library_texts=18_000, projected_build_s=9000.0)  # fmt: skip
    real = RealResult(corpus_files=3, in_domain_files=1, unpack_s=0, e5_rate=rate)
    text = real_markdown(BenchResult(started="x", machine={}, sizes=[], real=real))
    assert "2.0 vectors/s wall (8.0 per CPU second" in text
    assert "18,000 clauses and sentences take ≈ 150 min" in text
