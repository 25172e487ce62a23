"""Sentence splitting for Chinese policy text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.models import Clause

# A sentence ends at 。！？ or ；(policy clauses chain independent measures with ；),
# and a closing quote or bracket right after the mark stays with its sentence.
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’）)]*\n?|\n|$)")


# A sentence to its full stop, its "；" kept inside: a list introduced by "：" reads whole.
_WHOLE = re.compile(r"[^。！？\n]+[。！？]?")


def whole_sentences(text: str) -> list[str]:
    """The sentences of a text cut only at 。！？ and line ends (split_sentences also cuts at
    "；"): "下列人员不属于…：在编人员；退休人员。" is one, and so is a list whose items stand on
    lines of their own after a line ending "：" ("有下列情形之一的，不列入发放范围：\n（一）…；
    \n（二）…。"), up to the item that does not end in "；"."""
    out: list[str] = []
    listing = False
    for piece in _WHOLE.findall(text):
        if listing and out:
            out[-1] += piece
        else:
            out.append(piece)
        end = piece.rstrip()[-1:]
        listing = bool(end) and (end in "：:" or (listing and end in "；;，,"))
    return out


def split_sentences(text: str) -> list[str]:
    """Split into sentences, keeping the final punctuation and line breaks.

    "".join(split_sentences(text)) == text for every text.
    """
    return [s for s in _SENTENCE.findall(text) if s]


def pack_sentences(sentences: list[str], limit: int) -> list[str]:
    """Greedily pack sentences into pieces of at most `limit` characters.

    A single sentence longer than the limit is cut at commas, then hard-cut.
    """
    pieces: list[str] = []
    current = ""
    for sentence in sentences:
        for part in _fit(sentence, limit):
            if current and len(current) + len(part) > limit:
                pieces.append(current)
                current = ""
            current += part
    if current:
        pieces.append(current)
    return pieces


def _fit(sentence: str, limit: int) -> list[str]:
    if len(sentence) <= limit:
        return [sentence]
    parts = re.findall(r"[^，,、]+[，,、]?", sentence)
    out: list[str] = []
    for part in parts:
        while len(part) > limit:
            out.append(part[:limit])
            part = part[limit:]
        out.append(part)
    return out


# --- the sentences of a clause: what answers quote and evidence selection scores ---------

MIN_SENTENCE = 6  # shorter pieces ("（一）", "附件：") carry no statement
# A table's row number is no statement; every other column (目标任务, 责任单位, 进度安排 …)
# is kept with its column name, since "who is responsible" is answered by 责任单位.
_ROW_NUMBER = "序号"
_CELL = re.compile(r"^([^：:；\n]{1,8})[：:](.*)$", re.DOTALL)
_MARKER = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、]|——)")


# An enumerated item's number, as a clause's path or a quoted sentence starts with it: "1.",
# "（二）", "（2）", "3、", "一、".
ITEM_NUMBER = re.compile(r"^([（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、]|[一二三四五六七八九十]+、)")


def statement_core(sentence: str) -> str:
    """A sentence without the column name or item number it was quoted with: a table's
    "主要措施：突出…" and a list's "工作措施：（2）突出…" state the same thing."""
    core = sentence.strip().rstrip("。；")
    if (cell := _CELL.match(core)) is not None:
        core = cell.group(2).strip()
    return ITEM_NUMBER.sub("", _MARKER.sub("", core)).strip()


@dataclass(frozen=True)
class ClauseSentence:
    """One statement of a clause: `text` is what an answer quotes, `context` what it is
    judged by (a table cell together with its row's name)."""

    text: str
    context: str


def clause_sentences(clause: Clause) -> list[ClauseSentence]:
    """The statements of a clause, in order. The index embeds each one at build time, so
    this function is the single definition of what a sentence is."""
    if clause.kind == "table_row":
        return _row_sentences(clause)
    sentences = [s.strip() for s in split_sentences(clause.text)]
    sentences = [s for s in sentences if len(s) >= MIN_SENTENCE]
    stating = [s for s in sentences if not _restates_heading(s, clause)]
    # A clause that is one statement ("2.取得技师证书的，每人给予补贴3000元。") is labelled by
    # that statement: it restates nothing, it is the clause.
    return [ClauseSentence(s, s) for s in (stating or sentences)]


def _row_sentences(clause: Clause) -> list[ClauseSentence]:
    """Each cell of a table row, sentence by sentence, judged with the row's name.

    Rows are written as "列名：值；列名：值" (ingest/tables.py); the row's name is the
    heading above it plus its label ("附件2第1项 塑造高技能人才培育新引擎").
    """
    name = " ".join([*clause.headings[-1:], clause.label.split(" ", 1)[-1]])
    out = []
    for cell in re.split(r"[；\n]", clause.text):
        cell = cell.strip()
        match = _CELL.match(cell)
        column, value = (match.group(1), match.group(2).strip()) if match else ("", cell)
        if column == _ROW_NUMBER or not value or value in name:
            continue
        for i, sentence in enumerate(s.strip() for s in split_sentences(value)):
            text = f"{column}：{sentence}" if column and i == 0 else sentence
            if len(sentence) >= MIN_SENTENCE:
                out.append(ClauseSentence(text, f"{name} {text}"))
    return out


def _restates_heading(sentence: str, clause: Clause) -> bool:
    """'13.加大高技能人才表彰奖励。' restates the clause's label; it states nothing."""
    core = _MARKER.sub("", sentence.rstrip("。；：")).strip()
    if len(core) > 30 or re.search(r"\d", re.sub(r"《[^》]*》", "", core)):
        # A figure is a statement, not a heading ("给予每人1500元培训补贴。"); a title's
        # years are a name.
        return False
    return core in clause.label or any(core.endswith(h) for h in clause.headings if h)
