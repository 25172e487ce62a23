"""Eligibility answers ("我是…的退役军人，能享受什么") from the benefit catalogue.

The evidence model picks the sentences closest to the question; on a "what can I get"
question that is often a vague one ("…出台配套举措") or another group's, and a level
(the province, when the city's notice was found) goes missing. Here the answer is the
benefits the documents grant this asker:

- theirs: a benefit naming only other groups is never given (残疾人 asked, a 退役军人
  benefit is not theirs), whichever sentence retrieval liked;
- from every level covering them: a city's, province's or nation's document the evidence
  model's picks left out adds its best benefit for the asker's group (one each, so what
  is cited stays about the question);
- in force first, expired ones flagged; most concrete first (an amount, then a named
  programme, then a kind of benefit; a promise of measures to come only when nothing else);
- each cited, about six at most, about 400 characters.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from assistant.answer import compose
from assistant.answer.base import AnswerContext, Draft
from assistant.answer.compose import Composer, clause_runs, place_tag, with_mark
from assistant.answer.evidence import DEPTH, Evidence
from assistant.answer.features import focus_coverage
from assistant.answer.select import transmits, whole_list
from assistant.answer.wording import ASK_HOTLINE, YES_BUT_EXPIRED, not_stated, yes_but_expired
from assistant.ingest.benefits import (
    FIRM_ASKS,
    Benefit,
    benefit_kind,
    concreteness,
    grants_kind,
    is_duty,
    is_sanction,
    pays_a_firm,
)
from assistant.models import Clause, DocumentMeta, Jurisdiction, Retrieved
from assistant.question.answer_type import LEAVES_OUT, AnswerKind, asked_object, states
from assistant.question.understand import find_groups, levels_in, names_level
from assistant.store.types import Catalog
from assistant.text.segment import expand

MAX_BENEFITS = 6
EXPIRED_FLAG = "该文件已过期，仅供参考"
REPEALED_FLAG = "该文件已废止，仅供参考"
MAX_CHARS = 400
CONCRETE = 0.1  # the weight of one step of concreteness against the evidence probability
NAMED = 2  # concreteness of a named programme or an amount (ingest/benefits.py)
AMOUNT = 3  # concreteness of an amount
BROAD = 6  # "聚焦高校毕业生、农民工、失业人员、退役军人…等重点群体": a list of groups, not a target
_LEVEL_ORDER = {"city": 0, "province": 1, "national": 2}
# The kind of benefit a question names: "有什么补贴" wants money, "能参加哪些培训" training.
_ASKED_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("money", re.compile(r"补贴|补助|钱|奖励|奖金|津贴|资助")),
    ("loan", re.compile(r"贷款|贴息|借钱|担保")),
    ("training", re.compile(r"培训|学技术|学手艺|技能提升|上学|进修")),
    ("title", re.compile(r"称号|荣誉|表彰|评")),
    ("service", re.compile(r"服务|推荐|介绍工作|找工作|落户")),
)


@dataclass(frozen=True)
class Granted:
    """One benefit line of the answer: the sentence, its clause and document, and why it ranks."""

    text: str
    hit: Retrieved
    concreteness: int
    broad: bool  # it names many groups at once: a rule for all, not a benefit for this asker
    in_force: bool
    relevance: float  # the evidence model's probability, when retrieval found the sentence

    @property
    def doc(self) -> DocumentMeta:
        return self.hit.doc


def asker_place(context: AnswerContext) -> Jurisdiction | None:
    """Where the asker is: their own place, else the one place asked about."""
    query = context.query
    if query.asker_region is not None:
        return query.asker_region
    return query.places[0] if len(query.places) == 1 else None


# The group of anyone at work ("我在芜湖上班"): a rule that names no group is theirs too.
_AT_WORK = frozenset({"企业职工"})
# Money asked for with no name of its own ("有啥补贴", "能领什么补助"); "技能提升补贴还有么"
# names the one it asks about.
_ANY_MONEY = re.compile(r"(有|领|拿|享受|给)(点|些)?(啥|什么|哪些)?(补贴|补助|津贴|钱|奖励|奖金)")


def asked_kinds(text: str) -> set[str]:
    return {kind for kind, pattern in _ASKED_KINDS if pattern.search(text)}


def grants_asked(sentence: str, question: str) -> bool:
    """The sentence grants what a "有…吗" question asks exists: a benefit of its kind, named
    by the asker's word or one the thesaurus gives for it ("补助" is said "补贴"; "表彰奖励体系"
    grants no 补助)."""
    kinds = verdict_kinds(question)
    if kinds and not grants_kind(sentence, kinds):
        return False
    asked = asked_object(question)
    if asked in compose.EVERYDAY_PAY and concreteness(sentence) == 3:
        # "考技师证书有补贴吗": "每人奖励2400元" is money paid to them, whatever its name.
        return True
    # Either side may use the other word: "有补贴吗" is answered by "另发生活补助50元" too.
    said = expand(sentence)
    return asked is None or any(word in said for word in expand(asked).split())


def verdict_kinds(question: str) -> set[str]:
    """The kinds of benefit a "有…吗" question asks exists: those of what it asks for
    ("参加培训有补贴吗" → money), else those the whole question names."""
    asked = asked_object(question)
    # "我是退伍的，能参加培训，有补贴不": the clause that asks (有补贴不) says what must exist,
    # not the situation told before it.
    last = re.split(r"[，,；;]", question.strip().rstrip("？?。！! "))[-1]
    return (asked_kinds(asked) if asked else set()) or asked_kinds(last) or asked_kinds(question)


def choose(
    context: AnswerContext,
    ranked: list[Evidence],
    picked: list[Evidence],
    library: Catalog | None,
) -> list[Granted]:
    """The benefits to list: the evidence model's picks that are the asker's, then the
    catalogue's benefits for the asker's group from covering documents, best first."""
    groups = list(context.query.groups)
    place = asker_place(context)
    relevance = {(e.clause_id, e.text): e.probability for e in ranked}
    out: dict[tuple[str, str], Granted] = {}
    # A worker is not paid what a firm gets ("…按每人500元给予企业培养奖励").
    for_a_worker = not FIRM_ASKS.search(context.resolved or context.question)
    for evidence in _whole_situation(ranked, groups) + picked:
        if not theirs(evidence, context) or (for_a_worker and pays_a_firm(evidence.text)):
            continue  # another group's clause, however close its words are
        # The model's pick that names the asker's group ("开展新生代农民工职业技能培训不低于
        # 8500人") tells them what is run for them even when it grants in no benefit's words.
        named = bool(groups) and bool(set(find_groups(evidence.text)) & set(groups))
        if (
            is_duty(evidence.text)
            or transmits(evidence)
            or _left_out_entry(evidence)
            or is_sanction(evidence.text)
        ):
            # Who works, whom a notice is sent to, whom it leaves out, or what befalls those
            # who cheat ("…骗取套取补贴资金…应追回"): no benefit.
            continue
        concrete = (
            concreteness(evidence.text)
            if benefit_kind(evidence.text)
            else min(int(named), concreteness(evidence.text))
        )
        key = (evidence.clause_id, evidence.text)
        broad = len(find_groups(evidence.text)) >= BROAD
        in_force = not evidence.hit.expired
        out[key] = Granted(evidence.text, evidence.hit, concrete, broad, in_force, evidence.probability)
    # An asker who names only their place ("我在无锡，有啥补贴") is told the amounts its
    # documents pay; one who names a group, what is granted to it.
    wanted = groups
    if (
        groups
        and set(groups) <= _AT_WORK
        and library is not None
        and place is not None
        and not any(b.concreteness >= AMOUNT for b in library.benefits.for_asker(groups, place))
    ):
        # "我在芜湖上班，有啥补贴": no amount is paid to 企业职工 by name, and a rule naming
        # no group is for any worker: the amounts paid in the place are theirs.
        wanted = []
    by_place = not wanted and _ANY_MONEY.search(context.question) is not None
    if library is not None and (wanted or by_place) and place is not None:
        # Each covering document the model's picks left without a benefit of the asker's
        # (the province's, when the city's notice was found) gets its best one; a document
        # already answered gets no more, so what is cited stays what the question is about.
        least = AMOUNT if by_place else 1
        # A line saying whom a document is for ("本办法适用于…高技能人才") grants nothing: its
        # document still gets its best benefit.
        covered = {
            g.doc.doc_id
            for g in out.values()
            if g.concreteness >= least and not g.broad and not states(g.text, "conditions")
        }
        # The clause whose amounts a document pays by: a pick's own, when it states one.
        table = {g.doc.doc_id: g.hit.clause.clause_id for g in out.values() if g.concreteness >= AMOUNT}
        for granted in _from_catalogue(context, library, wanted, place, relevance):
            if (by_place and granted.concreteness < AMOUNT) or (for_a_worker and pays_a_firm(granted.text)):
                continue
            doc, clause = granted.doc.doc_id, granted.hit.clause.clause_id
            every_level = granted.concreteness >= AMOUNT and not context.query.skill_level
            if doc not in covered or (every_level and table.get(doc) == clause):
                # "技师每人每月300元；高级技师每人每月500元": with no level asked, every level
                # of the table.
                out[(clause, granted.text)] = granted
                covered.add(doc)
                table.setdefault(doc, clause)
    if out and not any(g.in_force and g.concreteness > 0 for g in out.values()):
        # Only expired documents grant what was asked: what a document in force does for
        # the asker's group comes first (a veteran asking for 补贴 in 宿迁, whose plan has
        # expired, hears of 江苏's training for veterans in force).
        current = _in_force_for_group(ranked, groups)
        if current is not None:
            out[(current.hit.clause.clause_id, current.text)] = current
    return _best(list(out.values()))


def best_supported(ranked: list[Evidence], context: AnswerContext, floor: float) -> list[Evidence]:
    """When no benefit is sure enough to list: the best sentence, and when its document has
    expired, the best one of a document in force that grants the asker something (宿迁's
    expired plan "鼓励企业设立职工培训中心" is joined by 江苏's "鼓励劳动者参加企业培训中心组织的
    职业技能培训，按规定给予职业培训补贴")."""
    if not ranked or not ranked[0].hit.expired:
        return ranked[:1]
    current = (
        e
        for e in ranked[:DEPTH]
        if not e.hit.expired
        and e.hit.applies is not False
        and e.probability >= floor
        and benefit_kind(e.text)
        and theirs(e, context)
        and not is_duty(e.text)
    )
    return [*ranked[:1], *itertools.islice(current, 1)]


def _left_out_entry(evidence: Evidence) -> bool:
    """An entry of a list of those a notice leaves out ("下列人员不属于本次补贴范围：…；同一年度
    已在其他地区领取…的人员。"): it names a group, and grants it nothing."""
    listed = whole_list(evidence)
    return listed is not None and LEAVES_OUT.search(listed) is not None


def _in_force_for_group(ranked: list[Evidence], groups: list[str]) -> Granted | None:
    """The best sentence of a document in force that grants something and names the asker's
    group, as a benefit; None when there is none among the best evidence."""
    for e in ranked[:DEPTH]:
        if e.hit.expired or e.hit.applies is False or not groups or is_duty(e.text):
            continue
        if set(groups) & set(find_groups(e.text)) and benefit_kind(e.text):
            return Granted(e.text, e.hit, concreteness(e.text), False, True, e.probability)
    return None


def _from_catalogue(
    context: AnswerContext,
    library: Catalog,
    groups: list[str],
    place: Jurisdiction | None,
    relevance: dict[tuple[str, str], float],
) -> list[Granted]:
    """The catalogue's benefits for the asker's groups from documents covering their place,
    of the kind the question names, best first."""
    wanted = asked_kinds(context.question) or asked_kinds(context.resolved)
    hits = {h.clause.clause_id: h for h in context.hits}
    out = []
    level = context.query.skill_level
    for benefit in library.benefits.for_asker(groups, place, None if place else _doc_ids(context)):
        if not _of_kind(benefit, wanted):
            continue
        if level and benefit.levels and not names_level(benefit.text, level):
            # "取得高级工证书的，每人每月400元" is not a 技师's: its clause's line for the
            # asker's level is ("取得技师证书的，每人每月700元"), when it has one.
            benefit = _for_level(library, benefit, level)
            if benefit is None:
                continue
        key = (benefit.clause_id, benefit.text)
        if wanted and benefit.concreteness < NAMED and key not in relevance:
            # Asked for a kind of benefit ("有什么培训"), another level's line that only
            # names the kind and that no model scored adds words, not an answer.
            continue
        hit = hits.get(benefit.clause_id) or _hit(benefit, library, context.today)
        if hit is None:
            continue
        score = relevance.get(key, 0.0) + _specificity(benefit, groups)
        broad = len(benefit.groups) >= BROAD
        out.append(
            Granted(benefit.text, hit, benefit.concreteness, broad, benefit.in_force(context.today), score)
        )
    return sorted(out, key=_rank)


def _for_level(library: Catalog, benefit: Benefit, level: str) -> Benefit | None:
    """The benefit of the same clause that names the asker's level; None when it has none."""
    same = (
        b
        for b in library.benefits.benefits
        if b.clause_id == benefit.clause_id and level in b.levels and b.text != benefit.text
    )
    return next(same, None)


def _rank(g: Granted) -> tuple[bool, bool, float]:
    # Concreteness breaks near ties of relevance; it does not put an amount for something
    # else (another award's 1万元) above what the question is about.
    return (not g.in_force, g.broad, -(g.relevance + CONCRETE * g.concreteness))


def answer(composer: Composer, chosen: list[Granted], lead: str = "") -> Draft:
    """One line per document, in force first, then the asker's city, province, nation; a
    document past its period says so on its line."""
    by_doc: dict[str, list[Granted]] = {}
    for item in _within_budget(chosen):
        by_doc.setdefault(item.doc.doc_id, []).append(item)
    documents = sorted(by_doc.values(), key=lambda items: (not items[0].in_force, _level(items[0].doc)))
    expired = [items[0].doc for items in documents if not items[0].in_force]
    if lead == YES_BUT_EXPIRED:
        # The verdict names the expired documents, so their lines do not say it again.
        lead = yes_but_expired([doc.short_title for doc in expired])
    lines = [lead] if lead else []
    used: list[Retrieved] = []
    for items in documents:
        doc = items[0].doc
        flag = ""
        if not items[0].in_force:
            composer.flagged_expired.add(doc.doc_id)
            # A repealed document is said to be repealed, not past its period.
            said = REPEALED_FLAG if doc.status(composer.context.today) == "repealed" else EXPIRED_FLAG
            flag = "" if doc.short_title in lead else f"（{said}）"
        body = ""
        for run in _runs(items):
            text = "".join(_sentence(item.text) for item in run)
            # One [n] after a run of sentences from the same clause.
            body += with_mark(text, composer.cite(run[0].hit, text))
            used.append(run[0].hit)
        lines.append(f"{place_tag(doc)}{doc.short_title}{flag}：{body}")
    return composer.finish(lines, used, answerable=True)


def verdict(
    kind: AnswerKind,
    question: str,
    chosen: list[Granted],
    focus: dict[str, tuple[str, ...]] | None = None,
    groups: Sequence[str] = (),
    level: str | None = None,
) -> str:
    """ "有。" or "可以。" first when a yes-or-no question is answered by a concrete benefit
    naming the asker's situation; a list of promises or a rule for every group gets no verdict,
    since it does not say this asker gets anything. (Expiry is said by the presentation.)
    "有" needs a line that also names what the question is about (`focus`): "企业新型学徒制有
    补贴吗" is not answered 有 by a subsidy for something else."""
    if not any(g.concreteness > 0 and not g.broad for g in chosen):
        return ""
    if groups:
        # "失业了能领…补贴吗": the verdict stands on lines that speak to the asker; a line
        # telling departments to fund subsidies names nobody.
        # A line for the asker's skill level ("取得技师证书的，每人每月700元") speaks to them too.
        chosen = [g for g in chosen if _speaks_to(g.text, groups) or (level and level in levels_in(g.text))]
        if not any(g.concreteness > 0 for g in chosen):
            return ""
    said = compose.verdict(kind, question, [g.text for g in chosen])
    if said != compose.YES:
        return said
    # "有补贴吗": "有" only from the lines that grant the asked kind, and said with its
    # caveat when every such line is from an expired document.
    granting = [
        g
        for g in chosen
        if grants_asked(g.text, question) and (not focus or focus_coverage(g.text, focus) > 0)
    ]
    if not granting:
        return ""
    return said if any(g.in_force for g in granting) else YES_BUT_EXPIRED


def none_for(composer: Composer, context: AnswerContext) -> Draft:
    """Nothing granted to the asker's group where they are: said plainly, never with another
    group's rule beside it as if it were theirs."""
    groups = "、".join(context.query.groups)
    what = f"针对{groups}的具体待遇" if groups else "针对您情况的具体待遇"
    return composer.finish([f"{not_stated(what)}。{ASK_HOTLINE}"], [], answerable=False)


def _within_budget(chosen: list[Granted]) -> list[Granted]:
    """The benefits that fit in about MAX_CHARS, in priority order; each document's first
    benefit may run over a little, so a level covering the asker is never left out for a
    long sentence of another."""
    kept: list[Granted] = []
    total = 0
    seen: set[str] = set()
    for item in chosen:
        size = len(item.text)
        first = item.doc.doc_id not in seen
        if total + size <= MAX_CHARS or (first and total + size <= MAX_CHARS * 3 // 2) or not kept:
            kept.append(item)
            total += size
            seen.add(item.doc.doc_id)
    return kept


def _runs(items: list[Granted]) -> list[list[Granted]]:
    """A document's benefits in its own order, sentences of one clause together."""
    return clause_runs(sorted(items, key=lambda g: g.hit.clause.order))


def _sentence(text: str) -> str:
    return text.strip().rstrip("。；;，, ") + "。"


def _whole_situation(ranked: list[Evidence], groups: list[str]) -> list[Evidence]:
    """The best sentence naming every one of the asker's groups, when they are two or more
    ("失业" and "高级技师": "对受影响的失业高技能人才，…聘为专兼职教师"): the benefit most
    surely theirs, whatever the model ranked above it."""
    if len(groups) < 2:
        return []
    whole = (e for e in ranked[:DEPTH] if set(groups) <= set(find_groups(e.text)) and not is_duty(e.text))
    return list(itertools.islice(whole, 1))


def _best(items: list[Granted]) -> list[Granted]:
    """In force first, then most concrete, then most relevant; every document's best benefit
    before any document's second, so each level that covers the asker is named."""
    # Concreteness breaks near ties of relevance; it does not put an amount for something
    # else (another award's 1万元) above what the question is about.
    ordered = sorted(
        items, key=lambda g: (not g.in_force, g.broad, -(g.relevance + CONCRETE * g.concreteness))
    )
    concrete = [g for g in ordered if g.concreteness > 0]
    ordered = concrete or ordered  # a promise of measures only when nothing concrete is granted
    # A rule listing every group adds nothing beside a document's own benefits for the asker.
    specific_docs = {g.doc.doc_id for g in ordered if not g.broad}
    ordered = [g for g in ordered if not g.broad or g.doc.doc_id not in specific_docs]
    first: list[Granted] = []
    rest: list[Granted] = []
    seen: set[str] = set()
    for item in ordered:
        (rest if item.doc.doc_id in seen else first).append(item)
        seen.add(item.doc.doc_id)
    return (first + rest)[:MAX_BENEFITS]


def theirs(evidence: Evidence, context: AnswerContext) -> bool:
    """The sentence is about the asker's group, or about no group in particular. A sentence
    naming no group is its heading's group's, unless it speaks to every worker itself
    ("鼓励劳动者参加…培训" under a heading on 高技能人才)."""
    named = find_groups(evidence.text)
    if not named and not _EVERY_WORKER.search(evidence.text):
        named = _heading_groups(evidence.hit.clause)
    return _theirs(named, list(context.query.groups))


def _speaks_to(sentence: str, groups: Sequence[str]) -> bool:
    """The sentence names one of the asker's groups, or every worker."""
    return bool(set(find_groups(sentence)) & set(groups)) or _EVERY_WORKER.search(sentence) is not None


# Words for every worker, whoever they are.
_EVERY_WORKER = re.compile(r"劳动者|从业人员|就业人员|各类人员")


def _theirs(named: list[str] | tuple[str, ...], groups: list[str]) -> bool:
    """A sentence naming groups is the asker's only if it names theirs; one naming none
    (a rule for every worker) is everyone's."""
    return not groups or not named or bool(set(named) & set(groups))


def _heading_groups(clause: Clause) -> list[str]:
    return find_groups(" ".join(clause.headings))


def _specificity(benefit: Benefit, groups: list[str]) -> float:
    """A benefit for the asker's group alone is theirs more surely than one of a list of
    ten groups; a small bonus that orders catalogue benefits retrieval did not rank."""
    return 0.1 / max(1, len(benefit.groups))


def _of_kind(benefit: Benefit, wanted: set[str]) -> bool:
    """The benefit is of a kind the question names (any, when it names none). "培训补贴" is
    both: a subsidised training answers "有什么补贴" and "哪些培训"."""
    if not wanted or benefit.kind in wanted:
        return True
    return bool({"money", "training"} & wanted) and "培训" in benefit.text and "补贴" in benefit.text


def _doc_ids(context: AnswerContext) -> list[str]:
    """With no place known, the documents retrieval found applicable."""
    return list(dict.fromkeys(h.doc.doc_id for h in context.hits if h.applies is not False))


def _hit(benefit: Benefit, library: Catalog, today: dt.date) -> Retrieved | None:
    """A catalogue benefit retrieval did not return, as a hit the answer can cite."""
    return catalog_hit(library, benefit.clause_id, today)


def document_hits(
    documents: Iterable[str], library: Catalog | None, today: dt.date, keep: Callable[[Clause], bool]
) -> Iterator[Retrieved]:
    """The clauses of these documents that `keep` accepts, as hits an answer can cite, in
    library order and one at a time (a caller may stop at the first it needs): the clause
    that answers may be one retrieval left out ("（四）技师参照高级工标准执行；",
    "下列人员不属于本通知的补贴对象：…")."""
    if library is None:
        return
    wanted = set(documents)
    for doc_id in (d for d in library.by_document if d in wanted):
        for clause in library.by_document[doc_id]:
            hit = catalog_hit(library, clause.clause_id, today) if keep(clause) else None
            if hit is not None:
                yield hit


def best_documents(ranked: list[Evidence]) -> list[str]:
    """The documents the three best-ranked sentences come from, best first."""
    return list(dict.fromkeys(e.doc.doc_id for e in ranked[:3]))


def catalog_hit(library: Catalog, clause_id: str, today: dt.date) -> Retrieved | None:
    """A clause of the library retrieval did not return, as a hit an answer can cite."""
    if clause_id not in library.position:
        return None
    clause = library.clause(clause_id)
    doc = library.documents.get(clause.doc_id)
    if doc is None:
        return None
    return Retrieved(clause=clause, doc=doc, score=0.0, expired=doc.expired(today), applies=True)


def _level(doc: DocumentMeta) -> int:
    return _LEVEL_ORDER.get(doc.jurisdiction.level if doc.jurisdiction else "", 3)
