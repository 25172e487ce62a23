"""Lookup results, the documents table, upload reports and recent feedback as HTML.

Plain functions (no gradio). Everything from a document, a file name or a user is
escaped with present.esc.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant import present
from assistant.feedback import RATING_NAMES, FeedbackRecord
from assistant.ingest.corpus import FileReport
from assistant.lookup import LookupResult, Span
from assistant.models import DocumentMeta
from assistant.present import esc
from ui.render import mark_lost

MODE_NAMES = {"keyword": "精确查找", "semantic": "按意思查找"}

# Ingest reports why a file was refused in English (assistant/ingest); the page says it in
# Chinese. Each pattern is one message of the loaders; anything else is shown after a
# Chinese lead-in, so nothing is hidden.
_INGEST_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^the file is empty$"), "文件是空的"),
    (re.compile(r"^no policy text found after cleaning$"), "清理网页标记和乱码后，没有找到政策正文"),
    (re.compile(r"^no such file$"), "找不到这个文件"),
    (re.compile(r"^a different file named (.+) is already in the corpus$"), r"已有同名但内容不同的文件 \1"),
    (re.compile(r"^duplicate of (.+); skipped$"), r"与已有文件 \1 内容相同，未重复加入"),
    (re.compile(r"^doc_id (.+) already used by (.+)$"), r"文件编号 \1 已被 \2 使用"),
    (re.compile(r"^unsupported file type (.+); use .*$"), r"不支持 \1 文件，请上传 txt、html、docx 或 pdf"),
    (re.compile(r"^the file is ([\d.]+) MB; the limit is (\d+) MB$"), r"文件大小 \1 MB，超过了 \2 MB 的上限"),
    (re.compile(r"^cannot read file: (.+)$"), r"无法读取文件（\1）"),
    (re.compile(r"^no text could be extracted from the file$"), "无法从文件中提取文字"),
    (re.compile(r"^this looks like a binary file.*$"), "这像是二进制文件；UTF-16 文本请另存为 UTF-8"),
    (re.compile(r"^cannot determine the text encoding.*$"), "无法识别文字编码（已尝试 UTF-8 和 GB18030）"),
    (re.compile(r"^not a readable \.docx file \((.+)\)$"), r"不是可读取的 .docx 文件（\1）"),
    (re.compile(r"^the PDF is encrypted$"), "PDF 文件已加密，无法读取"),
    (re.compile(r"^not a readable PDF \((.+)\)$"), r"不是可读取的 PDF 文件（\1）"),
    (re.compile(r"^unexpected error while reading \((.+)\)$"), r"读取时出现意外错误（\1）"),
]


def ingest_error(message: str | None) -> str:
    """The reason a file was refused, in Chinese."""
    message = (message or "").strip()
    for pattern, chinese in _INGEST_ERRORS:
        if pattern.match(message):
            return pattern.sub(chinese, message)
    return f"无法加入（{message}）" if message else "无法加入"


def marked(text: str, spans: list[Span]) -> str:
    """Escaped text with the matched spans wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out += [esc(text[pos:start]), f"<mark>{esc(text[start:end])}</mark>"]
        pos = end
    out.append(esc(text[pos:]))
    return mark_lost("".join(out))


def lookup_html(result: LookupResult, today: dt.date) -> str:
    """The count that is true, then each matching clause with its matches highlighted."""
    query = esc(result.query.strip())
    if not result.hits:
        advice = "可换用其他说法，或改用“按意思查找”。" if result.mode == "keyword" else "可换用其他说法。"
        return (
            f'<div class="pa-hits pa-empty" data-total="0" data-query="{query}">没有找到与“{query}”匹配的条款'
            f"（{MODE_NAMES[result.mode]}，当前筛选条件下）。{advice}</div>"
        )
    shown = len(result.hits)
    more = f"，显示前 {shown} 条" if shown < result.total else ""
    place = f"，限 {esc('、'.join(result.places))} 适用的文件" if result.places else ""
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


_DOC_COLUMNS = ("标题", "状态", "文号", "适用地区", "期限", "发文机关", "日期", "文件")


def documents_table_html(documents: list[DocumentMeta], today: dt.date) -> str:
    """The corpus as a table; on a phone each row becomes a card (see the CSS)."""
    if not documents:
        return '<div class="pa-empty">文件库是空的。</div>'
    header = "".join(f'<th scope="col">{h}</th>' for h in _DOC_COLUMNS)
    rows = []
    for meta in documents:
        cells = [
            esc(meta.short_title),
            present.badge(present.validity(meta, today)),
            esc(meta.doc_number or "未载明"),
            esc(meta.jurisdiction.label if meta.jurisdiction else "未知"),
            esc(meta.period_label),
            esc(meta.issuer or "未载明"),
            esc(meta.date.isoformat() if meta.date else "未载明"),
            f"<code>{esc(meta.source_file)}</code>",
        ]
        tds = "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(_DOC_COLUMNS, cells, strict=True))
        rows.append(f'<tr data-doc="{esc(meta.doc_id)}">{tds}</tr>')
    return f'<table class="pa-docs"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def upload_report_html(reports: list[FileReport]) -> str:
    """One line per uploaded file: added (clauses, warnings) or refused (why, in Chinese)."""
    if not reports:
        return '<div class="pa-empty">请先选择要上传的文件。</div>'
    rows = []
    for r in reports:
        if r.ok:
            line = (
                f'<div class="pa-report pa-ok">✓ 已加入 <b>{esc(r.file)}</b> → {esc(r.title or "")}'
                f"（{r.clauses} 条，编号 <code>{esc(r.doc_id)}</code>）</div>"
            )
            warnings = "".join(f"<li>{esc(w)}</li>" for w in r.warnings)
            if warnings:
                line += f'<ul class="pa-report-warnings">{warnings}</ul>'
        else:
            why = esc(ingest_error(r.error))
            line = f'<div class="pa-report pa-error">✗ 未加入 <b>{esc(r.file)}</b>：{why}</div>'
        rows.append(line)
    added = sum(r.ok for r in reports)
    summary = f"已加入 {added} 个文件，未加入 {len(reports) - added} 个。"
    return f'<div class="pa-reports"><div>{summary}</div>{"".join(rows)}</div>'


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
            esc("、".join(f"[{c.get('n')}]" for c in r.citations)) or "—",
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
