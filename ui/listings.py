"""Lookup results, the documents table, upload reports and recent feedback as HTML.

Plain functions (no gradio). Everything from a document, a file name or a user is
escaped with present.esc.
"""

from __future__ import annotations

import datetime as dt

from assistant import present
from assistant.documents import EDITABLE, DocumentEntry
from assistant.feedback import RATING_NAMES, FeedbackRecord
from assistant.ingest.corpus import FileReport
from assistant.lookup import LookupResult, Span
from assistant.models import STATUS_LABELS
from assistant.present import esc
from ui.render import mark_lost

MODE_NAMES = {"keyword": "精确查找", "semantic": "按意思查找"}


def marked(text: str, spans: list[Span]) -> str:
    """Escaped text with the matched spans wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out += [esc(text[pos:start]), f"<mark>{esc(text[start:end])}</mark>"]
        pos = end
    out.append(esc(text[pos:]))
    return mark_lost("".join(out))


def lookup_html(result: LookupResult, today: dt.date, filters: list[str] | None = None) -> str:
    """The count that is true under the filters it names, then each matching clause with its
    matches highlighted."""
    query = esc(result.query.strip())
    if not result.hits:
        advice = "可换用其他说法，或改用“按意思查找”。" if result.mode == "keyword" else "可换用其他说法。"
        if result.suggestion:
            advice = f"文件中的写法是“{esc(result.suggestion)}”，可按它再查一次。"
        return (
            f'<div class="pa-hits pa-empty" data-total="0" data-query="{query}">没有找到与“{query}”匹配的条款'
            f"（{MODE_NAMES[result.mode]}，{_filters_said(filters)}）。{advice}</div>"
        )
    shown = len(result.hits)
    more = f"，显示前 {shown} 条" if shown < result.total else ""
    place = f"，限 {esc('、'.join(result.places))} 适用的文件" if result.places else ""
    if filters:
        place += f"；{_filters_said(filters)}"
    partial = (
        '<div class="pa-warning">没有同时包含全部词语的条款；以下是包含其中最多词语的条款。</div>'
        if result.partial
        else ""
    )
    head = (
        f'<div class="pa-count" role="status">“{query}”：共 <b>{result.total}</b> 条匹配'
        f"（{MODE_NAMES[result.mode]}{place}）{more}。</div>{partial}"
    )
    rows = []
    for i, hit in enumerate(result.hits, 1):
        doc = hit.doc
        status = present.EXPIRED if hit.expired else present.validity(doc, today)
        place_label = doc.jurisdiction.label if doc.jurisdiction else "地区未知"
        rows.append(
            f'<div class="pa-hit" data-clause="{esc(hit.clause.clause_id)}">'
            f'<div class="pa-hit-head"><b>{i}. {marked(hit.clause.label, hit.label_spans)}</b> '
            f"{present.badge(status)}</div>"
            f'<div class="pa-meta">文号 {esc(doc.doc_number or "未载明")} · {esc(place_label)}'
            f" · 期限 {esc(doc.period_label)}</div>"
            f'<div class="pa-text">{marked(hit.clause.text, hit.text_spans)}</div></div>'
        )
    body = "".join(rows)
    return f'<div class="pa-hits" data-total="{result.total}" data-query="{query}">{head}{body}</div>'


def _filters_said(filters: list[str] | None) -> str:
    return f"筛选：{esc('、'.join(filters))}" if filters else "未加筛选"


_DOC_COLUMNS = ("标题", "状态", "文号", "适用地区", "期限", "发文机关", "日期", "条款", "馆员修订", "文件")
_STATUS_CSS = {"in_force": "pa-badge pa-valid", "expired": "pa-badge pa-expired",
               "repealed": "pa-badge pa-expired", "not_yet": "pa-badge pa-pending"}  # fmt: skip
_CSS_OF_LABEL = {STATUS_LABELS[key]: css for key, css in _STATUS_CSS.items()}


def status_badge(entry: DocumentEntry, titles: dict[str, str]) -> str:
    """现行有效 / 已过期 / 已废止 / 尚未施行, and which document repealed it."""
    badge = f'<span class="{_CSS_OF_LABEL.get(entry.status, "pa-badge")}">{esc(entry.status)}</span>'
    if entry.repealed_by:
        badge += f"（被{esc(titles.get(entry.repealed_by, entry.repealed_by))}废止）"
    return badge


def documents_table_html(entries: list[DocumentEntry]) -> str:
    """The corpus as a table; on a phone each row becomes a card (see the CSS)."""
    if not entries:
        return '<div class="pa-empty">文件库是空的，请上传政策文件。</div>'
    titles = {e.doc_id: f"《{e.title}》" for e in entries}
    header = "".join(f'<th scope="col">{h}</th>' for h in _DOC_COLUMNS)
    rows = []
    for e in entries:
        corrected = "、".join(EDITABLE.get(f, f) for f in e.overridden if f != "doc_id")
        cells = [
            esc(titles[e.doc_id]),
            status_badge(e, titles),
            esc(e.doc_number or "未载明"),
            esc(e.jurisdiction or "未知"),
            esc(e.period),
            esc(e.issuer or "未载明"),
            esc(e.date.isoformat() if e.date else "未载明"),
            str(e.clauses),
            esc(corrected) or "—",
            f"<code>{esc(e.file)}</code>",
        ]
        tds = "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(_DOC_COLUMNS, cells, strict=True))
        rows.append(f'<tr data-doc="{esc(e.doc_id)}">{tds}</tr>')
    return f'<table class="pa-docs"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _report_line(r: FileReport, refused: str, replaced: bool = False) -> str:
    name = esc(r.file)
    if r.ok and r.unchanged:
        return f'<div class="pa-report pa-same">＝ <b>{name}</b>：{esc(r.note or "")}</div>'
    if not r.ok:
        return (
            f'<div class="pa-report pa-error">✗ {refused} <b>{name}</b>：{esc(r.error or "原因不明")}</div>'
        )
    note = f"；{esc(r.note)}" if r.note else ""
    if replaced:
        # The document keeps its place and its citations: what changed is the file and its text.
        line = (
            f'<div class="pa-report pa-ok">✓ 已替换 {esc(r.title or "")}（新版本 {r.clauses} 条）{note}</div>'
        )
    else:
        title = esc(r.title or "")
        line = f'<div class="pa-report pa-ok">✓ 已加入 <b>{name}</b> → {title}（{r.clauses} 条）{note}</div>'
    warnings = "".join(f"<li>{esc(w)}</li>" for w in r.warnings)
    return line + (f'<ul class="pa-report-warnings">{warnings}</ul>' if warnings else "")


def upload_report_html(reports: list[FileReport]) -> str:
    """One line per file: added (clauses, warnings), the same text as a document already in
    the library (nothing re-indexed), or refused with why (ingest says why in Chinese)."""
    if not reports:
        return '<div class="pa-empty">请先选择要上传的文件。</div>'
    added = sum(r.ok and not r.unchanged for r in reports)
    same = sum(r.ok and r.unchanged for r in reports)
    summary = f"已加入 {added} 个文件，未加入 {sum(not r.ok for r in reports)} 个"
    summary += f"，另有 {same} 个与文件库中的文件内容相同，未重新索引。" if same else "。"
    rows = "".join(_report_line(r, "未加入") for r in reports)
    return f'<div class="pa-reports"><div role="status">{summary}</div>{rows}</div>'


def replace_report_html(report: FileReport) -> str:
    """What replacing a document by a new version did: replaced, the same text, or refused."""
    return f'<div class="pa-reports">{_report_line(report, "未替换", replaced=True)}</div>'


def feedback_html(records: list[FeedbackRecord], total: int) -> str:
    """The latest feedback rows for curators; the CSV export has every row."""
    if not records:
        return '<div class="pa-empty">还没有用户反馈。</div>'
    rows = []
    for r in records:
        when = (r.updated_at or r.created_at).astimezone().strftime("%Y-%m-%d %H:%M")
        cells = [
            esc(when),
            esc(RATING_NAMES[r.rating]),
            esc(r.question[:80]),
            esc(r.comment[:120]) or "—",
            "<br>".join(esc(f"[{c.get('n')}] {c.get('label') or ''}".strip()) for c in r.citations) or "—",
        ]
        heads = ("时间", "评价", "问题", "意见", "出处")
        tds = "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(heads, cells, strict=True))
        rows.append(f'<tr class="pa-fb-{r.rating}">{tds}</tr>')
    header = "".join(f'<th scope="col">{h}</th>' for h in ("时间", "评价", "问题", "意见", "出处"))
    return (
        f'<div class="pa-count">共 {total} 条反馈，下面是最近 {len(records)} 条；导出 CSV 可得到全部。</div>'
        f'<table class="pa-docs pa-feedback-table"><thead><tr>{header}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
