"""Split a question into the parts it asks, so each is answered with its own evidence.

- Several questions in one message ("每年输送多少毕业生？三年培育多少个品牌专业？") are
  parts, each carrying the places and documents the message names.
- "组长和副组长分别是谁" asks the same thing of two subjects: one part each.
- A comparison ("广东和浙江的首席技师津贴一样吗") has one part per side compared: a place,
  a year, a worker group or a document.
- "我是…，能享受什么" is an eligibility question: one part, answered from every document
  that covers the asker.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from assistant.jurisdiction import short_name, without_places
from assistant.models import Jurisdiction, QueryInfo
from assistant.question.answer_type import (
    GOES_ON,
    AnswerKind,
    Aspect,
    answer_kind,
    asks_aspect,
    asks_benefits,
    asks_comparison,
    asks_judgement,
    asks_metadata,
    asks_obligation,
    asks_validity,
    aspect_asked,
    bare_aspect,
    speaks_of_self,
)
from assistant.question.resolve_followup import subject_of
from assistant.question.understand import group_words, levels_in
from assistant.text.question_words import alternation

Mode = Literal["single", "multi_part", "comparison", "eligibility"]
MAX_PARTS = 4
_PIECE = re.compile(r"[^？?；;。!！\n]+[？?；;。!！]?")
# A piece asks something of its own when it has an interrogative word or a question mark.
_ASKS = alternation("asks", "[？?]")
# "A和B分别/各是…": the subjects just before 分别 share the predicate after it; the subjects
# start after the last 的 or comma ("专班的组长和副组长分别是谁").
_EACH = re.compile(
    r"^(?P<pre>(?:.*[的，,：:])?)(?P<items>[^的，,：:。？?；;]{2,20})(?P<post>分别|各自)(?P<rest>.*)$"
)
_JOINERS = re.compile(r"[和与及、跟]|以及")
_DANGLING = re.compile(r"^(和|与|跟|及|、)|(和|与|跟|及|、)(?=[的，,？?]|$)")


class Side(BaseModel):
    """One side of a comparison."""

    kind: Literal["place", "year", "group", "document", "level"]
    label: str
    place: Jurisdiction | None = None
    year: int | None = None
    group: str | None = None
    doc_id: str | None = None


class Part(BaseModel):
    text: str = Field(description="The part as a standalone question: what is embedded and matched")
    own: str = Field(description="The words this part itself asks, weighted above carried context")
    kind: AnswerKind
    side: Side | None = None
    # The aspect the part asks and nothing else ("…，怎么申请？", "要带什么材料？"): answered by
    # the sentences stating it, or said not to be stated.
    aspect: Aspect | None = None
    # The places this part names when the message names several ("莆田…多少？柳州…多少？"):
    # it is answered from their documents only.
    places: list[Jurisdiction] = Field(default_factory=list)


class Plan(BaseModel):
    mode: Mode
    parts: list[Part]


def plan_question(text: str, query: QueryInfo, own: str = "", has_profile: bool = False) -> Plan:
    """How to answer `text` (a standalone question): its mode and parts.

    `own` is what the user typed this turn when `text` was resolved from a follow-up; the
    parts' own words come from it, so a follow-up's new aspect outweighs carried context.
    """
    own = own or text
    sides = comparison_sides(text, query)
    if len(sides) >= 2 and (asks_comparison(text) or _names_all_sides(own, sides)):
        return Plan(mode="comparison", parts=[_side_part(text, own, side, sides) for side in sides])
    kind = answer_kind(own)
    if kind.main == "general" and own != text and _elliptical(own):
        # "江苏呢？" after "宁夏…给多少钱？" asks nothing of its own: the carried question's kind.
        # "首席技师待遇怎么定？" does ask something of its own, however general.
        kind = answer_kind(text)
    # A group named as a topic ("企业能不能给职工…") is not the asker describing themselves.
    about_self = speaks_of_self(own) or has_profile or query.asker_region is not None
    # "株洲对高技能人才有什么补贴？": what a worker in one place can get, asked for them.
    asked = text if own != text and _elliptical(own) else own  # "株洲呢？" asks what it carries
    which = len(query.places) == 1 and _asks_only_which_benefits(asked)
    about_self = about_self or which
    parts = _split_parts(text, query)
    # "我2025年2月考了高级工证，现在申请补贴还来得及吗？" asks a deadline, not what they can get.
    asks_its_aspect = not parts and aspect_asked(own) is not None
    if (
        about_self
        and not asks_its_aspect
        and all(
            _asks_benefit(p.own) for p in parts or [Part(text=text, own=asked if which else own, kind=kind)]
        )
    ):
        # "…刚退伍回来，能学门手艺吗？有补助吗？": every part asks what this person can get.
        return Plan(mode="eligibility", parts=[Part(text=text, own=own, kind=kind)])
    if len(parts) >= 2:
        return Plan(mode="multi_part", parts=parts[:MAX_PARTS])
    return Plan(mode="single", parts=[Part(text=text, own=own, kind=kind)])


_WHICH_BENEFITS = re.compile(r"(有什么|有啥|有哪些|哪些)(补贴|补助|津贴|奖励|待遇|优惠)")
# What such a question says besides its place, group and level: nothing else it asks about.
_WHICH_WORDS = re.compile(
    r"[对的在给？?。，,\s]|技能人才|有什么|有啥|有哪些|哪些|补贴|补助|津贴|奖励|待遇|优惠|政策"
)


def _asks_only_which_benefits(text: str) -> bool:
    """ "株洲对高技能人才有什么补贴？", "洛阳有什么补贴": which benefits a place gives (its
    group or level), and nothing more particular ("在宿迁参加职业技能培训，政府有哪些补贴政策"
    asks about training)."""
    if _WHICH_BENEFITS.search(text) is None:
        return False
    rest = without_places(text)
    for word in sorted([*group_words(rest), *levels_in(rest)], key=len, reverse=True):
        rest = rest.replace(word, "")
    return not _WHICH_WORDS.sub("", rest)


def _elliptical(own: str) -> bool:
    """A follow-up that only names what changes ("江苏呢？", "那高级技师的呢"), asking nothing."""
    core = own.strip().rstrip("？?。！! ")
    return core.endswith("呢") or len(core) <= 6


def _asks_benefit(text: str) -> bool:
    """What this person can get; not whether what was done to them is allowed ("…这样行吗")
    or whether they must pay or do something ("公司要我赔培训费，要赔这么多吗")."""
    kind = answer_kind(text)
    if asks_judgement(text) or asks_obligation(text):
        return False
    return asks_benefits(text) and not kind.wants_figure and kind.main not in _FACT_TYPES


_FACT_TYPES = frozenset({"person", "organisation", "contact", "date", "period", "document"})


def comparison_sides(text: str, query: QueryInfo) -> list[Side]:
    """The places, years, groups or documents a question sets side by side (2 or more)."""
    if len(query.places) >= 2:
        return [Side(kind="place", label=short_name(p), place=p) for p in query.places[:MAX_PARTS]]
    if len(query.years) >= 2:
        return [Side(kind="year", label=f"{y}年", year=y) for y in query.years[:MAX_PARTS]]
    if len(query.doc_ids) >= 2:
        return [Side(kind="document", label=d, doc_id=d) for d in query.doc_ids[:MAX_PARTS]]
    if len(query.groups) >= 2 and asks_comparison(text):
        return [Side(kind="group", label=g, group=g) for g in query.groups[:MAX_PARTS]]
    levels = levels_in(text)
    if len(levels) >= 2 and asks_comparison(text):
        # "初级工和技师补贴差多少": one part per skill level.
        return [Side(kind="level", label=level) for level in levels[:MAX_PARTS]]
    return []


def _names_all_sides(text: str, sides: list[Side]) -> bool:
    """ "北京和上海的创业补贴各给多少" compares without a comparison word: both sides are
    named in what the user typed, joined by 和/与/跟."""
    labels = [s.label for s in sides]
    return all(label in text for label in labels) and bool(_JOINERS.search(text)) and len(sides) >= 2


def _side_part(text: str, own: str, side: Side, sides: list[Side]) -> Part:
    """The question about one side only: the other sides' names taken out."""
    standalone = text
    if side.kind == "place":
        for other in sides:
            if other is side or other.place is None:
                continue
            for name in {other.place.province, other.place.city or "", other.label} - {""}:
                standalone = standalone.replace(name, "")
        standalone = _DANGLING.sub("", standalone)
        if side.label not in standalone:
            standalone = f"{side.label} {standalone}"
    else:
        for other in sides:
            if other is not side:
                standalone = standalone.replace(other.label, "")
        standalone = f"{side.label} {_DANGLING.sub('', standalone)}"
    kind = answer_kind(standalone)
    if kind.main == "yesno":  # "一样吗" of one side asks what that side says
        kind = AnswerKind(types=[t for t in kind.types if t != "yesno"] or ["general"])
    return Part(text=standalone, own=standalone, kind=kind, side=side)


def _split_parts(text: str, query: QueryInfo) -> list[Part]:
    pieces = [p.strip() for p in _PIECE.findall(text) if p.strip()]
    asking = [p for p in pieces if _ASKS.search(p)]
    same_aspect = len({asks_aspect(p) for p in asking}) == 1 and asks_aspect(asking[0]) is not None
    if len(asking) >= 2 and (
        all(asks_validity(p) for p in asking) or all(asks_metadata(p) for p in asking) or same_aspect
    ):
        # "现在还能用吗？有效期到哪年？" asks one thing twice: the document's period; "文号是多少？
        # 是哪个部门发的？" asks two fields of one header card, answered together; "钱打到哪里？
        # 多久能到账？" asks one aspect twice.
        return []
    if len(asking) >= 2:
        places, statement = _context(text, query), _statement(asking[0])
        parts = [_part(_with_context(p, places, statement), aspect_asked(p)) for p in asking]
        if len(query.places) >= 2:
            parts = [p.model_copy(update={"places": _named_in(p.own, query)}) for p in parts]
        return parts
    if len(asking) == 1:
        clauses = _asking_clauses(asking[0])
        if len(clauses) >= 2:
            return clauses
    each = _EACH.match(text)
    if each:
        items = [i.strip() for i in _JOINERS.split(each.group("items")) if i.strip()]
        if len(items) >= 2:
            pre, rest = each.group("pre"), each.group("rest").strip()
            return [_part(f"{pre}{item}{rest}") for item in items]
    return []


def _asking_clauses(piece: str) -> list[Part]:
    """ "高级工能领多少生活补助，怎么申请？": two questions in one sentence, split at its commas
    when each after the first asks only an aspect (how to apply, where, what to bring, when
    it is paid) or whether it goes on ("离职后还发吗"). The situation stated before them
    ("我在芜湖工作，") is every part's; a later part is matched with the first one's subject,
    since "怎么申请" names none of its own, and its own words are the situation and itself."""
    segments = [s.strip() for s in re.split(r"[，,]", piece) if s.strip()]
    situation = _statement(piece)
    asked = segments[len(situation) :]
    later = [s for s in asked[1:] if _ASKS.search(s)]
    if not later or not all(bare_aspect(without_places(s)) or GOES_ON.search(s) for s in later):
        # "谁当组长，办公室放在哪" and "哪个部门发的，文号是什么" ask facts one sentence or one
        # header may hold together: only an aspect asked alone is a question of its own.
        return []
    lead = "，".join(situation)
    parts: list[Part] = []
    for segment in asked:
        if parts and not _ASKS.search(segment):
            # A clause that asks nothing ("…怎么申请，我人在外地") belongs to the question before it.
            last = parts[-1]
            own = f"{last.own.rstrip('？?')}，{segment}"
            parts[-1] = last.model_copy(
                update={"text": f"{last.text.rstrip('？?')}，{segment}", "own": own, "kind": answer_kind(own)}
            )
            continue
        own = "，".join(filter(None, [lead, segment]))
        # A later part is matched with the first one's subject, not its question: "怎么申请"
        # after "能领多少生活补助" is about 生活补助, and its words are not "多少".
        about = subject_of("，".join(filter(None, [lead, asked[0]]))) if parts else lead
        parts.append(
            Part(
                text="，".join(filter(None, [about, segment])),
                own=own,
                kind=answer_kind(own),
                aspect=aspect_asked(segment),
            )
        )
    return parts


def _part(text: str, aspect: Aspect | None = None) -> Part:
    return Part(text=text, own=text, kind=answer_kind(text), aspect=aspect)


def _named_in(text: str, query: QueryInfo) -> list[Jurisdiction]:
    return [p for p in query.places if _name_in(text, p)]


def _name_in(text: str, place: Jurisdiction) -> str:
    """The name the text calls the place by, or ""."""
    for name in (short_name(place), place.city or "", place.province):
        if name and name in text:
            return name
    return ""


def _context(text: str, query: QueryInfo) -> list[str]:
    """Names every part of the message is about: its places (as written)."""
    return [name for name in (_name_in(text, p) for p in query.places) if name]


def _statement(piece: str) -> list[str]:
    """The leading clauses of a piece that state rather than ask: "我在郑州失业半年了，
    能参加培训吗？" → ["我在郑州失业半年了"], the situation every part is about."""
    out = []
    for segment in re.split(r"[，,]", piece):
        if _ASKS.search(segment):
            break
        if segment.strip():
            out.append(segment.strip())
    return out


def _with_context(piece: str, places: list[str], statement: list[str]) -> str:
    # "莆田中级工补助多少？柳州技师津贴多少？": a piece naming a place of its own is about
    # that place, not every place the message names.
    own_place = any(name in piece for name in places)
    context = statement if own_place else places + statement
    missing = [name for name in context if name not in piece]
    return f"{' '.join(missing)} {piece}".strip() if missing else piece
