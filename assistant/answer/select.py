"""Choose, from scored evidence, the sentences an answer states.

- A part: its best sentence, then others nearly as probable (a list question takes one
  more); a sentence that repeats a chosen one's clause and adds nothing is skipped.
- A comparison side: the best sentence from the documents or clauses on that side.
- Eligibility: for each document covering the asker (city, province, nation), its best
  sentences above the eligibility floor, so every level's benefits are named.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from assistant.answer.agreement import Verdict, award_agreement
from assistant.answer.evidence import DEPTH, Evidence, beside
from assistant.answer.features import figures, holds
from assistant.answer.weights import SelectionRule
from assistant.ingest.benefits import benefit_kind, grants_to_someone, is_duty
from assistant.jurisdiction import without_places
from assistant.models import DocumentMeta
from assistant.question.answer_type import AnswerKind
from assistant.question.decompose import Side
from assistant.question.titles import asked_titles, same_title, titles
from assistant.question.understand import find_groups, levels_in, names_level
from assistant.text.sentences import (
    ITEM_NUMBER,
    clause_sentences,
    split_sentences,
    statement_core,
    whole_sentences,
)

_TRIM_ABOVE = 60
_MIN_PIECE = 6
# A list answer (the measures, the programmes) may run to about this many characters when
# its further items come from clauses already cited: they cost no citation precision.
LIST_CHARS = 400
_CLAUSE_PART = re.compile(r"[^，,；;：:]+[，,；;：:]?")


# The lines a cover letter only transmits the document with: its title line, the addressees,
# "现将…印发给你们，请认真贯彻执行". They name the document's subject and say nothing of it.
_TRANSMITS = re.compile(r"印发给你们|请认真(贯彻|遵照|组织)|关于.{0,60}的通知$|^各[^。]{0,80}：$")
# "责任单位：省人社厅…": a line naming who carries a measure out.
_DUTY_LINE = re.compile(r"^(责任单位|牵头单位|配合单位|责任部门)[：:]")
ABOUT_THE_DOCUMENT = frozenset({"document", "basis", "date", "organisation", "period"})


def issuer_line(evidence: Evidence) -> bool:
    """A line that is only the issuers' names ("马鞍山市人力资源和社会保障局" above a notice):
    it answers who issued it, nothing else."""
    doc = evidence.doc
    names = [*doc.issuers, doc.issuer or "", "".join(doc.issuers)]
    return _bare(evidence.text) in {_bare(n) for n in names if n}


def _bare(text: str) -> str:
    # A letterhead is the issuer's name and "文件" ("黄冈市人力资源和社会保障局文件").
    return re.sub(r"[\s、，。]|文件$", "", text)


def transmits(evidence: Evidence) -> bool:
    """A line of the cover letter that only sends the document on, or names whom it is sent
    to ("各县（市、区）人力资源和社会保障局，…各有关单位："), wherever the chunker put it."""
    text = evidence.text.rstrip("。")
    cover = evidence.hit.clause.kind == "notice" and bool(_TRANSMITS.search(text))
    return cover or bool(_ADDRESSEES.match(text) or _INTRODUCES.search(text))


_ADDRESSEES = re.compile(r"^各[^。]{0,120}(单位|局|部门|厅|委|政府|机构|学校|处)[：:]?$")
# A preamble's last words, which only announce what follows: "现就…有关事项通知如下：".
_INTRODUCES = re.compile(r"(通知|规定|要求|意见|措施|明确)如下[：:]?$")


# Asked who issued it, when, or whom to call, the title is no answer (a period may be in it:
# "…行动方案（2025—2027年）").
_NOT_IN_THE_TITLE = frozenset({"organisation", "date", "person", "contact"})


def title_line(evidence: Evidence) -> bool:
    """The header card's line that is only the document's title: every answer line already
    names its document, so quoted it says the title twice."""
    return (
        evidence.hit.clause.kind == "header" and evidence.text.strip("；;。 ") == evidence.hit.doc.short_title
    )


def pick_for_part(ranked: list[Evidence], rule: SelectionRule, kind: AnswerKind) -> list[Evidence]:
    # A cover-letter line answers about the document only when it holds what is asked
    # ("…（2025—2027年）的通知" a period; "现将…印发给你们" nothing).
    ranked = [
        e
        for e in ranked
        if not transmits(e) or (kind.main in ABOUT_THE_DOCUMENT and holds(e.text, kind.main))
    ]
    if not (kind.wants("organisation") or kind.wants("person")):
        # Who works on it or who issued it, not what it does.
        ranked = [e for e in ranked if not _DUTY_LINE.match(e.text) and not issuer_line(e)]
    if kind.main in _NOT_IN_THE_TITLE:
        ranked = [e for e in ranked if not title_line(e)]
    if not ranked:
        return []
    best = ranked[0]
    listing = kind.main == "list"
    limit = rule.max_sentences + (1 if listing else 0)
    chosen = [best]
    length = len(best.text)
    # Another sentence of a clause already cited costs no precision; another clause does.
    same = rule.same_clause_ratio * best.probability
    other = max(rule.keep_floor, rule.keep_ratio * best.probability)
    for candidate in ranked[1:]:
        if candidate.probability < min(same, other):
            break
        cited = any(candidate.clause_id == c.clause_id for c in chosen)
        if len(chosen) >= limit and not (listing and cited):
            if not listing:
                break
            continue
        if listing and length + len(candidate.text) > LIST_CHARS:
            continue
        if candidate.probability < (same if cited else other):
            continue
        if kind.wants_figure and not cited and holds(candidate.text, kind.main):
            continue  # a second figure of the same kind from elsewhere contradicts, not adds
        if any(_same_statement(candidate, c) for c in chosen):
            continue
        chosen.append(candidate)
        length += len(candidate.text)
    return chosen


# A law states one rule in one article (第四十七条 经济补偿按…每满一年支付一个月工资。六个月
# 以上不满一年的，按一年计算…): a short article is quoted whole, its sentences in its order,
# where one of them was chosen. Notices number their items otherwise and are not affected.
WHOLE_ARTICLE_CHARS = 300


MAX_ITEMS = 6


def item_siblings(stated: Evidence, ranked: list[Evidence], kind: AnswerKind) -> list[Evidence]:
    """The figure's item and its sibling items that state a figure of the same kind for
    another skill level or group, in the document's order: asked "补贴标准是多少" with no level,
    "二、补贴标准" › 1. 初级工 1000元, 2. 中级工 1500元, 3. 高级工 2000元 is the answer, not its
    first line. [stated] when it is not such a table of amounts by level (items that are
    separate measures, each with its own figure, are not listed together)."""
    clause = stated.hit.clause
    if not (clause.path and ITEM_NUMBER.match(clause.path[-1])):
        return _sentences_by_level(stated, ranked, kind)
    parent = clause.path[:-1]
    # Every line of an item: "（四）取得技师证书的，每人补贴2500元；取得高级技师证书的，每人补贴
    # 3000元" pays two levels.
    siblings: dict[tuple[str, str], Evidence] = {}
    for e in ranked:
        other = e.hit.clause
        if (
            e.hit.doc.doc_id == stated.hit.doc.doc_id
            and other.path[:-1] == parent
            and other.path
            and ITEM_NUMBER.match(other.path[-1])
            and holds(e.text, kind.main)
            and (levels_in(e.text) or find_groups(e.text))
        ):
            siblings.setdefault((other.clause_id, e.text), e)
    levels = {level for e in siblings.values() for level in levels_in(e.text)}
    if len(levels) < 2 or stated not in siblings.values():
        return [stated]
    ordered = sorted(siblings.values(), key=lambda e: (e.hit.clause.order, e.hit.clause.text.find(e.text)))
    return ordered[:MAX_ITEMS] if stated in ordered[:MAX_ITEMS] else [stated, *ordered[: MAX_ITEMS - 1]]


def _sentences_by_level(stated: Evidence, ranked: list[Evidence], kind: AnswerKind) -> list[Evidence]:
    """The same table written as one article's sentences ("第三条 …高级工…300元；…技师…500元；
    …高级技师…800元"): each level's sentence, in the article's order."""
    clause = stated.hit.clause
    same = {
        e.text: e
        for e in ranked
        if e.hit.clause.clause_id == clause.clause_id and holds(e.text, kind.main) and levels_in(e.text)
    }
    if len({lvl for e in same.values() for lvl in levels_in(e.text)}) < 2:
        return [stated]
    same.setdefault(stated.text, stated)  # a title's amount among them ("获得…称号的，每月1000元")
    return sorted(same.values(), key=lambda e: clause.text.find(e.text))[:MAX_ITEMS]


def whole_articles(chosen: list[Evidence], ranked: list[Evidence], scored: list[Evidence]) -> list[Evidence]:
    """The chosen sentences, each short law article among them completed from `ranked`, and
    with the article's sentences evidence scoring never saw (`scored` is everything it did,
    before any was set aside as another level's line): "六个月以上不满一年的，按一年计算" is
    part of the rule "每满一年支付一个月工资" however low retrieval put it."""
    out: list[Evidence] = []
    done: set[str] = set()
    for item in chosen:
        clause = item.hit.clause
        if item.clause_id in done:
            continue
        if not clause.is_article or len(clause.text) > WHOLE_ARTICLE_CHARS:
            out.append(item)
            continue
        done.add(item.clause_id)
        seen = {e.text for e in scored if e.clause_id == item.clause_id}
        own = {s.text: beside(item, s.text, item.hit) for s in clause_sentences(clause) if s.text not in seen}
        own.update({e.text: e for e in ranked if e.clause_id == item.clause_id and e.part == item.part})
        own.update({e.text: e for e in chosen if e.clause_id == item.clause_id})
        out.extend(sorted(own.values(), key=lambda e: position_in(clause.text, e.text)))
    return out


def position_in(text: str, sentence: str) -> int:
    """Where a sentence stands in its clause's text (the end when not found), to put a
    clause's sentences back in its order; its closing mark may differ from the clause's."""
    at = text.find(sentence)
    if at < 0:
        at = text.find(sentence.rstrip("；;。"))
    return at if at >= 0 else len(text)


def same_level(items: list[Evidence], level: str | None) -> list[Evidence]:
    """With a skill level asked ("技师补贴多少钱"), a sentence naming only other levels is
    another level's rule, never this one's: left out, unless its clause says the asked level
    follows its standard (see level_reference). A sentence naming a range ("高级工以上") or no
    level at all stays."""
    if not level:
        return items
    return [e for e in items if not other_levels_only(e.text, level) or level_reference(e, level)]


def other_levels_paid(ranked: list[Evidence], level: str | None, depth: int = DEPTH) -> list[Evidence]:
    """The amounts the best evidence (the first `depth`) states for other skill levels, when
    it states none for the asked one (by name, by a range or by reference): "高级技师呢？" of a
    notice paying 中级工, 高级工 and 技师 is not answered by its 残疾人 travel allowance.
    Empty otherwise."""
    if not level:
        return []
    paid = [e for e in ranked[:depth] if holds(e.text, "money")]
    others = [e for e in paid if other_levels_only(e.text, level) and not level_reference(e, level)]
    if not others or any(levels_in(e.text) and e not in others for e in paid):
        return []
    return others


def other_levels_only(text: str, level: str) -> bool:
    """The text names skill levels, and none of them (nor a range of them) is `level`."""
    return bool(levels_in(text)) and not names_level(text, level)


# A level paid as another is: "高级技师参照技师标准执行", "比照高级工执行".
_FOLLOWS = re.compile(r"(参照|比照|按照)([^，。；;]{1,12}?)(的)?(标准|规定)?(执行|给予|发放)")


def followed_level(sentence: str, level: str | None) -> str | None:
    """The other level whose standard the sentence says the asked level follows ("取得技师证书
    的，参照高级工标准执行" → 高级工), or None."""
    return next(iter(_followed_levels(sentence, level)), None)


def _followed_levels(sentence: str, level: str | None) -> list[str]:
    """Every other level whose standard the sentence says the asked level follows."""
    found = _FOLLOWS.search(sentence)
    if not level or found is None or level not in levels_in(sentence[: found.start()]):
        return []
    return [other for other in levels_in(found.group(2)) if other != level]


def level_reference(item: Evidence, level: str | None) -> str:
    """The sentence of the item's clause saying the asked level is paid by the standard of a
    level the item names ("高级技师（一级）参照技师标准执行。" beside the 技师 amount); "" if none."""
    if not level or level in levels_in(item.text):
        return ""
    paid = set(levels_in(item.text))
    return next(
        (s.strip() for s in split_sentences(item.hit.clause.text) if paid & set(_followed_levels(s, level))),
        "",
    )


def pick_for_side(ranked: list[Evidence], side: Side, rule: SelectionRule) -> list[Evidence]:
    """The best sentence on this side; one more when nearly as probable."""
    # A city's own notice speaks for it before the province's, which covers every city.
    # A letterhead or the issuer's name above a notice says nothing a side can be compared on.
    ranked = [e for e in ranked if not issuer_line(e) and not transmits(e)]
    on_side = [e for e in ranked if own(side)(e)] or [e for e in ranked if on(side)(e)]
    if not on_side:
        return []
    best = on_side[0]
    chosen = [best]
    for candidate in on_side[1:2]:
        if candidate.probability >= max(
            rule.keep_floor, rule.keep_ratio * best.probability
        ) and not _same_statement(candidate, best):
            chosen.append(candidate)
    return chosen


def on(side: Side) -> Callable[[Evidence], bool]:
    if side.kind == "place" and side.place is not None:
        place = side.place
        return lambda e: e.doc.jurisdiction is not None and e.doc.jurisdiction.reaches(place)
    if side.kind == "year" and side.year is not None:
        return lambda e: str(side.year) in e.hit.clause.search_text
    if side.kind == "document":
        return lambda e: e.doc.doc_id == side.doc_id
    if side.kind == "group" and side.group:
        return lambda e: side.group in e.text or side.group in e.candidate.sentence.context
    if side.kind == "level":
        return lambda e: side.label in levels_in(e.text)
    return lambda e: True


def own(side: Side) -> Callable[[Evidence], bool]:
    """Evidence from documents of exactly this side's place."""
    if side.kind == "place" and side.place is not None:
        return lambda e: e.doc.jurisdiction == side.place
    return on(side)


def pick_benefits(ranked: list[Evidence], rule: SelectionRule) -> list[Evidence]:
    """Benefits for the asker from every document that covers them, best document first."""
    by_doc: dict[str, list[Evidence]] = {}
    for evidence in ranked:
        if evidence.hit.applies is False or evidence.probability < rule.eligibility_floor:
            continue
        chosen = by_doc.setdefault(evidence.doc.doc_id, [])
        if len(chosen) < rule.eligibility_per_document and not any(
            _same_statement(evidence, c) for c in chosen
        ):
            chosen.append(evidence)
    documents = sorted(by_doc.values(), key=lambda items: -items[0].probability)[: rule.eligibility_documents]
    return [e for items in documents for e in items]


def on_focus(ranked: list[Evidence], picked: list[Evidence], rule: SelectionRule) -> list[Evidence]:
    """The best sentence naming what the question is specifically about (its focus words:
    "建筑工人" → "对建筑业领域从业人员，…"), when none of the picks does and it is
    supported at all: an eligibility answer's line for the asker's own trade."""
    top = max((e.feature("focus") for e in ranked[:DEPTH]), default=0.0)
    if top <= 0 or any(e.feature("focus") >= top for e in picked):
        return []
    return [e for e in ranked[:DEPTH] if e.feature("focus") >= top and e.probability >= rule.refuse_below][:1]


def granting(ranked: list[Evidence], picked: list[Evidence], rule: SelectionRule) -> list[Evidence]:
    """ "比赢了有啥好处": when none of the picks grants anything (a competition system is
    described, nothing given), the best supported sentence that grants something and names
    what the question is about ("对在竞赛中取得优异成绩的人员，…晋升相应职业技能等级并授予相关
    荣誉称号"), wherever the model ranked it among the candidates."""
    if any(benefit_kind(e.text) for e in picked):
        return []
    found = (
        e
        for e in ranked
        if e.probability >= rule.refuse_below
        # The asker's place's, or the nation's: not another city's rule added unasked.
        and (e.hit.applies is True or _national(e.doc))
        and e.feature("focus") > 0
        and grants_to_someone(e.text)
        and not is_duty(e.text)
    )
    return list(itertools.islice(found, 1))


def _national(doc: DocumentMeta) -> bool:
    return doc.jurisdiction is not None and doc.jurisdiction.level == "national"


class AwardCheck:
    """The chosen sentences held to the award a figure question names.

    `kept` are the sentences that may answer (a sentence listing several awards is read out
    only for the asked one, in `texts`); `other` is the nearest sentence whose figure
    belongs to another award, with that award's name, when nothing states the asked one's.
    """

    def __init__(self, asked: list[str]) -> None:
        self.asked = asked
        self.kept: list[Evidence] = []
        self.texts: dict[int, str] = {}
        self.other: tuple[str, Evidence] | None = None

    @property
    def refused(self) -> bool:
        return self.other is not None and not self.kept


def check_awards(
    question: str, chosen: list[Evidence], ranked: list[Evidence], kind: AnswerKind, depth: int
) -> AwardCheck | None:
    """Hold an amount question naming an award to the sentences whose amount is that award's.

    None when the question names no award or asks no amount (nothing to hold). Counts are
    not held: "评选10名技术能手" puts the figure before the name it counts.
    """
    asked = asked_titles(question)
    if not asked or kind.main != "money":
        return None
    money = True
    check = AwardCheck(asked)
    dropped = False
    for item in chosen:
        verdict = award_agreement(asked, item.text, money=money)
        if verdict is not None and not verdict.agrees:
            dropped = True
            check.other = check.other or (verdict.other, item)
            continue
        _keep(check, item, verdict)
    if not dropped or any(holds(e.text, kind.main) for e in check.kept):
        return check
    # The chosen figure was another award's: a sentence a little further down may state
    # the asked award's own.
    for item in ranked[:depth]:
        verdict = award_agreement(asked, item.text, money=money)
        if verdict is not None and verdict.agrees and holds(item.text, kind.main):
            check.kept = [item]
            check.texts = {}
            _keep(check, item, verdict, again=False)
            return check
    check.kept = []
    return check


def award_rule(asked: list[str], ranked: list[Evidence], depth: int) -> tuple[str, Evidence] | None:
    """The sentence on the asked award that states no amount ("获得“湖北省技能大师”称号的奖励由
    省人社厅按省有关规定发放，本办法不再重复奖励"), with the award's name as it says it: the
    rule the documents do give on it, when its amount is not stated. None if there is none."""
    for item in ranked[:depth]:
        if holds(item.text, "money"):
            continue
        named = next((t.name for t in titles(item.text) if any(same_title(a, t.name) for a in asked)), None)
        if named is not None:
            return named, item
    return None


def _keep(check: AwardCheck, item: Evidence, verdict: Verdict | None, again: bool = True) -> None:
    if again:
        check.kept.append(item)
    if verdict is not None and verdict.piece:
        check.texts[id(item)] = verdict.piece


# Facts a notice states in its body, never in its own header card: who it is copied to,
# who is responsible for a measure, the 文号 of a document it cites. Each: what the
# question asks (in words a refusal can name), how a question asks it, how a sentence
# states it.
_BODY_FACTS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("抄报、抄送单位", re.compile(r"抄报|抄送|主送"), re.compile(r"(抄报|抄送|主送)[：:]")),
    (
        "解释机关",
        re.compile(r"(谁|哪个(部门|单位|机关)|哪些(部门|单位))(来)?(负责)?解释|解释(权|机关)"),
        re.compile(r"负责解释|解释权"),
    ),
    (
        "责任部门",
        re.compile(r"责任(部门|单位|处室)|牵头(部门|单位)|(哪个|哪些|什么)(部门|单位)(来)?负责|由谁负责"),
        # "责任单位：…", "（牵头：…）", or a sentence naming who is in charge ("本办法由…负责解释").
        re.compile(
            r"(责任(部门|单位|处室)|牵头(部门|单位)?)[：:）)]|[（(](牵头|责任)|由[^，。；]{2,30}(负责|牵头)"
        ),
    ),
    (
        "所引用文件的文号",
        re.compile(
            r"(根据|依据|引用|援引|提到|提及|上级|贯彻)[^。？?]{0,30}文号|文号[^。？?]{0,6}(根据|依据|引用)"
        ),
        re.compile(r"〔\d{4}〕\s*\d+\s*号|[（(]\d{4}[)）]\s*\d+\s*号"),
    ),
)


# What a body named in the question does: "县人社部门负责什么", "市财政局管什么".
_DUTIES_ASKED = re.compile(
    r"(?P<body>[\u4e00-\u9fff]{1,16}?(部门|局|厅|委员会|中心|机构|办公室))(主要)?(负责|管)(什么|啥|哪些|哪块)"
)
# The body's name as notices write it: 人社 in full, "各县（市、区）" as 县.
_BODY_WORDS = (
    (re.compile(r"人力资源(和)?社会保障"), "人社"),
    (re.compile(r"[（(][^）)]{0,6}[）)]"), ""),
    (re.compile(r"^(各|本|全)"), ""),
)


def duties_asked(question: str) -> str | None:
    """The body whose duties a question asks ("南充的县人社部门负责什么" → 县人社部门)."""
    duties = _DUTIES_ASKED.search(question)
    return _body_key(duties.group("body")) if duties is not None else None


def _body_key(name: str) -> str:
    """ "南充的县人社部门" → "县人社部门"; "南充市人力资源和社会保障局" → "人社局" (a place
    named before a body is where it is, not its name)."""
    name = without_places(name.split("的")[-1])
    for pattern, replacement in _BODY_WORDS:
        name = pattern.sub(replacement, name)
    return name


def _does(sentence: str, body: str) -> bool:
    """The sentence names the body doing something: "各县（市、区）人力资源和社会保障部门负责
    本辖区的申报受理和初审" for 县人社部门."""
    parts = re.split(r"[，,；;。]", sentence)
    return any(
        body in _body_key_of_text(part) and re.search(r"负责|承担|牵头", part) is not None for part in parts
    )


def _body_key_of_text(text: str) -> str:
    for pattern, replacement in _BODY_WORDS[:2]:
        text = pattern.sub(replacement, text)
    return text


def body_fact(question: str, ranked: list[Evidence]) -> tuple[str, list[Evidence]] | None:
    """A question about a fact the notice states in its body: what it asks, and the body
    sentence stating it (none when the retrieved clauses do not state it). None when the
    question asks no such fact.

    The sentence chosen is the one in the clause most relevant to the question: a notice
    lists a 责任部门 under every measure, and the asked measure's clause is the one whose
    sentences score best.
    """
    body = duties_asked(question)
    if body is not None:
        # "县人社部门负责什么": the sentence naming that body as doing something.
        holders = [e for e in ranked if e.hit.clause.kind != "header" and _does(e.text, body)]
        holders.sort(key=lambda e: -e.probability)
        return f"{body}的职责", holders[:1]
    for what, asks, states in _BODY_FACTS:
        if not asks.search(question):
            continue
        relevance: dict[str, float] = {}
        for item in ranked:
            relevance[item.clause_id] = max(relevance.get(item.clause_id, 0.0), item.probability)
        holders = [e for e in ranked if e.hit.clause.kind != "header" and states.search(e.text)]
        holders.sort(key=lambda e: -relevance[e.clause_id])
        return what, holders[:1]
    return None


def _same_statement(a: Evidence, b: Evidence) -> bool:
    """The same sentence (a table cell repeated in a split row, the same measure in a
    table and in a list)."""
    return statement_core(a.text) == statement_core(b.text) or (
        a.clause_id == b.clause_id and (a.text in b.text or b.text in a.text)
    )


def trim(sentence: str, kind: AnswerKind, terms: dict[str, float]) -> str:
    """The part of a long sentence that answers: from the first comma-clause holding what
    was asked (a figure of the unit, a date …) or a question word, to the last.

    "以培养高技能人才…为重点，…，三年行动期间，全市每年新增技能人才3万人以上，其中…" is read
    out from "三年行动期间" when the question asks how many are added each year.
    """
    if len(sentence) <= _TRIM_ABOVE or kind.main in ("list", "general", "yesno", "condition", "procedure"):
        return sentence
    parts = _CLAUSE_PART.findall(sentence)
    useful = [
        i
        for i, part in enumerate(parts)
        if holds(part, kind.main) or (kind.wants_figure and figures(part)) or _names_term(part, terms)
    ]
    if not useful:
        return sentence
    start = max(0, useful[0] - 1) if len(parts[useful[0]]) < 8 else useful[0]
    period = next((i for i in range(start) if _PERIOD.search(parts[i])), None)
    if period is not None and not _PER_YEAR.search(parts[start]):
        # "从2025年到2027年底，开展补贴性培训200万人次以上": the figure is the period's total,
        # and without its period it reads as a yearly one.
        start = period
    piece = "".join(parts[start : useful[-1] + 1]).rstrip("，,；;：: ")
    return piece if len(piece) >= _MIN_PIECE else sentence


# A span of years a figure is counted over, and a figure counted per year.
_PERIOD = re.compile(r"\d{4}\s*年?\s*(到|至|—|－|-|~)\s*\d{4}|[三五两]年(行动)?(期间|内|来|累计)|期间")
_PER_YEAR = re.compile(r"每年|年均|每季度|每月")


def quoted(item: Evidence, kind: AnswerKind, terms: dict[str, float]) -> str:
    """What the answer quotes of a chosen sentence. A notice's long sentence is cut to the
    part that answers (`trim`); a law's is not: its condition ("用人单位未按时足额缴纳社会保险费
    的，") and its rule ("按日加收万分之五的滞纳金") are one statement, and either half alone
    says something the law does not."""
    listed = whole_list(item)
    if listed is not None:
        return listed
    return item.text if item.hit.clause.is_article else trim(item.text, kind, terms)


_LIST_CHARS = 220


def whole_list(item: Evidence) -> str | None:
    """The whole sentence when the chosen one is an entry of a list it introduces with "：" and
    separates with "；" ("下列人员不属于本次补贴范围：在编人员；退休人员；在校学生。"): an entry
    alone loses what it is an entry of. None otherwise, or when the list is too long to quote."""
    if item.hit.clause.kind != "clause":
        return None  # a header card's or a table row's "名：值；" fields are no list
    if re.search(r"\d", statement_core(item.text)):
        return None  # "取得技师证书的，每人每月700元" is a rule of its own, not a list's entry
    core = item.text.rstrip("；;。 ")
    for sentence in whole_sentences(item.hit.clause.text):
        span = sentence.strip()
        at = span.find(core)
        if at < 0 or core == span.rstrip("；;。 "):
            continue
        colon = span.find("：")
        amounts = sum(1 for f in figures(span) if f.kind == "money")
        if colon >= 0 and "；" in span[colon:] and len(span) <= _LIST_CHARS and amounts < 2:
            # (A table of amounts by level is rules of their own: the line for the level
            # asked is quoted, not the whole table beside it.)
            return span
        return None
    return None


def _names_term(text: str, terms: dict[str, float]) -> bool:
    if not terms:
        return False
    strongest = sorted(terms, key=lambda t: -terms[t])[:3]
    return any(t in text for t in strongest)
