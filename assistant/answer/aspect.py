"""Answer a follow-up that asks a new aspect of the subject already named.

"那怎么申请？" after a question about a subsidy, "去哪报名？" after one about a training:
the subject is carried from the earlier turns (question/resolve_followup.py); what is
answered is the aspect. A sentence answers it only when it states it (a procedure says
who applies to whom or how; a place names a body, window or platform; materials name
documents to hand in; a deadline gives a date). When no retrieved sentence does, the
answer says the documents do not state it, and never repeats the earlier answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.evidence import Evidence
from assistant.ingest.benefits import is_sanction
from assistant.jurisdiction import lead_document
from assistant.models import Jurisdiction
from assistant.question.answer_type import (
    LEAVES_OUT,
    Aspect,
    heads_aspect,
    states,
    states_outright,
    titles_aspect,
)


def answering(
    ranked: list[Evidence],
    aspect: Aspect,
    depth: int = 12,
    floor: float = 0.0,
    places: Sequence[Jurisdiction] = (),
    years: Sequence[int] = (),
) -> list[Evidence]:
    """The sentences that state the aspect, three at most, one clause each (one naming a year
    asked first: "2026年什么时候申报" is "2026年度集中申报时间为…"): those under the
    leading document's own heading for it ("（二）申请材料。本人有效身份证件…", whose
    sentence shares no word with "需要什么材料"); else the best-scored of the top `depth`
    that state it and score at least `floor`, then any other of the leading document's that
    state it; empty when there are none."""
    lead = lead_document(list({e.doc.doc_id: e.doc for e in ranked}.values()), places)
    headed = [
        e
        for e in ranked
        if e.hit.doc.doc_id == lead and titles_aspect(e.hit.clause.label, e.hit.clause.headings, aspect)
    ]
    # An item titled for the aspect itself ("（一）申请方式。") before one under a heading
    # over several ("三、申请程序" over 申请方式, 申请时限, 资金发放).
    headed.sort(key=lambda e: not heads_aspect([e.hit.clause.label], aspect))
    if aspect == "conditions":
        # Under "补贴对象", whom it is for before whom it leaves out.
        headed.sort(key=lambda e: (bool(LEAVES_OUT.search(e.text)), e.hit.clause.order))
    # What befalls those who cheat ("…骗取…的，追回已发放资金，取消其三年内申领资格") states
    # no deadline, payment or procedure of anyone's, only a case that stops the pay.
    # The header card's period is the document's, no window of anyone's to apply in.
    ranked = [
        e for e in ranked if (aspect == "stops" or not is_sanction(e.text)) and e.hit.clause.kind != "header"
    ]
    best = [e for e in ranked[:depth] if e.probability >= floor and states(e.text, aspect)]
    own = [e for e in ranked if e not in best and e.hit.doc.doc_id == lead and states(e.text, aspect)]
    stating = [*best, *own]
    stating.sort(key=lambda e: not any(f"{year}年" in e.text for year in years))
    if any(states_outright(e.text, aspect) for e in stating):
        # "每月15日前将上月津贴发放至本人社会保障卡" says when and where the money arrives;
        # "按月发放" beside it says less, and adds nothing.
        stating = [e for e in stating if states_outright(e.text, aspect)]
    out: list[Evidence] = []
    # One sentence a clause, but every sentence of an article leaving people out, and of an
    # item titled for the aspect ("（三）申请材料。申请人需提供…。线上申请的，无需另行提交
    # 纸质材料。": the exception alone says nothing of what to bring).
    every = aspect == "exclusions" or bool(headed)
    if headed:
        # The first titled item's sentences, in the order the notice gives them.
        item = [e for e in headed if e.clause_id == headed[0].clause_id]
        headed = sorted(item, key=lambda e: e.hit.clause.text.find(e.text))
    # An item titled for the aspect is the notice's own answer: nothing else is added to it
    # ("12个月内提出申请", not also "审核结束后10个工作日内发放").
    for evidence in headed or stating:
        if all(e.clause_id != evidence.clause_id or (every and e.text != evidence.text) for e in out):
            out.append(evidence)
        if len(out) == _MOST:
            break
    return out


_MOST = 3  # sentences an aspect's answer quotes
