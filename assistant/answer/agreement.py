"""Does a sentence speak about what the question asks about?

Retrieval and scoring find sentences that share the question's words; a sentence that
lists several awards with their amounts shares them with every award it lists. Before a
sentence becomes the answer, the subject the question names (an award or title, a place,
a document) is checked against the subject the sentence's figure belongs to:

- an amount belongs to the award named nearest before it ("对获评A的给予5000元，对获评B的
  给予3000元": 5000元 is A's), or to the award of the same position when the sentence pairs
  them with 分别 ("A、B分别给予2万元、1万元");
- when the question's award owns no figure while another award does, the documents do not
  state the asked award's amount, and the other award's rule is only the nearest one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.features import FIGURE
from assistant.jurisdiction import find_places
from assistant.models import Jurisdiction

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


@dataclass(frozen=True)
class Owned:
    """A figure of a sentence and the award it belongs to (None: no award before it)."""

    figure: str
    start: int
    owner: Title | None
    paired: str = ""  # with 分别: the award's own statement, "A：给予10万元奖励"


def owners(text: str) -> list[Owned]:
    """Each figure of the sentence with the award it belongs to."""
    named = titles(text)
    figures = list(FIGURE.finditer(text))
    paired = text.find("分别")
    if paired >= 0:
        before = [t for t in named if t.end <= paired]
        after = [f for f in figures if f.start() > paired]
        if len(before) >= 2 and len(before) == len(after):
            # "A、B分别给予2万元、1万元": the n-th figure is the n-th award's.
            verb = text[paired + 2 : after[0].start()].strip("，, ")
            ends = [text.find(mark, after[-1].end()) for mark in "，,；;。"]
            tail = text[after[-1].end() : min([e for e in ends if e >= 0], default=len(text))]
            return [
                Owned(f.group(0), f.start(), t, paired=f"{t.name}：{verb}{f.group(0)}{tail}")
                for t, f in zip(before, after, strict=True)
            ]
    out = []
    for figure in figures:
        previous = [t for t in named if t.end <= figure.start()]
        out.append(Owned(figure.group(0), figure.start(), previous[-1] if previous else None))
    return out


@dataclass(frozen=True)
class Verdict:
    """How a sentence stands to the award asked about."""

    agrees: bool
    other: str = ""  # the award the sentence's figure belongs to, when it disagrees
    piece: str = ""  # the part of the sentence that states the asked award's figure


def award_agreement(asked: list[str], sentence: str, money: bool = True) -> Verdict | None:
    """Whether the sentence's figures (its amounts, for a money question) belong to an
    asked award. None when they belong to no named award (nothing to check)."""
    if not asked:
        return None
    owned = [o for o in owners(sentence) if o.owner is not None and (not money or "元" in o.figure)]
    if not owned:
        return None
    mine = [o for o in owned if any(same_title(a, o.owner.name) for a in asked)]  # type: ignore[union-attr]
    if not mine:
        return Verdict(False, other=owned[0].owner.name)  # type: ignore[union-attr]
    others = [o for o in owned if o not in mine]
    if not others:
        return Verdict(True)
    return Verdict(True, piece=_piece_of(sentence, mine[0]))


def _piece_of(sentence: str, owned: Owned) -> str:
    """From the asked award's name to the end of the comma-clause holding its figure."""
    assert owned.owner is not None
    if owned.paired:
        return owned.paired
    start = owned.owner.start
    # Back to the start of the comma-clause that names the award ("对获评A的，给予…").
    cut = max(sentence.rfind(mark, 0, start) for mark in "，,；;：:")
    start = cut + 1 if cut >= 0 else 0
    ends = [sentence.find(mark, owned.start) for mark in "，,；;。"]
    end = min([e for e in ends if e >= 0], default=len(sentence))
    piece = sentence[start:end].strip("、，,；; ")
    if piece.startswith(("、", "和", "及")):
        piece = piece[1:]
    return piece


def asked_titles(question: str) -> list[str]:
    """The awards or titles a question names. A place in front is dropped: where the asker
    is ("宁夏技术能手") is held by the place checks, and a document calls its own region's
    award by its level (自治区技术能手)."""
    names = []
    for title in titles(question):
        places = find_places(title.name)
        name = title.name[places[0].end :] if places and places[0].start == 0 else title.name
        if len(name) >= 2:
            names.append(name)
    return names


def foreign_province(asked: list[Jurisdiction], doc: Jurisdiction | None) -> Jurisdiction | None:
    """The asked place a document's rule does not reach: a province's (or its city's) rule
    does not apply in another province; a national rule applies everywhere."""
    asked = [p for p in asked if p.level != "national"]
    if doc is None or doc.level == "national" or any(p.province == doc.province for p in asked):
        return None  # a comparison of two places cites each one's own rule
    return asked[0] if asked else None
