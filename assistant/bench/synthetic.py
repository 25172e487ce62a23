"""Synthetic corpora for the scaling benchmark: N× as many clauses as the real corpus.

A corpus of scale N holds the real documents plus N−1 variants of each, written as
ordinary source files so the whole pipeline (load, clean, chunk, index) is measured.
A variant is a real document moved to another place of the national division table (the
other cities of its province for a city document, every other province for a province
document), to other years and with other figures. Each is
marked as synthetic three times over: its doc_id starts with `synthetic-`, its title
with 【合成】, and its first line says in words that it is not a real policy. They are
only ever written into a folder outside the project (a temporary one), never into
index/sources or index/build.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
import yaml

from assistant.ingest.corpus import load_corpus, source_files
from assistant.jurisdiction import cities, counties, find_places, provinces, short_name
from assistant.models import DocumentMeta, Jurisdiction
from assistant.settings import PROJECT_ROOT
from assistant.text.chinese import to_simplified

SYNTHETIC_PREFIX = "synthetic-"
TITLE_MARK = "【合成】"
WARNING = (
    "【合成数据】本文件由性能基准程序根据真实政策文件自动生成，"
    "地名、年份和数字均已替换，不是真实政策，不得引用。"
)
MARKER_FILE = ".synthetic.json"  # a dotfile: neither the pipeline nor the baseline reads it
OVERRIDES = "overrides.yaml"
YEAR_SHIFTS = (-9, -7, -5, -3, -2, -1, 1, 2, 3, 4, 6, 8)
_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")
# A figure with a unit, as in evidence.FIGURE: 1万元, 2.5万人, 35%, 15场次.
_FIGURE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(?=\s*[万亿千]?\s*(?:元|人次|人|名|个百分点|个|家|场次|场|项|%|％|所|户|届|期))"
)
_DOC_YEAR = re.compile(r"[〔\[［(（](\d{4})[〕\]］)）]")


class UnsafeTarget(ValueError):
    """Synthetic documents would land where real ones live."""


@dataclass(frozen=True)
class Place:
    """A target jurisdiction with the names a document would use for it."""

    province: str
    province_short: str
    city: str | None = None
    city_short: str | None = None
    districts: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()  # cities (or alias cities) of the province, for province documents

    @property
    def jurisdiction(self) -> Jurisdiction:
        return Jurisdiction(province=self.province, city=self.city)


@dataclass(frozen=True)
class SyntheticCorpus:
    sources_dir: Path
    real_documents: int
    synthetic_documents: int
    scale: int


def _short(name: str) -> str:
    return short_name(Jurisdiction(province=name))


def cities_of(province: str) -> list[Place]:
    """Every city of a province, with its districts and counties."""
    return [
        Place(province, _short(province), city, _short(city), tuple(counties(city)))
        for city in cities(province)
    ]


def all_provinces() -> list[Place]:
    """Every province-level region, with its cities."""
    return [Place(province, _short(province), cities=tuple(cities(province))) for province in provinces()]


def targets_for(meta: DocumentMeta) -> list[Place]:
    """Where variants of this document go: other cities for a city document, else other provinces."""
    own = meta.jurisdiction
    if own is not None and own.city is not None:
        return [p for p in cities_of(own.province) if p.city != own.city]
    return [p for p in all_provinces() if own is None or p.province != own.province]


def place_mapping(text: str, own: Jurisdiction | None, target: Place) -> dict[str, str]:
    """Old place name → new one, for every name of the document's own region in the text."""
    if own is None:
        return {}
    # The region's own names always map, whatever spelling the text uses (江蘇 in 003).
    mapping = {own.province: target.province, _short(own.province): target.province_short}
    if own.city:
        mapping[own.city] = target.city or target.province
        mapping[_short(own.city)] = target.city_short or target.province_short
    province_names = {own.province, _short(own.province)}
    spare = list(target.districts or target.cities or (target.province_short,))
    for n, match in enumerate(_distinct(find_places(to_simplified(text)))):
        place = match.jurisdiction
        if place.province != own.province:
            continue  # a place elsewhere (国务院, 上海 …) stays as it is
        if match.name in province_names:
            mapping[match.name] = target.province if match.name == own.province else target.province_short
        elif own.city and place.city == own.city and match.name in (own.city, _short(own.city)):
            full = match.name == own.city
            mapping[match.name] = (target.city if full else target.city_short) or target.province_short
        else:  # a district of the city, or another city of the province
            mapping[match.name] = spare[n % len(spare)]
    if own.province.endswith("自治区") and not target.province.endswith("自治区"):
        mapping["自治区"] = "省" if target.province.endswith("省") else "市"  # 自治区人社厅 → 省人社厅
    return mapping


def _distinct(matches):  # -> list[PlaceMatch], first occurrence of each name
    seen: dict[str, object] = {}
    for match in matches:
        seen.setdefault(match.name, match)
    return list(seen.values())


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def replace_places(text: str, mapping: dict[str, str]) -> str:
    """Apply the mapping to simplified and traditional spellings, longest name first."""
    if not mapping:
        return text
    full = dict(mapping)
    for old, new in mapping.items():
        full.setdefault(_s2t().convert(old), _s2t().convert(new))
    pattern = re.compile("|".join(re.escape(k) for k in sorted(full, key=len, reverse=True)))
    return pattern.sub(lambda m: full[m.group(0)], text)


def shift_years(text: str, delta: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)


def scale_figures(text: str, rng: random.Random) -> str:
    """Every figure with a unit multiplied by its own factor in [0.6, 1.8]."""

    def new_value(match: re.Match[str]) -> str:
        raw = match.group(1)
        value = float(raw) * rng.uniform(0.6, 1.8)
        if "." in raw:
            return f"{value:.1f}"
        if value >= 100:
            digits = len(str(int(value))) - 2
            return str(int(round(value, -digits)))
        return str(max(1, round(value)))

    return _FIGURE.sub(new_value, text)


def variant(
    raw_text: str, meta: DocumentMeta, target: Place, year_shift: int, serial: int, seed: int = 0
) -> tuple[str, dict[str, object]]:
    """One synthetic document: its text and its overrides.yaml entry."""
    mapping = place_mapping(raw_text, meta.jurisdiction, target)
    rng = random.Random(f"{seed}:{serial}")

    def transform(text: str) -> str:
        return shift_years(replace_places(text, mapping), year_shift)

    text = scale_figures(transform(raw_text), rng)
    overrides: dict[str, object] = {
        "doc_id": f"{SYNTHETIC_PREFIX}{serial:06d}",
        "title": TITLE_MARK + transform(meta.title),
        "jurisdiction": target.jurisdiction.model_dump(),
    }
    if meta.issuer:
        overrides["issuer"] = transform(meta.issuer)
    if meta.date:  # set, not extracted: a scraped date (20241220) escapes the year shift
        day = min(meta.date.day, 28) if meta.date.month == 2 else meta.date.day
        overrides["date"] = meta.date.replace(year=meta.date.year + year_shift, day=day).isoformat()
    if meta.doc_number:
        year = _DOC_YEAR.search(meta.doc_number)
        shifted = int(year.group(1)) + year_shift if year else (meta.date.year if meta.date else 2000)
        overrides["doc_number"] = f"合成〔{shifted}〕{serial}号"
    notice = f"{WARNING}样本编号{serial:06d}。"
    # First and last line: a scraped page loses its first lines to the header cleaner.
    return f"{notice}\n{text.rstrip()}\n\n{notice}\n", overrides


def check_target(out_dir: Path) -> None:
    """Refuse any folder inside the project: synthetic documents live in a temporary folder."""
    resolved = out_dir.resolve()
    if resolved == PROJECT_ROOT or PROJECT_ROOT in resolved.parents:
        raise UnsafeTarget(f"{out_dir} is inside the project; synthetic corpora go in a temporary folder")
    if resolved.exists() and any(resolved.iterdir()):
        raise UnsafeTarget(f"{out_dir} is not empty")


def make_corpus(real_sources: Path, out_dir: Path, scale: int, seed: int = 0) -> SyntheticCorpus:
    """Copy the real documents into out_dir and add (scale − 1) synthetic variants of each."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    check_target(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus, _ = load_corpus(real_sources)
    overrides_path = real_sources / OVERRIDES
    overrides = yaml.safe_load(overrides_path.read_text("utf-8")) if overrides_path.exists() else {}
    overrides = overrides or {}
    for path in source_files(real_sources):
        shutil.copyfile(path, out_dir / path.name)
    origins: dict[str, dict[str, object]] = {}
    serial = 0
    for k in range(1, scale):
        for document in corpus.documents:
            meta = document.meta
            targets = targets_for(meta)
            target = targets[(k - 1) % len(targets)]
            shift = YEAR_SHIFTS[((k - 1) // len(targets) + serial) % len(YEAR_SHIFTS)]
            serial += 1
            raw = (real_sources / meta.source_file).read_bytes().decode("utf-8")
            text, entry = variant(raw, meta, target, shift, serial, seed)
            name = f"{entry['doc_id']}.txt"
            (out_dir / name).write_text(text, encoding="utf-8")
            overrides[name] = entry
            origins[str(entry["doc_id"])] = {
                "from": meta.doc_id,
                "place": target.jurisdiction.label,
                "year_shift": shift,
            }
    header = "# Synthetic benchmark corpus: every synthetic-* document is generated, not real policy.\n"
    dumped = yaml.safe_dump(overrides, allow_unicode=True, sort_keys=False, width=1000)
    (out_dir / OVERRIDES).write_text(header + dumped, encoding="utf-8")
    marker = {"warning": WARNING, "scale": scale, "seed": seed, "documents": origins}
    (out_dir / MARKER_FILE).write_text(json.dumps(marker, ensure_ascii=False), encoding="utf-8")
    return SyntheticCorpus(out_dir, len(corpus.documents), serial, scale)
