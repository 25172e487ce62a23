"""The numbering families a notice uses, how they nest, and whether a line is a heading.

Official documents number their structure in a few families, always nested in the same
order whichever one a document starts with: markdown `#` headings › 第X章 › 第X节 ›
第X条 › 一、 › （一） › 1. / 1、, with （1） and —— items inside. Each family has a rank;
a line opens a unit at its family's rank and closes every unit of the same or a deeper
rank, so a notice that starts at 1、 or at 第一条 nests as well as one that starts at 一、.

Whether a numbered line is a heading is decided by what follows it, not by its length:
a heading has a deeper unit or body text under it; a line followed by its next sibling
is an item, and its own text is the clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.chinese import cn_number

_CN_NUM = "一二三四五六七八九十"
_CN_BIG = "一二三四五六七八九十百零〇"
RANKS = {
    "attachment": 0.0,
    **{f"md{n}": float(n) for n in range(1, 7)},
    "chapter": 10.0,
    "section": 11.0,
    "article": 12.0,
    "cn": 20.0,
    "paren_cn": 21.0,
    "num": 22.0,
    "bullet": 30.0,
}
_MD = re.compile(r"^(#{1,6})\s+(.*)$")
_CHAPTER = re.compile(rf"^第([{_CN_BIG}\d]+)章\s*(.*)$")
_SECTION = re.compile(rf"^第([{_CN_BIG}\d]+)节\s*(.*)$")
_ARTICLE = re.compile(rf"^第([{_CN_BIG}\d]+)条\s*(.*)$")
L1 = re.compile(rf"^([{_CN_NUM}]+)、\s*(.*)$")
L2 = re.compile(rf"^[（(]\s*([{_CN_NUM}]+)\s*[)）]\s*(.*)$")
L3 = re.compile(r"^(\d{1,2})\s*([.．、])(?!\d)\s*(.*)$")
BULLET = re.compile(r"^——\s*(.*)$")
# What a group heading without a number may not contain: sentence punctuation.
_SENTENCE_MARKS = re.compile(r"[。，；：！？,;:!?]")
_GROUP_HEADING_MAX = 30
# Every marker a label can show, to tell numbering from heading words when joining them.
_NUMBERED = re.compile(
    rf"^(第[{_CN_BIG}\d]+[章节条项]|[{_CN_NUM}]+、|（[{_CN_NUM}]+）|\d{{1,2}}[.、]|（\d{{1,2}}）|——|附件\d*)$"
)


@dataclass(frozen=True)
class Marker:
    """A numbered (or `#`) line: its family, rank, the marker as a label shows it, and the
    text after the marker."""

    family: str
    marker: str
    key: str
    number: int | None
    rest: str

    @property
    def rank(self) -> float:
        return RANKS[self.family] if not self.family.startswith("group") else float(self.family[5:])

    @property
    def numbered(self) -> bool:
        return self.number is not None


def _numeral(text: str) -> int | None:
    """The marker's number, or None when the characters only look like one (十十、, 第百条):
    such a line is read as a plain paragraph rather than stopping the whole document."""
    try:
        return cn_number(text)
    except ValueError:
        return None


def read_marker(text: str) -> Marker | None:
    """The marker a line starts with, or None for a plain paragraph."""
    if match := _MD.match(text):
        rest = match.group(2).strip()
        inner = read_marker(rest)
        if inner is not None and inner.numbered:
            return inner  # ## 一、总则: the # is emphasis, the numbering is 一、
        return Marker(f"md{len(match.group(1))}", rest, "", None, rest)
    for family, pattern, suffix in (
        ("chapter", _CHAPTER, "章"),
        ("section", _SECTION, "节"),
        ("article", _ARTICLE, "条"),
    ):
        if (match := pattern.match(text)) and (number := _numeral(match.group(1))) is not None:
            return Marker(
                family, f"第{match.group(1)}{suffix}", f"{family[0]}{number}", number, match.group(2)
            )
    if (match := L1.match(text)) and (number := _numeral(match.group(1))) is not None:
        return Marker("cn", f"{match.group(1)}、", str(number), number, match.group(2))
    if (match := L2.match(text)) and (number := _numeral(match.group(1))) is not None:
        return Marker("paren_cn", f"（{match.group(1)}）", str(number), number, match.group(2))
    if match := L3.match(text):
        # The document's own punctuation: 1、 stays 1、, 1. and 1． are 1.
        mark = "、" if match.group(2) == "、" else "."
        return Marker("num", f"{match.group(1)}{mark}", match.group(1), int(match.group(1)), match.group(3))
    return None


def group_heading(text: str, following: str | None) -> Marker | None:
    """A short unnumbered line that heads a list starting at 1 (培训补贴政策 / 1.… 2.…): a
    heading just above the list's family, so a second list under another such line is
    told apart from the first."""
    if following is None or len(text) > _GROUP_HEADING_MAX or _SENTENCE_MARKS.search(text):
        return None
    if "\t" in text or "|" in text or read_marker(text) is not None or BULLET.match(text):
        return None
    first = read_marker(following)
    if first is None or first.number != 1 or first.family.startswith("md"):
        return None
    return Marker(f"group{first.rank - 0.5}", text, "", None, text)


def is_numbered(marker: str) -> bool:
    return bool(_NUMBERED.match(marker)) or bool(re.fullmatch(r"第\d+项", marker))


def join_markers(markers: list[str]) -> str:
    """The numbering part of a label: 四、（四）13.; 补贴标准 › 职业技能等级证书补贴 1.;
    an article is cited by its own number, which runs on across chapters (第十三条)."""
    articles = [i for i, m in enumerate(markers) if re.fullmatch(rf"第[{_CN_BIG}\d]+条", m)]
    if articles:
        markers = markers[articles[-1] :]
    out = ""
    previous: str | None = None
    for marker in markers:
        if previous is not None:
            if not is_numbered(previous) and not is_numbered(marker):
                out += " › "
            elif not (is_numbered(previous) and is_numbered(marker)):
                out += " "
        out += marker
        previous = marker
    return out
