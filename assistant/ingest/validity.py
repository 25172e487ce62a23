"""When a notice is in force, and which earlier notices it repeals, from its own words.

What the text says comes first: 自2023年6月1日起施行 / 自印发之日起施行, 有效期5年,
有效期至2026年12月31日, 有效期为…至…, 失效日期：…. Plans that state none are read by
their horizon, as before: the years in the title （2022—2024年）, 十四五, 2021-2023年 and
到2035年 targets. A notice that replaces another says so (《…》（…号）同时废止).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field

from assistant.ingest.header import DATE_TEXT, DOC_NUMBER, parse_date
from assistant.models import DocumentMeta, FieldSource
from assistant.text.chinese import cn_number
from assistant.text.years import YEAR

_TITLE_YEARS = re.compile(r"（(\d{4})[—–-](\d{4})年）")
_YEAR_RANGE = re.compile(rf"({YEAR})\s*[—–-]+\s*({YEAR})年")
# 到2035年 is a horizon; 至2024年6月30日 is a date (an application window), not one.
_HORIZON = re.compile(rf"(?:到|至)({YEAR})年(?![\d一二三四五六七八九十]{{1,2}}月)")
# 五年规划 periods named by number: 十四五 = 2021–2025, and so on.
_FIVE_YEAR_PLANS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
_FIVE_YEAR_RE = re.compile(r"“?(十三五|十四五|十五五)”?(期间|时期|末|规划)")

# Plans run to their horizon; only these are given a period their text does not state.
# Measures and opinions (若干措施, 意见) are not time-boxed: "到2035年" in them is a goal.
_PLAN = re.compile(r"(方案|规划|计划|纲要|行动|工程)(（[^（）]{1,14}）)?$")
_ANY_DATE = rf"(?:{DATE_TEXT}|\d{{4}}-\d{{1,2}}-\d{{1,2}})"
_STARTS = re.compile(
    rf"自({_ANY_DATE}|印发之日|发布之日|公布之日|下发之日|签发之日)起(?:施行|执行|实施|生效)"
)
_YEARS_VALID = re.compile(r"有效期(?:为)?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*年")
_VALID_UNTIL = re.compile(
    rf"(?:有效期|执行期限|实施期限|有效期限|执行期|实施期|执行|实施)(?:至|到|截至|截止到?)\s*({_ANY_DATE})"
)
_VALID_SPAN = re.compile(
    rf"(?:有效期|执行期限|实施期限|有效期限)(?:为|自)?\s*({_ANY_DATE})(?:起)?\s*(?:至|到|—|-)\s*({_ANY_DATE})"
)
_EXPIRES = re.compile(rf"(?:失效日期|废止日期)\s*[：:]?\s*({_ANY_DATE})")
_REPEAL = re.compile(r"废止")
# A sentence about the document itself: 本办法自…起施行，有效期5年 / 本通知有效期至….
_SELF = re.compile(
    r"本[\u4e00-\u9fff]{0,6}(办法|通知|规定|意见|方案|细则|条例|政策|措施|文件|决定|规则|清单|指南|法|解释|规范)"
    r"|起(?:施行|执行|实施|生效)|有效期(?:至|到|截至|为\s*\d{4})|失效日期|废止日期"
)
_CITED_TITLE = re.compile(r"《([^《》]{2,80})》")


@dataclass
class Validity:
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: FieldSource
    lines: set[int] = field(default_factory=set)


def validity(
    title: str, texts: list[str], issued: dt.date | None, labels: dict[str, str], *, law: bool = False
) -> Validity:
    """The period the text states, else the one its title or horizons imply.

    A notice that states no start takes effect when issued; a law (one with history lines)
    says when it takes effect, so one that does not say is given no start."""
    stated = _stated(texts, issued, labels)
    if stated is not None:
        return stated
    match = _TITLE_YEARS.search(title)
    if match:
        start, end = int(match.group(1)), int(match.group(2))
        return Validity(dt.date(start, 1, 1), dt.date(end, 12, 31), "title")
    if not _PLAN.search(title):
        # A law, a rule or a notice that states no period has none: a target year in its
        # text (到2035年) is a goal, not an expiry.
        return Validity(None if law else issued, None, "derived")
    ends: list[int] = []
    for text in texts:
        ends.extend(int(b) for _, b in _YEAR_RANGE.findall(text))
        ends.extend(int(y) for y in _HORIZON.findall(text))
        ends.extend(_FIVE_YEAR_PLANS[plan][1] for plan, _ in _FIVE_YEAR_RE.findall(text))
    # A plan takes effect when issued; an undated one has no known start.
    return Validity(issued, dt.date(max(ends), 12, 31) if ends else None, "derived")


def _stated(texts: list[str], issued: dt.date | None, labels: dict[str, str]) -> Validity | None:
    start: dt.date | None = parse_date(labels["valid_from"]) if labels.get("valid_from") else None
    end: dt.date | None = parse_date(labels["valid_to"]) if labels.get("valid_to") else None
    years: int | None = None
    for text in texts:
        if not _SELF.search(text):
            # 有效期为5年 about a licence (许可证有效期为5年) is not the document's own period.
            continue
        if start is None and (match := _STARTS.search(text)):
            start = parse_date(match.group(1)) or issued
        if span := _VALID_SPAN.search(text):
            dates = _dates_in(span.group(0))
            if len(dates) >= 2:
                start, end = start or dates[0], end or dates[-1]
        if end is None and (match := _VALID_UNTIL.search(text) or _EXPIRES.search(text)):
            end = parse_date(match.group(1))
        if years is None and (match := _YEARS_VALID.search(text)):
            with contextlib.suppress(ValueError):  # 有效期十十年 is a typo, not a period
                years = cn_number(match.group(1))
    if start is None and end is None and years is None:
        return None
    start = start or issued
    if end is None and years and start is not None:
        end = _add_years(start, years) - dt.timedelta(days=1)
    return Validity(start, end, "text")


def _dates_in(text: str) -> list[dt.date]:
    found = (parse_date(m.group(0)) for m in re.finditer(_ANY_DATE, text))
    return [d for d in found if d is not None]


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def repeals(texts: list[str], own_title: str) -> tuple[list[str], list[str]]:
    """Titles (and the 文号 cited beside them) of the documents a notice repeals."""
    titles: list[str] = []
    numbers: list[str] = []
    for text in texts:
        for sentence in re.split(r"(?<=[。；！？])", text):
            if not _REPEAL.search(sentence) or "不再废止" in sentence:
                continue
            before = sentence[: sentence.rfind("废止")]
            for title in _CITED_TITLE.findall(before):
                if title != own_title and title not in titles:
                    titles.append(title)
            for match in DOC_NUMBER.finditer(before):
                number = f"{match.group(1)}〔{match.group(2)}〕{match.group(3)}号"
                if number not in numbers:
                    numbers.append(number)
    return titles, numbers


def _title_key(title: str) -> str:
    """A title as compared across documents: no quotes, no 关于印发…的通知 wrapper, no spaces."""
    title = re.sub(r"\s+", "", title).strip("《》")
    found = re.fullmatch(r"(?:.*?)?关于印发《?(.+?)》?的通知", title)
    return found.group(1) if found else title


def resolve_repeals(metas: list[DocumentMeta]) -> None:
    """Mark each loaded document that another loaded document repeals, by its title or 文号.

    It is repealed from the day the repealing document takes effect (its 施行 date, else
    its issue date). A curator's override of repealed_by is left as it is.
    """
    for meta in metas:
        if meta.field_sources.get("repealed_by") != "override":
            meta.repealed_by, meta.repealed_on, meta.superseded = None, None, False
    _resolve_versions(metas)
    for repealing in metas:
        titles = {_title_key(t) for t in repealing.repeals}
        if not titles and not repealing.repeals_doc_numbers:
            continue
        for meta in metas:
            if meta is repealing or meta.field_sources.get("repealed_by") == "override":
                continue
            by_number = meta.doc_number is not None and meta.doc_number in repealing.repeals_doc_numbers
            if by_number or _title_key(meta.title) in titles:
                meta.repealed_by = repealing.doc_id
                meta.repealed_on = repealing.valid_from or repealing.date


def _resolve_versions(metas: list[DocumentMeta]) -> None:
    """Of several loaded versions of one text (the same title for the same place, as a law
    library keeps 社会救助条例 of 2018 and of 2024), the newest is in force; each older one
    is superseded by it from the day the newer version was made."""
    groups: dict[tuple[str, str], list[DocumentMeta]] = {}
    for meta in metas:
        if meta.date is not None and meta.field_sources.get("repealed_by") != "override":
            place = meta.jurisdiction.label if meta.jurisdiction else ""
            groups.setdefault((_title_key(meta.title), place), []).append(meta)
    for versions in groups.values():
        newest = max(versions, key=lambda m: m.date or dt.date.min)
        for meta in versions:
            if meta is not newest and meta.date is not None and meta.date < newest.date:  # type: ignore[operator]
                meta.repealed_by, meta.repealed_on, meta.superseded = newest.doc_id, newest.date, True
