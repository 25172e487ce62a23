"""Answers, citations and documents rendered for people: escaped HTML, Markdown and plain text.

Every string that came from a user or a document goes through html.escape here, so the
app can hand the result to an HTML component as is. Nothing here imports gradio.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape

from assistant.ingest.corpus import FileReport
from assistant.models import Answer, Citation, Clause, DocumentMeta, Retrieved
from assistant.text.sentences import split_sentences

EXPIRED = "已过期"
IN_FORCE = "有效"
UNKNOWN_PERIOD = "期限未载明"

_TRAILING_PUNCT = "。！？；!?;，,、 \n"


def esc(text: object) -> str:
    """HTML-escape any value; None becomes an empty string."""
    return "" if text is None else escape(str(text), quote=True)


def chat_text(text: str) -> str:
    """Plain text for a chat message rendered as (sanitised) HTML: tags shown, never parsed.

    The chatbot shows messages without Markdown, so "[1]" stays "[1]" when a message is
    copied; only <, > and & need escaping.
    """
    return escape(text, quote=False)


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
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


def chat_message(answer: Answer) -> str:
    """The chat message: the answer, then its numbered sources (the copy-ready text), escaped."""
    return chat_text(copy_text(answer.answer, answer.citations))


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


def sources_html(answer: Answer | None) -> str:
    """The sources panel: each cited clause with its metadata and the quoted span marked."""
    if answer is None:
        return '<div class="pa-sources pa-empty">提问后，这里显示答案引用的条款原文。</div>'
    blocks = [f'<div class="pa-warning">⚠ {esc(w)}</div>' for w in answer.warnings]
    if not answer.citations:
        blocks.append('<div class="pa-empty">这个回答没有引用具体条款。</div>')
    else:
        swatch = '<span class="pa-swatch">黄色</span>'
        blocks.append(f'<div class="pa-hint">点击条目查看条款原文，{swatch}为答案引用的句子。</div>')
    blocks += [_citation_block(c) for c in answer.citations]
    return f'<div class="pa-sources">{"".join(blocks)}</div>'


def _citation_block(c: Citation) -> str:
    meta = [
        f"《{esc(c.title)}》",
        f"文号 {esc(c.doc_number)}" if c.doc_number else "文号未载明",
        f"发文 {esc(c.issuer)}" if c.issuer else "",
        f"适用 {esc(c.jurisdiction)}" if c.jurisdiction else "",
        f"有效期至 {c.valid_to.isoformat()}" if c.valid_to else "",
    ]
    expired = badge(EXPIRED) if c.expired else ""
    return (
        f'<details class="pa-cite" id="pa-cite-{c.n}" data-n="{c.n}">'
        f'<summary><span class="pa-n">[{c.n}]</span> {esc(c.label)} {expired}</summary>'
        f'<div class="pa-meta">{" · ".join(m for m in meta if m)}</div>'
        f'<blockquote class="pa-clause">{highlight(c.text, c.quote)}</blockquote>'
        "</details>"
    )


# -- lookup and documents ------------------------------------------------------------
def search_results_html(hits: list[Retrieved], today: dt.date) -> str:
    """Clause hits for hotline staff: label, 文号, jurisdiction, validity, then the text."""
    if not hits:
        return '<div class="pa-empty">没有找到符合条件的条款。</div>'
    rows = []
    for i, hit in enumerate(hits, 1):
        doc = hit.doc
        status = EXPIRED if hit.expired else validity(doc, today)
        place = doc.jurisdiction.label if doc.jurisdiction else "地区未知"
        rows.append(
            f'<div class="pa-hit" data-clause="{esc(hit.clause.clause_id)}">'
            f'<div class="pa-hit-head"><b>{i}. {esc(hit.clause.label)}</b> {badge(status)}</div>'
            f'<div class="pa-meta">文号 {esc(doc.doc_number or "未载明")} · {esc(place)}'
            f" · 期限 {esc(doc.period_label)}</div>"
            f'<div class="pa-text">{esc(hit.clause.text)}</div></div>'
        )
    return f'<div class="pa-hits">共 {len(hits)} 条{"".join(rows)}</div>'


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


def documents_table_html(documents: list[DocumentMeta], today: dt.date) -> str:
    """The corpus as a table with metadata and validity."""
    if not documents:
        return '<div class="pa-empty">语料库为空。</div>'
    header = "".join(
        f"<th>{h}</th>" for h in ("标题", "文号", "发文机关", "日期", "适用地区", "期限", "状态", "文件")
    )
    rows = []
    for meta in documents:
        cells = [
            esc(meta.short_title),
            esc(meta.doc_number or "未载明"),
            esc(meta.issuer or "未载明"),
            esc(meta.date.isoformat() if meta.date else "未载明"),
            esc(meta.jurisdiction.label if meta.jurisdiction else "未知"),
            esc(meta.period_label),
            badge(validity(meta, today)),
            f"<code>{esc(meta.source_file)}</code>",
        ]
        rows.append(f'<tr data-doc="{esc(meta.doc_id)}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f'<table class="pa-docs"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def upload_report_html(reports: list[FileReport]) -> str:
    """One line per uploaded file: added (with clause count and warnings) or rejected (with why)."""
    if not reports:
        return '<div class="pa-empty">请选择要上传的文件。</div>'
    rows = []
    for r in reports:
        if r.ok:
            line = (
                f'<div class="pa-report pa-ok">✓ <b>{esc(r.file)}</b> → {esc(r.title or "")}'
                f"（{r.clauses} 条，编号 <code>{esc(r.doc_id)}</code>）</div>"
            )
            warnings = "".join(f"<li>{esc(w)}</li>" for w in r.warnings)
            if warnings:
                line += f'<ul class="pa-report-warnings">{warnings}</ul>'
        else:
            line = f'<div class="pa-report pa-error">✗ <b>{esc(r.file)}</b>：{esc(r.error)}</div>'
        rows.append(line)
    added = sum(r.ok for r in reports)
    summary = f"已加入 {added} 个文件，未加入 {len(reports) - added} 个。"
    return f'<div class="pa-reports"><div>{summary}</div>{"".join(rows)}</div>'
