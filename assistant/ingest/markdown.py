"""Markdown policies: the text one block a line, headings kept as `#` lines for the chunker.

Markdown wraps a paragraph over several source lines and marks emphasis, links, images
and tables with punctuation that is no part of the policy. A paragraph's lines are joined
(without a space: Chinese has none between words), emphasis and link syntax are dropped
and their words kept, and a table becomes tab-separated rows, the shape tables have in
every other format.
"""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"^(#{1,6}\s|[-*+]\s|\d{1,2}[.、)]\s?|[（(]?\d{1,2}[)）]|\||>|第.{1,4}[章节条])")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_TABLE_DIVIDER = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\*)")
_CODE = re.compile(r"`([^`]*)`")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
# An HTML comment (<!-- INFO END --> closes the history lines of a law) is no text, and ends
# the paragraph before it.
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def markdown_text(text: str) -> str:
    """The markdown source as plain lines: headings as `# …`, list items and table rows each
    on a line of their own, wrapped paragraph lines joined."""
    text = _FRONT_MATTER.sub("", text.replace("\r\n", "\n"))
    text = _COMMENT.sub("\n\n", text)
    out: list[str] = []
    joinable = False  # whether the next plain line continues the last one
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or _RULE.match(line) or _TABLE_DIVIDER.match(line):
            joinable = False
            continue
        line = line.lstrip("> ").strip() if line.startswith(">") else line
        if line.startswith("|"):
            out.append("\t".join(cell.strip() for cell in line.strip("|").split("|")))
            joinable = False
            continue
        # Tabs mark table cells everywhere downstream; in markdown only `|` rows are tables,
        # and a tab elsewhere (## 第四章<TAB>使用管理) is a space.
        line = _inline(line.replace("\t", " "))
        if joinable and not _BLOCK_START.match(line) and out:
            out[-1] += line
        else:
            out.append(line)
        joinable = not line.startswith("#")
    return "\n".join(out)


def _inline(line: str) -> str:
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    previous = None
    while previous != line:
        previous = line
        line = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", line)
    return line
