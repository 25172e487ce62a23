"""Extract a policy document's metadata from its cleaned text, with curator overrides.

Chinese official documents put their metadata in fixed places: the 文号 and the issue
date stand on lines of their own, the issuer signs just above the date (or heads the
letter as "…文件"), and the plan's own title stands alone before its first clause.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.ingest.normalise import Line
from assistant.jurisdiction import find_places
from assistant.models import DocumentMeta, FieldSource, Jurisdiction
from assistant.text.chinese import cn_number

HEADING_L1 = re.compile(r"^[一二三四五六七八九十]+、")
_DOC_NUMBER = re.compile(r"^([\u4e00-\u9fff]{2,10})[〔\[［【(（](\d{4})[〕\]］】)）](\d{1,4})号$")
# A scraped page can lose the closing bracket and 号: 苏政办发〔202437 is 〔2024〕37号.
_DOC_NUMBER_GARBLED = re.compile(r"^([\u4e00-\u9fff]{2,10}[发办函字])[〔\[［【(（](\d{4})(\d{1,4})$")
# Written years mix in an ASCII or letter zero where 〇 belongs (000 writes 二0三五年).
_DATE = re.compile(
    r"^(\d{4}|[〇零○0OＯ一二三四五六七八九十]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日(印发)?$"
)
_DATE_DIGITS = re.compile(r"^(20\d{2})(\d{2})(\d{2})$")  # 20241220: separators lost in scraping
_TITLE = re.compile(r"(通知|方案|措施|意见|办法|规定|决定|细则|规划|纲要|计划)(（\d{4}[—–-]\d{4}年）)?$")
_NOTICE_TITLE = re.compile(r"印发(.+?)的通知$")
_ORG = re.compile(r"(局|厅|办公厅|委员会|人民政府|政府|办公室|部|中心|领导小组)(文件)?$")
_TITLE_YEARS = re.compile(r"（(\d{4})[—–-](\d{4})年）")
_YEAR_RANGE = re.compile(r"(20\d{2})\s*[—–-]+\s*(20\d{2})年")
_HORIZON = re.compile(r"(?:到|至)(20\d{2})年")
# 五年规划 periods named by number: 十四五 = 2021–2025, and so on.
_FIVE_YEAR_PLANS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
_FIVE_YEAR_RE = re.compile(r"“?(十三五|十四五|十五五)”?(期间|时期|末|规划)")
_MAX_TITLE = 60


@dataclass
class FrontMatter:
    """Which head lines carried metadata, so the chunker can put the rest in the notice."""

    title_line: int | None = None
    metadata_lines: set[int] = field(default_factory=set)


@dataclass
class Extracted:
    meta: DocumentMeta
    front: FrontMatter
    missing: list[str]


def load_overrides(sources_dir: Path) -> dict[str, dict[str, object]]:
    path = sources_dir / "overrides.yaml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    if not isinstance(data, dict) or not all(isinstance(v, dict | None) for v in data.values()):
        raise ValueError("overrides.yaml must map each file name to its fields")
    return {str(name): dict(values or {}) for name, values in data.items()}


def extract_metadata(
    lines: list[Line], source_file: str, overrides: dict[str, object] | None = None
) -> Extracted:
    """Title, 文号, issuer, date, jurisdiction and validity period, each with its source."""
    overrides = overrides or {}
    head_end = _head_end(lines)
    head = [(i, lines[i].text) for i in range(head_end)]
    front = FrontMatter()
    sources: dict[str, FieldSource] = {}

    title, title_line = _title(head, lines)
    front.title_line = title_line
    if title_line is not None:
        front.metadata_lines.add(title_line)
    sources["title"] = "text" if title else "missing"

    number, number_source, number_line = _doc_number(head)
    sources["doc_number"] = number_source
    date, date_source, date_line = _issue_date(head)
    sources["date"] = date_source
    issuer, issuer_line = _issuer(head, date_line)
    sources["issuer"] = "text" if issuer else "missing"
    for index in (number_line, date_line, issuer_line):
        if index is not None:
            front.metadata_lines.add(index)

    values: dict[str, object] = {
        "doc_id": _slug(Path(source_file).stem),
        "title": title or Path(source_file).stem,
        "doc_number": number,
        "issuer": issuer,
        "date": date,
    }
    sources["doc_id"] = "derived"
    for key, value in overrides.items():
        values[key] = value
        sources[key] = "override"  # type: ignore[literal-required]

    jurisdiction, jur_source = _jurisdiction(str(values.get("issuer") or ""), str(values["title"]), lines)
    if jur_source == "text" and sources["issuer"] == "override":
        jur_source = "derived"
    if "jurisdiction" not in overrides:
        values["jurisdiction"] = jurisdiction
        sources["jurisdiction"] = jur_source
    if values.get("issuer") and values["jurisdiction"] and sources["issuer"] == "text":
        values["issuer"] = _qualify_issuer(str(values["issuer"]), values["jurisdiction"])  # type: ignore[arg-type]

    period, period_source = _validity(str(values["title"]), lines, values.get("date"))  # type: ignore[arg-type]
    for key, bound in zip(("valid_from", "valid_to"), period, strict=True):
        if key not in overrides:
            values[key] = bound
            sources[key] = period_source if bound else "missing"

    meta = DocumentMeta(source_file=source_file, field_sources=sources, **values)  # type: ignore[arg-type]
    missing = [name for name, source in sources.items() if source == "missing"]
    return Extracted(meta=meta, front=front, missing=missing)


def _head_end(lines: list[Line]) -> int:
    """The front matter ends at the first top-level heading (一、)."""
    for i, line in enumerate(lines):
        if HEADING_L1.match(line.text):
            return i
    return min(len(lines), 20)


def _title(head: list[tuple[int, str]], lines: list[Line]) -> tuple[str | None, int | None]:
    """The plan's own title: a short standalone line ending in a document-type word.

    A covering notice (关于印发X的通知) is not the plan's title, but names it when the
    plan's own title line is missing.
    """
    candidates = [
        (index, text)
        for index, text in head
        if len(text) <= _MAX_TITLE and not any(p in text for p in "，。：")
    ]
    for index, text in candidates:
        if _TITLE.search(text) and not text.endswith("通知"):
            return _strip_quotes(text), index
    for _, text in candidates:
        found = _NOTICE_TITLE.search(text)
        if found:
            return _strip_quotes(found.group(1)), None
    for index, text in candidates:
        if text.endswith("通知"):
            return text, index
    return None, None


def _strip_quotes(title: str) -> str:
    title = title.strip()
    if title.startswith("《") and title.endswith("》"):
        title = title[1:-1]
    return title


def _doc_number(head: list[tuple[int, str]]) -> tuple[str | None, FieldSource, int | None]:
    """The document's own 文号 stands on a line by itself; cited numbers sit inside sentences."""
    for index, text in head:
        match = _DOC_NUMBER.match(text)
        if match:
            return f"{match.group(1)}〔{match.group(2)}〕{match.group(3)}号", "text", index
        match = _DOC_NUMBER_GARBLED.match(text)
        if match:
            return f"{match.group(1)}〔{match.group(2)}〕{match.group(3)}号", "repaired", index
    return None, "missing", None


def _issue_date(head: list[tuple[int, str]]) -> tuple[dt.date | None, FieldSource, int | None]:
    for index, text in head:
        match = _DATE.match(text)
        if match:
            parsed = _date(*(cn_number(g) for g in match.groups()[:3]))
            if parsed:
                return parsed, "text", index
        match = _DATE_DIGITS.match(text)
        if match:
            parsed = _date(*(int(g) for g in match.groups()))
            if parsed:
                return parsed, "repaired", index
    return None, "missing", None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _issuer(head: list[tuple[int, str]], date_line: int | None) -> tuple[str | None, int | None]:
    """The signature just above the date, else the letterhead (…文件), else the first line."""
    by_index = dict(head)
    if date_line is not None:
        above = by_index.get(date_line - 1, "")
        if _ORG.search(above) and len(above) <= 30:
            return above, date_line - 1
    for index, text in head[:3]:
        if _ORG.search(text) and len(text) <= 30:
            return text.removesuffix("文件"), index
    return None, None


def _qualify_issuer(issuer: str, place: Jurisdiction) -> str:
    """自治区人力资源和社会保障厅 → 宁夏回族自治区人力资源和社会保障厅."""
    if find_places(issuer):
        return issuer
    for prefix in ("自治区", "省"):
        if issuer.startswith(prefix):
            return place.province + issuer.removeprefix(prefix)
    if issuer.startswith("市") and place.city:
        return place.city + issuer.removeprefix("市")
    return issuer


def _jurisdiction(issuer: str, title: str, lines: list[Line]) -> tuple[Jurisdiction | None, FieldSource]:
    """The place the issuer and title name; else the province the text names most."""
    for text in (issuer, title):
        places = [m.jurisdiction for m in find_places(text)]
        if places:
            return places[0], "text"
    body = Counter(
        Jurisdiction(province=m.jurisdiction.province).label for line in lines for m in find_places(line.text)
    )
    if not body:
        return None, "missing"
    province, _ = body.most_common(1)[0]
    return Jurisdiction(province=province), "derived"


def _validity(
    title: str, lines: list[Line], issued: dt.date | None
) -> tuple[tuple[dt.date | None, dt.date | None], FieldSource]:
    """The period in the title's years, else the horizons the text sets (到2035年, 十四五)."""
    match = _TITLE_YEARS.search(title)
    if match:
        start, end = int(match.group(1)), int(match.group(2))
        return (dt.date(start, 1, 1), dt.date(end, 12, 31)), "title"
    starts: list[int] = []
    ends: list[int] = []
    for line in lines:
        for a, b in _YEAR_RANGE.findall(line.text):
            starts.append(int(a))
            ends.append(int(b))
        ends.extend(int(y) for y in _HORIZON.findall(line.text))
        for plan, _ in _FIVE_YEAR_RE.findall(line.text):
            first, last = _FIVE_YEAR_PLANS[plan]
            starts.append(first)
            ends.append(last)
    # A plan takes effect when issued; without an issue date, at the earliest year it names.
    valid_from = issued or (dt.date(min(starts), 1, 1) if starts else None)
    if not ends:
        return (valid_from, None), "derived"
    return (valid_from, dt.date(max(ends), 12, 31)), "derived"


def _slug(stem: str) -> str:
    slug = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]+", "-", stem).strip("-").lower()
    return slug or "document"
