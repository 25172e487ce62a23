"""The region gazetteer: find places in text and map them to jurisdictions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from assistant.models import Jurisdiction

_SUFFIXES = ("市", "县")  # 无锡市 → 无锡; districts (区) keep their full name to stay unambiguous


@dataclass(frozen=True)
class PlaceMatch:
    name: str
    start: int
    jurisdiction: Jurisdiction
    home: bool  # True for the provinces the gazetteer covers city by city (Jiangsu, Ningxia)


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, Jurisdiction, bool], ...]:
    raw = yaml.safe_load(resources.files("assistant.data").joinpath("gazetteer.yaml").read_text("utf-8"))
    table: dict[str, tuple[Jurisdiction, bool]] = {}
    ambiguous: set[str] = set()

    def add(name: str, place: Jurisdiction, home: bool) -> None:
        if name in table and table[name][0] != place:
            ambiguous.add(name)
            place = Jurisdiction(province=place.province)  # e.g. 鼓楼区 in two cities
        table[name] = (place, home)

    for province, spec in raw["provinces"].items():
        region = Jurisdiction(province=province)
        add(province, region, True)
        for alias in spec.get("aliases", []):
            add(alias, region, True)
        for city, counties in spec["cities"].items():
            place = Jurisdiction(province=province, city=city)
            for name in [city, *counties]:
                add(name, place, True)
                short = name[:-1]
                if name.endswith(_SUFFIXES) and len(short) >= 2:
                    add(short, place, True)
    for province, aliases in raw["other_provinces"].items():
        for name in [province, *aliases]:
            add(name, Jurisdiction(province=province), False)
    # Longest first, so 苏州工业园区 wins over 苏州 and 宁夏回族自治区 over 宁夏.
    return tuple(
        (name, place, home) for name, (place, home) in sorted(table.items(), key=lambda kv: -len(kv[0]))
    )


def find_places(text: str) -> list[PlaceMatch]:
    """Every place named in the text, left to right, without overlaps."""
    taken = [False] * len(text)
    found: list[PlaceMatch] = []
    for name, place, home in _names():
        start = text.find(name)
        while start != -1:
            end = start + len(name)
            if not any(taken[start:end]):
                found.append(PlaceMatch(name, start, place, home))
                for i in range(start, end):
                    taken[i] = True
            start = text.find(name, end)
    return sorted(found, key=lambda m: m.start)


def province_of(name: str) -> Jurisdiction | None:
    for match in find_places(name):
        return match.jurisdiction
    return None


def short_name(place: Jurisdiction) -> str:
    """宁夏回族自治区 → 宁夏, 江苏省 → 江苏, 无锡市 → 无锡: the words people say."""
    name = place.city or place.province
    for suffix in ("回族自治区", "壮族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name
