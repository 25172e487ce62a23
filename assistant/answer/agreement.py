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

from dataclasses import dataclass

from assistant.answer.features import FIGURE
from assistant.models import Jurisdiction
from assistant.question.titles import Title, same_title, titles


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


def foreign_province(asked: list[Jurisdiction], doc: Jurisdiction | None) -> Jurisdiction | None:
    """The asked place a document's rule does not reach: a province's (or its city's) rule
    does not apply in another province; a national rule applies everywhere."""
    asked = [p for p in asked if p.level != "national"]
    if doc is None or doc.level == "national" or any(p.province == doc.province for p in asked):
        return None  # a comparison of two places cites each one's own rule
    return asked[0] if asked else None
