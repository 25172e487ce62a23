"""Ordinary people's labour-law questions: the article@5 / law@5 harness, and what the
shaping of retrieval does with a national law, a provincial regulation and an unsourced guide
that say nearly the same thing. A tiny corpus written here, packed like the real tarball."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.eval.dataset import REPO_ROOT, load_qa
from assistant.eval.labour import LABOUR_DEV, article_hit, law_hit, main, split_articles
from assistant.eval.models import GoldQuote, OutputChunk, QAItem
from assistant.eval.realdocs import doc_id_for, real_library
from tests.eval.lawrefbook_pack import pack_lawrefbook

NATIONAL = "社会法/劳动合同示范法(2012-12-28).md"
SHANDONG = "DLC/山东地方法规/地方性法规/山东/山东省劳动合同示范条例(2013-08-01).md"
GUIDE = "其他/劳动维权攻略.md"

LAWS = {
    NATIONAL: """# 中华人民共和国劳动合同示范法

2012年12月28日 第十一届全国人民代表大会常务委员会第三十次会议通过

<!-- INFO END -->

## 第四章 劳动合同的解除和终止

第三十八条 用人单位未依法为劳动者缴纳社会保险费的，劳动者可以解除劳动合同。

第四十六条 劳动者依照本法第三十八条规定解除劳动合同的，用人单位应当向劳动者支付经济补偿。

第四十七条 经济补偿按劳动者在本单位工作的年限，每满一年支付一个月工资的标准向劳动者支付。
""",
    SHANDONG: """# 山东省劳动合同示范条例

2013年8月1日 山东省第十二届人民代表大会常务委员会第三次会议通过

<!-- INFO END -->

第二十条 用人单位未依法为劳动者缴纳社会保险费，劳动者解除劳动合同的，用人单位应当支付经济补偿。

第二十一条 本省用人单位支付经济补偿，按照劳动者在本单位工作的年限计算。
""",
    GUIDE: """# 劳动维权攻略

公司没给我交社保，我辞职了，想要补偿，老板说没有，我去问了好几个人。

辞职以后要补偿，先把工资条、打卡记录和社保缴费记录都留好。
""",
}

QUESTION = "公司没给我交社保，我辞职能要补偿吗？"


def _item(item_id: str, question: str, source: str, article: str, quote: str) -> QAItem:
    return QAItem(
        id=item_id,
        question=question,
        kind="colloquial",
        gold=[GoldQuote(doc=doc_id_for(source), quote=quote)],
        must_include=[],
        answerable=True,
        source=source,
        article=article,
    )


ITEMS = [
    _item("l1", QUESTION, NATIONAL, "第四十六条", "劳动者依照本法第三十八条规定解除劳动合同的"),
    _item("l2", "干了三年被辞退了赔多少", NATIONAL, "第四十七条", "每满一年支付一个月工资"),
]


@pytest.fixture(scope="module")
def tarball(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pack_lawrefbook(tmp_path_factory.mktemp("corpus"), LAWS)


@pytest.fixture(scope="module")
def built(tarball: Path):
    with real_library(ITEMS, tarball, library="in-domain", embedding="corpus-static") as library:
        yield library


def _chunk(source: str, text: str) -> OutputChunk:
    return OutputChunk(doc_id=doc_id_for(source), text=text)


def test_an_article_counts_only_from_the_items_law_and_within_the_top_five() -> None:
    item = ITEMS[0]
    quote = item.gold[0].quote
    other_law = [_chunk(SHANDONG, f"第二十条 {quote}")]
    assert not article_hit(item, other_law) and not law_hit(item, other_law)
    right = _chunk(NATIONAL, f"第四十六条 有下列情形之一的…… {quote}；")
    assert article_hit(item, [right]) and law_hit(item, [right])
    wrong_article = _chunk(NATIONAL, "第三十八条 用人单位未依法为劳动者缴纳社会保险费的")
    assert not article_hit(item, [wrong_article]) and law_hit(item, [wrong_article])
    filler = [_chunk(GUIDE, "攻略")] * 5
    assert not article_hit(item, [*filler, right]) and not law_hit(item, [*filler, right])


def test_the_baseline_chunks_one_article_each() -> None:
    chunks = split_articles(LAWS[NATIONAL])
    assert [c.split()[0] for c in chunks[1:]] == ["第三十八条", "第四十六条", "第四十七条"]
    assert chunks[0].startswith("# 中华人民共和国劳动合同示范法")


def test_an_everyday_question_finds_the_national_article_before_the_guide_and_another_province(built) -> None:
    line = built.system([ITEMS[0]])[0]
    assert line.retrieved[0].doc_id == doc_id_for(NATIONAL), [c.text[:20] for c in line.retrieved[:3]]
    assert article_hit(ITEMS[0], line.retrieved)


def test_a_worker_elsewhere_is_not_answered_from_shandongs_regulation(built) -> None:
    asked = _item(
        "l3", "我在南京上班，公司没给我交社保，我辞职能要补偿吗？", NATIONAL, "第四十六条", "依照本法"
    )
    docs = [chunk.doc_id for chunk in built.system([asked])[0].retrieved]
    assert docs.index(doc_id_for(NATIONAL)) < docs.index(doc_id_for(SHANDONG))


def test_a_worker_in_shandong_still_finds_shandongs_regulation(built) -> None:
    asked = _item("l4", "我在济南上班，公司没交社保，辞职能要补偿吗？", NATIONAL, "第四十六条", "依照本法")
    docs = [chunk.doc_id for chunk in built.system([asked])[0].retrieved[:5]]
    assert doc_id_for(SHANDONG) in docs


def test_the_command_reports_the_project_and_the_baseline(tarball: Path, tmp_path: Path, capsys) -> None:
    qa = tmp_path / "labour.jsonl"
    qa.write_text("".join(item.model_dump_json() + "\n" for item in ITEMS), encoding="utf-8")
    assert main(["--qa", str(qa), "--corpus", str(tarball), "--embedding", "corpus-static"]) == 0
    out = capsys.readouterr().out
    rows = {
        line.split()[0]: line.split()[1:]
        for line in out.splitlines()
        if line.split()[:1] in (["project"], ["baseline"])
    }
    assert set(rows) == {"project", "baseline"}
    assert rows["project"][0] == "2" and 0.0 <= float(rows["project"][1]) <= 1.0


def test_the_dev_set_is_everyday_questions_on_laws_outside_the_test_split() -> None:
    items = load_qa(LABOUR_DEV)
    assert len(items) >= 60
    assert all(item.source and item.article and item.gold for item in items)
    # Only the `source` field of the held-out split is read: its questions stay unseen.
    test_sources = {
        json.loads(line)["source"] for line in (REPO_ROOT / "eval" / "real_test.jsonl").open(encoding="utf-8")
    }
    assert not {item.source for item in items} & test_sources
    assert all(item.gold[0].doc == doc_id_for(item.source or "") for item in items)


def test_answers_and_citations_name_a_law_by_its_title_never_its_file_name(built) -> None:
    titles = {"中华人民共和国劳动合同示范法", "山东省劳动合同示范条例", "劳动维权攻略"}
    for line in built.system(ITEMS):
        named = set(re.findall(r"《([^》]+)》", line.answer))
        assert named and named <= titles, line.answer
        assert all(citation.title in titles for citation in line.citations)
        assert "(2012-12-28)" not in line.answer and "社会法" not in line.answer
