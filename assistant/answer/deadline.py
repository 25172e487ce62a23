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
# When the asker got their certificate: "2026年3月拿的证", "今年5月考的", "去年10月份".
_TOLD_WHEN = re.compile(
    r"(?:(?P<y>20\d{2})年|(?P<rel>今年|去年|前年))(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})月份?(?!\d{1,2}日))?"
)
# What follows the date a certificate was got: "…拿的证", "…在襄阳考的", "…取得技师证书".
_GOT = re.compile(r"[^，。？?]{0,8}?(拿|考|取得|获得|领到|领了|评上|晋升|发的证|发证|办的证)")
# The asker asks about now: "现在能申请吗", "目前还在受理吗", "今年还能申报吗".
ASKS_NOW = re.compile(r"现在|目前|如今|眼下|当前|今年|这会儿")
# Whether applications are being taken: "还在受理吗", "现在收不收申请".
TAKING = re.compile(r"(还在|正在|在)(受理|接受申请|接收|收)|收不收|受不受理")


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


def windows(sentence: str) -> list[tuple[dt.date, dt.date]]:
    """The windows to apply a sentence dates, first and last day ("2026年12月1日至12月25日")."""
    return [span for _, span in labelled_windows(sentence)]


def labelled_windows(sentence: str, year: int | None = None) -> list[tuple[str, tuple[dt.date, dt.date]]]:
    """The windows a sentence dates, each with the words just before it that say which one
    it is ("上半年申报时间为", "下半年集中受理时间为"); with `year`, also the windows it sets
    every year without one ("每年集中申报两次，申报时间为3月1日至3月31日和9月1日至9月30日"),
    dated in that year."""
    if not _APPLYING.search(sentence):
        return []
    found = []
    for match in _WINDOW.finditer(sentence):
        start = _date(match.group("y"), match.group("m"), match.group("d"), match.group("end"))
        end = _date(match.group("y2") or match.group("y"), match.group("m2"), match.group("d2"), None)
        if start is not None and end is not None:
            label = re.split(r"[，,；;。]", sentence[: match.start()])[-1]
            found.append((label, (start, end)))
    for match in _YEARLY.finditer(sentence) if year is not None and not found else []:
        start = _date(str(year), match.group("m"), match.group("d"), None)
        end = _date(str(year), match.group("m2"), match.group("d2"), None)
        if start is not None and end is not None and start <= end:
            found.append((re.split(r"[，,；;。]", sentence[: match.start()])[-1], (start, end)))
    return found


# A window with no year ("3月1日至3月31日"): one that comes back every year.
_YEARLY = re.compile(
    r"(?<![年\d])(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:起)?(?:至|到|—|－|-|~)(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
)


# Which of a year's windows a question asks about: "上半年的还能报吗", "第二季度的呢".
PART_OF_YEAR = re.compile(r"(上|下)半年|第[一二三四]季度|[春秋]季")


def told_when(question: str, today: dt.date) -> tuple[int, int | None] | None:
    """The year, and month when said, the asker got their certificate: "今年5月" → (this
    year, 5); None when they say no year."""
    match = next((m for m in _TOLD_WHEN.finditer(question) if _GOT.match(question, m.end())), None)
    if match is None:
        return None
    year = (
        int(match.group("y"))
        if match.group("y")
        else today.year - ("今年", "去年", "前年").index(match.group("rel"))
    )
    try:
        month = cn_number(match.group("m")) if match.group("m") else None
    except ValueError:
        month = None
    return year, month if month is not None and 1 <= month <= 12 else None


def from_certificate(
    sentence: str, year: int, month: int | None, today: dt.date
) -> tuple[str, dt.date | None] | None:
    """For a window counted from the certificate ("证书核发之日起6个月内提出申请") and a
    certificate of that year (and month): "可以。" when even the earliest such certificate is
    in time today, "不能。" when even the latest is out, "" when it depends on the day; with the
    day the window closes when the month is told. None with no such window."""
    match = RELATIVE.search(sentence)
    if match is None or not _APPLYING.search(sentence):
        return None
    try:
        n = cn_number(match.group(1))
    except ValueError:
        return None
    months = {"月": n, "年": 12 * n}.get(match.group(2))
    if months is None:
        return None  # days: too short to tell from a year or a month
    first = dt.date(year, month or 1, 1)
    after = dt.date(year + (month or 12) // 12, (month or 12) % 12 + 1, 1)  # the month (or year) after
    earliest = _months_after(first, months)  # closes for a certificate of the first day
    latest = _months_after(after, months) - dt.timedelta(days=1)  # for one of the last day
    closes = latest if month else None
    if earliest >= today:
        return "可以。", closes
    return ("不能。" if latest < today else ""), closes


def _months_after(day: dt.date, months: int) -> dt.date:
    """The first of a month, `months` after the first of `day`'s month."""
    total = day.month - 1 + months
    return dt.date(day.year + total // 12, total % 12 + 1, 1)


def asks_if_too_late(question: str) -> bool:
    """The question asks whether one can still apply."""
    return _STILL.search(question) is not None and ASKS_WHAT.search(question) is None


def for_the_year(sentences: list[str], year: str | None) -> list[str]:
    """The deadline sentences for the asker's year, naming it beside its deadline ("2025年度
    取得证书的人员，应于…"); with no year told, all of them. A year no sentence names has no
    dated window here: its window may run from the certificate."""
    dated = [s for s in sentences if deadlines(s)]
    if year is None:
        return dated
    # "2025年度取得证书的人员": the year of the certificate, not of the window ("2026年上半年
    # 集中受理时间为…", a window for everyone).
    return [
        s
        for s in dated
        if re.search(rf"{year}年(度)?(?!\d{{1,2}}月)[^，。；]{{0,8}}(取得|获得|核发|考取|领取)", s)
    ]
