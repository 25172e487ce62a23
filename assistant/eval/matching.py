"""Does a retrieved or cited chunk stand for a gold quote? (DESIGN.md, "Contracts")

Both sides go through the one shared normalisation, `match_key`, so a traditional quote
with pinyin annotations (003) matches the simplified clause the pipeline indexed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from assistant.text.chinese import match_key

FUZZY_THRESHOLD = 90.0
_NUMBER = re.compile(r"\d+")


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    # The same chunk is compared with many quotes; normalising once saves most of the time.
    return match_key(text)


def chunk_matches_quote(quote: str, chunk: str, threshold: float = FUZZY_THRESHOLD) -> bool:
    """True when the quote is inside the chunk, or a fuzzy partial match of it.

    The shorter of the two is the needle: a chunk that holds only part of a long quote
    is still judged on how well that part aligns, instead of on how much is absent.
    A fuzzy match must also agree on every number, see `_numbers_agree`.
    """
    quote_key, chunk_key = _key(quote), _key(chunk)
    if not quote_key or not chunk_key:
        return False
    if quote_key in chunk_key:
        return True
    needle, haystack = sorted((quote_key, chunk_key), key=len)
    alignment = fuzz.partial_ratio_alignment(needle, haystack)
    if alignment is None or alignment.score < threshold:
        return False
    window = _widen_to_numbers(haystack, alignment.dest_start, alignment.dest_end)
    return _numbers_agree(needle, window)


def _widen_to_numbers(text: str, start: int, end: int) -> str:
    """The slice text[start:end], widened so neither edge cuts a number in two."""
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    while end < len(text) and text[end].isdigit():
        end += 1
    return text[start:end]


def _numbers_agree(needle: str, window: str) -> bool:
    """Every number of the needle appears in the window it aligned with.

    The Wuxi plan (002) repeats its goals in a 2021 table with other figures: "重点培育10个
    ...专业" against "重点培育30个...专业" scores 96.7 on partial_ratio, yet citing one for
    the other gives the caller the wrong number. A number cut by the needle's own edge (a
    chunk that starts inside "2023") only has to be the matching end of a window number.
    """
    found = _NUMBER.findall(window)
    for match in _NUMBER.finditer(needle):
        number = match.group()
        at_start, at_end = match.start() == 0, match.end() == len(needle)
        if at_start and at_end:
            ok = any(number in other for other in found)
        elif at_start:
            ok = any(other.endswith(number) for other in found)
        elif at_end:
            ok = any(other.startswith(number) for other in found)
        else:
            ok = number in found
        if not ok:
            return False
    return True


def matches_any(quotes: Sequence[str], chunk: str) -> bool:
    """True when the chunk matches at least one of the quotes."""
    return any(chunk_matches_quote(quote, chunk) for quote in quotes)


def first_hit_rank(chunks: Sequence[str], quotes: Sequence[str], depth: int = 10) -> int | None:
    """1-based rank of the first chunk in the top `depth` matching any quote, else None."""
    for rank, chunk in enumerate(chunks[:depth], start=1):
        if matches_any(quotes, chunk):
            return rank
    return None


def fact_in_answer(fact: str, answer: str) -> bool:
    """A key fact counts as stated when its match_key is inside the answer's."""
    fact_key = _key(fact)
    return bool(fact_key) and fact_key in _key(answer)
