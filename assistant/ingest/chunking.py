"""Split a cleaned policy document into citable clauses along its own numbering.

Notices number their structure in the families structure.py knows (第X章 › 第X节 ›
第X条, markdown headings, 一、 › （一） › 1. / 1、 › （1）). Some use `——` to open a
bullet item under a heading (000: 三、主要任务), attachments follow the body under 附件N,
and attachment tables carry one row per measure. Each clause keeps its parent path, so
its label reads like a citation a hotline worker can say aloud: 《…》四、（四）13. 加大…,
《…》第十六条. Every line of the body lands in exactly one clause, or is a heading the
clauses under it carry.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.ingest.builder import MAX_CLAUSE_CHARS, Builder, Node
from assistant.ingest.header import CLOSING, date_line, is_org
from assistant.ingest.metadata import FrontMatter
from assistant.ingest.normalise import Line, NormalisedText
from assistant.ingest.structure import BULLET, Marker, group_heading, join_markers, read_marker
from assistant.ingest.tables import parse_pipe_table, parse_tab_table
from assistant.models import Clause, DocumentMeta, chinese_date

__all__ = ["MAX_CLAUSE_CHARS", "chunk_document", "numbering"]

_SHORT_PARAGRAPH = 40
_ATTACHMENT_HEADING = re.compile(r"^附件\s*(\d*)\s*$")
_ATTACHMENT_LIST = re.compile(r"^附件\s*[：:]\s*(.+)$")
_FOOTER = re.compile(r"^(抄报|抄送|主送)[：:]")
_ADDRESSEE = re.compile(r"^各[^。；]{1,80}[：:]$")
# What ends a 第X条: the next article, a chapter or section, a markdown heading, 附件.
_ARTICLE_BREAKS = ("article", "chapter", "section", "md1", "md2", "md3", "md4", "md5", "md6")


def chunk_document(
    meta: DocumentMeta, norm: NormalisedText, front: FrontMatter
) -> tuple[list[Clause], list[str]]:
    """All clauses of one document, beginning with its header chunk, plus any warnings."""
    builder = Builder(meta=meta, norm=norm)
    lines = norm.lines
    body_start = front.title_line + 1 if front.title_line is not None else 0
    _front_matter(builder, lines[:body_start], front, [lines[i] for i in sorted(front.history_lines)])
    _body(builder, lines, body_start, front)
    _check_attachments(builder)
    return builder.clauses, builder.warnings


def numbering(clause: Clause, meta: DocumentMeta) -> str:
    """The part of a clause's label that is the document's numbering (四、（四）13., 第十六条),
    or its name when it has none (前言, 印发通知, 版记)."""
    if clause.path:
        return join_markers(clause.path)
    rest = clause.label.removeprefix(meta.short_title)
    return re.sub(r"（\d+/\d+）$", "", rest)


def _front_matter(builder: Builder, head: list[Line], front: FrontMatter, history: list[Line]) -> None:
    meta = builder.meta
    facts = [meta.short_title]
    if meta.doc_number:
        facts.append(f"文号：{meta.doc_number}")
    if meta.issuer:
        facts.append(f"发文机关：{meta.issuer}")
    if meta.date:
        facts.append(f"印发日期：{chinese_date(meta.date)}")
    if meta.jurisdiction:
        facts.append(f"适用地区：{meta.jurisdiction.label}")
    facts.append(f"实施期限：{meta.period_label}")
    meta_lines = [head[i] for i in range(len(head)) if i in front.metadata_lines] or head[:1]
    meta_lines = sorted(
        {id(line): line for line in [*meta_lines, *history]}.values(), key=lambda x: x.raw_start
    )
    text = "；".join(facts) + "。" + "".join(f"\n{line.text}" for line in history)
    builder.emit("header", ["header"], [], [], "文件信息", text, meta_lines)
    notice = [line for i, line in enumerate(head) if i not in front.metadata_lines]
    if notice:
        text = "\n".join(line.text for line in notice)
        builder.emit("notice", ["notice"], [], ["印发通知"], "印发通知", text, notice)


class _Walk:
    """The body's lines, skipping those the metadata consumed."""

    def __init__(self, lines: list[Line], front: FrontMatter) -> None:
        self.lines = lines
        self.skip = front.metadata_lines

    def next_index(self, i: int) -> int | None:
        for j in range(i + 1, len(self.lines)):
            if j not in self.skip and self.lines[j].text:
                return j
        return None

    def next_text(self, i: int) -> str | None:
        j = self.next_index(i)
        return None if j is None else self.lines[j].text

    def closing_from(self, i: int) -> bool:
        """Line i and everything after it close the notice: 公开属性, 抄送, a signature, a date."""
        rest = [self.lines[j].text for j in range(i, len(self.lines)) if j not in self.skip]
        return all(CLOSING.match(t) or is_org(t) or date_line(t) or _FOOTER.match(t) for t in rest if t)

    def has_children(self, i: int, rank: float) -> bool:
        """Whether the unit opened on line i has anything under it before its next sibling."""
        j = self.next_index(i)
        if j is None:
            return False
        following = self.lines[j].text
        if _ATTACHMENT_HEADING.match(following) or _ATTACHMENT_LIST.match(following):
            return False
        if _FOOTER.match(following) or CLOSING.match(following):
            return False
        marker = read_marker(following)
        if marker is None:  # body text, unless it heads a list of its own (培训补贴政策 / 1.…)
            heading = group_heading(following, self.next_text(j))
            return heading is None or heading.rank > rank
        return marker.rank > rank


def _body(builder: Builder, lines: list[Line], start: int, front: FrontMatter) -> None:
    walk = _Walk(lines, front)
    i = start
    footer: list[Line] = []  # 抄送, 公开属性 … closing the notice
    pending: list[Line] = []  # consecutive short paragraphs, kept together as one clause

    def flush() -> None:
        if pending:
            builder.paragraph("\n".join(line.text for line in pending), list(pending))
            pending.clear()

    while i < len(lines):
        line, text = lines[i], lines[i].text
        if i in front.metadata_lines:
            i += 1
            continue
        if footer or _FOOTER.match(text) or (CLOSING.match(text) and walk.closing_from(i)):
            builder.close_article()
            footer.append(line)
            i += 1
            continue
        table_end = _table_end(lines, i)
        if table_end > i:
            flush()
            _table(builder, lines[i:table_end])
            i = table_end
            continue
        if _unit(builder, walk, i, flush):
            i = _skip_attachment_list(builder, lines, i)
            continue
        if _ADDRESSEE.match(text):  # 主送机关 (各省、自治区…：) is an element of its own
            flush()
            builder.paragraph(text, [line])
        elif len(text) < _SHORT_PARAGRAPH and (not pending or len(pending[-1].text) < _SHORT_PARAGRAPH):
            pending.append(line)
        else:
            flush()
            builder.paragraph(text, [line])
        i += 1
    builder.close_article()
    if footer:
        builder.emit("footer", ["footer"], [], [], "版记", "\n".join(ln.text for ln in footer), footer)
    flush()


def _table(builder: Builder, block: list[Line]) -> None:
    builder.close_article()
    parse = parse_tab_table if "\t" in block[0].text else parse_pipe_table
    rows = parse([ln.text for ln in block])
    builder.table(rows, block)
    builder.norm.fixes["table_rows_assembled"] += sum(len(r.line_indexes) > 1 for r in rows)


def _unit(builder: Builder, walk: _Walk, i: int, flush: Callable[[], None]) -> bool:
    """Line i as a structural unit (article line, heading, item, bullet, attachment), or
    False when it is body text."""
    line, text = walk.lines[i], walk.lines[i].text
    marker = read_marker(text)
    if builder.article is not None and not _breaks_article(text, marker):
        builder.continue_article(line)
        return True
    if marker is None and (heading := group_heading(text, walk.next_text(i))) is not None:
        flush()
        builder.heading_line(heading, line, has_children=True)
        return True
    if not text or marker is not None or _special(text):
        flush()
        return _structural(builder, walk, i, marker)
    return False


def _special(text: str) -> bool:
    return bool(_ATTACHMENT_LIST.match(text) or _ATTACHMENT_HEADING.match(text) or BULLET.match(text))


def _breaks_article(text: str, marker: Marker | None) -> bool:
    if marker is not None and marker.family in _ARTICLE_BREAKS:
        return True
    return bool(_ATTACHMENT_LIST.match(text) or _ATTACHMENT_HEADING.match(text))


def _structural(builder: Builder, walk: _Walk, i: int, marker: Marker | None) -> bool:
    """Handle a heading, article, bullet or attachment line; False for a plain paragraph."""
    lines = walk.lines
    line, text = lines[i], lines[i].text
    if match := _ATTACHMENT_LIST.match(text):
        builder.listed_attachments.append(match.group(1))
        builder.push(Node(0, "附件", "attachments", "附件"))
        builder.emit("attachment", ["attachments"], ["附件"], [], "附件目录", text, [line])
        return True
    if match := _ATTACHMENT_HEADING.match(text):
        number = match.group(1)
        builder.found_attachments += 1
        title = ""
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if nxt and len(nxt) <= 60 and "。" not in nxt and not _table_end(lines, i + 1) > i + 1:
            title = nxt
            lines[i + 1].text = ""  # consumed as the attachment's title
        builder.push(Node(0, f"附件{number}", f"att{number or builder.found_attachments}", title))
        return True
    if marker is not None:
        if marker.family == "num" and builder.stack and builder.stack[-1].key == "attachments":
            return False
        if marker.family == "article":
            builder.open_article(marker, line)
        else:
            builder.heading_line(marker, line, walk.has_children(i, marker.rank))
        return True
    if match := BULLET.match(text):
        builder.bullet(match.group(1), line)
        return True
    return not text  # a line consumed as an attachment title


def _skip_attachment_list(builder: Builder, lines: list[Line], i: int) -> int:
    """After 附件：1、…, the following 2、3、… lines continue the list of attachments."""
    i += 1
    if builder.stack and builder.stack[-1].key == "attachments":
        while i < len(lines) and re.match(r"^\d{1,2}\s*[.．、]", lines[i].text):
            builder.listed_attachments.append(lines[i].text)
            last = builder.clauses[-1]
            last.text += "\n" + lines[i].text
            last.original += "\n" + builder.norm.original(lines[i].raw_start, lines[i].raw_end)
            i += 1
        builder.stack.pop()
    return i


def _table_end(lines: list[Line], i: int) -> int:
    """Index after the table block starting at i, or i when line i is not a table line."""
    text = lines[i].text if i < len(lines) else ""
    if "\t" in text:
        j = i
        while j < len(lines) and "\t" in lines[j].text:
            j += 1
        return j
    if re.match(r"^序号\s*\|", text):
        j = i
        while j < len(lines) and "|" in lines[j].text:
            j += 1
        return j
    return i


def _check_attachments(builder: Builder) -> None:
    listed = len(builder.listed_attachments)
    if listed > builder.found_attachments:
        names = "；".join(builder.listed_attachments)
        builder.warnings.append(f"列出附件{listed}个，但正文只收录了{builder.found_attachments}个：{names}")
