"""What counts as a sentence of a clause: the unit the answer quotes."""

from __future__ import annotations

from assistant.models import Clause
from assistant.text.sentences import clause_sentences, statement_core


def _clause(text: str, label: str, headings: list[str]) -> Clause:
    return Clause(
        doc_id="d", clause_id="d:1", kind="clause", path=["2."], headings=headings,
        label=label, text=text, original=text, order=1,
    )  # fmt: skip


def test_an_item_that_is_one_statement_keeps_it_though_its_label_repeats_it():
    text = "2.取得技师证书的，每人给予补贴3000元。"
    clause = _clause(text, "《办法》二、2. 取得技师证书的，每人给予补贴3000元", ["补贴标准"])
    assert [s.text for s in clause_sentences(clause)] == [text]


def test_a_heading_line_states_nothing_but_a_figure_under_it_does():
    text = "13.加大高技能人才表彰奖励。对获评技术能手的给予奖励。给予每人1500元奖励。"
    clause = _clause(text, "《方案》13. 加大高技能人才表彰奖励", ["奖励"])
    said = [s.text for s in clause_sentences(clause)]
    assert "13.加大高技能人才表彰奖励。" not in said
    assert "给予每人1500元奖励。" in said


def test_a_statement_quoted_with_a_column_name_or_an_item_number_has_one_core():
    assert statement_core("主要措施：落实以工代训补贴。") == "落实以工代训补贴"
    assert statement_core("工作措施：（2）落实以工代训补贴。") == "落实以工代训补贴"
    assert statement_core("3. 落实以工代训补贴；") == "落实以工代训补贴"
    assert statement_core("落实以工代训补贴和岗前培训补贴。") != "落实以工代训补贴"


def test_a_list_whose_items_stand_on_lines_of_their_own_reads_as_one_whole_sentence():
    from assistant.text.sentences import whole_sentences

    text = "第四条 有下列情形之一的，不予发放：\n（一）已退休的；\n（二）在校学生。\n第五条 另一条。"
    assert whole_sentences(text) == [
        "第四条 有下列情形之一的，不予发放：（一）已退休的；（二）在校学生。",
        "第五条 另一条。",
    ]
    assert whole_sentences("补贴标准为每人500元。\n按月发放。") == ["补贴标准为每人500元。", "按月发放。"]
