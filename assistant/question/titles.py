"""Awards and honour titles named in a question or a sentence: "自治区技术能手", "江苏工匠",
"塞上技能大师". One home for reading them: the answer step checks a figure belongs to the
award asked (answer/agreement.py), and question understanding knows a question about an
award's holders is not about the asker's own skill level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.jurisdiction import find_places
from assistant.text.chinese import cn_number

# What ends the name of an award or honour title in policy text. 奖 is not 奖励/奖金/奖补;
# a master's studio or a craftsman's spirit is not an award.
_TITLE_END = (
    r"(?:奖章|奖杯|奖(?![励金补品项学章杯])|荣誉称号|称号|金牌技师|技术能手"
    r"|技能大师|能工巧匠|工匠|名匠|标兵|模范|劳模|状元|首席技师)"
)
_NOT_TITLE_AFTER = re.compile(r"^(工作室|工作站|精神|学院|基地|团队|队伍|培养|培育|库|评价|队)")
_TITLE = re.compile(rf"[\u4e00-\u9fff“”]{{0,10}}?{_TITLE_END}")
# Words before a name that are the sentence's verbs and framing, not part of the name.
_LEAD = re.compile(
    r"^(.*(对|给予|获得|获评|荣获|授予|评为|评选|选树|开展|定期|将|被|的|凡|和|及|与|或|为|同时|新|首批|每年|"
    r"当上|当选|成为|评上|拿到|获|是|"
    r"培育|培养|选拔|认定|评出|一次|几名|几位|几个|多少名|多少位|多少个|多少))"
)
_TAIL = re.compile(r"(荣誉称号|称号)$")
_DELIMITERS = re.compile(r"[，,；;。：:、（）()《》\s]")


@dataclass(frozen=True)
class Title:
    """An award or title named in a text, with where it is."""

    name: str
    start: int
    end: int


def titles(text: str) -> list[Title]:
    """The awards and honour titles a text names, in order."""
    found: list[Title] = []
    for piece in _pieces(text):
        offset, chunk = piece
        for match in _TITLE.finditer(chunk):
            if _NOT_TITLE_AFTER.match(chunk[match.end() :]):
                continue
            raw = match.group(0)
            lead = _LEAD.match(raw)
            skip = len(lead.group(0)) if lead and lead.end() < len(raw) - 1 else 0
            name = _TAIL.sub("", raw[skip:].replace("“", "").replace("”", ""))
            if len(name) < 2 or (name.endswith("奖") and len(name) < 4):
                continue  # "能奖多少" is a verb; a named prize has a name before 奖
            found.append(Title(name, offset + match.start() + skip, offset + match.end()))
    return found


def _pieces(text: str) -> list[tuple[int, str]]:
    """The text cut at punctuation, with each piece's offset: a name never crosses a comma."""
    out, start = [], 0
    for match in _DELIMITERS.finditer(text):
        if match.start() > start:
            out.append((start, text[start : match.start()]))
        start = match.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def same_title(asked: str, named: str) -> bool:
    """One name is the other with a qualifier in front: 技术能手 is 自治区技术能手, but
    全国技术能手 is not 自治区技术能手, nor 江苏大工匠 江苏工匠."""
    return asked.endswith(named) or named.endswith(asked)


_FOLLOW_UP = re.compile(r"^那么?")


def asked_titles(question: str) -> list[str]:
    """The awards or titles a question names. A place in front is dropped: where the asker
    is ("宁夏技术能手") is held by the place checks, and a document calls its own region's
    award by its level (自治区技术能手)."""
    names = []
    for title in titles(question):
        places = find_places(title.name)
        name = title.name[places[0].end :] if places and places[0].start == 0 else title.name
        if title.start == 0 and (lead := _FOLLOW_UP.match(name)):
            # "那湖北省技能大师呢？": a follow-up's 那 is not part of the name.
            return asked_titles(question[lead.end() :])
        if len(name) >= 2:
            names.append(name)
    return names


# A placing in a contest: "第四名", "二等奖", "前三名" (every placing up to it).
_PLACING = re.compile(r"(?P<top>前)?第?(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})(?P<kind>名|等奖)")


def placings(text: str) -> dict[str, set[int]]:
    """The placings a text names, by their kind (名, 等奖): "第一名的选手给予奖励5000元，第二名
    3000元" → {"名": {1, 2}}; "前三名" → {"名": {1, 2, 3}}. A count ("评选10名") is no placing:
    a placing by 名 has 第 or 前 before it."""
    found: dict[str, set[int]] = {}
    for match in _PLACING.finditer(text):
        kind = match.group("kind")
        if kind == "名" and not (match.group("top") or match.group(0).startswith("第")):
            continue
        try:
            n = cn_number(match.group("n"))
        except ValueError:
            continue
        found.setdefault(kind, set()).update(range(1, n + 1) if match.group("top") else {n})
    return found
