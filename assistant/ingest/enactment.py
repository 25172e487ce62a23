"""Read how a law or regulation was made from the dated lines under its title.

Laws, regulations, rules and judicial interpretations are published with their history
under the title, one dated event a line (or all in one bracket, as the official gazettes
print them):

    2002年7月25日 广东省第九届人民代表大会常务委员会第三十五次会议通过
    2007年12月14日 中华人民共和国国务院令第514号公布
    2016年4月11日 嘉兴市第七届人民代表大会常务委员会公告第1号公布
    2013年12月7日 《国务院关于修改部分行政法规的决定》修订
    2021年11月1日 施行

Each line says who acted (a congress or its standing committee at a numbered meeting, a
court's 审判委员会, 国务院常务会议, a decree 令第N号, an announcement 公告第N号, a body that
发布) and what it did (通过, 批准, 公布/发布, 修正/修订, 施行). From them come the issuer, the
decree or announcement number, the adoption, amendment and effective dates.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, Field

from assistant.ingest.header import DATE_TEXT, parse_date

_ACTS = ("通过", "批准", "公布", "发布", "修正", "修订", "施行", "会议")
# A new event starts at a date that follows the end of the last one (lines merged in
# cleaning, or a bracketed history on one line); a date inside an event (…批准的2004年5月11日
# …会议《决定》修正) is part of it.
_EVENT_SPLIT = re.compile(
    rf"(?:(?<=通过|批准|公布|发布|修正|修订|施行|会议)|(?<=[\s、，；）)]))\s*(?={DATE_TEXT})"
)
_EVENT = re.compile(rf"^[（(]?\s*(?P<date>{DATE_TEXT})\s*(?P<what>.*?)[\s）)，。；、]*(?:根据)?[\s）)]*$")
_SESSION = re.compile(r"第[一二三四五六七八九十百零〇\d]+届")
# 第三十五次会议, 第186次常务会议, 第6次部务会议, 第1592次全体会议.
_MEETING = re.compile(r"第[一二三四五六七八九十百零〇\d]+次[\u4e00-\u9fff]{0,3}?会议")
_DECREE = re.compile(
    r"([\u4e00-\u9fff、]{2,40}?(?:令|公告))(?:[（(]?第\s*[\d一二三四五六七八九十百零〇]+\s*号[)）]?)"
)
_PROMULGATED = re.compile(r"^(?:经)?([\u4e00-\u9fff、]{2,40}?)(?:公告)?(?:公布|发布|印发)$")
_STATE = "中华人民共和国"
# The organ of a body that adopts a text in its name: 最高人民法院审判委员会 → 最高人民法院.
_ORGANS = ("审判委员会", "检察委员会", "常务会议", "全体会议", "部务会议", "局务会议", "委务会议", "会议")
_NOT_ISSUER = re.compile(r"[《》〈〉<>“”]|决定|的$")
_ON_PROMULGATION = re.compile(r"^[（(]?[自从]?(公布|发布)之日(?:起)?(施行|生效)[)）]?$")
# 国家统计局令第1号发布自发布之日施行: two events on one line, the second undated.
_ON_PROMULGATION_TAIL = re.compile(r"(?<=公布|发布)\s*(?=[自从]?(?:公布|发布)之日(?:起)?(?:施行|生效))")


class Event(BaseModel):
    """One dated line of a text's history."""

    date: dt.date
    act: str = Field(description="通过, 批准, 公布 (also 发布), 修正 (also 修订), 施行")
    bodies: list[str] = Field(default_factory=list, description="Who acted, without 第N届")
    number: str | None = Field(None, description="令第N号 or 公告第N号, as written")


class Enactment(BaseModel):
    """What a law's history lines say; empty when the text has none."""

    events: list[Event] = Field(default_factory=list)
    lines: set[int] = Field(default_factory=set, description="Head lines read as history")
    effective_on_promulgation: bool = Field(False, description="A line 公布之日施行")

    @property
    def issuers(self) -> list[str]:
        """The body that published the text, else the one that first adopted it."""
        for event in reversed(self.events):
            if event.act == "公布" and event.bodies:
                return event.bodies
        for event in self.events:
            if event.act == "通过" and event.bodies:
                return event.bodies
        return []

    @property
    def number(self) -> str | None:
        """The latest decree or announcement number: a later decree revising a text replaces it."""
        numbers = [e.number for e in self.events if e.number]
        return numbers[-1] if numbers else None

    @property
    def date(self) -> dt.date | None:
        """The date of this version: the latest event other than taking effect."""
        dates = [e.date for e in self.events if e.act != "施行"]
        return max(dates) if dates else None

    @property
    def adopted_on(self) -> dt.date | None:
        return next((e.date for e in self.events if e.act == "通过"), None)

    @property
    def amended_on(self) -> list[dt.date]:
        return [e.date for e in self.events if e.act == "修正"]

    @property
    def promulgated_on(self) -> dt.date | None:
        """When the text was first published (what 自公布之日起施行 refers to)."""
        return next((e.date for e in self.events if e.act == "公布"), None)

    @property
    def effective_from(self) -> dt.date | None:
        """The latest 施行 line, or the publication day when a line says 公布之日施行."""
        dates = [e.date for e in self.events if e.act == "施行"]
        if dates:
            return max(dates)
        return self.promulgated_on if self.effective_on_promulgation else None


def read_history(head: list[tuple[int, str]]) -> Enactment:
    """The history lines among the head lines (index, text) of a document."""
    found = Enactment()
    for index, text in head:
        if _ON_PROMULGATION.match(text.strip()):
            found.effective_on_promulgation = True
            found.lines.add(index)
            continue
        text, *tail = _ON_PROMULGATION_TAIL.split(text.strip(), maxsplit=1)
        if tail and _ON_PROMULGATION.match(tail[0]):
            found.effective_on_promulgation = True
        events = [event for piece in _EVENT_SPLIT.split(text) if (event := read_event(piece))]
        if events:
            found.events.extend(events)
            found.lines.add(index)
    return found


def read_event(text: str) -> Event | None:
    """One dated event (`2007年12月14日 中华人民共和国国务院令第514号公布`), or None for a
    line that is not one (a dated sentence of the body)."""
    match = _EVENT.match(text.strip())
    if not match:
        return None
    date = parse_date(match.group("date"))
    what = re.sub(r"\s+", "", match.group("what"))
    act = _act(what)
    if date is None or act is None or len(what) > 160 or "。" in what:
        return None
    if act == "施行":
        return Event(date=date, act=act) if what == "施行" or what.endswith("起施行") else None
    number = None
    bodies: list[str] = []
    decree = _DECREE.search(what)
    if decree and act in ("公布", "修正"):
        number = decree.group(0).rstrip("）)").removeprefix("经")
        bodies = _bodies(re.sub(r"(令|公告)$", "", decree.group(1)))
    elif act in ("通过", "批准") and (meeting := _MEETING.search(what)):
        bodies = _bodies(_first_body(what[: meeting.start()]))
    elif act == "公布" and (published := _PROMULGATED.match(what)):
        bodies = _bodies(published.group(1))
    return Event(date=date, act=act, bodies=bodies, number=number)


def _act(what: str) -> str | None:
    """What the line records, by its last word: a 修正 line may cite the 通过 of the decision."""
    if what.endswith(("修正", "修订")) or re.search(r"第[一二三四五六七八九十]+次(修正|修订)$", what):
        return "修正"
    for act in _ACTS:
        if what.endswith(act):
            return {"发布": "公布", "会议": "通过"}.get(act, act)
    if what.endswith("起施行"):
        return "施行"
    return None


def _first_body(text: str) -> str:
    """The body of a joint adoption line's first meeting (…审判委员会第1592次会议、…)."""
    return text.split("、")[0]


def _bodies(text: str) -> list[str]:
    """`中华人民共和国国务院、中华人民共和国中央军事委员会` → [国务院, 中央军事委员会]."""
    out: list[str] = []
    for part in re.split(r"[、]", text):
        name = _SESSION.sub("", part.strip().removeprefix("经"))
        name = name.removeprefix(_STATE) if len(name) > len(_STATE) + 1 else name
        for organ in _ORGANS:
            if name.endswith(organ) and name != organ and not name.endswith("常务委员会"):
                name = name.removesuffix(organ)
                break
        if len(name) >= 2 and not _NOT_ISSUER.search(name) and name not in out:
            out.append(name)
    return out
