"""Sentence splitting for Chinese policy text."""

from __future__ import annotations

import re

# A sentence ends at 。！？ or ；(policy clauses chain independent measures with ；),
# and a closing quote or bracket right after the mark stays with its sentence.
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’）)]*\n?|\n|$)")


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
