"""The offline answerer: pick the sentences of the retrieved clauses that answer the
question and write a short answer a hotline worker can read out, [n] after each one.

It copies sentences, it never writes a figure of its own, so every number it says is
in the clause it cites. When the clauses do not hold what was asked (an amount never
stated, another province, a topic the documents never touch) it says so, quotes what
they do say, and points to the local 人社 bureau and 12333.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answer.base import HOTLINE_ADVICE, AnswerContext, CitedSpan, Draft
from assistant.answer.evidence import (
    GENERIC,
    Evidence,
    covered_terms,
    figure_about,
    focus_terms,
    gather,
    question_phrases,
    subject_terms,
)
from assistant.answer.intent import Intent, classify
from assistant.jurisdiction import find_places, short_name
from assistant.models import DocumentMeta, Jurisdiction, Retrieved
from assistant.retrieval.hybrid import asks_metadata
from assistant.text.segment import normalise_query
from assistant.text.sentences import split_sentences

MAX_ANSWER_CHARS = 360
MIN_COVERAGE = 0.2  # below this the best sentence is not about what was asked
_NEW_INFORMATION = 0.15  # a further sentence must cover this share of the question anew
_SELF = re.compile(r"(我是|我在|本人是|俺是)")
_TOTAL = re.compile(r"(三年|几年|一共|总共|累计|合计|总目标|总量)")
_SUPPORTING = 0.6
_OTHER_LEVEL = 0.7
RELATED_COVERAGE = 0.2  # enough to quote a sentence as "what the documents do say"
_UNIT_WORDS = {
    "money": "具体金额",
    "people": "具体人数",
    "percent": "具体比例",
    "count": "具体数量",
}


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, idf: Callable[[str], float | None]) -> None:
        self.idf = idf

    def generate(self, context: AnswerContext) -> Draft:
        # Intent is read from the words the user used, not from the thesaurus expansion
        # ("钱" expands to 补贴 奖励 津贴, which would make every question about money).
        asked = normalise_query(context.resolved or context.question)
        text = context.query.normalised
        intent = classify(asked, context.query)
        hits = _relevant(context)
        composer = _Composer(context, hits)
        foreign = _uncovered_places(context)
        if foreign:
            return composer.not_covered(foreign)
        target = _metadata_target(hits, context.query.doc_ids)
        if intent.kind == "metadata" and target is not None:
            return composer.metadata(target, asked)
        if intent.kind == "comparison" and asks_metadata(asked):
            return composer.metadata_comparison(asked)
        focus = focus_terms(text, self.idf, emphasis=normalise_query(context.question))
        total = bool(_TOTAL.search(asked))
        evidence = gather(
            hits,
            focus,
            intent,
            _years(context),
            total=total,
            groups=_asker_groups(asked, context.query.groups),
            phrases=question_phrases(context.question),
        )
        if not evidence:
            return composer.nothing_found()
        best = evidence[0]
        if max(e.coverage for e in evidence[:5]) < MIN_COVERAGE:
            return composer.not_stated(best, None)
        subjects = subject_terms(focus, self.idf)
        if intent.unit == "money" and not any(figure_about(e, "money", subjects) for e in evidence[:6]):
            return composer.not_stated(best, intent)
        if intent.kind == "comparison":
            chosen = _pick_comparison(evidence, context)
        elif intent.kind == "eligibility":
            # Benefits for a person: several measures, from the city's and the province's
            # documents, each with the sentence that says what the measure gives.
            chosen = _pick_diverse(evidence, best.score * 0.8, 2, focus, per_clause=2, require_new=False)
            chosen = _each_level(chosen, evidence)
        else:
            chosen = _pick_diverse(evidence, best.score * 0.85, 2, focus)
        return composer.answer(chosen, intent)


def _relevant(context: AnswerContext) -> list[Retrieved]:
    """Hits that apply to the asker, or that the question asks about by place or name.

    A question naming only a province ("江苏对退役军人…") is answered from the province's
    own documents when they have anything; its cities' documents are not "Jiangsu policy".
    """
    query = context.query
    keep = [h for h in context.hits if h.applies is not False or h.doc.doc_id in query.doc_ids]
    if query.places and all(p.city is None for p in query.places):
        provincial = [h for h in keep if h.doc.jurisdiction and h.doc.jurisdiction.city is None]
        keep = provincial or keep
    return keep or context.hits


def _uncovered_places(context: AnswerContext) -> list[Jurisdiction]:
    """Places asked about that no document covers (上海, 广东 …)."""
    covered = {h.doc.jurisdiction.province for h in context.hits if h.doc.jurisdiction}
    asked = find_places(context.query.normalised)
    return [m.jurisdiction for m in asked if m.jurisdiction.province not in covered]


def _metadata_target(hits: list[Retrieved], doc_ids: list[str]) -> DocumentMeta | None:
    """The document a metadata question is about: one it names, else the top header."""
    headers = [h for h in hits if h.clause.kind == "header"]
    for hit in headers:
        if hit.doc.doc_id in doc_ids:
            return hit.doc
    for hit in hits[:3]:
        if hit.clause.kind == "header":
            return hit.doc
    return None


def _asker_groups(asked: str, groups: list[str]) -> list[str]:
    """Who the asker is: in "我是技工院校的毕业生，能和大学毕业生一样…" the first group named
    is the asker, the other only a comparison."""
    if groups and _SELF.search(asked):
        return groups[:1]
    return groups


def _years(context: AnswerContext) -> list[int]:
    """Years that constrain the answer: a follow-up's own, else the whole question's.

    In "那每个县区一年要办几场？" after "宿迁到2024年一共…", 2024 belonged to the earlier turn.
    """
    if context.resolved and context.resolved != context.question:
        return [int(y) for y in re.findall(r"20\d{2}", normalise_query(context.question))]
    return context.query.years


def _pick_diverse(
    evidence: list[Evidence],
    floor: float,
    limit: int,
    focus: dict[str, float],
    per_clause: int = 1,
    require_new: bool = True,
) -> list[Evidence]:
    """The best sentence, then others above the floor that say something it does not
    (or, when `require_new` is off, that are as much about the question), from at most
    `limit` clauses and `per_clause` sentences of each."""
    chosen = [evidence[0]]
    said = covered_terms(evidence[0].sentence, focus)
    for candidate in evidence[1:]:
        clauses = {c.hit.clause.clause_id for c in chosen}
        if candidate.score < floor:
            break
        if len(clauses) >= limit and candidate.hit.clause.clause_id not in clauses:
            continue
        same_clause = [c for c in chosen if c.hit.clause.clause_id == candidate.hit.clause.clause_id]
        if len(same_clause) >= per_clause:
            continue
        if candidate.coverage < _SUPPORTING * evidence[0].coverage:
            continue
        new_terms = covered_terms(candidate.sentence, focus) - said - GENERIC
        if require_new and sum(focus[t] for t in new_terms) < _NEW_INFORMATION * sum(focus.values()):
            continue
        chosen.append(candidate)
        said |= new_terms
    return chosen


def _each_level(chosen: list[Evidence], evidence: list[Evidence]) -> list[Evidence]:
    """An eligibility answer speaks for the asker's city and province alike: add the best
    sentence of a jurisdiction level that is missing, when it is nearly as much on topic."""
    levels = {_level(e) for e in chosen}
    for candidate in evidence:
        level = _level(candidate)
        if level not in levels and candidate.coverage >= _OTHER_LEVEL * chosen[0].coverage:
            chosen.append(candidate)
            levels.add(level)
    return chosen


def _level(evidence: Evidence) -> str:
    place = evidence.hit.doc.jurisdiction
    return "city" if place and place.city else "province"


def _pick_comparison(evidence: list[Evidence], context: AnswerContext) -> list[Evidence]:
    """One sentence per side compared: per place, per year, or per document named."""
    query = context.query
    sides: list[Callable[[Evidence], bool]] = []
    if len(query.places) >= 2:
        sides = [_on_place(p) for p in query.places]
    elif len(query.years) >= 2:
        sides = [_on_year(y) for y in query.years]
    elif len(query.doc_ids) >= 2:
        sides = [_on_doc(d) for d in query.doc_ids]
    chosen: list[Evidence] = []
    for side in sides:
        match = next((e for e in evidence if side(e) and e not in chosen), None)
        if match is not None:
            chosen.append(match)
    for candidate in evidence:  # no sides recognised, or a side found nothing
        if len(chosen) >= 2:
            break
        fresh = all(candidate.hit.clause.clause_id != c.hit.clause.clause_id for c in chosen)
        if fresh and (not chosen or candidate.score >= chosen[0].score * 0.6):
            chosen.append(candidate)
    return chosen


def _on_place(place: Jurisdiction) -> Callable[[Evidence], bool]:
    return lambda e: e.hit.doc.jurisdiction is not None and e.hit.doc.jurisdiction.covers(place)


def _on_year(year: int) -> Callable[[Evidence], bool]:
    return lambda e: str(year) in e.hit.clause.search_text


def _on_doc(doc_id: str) -> Callable[[Evidence], bool]:
    return lambda e: e.hit.doc.doc_id == doc_id


class _Composer:
    """Writes the answer text and its citation list."""

    def __init__(self, context: AnswerContext, hits: list[Retrieved]) -> None:
        self.context = context
        self.hits = hits
        self.cited: list[CitedSpan] = []
        self.warnings: list[str] = []

    def cite(self, hit: Retrieved, quote: str = "") -> int:
        for span in self.cited:
            if span.clause_id == hit.clause.clause_id:
                if quote and quote not in span.quote:
                    span.quote = f"{span.quote}{quote}"
                return span.n
        n = len(self.cited) + 1
        self.cited.append(CitedSpan(n=n, clause_id=hit.clause.clause_id, quote=quote))
        return n

    def answer(self, chosen: list[Evidence], intent: Intent) -> Draft:
        lines: list[str] = []
        by_doc: dict[str, list[Evidence]] = {}
        for item in chosen:
            by_doc.setdefault(item.hit.doc.doc_id, []).append(item)
        grouped = intent.kind == "eligibility" and len(by_doc) > 1
        kept: list[Retrieved] = []
        for items in _fit_groups(sorted(by_doc.values(), key=lambda group: -group[0].score)):
            doc = items[0].hit.doc
            prefix = f"【{_place_label(doc)}】" if grouped else ""
            lines.append(f"{prefix}{doc.short_title}：{self._body(items)}")
            kept.append(items[0].hit)
        # Notes speak only of documents the answer still cites.
        return self._draft(lines + self._notes(kept), answerable=True)

    def _body(self, items: list[Evidence]) -> str:
        """Sentences in order, with one [n] after each run of sentences from the same clause."""
        parts: list[str] = []
        for i, item in enumerate(items):
            n = self.cite(item.hit, item.sentence)
            same_next = i + 1 < len(items) and items[i + 1].hit.clause.clause_id == item.hit.clause.clause_id
            parts.append(item.sentence.strip() if same_next else _with_mark(item.sentence, n))
        return "".join(parts)

    def metadata(self, doc: DocumentMeta, question: str) -> Draft:
        header = next(
            (h for h in self.hits if h.doc.doc_id == doc.doc_id and h.clause.kind == "header"), None
        )
        hit = header or next(h for h in self.hits if h.doc.doc_id == doc.doc_id)
        n = self.cite(hit, hit.clause.text)
        facts = [f"{doc.short_title}"]
        missing = []
        facts.append(f"文号{doc.doc_number}" if doc.doc_number else "")
        if not doc.doc_number:
            missing.append("文号")
        facts.append(f"由{doc.issuer}印发" if doc.issuer else "")
        facts.append(f"印发日期{doc.date.year}年{doc.date.month}月{doc.date.day}日" if doc.date else "")
        if not doc.date:
            missing.append("印发日期")
        facts.append(f"实施期限{doc.period_label}")
        status = "已过期" if doc.expired(self.context.today) else "仍在实施期内"
        text = "，".join(f for f in facts if f) + f"（截至{self.context.today.isoformat()}{status}）[{n}]。"
        asked_missing = [m for m in missing if m[:2] in question]
        if asked_missing:
            text = f"文件正文没有载明{'、'.join(asked_missing)}。已知信息：" + text + HOTLINE_ADVICE
            return self._draft([text], answerable=False)
        if "根据" in question or "依据" in question:
            basis = self._basis(doc)
            if basis:
                return self._draft([basis], answerable=True)
        return self._draft([text], answerable=True)

    def _basis(self, doc: DocumentMeta) -> str:
        """The sentence of the covering notice or preamble that names what the plan follows."""
        for hit in self.hits:
            if hit.doc.doc_id != doc.doc_id or hit.clause.kind not in ("notice", "preamble"):
                continue
            for sentence in split_sentences(hit.clause.text):
                if "根据" in sentence or "贯彻落实" in sentence:
                    sentence = sentence.strip()
                    return f"{doc.short_title}的制定依据：{_with_mark(sentence, self.cite(hit, sentence))}"
        return ""

    def metadata_comparison(self, question: str) -> Draft:
        """Two documents' numbers, dates and periods side by side (哪个管的年份更长?)."""
        headers = [h for h in self.hits if h.clause.kind == "header"]
        named = [h for h in headers if h.doc.doc_id in self.context.query.doc_ids]
        chosen = (named + [h for h in headers if h not in named])[:2]
        lines = []
        for hit in chosen:
            doc = hit.doc
            n = self.cite(hit, hit.clause.text)
            number = f"（{doc.doc_number}）" if doc.doc_number else ""
            lines.append(f"{doc.short_title}{number}实施期限{doc.period_label}[{n}]。")
        return self._draft(lines, answerable=bool(lines))

    def not_stated(self, best: Evidence, intent: Intent | None) -> Draft:
        """Say plainly what is missing, then what the documents do say, then where to ask."""
        unit = intent.unit if intent else None
        what = _UNIT_WORDS.get(unit, "具体数字") if unit else "这方面的规定"
        lines = [f"现有文件没有写明您问的{what}。"]
        if best.coverage >= RELATED_COVERAGE:
            n = self.cite(best.hit, best.sentence)
            lines.append(f"相关规定是：{best.hit.doc.short_title}{_with_mark(best.sentence, n)}")
        else:
            titles = "、".join(sorted({h.doc.short_title for h in self.context.hits}))
            lines.append(f"收录的文件是关于技能人才培养和职业技能培训的政策：{titles}。")
        lines.append(HOTLINE_ADVICE)
        return self._draft(["".join(lines)], answerable=False)

    def not_covered(self, places: list[Jurisdiction]) -> Draft:
        names = "、".join(short_name(p) for p in places)
        covered = sorted({h.doc.jurisdiction.label for h in self.context.hits if h.doc.jurisdiction})
        text = (
            f"现有文件中没有{names}的政策规定；本系统收录的是{'、'.join(covered)}的文件。"
            f"{names}的规定请咨询当地人力资源社会保障部门或拨打12333人社服务热线。"
        )
        return self._draft([text], answerable=False)

    def nothing_found(self) -> Draft:
        return self._draft([f"现有文件中没有找到与您的问题相关的规定。{HOTLINE_ADVICE}"], False)

    def _notes(self, hits) -> list[str]:
        notes = []
        for hit in hits:
            if hit.expired:
                doc = hit.doc
                notes.append(
                    f"注意：{doc.short_title}实施期限为{doc.period_label}，已过期，"
                    "现行规定请向当地人社部门核实。"
                )
                self.warnings.append(f"{doc.title}已过实施期限（{doc.period_label}）")
        asker = self.context.query.asker_region
        if asker:
            foreign = {
                h.doc.short_title for h in hits if h.doc.jurisdiction and not h.doc.jurisdiction.covers(asker)
            }
            if foreign:
                notes.append(
                    f"以上{'、'.join(sorted(foreign))}不是{short_name(asker)}的政策，不适用于{short_name(asker)}。"
                )
        return notes

    def _draft(self, lines: list[str], answerable: bool) -> Draft:
        text, cited = renumber("\n".join(lines), self.cited)
        return Draft(text=text, answerable=answerable, cited=cited, warnings=self.warnings)


def renumber(text: str, cited: list[CitedSpan]) -> tuple[str, list[CitedSpan]]:
    """Keep only spans whose [n] is in the text, numbered 1, 2, … in order of appearance."""
    order = [int(m) for m in re.findall(r"\[(\d+)\]", text)]
    mapping: dict[int, int] = {}
    for old in order:
        mapping.setdefault(old, len(mapping) + 1)
    text = re.sub(r"\[(\d+)\]", lambda m: f"[[{mapping.get(int(m.group(1)), 0)}]]", text)
    text = text.replace("[[", "[").replace("]]", "]")
    spans = [span.model_copy(update={"n": mapping[span.n]}) for span in cited if span.n in mapping]
    return text, sorted(spans, key=lambda s: s.n)


def _place_label(doc: DocumentMeta) -> str:
    if doc.jurisdiction is None:
        return "其他"
    return doc.jurisdiction.city or doc.jurisdiction.province


def _with_mark(sentence: str, n: int) -> str:
    """'…1万元。' → '…1万元[1]。' so the mark reads with its sentence."""
    stripped = sentence.rstrip("。；;！!？? \n")
    return f"{stripped}[{n}]。"


def _fit_groups(groups: list[list[Evidence]]) -> list[list[Evidence]]:
    """Keep the answer readable aloud: drop the weakest documents' lines past the budget."""
    out: list[list[Evidence]] = []
    total = 0
    for group in groups:
        size = sum(len(e.sentence) for e in group) + len(group[0].hit.doc.short_title)
        if out and total + size > MAX_ANSWER_CHARS:
            continue
        out.append(group)
        total += size
    return out
