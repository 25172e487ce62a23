"""Make any user input safe to process: bounded, printable, and stripped of instructions."""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, Field

from assistant.text.segment import correct_typos
from assistant.text.spam import remove_instructions

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
# Lone surrogates arrive from JSON ("\ud800") and cannot be encoded: jieba and OpenCC fail on them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A script or style block is code, not words of the question: it goes whole, not just its tags.
_SCRIPT = re.compile(r"<(script|style)\b[^>]{0,200}>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]{0,200}>")


class CleanQuestion(BaseModel):
    text: str
    notices: list[str] = Field(default_factory=list)


def clean_question(raw: str, max_chars: int) -> CleanQuestion:
    """Cap the length, drop control characters, markup and planted instructions, correct
    the misspellings a phone keyboard makes (typos.tsv)."""
    notices: list[str] = []
    text = raw if isinstance(raw, str) else str(raw)
    too_long = len(text) > max_chars
    text = text[:max_chars]  # first, so every rule below works on bounded text
    text = _CONTROL.sub("", unicodedata.normalize("NFC", _SURROGATE.sub("", text)))
    text = _HTML_TAG.sub(" ", _SCRIPT.sub(" ", text))
    text, dropped = remove_instructions(text)
    if dropped:
        notices.append("问题中要求改变回答规则的内容已被忽略。")
    text = correct_typos(" ".join(text.split()))
    if len(text) > max_chars:  # NFC can lengthen text: क़ (U+0958) becomes क + ़
        text, too_long = text[:max_chars], True
    if too_long:
        notices.insert(0, f"问题过长，只处理了前{max_chars}个字。")
    return CleanQuestion(text=text, notices=notices)
