"""How long the asker has worked or paid in, and the ranges of time a rule's lines are for.

People state their time: "交了三年社保", "在厂里干了十六年", "工作了8个月". Rules give a
figure per range of it: "缴费时间一至四年的，每满一年，领取期限为一个月；四年以上的…",
"累计缴费满一年不足五年的…；满五年不足十年的…", "不满六个月的…". The line for the asker
is the one whose range holds their time; a line for another range is not their answer.
Everything is counted in months.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.question.schemes import PAID_IN
from assistant.text.chinese import cn_number

_N = r"\d+|[一二两三四五六七八九十百]+"
# Time worked: "干了十六年", "工作了8个月", "上了3年班", "工龄10年", "入职两年".
# Time appointed or working away too: "聘了4年", "聘任不到一年", "跨省务工2个月" ("不到一年"
# is just under a year).
_WORKED = re.compile(
    rf"(工作|干|做|上班|上了|工龄|入职|待|聘任|聘|任职|务工|就业|打工)(了|满|有|快|(?P<short>不到|不满|不足|未满))?"
    rf"[^，。？?\d一二两三四五六七八九十半]{{0,4}}"
    rf"(?P<n>{_N}|半)(个)?(多)?(?P<unit>月|年)"
)
_UNIT = r"(?:个)?(?P<u{}>年|月)"
# A range with both ends: "一至四年", "满一年不足五年", "1年以上不满10年", "5年以上10年以下".
_BETWEEN = re.compile(
    rf"满?(?P<a>{_N}){_UNIT.format('a')}?(?:以上|（含）)?"
    rf"(?P<op>至|到|-|—|～|不满|不足|未满)(?P<b>{_N}){_UNIT.format('b')}(?P<incl>以下|（含）)?"
)
_BELOW = re.compile(rf"(不满|不足|未满)(?P<b>{_N}){_UNIT.format('b')}|(?P<b2>{_N}){_UNIT.format('b2')}以下")
_ABOVE = re.compile(
    rf"(?<![每不未])满?(?P<a>{_N}){_UNIT.format('a')}(以上|及以上|（含）以上)|(?<![每不未])满(?P<a2>{_N}){_UNIT.format('a2')}的"
)
_SEGMENT = re.compile(r"[；;。]")


def months(n: str, unit: str) -> int:
    if n == "半":  # "上班半年"
        return 6 if unit == "年" else 0
    return cn_number(n) * (12 if unit == "年" else 1)


def told_months(question: str) -> int | None:
    """How long the asker says they have worked or paid in, in months; None if they do not."""
    for pattern in (PAID_IN, _WORKED):
        told = pattern.search(question)
        if told is not None:
            try:
                counted = months(told.group("n"), told.group("unit"))
            except ValueError:
                return None
            # "两年半", "三年半": half a year more.
            half = told.group("unit") == "年" and question[told.end() : told.end() + 1] == "半"
            short = "short" in told.groupdict() and told.group("short")
            return counted + 6 if half else counted - 1 if short else counted
    return None


@dataclass(frozen=True)
class Span:
    """A range of months a rule's line is for: low ≤ t < high (≤ high when inclusive)."""

    low: float
    high: float
    inclusive: bool = False

    def holds(self, t: int) -> bool:
        return self.low <= t and (t <= self.high if self.inclusive else t < self.high)


def spans(text: str) -> list[Span]:
    """The ranges of time a text sets, in order: both ends first, then what is left bounded
    below ("不满六个月的", "5年以下") or above ("满十年以上的")."""
    found: list[Span] = []
    rest = text
    for match in _BETWEEN.finditer(text):
        low = _months_of(match, "a", default_unit=match.group("ub"))
        high = _months_of(match, "b")
        if low is None or high is None:
            continue
        inclusive = match.group("op") in ("至", "到", "-", "—", "～") or bool(match.group("incl"))
        found.append(Span(low, high, inclusive))
        rest = rest.replace(match.group(0), "，")
    for match in _BELOW.finditer(rest):
        below = "b" if match.group("b") else "b2"
        if (high := _months_of(match, below)) is not None:
            # "不满六个月" leaves six out; "六个月以下" keeps it.
            found.append(Span(0, high, inclusive=below == "b2"))
    for match in _ABOVE.finditer(rest):
        if (low := _months_of(match, "a" if match.group("a") else "a2")) is not None:
            found.append(Span(low, math.inf))
    return found


def _months_of(match: re.Match[str], name: str, default_unit: str | None = None) -> int | None:
    """The months of a matched count and its unit (group "u" + name), None if unreadable."""
    try:
        return months(match.group(name), match.group("u" + name) or default_unit or "")
    except ValueError:
        return None


def for_the_askers_time(sentence: str, told: int, clause: str = "") -> bool | None:
    """Whether a part of the sentence (cut at ；and 。) sets a range holding the asker's time;
    None when its clause (the sentence itself if not given) is no table of ranges. A table
    bounds some range above ("满一年不足五年的", "不满六个月的"); a floor alone ("参加失业保险
    满三个月的") is a condition, and a condition met is not the figure asked."""
    if not any(math.isfinite(s.high) for part in _SEGMENT.split(clause or sentence) for s in spans(part)):
        return None
    found = [s for part in _SEGMENT.split(sentence) for s in spans(part)]
    unit = _counting_unit(clause or sentence)
    return any(s.holds(_judged_time(s, told, unit)) for s in found) if found else None


# "每满一年支付一个月工资的标准…。六个月以上不满一年的，按一年计算": a rule counting whole
# units sets its shorter ranges for what is left over, not for the whole time: two and a
# half years leave six months, which "六个月以上不满一年的" holds.
_PER_UNIT = re.compile(rf"每满(?P<n>{_N})(?P<unit>个?年|个?月)")


def _counting_unit(clause: str) -> int | None:
    """The months of the unit a rule counts time in ("每满一年" → 12), None if it counts none."""
    per = _PER_UNIT.search(clause)
    if per is None:
        return None
    try:
        return months(per.group("n"), per.group("unit")[-1])
    except ValueError:
        return None


def _judged_time(span: Span, told: int, unit: int | None) -> int:
    """The time a range is held against: what is left over after whole units when the range
    is shorter than the unit counted, else the whole time. Nothing left over (exactly two
    years) is held by no range of the leftover; -1 holds no range."""
    if unit is None or not math.isfinite(span.high) or span.high > unit:
        return told
    return told % unit or -1


# A month or year counted from the start, asked of: "工作第4年还有生活补贴吗", "第7个月还有吗".
_ORDINAL = re.compile(rf"第(?P<n>{_N})(个)?(?P<unit>年|月)")
# The longest a benefit is paid: "最长发放3年", "最长不超过6个月".
_LONGEST = re.compile(rf"(最长|最多|累计不超过)[^，。；\d]{{0,8}}?(?P<n>{_N})(个)?(?P<unit>年|月)")


def ordinal_start(question: str) -> int | None:
    """The months already past when the asked month or year begins ("第4年" → 36); None when
    the question counts none."""
    found = _ORDINAL.search(question)
    if found is None:
        return None
    try:
        return months(found.group("n"), found.group("unit")) - months("1", found.group("unit"))
    except ValueError:
        return None


def longest(sentence: str) -> int | None:
    """The most months a sentence says something is paid for, None if it sets no such term."""
    terms = []
    for found in _LONGEST.finditer(sentence):
        try:
            terms.append(months(found.group("n"), found.group("unit")))
        except ValueError:
            continue
    return min(terms) if terms else None


def floor_of(sentence: str) -> int | None:
    """The least time a condition asks ("跨省务工稳定就业3个月以上的"), when the sentence sets
    a floor and no range with an upper end (a table of ranges is read by its ranges)."""
    found = spans(sentence)
    if not found or any(math.isfinite(s.high) for s in found):
        return None
    return int(min(s.low for s in found))
