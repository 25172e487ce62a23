"""Deadlines a notice sets, and whether they have passed on the day asked.

A notice dates its application windows ("2025年度取得证书的人员，应于2026年6月30日前提出
申请，逾期不再受理", "2026年度集中申报时间为2026年4月1日至5月15日"). Asked whether one can
still apply after that day, the answer is no, with the sentence that says until when; asked
until when, the answer says the day has passed. A window by months after an event ("证书核发
之日起12个月内") or a yearly one without a year ("每年4月1日至4月30日") has no day of its own
to have passed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from assistant.text.chinese import cn_number

_DAY = r"(?P<y>20\d{2})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日|(?P<end>底))"
# "…6月30日前", "截止到…", "…至5月15日" (the end of a window, its year from its start).
_BY = (
    re.compile(rf"{_DAY}(?:前|以前|之前|止|截止|为止)"),
    re.compile(rf"(?:截止|截至)(?:日期|时间)?(?:为|到|至)?{_DAY}"),
)
_WINDOW = re.compile(
    rf"{_DAY}(?:起)?(?:至|到|—|－|-|~)(?:(?P<y2>20\d{{2}})年)?(?P<m2>\d{{1,2}})月(?P<d2>\d{{1,2}})日"
)
# A window counted from an event of the asker's: no day of its own.
RELATIVE = re.compile(
    r"之日起[^，。；\d一二三四五六七八九十]{0,6}(\d+|[一二三四五六七八九十]+)个?(月|日|天|年)内"
)
_APPLYING = re.compile(r"申请|申报|申领|受理|报名|提出|报送|提交")
# "现在还能申请吗", "还来得及吗", "2026年6月30日以后还能申请2025年的证吗": whether it is too late.
_STILL = re.compile(
    r"(还|现在|如今|目前|今年|过了|以后|之后)[^，。？?]{0,8}(能|可以|来得及|让|给)[^，。？?]{0,6}"
    r"(申请|申报|申领|报名|领|报|办)|来得及|能不能补(申请|报|办|领)|补(申请|报|办)|逾期"
)
# A question asking how many, which or how is no yes or no: "能分几次领？".
ASKS_WHAT = re.compile(r"几|多少|哪|什么|啥|怎么|咋|如何")
_TOLD_YEAR = re.compile(r"(20\d{2})年(?!\d{1,2}月\d{1,2}日)")


def _date(y: str, m: str, d: str | None, end: str | None) -> dt.date | None:
    try:
        year, month = int(y), int(m)
        day = calendar.monthrange(year, month)[1] if end else int(d or 0)
        return dt.date(year, month, day)
    except ValueError:
        return None


def deadlines(sentence: str) -> list[dt.date]:
    """The last days to apply a sentence states, in order; none unless it speaks of applying."""
    if not _APPLYING.search(sentence):
        return []
    found: list[dt.date] = []
    for match in _WINDOW.finditer(sentence):
        day = _date(match.group("y2") or match.group("y"), match.group("m2"), match.group("d2"), None)
        if day is not None:
            found.append(day)
    rest = _WINDOW.sub("", sentence)
    for pattern in _BY:
        for match in pattern.finditer(rest):
            day = _date(match.group("y"), match.group("m"), match.group("d"), match.group("end"))
            if day is not None:
                found.append(day)
    return found


def _months_after(day: dt.date, months: int) -> dt.date:
    """The first of a month, `months` after the first of `day`'s month."""
    total = day.month - 1 + months
    return dt.date(day.year + total // 12, total % 12 + 1, 1)


def window_for_year(sentence: str, year: int, today: dt.date) -> str | None:
    """For a window counted from the certificate ("证书核发之日起12个月内提出申请") and a
    certificate of `year`: "可以。" when even one of 1 January is open today, "不能。" when
    even one of 31 December has closed, "" when it depends on the day; None with no such window."""
    match = RELATIVE.search(sentence)
    if match is None or not _APPLYING.search(sentence):
        return None
    try:
        n = cn_number(match.group(1))
    except ValueError:
        return None
    months = {"月": n, "年": 12 * n}.get(match.group(2))
    if months is None:
        return None  # days: too short to tell from a year
    earliest = _months_after(dt.date(year, 1, 1), months)  # a certificate of 1 January
    latest = _months_after(dt.date(year + 1, 1, 1), months) - dt.timedelta(days=1)  # of 31 December
    if earliest >= today:
        return "可以。"
    return "不能。" if latest < today else ""


def asks_if_too_late(question: str) -> bool:
    """The question asks whether one can still apply."""
    return _STILL.search(question) is not None and ASKS_WHAT.search(question) is None


def told_year(question: str) -> str | None:
    """A year the asker gives of their own ("2025年拿的证", "我2025年10月考了…"), not a day."""
    found = _TOLD_YEAR.findall(question)
    return found[0] if found else None


def for_the_year(sentences: list[str], year: str | None) -> list[str]:
    """The deadline sentences for the asker's year, naming it beside its deadline ("2025年度
    取得证书的人员，应于…"); with no year told, all of them. A year no sentence names has no
    dated window here: its window may run from the certificate."""
    dated = [s for s in sentences if deadlines(s)]
    if year is None:
        return dated
    return [s for s in dated if re.search(rf"{year}年(度)?(?!\d{{1,2}}月)", s)]
