"""Question words, read once from `assistant/data/question_words.txt` (their one home).

A word there says what it is used for: a BM25 stopword, a word that makes a piece of a
message ask something of its own, or a word a follow-up's rewrite drops. The file is
language data, so editing it changes the corpus fingerprint and rebuilds the index.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Literal

Role = Literal["stop", "asks", "drop"]


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, frozenset[str]], ...]:
    rows = []
    for line in (
        resources.files("assistant.data").joinpath("question_words.txt").read_text("utf-8").splitlines()
    ):
        if not line.strip() or line.startswith("#"):
            continue
        word, _, roles = line.partition("\t")
        rows.append((word.strip(), frozenset(roles.split())))
    return tuple(rows)


def question_words(role: Role) -> tuple[str, ...]:
    """The words with this role, in the file's order."""
    return tuple(word for word, roles in _table() if role in roles)


def alternation(role: Role, *extra: str) -> re.Pattern[str]:
    """One group matching any word with this role (in the file's order), or an `extra` pattern."""
    return re.compile("(" + "|".join([*map(re.escape, question_words(role)), *extra]) + ")")
