"""The real-document harness on a tiny corpus of three laws written here, packed like the real
tarball (`lawrefbook/…` inside, `labour.txt` beside), so no test needs the real corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.eval.__main__ import main
from assistant.eval.models import GoldQuote, QAItem
from assistant.eval.realdocs import (
    RealCorpusError,
    build_library,
    check_items,
    doc_id_for,
    real_library,
    unpack,
)
from tests.eval.lawrefbook_pack import pack_lawrefbook

CONTRACT = "社会法/劳动合同示范法(2020-01-01).md"
INJURY = "行政法规/工伤待遇示范条例(2019-05-01).md"
PARKS = "行政法规/城市公园管理示范办法(2018-03-01).md"  # in-domain list, never asked about

LAWS = {
    CONTRACT: """# 劳动合同示范法

2020年1月1日 施行

<!-- INFO END -->

## 第一章 总则

第一条 为了规范劳动合同，保护劳动者的合法权益，制定本法。

第二条 劳动合同期限一年以上不满三年的，试用期不得超过二个月。

第三条 劳动者提前三十日以书面形式通知用人单位，可以解除劳动合同。
""",
    INJURY: """# 工伤待遇示范条例

2019年5月1日 施行

<!-- INFO END -->

## 第一章 待遇

第一条 职工因工致残被鉴定为十级伤残的，一次性伤残补助金为7个月的本人工资。

第二条 停工留薪期一般不超过12个月。
""",
    PARKS: """# 城市公园管理示范办法

2018年3月1日 施行

<!-- INFO END -->

第一条 城市公园每日开放时间不少于十二小时。

第二条 公园内禁止攀折花木。
""",
}


def _item(item_id: str, source: str, question: str, quote: str, facts: list[str]) -> QAItem:
    return QAItem(
        id=item_id,
        question=question,
        kind="numeric",
        gold=[GoldQuote(doc=doc_id_for(source), quote=quote)],
        must_include=facts,
        answerable=True,
        source=source,
    )


ITEMS = [
    _item(
        "r1",
        CONTRACT,
        "劳动合同期限一年以上不满三年的，试用期不得超过多久？",
        "试用期不得超过二个月",
        ["二个月"],
    ),
    _item(
        "r2",
        INJURY,
        "十级伤残的一次性伤残补助金是几个月的本人工资？",
        "十级伤残的，一次性伤残补助金为7个月的本人工资",
        ["7个月"],
    ),
]


@pytest.fixture(scope="module")
def tarball(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pack_lawrefbook(tmp_path_factory.mktemp("corpus"), LAWS)


def test_doc_id_is_the_slugged_file_stem() -> None:
    assert doc_id_for("社会法/劳动合同法(2012-12-28).md") == "劳动合同法-2012-12-28"
    assert (
        doc_id_for("DLC/北京/北京市实施《残疾人保障法》办法(2019-05-30).md")
        == "北京市实施-残疾人保障法-办法-2019-05-30"
    )


def test_check_items_accepts_sound_items_and_names_each_fault() -> None:
    texts = {path: text for path, text in LAWS.items()}
    assert check_items(ITEMS, texts) == []
    wrong_quote = ITEMS[0].model_copy(
        update={"gold": [GoldQuote(doc=doc_id_for(CONTRACT), quote="试用期不得超过二个月以上")]}
    )
    wrong_doc = ITEMS[1].model_copy(
        update={"id": "r3", "gold": [GoldQuote(doc="another", quote="一次性伤残补助金为7个月的本人工资")]}
    )
    unsupported = ITEMS[1].model_copy(update={"id": "r4", "must_include": ["9个月"]})
    unknown = ITEMS[1].model_copy(update={"id": "r5", "source": "社会法/不存在的法(2000-01-01).md"})
    lonely = ITEMS[0].model_copy(update={"id": "r6", "kind": "multi_turn"})
    assert check_items([wrong_quote, wrong_doc, unsupported, unknown, lonely], texts) == [
        "r1: quote not in 社会法/劳动合同示范法(2020-01-01).md: 试用期不得超过二个月以上",
        "r3: gold doc 'another' is not '工伤待遇示范条例-2019-05-01'",
        "r4: must_include '9个月' is not stated by its quotes",
        "r5: source '社会法/不存在的法(2000-01-01).md' is not in the corpus",
        "r6: a multi_turn item needs its earlier turns in `history`",
    ]


def test_unpack_takes_only_the_wanted_files_and_names_missing_ones(tarball: Path, tmp_path: Path) -> None:
    root = unpack(tarball, [CONTRACT], tmp_path / "a")
    assert sorted(p.name for p in root.rglob("*.md")) == ["劳动合同示范法(2020-01-01).md"]
    with pytest.raises(RealCorpusError, match="1 files are not in"):
        unpack(tarball, [CONTRACT, "社会法/不存在的法(2000-01-01).md"], tmp_path / "b")


def test_a_library_refuses_two_files_that_would_share_a_doc_id(tarball: Path, tmp_path: Path) -> None:
    root = unpack(tarball, list(LAWS), tmp_path / "corpus")
    (root / "其他").mkdir()
    (root / "其他" / "劳动合同示范法(2020-01-01).md").write_text("# 同名\n", encoding="utf-8")
    with pytest.raises(RealCorpusError, match="would share the doc_id"):
        build_library(root, [CONTRACT, "其他/劳动合同示范法(2020-01-01).md"], tmp_path / "library")


def test_a_split_whose_quotes_do_not_hold_is_not_measured(tarball: Path) -> None:
    bad = ITEMS[0].model_copy(update={"must_include": ["六个月"]})
    with (
        pytest.raises(RealCorpusError, match="must_include '六个月'"),
        real_library([bad], tarball, library="sources", embedding="corpus-static"),
    ):
        pass


def test_in_domain_library_adds_distractors_and_answers_from_the_right_law(tarball: Path) -> None:
    with real_library(ITEMS, tarball, library="in-domain", embedding="corpus-static") as built:
        assert (built.info.documents, built.info.split_documents) == (3, 2)
        assert sorted(p.name for p in built.sources_dir.iterdir()) == sorted(Path(p).name for p in LAWS)
        outputs = {line.id: line for line in built.system(ITEMS)}
    # The clause holding the gold quote is in the top 5, under the doc_id the gold names:
    # the doc_ids ingest assigns are the ones doc_id_for predicts.
    for item_id, source, quote in (
        ("r1", CONTRACT, "试用期不得超过二个月"),
        ("r2", INJURY, "一次性伤残补助金为7个月的本人工资"),
    ):
        top = [(chunk.doc_id, chunk.text) for chunk in outputs[item_id].retrieved[:5]]
        assert any(doc == doc_id_for(source) and quote in text for doc, text in top), top


def test_cli_runs_a_real_split_and_reports_its_metrics(tarball: Path, tmp_path: Path, capsys) -> None:
    qa = tmp_path / "real.jsonl"
    qa.write_text("".join(item.model_dump_json() + "\n" for item in ITEMS), encoding="utf-8")
    thresholds = tmp_path / "bounds.toml"
    thresholds.write_text("[overall.min]\nrecall_at_5 = 1.0\n", encoding="utf-8")
    argv = ["--split", "real-dev", "--qa", str(qa), "--thresholds", str(thresholds), "--corpus", str(tarball)]
    status = main([*argv, "--embedding", "corpus-static", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert status == 0
    assert result["project"]["overall"]["recall_at_5"] == 1.0
    assert result["baseline"]["overall"]["recall_at_5"] == 1.0  # the naive baseline read the library too


def test_cli_needs_a_corpus_for_a_real_split(monkeypatch) -> None:
    monkeypatch.delenv("ASSISTANT_EVAL_CORPUS", raising=False)
    with pytest.raises(SystemExit, match="needs --corpus"):
        main(["--split", "real-dev", "--no-baseline"])


def test_a_missing_corpus_or_list_is_named_before_anything_is_built(tmp_path):
    with pytest.raises(RealCorpusError, match="no corpus at"), real_library(ITEMS, tmp_path / "none.tar.gz"):
        pass
    corpus = tmp_path / "lawrefbook"
    corpus.mkdir()
    no_list = tmp_path / "x"
    with pytest.raises(RealCorpusError, match="no in-domain list at"), real_library(ITEMS, corpus, no_list):
        pass
