"""Read the header block and the signature of an official notice: 文号, dates, issuers.

Chinese official documents (GB/T 9704) put these in fixed places. The 文号 stands on a
line of its own under the letterhead (…文件), or in the header table of a web page
(发文字号：…); the issuing bodies sign above the date, either under the covering notice
at the top or as the 落款 at the very end; a joint notice names several bodies, on one
line separated by spaces or one per line; its title line may start with them
(人力资源社会保障部 财政部关于…的通知).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.jurisdiction import NATIONAL_ISSUERS, find_places
from assistant.text.chinese import cn_number

DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{2,10})\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d{1,4})\s*号")
_DOC_NUMBER_LINE = re.compile(rf"^{DOC_NUMBER.pattern}$")
# A scraped page can lose the closing bracket and 号: 苏政办发〔202437 is 〔2024〕37号.
_DOC_NUMBER_GARBLED = re.compile(r"^([\u4e00-\u9fff]{2,10}[发办函字])[〔\[［【(（](\d{4})(\d{1,4})$")
# Written years mix in an ASCII or letter zero where 〇 belongs (000 writes 二0三五年).
_YEAR = r"\d{4}|[〇零○0OＯ一二三四五六七八九十]{4}"
_MONTH_DAY = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
DATE_TEXT = rf"({_YEAR})年({_MONTH_DAY})月({_MONTH_DAY})日"
_DATE_LINE = re.compile(rf"^{DATE_TEXT}(印发)?$")
_DATE_DIGITS = re.compile(r"^(20\d{2})(\d{2})(\d{2})$")  # 20241220: separators lost in scraping
_ISO_DATE = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_ORG = re.compile(
    r"(局|厅|办公厅|委员会|委|人民政府|政府|办公室|部|中心|领导小组|国务院|总工会|联合会|署)(文件)?$"
)
# Where one issuing body's name can end, to split a joint signature written without spaces.
_ORG_END = re.compile(r"(部|厅|局|委|会|府|室|署|心|组|办|院|行|团|联)$")
_LOCAL_STARTS = ("省", "市", "县", "区", "自治区", "中共", "共青团")
_MAX_ORG = 30
_PUNCTUATION = re.compile(r"[，。；：、,;:！？!?《》“”\"]")
# 公开属性 and distribution lines that close a notice after its signature.
CLOSING = re.compile(r"^([（(]此件.{0,10}[)）]|(抄报|抄送|主送)[：:].*)$")

# The labelled fields of a web page's header table or a markdown front block.
LABELS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "文件标题", "文件名称"),
    "issuer": ("发文机关", "发布机构", "发文单位", "发布单位", "制发机关", "成文机关"),
    "doc_number": ("发文字号", "文号", "发文文号"),
    "date": ("成文日期", "印发日期", "发文日期"),
    "published": ("发布日期", "发布时间"),
    "valid_from": ("生效日期", "施行日期", "实施日期"),
    "valid_to": ("失效日期", "废止日期", "有效期至"),
    "other": ("索引号", "主题分类", "分类", "公开方式", "公开属性", "有效性", "主题词", "体裁分类"),
}
_LABEL_LINE = re.compile(
    r"^(" + "|".join(name for names in LABELS.values() for name in names) + r")\s*[：:]\s*(.*)$"
)


@dataclass
class Found:
    """A value read from the text and the line it stood on."""

    value: object
    line: int | None
    source: str = "text"


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _written_date(parts: tuple[str, ...]) -> dt.date | None:
    """Year, month and day as written; None when one only looks like a numeral (十十十十年)."""
    try:
        year, month, day = (cn_number(part) for part in parts)
    except ValueError:
        return None
    return make_date(year, month, day)


def parse_date(text: str) -> dt.date | None:
    """The first date written in the text, as 2024年3月29日, 二〇二四年三月二十九日 or 2024-03-29."""
    match = re.search(DATE_TEXT, text)
    if match:
        return _written_date(match.groups())
    match = _ISO_DATE.search(text)
    if match:
        return make_date(*(int(g) for g in match.groups()))
    return None


def date_line(text: str) -> tuple[dt.date, str] | None:
    """A line that is only a date (the issue date under a signature), and how it was read."""
    match = _DATE_LINE.match(text)
    if match:
        parsed = _written_date(match.groups()[:3])
        return (parsed, "text") if parsed else None
    match = _DATE_DIGITS.match(text)
    if match:
        parsed = make_date(*(int(g) for g in match.groups()))
        return (parsed, "repaired") if parsed else None
    return None


def label_fields(head: list[tuple[int, str]]) -> dict[str, Found]:
    """`发文字号：人社部发〔2024〕18号` style lines in the header block, by field."""
    found: dict[str, Found] = {}
    for index, text in head:
        match = _LABEL_LINE.match(text)
        if not match:
            continue
        field = next(key for key, names in LABELS.items() if match.group(1) in names)
        value = match.group(2).strip()
        if field not in found or not found[field].value:
            found[field] = Found(value, index)
        found.setdefault(f"line{index}", Found(field, index))  # every label line is header, not body
    return found


def doc_number(head: list[tuple[int, str]], labels: dict[str, Found]) -> Found:
    """The document's own 文号: on a line by itself, under a 文号 label, or closing a short
    header line (粤人社规〔2023〕6号　签发人：…). Numbers cited inside a sentence, after
    the 《title》 they belong to, are other documents'."""
    if "doc_number" in labels:
        match = DOC_NUMBER.search(str(labels["doc_number"].value))
        if match:
            return Found(_format_number(match), labels["doc_number"].line)
    for index, text in head:
        match = _DOC_NUMBER_LINE.match(text)
        if match:
            return Found(_format_number(match), index)
        match = _DOC_NUMBER_GARBLED.match(text)
        if match:
            return Found(_format_number(match), index, "repaired")
    for index, text in head:
        if len(text) > 40 or "《" in text or _PUNCTUATION.sub("", text[:4]) != text[:4]:
            continue
        match = DOC_NUMBER.search(text)
        if match and match.start() == 0:
            return Found(_format_number(match), index)
    return Found(None, None, "missing")


def _format_number(match: re.Match[str]) -> str:
    return f"{match.group(1)}〔{match.group(2)}〕{match.group(3)}号"


def title_number(title: str) -> str | None:
    """A 文号 a web page appends to its title: …的通知（人社部发〔2024〕18号）."""
    match = re.search(rf"[（(]({DOC_NUMBER.pattern})[)）]$", title)
    return _format_number(DOC_NUMBER.match(match.group(1))) if match else None  # type: ignore[arg-type]


# -- issuers -----------------------------------------------------------------------------


def is_org(text: str) -> bool:
    """A line that names one issuing body (宿迁市人力资源和社会保障局, 财政部)."""
    text = text.strip()
    return 2 <= len(text) <= _MAX_ORG and not _PUNCTUATION.search(text) and bool(_ORG.search(text))


def split_issuers(text: str, raw: str | None = None) -> list[str]:
    """The issuing bodies of a signature or title prefix, or [] when it is not one.

    A joint signature separates its bodies by spaces in the source (人力资源社会保障部　财政部);
    cleaning may have closed them up, so without the raw line the name is cut where one
    body's name ends and another's visibly begins: a place, a central body, 省/市/中共….
    """
    pieces = [p for p in re.split(r"\s+", (raw or "").strip()) if p]
    if len(pieces) > 1 and all(is_org(p) for p in pieces):
        return pieces
    text = re.sub(r"\s+", "", text)
    if not text:
        return []
    parts: list[str] = []
    start = 0
    for end in range(2, len(text)):
        if _ORG_END.search(text[start:end]) and _starts_a_body(text[end:]):
            parts.append(text[start:end])
            start = end
    parts.append(text[start:])
    return parts if all(is_org(p) for p in parts) else []


def _starts_a_body(rest: str) -> bool:
    if rest.startswith(NATIONAL_ISSUERS) or rest.startswith(_LOCAL_STARTS):
        return True
    places = find_places(rest[:12])
    return bool(places) and places[0].start == 0


def signature_above(lines: list[str], raws: list[str | None], date_index: int) -> tuple[list[str], list[int]]:
    """The bodies signing just above a date line: one line, or one line per body."""
    issuers: list[str] = []
    used: list[int] = []
    index = date_index - 1
    while index >= 0 and len(used) < 4:
        parts = split_issuers(lines[index], raws[index])
        if not parts:
            break
        issuers = parts + issuers
        used.append(index)
        index -= 1
    return issuers, used


def issuer_prefix(title: str) -> tuple[list[str], str]:
    """Split `人力资源社会保障部 财政部关于…的通知` into its bodies and the title proper."""
    for joint in ("关于", "印发"):
        at = title.find(joint)
        if at <= 1:
            continue
        bodies = split_issuers(title[:at], title[:at])
        if bodies:
            return bodies, title[at:]
    return [], title


def qualify(issuer: str, province: str, city: str | None) -> str:
    """自治区人力资源和社会保障厅 → 宁夏回族自治区人力资源和社会保障厅."""
    if find_places(issuer):
        return issuer
    for prefix in ("自治区", "省"):
        if issuer.startswith(prefix):
            return province + issuer.removeprefix(prefix)
    if issuer.startswith("市") and city:
        return city + issuer.removeprefix("市")
    return issuer


def closing_signature(
    lines: list[str], raws: list[str | None], start: int
) -> tuple[dt.date, str, list[str], list[int]] | None:
    """The 落款 at the end of a notice: the last date line with a signature above it, before
    any attachment and the distribution lines (抄送 …) under it."""
    end = len(lines)
    for index in range(start, len(lines)):
        if re.match(r"^(抄报|抄送)[：:]", lines[index]):
            end = index
            break
    for index in range(end - 1, start - 1, -1):
        read = date_line(lines[index])
        if read is None:
            continue
        issuers, used = signature_above(lines, raws, index)
        if issuers:
            return read[0], read[1], issuers, [*used, index]
    return None
