"""Hold every answer to its sources: citations must point at retrieved clauses, and every
number in the answer must appear in a clause it cites."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.answer.base import CitedSpan, Draft
from assistant.answer.wording import HOTLINE_NUMBER
from assistant.models import Citation, Retrieved
from assistant.text.chinese import to_halfwidth

_TITLE_SPAN = re.compile(r"《[^《》]{1,120}》")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MARK = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?\n?")
# Numbers that are part of the answer's own frame, not claims: [n] marks, 12333, years
# of the documents' own periods are checked like any other figure.
_FRAME_NUMBERS = {HOTLINE_NUMBER}


def to_citations(draft: Draft, hits: list[Retrieved]) -> tuple[list[Citation], list[str]]:
    """Citations for the draft's spans; spans naming a clause that was not retrieved are dropped."""
    by_id = {h.clause.clause_id: h for h in hits}
    citations: list[Citation] = []
    dropped: list[str] = []
    for span in draft.cited:
        hit = by_id.get(span.clause_id)
        if hit is None:
            dropped.append(span.clause_id)
            continue
        citations.append(_citation(span, hit))
    return citations, dropped


def _citation(span: CitedSpan, hit: Retrieved) -> Citation:
    doc = hit.doc
    return Citation(
        n=span.n,
        doc_id=doc.doc_id,
        title=doc.title,
        doc_number=doc.doc_number,
        issuer=doc.issuer,
        jurisdiction=doc.jurisdiction.label if doc.jurisdiction else None,
        clause_id=hit.clause.clause_id,
        label=hit.clause.label,
        text=hit.clause.text,
        quote=span.quote,
        expired=hit.expired,
        valid_from=doc.valid_from,
        valid_to=doc.valid_to,
    )


def _period(citation: Citation) -> str:
    """The days of the cited document's period, which notes such as 已过期 repeat: as the
    text states them, worked out ("有效期5年" → its last day) or set by a curator."""
    days = [d for d in (citation.valid_from, citation.valid_to) if d]
    return " ".join(f"{d.year}年{d.month}月{d.day}日—" for d in days)


def unsupported_numbers(sentence: str, sources: list[str]) -> list[str]:
    """Numbers in the sentence that no source text contains."""
    source = to_halfwidth("".join(sources))
    sentence = _MARK.sub("", to_halfwidth(sentence))
    found = []
    for number in _NUMBER.findall(sentence):
        if number in _FRAME_NUMBERS:
            continue
        # Not part of a longer number or a decimal; "1." before an item's text is the item's
        # number, which a sentence quoting the item states too.
        if not re.search(rf"(?<![\d.]){re.escape(number)}(?!\d|\.\d)", source):
            found.append(number)
    return found


def guard_numbers(
    text: str, citations: list[Citation], allowed: set[str] | None = None, titles: Iterable[str] = ()
) -> tuple[str, list[str]]:
    """Remove sentences whose numbers are not in the clauses they cite (or in any cited
    clause, when the sentence cites none). `allowed` holds numbers the answer's own frame
    may use, such as today's date; `titles` are the corpus's document titles (《…》), whose
    years name a document rather than claim a figure (a refusal lists them uncited).
    Returns the text and what was removed."""
    # A citation's title, label and period are part of what it says (《…（2022—2024年）》).
    by_n = {c.n: " ".join([c.text, c.title, c.label, _period(c)]) for c in citations}
    allowed = allowed or set()
    names = set(titles)
    kept: list[str] = []
    removed: list[str] = []
    for sentence in _SENTENCE.findall(text):
        marks = [int(m) for m in _MARK.findall(sentence)]
        sources = [by_n[m] for m in marks if m in by_n] or list(by_n.values())
        # Only 《…》 spans that are corpus titles are set aside: a cost per title named in
        # the sentence, not per document in the corpus.
        claims = _TITLE_SPAN.sub(lambda m: "《》" if m.group(0) in names else m.group(0), sentence)
        bad = [n for n in unsupported_numbers(claims, sources) if n not in allowed]
        if bad:
            removed.append(f"{sentence.strip()}（未在引用条款中找到：{'、'.join(bad)}）")
        else:
            kept.append(sentence)
    return "".join(kept).strip(), removed
