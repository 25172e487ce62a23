"""The offline answerer: choose the sentences of the retrieved clauses that answer each
part of the question and write a short answer a hotline worker can read out, [n] after
each one.

It copies sentences and never writes a figure of its own, so every number it says is in
the clause it cites. When the clauses do not hold what was asked (an amount never
stated, another province, a topic the documents never touch) it says so, quotes what
they do say, and points to the local 人社 bureau and 12333.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator, Sequence

from assistant.answer import aspect as aspects
from assistant.answer import eligibility
from assistant.answer.base import AnswerContext, Draft
from assistant.answer.compose import YES, Composer, figure_checked, verdict, with_mark
from assistant.answer.deadline import (
    ASKS_NOW,
    ASKS_WHAT,
    PART_OF_YEAR,
    RELATIVE,
    TAKING,
    asks_if_too_late,
    deadlines,
    for_the_year,
    from_certificate,
    labelled_windows,
    told_when,
    windows,
)
from assistant.answer.evidence import DEPTH, Evidence, EvidenceFinder, beside
from assistant.answer.exclusion import Exclusion, age_within, excluded, tells_age
from assistant.answer.features import PartSignals, focus_coverage, holds, pay_periods, year_agreement
from assistant.answer.select import (
    ABOUT_THE_DOCUMENT,
    LIST_CHARS,
    MAX_ITEMS,
    WHOLE_ARTICLE_CHARS,
    AwardCheck,
    award_rule,
    body_fact,
    check_awards,
    duties_asked,
    followed_level,
    granting,
    issuer_line,
    item_siblings,
    level_reference,
    on,
    on_focus,
    other_levels_only,
    other_levels_paid,
    pick_benefits,
    pick_for_part,
    pick_for_side,
    position_in,
    quoted,
    same_level,
    title_line,
    transmits,
    whole_articles,
)
from assistant.answer.tenure import for_the_askers_time, told_months
from assistant.answer.weights import EvidenceWeights, SelectionRule
from assistant.answer.wording import ASK_HOTLINE, MISSING_FIGURE, not_stated, yes_but_expired
from assistant.ingest.benefits import FIRM_ASKS, benefit_kind, is_sanction, pays_a_firm
from assistant.ingest.header import DOC_NUMBER
from assistant.jurisdiction import find_places, lead_document, short_name, without_places
from assistant.models import Clause, DocumentMeta, Jurisdiction, Retrieved, chinese_date
from assistant.question.answer_type import (
    ASPECT_NAMES,
    HOW_MUCH_MORE,
    LEAVES_OUT,
    STOPS,
    AnswerKind,
    Aspect,
    answer_kind,
    asked_requirement,
    asks_aspect,
    asks_benefits,
    asks_document_number,
    asks_issue_date,
    asks_metadata,
    asks_validity,
    asks_what_it_repeals,
    bare_aspect,
    names_money,
    speaks_of_self,
    states,
    thing_expiring,
    titles_aspect,
)
from assistant.question.certificates import asked_certificate, covers, named_certificates
from assistant.question.decompose import Plan, Side, plan_question
from assistant.question.schemes import asked_schemes, names_scheme, names_what_is_asked
from assistant.question.titles import placings
from assistant.question.understand import (
    find_groups,
    group_as_said,
    levels_in,
    names_level,
    sex_named,
    skill_levels,
)
from assistant.store.types import Catalog, ClauseStore
from assistant.text.chinese import cn_number, cn_numeral
from assistant.text.segment import normalise_query, phrases_for, tokenize
from assistant.text.sentences import ITEM_NUMBER, clause_sentences, split_sentences

# A national law's article beside the asked place's own notices: its evidence weighs this much.
# The local rule is the specific one where it exists ("我是宿迁农村的乡土人才，能评职称吗" is
# 宿迁's plan, not 职业教育法's "取得相应的职业资格证书"), and the laws' own scorer is calibrated
# on questions about laws alone.
NATIONAL_LAW_BESIDE_LOCAL = 0.5


def _local_rules_first(ranked: list[Evidence], context: AnswerContext) -> list[Evidence]:
    """The part's evidence with a national law's articles weighed down when a notice of the
    place the question names (or the asker's) is among it and no law is named."""
    region = context.query.asker_region
    places = [p for p in [*context.query.places, *([region] if region else [])] if p.level != "national"]
    if not places or context.query.doc_ids or not any(_local_notice(e, places) for e in ranked):
        return ranked
    factor = NATIONAL_LAW_BESIDE_LOCAL
    weighed = [
        dataclasses.replace(e, probability=e.probability * factor) if _national_law(e) else e for e in ranked
    ]
    return sorted(weighed, key=lambda e: -e.probability)


# A firm asking of its own doing: training, taking on or having its people certified
# ("企业今年培养了15个技师，能拿多少奖励"). The question's words (技师, 奖励) match a worker's
# award best, but a firm is paid by the rule paying firms.
_ASKS_AS_A_FIRM = re.compile(
    r"(企业|单位|公司|厂)[^，。？?]{0,4}(培养|新增|招用|吸纳|带出)[^，。？?]{0,6}(人|个|名|高级工|技师|人才)|"
    r"(企业|单位|公司)(能|可以)?(拿|领|得到|获得)[^，。？?]{0,4}(奖励|补贴|补助)"
)


def _whose_pay(ranked: list[Evidence], question: str, context: AnswerContext) -> list[Evidence]:
    """A firm asking what it gets is answered by the lines paying a firm, when the evidence
    has any: the amounts paid to workers are set aside. A worker asking of themself or their
    level ("考了高级工能领多少钱", a profile's level) is not answered by what a firm is paid
    ("…达到20人以上的，按每人500元给予企业培养奖励"), when a line pays workers."""
    top = ranked[: 2 * DEPTH]
    firms = [e for e in top if pays_a_firm(e.text)]
    if not firms:
        return ranked
    if _ASKS_AS_A_FIRM.search(question):
        return [e for e in ranked if pays_a_firm(e.text) or not holds(e.text, "money")]
    as_a_worker = bool(speaks_of_self(question) or levels_in(question) or context.query.skill_level)
    if (
        as_a_worker
        and not FIRM_ASKS.search(question)
        and any(holds(e.text, "money") and e not in firms for e in top)
    ):
        return [e for e in ranked if not pays_a_firm(e.text)]
    return ranked


def _local_notice(e: Evidence, places: list[Jurisdiction]) -> bool:
    where = e.doc.jurisdiction
    local = where is not None and where.level != "national"
    return local and not e.hit.law_article and any(where.covers(p) for p in places)


def _national_law(e: Evidence) -> bool:
    where = e.doc.jurisdiction
    return e.hit.law_article and (where is None or where.level == "national")


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, finder: EvidenceFinder, library: Callable[[], Catalog] | None = None) -> None:
        self.finder = finder
        # The store's catalog, read per answer: a curator's change replaces it, and with it
        # the benefit catalogue eligibility answers list from.
        self.library = library

    @classmethod
    def for_store(cls, store: ClauseStore, weights: EvidenceWeights | None = None) -> ExtractiveGenerator:
        """The generator over a clause store: its BM25 statistics, sentence vectors, encoder
        and catalog."""
        finder = EvidenceFinder(store.idf, store.sentence_vectors_of, store.embed_query, weights)
        return cls(finder, lambda: store.catalog)

    def _catalog(self) -> Catalog | None:
        return self.library() if self.library is not None else None

    def plan(self, context: AnswerContext) -> Plan:
        if context.plan is not None:
            return context.plan
        own = context.question if context.resolved and context.resolved != context.question else ""
        return plan_question(context.resolved or context.question, context.query, own, context.has_profile)

    def evidence(self, context: AnswerContext, plan: Plan) -> list[tuple[PartSignals, list[Evidence]]]:
        """Each part's signals and its scored evidence, most probable first."""
        question = context.resolved or context.question
        hits = [h for h in relevant(context) if h.clause.kind != "header" or _asks_of_the_document(question)]
        candidates = self.finder.candidates(_without_the_superseded(hits, context))
        out = []
        for i, part in enumerate(plan.parts):
            signals = self.finder.signals(part, question, context.query)
            # "莆田中级工补助多少？柳州技师津贴多少？": the second part is 柳州's, whatever
            # 莆田's lines score for "津贴多少"; its sentences are weighed among 柳州's alone.
            own = [c for c in candidates if not part.places or _answers_for(c.hit.doc, part.places)]
            ranked = _local_rules_first(self.finder.rank(signals, own, i), context)
            out.append((signals, _whose_pay(ranked, part.text, context)))
        return out

    def generate(self, context: AnswerContext) -> Draft:
        composer = Composer(context)
        plan = self.plan(context)
        early = _from_metadata(context, plan, composer, self._catalog())
        if early is not None:
            return early
        scored = self.evidence(context, plan)
        rule = self.finder.model.selection
        best = max((ranked[0].probability for _, ranked in scored if ranked), default=0.0)
        if best < rule.refuse_below:
            return self._stated_though_unsure(context, plan, scored, composer) or _unsupported(
                context, plan, scored, best >= rule.refuse_below / 2, composer
            )
        if plan.mode == "comparison":
            return self._comparison(context, plan, scored, composer)
        if plan.mode == "multi_part":
            return self._parts(context, plan, scored, composer)
        signals, ranked = scored[0]
        ranked = self._with_unretrieved_amounts(context, signals, ranked)
        library = self._catalog()
        ranked = _with_unretrieved_aspect(context, ranked, library)
        early = (
            _benefit_not_here(context, plan, signals, library, composer)
            or _for_the_askers_certificate(context, plan, ranked, library, composer)
            or self._aspect_answer(context, plan, signals, ranked, composer)
            or _placing_unstated(context, ranked, composer)
            or _certificate_unnamed(context, signals, ranked, composer, library)
            or _stating_first(context, plan, signals, ranked, composer)
        )
        if early is not None:
            return early
        ruled = _by_a_rule_on_the_asker(context, ranked, library, composer)
        if ruled is not None:
            return ruled
        if plan.mode == "eligibility":
            # A cover letter's lines, the header card, an issuer's name or a sanction grant no one
            # anything, however well they match the name of the benefit asked ("能领津贴不" ›
            # "关于印发…津贴…的通知"; "有啥补贴" › "骗取套取补贴资金的，应追回").
            ranked = [
                e
                for e in ranked
                if not (
                    transmits(e)
                    or issuer_line(e)
                    or e.hit.clause.kind == "header"
                    or is_sanction(e.text)
                    or _DEFINES.search(e.text)
                )
            ]
            picked = pick_benefits(ranked, rule) or eligibility.best_supported(
                ranked, context, rule.refuse_below
            )
            picked += on_focus(ranked, picked, rule)
            picked += granting(ranked, picked, rule)
            level = context.query.skill_level
            others = [e for e in picked if level and other_levels_only(e.text, level)]
            # The lead document's lines retrieval left out: "技师有岗位津贴吗" is answered with
            # the table's 技师 line however low retrieval put it.
            unretrieved = (
                [
                    beside(picked[0], t, h)
                    for t, h in _library_sentences([picked[0].doc.doc_id], library, context.today)
                ]
                if level and picked
                else []
            )
            picked = _of_the_askers_level(picked, ranked, level, unretrieved)
            granted = eligibility.choose(context, ranked, picked, library)
            if others and level and not any(g.concreteness > 0 for g in granted):
                # "高级工有补贴吗" of a notice paying only 技师 and 高级技师: not stated for the
                # level asked, and what it pays is said to be for the others.
                named = "、".join(dict.fromkeys(x for e in others for x in levels_in(e.text)))
                return composer.other_subject(signals.kind, level, named, others[0])
            if not granted:
                return eligibility.none_for(composer, context)
            cited = [g.hit for g in granted]
            other = _other_scheme(context, signals.kind, cited, ranked, composer)
            if other is not None:
                return other
            lead = _uncovered_asker(context, cited) or _askers_verdict(
                eligibility.verdict(
                    signals.kind,
                    _yes_no_form(context),
                    granted,
                    signals.focus_terms,
                    context.query.groups,
                    context.query.skill_level,
                ),
                cited,
                context,
            )
            return eligibility.answer(composer, granted, lead=lead)
        return self._single(context, signals, ranked, composer)

    def _stated_though_unsure(
        self,
        context: AnswerContext,
        plan: Plan,
        scored: list[tuple[PartSignals, list[Evidence]]],
        composer: Composer,
    ) -> Draft | None:
        """ "鹤壁奖励要交什么材料": no sentence scores as an answer, but the question asks an
        aspect of a benefit it names, and a sentence the model nearly chose states it ("申报
        材料包括：…"): that sentence answers. None for anything else (an aspect of what
        the documents do not name, "护照怎么办理", is still refused)."""
        asked = asks_aspect(context.question)
        if plan.mode != "single" or asked is None or not names_money(context.question):
            return None
        signals, ranked = scored[0]
        return self._stated_aspect(context, asked, signals, ranked, composer)

    def _comparison(
        self,
        context: AnswerContext,
        plan: Plan,
        scored: list[tuple[PartSignals, list[Evidence]]],
        composer: Composer,
    ) -> Draft:
        texts: dict[int, str] = {}
        sides = []
        plan_text = "".join(p.own for p in plan.parts)
        if asks_validity(plan_text):
            # "株洲和洛阳哪个文件有效期更长？": each side's document's period, never its 文号.
            return composer.periods(
                [
                    _side_period(context, part.side, ranked)
                    for part, (_, ranked) in zip(plan.parts, scored, strict=True)
                ]
            )
        for part, (signals, ranked) in zip(plan.parts, scored, strict=True):
            assert part.side is not None
            if names_money(part.text) and not any(
                on(part.side)(e) and holds(e.text, "money") for e in ranked
            ):
                # The side's amounts were not among the clauses searched for the whole question:
                # its documents' clauses stating amounts are read and scored for this side.
                ranked = ranked + self._side_amounts(context, part.side, signals)
            if names_money(part.text) and HOW_MUCH_MORE.search(plan_text):
                # "莆田初级工补助和宿迁的比哪个高": only an amount is compared with an amount;
                # a side stating none says so (宿迁's "1000人" is no 1000元).
                ranked = [e for e in ranked if holds(e.text, "money")]
            elif signals.kind.main in ("general", "list") and names_money(part.text):
                # "黄冈的津贴和威海的补贴有什么区别": each side's benefit is compared by what it
                # pays; its lines stating an amount come first, when it has any.
                ranked = [e for e in ranked if holds(e.text, "money")] + [
                    e for e in ranked if not holds(e.text, "money")
                ]
            body = body_fact(plan_text, [e for e in ranked if on(part.side)(e)])
            if body is not None:
                # "…分别由谁负责解释": each side by the sentence stating it, or nothing.
                sides.append((part.side.label, body[1]))
                continue
            chosen = pick_for_side(ranked, part.side, self.finder.model.selection)
            chosen = _naming_the_level(chosen, ranked, next(iter(levels_in(part.text)), None)) or chosen
            # "…聘任3年津贴各多少": each side's line for the time told, from the same clause.
            clauses = {e.clause_id for e in chosen}
            chosen = (
                _for_the_askers_time(context, chosen, [e for e in ranked if e.clause_id in clauses]) or chosen
            )
            _trim(chosen, signals, texts)
            sides.append((part.side.label, chosen))
        return composer.comparison(sides, texts)

    def _side_amounts(self, context: AnswerContext, side: Side, signals: PartSignals) -> list[Evidence]:
        library = self._catalog()
        if library is None or side.place is None:
            return []
        place = side.place
        documents = [
            d.doc_id
            for d in library.documents.values()
            if d.jurisdiction is not None and d.jurisdiction.reaches(place)
        ]
        return self._amounts_of(documents, context, signals)

    def _amounts_of(
        self, documents: list[str], context: AnswerContext, signals: PartSignals
    ) -> list[Evidence]:
        """The sentences of these documents stating an amount, retrieved or not, scored for
        the part asked."""
        hits = list(
            eligibility.document_hits(
                documents, self._catalog(), context.today, lambda c: holds(c.text, "money")
            )
        )
        found = self.finder.rank(signals, self.finder.candidates(hits))
        return [e for e in found if holds(e.text, "money")]

    def _with_unretrieved_amounts(
        self, context: AnswerContext, signals: PartSignals, ranked: list[Evidence]
    ) -> list[Evidence]:
        """ "绵阳技能提升补贴多少钱": retrieval found the notice by its benefit's name, in lines
        (对象, 申请, 资金) that state no amount, while its 补贴标准 items share none of the
        question's words. An amount asked that no retrieved line states is looked for in
        those documents' own lines, scored like the rest."""
        if signals.kind.main != "money" or any(holds(e.text, "money") for e in ranked[: 2 * DEPTH]):
            return ranked
        seen = {(e.clause_id, e.text) for e in ranked}
        more = [
            e
            for e in self._amounts_of(eligibility.best_documents(ranked), context, signals)
            if (e.clause_id, e.text) not in seen
        ]
        return sorted(ranked + more, key=lambda e: -e.probability)

    def _parts(
        self,
        context: AnswerContext,
        plan: Plan,
        scored: list[tuple[PartSignals, list[Evidence]]],
        composer: Composer,
    ) -> Draft:
        rule = self.finder.model.selection
        texts: dict[int, str] = {}
        answered = []
        verdicts = []
        library = self._catalog()
        for part, (signals, ranked) in zip(plan.parts, scored, strict=True):
            asked = part.aspect
            left_out = excluded(
                part.own,
                ranked,
                library,
                context.today,
                context.query.asker_region,
                context.query.skill_level,
            )
            holder = _holding(left_out, ranked)
            verdicts.append(left_out.verdict if left_out and holder else "")
            if left_out is not None and holder is not None:
                # "…，离职后还发吗？": the rule that stops or leaves out answers this part.
                texts[id(holder)] = left_out.sentence
                answered.append(("", [holder]))
                continue
            if asked is not None:
                # "…，怎么申请？" is answered by the sentences stating how, as a first question
                # asking only that is, or is said not to be stated: the subject's figure is
                # another part's answer, never this one's.
                chosen = _answering(context, ranked, asked)
                missing = f"{not_stated(ASPECT_NAMES[asked])}，{ASK_HOTLINE}"
            else:
                # Each part holds to the level it names ("莆田中级工…？柳州技师…？"), as a
                # question asking it alone does.
                level = next(iter(levels_in(part.own)), None)
                own = same_level(ranked, level)
                chosen = _supported(pick_for_part(own, rule, signals.kind), ranked, signals, rule)
                if signals.kind.main == "money":
                    chosen = _naming_the_level(chosen, own, level) or chosen
                    if not chosen and level:
                        # "株洲技师岗位津贴多少？…": the line naming the level with its amount,
                        # however low a cover letter naming the allowance left its score.
                        chosen = [e for e in own if level in levels_in(e.text) and holds(e.text, "money")][:1]
                missing = _missing_text(signals.kind)
            _trim(chosen, signals, texts)
            if asked is not None:
                _only_the_aspect(chosen, asked, [x for _, items in answered for x in items], texts)
            answered.append((missing, chosen))
        return composer.parts(answered, texts, verdicts)

    def _aspect_answer(
        self,
        context: AnswerContext,
        plan: Plan,
        signals: PartSignals,
        ranked: list[Evidence],
        composer: Composer,
    ) -> Draft | None:
        """A question asking an aspect alone ("怎么申请？") is answered by the sentences stating
        it, or told it is not stated (one asking it of the benefit it names: _stating_first)."""
        if plan.mode not in ("single", "eligibility"):
            return None
        asked = _asked_aspect(context)
        return None if asked is None else self._aspect(context, asked, signals, ranked, composer)

    def _stated_aspect(
        self,
        context: AnswerContext,
        asked: Aspect,
        signals: PartSignals,
        ranked: list[Evidence],
        composer: Composer,
    ) -> Draft | None:
        """The sentences stating the asked aspect, or None when none does."""
        floor = self.finder.model.selection.refuse_below / 2
        chosen = _answering(context, ranked, asked, depth=12, floor=floor)
        if not chosen:
            return None
        texts: dict[int, str] = {}
        _trim(chosen, signals, texts)
        return composer.single(chosen, texts, verdict=_aspect_verdict(context, asked, chosen, signals.kind))

    def _aspect(
        self,
        context: AnswerContext,
        asked: Aspect,
        signals: PartSignals,
        ranked: list[Evidence],
        composer: Composer,
    ) -> Draft:
        """A follow-up asking how to apply, where, what to bring or until when, of the subject
        the conversation named: the sentences that state it, or a plain "not stated"."""
        stated = self._stated_aspect(context, asked, signals, ranked, composer)
        if stated is not None:
            return stated
        topic = _topic(context)
        about = f"关于“{topic}”，" if topic else ""
        return composer.finish(
            [f"{about}{not_stated(ASPECT_NAMES[asked])}。{ASK_HOTLINE}"], [], answerable=False
        )

    def _level_by_reference(
        self, context: AnswerContext, signals: PartSignals, ranked: list[Evidence], composer: Composer
    ) -> Draft | None:
        """An amount asked for a level a notice pays by another's standard, in an item of its
        own ("（四）取得技师证书的，参照高级工标准执行。"): the other level's amount, then the
        item that says it is theirs, each cited. None otherwise."""
        level = context.query.skill_level
        if signals.kind.main != "money" or not level:
            return None
        library = self._catalog()
        for text, hit in _document_sentences(ranked, library, context.today):
            other = followed_level(text, level)
            if other is None or holds(text, "money"):
                continue
            paid = _paid_item(other, hit.doc.doc_id, ranked, library, context.today)
            if paid is not None:
                amount, source = paid
                body = with_mark(amount, composer.cite(source, amount)) + with_mark(
                    text, composer.cite(hit, text)
                )
                return composer.finish([f"{hit.doc.short_title}：{body}"], [source, hit], answerable=True)
        return None

    def _repealed(self, context: AnswerContext, ranked: list[Evidence], composer: Composer) -> Draft | None:
        """ "这个细则废止了哪个文件？": the leading document's sentence saying what it repeals
        ("《…暂行办法》（九人社发〔2021〕9号）同时废止"), or that it names none."""
        if not ranked or not asks_what_it_repeals(context.question):
            return None
        # The document the question (or "它", carried from the last answer) names leads.
        named = context.query.doc_ids
        lead = [e for e in ranked if e.doc.doc_id == named[0]] + ranked if named else ranked
        for text, hit in _lead_sentences(lead, self._catalog(), context.today):
            if "废止" in text:
                return composer.finish([composer.quoted_line(hit, text)], [hit], answerable=True)
        return composer.finish(
            [f"{lead[0].hit.doc.short_title}没有写明废止其他文件。{ASK_HOTLINE}"], [], answerable=False
        )

    def _single(
        self, context: AnswerContext, signals: PartSignals, ranked: list[Evidence], composer: Composer
    ) -> Draft:
        rule = self.finder.model.selection
        # Body facts (抄报, 责任部门), then a skill level paid by another's standard or not paid.
        early = (
            _of_the_other_sex(context, signals, ranked, composer)
            or _from_body(context, signals, ranked, composer, self._catalog())
            or self._level_by_reference(context, signals, ranked, composer)
            or _level_unpaid(context, signals, ranked, composer, self._catalog())
            or _validity_unstated(context, signals, ranked, composer)
            or self._repealed(context, ranked, composer)
        )
        if early is not None:
            return early
        scored, ranked = ranked, _may_answer(context, ranked)
        chosen = _only_the_number(context, signals.kind, pick_for_part(ranked, rule, signals.kind), ranked)
        chosen = _only_the_issue_field(context, chosen, ranked)
        if signals.kind.main in _ASKS_WHAT_EXISTS and not context.query.doc_ids:
            chosen = in_force_first(chosen, ranked, rule)
        chosen = whole_articles(chosen, ranked, scored)
        # "是2025年发的吗" puts a year forward for the issue date to confirm or deny.
        years = [] if asks_issue_date(_own_or_carried(context)) else list(signals.years)
        if years and not any(speaks_of_years(e, years) for e in chosen):
            # "2019年的目标", "2030年要培养多少": no chosen clause is about that year, and a
            # figure of another period is not the answer.
            related = next((e for e in ranked[:5] if not holds(e.text, signals.kind.main)), None)
            return composer.not_stated(signals.kind, related, years=years)
        if signals.kind.main in _NAMED_TYPES:
            chosen = _in_the_role_asked(context, _holding_the_name(chosen, ranked, signals, rule), ranked)
            if not chosen:
                # A name or a phone number asked for that no supported sentence holds.
                return composer.not_stated(signals.kind, ranked[0])
        if signals.kind.wants_figure:
            stated = _figures_or_refusal(context, signals, chosen, ranked, rule, composer, self._catalog())
            if isinstance(stated, Draft):
                return stated
            # "技师岗位津贴多少": beside the amount, the rule stopping it or punishing those who
            # cheat ("…骗取岗位津贴的，追回…") says nothing of what is paid.
            stated = stated[:1] + [e for e in stated[1:] if not _stops_or_punishes(e)]
            chosen = stated + _other_cities_figures(context, signals, stated, ranked, rule)
        other = _other_scheme(context, signals.kind, [e.hit for e in chosen], ranked, composer)
        if other is not None:
            return other
        texts: dict[int, str] = {}
        _trim(chosen, signals, texts)
        _with_level_references(chosen, context.query.skill_level, texts)
        awards = check_awards(context.resolved or context.question, chosen, ranked, signals.kind, 2 * DEPTH)
        if awards is not None:
            if awards.refused and awards.other is not None:
                return _another_awards_figure(awards, signals, ranked, composer)
            chosen = awards.kept or chosen
            texts.update(awards.texts)
        said, chosen = _verdict_line(context, signals, chosen, ranked)
        if not chosen:
            return composer.finish([said], [], answerable=False)
        said = _askers_verdict(_expired_verdict(said, chosen, composer), [e.hit for e in chosen], context)
        return composer.single(_with_the_standard(context, chosen, self._catalog()), texts, verdict=said)


def _another_awards_figure(
    awards: AwardCheck, signals: PartSignals, ranked: list[Evidence], composer: Composer
) -> Draft:
    """The figure found is another award's: never stated as the asked one's. The asked
    award's own rule, when one states no amount ("湖北省技能大师的奖励由省人社厅按省有关规定
    发放"), is the answer; else the other award's rule, said to be about it."""
    assert awards.other is not None
    own_rule = award_rule(awards.asked, ranked, 2 * DEPTH)
    if own_rule is not None:
        named, rule_line = own_rule
        return composer.not_stated(signals.kind, rule_line, what=f"{named}的金额")
    other, nearest = awards.other
    return composer.other_subject(signals.kind, awards.asked[0], other, nearest)


def _by_a_rule_on_the_asker(
    context: AnswerContext, ranked: list[Evidence], library: Catalog | None, composer: Composer
) -> Draft | None:
    """A yes or no the asker's own situation decides: a rule leaving them out, an age bound,
    or a window to apply that has closed. None otherwise."""
    whether = _age_in_a_whether(context)
    level = context.query.skill_level
    asked = _with_the_sex_told(context)
    left_out = excluded(
        asked, ranked, library, context.today, context.query.asker_region, level, whether
    ) or age_within(asked, ranked, library, context.today, level, whether)
    if left_out is not None:
        line = composer.quoted_line(left_out.hit, left_out.sentence)
        return composer.finish([left_out.verdict, line], [left_out.hit], answerable=True)
    outside = _outside_every_range(context, ranked)
    if outside:
        # "首席技师干了4年，有津贴吗" of a table paying from 满5年: no yes.
        return composer.single(outside, {}, verdict=OUTSIDE_EVERY_RANGE)
    return _too_late(context, ranked, library, composer)


# What a rule's words mean or whom it covers ("本细则所称高技能人才，是指…", "本细则适用于…的
# 企业"): no benefit, however well it names the asker.
_DEFINES = re.compile(r"^(第[一二三四五六七八九十百]+条\s*)?本(办法|细则|通知|规定|方案)(所称|适用于)")


# A benefit taken all year round: "技能提升补贴常年受理", "随时申请".
_ALL_YEAR = re.compile(r"常年(受理|申报|申请|办理)|随时(申请|申报|受理|办理)|全年受理")
# Whether the asker may apply, asked outright: "能申请补贴吗", "可以报吗" (not "能领多少").
_MAY_APPLY = re.compile(r"(能|可以|可不可以|能不能)[^，。？?]{0,6}(申请|申报|申领|领|报名|报)")


# Aspects a sentence states in so few ways that none stating it (retrieved or in the lead
# document) means the documents do not say it: how long the review takes, 公示, how long or
# how often it is paid, what befalls a cheat, who pays, whom the money goes to.
_NARROW_ASPECTS = frozenset({"review", "publicity", "duration", "times", "sanction", "funding", "recipient"})


def _only_the_aspect(
    chosen: list[Evidence], asked: Aspect, before: list[Evidence], texts: dict[int, str]
) -> None:
    """ "学徒制补贴多少？发给谁？": a sentence an earlier part already quoted ("…按每人每年5000元
    标准给予培训补贴，补贴资金拨付给企业，…") is quoted again only for the part of it stating
    the aspect ("补贴资金拨付给企业"), not as a second copy of the same line."""
    quoted = {e.text for e in before}
    for item in chosen:
        if item.text not in quoted:
            continue
        stating = [p for p in re.split(r"[，,；;]", item.text.rstrip("。")) if states(p, asked)]
        if stating:
            texts[id(item)] = "，".join(stating)


def _benefit_not_here(
    context: AnswerContext, plan: Plan, signals: PartSignals, library: Catalog | None, composer: Composer
) -> Draft | None:
    """ "宜昌有以工代训补贴吗": a benefit asked by name that no document of the asker's place
    names, while another place's does: not stated for that place, never the place's nearest
    amount ("取得中级工证书的，每人补贴1500元"). None otherwise, and for an amount asked: the
    agreement check says it is not stated and what the place does pay."""
    if signals.kind.main == "money":
        return None
    place = eligibility.asker_place(context)
    asked = aspects.asked_benefits(context.resolved or context.question)
    if plan.mode not in ("single", "eligibility") or place is None or not asked or library is None:
        return None
    here = [
        d.doc_id
        for d in library.documents.values()
        if d.jurisdiction is not None and d.jurisdiction.covers(place)
    ]
    if not here:
        return None
    # The benefit's own words (its first two characters: 代训 of 代训补贴) or the documents'
    # words for them (社保 → 社会保险), in any clause.
    words = {w for a in asked for w in (a[:2], *phrases_for(a[:2]))}

    def names_it(doc_ids: list[str]) -> bool:
        hits = eligibility.document_hits(
            doc_ids, library, context.today, lambda c: any(w in c.text for w in words)
        )
        return next(iter(hits), None) is not None

    elsewhere = [d for d in library.documents if d not in here]
    if names_it(here) or not names_it(elsewhere):
        return None
    benefit = "、".join(
        sorted(_as_asked(without_places(context.resolved or context.question), a) for a in asked)
    )
    text = f"现有{short_name(place)}的文件没有写到{benefit}。{short_name(place)}是否有此项政策，{ASK_HOTLINE}"
    return composer.finish([text], [], answerable=False)


def _as_asked(question: str, name: str) -> str:
    """A benefit's name as the question says it: "以工代训补贴", not the "代训补贴" its last
    four characters name (up to four more characters before it, to a word of asking)."""
    start = question.find(name)
    if start < 0:
        return name
    begin = start
    while begin > max(0, start - 4) and question[begin - 1] not in _BEFORE_A_NAME:
        begin -= 1
    return question[begin : start + len(name)]


_BEFORE_A_NAME = frozenset("有领拿的了在是我能和及、，,。？?！! 吗呢啥么什")


def _with_unretrieved_aspect(
    context: AnswerContext, ranked: list[Evidence], library: Catalog | None
) -> list[Evidence]:
    """ "宜昌补贴审核要多久": an aspect asked that no retrieved sentence states may sit in the lead
    document's clauses retrieval left out ("…在10个工作日内完成初审，…15个工作日内完成复核"):
    those that state it are added after the evidence, to be quoted as the lead document's."""
    asked = asks_aspect(context.question)
    if asked not in _NARROW_ASPECTS or not ranked or any(states(e.text, asked) for e in ranked[:DEPTH]):
        return ranked
    lead = ranked[0]
    if lead.hit.law_article:
        return ranked  # a law's articles are weighed case by case: its retrieved ones answer
    seen = {e.text for e in ranked}
    more = [
        beside(lead, text, hit)
        for text, hit in _library_sentences([lead.doc.doc_id], library, context.today)
        if text not in seen and states(text, asked) and hit.clause.kind != "header"
    ]
    return ranked + more


def _for_the_askers_certificate(
    context: AnswerContext, plan: Plan, ranked: list[Evidence], library: Catalog | None, composer: Composer
) -> Draft | None:
    """ "我2026年11月拿的证，什么时候截止申请", "我3月拿的证，还来得及吗": the window counted
    from their certificate, worked out, before any sentence that only states a deadline (the
    batches of another benefit). None when no certificate date is told."""
    if plan.mode != "single" or told_when(context.question, context.today) is None:
        return None
    if asks_aspect(context.question) != "deadline" and not asks_if_too_late(context.question):
        return None
    return _too_late(context, ranked, library, composer)


def _too_late(
    context: AnswerContext, ranked: list[Evidence], library: Catalog | None, composer: Composer
) -> Draft | None:
    """Whether the asker can still apply, by the leading document's windows:
    - a window dated for the year of their certificate ("2025年度取得证书的人员，应于2026年6月
      30日前提出申请") that has closed: 不能, that sentence, and the day it closed;
    - a window counted from the certificate ("自取得证书之日起6个月内"), worked out from the
      year and month they got it: 可以, 不能 (and the day it closed), or no verdict when it
      depends on the day;
    - the windows the document dates for this year ("下半年集中受理时间为12月1日至12月25日"):
      open now, still to come, or all closed.
    None when the question asks no such thing or the document dates no window for it."""
    question, today = context.question, context.today
    when = told_when(question, today)
    may_apply = bool(_MAY_APPLY.search(question)) and not ASKS_WHAT.search(question)
    # "现在还能申报吗", and "上半年的还能报吗" (a part of this year's windows).
    asks_now = (may_apply or bool(TAKING.search(question))) and bool(
        ASKS_NOW.search(question) or PART_OF_YEAR.search(question)
    )
    # "我2026年11月拿的证，什么时候截止申请": until when, for their certificate.
    asks_until = when is not None and asks_aspect(question) == "deadline" and bool(ASKS_WHAT.search(question))
    if not ranked or not (asks_if_too_late(question) or (when and may_apply) or asks_now or asks_until):
        return None
    sentences = _lead_sentences(ranked, library, today)
    asked = aspects.asked_benefits(context.resolved or question)
    all_year = _all_year_round(sentences, context.resolved or question)
    if all_year is not None and asks_now and when is None:
        # "宜昌技能提升补贴现在能申报吗" of "技能提升补贴常年受理": yes, whatever the batches.
        return composer.finish(
            ["可以。", composer.quoted_line(all_year[1], all_year[0])], [all_year[1]], True
        )
    dated = for_the_year(list(dict.fromkeys(s for s, _ in sentences)), str(when[0])) if when else []
    if dated:
        return _closed_for_the_year(dated, sentences, context, composer)
    if when is not None:
        counted = _counted_from_certificate(when, sentences, context, composer)
        if counted is not None:
            # Worked out from their certificate: another benefit's batches add nothing.
            verdict, line, hit = counted
            shown = verdict if verdict == "不能。" or not asks_until else ""
            return composer.finish([x for x in (shown, line) if x], [hit], answerable=True)
    elif any(RELATIVE.search(s) for s, _ in sentences) and not asks_now:
        return None  # the window runs from the asker's own certificate, whose date is unsaid
    if asks_until and not asks_now:
        return None  # until when, of a notice counting no window from the certificate
    return _by_this_years_windows(context, sentences, asked, when is None, composer)


def _all_year_round(sentences: list[tuple[str, Retrieved]], question: str) -> tuple[str, Retrieved] | None:
    """The sentence saying the benefit the question names is taken all year round ("技能提升
    补贴常年受理", "职业培训券常年受理"); another benefit's ("生活补贴现在能申报吗") is not."""
    asked = aspects.named_benefits(question)
    if not asked:
        return None
    return next(
        (
            (s, hit)
            for s, hit in sentences
            if _ALL_YEAR.search(s) and any(aspects.names_benefit(s, a) for a in asked)
        ),
        None,
    )


def _by_this_years_windows(
    context: AnswerContext,
    sentences: list[tuple[str, Retrieved]],
    asked: set[str],
    may_say_yes: bool,
    composer: Composer,
) -> Draft | None:
    """Whether applications are taken today, by the windows the lead document dates for
    this year for the benefit asked: open now (可以), still to come, or all closed (不能)."""
    question, today = context.resolved or context.question, context.today

    # A window set for another benefit of the notice (第八条's for 岗位津贴, asked 晋升奖励) is not
    # the asked one's.
    def of_the_asked(hit: Retrieved) -> bool:
        text = hit.clause.text
        return not aspects.named_benefits(text) - asked or any(aspects.names_benefit(text, a) for a in asked)

    part = PART_OF_YEAR.search(context.question)
    windowed = _this_years_windows(
        _on_the_subject([(s, hit) for s, hit in sentences if not asked or of_the_asked(hit)], question),
        today,
        part,
    )
    if windowed is None:
        return None
    state, (start, end), sentence, hit = windowed
    span = f"{chinese_date(start)}至{chinese_date(end)}"
    which = part.group(0) if part else "今年"
    notes = {
        "open": f"目前正在受理期内（{span}）。",
        "coming": f"下一次受理时间为{span}。",
        "closed": f"{which}的受理期已于{chinese_date(end)}截止（今天是{chinese_date(today)}）。",
    }
    verdict = {"closed": "不能。", "coming": "", "open": "可以。" if may_say_yes else ""}[state]
    lines = [composer.quoted_line(hit, sentence), notes[state]]
    return composer.finish([line for line in (verdict, *lines) if line], [hit], answerable=True)


def _closed_for_the_year(
    dated: list[str], sentences: list[tuple[str, Retrieved]], context: AnswerContext, composer: Composer
) -> Draft | None:
    """The window dated for the year of the asker's certificate, when it has closed."""
    ends = {s: max(deadlines(s)) for s in dated}
    if max(ends.values()) >= context.today:
        return None
    sentence = max(ends, key=lambda s: ends[s])
    hit = next(h for s, h in sentences if s == sentence)
    line = composer.quoted_line(hit, sentence)
    closed = f"该申请期限已于{chinese_date(ends[sentence])}截止（今天是{chinese_date(context.today)}）。"
    return composer.finish(["不能。", line, closed], [hit], answerable=True)


def _counted_from_certificate(
    when: tuple[int, int | None],
    sentences: list[tuple[str, Retrieved]],
    context: AnswerContext,
    composer: Composer,
) -> tuple[str, str, Retrieved] | None:
    """The verdict of a window counted from the certificate, for a certificate of that year
    (and month), with its quoted sentence and, when the month is told, the day it closes."""
    today = context.today
    for sentence, hit in sentences:
        said = from_certificate(sentence, when[0], when[1], today)
        if said is None:
            continue
        verdict, closes = said
        line = composer.quoted_line(hit, sentence)
        if closes is not None and verdict == "不能。":
            closed = f"申请期限已于{composer.worked_out_day(closes)}截止（今天是{chinese_date(today)}）"
            line += f"\n按您取得证书的时间，{closed}。"
        elif closes is not None and verdict == "可以。":
            line += f"\n按您取得证书的时间，最晚可在{composer.worked_out_day(closes)}前申请。"
        return verdict, line, hit
    return None


def _on_the_subject(sentences: list[tuple[str, Retrieved]], question: str) -> list[tuple[str, Retrieved]]:
    """The window sentences on what the question names, when some are: "技能大师工作室今年
    还能申报吗" is held against "技能大师工作室建设经费…申报时间为6月1日至6月30日", not the
    next sentence's window for 安家补贴."""
    places = "".join(m.name for m in find_places(question))
    topic = {w for w in tokenize(question) if len(w) >= 2 and w not in places and not ASKS_NOW.search(w)}
    dated = [(s, hit) for s, hit in sentences if windows(s)]
    asked = aspects.named_benefits(question)
    if asked:
        # A benefit asked by name: the windows for it ("工作室建设补助" is not the 岗位津贴's
        # quarter, however many words the two share).
        on_it = [
            (s, hit)
            for s, hit in dated
            if any(aspects.names_benefit(aspects.benefit_context(s, hit.clause.text), a) for a in asked)
        ]
    else:
        on_it = [
            (s, hit)
            for s, hit in dated
            if any(w in aspects.benefit_context(s, hit.clause.text) for w in topic - _WINDOW_WORDS)
        ]
    if not on_it or len(on_it) == len(dated):
        return sentences
    return on_it


# Words of any window sentence: they single none out.
_WINDOW_WORDS = frozenset(
    {"申报", "申请", "受理", "集中", "时间", "年度", "今年", "还能", "能报", "报名", "申领"}
)


def _this_years_windows(
    sentences: list[tuple[str, Retrieved]], today: dt.date, part: re.Match[str] | None = None
) -> tuple[str, tuple[dt.date, dt.date], str, Retrieved] | None:
    """The window of this year open today, else the next to come, else the last closed, with
    its sentence: ("open" | "coming" | "closed", (first, last day), sentence, hit). A part of
    the year asked ("上半年的还能报吗") is that part's window alone, when one is labelled so."""
    labelled = [
        (label, w, s, hit)
        for s, hit in sentences
        for label, w in labelled_windows(s, today.year)
        if w[0].year == today.year
    ]
    if part is not None:
        labelled = [x for x in labelled if part.group(0) in x[0]] or labelled
    spans = [(w, s, hit) for _, w, s, hit in labelled]
    if not spans:
        return None
    for state, pick in (
        ("open", [x for x in spans if x[0][0] <= today <= x[0][1]]),
        ("coming", sorted((x for x in spans if x[0][0] > today), key=lambda x: x[0][0])),
        ("closed", sorted(spans, key=lambda x: x[0][1], reverse=True)),
    ):
        if pick:
            (start, end), sentence, hit = pick[0]
            return state, (start, end), sentence, hit
    return None


# A question about a document that was replaced: "废止了什么", "旧文件", "原来的政策".
_ASKS_OF_THE_OLD = re.compile(
    r"废止|旧(的|文件|通知|政策|规定|办法|标准)|原来|以前|之前|过去|老(文件|政策|通知|标准)"
)


def _without_the_superseded(hits: list[Retrieved], context: AnswerContext) -> list[Retrieved]:
    """The hits without those of a document a retrieved one repeals: with 潍坊's 2026 notice
    found, its repealed 2024 notice's 1200元 is not the amount of today. Kept when the
    question names the old document or asks of what was replaced."""
    question = context.resolved or context.question
    found = {h.doc.doc_id: h.doc for h in hits}
    if _ASKS_OF_THE_OLD.search(question):
        return hits
    years = re.findall(r"(20\d\d)年", question)

    def named(old: DocumentMeta, new: DocumentMeta) -> bool:
        # "2024年的通知规定…": a year only the old one's title carries names it.
        return old.doc_id in context.query.doc_ids or any(
            y in old.title and y not in new.title for y in years
        )

    return [h for h in hits if h.doc.repealed_by not in found or named(h.doc, found[h.doc.repealed_by])]


def _may_answer(context: AnswerContext, ranked: list[Evidence]) -> list[Evidence]:
    """The evidence that may answer: not another skill level's line, and not the title line
    when the 文号 is asked."""
    ranked = same_level(ranked, context.query.skill_level)
    if asks_document_number(context.resolved or context.question):
        ranked = [e for e in ranked if not title_line(e)]
    return ranked


def _document_sentences(
    ranked: list[Evidence], library: Catalog | None, today: dt.date
) -> Iterator[tuple[str, Retrieved]]:
    """The best evidence's sentences, then, only when asked for more, every sentence of the
    documents it comes from (the item that answers may be one retrieval left out:
    "（四）技师（二级）参照高级工标准执行；")."""
    yield from ((e.text, e.hit) for e in ranked[:DEPTH])
    yield from _library_sentences(eligibility.best_documents(ranked), library, today)


def _lead_sentences(
    ranked: list[Evidence], library: Catalog | None, today: dt.date
) -> list[tuple[str, Retrieved]]:
    """The sentences of the leading document alone: what it repeals, the windows it dates."""
    lead = ranked[0].hit.doc.doc_id
    return [(s, hit) for s, hit in _document_sentences(ranked, library, today) if hit.doc.doc_id == lead]


def _library_sentences(
    doc_ids: list[str],
    library: Catalog | None,
    today: dt.date,
    keep: Callable[[Clause], bool] = lambda _: True,
) -> Iterator[tuple[str, Retrieved]]:
    """Every sentence the library holds of these documents (of the clauses `keep` accepts),
    with its clause."""
    for hit in eligibility.document_hits(doc_ids, library, today, keep):
        yield from ((sentence.strip(), hit) for sentence in split_sentences(hit.clause.text))


def _paid_item(
    level: str, doc_id: str, ranked: list[Evidence], library: Catalog | None, today: dt.date
) -> tuple[str, Retrieved] | None:
    """The sentence of a document paying one skill level, with its clause: from the evidence,
    else from the library's clauses of that document."""
    evidence = ((e.text, e.hit) for e in ranked if e.doc.doc_id == doc_id)
    own = _library_sentences([doc_id], library, today)
    return next(
        ((text, hit) for text, hit in itertools.chain(evidence, own) if _pays_only(text, level)),
        None,
    )


def _pays_only(sentence: str, level: str) -> bool:
    return holds(sentence, "money") and levels_in(sentence) == [level]


def _level_unpaid(
    context: AnswerContext,
    signals: PartSignals,
    ranked: list[Evidence],
    composer: Composer,
    library: Catalog | None,
) -> Draft | None:
    """An amount asked for a skill level the best evidence pays other levels but not this one:
    the sentence of its document leaving that level out, when there is one; else said not
    to be stated, with the levels it does pay. None otherwise."""
    level = context.query.skill_level
    question = context.resolved or context.question
    # "技师有培训补贴吗", "技师证补贴": a benefit of money asked by name is asked its amount too.
    of_money = signals.kind.main == "money" or (signals.kind.main in _ASKS_BY_NAME and names_money(question))
    others = other_levels_paid(ranked, level) if of_money else []
    if of_money and level and not others and ranked and signals.kind.main != "money":
        # "中级工有岗位津贴吗" when retrieval put the notice's conditions first: its table,
        # read whole from the library, pays the levels it pays.
        lead = [beside(ranked[0], text, hit) for text, hit in _lead_sentences(ranked, library, context.today)]
        others = other_levels_paid(lead, level, depth=len(lead))
    if not level or not others:
        return None
    documents = list(dict.fromkeys(e.doc.doc_id for e in others))
    for text, hit in _document_sentences(ranked, library, context.today):
        if hit.doc.doc_id in documents and LEAVES_OUT.search(text) and names_level(text, level):
            # "取得技师（二级）、高级技师（一级）证书的，…不适用本通知": the notice says so.
            lead = f"{level}不在本文件的补贴范围内。"
            return composer.finish([lead, composer.quoted_line(hit, text)], [hit], answerable=True)
    paid = {lv for e in others for lv in levels_in(e.text)}
    named = "、".join(lv for lv in skill_levels() if lv in paid)
    return composer.other_subject(signals.kind, level, named, others[0])


def _with_level_references(chosen: list[Evidence], level: str | None, texts: dict[int, str]) -> None:
    """ "高级技师呢？" answered by the 技师 amount: quoted with the sentence that says it is
    theirs too."""
    for item in chosen:
        reference = level_reference(item, level)
        if reference:
            texts[id(item)] = f"{texts[id(item)].rstrip('；;。')}；{reference}"


def _askers_verdict(said: str, cited: list[Retrieved], context: AnswerContext) -> str:
    """A yes (有, 可以, 会) is the asker's only from a document covering where they are: a 苏州
    worker asking about 南通's subsidy gets 南通's rule, said not to be 苏州's, and no 可以."""
    asker = context.query.asker_region
    if asker is None or not said.startswith(("有", "可以", "会")) or said.startswith("有关"):
        return said
    if any(h.doc.jurisdiction is None or h.doc.jurisdiction.covers(asker) for h in cited):
        return said
    return ""


def _in_the_role_asked(
    context: AnswerContext, chosen: list[Evidence], ranked: list[Evidence]
) -> list[Evidence]:
    """Asked who holds a role ("办公室主任是谁？"), the sentence naming that role, not one naming
    others of the same body (组长, 副组长) that the conversation asked before."""
    role = _ROLE.search(_own_or_carried(context))
    if role is None:
        return chosen
    holding = [e for e in ranked[: 2 * DEPTH] if role.group("role") in e.text and holds(e.text, "person")]
    return holding[:1] or chosen


_ROLE = re.compile(r"(?P<role>[\u4e00-\u9fff]{2,8}?)(是谁|由谁担任|谁担任|谁当|谁任)")


def _holding_the_name(
    chosen: list[Evidence], ranked: list[Evidence], signals: PartSignals, rule: SelectionRule
) -> list[Evidence]:
    """For a name or a phone number asked: the chosen sentences if one holds it, else the best
    supported one that does ("第六条 政策咨询电话：…" below the notice's cover letter); empty
    when none does. A phone number of the leading document needs no more support: a
    document gives its own numbers once, in a line that shares few words with any question."""
    kind = signals.kind.main
    if any(holds(e.text, kind) for e in chosen):
        # Only the sentences holding it: "找谁咨询？" after an amount is not the amount again.
        return [e for e in chosen if holds(e.text, kind)]
    lead = ranked[0].hit.doc.doc_id if ranked else None
    supported = (e for e in ranked[:DEPTH] if e.probability >= rule.refuse_below)
    own_number = (e for e in ranked if kind == "contact" and e.hit.doc.doc_id == lead)
    return [e for e in [*supported, *own_number] if holds(e.text, kind)][:1]


def _for_the_level(sentence: str, level: str | None) -> bool:
    """A line granting something to an asker of a skill level: it names the level (or a range
    of levels), or it names nobody in particular; "支持技工院校毕业生…享受…补贴" is another
    group's, not a 技师's."""
    if not level:
        return True
    if levels_in(sentence):
        return names_level(sentence, level)
    return not find_groups(sentence)


def _expired_verdict(said: str, chosen: list[Evidence], composer: Composer) -> str:
    """A bare 有/可以 from documents that have all expired says so itself, naming them (and
    their expiry notes are not added again)."""
    if said not in (YES, "可以。") or not chosen or not all(e.hit.expired for e in chosen):
        return said
    expired = list(dict.fromkeys(e.doc.doc_id for e in chosen))
    composer.flagged_expired.update(expired)
    titles = list(dict.fromkeys(e.doc.short_title for e in chosen))
    return yes_but_expired(titles, said.rstrip("。"))


def _verdict_line(
    context: AnswerContext, signals: PartSignals, chosen: list[Evidence], ranked: list[Evidence]
) -> tuple[str, list[Evidence]]:
    """The line before the quoted sentences (a verdict, or what they do not say), and the
    sentences it stands for."""
    question = context.resolved or context.question
    # The yes-or-no form is the question's own ("评上有奖金吗"), or the carried question's
    # when the follow-up has none ("江苏呢？"); resolving drops a follow-up's 吗.
    said = verdict(signals.kind, _yes_no_form(context), [e.text for e in chosen])
    if said == YES:
        # "有补贴吗" asks whether a benefit exists: "有" only from the sentences that grant
        # it to what the question is about (its focus words: "技术能手有奖励吗" is not
        # answered by a reward system for skilled workers in general). When none of the
        # chosen sentences does, they are still what the documents say on the subject:
        # given as such, without a "有" they do not support.
        asked = eligibility.verdict_kinds(question)
        granting = [
            e
            for e in chosen
            # "（三）高级工（三级）2000元" under "二、补贴标准" grants a 补贴: its heading says so.
            if eligibility.grants_asked(f"{' '.join(e.hit.clause.headings)} {e.text}".strip(), question)
            and (not signals.focus_terms or e.feature("focus") > 0)
            and _for_the_level(e.text, context.query.skill_level)
        ]
        if granting:
            chosen = granting
        else:
            said = f"以下规定与您的问题相关，但没有明确说给予{_asked_benefit(asked)}："
    unnamed = _groups_unnamed(context, chosen)
    about_the_document = signals.kind.main in ABOUT_THE_DOCUMENT | _NAMED_TYPES or asks_metadata(question)
    if unnamed and not about_the_document:
        # (A document's 文号 or period is everyone's: no group goes unnamed in it.)
        groups = "、".join(group_as_said(g, context.question) for g in unnamed)
        scope = _scope_lines(context, ranked)
        if scope:
            # "灵活就业人员能领吗" of a notice whose 适用对象 lists others: who it is for is
            # the answer, and the group asked is not among them.
            return f"以下是文件写明的适用对象，其中没有提到{groups}：", scope
        if all(e.hit.clause.frames_document for e in chosen):
            # Only a preamble came near: the document is silent on the group, said plainly.
            titles = "、".join(dict.fromkeys(e.doc.short_title for e in chosen))
            return f"{titles}没有写到{groups}。{ASK_HOTLINE}", []
        # "宁夏的退役军人呢？" answered by lines that never name veterans: said, not implied.
        said = f"以下规定没有专门提到{groups}，仅供参考："
    return said, chosen


# The heading of the part of a notice that says whom it is for.
_SCOPE_HEADING = re.compile(r"(适用|补贴|支持|扶持|申请|保障|服务)(对象|范围|条件)|对象范围")


def _scope_lines(context: AnswerContext, ranked: list[Evidence]) -> list[Evidence]:
    """The sentences under a 适用对象 (补贴对象, 申请条件 …) heading among the best-ranked
    evidence of documents that apply, the best one's document only; none when no heading
    says so or when those lines name the groups asked after all."""
    scoped = [
        e
        for e in ranked
        if e.hit.applies is not False
        and (
            any(_SCOPE_HEADING.search(h) for h in e.hit.clause.headings)
            # "（一）补贴对象。在我市依法参加失业保险…的企业职工": titled by its own run-in title.
            or titles_aspect(e.hit.clause.label, [], "conditions")
        )
    ]
    if not scoped:
        return []
    doc_id = scoped[0].hit.doc.doc_id
    lines = [e for e in scoped if e.hit.doc.doc_id == doc_id]
    return [] if _groups_unnamed(context, lines) == [] else lines


def _groups_unnamed(context: AnswerContext, chosen: list[Evidence]) -> list[str]:
    """The worker groups the resolved question names (its own, those carried from earlier
    turns and the profile's it kept) that no chosen line, nor its headings, names."""
    asked = _groups_asked(context)
    if not asked or not chosen:
        return []
    # A document whose title names the group ("职工技能提升补贴") is about it in every line.
    named = {g for e in chosen for g in find_groups(f"{e.doc.title} {e.hit.clause.search_text} {e.text}")}
    return [] if named & set(asked) else asked


# What a carried question asks whether one may have: "…能领岗位津贴".
_MAY_HAVE = re.compile(r"(能|可以|可不可以|能不能)[^，。？?]{0,6}(领|申请|申领|享受|拿|参加)")


def _with_the_sex_told(context: AnswerContext) -> str:
    """ "那我51岁呢？" after "我是…的女职工，49岁，…": the age asked with the sex the
    conversation told, which the follow-up does not repeat."""
    own = context.question
    told = sex_named(context.resolved or "") if _is_followup(context) and sex_named(own) is None else None
    return f"{told}性，{own}" if told else own


def _age_in_a_whether(context: AnswerContext) -> bool:
    """ "那我同事52岁呢" after "我60岁了…能领岗位津贴吗": a new age, asked of whether one may
    have what the conversation is about."""
    own = context.question
    return tells_age(own) and _is_followup(context) and bool(_MAY_HAVE.search(context.resolved or ""))


def _yes_no_form(context: AnswerContext) -> str:
    own = context.question
    return own if answer_kind(own).wants("yesno") else (context.resolved or own)


def _only_the_number(
    context: AnswerContext, kind: AnswerKind, chosen: list[Evidence], ranked: list[Evidence]
) -> list[Evidence]:
    """Asked a document's 文号 alone (after a question on its award, say): the header's line
    that gives it, without the sentence the conversation was about; asked with who issued it
    or when ("哪个部门发的，文号多少"), each field's line of the same header card."""
    asked = _own_or_carried(context)
    if not asks_document_number(asked):
        return chosen
    also = (("发文机关", _ISSUED_BY.search(asked)), ("印发日期", asks_issue_date(asked)))
    wanted = [field for field, asks in also if asks]
    lead = chosen[0].doc.doc_id if chosen else None
    # Asked with another field, the 文号 line of the leading document's header card, chosen
    # or not ("文号是多少？是哪个部门发的？" may score the issuer's line first).
    candidates = chosen if not wanted else [*chosen, *(e for e in ranked if e.doc.doc_id == lead)]
    number = [e for e in candidates if e.hit.clause.kind == "header" and holds(e.text, "document")][:1]
    if wanted and number:
        card = [e for e in ranked if e.clause_id == number[0].clause_id]
        lines = [next((e for e in card if e.text.startswith(f)), None) for f in wanted]
        return number + [e for e in lines if e is not None]
    if any(kind.wants(other) for other in ("organisation", "date", "period", "person")):
        return chosen  # "文号和实施期限": the sentences chosen for both
    return number or chosen


def _only_the_issue_field(
    context: AnswerContext, chosen: list[Evidence], ranked: list[Evidence]
) -> list[Evidence]:
    """Asked when a document was issued ("哪天发的") or who issued it ("谁发的"): its header's
    印发日期 or 发文机关 line, not a preamble, its period (which also holds dates) or the
    sentence the conversation was about."""
    asked = _own_or_carried(context)
    date, issuer = asks_issue_date(asked), bool(_ISSUED_BY.search(asked))
    if date == issuer or asks_document_number(asked):
        return chosen  # neither, or several fields: "哪个部门发的，文号是什么" keeps each line
    field = "印发日期" if date else "发文机关"
    naming = [e for e in chosen if _names_its_issuer(e)]
    if not date and naming:
        return naming  # the body names the issuer itself ("省政府办公厅印发…的通知")
    lead = chosen[0].doc.doc_id if chosen else None
    stated = [e for e in ranked if e.doc.doc_id == lead and e.text.startswith(field)]
    return stated[:1] or chosen


def _names_its_issuer(evidence: Evidence) -> bool:
    """The sentence says who issued its document: the header card's 发文机关 line, the
    letterhead, or a body issuing it ("省政府办公厅印发…"); not a body it only mentions ("根据
    《宿迁市委关于…的建议》", "…人力资源和社会保障局网上办事大厅")."""
    text = evidence.text
    return text.startswith("发文机关") or issuer_line(evidence) or _ISSUES.search(text) is not None


# A body saying who issues it: "省政府办公厅印发关于…的通知", "现由市人社局印发".
_ISSUES = re.compile(r"(厅|局|部|委|政府|办公室)(联合)?(印发|制定|发布)")


_ISSUED_BY = re.compile(r"(谁|哪个部门|哪个单位|哪家|什么部门|哪个机关)(发|印发|出台|制定|下发)|发文机关")


def _unsupported(
    context: AnswerContext,
    plan: Plan,
    scored: list[tuple[PartSignals, list[Evidence]]],
    near: bool,
    composer: Composer,
) -> Draft:
    """Nothing supported enough to answer: not stated, with the related rule when the best
    evidence is `near` enough and is the asker's."""
    kind = plan.parts[0].kind
    unasked = _other_scheme(context, kind, [], [], composer)
    if unasked is not None:
        return unasked
    related = next((ranked[0] for _, ranked in scored if ranked), None) if near else None
    if related is not None and transmits(related):
        related = None  # whom a notice is sent to is no rule
    if plan.mode == "eligibility" and related is not None and not eligibility.theirs(related, context):
        related = None  # another group's rule is not "the related rule" for this asker
    return composer.not_stated(kind, related)


def _figure_not_stated(
    context: AnswerContext, kind: AnswerKind, ranked: list[Evidence], composer: Composer
) -> Draft:
    """An amount (or count) asked for that no supporting sentence states: said so, with the
    rule beside it, never a figure of this kind beside "not stated"."""
    unasked = _other_scheme(context, kind, [], ranked, composer)
    if unasked is not None:
        return unasked
    unstated = [e for e in ranked[:5] if not holds(e.text, kind.main) and not transmits(e)]
    return composer.not_stated(kind, next((e for e in unstated if not _ASSIGNS.search(e.text)), None))


def _other_scheme(
    context: AnswerContext,
    kind: AnswerKind,
    cited: list[Retrieved],
    ranked: list[Evidence],
    composer: Composer,
) -> Draft | None:
    """失业金, 公租房, 医保 … asked, and no clause to be cited names that scheme: another
    scheme's figure is not the answer, and a rule that never names it does not say yes to
    it. Said plainly not to be stated: a sentence that only mentions the scheme (a skills
    subsidy for those who paid 失业保险费, a list excluding 领取养老金的人员) is not its rule,
    and the documents closest to a question the library does not cover are no help. None
    otherwise."""
    question = context.resolved or context.question
    schemes = asked_schemes(question)
    if not schemes or any(names_what_is_asked(_about(hit), schemes[0], question) for hit in cited):
        return None
    detail = MISSING_FIGURE.get(kind.main, "具体数字") if kind.wants_figure else "规定"
    return composer.not_stated(kind, None, what=f"{schemes[0]}的{detail}", closest=False)


def _about(hit: Retrieved) -> str:
    """What a clause is about: its own words and its document's title (every clause of "…租房
    补贴实施办法" is about 租房补贴)."""
    return f"{hit.doc.title} {hit.clause.search_text}"


def _from_body(
    context: AnswerContext,
    signals: PartSignals,
    ranked: list[Evidence],
    composer: Composer,
    library: Catalog | None = None,
) -> Draft | None:
    """抄报 units, a measure's 责任部门, a cited 文号, what a body does: the body states them,
    never the notice's own header card; not stated in the body is not stated. None for any
    other question."""
    question = context.resolved or context.question
    body = body_fact(question, ranked)
    if body is None:
        return None
    what, holders = body
    if not holders and ranked and duties_asked(question):
        # "县人社部门负责什么": the lead document's article on who does what, retrieved or not.
        lead = ranked[0]
        unretrieved = [
            beside(lead, t, h) for t, h in _library_sentences([lead.doc.doc_id], library, context.today)
        ]
        holders = (body_fact(question, unretrieved) or (what, []))[1]
    if holders:
        return composer.single(holders, {})
    nearest = next((e for e in ranked if e.hit.clause.kind != "header"), None)
    return composer.not_stated(signals.kind, nearest, what=what)


# "责任单位：省人社厅…按职责分工负责": who carries a measure out, never what it says; not the
# rule to give beside "the figure is not stated".
_ASSIGNS = re.compile(r"^(责任单位|牵头单位|责任部门|配合单位)|按职责分工负责")


def _stated_figures(
    context: AnswerContext,
    signals: PartSignals,
    chosen: list[Evidence],
    ranked: list[Evidence],
    rule: SelectionRule,
    library: Catalog | None,
) -> list[Evidence] | None:
    """The sentences stating the asked figure; for an amount, every level's item under one
    heading when nothing asked (a level, a group, a year) picks one of them, retrieved or
    not."""
    level = context.query.skill_level
    referenced = [e for e in chosen if holds(e.text, signals.kind.main) and level_reference(e, level)]
    if referenced:
        # The clause says the asked level is paid as this item's level: its figure is theirs.
        return referenced[:1]
    asked = context.resolved or context.question
    figure = with_figure(chosen, ranked, signals.kind, rule, asked, context.query.groups)
    stated = _naming_the_level(figure, ranked, level)
    stated = _for_the_askers_time(context, stated, ranked)
    if stated is None or signals.kind.main != "money":
        return stated
    if not _pays_what_was_asked(context.resolved or context.question, stated[0].text):
        return None  # "贷款最多能贷多少" is not answered by an award's 1万元
    stated = _paid_as_often_as_asked(context, stated, ranked, level)
    told = told_months(context.resolved or context.question)
    if _groups_asked(context) or signals.years or told is not None:
        return stated  # something the asker said picks the line
    first = stated[0]
    parent = first.hit.clause.path[:-1]

    def table_line(clause: Clause) -> bool:
        # What item_siblings reads: the stated clause's own sentences, or its sibling items.
        return clause.clause_id == first.clause_id or (
            clause.path[:-1] == parent and bool(clause.path) and bool(ITEM_NUMBER.match(clause.path[-1]))
        )

    unretrieved = [
        beside(first, sentence, hit)
        for sentence, hit in _library_sentences([first.doc.doc_id], library, context.today, table_line)
    ]
    table = item_siblings(first, ranked + unretrieved, signals.kind)
    if level:
        # A level picks its own line; its lines that differ by something else ("缴费满1年
        # 不满3年的，技师每人每月300元…") are all its own. Levels asked together ("技师和高级
        # 技师…多少") each keep theirs.
        asked_levels = levels_in(asked) or [level]
        table = [e for e in table if any(names_level(e.text, lv) for lv in asked_levels)]
    if len(table) <= 1:
        # "首席技师津贴一个月多少" of "满5年不满10年的，每月500元；满10年不满20年的，每月800元；
        # 满20年及以上的，每月1200元": asked with no time, the amount is every range's line.
        table = _range_table(first) or table
    return table if len(table) > 1 else stated


OUTSIDE_EVERY_RANGE = "按您说的时间，文件写明的标准中没有适用于您的档次。文件的规定是："


def _range_table(stated: Evidence, told: int = 0) -> list[Evidence]:
    """The lines of the stated sentence's clause that each pay for a range of time, in the
    clause's order, when there are two or more; empty otherwise."""
    clause = stated.hit.clause
    lines = [
        beside(stated, s.text, stated.hit)
        for s in clause_sentences(clause)
        if holds(s.text, "money") and for_the_askers_time(s.text, told, clause.text) is not None
    ]
    return lines if len(lines) > 1 else []


def _outside_every_range(context: AnswerContext, ranked: list[Evidence]) -> list[Evidence]:
    """ "首席技师干了4年，津贴多少" of a table paying from 满5年: the asker's time is in none of
    its ranges, and the table is the answer, not its first line. Empty when the asker tells
    no time, or a line's range holds it."""
    told = told_months(context.resolved or context.question)
    paying = next((e for e in ranked[:DEPTH] if holds(e.text, "money")), None)
    if told is None or paying is None:
        return []
    table = _range_table(paying, told)
    clause = paying.hit.clause.text
    if not table or any(for_the_askers_time(e.text, told, clause) for e in table):
        return []
    return table


def _for_the_askers_time(
    context: AnswerContext, stated: list[Evidence] | None, ranked: list[Evidence]
) -> list[Evidence] | None:
    """ "缴费满3年，能领几个月失业金": the line whose range of time holds the asker's ("缴费时间
    一至四年的，每满一年…") leads, when a retrieved line has it; lines for other ranges
    ("累计缴费满五年不足十年的…") go. Lines setting no range (a bound for all) stay."""
    told = told_months(context.resolved or context.question)
    if told is None or not stated:
        return stated

    def fits(e: Evidence) -> bool | None:
        return for_the_askers_time(e.text, told, e.hit.clause.text)

    kept = [e for e in stated if fits(e) is not False]
    if any(fits(e) for e in kept):
        return kept
    fitting = next((e for e in ranked if fits(e)), None)
    return [fitting, *kept] if fitting is not None else kept or stated


def _figures_or_refusal(
    context: AnswerContext,
    signals: PartSignals,
    chosen: list[Evidence],
    ranked: list[Evidence],
    rule: SelectionRule,
    composer: Composer,
    library: Catalog | None,
) -> list[Evidence] | Draft:
    """The sentences stating the asked figure, or the answer saying it is not stated (none
    does, or the one found is another benefit's, or the asker's time is in none of the
    ranges a table pays for)."""
    outside = _outside_every_range(context, ranked) if signals.kind.main == "money" else []
    if outside:
        return composer.single(outside, {}, verdict=OUTSIDE_EVERY_RANGE)
    stated = _stated_figures(context, signals, chosen, ranked, rule, library)
    if stated is None:
        return _figure_not_stated(context, signals.kind, ranked, composer)
    other = _of_another_benefit(context, signals, stated[0], composer)
    if other is None:
        return stated
    # "以工代训补贴多少" answered by the certificate subsidy's 800元: a line of the benefit
    # asked by name, when one states an amount, is its answer.
    # A level asked picks that level's line of it ("南充高级技师安家补贴多少").
    question = context.resolved or context.question
    level = context.query.skill_level
    own = [e for e in ranked[: 2 * DEPTH] if holds(e.text, "money") and _of_the_benefit_asked(e, question)]
    own.sort(key=lambda e: not (level and names_level(e.text, level)))
    if not own:
        return other
    # Each line of that clause for the level ("满3年的高级技师，每月发放500元；满5年的…800元").
    lines = [e for e in own if e.clause_id == own[0].clause_id and (not level or names_level(e.text, level))]
    return sorted(lines, key=lambda e: position_in(e.hit.clause.text, e.text))


def _of_another_benefit(
    context: AnswerContext, signals: PartSignals, stated: Evidence, composer: Composer
) -> Draft | None:
    """ "绵阳技师的安家补贴是多少" of a notice paying a 技能提升补贴: the amount found is that
    benefit's, said so, and the 安家补贴's is not stated. None when the sentence, its clause
    ("第九条 …按照以下标准发放安家补贴：…满3年的高级技师，每月发放500元"), its headings or its
    document name the asked benefit, or name no other."""
    asked = aspects.asked_benefits(context.resolved or context.question)
    if not asked:
        return None
    clause = stated.hit.clause
    about = " ".join([stated.text, *clause.headings, clause.label, stated.doc.title])
    others = aspects.named_benefits(about) - asked
    if (
        any(aspects.names_benefit(about, a) or aspects.names_benefit(clause.text, a) for a in asked)
        or not others
    ):
        return None
    other = min(others, key=about.find)
    at = about.find(other)
    lead = about[max(0, at - 2) : at]  # "技能提升补贴", not "提升补贴"
    named = f"{lead}{other}" if len(lead) == 2 and not re.search(r"[的于好为了在与和及、]", lead) else other
    question = without_places(context.resolved or context.question)
    asked_names = "、".join(sorted(_as_asked(question, a) for a in asked))
    return composer.other_subject(signals.kind, asked_names, named, stated)


def _paid_as_often_as_asked(
    context: AnswerContext, stated: list[Evidence], ranked: list[Evidence], level: str | None
) -> list[Evidence]:
    """ "我每个月能领多少" asks a monthly amount: a one-off award ("首次取得…的，每人奖励3200元")
    gives way to a line of the retrieved clauses paying by the month ("…每人每月260元"), of
    the asker's level when they gave one. With no such line, the amount found stands."""
    asked = pay_periods(_own_or_carried(context))
    if len(asked) != 1 or asked <= pay_periods(stated[0].text):
        return stated
    return next(
        (
            [e]
            for e in ranked[:DEPTH]
            if asked <= pay_periods(e.text)
            and holds(e.text, "money")
            and not (level and other_levels_only(e.text, level))
        ),
        stated,
    )


# A sentence saying how long something is valid: "证书有效期为三年", "有效期限五年", "长期有效".
_VALID_FOR = re.compile(r"有效期|有效期限|长期有效|年内有效|内有效")


_SEXES = {"男": "男职工", "女": "女职工"}


def _of_the_other_sex(
    context: AnswerContext, signals: PartSignals, ranked: list[Evidence], composer: Composer
) -> Draft | None:
    """ "男职工的陪产假有多少天": when the rule found is about the other sex alone ("女职工生育
    享受98天产假") and no rule found names the asked one, the asked one's is not stated; the
    rule found is given as being about the other."""
    asked = sex_named(context.resolved or context.question)
    body = [e for e in ranked[:DEPTH] if e.hit.clause.kind != "header"]
    if asked is None or not body:
        return None
    other = "女" if asked == "男" else "男"
    if sex_named(body[0].text) != other or any(
        sex_named(e.text) in (asked, None) and asked in e.text for e in body
    ):
        return None
    return composer.other_subject(signals.kind, _SEXES[asked], _SEXES[other], body[0])


# A benefit's standard stated in a sentence of its own: "生育补助金标准为其住院生育费用的
# 百分之七十", "丧葬补助金按…发给".
_STANDARD_STATED = re.compile(r"标准(为|是|按)|按[^。；]{1,24}(发给|计发|支付|发放|确定)|百分之|\d+(元|%)")


def _with_the_standard(
    context: AnswerContext, chosen: list[Evidence], library: Catalog | None
) -> list[Evidence]:
    """ "领失业金期间生孩子有补助吗": the list naming 生育补助金 says there is one; its
    document's sentence stating what it is ("生育补助金标准为…") follows it. Only when the
    answer states no amount, and only for a benefit of the list the question speaks of."""
    if not chosen or any(holds(e.text, "money") or _STANDARD_STATED.search(e.text) for e in chosen):
        return chosen
    lead = chosen[0]
    named = [b for e in chosen for b in aspects.named_benefits(e.text) if b[:2] in context.query.normalised]
    quoted = {e.text for e in chosen}
    for text, hit in _library_sentences([lead.doc.doc_id], library, context.today) if named else ():
        at = min((text.find(b) for b in named if b in text), default=-1)
        if text not in quoted and 0 <= at < 12 and _STANDARD_STATED.search(text[at:]):
            return [*chosen, beside(lead, text, hit)]
    return chosen


def _validity_unstated(
    context: AnswerContext, signals: PartSignals, ranked: list[Evidence], composer: Composer
) -> Draft | None:
    """ "残疾人证的有效期是几年": a rule on how long the thing is valid answers, or nothing
    does; the document's own period or another span of years is no answer."""
    thing = thing_expiring(context.question)
    if (
        thing is None
        or not signals.kind.wants("period")
        or any(_VALID_FOR.search(e.text) for e in ranked[:DEPTH])
    ):
        return None
    return composer.not_stated(signals.kind, None, what=f"{thing}的有效期")


# Amounts of a kind of their own: a loan, a wage. Asked for one, an amount of anything else
# (an award, a subsidy) is no answer.
_OWN_KIND_AMOUNTS = (re.compile(r"贷款|贷多少|能贷|可贷"), re.compile(r"工资|薪酬|薪资|月薪"))


def _of_the_askers_level(
    picked: list[Evidence],
    ranked: list[Evidence],
    level: str | None,
    unretrieved: list[Evidence] | None = None,
) -> list[Evidence]:
    """An eligibility answer for an asker of a skill level ("刚拿到技师证，每个月有补贴吗"):
    a line naming only other levels ("取得高级工证书的，每人每月400元") gives way to its
    document's line naming the asker's ("取得技师证书的，每人每月700元"), or is left out.
    The document's lines are the retrieved ones, then those retrieval left out."""
    if not level:
        return picked
    lines = [*ranked[: 2 * DEPTH], *(x for x in unretrieved or [] if x.text not in {e.text for e in ranked})]
    out: list[Evidence] = []
    for e in picked:
        if not other_levels_only(e.text, level):
            replacement = e
        else:
            own = (
                x
                for x in lines
                if x.doc.doc_id == e.doc.doc_id and level in levels_in(x.text) and benefit_kind(x.text)
            )
            replacement = next(own, None)
        if replacement is not None and replacement not in out:
            out.append(replacement)
    if out:
        # The lead document's other lines paying the asker's level:
        # "能领岗位津贴吗" from a 技师 is its monthly table before its rule on how long it is paid;
        # "我能领什么" is that table beside the one-off 晋升奖励.
        lead, pays = out[0].doc.doc_id, any(holds(e.text, "money") for e in out)
        paid = [
            x
            for x in lines
            if x.doc.doc_id == lead and x not in out and holds(x.text, "money") and names_level(x.text, level)
        ][:3]
        out = out + paid if pays else paid + out
    return out


def _naming_the_level(
    stated: list[Evidence] | None, ranked: list[Evidence], level: str | None
) -> list[Evidence] | None:
    """An amount asked for a skill level: the line that names the level and states an
    amount, when the one chosen names no level ("技师津贴多少" is not answered by "获得“连云
    港工匠”称号的，每人每月1000元" while "取得技师证书的，每人每月500元" is there); and no
    amount of a line that names no level beside it."""
    if not stated or not level:
        return stated
    if level not in levels_in(stated[0].text):
        named = [
            e
            for e in ranked[: 2 * DEPTH]
            if e.doc.doc_id == stated[0].doc.doc_id and level in levels_in(e.text) and holds(e.text, "money")
        ]
        if not named:
            return stated
        stated = [named[0], *(e for e in stated if e is not named[0])]
    return [stated[0], *(e for e in stated[1:] if not holds(e.text, "money") or level in levels_in(e.text))]


def _other_cities_figures(
    context: AnswerContext,
    signals: PartSignals,
    stated: list[Evidence],
    ranked: list[Evidence],
    rule: SelectionRule,
) -> list[Evidence]:
    """Asked for an amount in a province ("我在江苏，考了高级工证能拿多少？") that only its
    cities' notices state: each other city's line stating it too, one per city, two at most.
    One city's figure alone would read as the province's; each is then said to hold only in
    its city."""
    places = context.query.places or ([context.query.asker_region] if context.query.asker_region else [])
    first = stated[0].doc.jurisdiction if stated else None
    if signals.kind.main != "money" or not places or any(p.city for p in places):
        return []
    if first is None or first.city is None:
        return []
    seen = {e.doc.doc_id for e in stated}
    out: list[Evidence] = []
    for e in ranked[:DEPTH]:
        where = e.doc.jurisdiction
        if e.doc.doc_id in seen or where is None or where.city is None or where.province != first.province:
            continue
        if e.probability >= rule.refuse_below and holds(e.text, "money") and e.hit.applies is not False:
            out.append(e)
            seen.add(e.doc.doc_id)
    return out[:2]


def _pays_what_was_asked(question: str, sentence: str) -> bool:
    return all(not kind.search(question) or kind.search(sentence) for kind in _OWN_KIND_AMOUNTS)


def with_figure(
    chosen: list[Evidence],
    ranked: list[Evidence],
    kind: AnswerKind,
    rule: SelectionRule,
    asked: str = "",
    groups: Sequence[str] = (),
) -> list[Evidence] | None:
    """The chosen sentences with the one stating the asked figure first; None when no
    sentence close enough states it."""
    stating = [e for e in chosen if states_figure(e, kind, rule, best=e is ranked[0])]
    if not stating:
        # The best sentences speak of the topic without its figure: the figure may sit in a
        # sentence a little further down ("年培育数字技能人才不低于5000人"), or in the items
        # of a document's standard for the benefit asked.
        holders = [e for e in ranked[: 2 * DEPTH] if holds(e.text, kind.main)]
        if kind.main == "money" and not FIRM_ASKS.search(asked):
            # "技师的津贴多少" is a worker's amount: "…按每人2000元给予企业奖励" pays the firm.
            holders = [e for e in holders if not pays_a_firm(e.text)] or holders
        if kind.main == "money":
            # The amount of the benefit asked by name, paid as often as asked, before another's
            # ("岗位津贴一个月多少": 第四条's monthly lines, not 第六条's one-off 2万元 award).
            # A level asked ("技师和高级技师证补贴多少") picks its own line first.
            holders.sort(
                key=lambda e: (
                    not _of_the_benefit_asked(e, asked),
                    not any(names_level(e.text, lv) for lv in levels_in(asked)),
                    not _as_often(e, asked),
                )
            )
        stating = [
            e
            for e in holders[:1]
            if states_figure(e, kind, rule, best=True)
            or (
                kind.main == "money"
                and (
                    _standard_of(e, asked)
                    or _of_the_benefit_asked(e, asked)
                    or _paid_as_asked(e, asked, groups)
                    # "技师和高级技师证补贴多少": a line paying a level asked is its amount,
                    # when the question names no benefit it could be another's.
                    or (
                        not aspects.asked_benefits(asked)
                        and any(names_level(e.text, lv) for lv in levels_in(asked))
                    )
                )
            )
        ]
    if not stating:
        return None
    return stating + [e for e in chosen if e not in stating and not holds(e.text, kind.main)]


def in_force_first(chosen: list[Evidence], ranked: list[Evidence], rule: SelectionRule) -> list[Evidence]:
    """An answer drawn only from documents past their period leads with the best sentence of
    a document in force that also answers, when there is one.

    A city's plan that has expired is still the closest text, but what a worker can use
    today is the province's or the nation's rule in force: it comes first and the expired one
    follows, marked. Only for questions asking what there is ("有哪些补贴", "有没有培训"): a
    question about what a rule says, a date or a figure keeps its own evidence (the named
    expired plan's date is the answer, marked as expired).
    """
    if not chosen or not all(e.hit.expired for e in chosen):
        return chosen
    current = next(
        (e for e in ranked[: 2 * DEPTH] if not e.hit.expired and e.probability >= rule.refuse_below),
        None,
    )
    if current is None:
        return chosen
    kept = [current, *chosen]
    while len(kept) > 2 and sum(len(e.text) for e in kept) > LIST_CHARS:
        kept.pop()  # the expired plan's least probable sentences give way to the rule in force
    return kept


_BENEFIT_NAMES = {
    "money": "补贴或奖励",
    "loan": "贷款或贴息",
    "training": "培训",
    "title": "称号或表彰",
    "service": "服务",
}


def _asked_benefit(asked: set[str]) -> str:
    """The asked kinds in words ("补贴或奖励", "补贴、奖励或培训"), for the line that says the
    related rules do not clearly grant them."""
    words = [word for kind, name in _BENEFIT_NAMES.items() if kind in asked for word in name.split("或")]
    return "或".join(["、".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


_NAMED_TYPES = frozenset({"person", "contact"})
_ASKS_WHAT_EXISTS = frozenset({"list", "yesno"})
_ASKS_BY_NAME = frozenset({"list", "yesno", "general"})
_ASKS_SELF = re.compile(r"^(我|俺|本人)(是|在)?[^，,]*$")
_TOPIC_VERB = re.compile(
    r"^(我|俺)?(能|可以|想)?(享受|参加|拿到|拿|领取|领|得到|申请|报名|有)?(哪些|什么|啥)?"
)


def _answering(
    context: AnswerContext, ranked: list[Evidence], asked: Aspect, depth: int = DEPTH, floor: float = 0.0
) -> list[Evidence]:
    """The sentences stating an aspect of the subject asked, the line for the asker's own
    time first ("缴费满3年，能领多久")."""
    chosen = aspects.answering(
        ranked,
        asked,
        depth=depth,
        floor=floor,
        places=context.query.places,
        years=context.query.years,
        about=context.resolved or context.question,
    )
    return _for_the_askers_time(context, chosen, ranked) or []


def _stating_first(
    context: AnswerContext, plan: Plan, signals: PartSignals, ranked: list[Evidence], composer: Composer
) -> Draft | None:
    """ "南通的补贴怎么申请？": the sentences that state how (where, what to bring, until
    when), when any of the best do; the model may score "可以申请技能提升补贴" first for its
    words. None when none does, or the question is not a first question of one part."""
    asked = asks_aspect(context.question) if plan.mode == "single" else None
    stating = _answering(context, ranked, asked) if asked else []
    schemes = asked_schemes(context.resolved or context.question)
    if schemes:
        # "公租房怎么申请？" is not answered by how a training subsidy is applied for.
        stating = [e for e in stating if names_scheme(_about(e.hit), schemes[0])]
    # "能拿几个月工资的补偿" asks an amount in months, not how long it is paid.
    unstated = (
        asked in _NARROW_ASPECTS
        and names_money(context.question)
        and signals.kind.main not in ("money", "quantity")
    )
    if not stating and (unstated or (asked == "recipient" and aspects.asked_benefits(context.question))):
        # "安家补贴发给企业还是个人" of a notice that says only whom it is for, "奖励审核要多久"
        # of one that sets no review time: not stated, with the line granting it.
        granting = sorted(
            (e for e in ranked[:DEPTH] if _of_the_benefit_asked(e, context.question)),
            key=lambda e: not holds(e.text, "money"),
        )
        return composer.not_stated(
            signals.kind, granting[0] if granting else None, what=ASPECT_NAMES[asked], closest=False
        )
    if not stating and asked == "materials" and names_money(context.question) and ranked:
        # "黄冈的生活津贴要交哪些材料？" of a notice listing none: said not to be stated, with
        # how to apply, not that rule as if it were the list.
        # With no sentence saying how, nothing: "伪造证明材料骗取津贴的" only shares a word.
        how = aspects.answering(ranked, "procedure", depth=DEPTH, places=context.query.places)
        return composer.not_stated(
            signals.kind, how[0] if how else None, what=ASPECT_NAMES[asked], closest=False
        )
    if not stating:
        return None
    texts: dict[int, str] = {}
    _trim(stating, signals, texts)
    return composer.single(stating, texts, verdict=_aspect_verdict(context, asked, stating, signals.kind))


def _aspect_verdict(
    context: AnswerContext, asked: Aspect | None, said: list[Evidence], kind: AnswerKind
) -> str:
    """What leads the sentences stating an aspect: what the question puts forward, confirmed
    or denied ("是按季度发放的吗"); for a requirement asked on something ("有户籍要求吗"),
    whether the documents set one."""
    texts = [e.text for e in said]
    required = asked_requirement(context.question) if asked == "conditions" else None
    checked = _requirement_said(required, texts, kind) if required else ""
    return checked or figure_checked(context.question, texts)


def _own_or_carried(context: AnswerContext) -> str:
    """What this turn asks: its own words, or, when it asks nothing of its own ("那宿迁呢？"),
    the question it carries."""
    own = context.question
    if asks_aspect(own) is None and answer_kind(own).main == "general":
        return context.resolved or own
    return own


def _asked_aspect(context: AnswerContext) -> Aspect | None:
    """The aspect a question asks: a follow-up's own ("要带什么材料？"), or, when it asks
    nothing of its own ("那连云港呢？" after "怎么申请？"), the one it carries; a first question's
    when it asks nothing else."""
    if not _is_followup(context):
        return bare_aspect(_placeless(context))
    return asks_aspect(_own_or_carried(context))


def _placeless(context: AnswerContext) -> str:
    """The question without the places it names."""
    return without_places(context.question)


def _is_followup(context: AnswerContext) -> bool:
    return bool(context.resolved) and context.resolved != context.question


def _topic(context: AnswerContext) -> str:
    """What the earlier turns asked about, for "关于“培训补贴”，…": the carried subject's last
    phrase that is not the asker describing themselves."""
    subject = context.resolved.rsplit("，", 1)[0] if "，" in context.resolved else ""
    # Not the asker describing themselves, and not an earlier question about the document
    # itself ("这个通知有效期到"): neither is a topic to say a fact is missing about.
    phrases = [
        p
        for p in re.split(r"[，,]", subject)
        if p and not _ASKS_SELF.match(p) and not asks_metadata(p) and not _PRONOUN_DOCUMENT.match(p)
    ]
    return _TOPIC_VERB.sub("", phrases[-1]).strip() if phrases else ""


def speaks_of_years(evidence: Evidence, years: list[int]) -> bool:
    """The clause names one of the years, or its span or its document's period holds it
    (and it names no other single year)."""
    clause = evidence.hit.clause.search_text
    agreement = year_agreement(clause, tuple(years))
    if agreement > 0:
        return True
    if agreement < 0:
        return False
    doc = evidence.doc
    start = doc.valid_from.year if doc.valid_from else None
    end = doc.valid_to.year if doc.valid_to else None
    if start is None and end is None:
        return True  # nothing says which years the document is about
    return any((start is None or start <= y) and (end is None or y <= end) for y in years)


def _from_metadata(
    context: AnswerContext, plan: Plan, composer: Composer, library: Catalog | None = None
) -> Draft | None:
    """Answers that need no evidence selection: a place no document covers, nothing retrieved,
    a field the document does not carry, whether a document is still in force."""
    foreign = uncovered_places(context)
    if foreign:
        return composer.not_covered(foreign)
    if not context.hits:
        return composer.nothing_found()
    missing = _missing_metadata(context, plan)
    if missing is not None:
        doc, fields = missing
        return composer.missing_field(doc, fields, _header(context.hits, doc))
    repealed = (
        _repealed_one_asked(context, composer, library)
        or _article_asked(context, composer, library)
        or _item_asked(context, composer, library)
    )
    if repealed is not None:
        return repealed
    target = _validity_target(context, plan)
    if target is None:
        return None
    header = _header(context.hits, target)
    if header is None and library is not None:
        # The document a pronoun points to, whose header card retrieval left out.
        header = eligibility.catalog_hit(library, f"{target.doc_id}:header", context.today)
    return composer.validity(target, header) if header is not None else None


def _repealed_one_asked(context: AnswerContext, composer: Composer, library: Catalog | None) -> Draft | None:
    """ "襄人社规〔2021〕4号还有效吗" of a document the library does not hold, but a loaded one
    repeals ("《…暂行办法》（襄人社规〔2021〕4号）同时废止"): repealed, by which, from when,
    and the clause saying so. None when the question asks no validity or names no such
    document."""
    question = normalise_query(context.question)
    if library is None or not (asks_validity(question) or "废止" in question):
        return None
    named = {m.group(0).replace(" ", "") for m in DOC_NUMBER.finditer(question)}
    for doc in library.documents.values():
        # A title asked without its place ("襄阳原来的高技能人才津贴暂行办法") is still that title.
        titled = [t for t in doc.repeals if t and without_places(t).lstrip("市省县区") in question]
        old = [n for n in doc.repeals_doc_numbers if n in named] + [f"《{t}》" for t in titled]
        if not old or doc.doc_number in named:
            continue
        since = f"，自{chinese_date(doc.valid_from)}起不再执行" if doc.valid_from else ""
        # Every figure said is in the clause quoted below it (the repealing 文号 is not).
        lines = [f"已废止。{old[0]}已被{doc.short_title}废止{since}。"]
        sentences = _library_sentences([doc.doc_id], library, context.today)
        said = next(((s, hit) for s, hit in sentences if "废止" in s), None)
        if said is None:
            return composer.finish(lines, [], answerable=True)
        # The clause whole when short: the day it takes effect is in it ("本办法自…起施行").
        sentence, hit = said
        quoted = hit.clause.text if len(hit.clause.text) <= WHOLE_ARTICLE_CHARS else sentence
        return composer.finish([*lines, composer.quoted_line(hit, quoted)], [hit], answerable=True)
    return None


# An article asked by its number: "第十条规定了什么", "办法第3条怎么说".
_ARTICLE_ASKED = re.compile(r"第([一二三四五六七八九十百零〇两\d]{1,5})条")


def _article_asked(context: AnswerContext, composer: Composer, library: Catalog | None) -> Draft | None:
    """ "襄阳岗位津贴办法第十条规定了什么": that article of the document the question names, or
    of the best-retrieved one that has it, quoted whole. None when no article is asked by
    number, or none of those documents has it."""
    found = _ARTICLE_ASKED.search(normalise_query(context.question))
    number = _numeral(found.group(1)) if found else None
    documents = list(dict.fromkeys([*context.query.doc_ids, *(h.doc.doc_id for h in relevant(context))]))
    if library is not None and documents and _HOW_MANY_ARTICLES.search(context.question):
        # "宜昌的细则一共有几条": its last article's number.
        articles = _articles(library, documents[0])
        count, last = max(articles, key=lambda a: a[0]) if articles else (0, None)
        hit = eligibility.catalog_hit(library, last.clause_id, context.today) if last is not None else None
        if hit is not None:
            # Cited by its last article, quoted.
            said = f"{hit.doc.short_title}共{cn_numeral(count)}条。最后一条是："
            return composer.finish([said, composer.quoted_line(hit, last.text)], [hit], answerable=True)
    if library is None or number is None:
        return None
    for doc_id in documents:
        for clause in library.by_document.get(doc_id, []):
            article = _ARTICLE_ASKED.fullmatch(clause.path[-1]) if clause.path else None
            if article is None or _numeral(article.group(1)) != number:
                continue
            hit = eligibility.catalog_hit(library, clause.clause_id, context.today)
            if hit is not None:
                return composer.finish([composer.quoted_line(hit, clause.text)], [hit], answerable=True)
    # "南充激励办法第二十条是什么" of a 办法 of fifteen articles: there is none, said so; "遵义
    # 通知第九条" of a notice numbered 一、（一） has no articles at all.
    for doc_id in documents[:1]:
        numbers = [n for n, _ in _articles(library, doc_id)]
        title = library.documents[doc_id].short_title if doc_id in library.documents else "该文件"
        if numbers and number > max(numbers):
            said = f"{title}共{cn_numeral(max(numbers))}条，没有第{cn_numeral(number)}条。{ASK_HOTLINE}"
            return composer.finish([said], [], answerable=False)
        if not numbers and (doc_id in context.query.doc_ids or _NAMES_A_NOTICE.search(context.question)):
            said = (
                f"{title}不按“第几条”编号，没有第{cn_numeral(number)}条；可以按“一、（一）”这样的编号查询。"
            )
            return composer.finish([said], [], answerable=False)
    return None


# "一共有几条", "共多少条": how many articles a document has.
_HOW_MANY_ARTICLES = re.compile(r"(一共|总共|共)(有)?(几|多少)条|有(几|多少)条")
_NAMES_A_NOTICE = re.compile(r"通知|方案|意见")


def _articles(library: Catalog, doc_id: str) -> list[tuple[int, Clause]]:
    """A document's articles (第一条 …) with their numbers, empty when it has none."""
    return [
        (n, clause)
        for clause in library.by_document.get(doc_id, [])
        if clause.path and (a := _ARTICLE_ASKED.fullmatch(clause.path[-1])) and (n := _numeral(a.group(1)))
    ]


# An item asked by its numbers: "三（二）讲的什么", "四、（四）13是什么内容", "第二部分第三项".
_N = r"[一二三四五六七八九十]{1,3}"
_ITEM_ASKED = re.compile(
    rf"(?<![第\d])({_N})、?[（(]({_N})[)）](\d{{1,2}})?|第({_N})部分第({_N}|\d{{1,2}})(项|条|点)"
)


def _item_asked(context: AnswerContext, composer: Composer, library: Catalog | None) -> Draft | None:
    """A notice's item asked by its numbers ("潍坊通知三（二）讲的什么", "第二部分第三项"): that
    item of the document named (or best retrieved), quoted whole. None when no item is asked
    so, or the document has none by those numbers."""
    found = _ITEM_ASKED.search(context.question)
    if library is None or found is None:
        return None
    if found.group(1):
        target = [f"{found.group(1)}、", f"（{found.group(2)}）"] + (
            [f"{found.group(3)}."] if found.group(3) else []
        )
    else:
        second = found.group(5)
        target = [f"{found.group(4)}、", f"{second}." if second.isdigit() else f"（{second}）"]
    documents = list(dict.fromkeys([*context.query.doc_ids, *(h.doc.doc_id for h in relevant(context))]))
    for doc_id in documents[:1]:
        clauses = [c for c in library.by_document.get(doc_id, []) if _within(c.path, target)]
        hits = [h for c in clauses if (h := eligibility.catalog_hit(library, c.clause_id, context.today))]
        if hits:
            lines = [composer.quoted_line(h, h.clause.text) for h in hits[:MAX_ITEMS]]
            return composer.finish(lines, hits[:MAX_ITEMS], answerable=True)
    return None


def _within(path: list[str], target: list[str]) -> bool:
    """The clause's path is the target's or runs under it; a numbered point ("13.") may sit
    under any sub-item of the part."""
    if path[: len(target)] == target:
        return True
    return (
        len(target) == 2
        and target[1][-1] == "."
        and bool(path)
        and path[0] == target[0]
        and path[-1] == target[1]
    )


def _numeral(text: str) -> int | None:
    try:
        return cn_number(text)
    except ValueError:
        return None


def _asks_of_the_document(question: str) -> bool:
    """The question asks what a header card holds (a 文号, an issuer, a date, a period, whom
    it is sent to …): the card may answer it. "九江今天天气怎么样" shares only the place with
    the card, which is no answer to it."""
    question = normalise_query(question)  # "文號" is 文号
    kind = answer_kind(question)
    return asks_metadata(question) or asks_validity(question) or any(kind.wants(t) for t in _CARD_TYPES)


_CARD_TYPES = ("date", "period", "document", "organisation", "person", "contact")


def relevant(context: AnswerContext) -> list[Retrieved]:
    """Hits that apply to the asker or to the place asked about, or that the question names.

    A question naming only a province ("江苏对退役军人…") is answered from the province's
    own documents when they have anything; its cities' documents are not "Jiangsu policy".
    """
    query = context.query
    keep = [h for h in context.hits if h.applies is not False or h.doc.doc_id in query.doc_ids]
    if query.places and all(p.city is None for p in query.places) and query.asker_region is None:
        provincial = [h for h in keep if h.doc.jurisdiction and h.doc.jurisdiction.city is None]
        keep = provincial or keep
    return keep or context.hits


def _answers_for(doc: DocumentMeta, places: list[Jurisdiction]) -> bool:
    return doc.jurisdiction is not None and any(doc.jurisdiction.reaches(p) for p in places)


def uncovered_places(context: AnswerContext) -> list[Jurisdiction]:
    """Places asked about that no loaded document covers (上海, 广东 …).

    The asker's origin is not asked about ("河南来苏州打工": 苏州's policies answer), and a
    place whose documents were all retrieved is covered. The asker's own place counts only
    when the question names none: a 无锡 worker asking about 宁夏 gets 宁夏's rule (noted as
    not 无锡's), not "there is no 无锡 policy" because only 宁夏's clauses were retrieved.
    """
    covering = [h.doc.jurisdiction for h in context.hits if h.doc.jurisdiction]
    asked = [p for p in context.query.places if p != context.query.origin]
    if context.query.asker_region is not None and not asked:
        asked.append(context.query.asker_region)
    return [p for p in asked if not any(doc.reaches(p) for doc in covering)]


def _uncovered_asker(context: AnswerContext, cited: Sequence[Retrieved] = ()) -> str:
    """The lead of an answer none of whose documents (retrieved, or cited from the benefit
    catalogue) covers the asker's place."""
    asker = context.query.asker_region
    hits = [*context.hits, *cited]
    if asker is None or any(h.doc.jurisdiction and h.doc.jurisdiction.covers(asker) for h in hits):
        return ""
    return "现有文件中没有适用于您所在地区的规定，以下是其他地区的政策，仅供参考："


def _supported(
    chosen: list[Evidence], ranked: list[Evidence], signals: PartSignals, rule: SelectionRule
) -> list[Evidence]:
    """A part of a multi-part question is answered only when its evidence supports it, as a
    question asked alone is (and, for a figure, by the sentences stating one)."""
    if not ranked or ranked[0].probability < rule.refuse_below:
        return []
    kept = chosen
    if signals.kind.wants_figure:
        focus = signals.focus_terms
        kept = [e for e in kept if states_figure(e, signals.kind, rule, best=e is chosen[0], focus=focus)]
    return kept


_HEADING_NAMES = 0.5  # share of the question's words a heading holds to say what its figures are


def states_figure(
    evidence: Evidence,
    kind: AnswerKind,
    rule: SelectionRule,
    best: bool = False,
    focus: dict[str, tuple[str, ...]] | None = None,
) -> bool:
    """The sentence states the figure asked for: it is probable enough, or it is the part's
    best sentence and the question's focus words sit right next to its figure (a clear
    statement whatever the calibration of the corpus at hand). Given the part's `focus`, it
    also names something the part is about besides the figure's own word: "贴息比例多少" is
    not answered by "技能人才占就业人员比例达到35%". (Parts only: held to this, a single
    question's figure changed 8 dev answers, some for the worse.)"""
    if not holds(evidence.text, kind.main):
        return False
    about = {w: words for w, words in (focus or {}).items() if answer_kind(w).main == "general"}
    if about and focus_coverage(evidence.text, about) == 0:
        return False
    # Beside the figure, or in the heading above its item ("二、补贴标准" › "1.取得初级工证书
    # 的，给予1000元补贴": the heading says what the figure is).
    near = (
        evidence.feature("type_cov") >= rule.figure_coverage
        or evidence.feature("lex_heading") >= _HEADING_NAMES
    )
    if kind.main == "money":
        # Amounts are what documents most often leave to "按规定": one is stated only with the
        # question's subject right beside it, never a nearby figure of something else.
        return near and (best or evidence.probability >= rule.figure_floor)
    return evidence.probability >= rule.figure_floor or (best and near)


def _placing_unstated(context: AnswerContext, ranked: list[Evidence], composer: Composer) -> Draft | None:
    """ "竞赛第四名有奖励吗" of a rule rewarding "第一名…5000元，第二名3000元，第三名2000元": the
    rule names other placings and not the asked one, so it is not stated for it; the rule
    is quoted as being about the others. None when no placing is asked, or the best evidence
    names the asked one or no placing of its kind."""
    asked = placings(context.question) or placings(context.resolved or "")
    for kind, wanted in asked.items():
        for item in ranked[:DEPTH]:
            if not placings(item.text).get(kind):
                continue
            # The placings of the whole clause: "第一名…6000元；第二名…4000元；第三名…" is one
            # rule in three sentences.
            placed = [s.strip() for s in split_sentences(item.hit.clause.text) if placings(s).get(kind)]
            named = {n for s in placed for n in placings(s)[kind]}
            if wanted <= named:
                return None
            said = "、".join(f"第{cn_numeral(n)}{kind}" for n in sorted(named))
            missing = "、".join(f"第{cn_numeral(n)}{kind}" for n in sorted(wanted - named))
            lead = f"文件只写明了{said}的规定，没有写到{missing}。"
            line = composer.quoted_line(item.hit, "".join(placed))
            return composer.finish([lead, line], [item.hit], answerable=True)
    return None


def _certificate_unnamed(
    context: AnswerContext,
    signals: PartSignals,
    ranked: list[Evidence],
    composer: Composer,
    library: Catalog | None,
) -> Draft | None:
    """ "考驾照有补贴吗" of a rule for those "取得职业资格证书或职业技能等级证书的": the rule
    names the certificates it is for, and the asker's is not among them by name, so no yes or
    no; the rule is quoted and whether theirs is one of them is left to the local office.
    None when the question names no certificate or asks no whether, or the rule names the
    asker's or names none."""
    asked = asked_certificate(context.question)
    if asked is None or not (signals.kind.wants("yesno") or asks_benefits(context.question)):
        return None
    for text, hit in _document_sentences(ranked, library, context.today):
        named = named_certificates(text)
        if not named:
            continue
        if covers(named, asked):
            return None
        said = "或".join(dict.fromkeys(named))
        lead = f"文件写明的是取得{said}的人员，没有提到{asked}。{asked}是否属于其中，{ASK_HOTLINE}"
        return composer.finish([lead, composer.quoted_line(hit, text)], [hit], answerable=True)
    return None


def _requirement_said(required: str, said: list[str], kind: AnswerKind) -> str:
    """ "有户籍要求吗": 有 when a condition quoted is on it, 没有 when one waives it ("不限户
    籍"), else that the documents set none on it before the conditions they do set."""
    if any(aspects.waives(s, required) for s in said):
        return "没有。" if kind.wants("yesno") else ""
    if any(aspects.names_requirement(s, required) for s in said):
        return "有。" if kind.wants("yesno") else ""
    return f"文件没有写到{required}方面的要求。文件写明的条件是："


def _groups_asked(context: AnswerContext) -> list[str]:
    """The worker groups the resolved question names (its own, those carried from earlier turns
    and the profile's it kept) that set the asker apart: not one read from a skill level
    ("高级技师呢？" asks a level, not the group 高技能人才), nor the employed as such ("我在汨罗
    市上班"), which any rule for workers covers without naming them."""
    text = context.resolved or context.question
    for level in levels_in(text):
        text = text.replace(level, "")
    return [g for g in find_groups(text) if g in context.query.groups and g != _EVERY_WORKER]


# The group every employed asker is in.
_EVERY_WORKER = "企业职工"


def _of_the_benefit_asked(evidence: Evidence, question: str) -> bool:
    """The sentence's clause names the benefit the question asks by name ("第四条 岗位津贴标准
    按…确定：（一）…技师每人每月300元" for "岗位津贴多少")."""
    asked = aspects.asked_benefits(question)
    return bool(asked) and all(aspects.names_benefit(evidence.hit.clause.text, a) for a in asked)


def _paid_as_asked(evidence: Evidence, question: str, groups: Sequence[str]) -> bool:
    """The sentence pays the asker's group as often as they ask ("一天多少钱" from a 脱贫人口
    profile: "脱贫劳动力…按每人每天60元给予生活费补贴")."""
    return (
        bool(pay_periods(question))
        and _as_often(evidence, question)
        and bool(set(find_groups(evidence.text)) & set(groups))
    )


def _as_often(evidence: Evidence, question: str) -> bool:
    """The sentence pays as often as the question asks ("一个月多少" → 每月), or it asks no period."""
    asked = pay_periods(question)
    return not asked or asked <= pay_periods(evidence.text)


def _standard_of(evidence: Evidence, question: str) -> bool:
    """The sentence is an item of a document's standard ("二、发放标准" › "（一）取得高级工证书
    的，每人每月300元") and the document is about the benefit asked by name (《关于发放企业技
    能人才岗位津贴的通知》 asked "岗位津贴多少钱"): the standard is that benefit's, though the
    item does not repeat its name."""
    asked = aspects.asked_benefits(question)
    clause = evidence.hit.clause
    # The heading above the item, or the clause's own run-in one ("二、补贴标准。参保缴费满1年
    # 不满3年的…"), which its label carries.
    own_title = re.sub(r"^《[^》]*》", "", clause.label)
    return (
        bool(asked)
        and any(_STANDARD.search(h) for h in [*clause.headings, own_title])
        and asked <= aspects.named_benefits(evidence.doc.title)
    )


# A heading over a document's amounts: "二、补贴标准", "发放标准", "奖励标准".
_STANDARD = re.compile(r"标准")


def _holding(left_out: Exclusion | None, ranked: list[Evidence]) -> Evidence | None:
    """The evidence of the clause an exclusion quotes, to cite it by."""
    if left_out is None:
        return None
    return next((e for e in ranked if e.hit.clause.clause_id == left_out.hit.clause.clause_id), None)


def _missing_text(kind: AnswerKind) -> str:
    # Only the four figure kinds a part can be refused for here; any other reads "这一项".
    what = MISSING_FIGURE[kind.main] if kind.main in ("money", "people", "percent", "count") else "这一项"
    return f"{not_stated(what)}，{ASK_HOTLINE}"


def _trim(chosen: list[Evidence], signals: PartSignals, texts: dict[int, str]) -> None:
    for item in chosen:
        texts[id(item)] = quoted(item, signals.kind, signals.own_terms)


_FIELDS = {"文号": "doc_number", "印发日期": "date", "发文机关": "issuer"}


def _missing_metadata(context: AnswerContext, plan: Plan) -> tuple[DocumentMeta, list[str]] | None:
    """A question about one document's 文号, date or issuer that the document does not carry."""
    if plan.mode != "single":
        return None
    text = context.resolved or context.question
    kind = answer_kind(text)
    asked = []
    if asks_document_number(text):
        asked.append("文号")
    if kind.wants("date") and not kind.wants("period"):
        asked.append("印发日期")
    if kind.wants("organisation") and any(w in text for w in ("发", "印发", "出台", "制定")):
        asked.append("发文机关")
    if not asked:
        return None
    doc = _target_document(context)
    if doc is None:
        return None
    missing = [field for field in asked if getattr(doc, _FIELDS[field]) in (None, "")]
    return (doc, missing) if missing and len(missing) == len(asked) else None


def _validity_target(context: AnswerContext, plan: Plan) -> DocumentMeta | None:
    """The document a "还有效吗 / 有效期到哪年" question is about, answered from its metadata."""
    # The question's own words, unless it asks nothing of its own ("那宿迁呢？" after "有效期到
    # 什么时候？" asks that of 宿迁's document).
    if plan.mode != "single" or not asks_validity(_own_or_carried(context)):
        return None
    return _target_document(context)


def _target_document(context: AnswerContext) -> DocumentMeta | None:
    """The document a metadata question is about: one it names, else the top header."""
    named = [h.doc for h in context.hits if h.doc.doc_id in context.query.doc_ids]
    if named:
        return named[0]
    if _PRONOUN_DOCUMENT.search(context.question):
        # "这个方案什么时候到期？" when no turn named the 方案: the one whose text the carried
        # subject leads to, not a header card the metadata words brought up.
        content = [h.doc for h in context.hits[:5] if h.clause.kind != "header"]
        if content:
            # The document most of the best clauses come from, the first of them on a tie.
            ids = [d.doc_id for d in content]
            return max(content, key=lambda d: (ids.count(d.doc_id), -ids.index(d.doc_id)))
    headers = [h.doc for h in context.hits[:3] if h.clause.kind == "header"]
    if headers:
        return headers[0]
    # "徐州技能提升补贴通知执行到什么时候？": the best document of the city it names, when it
    # names a document at all ("合同到期没续签" is no document's period).
    if not _NAMES_A_DOCUMENT.search(context.resolved or context.question):
        return None
    docs = list({h.doc.doc_id: h.doc for h in context.hits[:5]}.values())
    lead = lead_document(docs, context.query.places)
    named_city = any(d.doc_id == lead and d.jurisdiction in context.query.places for d in docs)
    return next((d for d in docs if d.doc_id == lead), None) if named_city else None


_NAMES_A_DOCUMENT = re.compile(r"通知|办法|方案|文件|政策|条例|规定|细则|意见|措施")
# "这个方案…", and a turn opening on a bare "文件…" ("文件啥时候到期"): the document talked about.
_PRONOUN_DOCUMENT = re.compile(
    r"(这个|这份|该|此|它)(文件|方案|通知|办法|政策|规定|意见|措施)?|^(文件|方案|通知|办法|政策)"
)


def _side_period(
    context: AnswerContext, side: Side | None, ranked: list[Evidence]
) -> tuple[str, DocumentMeta | None, Retrieved | None]:
    """A comparison side's label, its leading document and that document's header."""
    assert side is not None
    doc = next((e.doc for e in ranked if on(side)(e)), None)
    return side.label, doc, _header(context.hits, doc) if doc is not None else None


def _stops_or_punishes(evidence: Evidence) -> bool:
    """A sentence (or an item of a list) of a rule stopping a payment or punishing those who
    cheat, stating no amount."""
    clause = evidence.hit.clause.text
    return not holds(evidence.text, "money") and bool(is_sanction(evidence.text) or STOPS.search(clause))


def _header(hits: list[Retrieved], doc: DocumentMeta) -> Retrieved | None:
    return next((h for h in hits if h.doc.doc_id == doc.doc_id and h.clause.kind == "header"), None)
