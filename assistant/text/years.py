"""Years as the documents and questions write them, in one place.

A year is four digits of this century (2000–2099): policy periods, targets and horizons.
The patterns that need a year around other words (到2035年, 2021—2025年, 那2022年当年呢)
are built from YEAR, so what counts as a year is decided here once.
"""

from __future__ import annotations

import re

# Not an amount or a count that happens to start with 20 ("是不是2000元", "20000人", "2050名").
YEAR = r"(?<![\d.])20\d{2}(?![\d.]|\s*(?:元|万|千|百|块|人|名|个|%|％))"
_SPAN = re.compile(rf"({YEAR})\s*[-—–~至到]+\s*({YEAR})")  # 2021—2025, 2022至2024, 2025~2027
_YEAR = re.compile(YEAR)


def years_in(text: str) -> list[int]:
    """Every year the text names, in order, repeats kept."""
    return [int(y) for y in _YEAR.findall(text)]


def year_spans(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """(the spans the text names, the years it names outside them)."""
    spans = [(int(a), int(b)) for a, b in _SPAN.findall(text)]
    return spans, years_in(_SPAN.sub("", text))
