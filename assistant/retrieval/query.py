"""Understand a question before retrieval: region, worker group, skill level, years,
and which document it names."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from assistant.models import DocumentMeta, Jurisdiction, QueryInfo
from assistant.places import find_places
from assistant.text.chinese import match_key
from assistant.text.segment import expand, normalise_query

_YEAR = re.compile(r"(20\d{2})\s*年?")
_NUMBER_QUESTION = re.compile(r"(多少|几|多大|多高|比例|金额|标准|数量|人数|万元|元|%|几成)")
# "I am in / from X": the asker's own place, as opposed to a place asked about.
_ASKER = re.compile(r"(我|本人|俺|家)(是|在|住|户籍|老家)?[^，。？?！!]{0,6}$")
_QUOTED = re.compile(r"“([^”]{2,20})”")


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, dict[str, list[str]]]:
    text = resources.files("assistant.data").joinpath("groups.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _find_terms(text: str, table: dict[str, list[str]]) -> list[str]:
    """Canonical terms named in the text, in the order the text names them."""
    first: dict[str, int] = {}
    for canonical, words in table.items():
        positions = [text.find(word) for word in words if word in text]
        if positions:
            first[canonical] = min(positions)
    return sorted(first, key=first.__getitem__)


def find_groups(text: str) -> list[str]:
    return _find_terms(normalise_query(text), _vocabulary()["groups"])


def find_skill_level(text: str) -> str | None:
    levels = _find_terms(normalise_query(text), _vocabulary()["skill_levels"])
    return levels[0] if levels else None


def named_documents(text: str, documents: list[DocumentMeta]) -> list[str]:
    """Documents the question names by 文号, by a quoted title phrase, or by title."""
    key = match_key(text)
    found = []
    for meta in documents:
        keys = [meta.doc_number or "", meta.title]
        keys += [q.removesuffix("行动") for q in _QUOTED.findall(meta.title)]
        if any(k and len(match_key(k)) >= 4 and match_key(k) in key for k in keys):
            found.append(meta.doc_id)
    return found


def asker_place(text: str) -> Jurisdiction | None:
    """The place in phrases like 我在无锡 / 我是宿迁的 (the first one that reads so)."""
    for match in find_places(text):
        before = text[max(0, match.start - 8) : match.start]
        if _ASKER.search(before):
            return match.jurisdiction
    return None


def understand(
    question: str,
    documents: list[DocumentMeta] | None = None,
    profile_region: Jurisdiction | None = None,
) -> QueryInfo:
    text = normalise_query(question)
    places = []
    for match in find_places(text):
        if match.jurisdiction not in places:
            places.append(match.jurisdiction)
    return QueryInfo(
        text=question,
        normalised=expand(text),
        places=places,
        asker_region=asker_place(text) or profile_region,
        groups=find_groups(text),
        skill_level=find_skill_level(text),
        years=sorted({int(y) for y in _YEAR.findall(text)}),
        doc_ids=named_documents(question, documents or []),
        wants_number=bool(_NUMBER_QUESTION.search(text)),
    )
