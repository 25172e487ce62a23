"""Small hand-made clauses, hits and evidence for the answering units' tests."""

from __future__ import annotations

import datetime as dt

import numpy as np

from assistant.answer.evidence import Candidate, Evidence
from assistant.answer.features import FEATURES
from assistant.models import Clause, DocumentMeta, Jurisdiction, Retrieved
from assistant.text.sentences import ClauseSentence

TODAY = dt.date(2026, 6, 1)
CHANGZHOU = Jurisdiction(province="江苏省", city="常州市")
JIANGSU = Jurisdiction(province="江苏省")


def meta(doc_id: str, where: Jurisdiction, **fields) -> DocumentMeta:
    return DocumentMeta(
        doc_id=doc_id, title=f"{doc_id}方案", source_file=f"{doc_id}.txt", jurisdiction=where, **fields
    )


def hit(
    doc: DocumentMeta, clause_id: str, text: str, score: float = 1.0, applies: bool | None = True
) -> Retrieved:
    clause = Clause(
        doc_id=doc.doc_id, clause_id=f"{doc.doc_id}:{clause_id}", kind="clause", path=[clause_id],
        label=f"{doc.short_title}{clause_id}", text=text, original=text, order=0,
    )  # fmt: skip
    return Retrieved(clause=clause, doc=doc, score=score, expired=doc.expired(TODAY), applies=applies)


def evidence(item: Retrieved, text: str, probability: float, part: int = 0, **features: float) -> Evidence:
    row = np.zeros(len(FEATURES), dtype=np.float32)
    for name, value in features.items():
        row[FEATURES.index(name)] = value
    candidate = Candidate(item, 1, ClauseSentence(text, text), np.zeros(4, dtype=np.float32))
    return Evidence(candidate, part, probability, row)
