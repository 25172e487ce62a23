"""Answers, citations and documents rendered for people: escaped HTML and plain text.

Every string that came from a user or a document goes through html.escape here, so the
app can hand the result to an HTML component as is. Nothing here imports gradio; the
app's own views (ui/render.py, ui/listings.py) are built from these pieces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape

from assistant.models import Citation, Clause, DocumentMeta
from assistant.text.sentences import split_sentences

EXPIRED = "已过期"
IN_FORCE = "有效"
UNKNOWN_PERIOD = "期限未载明"

_TRAILING_PUNCT = "。！？；!?;，,、 \n"


def esc(text: object) -> str:
    """HTML-escape any value; None becomes an empty string."""
    return "" if text is None else escape(str(text), quote=True)


# -- the quoted span -----------------------------------------------------------------
def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Where the quote occurs in the clause text, as merged (start, end) spans.

    The extractive answerer joins the sentences it used into one quote, and they need
    not be adjacent in the clause, so each sentence is looked up on its own.
    """
    quote = quote.strip()
    if not quote or not text:
        return []
    start = text.find(quote)
    if start >= 0:
        return [(start, start + len(quote))]
    spans: list[tuple[int, int]] = []
    for sentence in split_sentences(quote):
        piece = sentence.strip().rstrip(_TRAILING_PUNCT)
        if len(piece) < 4:  # too short to point at one place
            continue
        start = text.find(piece)
        if start >= 0:
            end = start + len(piece)
            while end < len(text) and text[end] in "。！？；!?;":  # keep the sentence's full stop
                end += 1
            spans.append((start, end))
    return merge_spans(spans)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching (start, end) spans joined, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, quote: str) -> str:
    """Escaped clause text with the quoted span(s) wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    for start, end in quote_spans(text, quote):
        out.append(esc(text[pos:start]))
        out.append(f"<mark>{esc(text[start:end])}</mark>")
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


# -- validity ------------------------------------------------------------------------
def validity(meta: DocumentMeta, today: dt.date) -> str:
    if meta.expired(today):
        return EXPIRED
    return IN_FORCE if meta.valid_to else UNKNOWN_PERIOD


def badge(status: str) -> str:
    css = {EXPIRED: "pa-badge pa-expired", IN_FORCE: "pa-badge pa-valid"}.get(status, "pa-badge")
    return f'<span class="{css}">{esc(status)}</span>'


# -- answers -------------------------------------------------------------------------
def citation_line(c: Citation) -> str:
    """One numbered source as plain text: [1] label（文号）［已过期］."""
    number = f"（{c.doc_number}）" if c.doc_number else ""
    expired = f"［{EXPIRED}］" if c.expired else ""
    return f"[{c.n}] {c.label}{number}{expired}"


def copy_text(text: str, citations: list[Citation]) -> str:
    """An answer and its numbered sources in one block a hotline agent can paste or read out."""
    lines = [text.strip()]
    if citations:
        lines += ["", "出处："]
        lines += [citation_line(c) for c in citations]
    return "\n".join(lines)


def stream_pieces(text: str, pieces: int = 4) -> list[str]:
    """Cut a finished answer into a few growing prefixes, at sentence ends where possible."""
    if len(text) < 40 or pieces <= 1:
        return [text]
    sentences = split_sentences(text)
    target = len(text) / pieces
    prefixes: list[str] = []
    current = ""
    for sentence in sentences:
        current += sentence
        if len(current) >= target * (len(prefixes) + 1) and len(current) < len(text):
            prefixes.append(current)
    if len(prefixes) < 2:  # one long sentence: cut it evenly
        step = max(1, len(text) // pieces)
        prefixes = [text[:i] for i in range(step, len(text), step)]
    return [*prefixes[: pieces - 1], text]


# -- documents ------------------------------------------------------------------------
def clause_tree_html(meta: DocumentMeta, clauses: Iterable[Clause], today: dt.date) -> str:
    """A document's clauses in order, indented by heading depth."""
    head = (
        f'<div class="pa-doc-head"><b>{esc(meta.short_title)}</b> {badge(validity(meta, today))}'
        f'<div class="pa-meta">{esc(meta.doc_number or "文号未载明")}'
        f" · {esc(meta.issuer or '发文机关未载明')}"
        f" · {esc(meta.jurisdiction.label if meta.jurisdiction else '地区未知')}"
        f" · 期限 {esc(meta.period_label)}</div></div>"
    )
    items = []
    for clause in clauses:
        depth = max(0, len(clause.path) - 1)
        label = clause.label.removeprefix(meta.short_title).strip() or clause.kind
        items.append(
            f'<div class="pa-node" style="margin-left:{depth * 1.5}em">'
            f'<div class="pa-node-label">{esc(label)}</div>'
            f'<div class="pa-text">{esc(clause.text)}</div></div>'
        )
    return f'<div class="pa-tree">{head}{"".join(items)}</div>'


# -- what a turn shows: in-force sources first, and each expiry said once ----------------------
# A one-word yes that opens an answer; it must not stand alone when every source has expired.
_YES_VERDICTS = ("有", "是", "可以", "能", "能领", "有的")
_NOTE = "注意："


def status_of(c: Citation) -> str:
    return EXPIRED if c.expired else (IN_FORCE if c.valid_to else UNKNOWN_PERIOD)


def sources_in_order(citations: list[Citation]) -> list[Citation]:
    """The in-force documents' clauses first, then those with no stated period, then the
    expired ones; the [n] numbers are kept, so the answer's references still match."""
    rank = {IN_FORCE: 0, UNKNOWN_PERIOD: 1, EXPIRED: 2}
    return sorted(citations, key=lambda c: (rank[status_of(c)], c.n))


def _bare_title(title: str) -> str:
    return title.strip().strip("《》")


def shown_answer(text: str, citations: list[Citation], warnings: list[str]) -> tuple[str, list[str]]:
    """The answer text and the warnings to show under it.

    - When every cited document has expired, a bare "有。" verdict becomes "有，但该文件已过期…"
      (the worker would otherwise read it as a current entitlement), and the answer's own
      "注意：…已过期" line is folded into it.
    - An expiry is said once: a warning about a document the text already calls expired
      is not repeated in a box; nor is a notice the text already carries.
    """
    lines = text.split("\n")
    notes = [line for line in lines if line.startswith(_NOTE) and EXPIRED in line]
    expired_titles = {_bare_title(c.title) for c in citations if c.expired}
    all_expired = bool(citations) and all(c.expired for c in citations)
    verdict = lines[0].strip().rstrip("。！!")
    # The documents the text itself already calls expired: in a 注意 line, or on their own line.
    said = " ".join(line for line in lines if EXPIRED in line)
    if all_expired and verdict in _YES_VERDICTS:
        documents = len({c.doc_id for c in citations})
        which = "该文件已过期" if documents == 1 else f"所引 {documents} 份文件均已过期"
        lines[0] = f"{verdict}，但{which}，现行规定请向当地人社部门核实。"
        lines = [line for line in lines if line not in notes]
        said = " ".join(expired_titles)  # the verdict now says it for every cited document
    titles_said = {t for t in expired_titles if t and t in said}
    shown = "\n".join(lines)
    # …and so is any notice the text already carries ("问题过长，只处理了前2000个字。").
    kept = [w for w in warnings if not any(t in w for t in titles_said) and w not in shown]
    return shown, kept
