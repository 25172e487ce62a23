"""The guards every answer passes: citations only to retrieved clauses, and no figure
without a source."""

from __future__ import annotations

import datetime as dt

from assistant.answer.base import CitedSpan, Draft
from assistant.answer.validate import guard_numbers, to_citations, unsupported_numbers
from assistant.models import Citation, Clause, DocumentMeta, Retrieved

CLAUSE_13 = "定期开展塞上技能大师、自治区技术能手评选活动，将自治区技术能手奖励资金调高至1万元。"


def citation(n: int, text: str) -> Citation:
    return Citation(
        n=n, doc_id="d", title="《“技能宁夏行动”实施方案》", doc_number=None, issuer=None,
        jurisdiction=None, clause_id=f"d:{n}", label="四、（四）13.", text=text,
        valid_to=dt.date(2025, 12, 31),
    )  # fmt: skip


def test_numbers_found_in_the_source_pass():
    assert unsupported_numbers("技术能手奖励资金调高至1万元[1]。", [CLAUSE_13]) == []


def test_an_items_own_number_is_supported_by_the_item_but_a_decimal_is_not_split():
    item = "2.取得技师证书的，每人给予补贴3000元。"
    assert unsupported_numbers("2.取得技师证书的，每人给予补贴3000元[1]。", [item]) == []
    assert unsupported_numbers("补贴提高1倍[1]。", ["补贴提高1.5倍。"]) == ["1"]


def test_a_figure_the_source_does_not_hold_is_reported():
    assert unsupported_numbers("奖励10万元[1]。", [CLAUSE_13]) == ["10"]
    assert unsupported_numbers("奖励1.5万元[1]。", [CLAUSE_13]) == ["1.5"]


def test_the_guard_removes_only_the_unsupported_sentence():
    text = "宁夏将技术能手奖励资金调高至1万元[1]。另有补贴10万元[1]。请拨打12333。"
    kept, removed = guard_numbers(text, [citation(1, CLAUSE_13)])
    assert "1万元[1]" in kept and "12333" in kept
    assert "10万元" not in kept
    assert len(removed) == 1 and "10" in removed[0]


def test_citation_marks_are_not_mistaken_for_figures():
    kept, removed = guard_numbers("调高至1万元[7]。", [citation(7, CLAUSE_13)])
    assert removed == [] and kept == "调高至1万元[7]。"


def test_citations_to_clauses_that_were_not_retrieved_are_dropped():
    meta = DocumentMeta(doc_id="d", title="t", source_file="f.txt")
    clause = Clause(doc_id="d", clause_id="d:1", kind="clause", path=[], label="l", text=CLAUSE_13,
                    original=CLAUSE_13, order=0)  # fmt: skip
    hits = [Retrieved(clause=clause, doc=meta, score=1.0)]
    draft = Draft(text="x[1][2]", answerable=True, cited=[CitedSpan(n=1, clause_id="d:1"),
                                                          CitedSpan(n=2, clause_id="d:99")])  # fmt: skip
    citations, dropped = to_citations(draft, hits)
    assert [c.clause_id for c in citations] == ["d:1"]
    assert dropped == ["d:99"]


def test_a_note_on_the_cited_documents_period_keeps_its_days_whoever_set_them():
    """A curator corrected the period's last day to 30 November: the note saying it has passed
    states that day, which no clause holds, and is no unsourced figure."""
    cited = citation(1, CLAUSE_13).model_copy(
        update={"valid_from": dt.date(2021, 4, 20), "valid_to": dt.date(2025, 11, 30)}
    )
    note = "注意：《“技能宁夏行动”实施方案》实施期限为2021年4月20日至2025年11月30日，已过期。"
    kept, removed = guard_numbers(f"技术能手奖励资金调高至1万元[1]。\n{note}", [cited])
    assert note in kept and removed == []
