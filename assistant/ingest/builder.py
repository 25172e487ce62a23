"""Emit clauses: each with its id, its parent path and a label a hotline worker can say.

The chunker (chunking.py) walks the lines and tells the builder what each one is: a
heading, an item, a paragraph, an article, a bullet, a table. The builder keeps the stack
of open units and turns each citable unit into a Clause, split at sentence ends when it
is over the size cap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.ingest.normalise import Line, NormalisedText
from assistant.ingest.structure import Marker, join_markers
from assistant.ingest.tables import TableRow
from assistant.models import Clause, ClauseKind, DocumentMeta
from assistant.text.sentences import pack_sentences, split_sentences

MAX_CLAUSE_CHARS = 400
_HEADING_WORDS = 40
# A numbered line that states a rule rather than naming a part: a figure, a condition and
# what follows from it ("取得…证书的，每人补贴…"), an item of a list ("…参照高级工标准执行；"),
# or a sentence too long to be a part's name ("在本市办理就业登记的灵活就业人员。"; a heading
# that ends with 。 is a few words: "（一）总体要求。").
_STATEMENT = re.compile(r"\d|的，|[；;]\s*$|^[^。]{16,}。\s*$")
# An inline enumeration item: （1） at the start of a paragraph or after 。；：
_ENUM_ITEM = re.compile(r"(?:^|(?<=[。；：\n]))[（(](\d{1,2})[)）]")
_LEAD = re.compile(r"^([\u4e00-\u9fff]{2,6})[：:]")


@dataclass
class Node:
    level: float  # the family's rank (structure.RANKS): a unit closes those at its rank and below
    marker: str
    key: str
    heading: str
    paragraphs: int = 0


@dataclass
class OpenArticle:
    """A 第X条 being read: its own line and every line until the next unit, one clause."""

    lines: list[Line]
    texts: list[str]


@dataclass
class Builder:
    meta: DocumentMeta
    norm: NormalisedText
    clauses: list[Clause] = field(default_factory=list)
    stack: list[Node] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    bullets: int = 0
    preamble_paragraphs: int = 0
    enum_lead: str = ""
    listed_attachments: list[str] = field(default_factory=list)
    found_attachments: int = 0
    used_ids: set[str] = field(default_factory=set)
    article: OpenArticle | None = None
    unnumbered: int = 0  # headings without a number, keyed h1, h2 … in order

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
        numbering = join_markers(markers)
        base_label = f"{self.meta.short_title}{numbering}"
        # 《…》一、 指导思想 ; without a marker the leaf follows the title: 《…》前言. A heading
        # without a number is its own marker, so it is not repeated as the leaf.
        if leaf and not (markers and leaf == markers[-1]):
            base_label += f" {leaf}" if markers else leaf
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
    def push(self, node: Node) -> None:
        self.close_article()
        while self.stack and self.stack[-1].level >= node.level:
            self.stack.pop()
        self.stack.append(node)
        self.bullets = 0
        self.enum_lead = ""

    def heading_line(self, marker: Marker, line: Line, has_children: bool) -> None:
        """A numbered line: a heading over what follows, or (followed by its next sibling or
        nothing) an item whose text is its clause. Body text after the heading words on the
        same line is a clause either way."""
        if not marker.numbered:
            self.unnumbered += 1
            self.push(Node(marker.rank, marker.marker, f"h{self.unnumbered}", marker.marker))
            if not has_children:
                keys, markers, headings = self.path()
                self.emit("clause", keys, markers, headings[:-1], "", marker.marker, [line])
            return
        phrase, has_body = _heading_phrase(marker.rest)
        self.push(Node(marker.rank, marker.marker, marker.key, phrase))
        statement = (
            has_children
            and not has_body
            and len(self.stack) > 1
            and _STATEMENT.search(marker.rest) is not None
        )
        if has_body or not has_children or statement:
            keys, markers, headings = self.path()
            self.emit("clause", keys, markers, headings[:-1], phrase, marker.marker + marker.rest, [line])
            self.stack[-1].paragraphs += 1
        if statement:
            # "（五）取得高级技师证书的，每人补贴3000元。" then an unnumbered paragraph: the
            # item is a rule of its own, and the paragraph speaks for the whole part above it
            # (a top-level "二、…的，…。" keeps its paragraphs: nothing is above it).
            self.stack.pop()

    def open_article(self, marker: Marker, line: Line) -> None:
        """第X条: the article and the items and paragraphs under it are one clause."""
        self.push(Node(marker.rank, marker.marker, marker.key, ""))
        self.article = OpenArticle([line], [f"{marker.marker} {marker.rest}".strip()])

    def continue_article(self, line: Line) -> bool:
        if self.article is None:
            return False
        self.article.lines.append(line)
        self.article.texts.append(line.text)
        return True

    def close_article(self) -> None:
        article, self.article = self.article, None
        if article is None:
            return
        keys, markers, headings = self.path()
        units = [text + "\n" for text in article.texts]
        self.emit("clause", keys, markers, headings, "", "\n".join(article.texts), article.lines, units=units)

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
        if 0 < at <= _HEADING_WORDS:
            return rest[:at], at < len(rest) - 1
    if len(rest) <= _HEADING_WORDS:
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
