"""Extract a policy document's metadata from its cleaned text, with curator overrides.

Chinese official documents put their metadata in fixed places (header.py reads them):
the 文号 under the letterhead, the issuers signing above the date at the top or at the
end, the title on a line of its own before the first clause. A saved web page adds its
own metadata (<meta name="ArticleTitle">, PubDate, ContentSource), used where the text
is silent. Where a document applies follows its issuer, then its title.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel

from assistant.ingest.enactment import Enactment, read_history
from assistant.ingest.header import (
    Found,
    closing_signature,
    date_line,
    doc_number,
    is_org,
    issuer_prefix,
    label_fields,
    parse_date,
    qualify,
    signature_above,
    split_issuers,
    title_number,
)
from assistant.ingest.normalise import Line
from assistant.ingest.validity import repeals, validity
from assistant.jurisdiction import find_places, issuer_jurisdiction, place_named
from assistant.models import NATIONAL, DocumentMeta, FieldSource, Jurisdiction

# Where the header block ends: the first heading of the body, in any numbering a notice uses.
_HEAD_END = re.compile(
    r"^([一二三四五六七八九十]+、|第[一二三四五六七八九十百零〇\d]+[章条]|#{1,6}\s|1\s*[、.．](?!\d)|附件\s*\d*\s*$|附件\s*[：:])"
)
_TITLE = re.compile(
    r"(通知|方案|措施|意见|办法|规定|决定|细则|规划|纲要|计划|指南|清单|公告|通告|规则|名单|条例)"
    r"(（[^（）]{1,14}）)?$"
)
_NOTICE_GENRE = re.compile(r"(通知|意见|方案|措施|计划|函|批复|通告|公告)(（[^（）]{1,14}）)?$")
_NOTICE_TITLE = re.compile(r"印发(.+?)的通知$")
_MAX_TITLE = 60
_HEAD_LINES = 20
# A notice addressed to every province comes from a central body.
_ADDRESSED_TO_ALL = re.compile(r"^各省、自治区、直辖市")
_LOCAL_SELF = re.compile(r"(本|全)(省|市|自治区|州|县)")
_ADDRESSEE = re.compile(r"^各.{0,80}[：:]$")
_CITATION = re.compile(r"《[^《》]*》|（[^（）]*〔\d{4}〕[^（）]*）")


class PageMeta(BaseModel):
    """What a saved web page says about itself, outside its text."""

    title: str | None = None  # <title>, usually with the site's name after it
    article_title: str | None = None  # <meta name="ArticleTitle">
    published: str | None = None  # <meta name="PubDate">
    source: str | None = None  # <meta name="ContentSource">


@dataclass
class FrontMatter:
    """Which lines carried metadata, so the chunker can put the rest in clauses."""

    title_line: int | None = None
    metadata_lines: set[int] = field(default_factory=set)
    # A law's dated history lines (通过, 修正, 施行): metadata, and kept in the header clause
    # so that a question about when a law was amended finds them.
    history_lines: set[int] = field(default_factory=set)


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
        raise ValueError("overrides.yaml 的格式应为：文件名 → 各字段的值")
    return {str(name): dict(values or {}) for name, values in data.items()}


def extract_metadata(
    lines: list[Line],
    source_file: str,
    overrides: dict[str, object] | None = None,
    page: PageMeta | None = None,
    raw_lines: list[str] | None = None,
) -> Extracted:
    """Title, 文号, issuers, date, jurisdiction, validity and repeals, each with its source."""
    overrides = dict(overrides or {})
    texts = [line.text for line in lines]
    # The raw line keeps the spaces that separate joint issuers; cleaning closes them up.
    raws = [raw_lines[ln.raw_start] if raw_lines and ln.raw_start == ln.raw_end else None for ln in lines]
    head_end = _head_end(texts)
    head = list(enumerate(texts[:head_end]))
    front = FrontMatter()
    sources: dict[str, FieldSource] = {}
    labels = label_fields(head)
    front.metadata_lines |= {
        f.line for key, f in labels.items() if key.startswith("line") and f.line is not None
    }

    title, title_issuers, number_in_title = _title(head, labels, page, front, sources)
    history = read_history(head)
    front.metadata_lines |= history.lines
    front.history_lines = set(history.lines)
    number = doc_number(head, labels)
    if number.value is None and number_in_title:
        number = Found(number_in_title, None)
    sources["doc_number"] = number.source  # type: ignore[assignment]

    date, issuers, used = _date_and_signature(texts, raws, head, head_end, labels, page, sources)
    front.metadata_lines |= {i for i in (number.line, *used) if i is not None}
    number, date, issuers = _with_history(history, number, date, issuers, sources)
    if not issuers:
        issuers = title_issuers or _letterhead(head, front) or _labelled_issuers(labels, page, sources)
    sources.setdefault("issuer", "text" if issuers else "missing")

    values: dict[str, object] = {
        "doc_id": _slug(Path(source_file).stem),
        "title": title or Path(source_file).stem,
        "doc_number": number.value,
        "issuers": issuers,
        "date": date,
        "adopted_on": history.adopted_on,
        "amended_on": history.amended_on,
    }
    sources["doc_id"] = "derived"
    _apply_overrides(values, overrides, sources)
    issuers = list(values["issuers"])  # type: ignore[call-overload]

    if "jurisdiction" in overrides:
        values["jurisdiction"] = _jurisdiction_value(overrides["jurisdiction"])
    else:
        place, source = _jurisdiction(issuers, str(values["title"]), texts, head)
        if source == "text" and sources["issuer"] == "override":
            source = "derived"
        values["jurisdiction"], sources["jurisdiction"] = place, source
    place = values["jurisdiction"]
    if isinstance(place, Jurisdiction) and sources["issuer"] == "text":
        issuers = [qualify(i, place.province, place.city) for i in issuers]
    values["issuers"] = issuers
    if "issuer" not in overrides:
        values["issuer"] = "、".join(issuers) or None

    label_values = {k: str(f.value) for k, f in labels.items() if not k.startswith("line")}
    if history.effective_from is not None:
        label_values.setdefault("valid_from", history.effective_from.isoformat())
    published = _published(history, values.get("date"))  # type: ignore[arg-type]
    period = validity(str(values["title"]), texts, published, label_values, law=bool(history.events))
    for key, bound in (("valid_from", period.valid_from), ("valid_to", period.valid_to)):
        if key not in overrides:
            values[key] = bound
            sources[key] = period.source if bound else "missing"
    if "repeals" not in overrides:
        values["repeals"], values["repeals_doc_numbers"] = repeals(texts, str(values["title"]))

    meta = DocumentMeta(source_file=source_file, field_sources=sources, **values)  # type: ignore[arg-type]
    missing = [name for name, source in sources.items() if source == "missing"]
    return Extracted(meta=meta, front=front, missing=missing)


def _with_history(
    history: Enactment,
    number: Found,
    date: dt.date | None,
    issuers: list[str],
    sources: dict[str, FieldSource],
) -> tuple[Found, dt.date | None, list[str]]:
    """A law's history lines name who adopted or published it, its decree or announcement
    number and when this version was made; they outrank a date or a signature found
    elsewhere in its text. A 文号 under the title stays the number."""
    if number.value is None and history.number:
        number = Found(history.number, None)
        sources["doc_number"] = "text"
    if history.date is not None:
        date, sources["date"] = history.date, "text"
    if history.issuers:
        issuers, sources["issuer"] = history.issuers, "text"
    return number, date, issuers


def _published(history: Enactment, date: dt.date | None) -> dt.date | None:
    """The day 自公布之日起施行 refers to: the first publication, else the adoption (a
    standing committee publishes on the day it adopts), else the issue date."""
    return history.promulgated_on or history.adopted_on or date


def _head_end(texts: list[str]) -> int:
    """The header block ends at the body's first heading (一、, 第一章, 第一条, ##, 1、)."""
    titles = True  # the leading `# ` lines are the title (民法典 files carry two: 法典, 编)
    for i, text in enumerate(texts):
        titles = titles and text.startswith("# ")
        if _HEAD_END.match(text) and not titles:
            return i
    return min(len(texts), _HEAD_LINES)


# -- title ------------------------------------------------------------------------------------


def _title(
    head: list[tuple[int, str]],
    labels: dict[str, Found],
    page: PageMeta | None,
    front: FrontMatter,
    sources: dict[str, FieldSource],
) -> tuple[str | None, list[str], str | None]:
    """The title (without issuers, 文号 or 《》), the issuers it started with, and its 文号."""
    text, line = _title_line(head)
    source: FieldSource = "text"
    if text is None and labels.get("title") and labels["title"].value:
        text = str(labels["title"].value)
    if text is None and page is not None:
        text, source = _page_title(page), "page"
    if line is not None:
        front.title_line = line
        front.metadata_lines.add(line)
    if not text:
        sources["title"] = "missing"
        return None, [], None
    sources["title"] = source
    number = title_number(text)
    if number:
        text = re.sub(r"[（(][^（）()]*[)）]$", "", text)
    issuers, rest = issuer_prefix(text)
    # A notice is cited without its issuers (关于…的通知); a regulation or interpretation
    # whose title starts with its body keeps it (国务院关于…的特别规定).
    if issuers and _NOTICE_GENRE.search(text):
        text = rest
    found = re.fullmatch(r"(?:关于)?印发《(.+)》", text)  # 中共中央办公厅 国务院办公厅印发《…》
    return _strip_quotes(found.group(1) if found else text), issuers, number


def _title_line(head: list[tuple[int, str]]) -> tuple[str | None, int | None]:
    """The plan's own title: a short standalone line ending in a document-type word.

    A covering notice (关于印发X的通知) is not the plan's title, but names it when the
    plan's own title line is missing. A markdown file's leading `# ` lines are its title,
    whatever word ends it (…法, …修正案), joined when there are two (法典, then 编).
    """
    leading: list[str] = []
    for _, text in head:
        if not text.startswith("# "):
            break
        leading.append(text[2:].strip())
    if leading and all(leading):
        return " ".join(leading), 0
    candidates = [
        (index, text.lstrip("#").strip())
        for index, text in head
        if len(text) <= _MAX_TITLE and not any(p in text for p in "，。：")
    ]
    for index, text in candidates:
        if _TITLE.search(text) and not text.endswith("通知"):
            return text, index
    for _, text in candidates:
        found = _NOTICE_TITLE.search(text)
        if found:
            return found.group(1), None
    for index, text in candidates:
        if text.endswith("通知"):
            return text, index
    return None, None


def _page_title(page: PageMeta) -> str | None:
    if page.article_title:
        return page.article_title.strip()
    if page.title:
        # 标题_栏目_网站名 or 标题-栏目-网站名: the title comes first.
        return re.split(r"\s*[_|｜]\s*|\s+[-–—]\s+|-(?=[^-]*$)", page.title.strip())[0].split("-")[0] or None
    return None


def _strip_quotes(title: str) -> str:
    title = title.strip()
    if title.startswith("《") and title.endswith("》"):
        title = title[1:-1]
    return title


# -- date and issuers -----------------------------------------------------------------------


def _date_and_signature(
    texts: list[str],
    raws: list[str | None],
    head: list[tuple[int, str]],
    head_end: int,
    labels: dict[str, Found],
    page: PageMeta | None,
    sources: dict[str, FieldSource],
) -> tuple[dt.date | None, list[str], list[int]]:
    """The issue date and the bodies signing above it: under the covering notice at the top,
    else the 落款 at the end; else a labelled 成文日期, else the page's publication date."""
    for index, text in head:
        read = date_line(text)
        if read:
            issuers, used = signature_above(texts, raws, index)
            sources["date"] = read[1]  # type: ignore[assignment]
            return read[0], issuers, [*used, index]
    closing = closing_signature(texts, raws, head_end)
    if closing:
        date, how, issuers, used = closing
        sources["date"] = how  # type: ignore[assignment]
        return date, issuers, used
    if labels.get("date") and (date := parse_date(str(labels["date"].value))):
        sources["date"] = "text"
        return date, [], []
    published = labels.get("published")
    for value in (published.value if published else None, page.published if page else None):
        if value and (date := parse_date(str(value))):
            sources["date"] = "page"
            return date, [], []
    sources["date"] = "missing"
    return None, [], []


def _letterhead(head: list[tuple[int, str]], front: FrontMatter) -> list[str]:
    """The letterhead (…文件) or the body named on one of the first lines, or the bodies a
    first line says issued the text (中共中央办公厅 国务院办公厅印发《…》)."""
    for index, text in head[:3]:
        bodies = split_issuers(text.removesuffix("文件"))
        if bodies:
            front.metadata_lines.add(index)
            return bodies
    for _, text in head[:3]:
        bodies, rest = issuer_prefix(text)
        if bodies and rest.startswith(("印发", "关于印发")):
            return bodies
    return []


def _labelled_issuers(
    labels: dict[str, Found], page: PageMeta | None, sources: dict[str, FieldSource]
) -> list[str]:
    if labels.get("issuer") and labels["issuer"].value:
        value = str(labels["issuer"].value)
        return split_issuers(value) or [value]
    if page is not None and page.source and is_org(page.source):
        sources["issuer"] = "page"
        return split_issuers(page.source) or [page.source]
    return []


# -- overrides and jurisdiction -------------------------------------------------------------


def _apply_overrides(
    values: dict[str, object], overrides: dict[str, object], sources: dict[str, FieldSource]
) -> None:
    for key, value in overrides.items():
        values[key] = value
        sources[key] = "override"  # type: ignore[literal-required]
    if "issuer" in overrides and "issuers" not in overrides:
        issuer = str(overrides["issuer"] or "")
        values["issuers"] = [p for p in re.split(r"[、，,\s]+", issuer) if p]
    if "issuers" in overrides:
        sources["issuer"] = "override"
        values.setdefault("issuer", "、".join(map(str, overrides["issuers"] or [])) or None)  # type: ignore[call-overload]
    if isinstance(values.get("date"), str):
        values["date"] = parse_date(str(values["date"])) or values["date"]


def _jurisdiction_value(value: object) -> object:
    """An override may name the place as text: 全国, 江苏省, 江苏省 › 宿迁市 or 宿迁."""
    if not isinstance(value, str):
        return value
    if value.strip() == NATIONAL:
        return Jurisdiction.national()
    parts = [p.strip() for p in value.split("›")]
    if len(parts) == 2:
        return Jurisdiction(province=parts[0], city=parts[1])
    return place_named(value) or Jurisdiction(province=value.strip())


def _jurisdiction(
    issuers: list[str], title: str, texts: list[str], head: list[tuple[int, str]]
) -> tuple[Jurisdiction | None, FieldSource]:
    """The issuers' place (a local co-issuer outranks a ministry), else the title's; the
    addressee line is never read for places: 各省、自治区、直辖市及新疆生产建设兵团 is every
    province, so it says the issuer is central; only then the province the body names most."""
    places = [p for p in (issuer_jurisdiction(i) for i in issuers) if p is not None]
    local = [p for p in places if p.level != "national"]
    if local or places:
        return (local or places)[0], "text"
    title_places = [m.jurisdiction for m in find_places(title)]
    if title_places:
        return title_places[0], "text"
    if any(_ADDRESSED_TO_ALL.match(text) for _, text in head):
        return Jurisdiction.national(), "derived"
    # Only a text that speaks of itself as local (本省, 全市 …) is placed by the places it
    # names: a national rule names provinces too (台湾居民, 新疆生产建设兵团).
    if not any(_LOCAL_SELF.search(text) for text in texts):
        return None, "missing"
    body = Counter(
        Jurisdiction(province=m.jurisdiction.province).label
        for text in texts
        if not _ADDRESSEE.match(text)
        for m in find_places(_CITATION.sub("", text))
    )
    if not body:
        return None, "missing"
    province, _ = body.most_common(1)[0]
    return Jurisdiction(province=province), "derived"


def _slug(stem: str) -> str:
    slug = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]+", "-", stem).strip("-").lower()
    return slug or "document"
