"""Assemble attachment tables into rows, whatever way the source broke them.

Two shapes occur in converted policy documents:
- tab-separated rows where a row continues on following lines that start with tabs
  (the empty leading cells mean "same as the row above": 002's attachment 2);
- `|`-separated rows whose cells wrap onto following lines (003's appendix).
Each row is rendered as "column：value" pairs so a row chunk repeats its header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ROW_START = re.compile(r"^\s*(\d{1,3})\s*\|")
_HEADER_FIRST = "序号"


@dataclass
class TableRow:
    number: str
    name: str  # the row's second cell, e.g. 塑造高技能人才培育新引擎
    key_text: str  # 序号：1；项目内容：…, repeated on every part of a split row
    text: str
    line_indexes: list[int] = field(default_factory=list)


def _render(header: list[str], cells: list[str]) -> str:
    pairs = []
    for i, cell in enumerate(cells):
        cell = cell.strip()
        if not cell:
            continue
        name = header[i] if i < len(header) else f"第{i + 1}列"
        pairs.append(f"{name}：{cell}")
    return "；".join(pairs)


def _row(header: list[str], first: list[str], continuation: list[list[str]], indexes: list[int]) -> TableRow:
    number = first[0].strip() if first else ""
    name = first[1].strip() if len(first) > 1 else ""
    key_text = _render(header[:2], first[:2])
    lines = [_render(header, first)] + [_render(header, cells) for cells in continuation]
    # Each physical line ends as a sentence, so a long row splits between measures.
    text = "\n".join(line if line.endswith(("。", "；")) else line + "。" for line in lines if line)
    return TableRow(number=number, name=name, key_text=key_text, text=text, line_indexes=indexes)


def parse_tab_table(lines: list[str]) -> list[TableRow]:
    """Rows of a tab-separated table; lines starting with a tab continue the row above."""
    header: list[str] = []
    rows: list[TableRow] = []
    first: list[str] | None = None
    continuation: list[list[str]] = []
    indexes: list[int] = []
    for index, line in enumerate(lines):
        cells = line.split("\t")
        if cells[0].strip() == _HEADER_FIRST:
            header = [c.strip() for c in cells]
            continue
        if cells[0].strip():
            if first is not None:
                rows.append(_row(header, first, continuation, indexes))
            first, continuation, indexes = cells, [], [index]
        elif first is not None:
            continuation.append(cells)
            indexes.append(index)
    if first is not None:
        rows.append(_row(header, first, continuation, indexes))
    return rows


def parse_pipe_table(lines: list[str]) -> list[TableRow]:
    """Rows of a `|` table whose cells wrap across lines; the header may repeat per page."""
    header: list[str] = []
    rows: list[TableRow] = []
    buffer: list[str] = []
    indexes: list[int] = []

    def close() -> None:
        if buffer:
            cells = [re.sub(r"\s+", "", c) for c in "".join(buffer).split("|")]
            while cells and not cells[-1]:
                cells.pop()
            rows.append(_row(header, cells, [], list(indexes)))
            buffer.clear()
            indexes.clear()

    for index, line in enumerate(lines):
        if line.strip().startswith(_HEADER_FIRST):
            close()
            header = [re.sub(r"\s+", "", c) for c in line.split("|") if c.strip()]
            continue
        if _ROW_START.match(line):
            close()
        if _ROW_START.match(line) or buffer:
            buffer.append(line.strip())
            indexes.append(index)
    close()
    return rows
