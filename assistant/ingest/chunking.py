"""Split a cleaned policy document into citable clauses along its official hierarchy.

Chinese official documents number their structure 一、 › （一） › 1. › （1）. Some use
`——` to open a bullet item under a heading (000: 三、主要任务), attachments follow the
body under 附件N, and attachment tables carry one row per measure. Each clause keeps
its parent path, so its label reads like a citation a hotline worker can say aloud.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.ingest.metadata import FrontMatter
from assistant.ingest.normalise import Line, NormalisedText
from assistant.ingest.tables import TableRow, parse_pipe_table, parse_tab_table
from assistant.models import Clause, ClauseKind, DocumentMeta
from assistant.text.chinese import cn_number
from assistant.text.sentences import pack_sentences, split_sentences

MAX_CLAUSE_CHARS = 400
_SHORT_PARAGRAPH = 40
_CN_NUM = "一二三四五六七八九十"

_L1 = re.compile(rf"^([{_CN_NUM}]+)、\s*(.*)$")
_L2 = re.compile(rf"^[（(]\s*([{_CN_NUM}]+)\s*[)）]\s*(.*)$")
_L3 = re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*(.*)$")
_BULLET = re.compile(r"^——\s*(.*)$")
_ATTACHMENT_HEADING = re.compile(r"^附件\s*(\d*)\s*$")
_ATTACHMENT_LIST = re.compile(r"^附件\s*[：:]\s*(.+)$")
_FOOTER = re.compile(r"^(抄报|抄送|主送)[：:]")
# An inline enumeration item: （1） at the start of a paragraph or after 。；：
_ENUM_ITEM = re.compile(r"(?:^|(?<=[。；：]))[（(](\d{1,2})[)）]")
_LEAD = re.compile(r"^([\u4e00-\u9fff]{2,6})[：:]")


@dataclass
class _Node:
    level: int  # 0 attachment, 1 一、, 2 （一）, 3 1.
    marker: str
    key: str
    heading: str
    paragraphs: int = 0


@dataclass
class _Builder:
    meta: DocumentMeta
    norm: NormalisedText
    clauses: list[Clause] = field(default_factory=list)
    stack: list[_Node] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    bullets: int = 0
    preamble_paragraphs: int = 0
    enum_lead: str = ""
    listed_attachments: list[str] = field(default_factory=list)
    found_attachments: int = 0
    used_ids: set[str] = field(default_factory=set)

    # -- emitting -------------------------------------------------------------------
    def emit(
        self,
        kind: ClauseKind,
        keys: list[str],
        markers: list[str],
        headings: list[str],
        leaf: str,
        text: str,
        lines: list[Line],
        prefix: str = "",
        units: list[str] | None = None,
    ) -> None:
        """Add a clause, split at sentence ends (or between `units`) when over the size cap."""
        original = self.norm.original(lines[0].raw_start, lines[-1].raw_end) if lines else ""
        limit = MAX_CLAUSE_CHARS - len(prefix)
        if units and all(len(unit) <= limit for unit in units):
            pieces = pack_sentences(units, limit)
        else:
            pieces = pack_sentences(split_sentences(text), limit)
        base_id = self.unique_id(f"{self.meta.doc_id}:{'.'.join(keys)}")
        base_label = f"{self.meta.short_title}{''.join(markers)}"
        # 《…》一、 指导思想 ; without a marker the leaf follows the title: 《…》前言
        base_label += f" {leaf}" if leaf and markers else leaf
        for n, piece in enumerate(pieces or [text], start=1):
            body = piece if n == 1 or not prefix else prefix + piece
            self.clauses.append(
                Clause(
                    doc_id=self.meta.doc_id,
                    clause_id=base_id if n == 1 else f"{base_id}#{n}",
                    kind=kind,
                    path=markers,
                    headings=[h for h in headings if h],
                    label=base_label if len(pieces) <= 1 else f"{base_label}（{n}/{len(pieces)}）",
                    text=body.strip(),
                    original=original,
                    order=len(self.clauses),
                )
            )

    def unique_id(self, base: str) -> str:
        """The id itself, or with ~2, ~3 … when a document repeats a number (two （三）)."""
        candidate, n = base, 1
        while candidate in self.used_ids:
            n += 1
            candidate = f"{base}~{n}"
        self.used_ids.add(candidate)
        return candidate

    def path(self) -> tuple[list[str], list[str], list[str]]:
        return (
            [n.key for n in self.stack],
            [n.marker for n in self.stack],
            [n.heading for n in self.stack],
        )

    # -- structure ----------------------------------------------------------------
    def push(self, node: _Node) -> None:
        while self.stack and self.stack[-1].level >= node.level:
            self.stack.pop()
        self.stack.append(node)
        self.bullets = 0
        self.enum_lead = ""

    def heading_line(self, level: int, marker: str, key: str, rest: str, line: Line) -> None:
        phrase, has_body = _heading_phrase(rest)
        self.push(_Node(level, marker, key, phrase))
        if has_body:
            keys, markers, headings = self.path()
            self.emit("clause", keys, markers, headings[:-1], phrase, marker + rest, [line])
            self.stack[-1].paragraphs += 1

    def paragraph(self, text: str, lines: list[Line]) -> None:
        """A paragraph under the current heading; inline （1）（2） items become clauses."""
        items = _enumeration(text)
        if items is None:
            self.enum_lead = ""
            node = self.stack[-1] if self.stack else None
            if node is not None:
                node.paragraphs += 1
            else:
                self.preamble_paragraphs += 1
            keys, markers, headings = self.path()
            count = node.paragraphs if node else self.preamble_paragraphs
            lead = _lead(text)
            leaf = " · ".join(x for x in (headings[-1] if headings else "", lead) if x) or "前言"
            key = f"p{count}" if node else ("preamble" if count == 1 else f"preamble.p{count}")
            self.emit("clause", [*keys, key], markers, headings, leaf, text, lines)
            return
        lead, enumerated = items
        self.enum_lead = lead or self.enum_lead
        keys, markers, headings = self.path()
        label_lead = self.enum_lead.rstrip("：:")
        for number, item in enumerated:
            leaf = " · ".join(x for x in (headings[-1] if headings else "", label_lead) if x)
            self.emit(
                "clause",
                [*keys, f"i{number}"],
                [*markers, f"（{number}）"],
                [*headings, label_lead],
                leaf,
                f"{self.enum_lead}{item}",
                lines,
            )

    def bullet(self, rest: str, line: Line) -> None:
        self.bullets += 1
        phrase, _ = _heading_phrase(rest)
        keys, markers, headings = self.path()
        self.emit(
            "bullet", [*keys, f"b{self.bullets}"], [*markers, "——"], headings, phrase,
            "——" + rest, [line],
        )  # fmt: skip

    def table(self, rows: list[TableRow], lines: list[Line]) -> None:
        keys, markers, headings = self.path()
        for row in rows:
            row_lines = [lines[i] for i in row.line_indexes]
            prefix = row.key_text + "；"
            self.emit(
                "table_row",
                [*keys, f"r{row.number}"],
                [*markers, f"第{row.number}项"],
                headings,
                row.name,
                row.text,
                row_lines,
                prefix=prefix,
                units=row.text.splitlines(keepends=True),
            )


def _heading_phrase(rest: str) -> tuple[str, bool]:
    """The heading words of a clause line, and whether body text follows them."""
    rest = rest.strip()
    for stop in ("。", "：", ":"):
        at = rest.find(stop)
        if 0 < at <= 40:
            return rest[:at], at < len(rest) - 1
    if len(rest) <= 40:
        return rest, False
    return rest[:20] + "…", True


def _lead(text: str) -> str:
    """The label of a `label：value` paragraph (目标任务, 责任部门). Short entries kept
    together in one clause (组长：… / 副组长：…) are all named: 组长、副组长."""
    leads = [_LEAD.match(line) for line in text.split("\n")]
    if len(leads) > 1 and all(leads):
        return "、".join(dict.fromkeys(m.group(1) for m in leads if m))
    return leads[0].group(1) if leads[0] else ""


def _enumeration(text: str) -> tuple[str, list[tuple[int, str]]] | None:
    """Split '工作措施：（1）A。（2）B。' into its lead and numbered items, if it is a list."""
    marks = list(_ENUM_ITEM.finditer(text))
    numbers = [int(m.group(1)) for m in marks]
    # A list starts at the paragraph's beginning or right after a lead such as 工作措施：
    starts_list = bool(marks) and (marks[0].start() == 0 or text[marks[0].start() - 1] in "：:")
    if not marks or (len(marks) < 2 and not starts_list):
        return None
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return None  # not a consecutive list: leave the paragraph whole
    lead = text[: marks[0].start()]
    items = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        items.append((numbers[i], text[mark.start() : end]))
    return lead, items


def chunk_document(
    meta: DocumentMeta, norm: NormalisedText, front: FrontMatter
) -> tuple[list[Clause], list[str]]:
    """All clauses of one document, beginning with its header chunk, plus any warnings."""
    builder = _Builder(meta=meta, norm=norm)
    lines = norm.lines
    body_start = front.title_line + 1 if front.title_line is not None else 0
    _front_matter(builder, lines[:body_start], front)
    _body(builder, lines, body_start, front)
    _check_attachments(builder)
    return builder.clauses, builder.warnings


def _front_matter(builder: _Builder, head: list[Line], front: FrontMatter) -> None:
    meta = builder.meta
    facts = [meta.short_title]
    if meta.doc_number:
        facts.append(f"文号：{meta.doc_number}")
    if meta.issuer:
        facts.append(f"发文机关：{meta.issuer}")
    if meta.date:
        facts.append(f"印发日期：{meta.date.year}年{meta.date.month}月{meta.date.day}日")
    if meta.jurisdiction:
        facts.append(f"适用地区：{meta.jurisdiction.label}")
    facts.append(f"实施期限：{meta.period_label}")
    meta_lines = [head[i] for i in range(len(head)) if i in front.metadata_lines] or head[:1]
    builder.emit("header", ["header"], [], [], "文件信息", "；".join(facts) + "。", meta_lines)
    notice = [line for i, line in enumerate(head) if i not in front.metadata_lines]
    if notice:
        text = "\n".join(line.text for line in notice)
        builder.emit("notice", ["notice"], [], ["印发通知"], "印发通知", text, notice)


def _body(builder: _Builder, lines: list[Line], start: int, front: FrontMatter) -> None:
    i = start
    in_footer = False
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
        if in_footer or _FOOTER.match(text):
            in_footer = True
            pending.append(line)
            i += 1
            continue
        table_end = _table_end(lines, i)
        if table_end > i:
            flush()
            block = lines[i:table_end]
            rows = (parse_tab_table if "\t" in text else parse_pipe_table)([ln.text for ln in block])
            builder.table(rows, block)
            builder.norm.fixes["table_rows_assembled"] += sum(len(r.line_indexes) > 1 for r in rows)
            i = table_end
            continue
        if _is_structural(text):
            flush()
            if _structural(builder, lines, i):
                i = _skip_attachment_list(builder, lines, i)
                continue
        if len(text) < _SHORT_PARAGRAPH and (not pending or len(pending[-1].text) < _SHORT_PARAGRAPH):
            pending.append(line)
        else:
            flush()
            builder.paragraph(text, [line])
        i += 1
    if in_footer:
        builder.emit("footer", ["footer"], [], [], "版记", "\n".join(ln.text for ln in pending), pending)
        pending.clear()
    flush()


_STRUCTURAL = (_ATTACHMENT_LIST, _ATTACHMENT_HEADING, _L1, _L2, _L3, _BULLET)


def _is_structural(text: str) -> bool:
    return not text or any(pattern.match(text) for pattern in _STRUCTURAL)


def _structural(builder: _Builder, lines: list[Line], i: int) -> bool:
    """Handle a heading, bullet or attachment line; False for a plain paragraph."""
    line, text = lines[i], lines[i].text
    if match := _ATTACHMENT_LIST.match(text):
        builder.listed_attachments.append(match.group(1))
        builder.push(_Node(0, "附件", "attachments", "附件"))
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
        builder.push(_Node(0, f"附件{number}", f"att{number or builder.found_attachments}", title))
        return True
    if match := _L1.match(text):
        builder.heading_line(1, f"{match.group(1)}、", str(cn_number(match.group(1))), match.group(2), line)
        return True
    if match := _L2.match(text):
        builder.heading_line(2, f"（{match.group(1)}）", str(cn_number(match.group(1))), match.group(2), line)
        return True
    if (match := _L3.match(text)) and builder.stack and builder.stack[-1].key != "attachments":
        builder.heading_line(3, f"{match.group(1)}.", match.group(1), match.group(2), line)
        return True
    if match := _BULLET.match(text):
        builder.bullet(match.group(1), line)
        return True
    return not text  # a line consumed as an attachment title


def _skip_attachment_list(builder: _Builder, lines: list[Line], i: int) -> int:
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


def _check_attachments(builder: _Builder) -> None:
    listed = len(builder.listed_attachments)
    if listed > builder.found_attachments:
        names = "；".join(builder.listed_attachments)
        builder.warnings.append(f"列出附件{listed}个，但正文只收录了{builder.found_attachments}个：{names}")
