"""Write the answer: the chosen sentences with [n] after each run from one clause, grouped
the way the question asks (by part, by side, by jurisdiction), a short verdict first
where one exists, and the notes a hotline answer owes (expired or repealed documents,
policies that do not apply to the asker). Refusals say what is missing, what the
documents do say, and where to ask.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from assistant.answer.agreement import foreign_province
from assistant.answer.aspect import FILER_STATED
from assistant.answer.base import AnswerContext, CitedSpan, Draft
from assistant.answer.deadline import deadlines
from assistant.answer.evidence import Evidence
from assistant.answer.features import FIGURE, figure_value, figures
from assistant.answer.tenure import floor_of, longest, ordinal_start, told_months
from assistant.answer.wording import (
    ASK_HOTLINE,
    CHECK_CURRENT_RULES,
    EXPIRED_CHECK,
    HOTLINE_ADVICE,
    MISSING_FIGURE,
    NOTHING_FOUND,
    not_stated,
)
from assistant.jurisdiction import short_name
from assistant.models import DocumentMeta, Jurisdiction, Retrieved, chinese_date
from assistant.question.answer_type import (
    ASKS_EXISTS,
    COUNT_ASKED,
    HOW_MUCH_MORE,
    MODAL,
    AnswerKind,
    answer_kind,
    asked_act,
    asked_object,
    asks_judgement,
    negative_of,
)
from assistant.question.understand import levels_in, skill_levels
from assistant.text.chinese import cn_number, to_halfwidth
from assistant.text.segment import segment, tokenize

MAX_ANSWER_CHARS = 400
_YES = re.compile(ASKS_EXISTS)
YES = "有。"  # the verdict of a question whether something exists ("有补贴吗")
_WILL = re.compile(r"(会不会|会.{0,12}吗)")
# A rule that forbids, withholds or excludes: "公司能这样做吗" quoted "用人单位不得…" is not
# answered "可以". Which way such a rule answers depends on who asks about whose act, so a
# sentence holding one gets no verdict at all: the rule speaks for itself.
_FORBIDS = re.compile(
    r"不得|禁止|严禁|不能|不可|不准|不允许|不应当?|不予|无权|不属于|不视为|除外|不在[^，。；]{0,12}范围|"
    r"不(再|重复)?(享受|给予|发放|补贴|支持|纳入|列入|包括|适用)|(停止|暂停)(发放|享受)|停发"
)
# Circled numerals: digits would read as figures to the number guard (answer/validate.py).
_PART_MARKERS = "①②③④⑤⑥"


class Composer:
    """Collects citations while writing; one per answer."""

    def __init__(self, context: AnswerContext) -> None:
        self.context = context
        self.cited: list[CitedSpan] = []
        self.hits: dict[str, Retrieved] = {}  # every clause cited, by id
        # Documents whose own line already says they have expired: no 注意 line repeats it.
        self.flagged_expired: set[str] = set()
        self.warnings: list[str] = []
        # What the answer has already said, by normalised text and clause: a line is never
        # printed twice (a table cell repeated in a split row, two parts answered alike).
        self.said: set[tuple[str, str]] = set()
        self.comparing = False  # the answer sets places side by side, each labelled
        self.worked_out: set[str] = set()  # figures computed here, not quoted (see Draft)

    # -- citations ---------------------------------------------------------------
    def cite(self, hit: Retrieved, quote: str = "") -> int:
        for span in self.cited:
            if span.clause_id == hit.clause.clause_id:
                if quote and quote not in span.quote:
                    span.quote = f"{span.quote}{quote}"
                return span.n
        n = len(self.cited) + 1
        self.cited.append(CitedSpan(n=n, clause_id=hit.clause.clause_id, quote=quote))
        self.hits[hit.clause.clause_id] = hit
        return n

    def body(self, items: list[Evidence], texts: dict[int, str] | None = None) -> str:
        """Sentences in order, one [n] after each run of sentences from the same clause;
        a sentence the answer has already said is not said again."""
        parts: list[str] = []
        items = [item for run in clause_runs(self.unsaid(items, texts)) for item in run]
        for i, item in enumerate(items):
            text = (texts or {}).get(id(item), item.text).strip()
            n = self.cite(item.hit, text)
            same_next = i + 1 < len(items) and items[i + 1].clause_id == item.clause_id
            parts.append(_end(text) if same_next else with_mark(text, n))
        return "".join(parts)

    def unsaid(self, items: list[Evidence], texts: dict[int, str] | None = None) -> list[Evidence]:
        """The items whose text (as printed) and clause the answer has not said yet, nor
        another item of the same clause says within its own (a list quoted whole holds the
        line for the asked level: "高级技师…500元" is not said again beside it)."""
        printed = {id(item): _said_key((texts or {}).get(id(item), item.text)) for item in items}
        out = []
        for item in items:
            key = (printed[id(item)], item.clause_id)
            inside = any(
                other is not item
                and other.clause_id == item.clause_id
                and printed[id(item)] != printed[id(other)]
                and printed[id(item)] in printed[id(other)]
                for other in items
            )
            # A list's lead alone ("第四条 津贴标准如下：") says nothing when its items are
            # quoted on their own, and there are other lines to say.
            lead = (texts or {}).get(id(item), item.text).rstrip().endswith(("：", ":")) and len(items) > 1
            if key in self.said or inside or lead:
                continue
            self.said.add(key)
            out.append(item)
        return out

    # -- answers -------------------------------------------------------------------
    def single(self, items: list[Evidence], texts: dict[int, str], verdict: str = "") -> Draft:
        said_by_doc = []
        for group in _by_document(items):
            said = self.body(group, texts)
            if said:
                said_by_doc.append((f"{group[0].doc.short_title}：{said}", [e.hit for e in group]))
        lines, used = _fit_said(said_by_doc, MAX_ANSWER_CHARS)
        return self.finish([verdict, *lines] if verdict else lines, used, answerable=True)

    def parts(
        self, answered: list[tuple[str, list[Evidence]]], texts: dict[int, str], verdicts: Sequence[str] = ()
    ) -> Draft:
        """One numbered line per part, after its verdict when it has one ("②不能。…"); a part
        the documents do not answer says so."""
        lines = []
        used: list[Retrieved] = []
        first_said: dict[tuple[str, str], str] = {}
        for n, (marker, (missing, items)) in enumerate(zip(_PART_MARKERS, answered, strict=False)):
            keys = [(_said_key(texts.get(id(e), e.text)), e.clause_id) for e in items]
            said = self.body(items, texts) if items else ""
            if said:
                verdict = verdicts[n] if n < len(verdicts) else ""
                lines.append(f"{marker}{verdict}{items[0].doc.short_title}：{said}")
                used += [e.hit for e in items]
                for key in keys:
                    first_said.setdefault(key, marker)
            elif items:
                # Answered by what an earlier part already said: point to it, never repeat it.
                lines.append(f"{marker}见{first_said.get(keys[0], '上')}。")
            else:
                lines.append(f"{marker}{missing}")
        answerable = any(items for _, items in answered)
        return self.finish(lines, used, answerable=answerable)

    def comparison(self, sides: list[tuple[str, list[Evidence]]], texts: dict[int, str]) -> Draft:
        said_by_side: list[tuple[str, list[Retrieved]]] = []
        for label, items in sides:
            said = self.body(items, texts) if items else ""
            shared = _naming(items[0].text, label) if items and not said else ""
            if said:
                line = f"【{label}】{items[0].doc.short_title}：{said}"
                said_by_side.append((line, [e.hit for e in items]))
            elif shared:
                # "高级技师和技师晋升奖励差多少": one line states both; this side's part of it.
                n = self.cite(items[0].hit, items[0].text)
                said_by_side.append((f"【{label}】同一条规定：{shared}[{n}]。", [items[0].hit]))
            else:
                said_by_side.append((f"【{label}】现有文件中没有找到这方面的规定。", []))
        answerable = any(items for _, items in sides)
        self.comparing = True
        lines, used = _fit_said(said_by_side, MAX_ANSWER_CHARS + 100)
        difference = _difference(sides) if HOW_MUCH_MORE.search(self.context.question) else None
        if difference is not None:
            # A figure the answer works out itself, allowed past the number guard.
            line, gap = difference
            self.worked_out.add(gap)
            lines.append(line)
        return self.finish(lines, used, answerable=answerable)

    def not_stated(
        self,
        kind: AnswerKind | None,
        related: Evidence | None,
        years: list[int] | None = None,
        what: str | None = None,
        closest: bool = True,
    ) -> Draft:
        """What is missing (`what`, else the kind's figure), then the rule the documents do
        give (or, with `closest`, the documents that came closest), then where to ask."""
        what = what or (MISSING_FIGURE.get(kind.main, "这方面的具体规定") if kind else "这方面的具体规定")
        if years:
            what = f"{'、'.join(f'{y}年' for y in years)}的{what.removeprefix('这方面的')}"
        lines = [f"{not_stated(f'您问的{what}')}。"]
        used: list[Retrieved] = []
        if related is not None:
            n = self.cite(related.hit, related.text)
            lines.append(f"相关规定是：{related.doc.short_title}{with_mark(related.text, n)}")
            used.append(related.hit)
        elif closest:
            # Which documents came closest, never what the library is about: a curator's
            # library may hold labour laws or any other notices.
            lines.append(f"与您的问题最接近的文件是：{self._titles()}。")
        lines.append(HOTLINE_ADVICE)
        return self.finish(["".join(lines)], used, answerable=False)

    def other_subject(self, kind: AnswerKind, asked: str, other: str, nearest: Evidence) -> Draft:
        """The figure found belongs to another subject than the one asked (another award):
        the asked one's is not stated; the nearest rule is given as being about the other."""
        what = MISSING_FIGURE.get(kind.main, "具体规定").removeprefix("具体")
        n = self.cite(nearest.hit, nearest.text)
        text = (
            f"{not_stated(f'{asked}的{what}')}；文件载明的是关于{other}的规定，不是{asked}的："
            f"{nearest.doc.short_title}{with_mark(nearest.text, n)}{HOTLINE_ADVICE}"
        )
        return self.finish([text], [nearest.hit], answerable=False)

    def not_covered(self, places: list[Jurisdiction]) -> Draft:
        """Places asked about that no document covers: said first, then whose documents came
        closest (the retrieved ones: not every region the library holds, so not called that)."""
        names = "、".join(dict.fromkeys(short_name(p) for p in places))
        covered = "、".join(
            sorted({h.doc.jurisdiction.label for h in self.context.hits if h.doc.jurisdiction})
        )
        text = (
            f"现有文件中没有{names}的政策规定；与您的问题最接近的是{covered or '其他地区'}的文件，"
            f"不适用于{names}。{names}的规定{ASK_HOTLINE}"
        )
        return self.finish([text], [], answerable=False)

    def missing_field(self, doc: DocumentMeta, fields: list[str], header: Retrieved | None) -> Draft:
        """ "文号是多少" of a document that has none: say so, with what is known."""
        known = [doc.short_title]
        if doc.issuer:
            known.append(f"发文机关{doc.issuer}")
        if doc.date:
            known.append(f"印发日期{chinese_date(doc.date)}")
        mark = f"[{self.cite(header, header.clause.text)}]" if header else ""
        text = f"文件正文没有载明{'、'.join(fields)}。已知信息：{'，'.join(known)}{mark}。{HOTLINE_ADVICE}"
        return self.finish([text], [header] if header else [], answerable=False)

    def validity(self, doc: DocumentMeta, header: Retrieved | None) -> Draft:
        """Whether a document is in force today, from its own metadata."""
        text, status = self._period(doc, header)
        effective = _YEAR_EFFECTIVE.search(self.context.question)
        if effective and doc.valid_from:
            # "是2024年施行的吗" of a notice in force from 2025: 不是, then its period.
            text = ("是。" if int(effective.group(1)) == doc.valid_from.year else "不是。") + "\n" + text
        if status != "现行有效":
            text += CHECK_CURRENT_RULES
        if status != "现行有效":
            self.warnings.append(f"{doc.title}：{status}")  # a ⚠ for a document in force says nothing
        # Not through finish(): the status is the answer, an expiry note would say it twice.
        text, cited = renumber(text, self.cited)
        return Draft(text=text, answerable=True, cited=cited, warnings=self.warnings, read=self._read())

    def periods(self, sides: list[tuple[str, DocumentMeta | None, Retrieved | None]]) -> Draft:
        """ "株洲和洛阳哪个文件有效期更长？": each side's document's period, from its metadata."""
        lines = []
        for label, doc, header in sides:
            said = self._period(doc, header)[0] if doc is not None else "现有文件中没有找到这方面的规定。"
            lines.append(f"【{label}】{said}")
        text, cited = renumber("\n".join(lines), self.cited)
        return Draft(text=text, answerable=True, cited=cited, warnings=self.warnings, read=self._read())

    def _period(self, doc: DocumentMeta, header: Retrieved | None) -> tuple[str, str]:
        """The sentence giving a document's period and status today, and that status."""
        today = self.context.today
        mark = f"[{self.cite(header, header.clause.text)}]" if header else ""
        status = doc.status_label(today)
        on = chinese_date(today)
        if doc.valid_to is None and doc.status(today) == "in_force":
            # No end stated: never claim it is in force, nor give a period it does not state.
            status = "是否仍然有效无法从正文判断"
            return f"{doc.short_title}正文没有写明实施期限，截至{on}{status}{mark}。", status
        label = doc.period_label
        if doc.valid_to and label.endswith("年") and (doc.valid_to.month, doc.valid_to.day) == (12, 31):
            # "2025—2027年" asked "到什么时候": until the end of its last year, said so.
            label += f"（到{doc.valid_to.year}年底）"
        return f"{doc.short_title}实施期限为{label}，截至{on}{status}{mark}。", status

    def nothing_found(self) -> Draft:
        return self.finish([f"{NOTHING_FOUND}{HOTLINE_ADVICE}"], [], answerable=False)

    # -- notes ---------------------------------------------------------------------
    def quoted_line(self, hit: Retrieved, sentence: str) -> str:
        """One sentence quoted as a line of its own, cited: "《标题》：…[n]。"."""
        return f"{hit.doc.short_title}：{with_mark(sentence, self.cite(hit, sentence))}"

    def finish(self, lines: list[str], used: list[Retrieved], answerable: bool) -> Draft:
        notes = self._notes(used) + _deadlines_passed(lines, self.context.today)
        unplaced = self.context.query.unplaced
        if unplaced and not self.context.query.places and self.context.query.asker_region is None:
            # 经开区 and 高新区 exist in many cities: the answer cannot assume one.
            names = "、".join(f"“{name}”" for name in unplaced)
            notes.insert(0, f"未能确定{names}属于哪个城市；如需当地规定，请说明所在城市。")
        text, cited = renumber("\n".join([line for line in lines if line] + notes), self.cited)
        return Draft(
            text=text,
            answerable=answerable,
            cited=cited,
            warnings=self.warnings,
            worked_out=sorted(self.worked_out),
            read=self._read(),
        )

    def worked_out_day(self, day: dt.date) -> str:
        """A day the answer works out itself, written out and allowed past the number guard."""
        self.worked_out |= {str(day.year), str(day.month), str(day.day)}
        return chinese_date(day)

    def _read(self) -> list[Retrieved]:
        """The cited clauses retrieval did not return (the catalogue read them)."""
        retrieved = {h.clause.clause_id for h in self.context.hits}
        return [hit for clause_id, hit in self.hits.items() if clause_id not in retrieved]

    def _notes(self, used: list[Retrieved]) -> list[str]:
        """Notes speak only of documents the answer still cites."""
        notes: list[str] = []
        seen: set[str] = set()
        today = self.context.today
        for hit in used:
            doc = hit.doc
            if doc.doc_id in seen:
                continue
            seen.add(doc.doc_id)
            status = doc.status(today)
            if status == "repealed" and doc.superseded:
                notes.append(
                    f"注意：以上引自{doc.short_title}的旧版本（{doc.date}），该文件已有新版本，请以现行版本为准。"
                )
                self.warnings.append(f"{doc.title}（{doc.date}）已有新版本")
            elif status == "repealed":
                notes.append(
                    f"注意：{doc.short_title}已被{self._title_of(doc.repealed_by)}废止，请以现行文件为准。"
                )
                self.warnings.append(f"{doc.title}已废止")
            elif status == "not_yet":
                notes.append(f"注意：{doc.short_title}尚未施行。")
            elif status == "expired":
                if doc.doc_id not in self.flagged_expired:  # its own line already says so
                    notes.append(
                        f"注意：{doc.short_title}实施期限为{doc.period_label}，已过期，{EXPIRED_CHECK}"
                    )
                self.warnings.append(f"{doc.title}已过实施期限（{doc.period_label}）")
        # Each side of a comparison is labelled with its place: "以上…不适用于株洲" under
        # 【株洲】's own line would contradict it.
        if not self.comparing:
            notes += self._other_places(used)
            notes += self._silent_places(used)
        asker = self.context.query.asker_region
        unplaced = sorted({h.doc.short_title for h in used if h.doc.jurisdiction is None})
        here = asker or next(iter(self.context.query.places), None)
        if here is not None and unplaced:
            # A notice whose issuer names no place ingest knows answers for every place: the
            # asker is told it may not be theirs.
            notes.append(f"{'、'.join(unplaced)}未能确定适用地区，请核实是否适用于{short_name(here)}。")
        if asker and not self.comparing:
            notes += _not_the_askers(used, asker)
        return notes

    def _other_places(self, used: list[Retrieved]) -> list[str]:
        """A place asked about (not the asker's own, noted below) that a cited province's
        rule does not reach: 宁夏's rule quoted for a question about 江苏 says so."""
        query = self.context.query
        asked = [p for p in query.places if p not in (query.asker_region, query.origin)]
        if not asked:
            return []
        notes = []
        for doc in dict((h.doc.doc_id, h.doc) for h in used).values():
            place = foreign_province(asked, doc.jurisdiction)
            if place is not None and doc.jurisdiction is not None:
                here, there = short_name(place), short_name(doc.jurisdiction)
                notes.append(
                    f"以上{doc.short_title}是{there}的规定，不适用于{here}；{here}的规定{ASK_HOTLINE}"
                )
            elif (province := _province_of_the_city(asked, doc.jurisdiction)) is not None:
                # "湖北省的技师岗位津贴多少" answered by 襄阳's rule: one city's, not the province's.
                here, there = short_name(province), short_name(doc.jurisdiction)  # type: ignore[arg-type]
                notes.append(f"以上{doc.short_title}是{there}的规定，只适用于{there}，不是{here}全省的规定。")
        return notes

    def _silent_places(self, used: list[Retrieved]) -> list[str]:
        """A city asked about whose own document was retrieved but is not cited: the answer
        quotes the province's or the nation's rule, and says the city's document is silent
        (and that the quoted rule does reach the city), so "无锡呢？" after a 江苏 answer is not
        read as 无锡's own rule."""
        if not used:
            return []
        query = self.context.query
        cited_docs = dict((h.doc.doc_id, h.doc) for h in used)
        notes = []
        for place in query.places:
            if place.city is None or place == query.asker_region:
                continue
            own = dict(
                (h.doc.doc_id, h.doc)
                for h in self.context.hits
                if h.doc.jurisdiction is not None and h.doc.jurisdiction.city == place.city
            )
            if not own or own.keys() & cited_docs.keys():
                continue
            reaching = [
                d for d in cited_docs.values() if d.jurisdiction is not None and d.jurisdiction.covers(place)
            ]
            if not reaching:
                continue  # a foreign rule: _other_places says so
            here = short_name(place)
            theirs = "、".join(sorted({short_name(d.jurisdiction) for d in reaching if d.jurisdiction}))
            titles = "、".join(d.short_title for d in own.values())
            notes.append(f"{here}的文件（{titles}）没有写到这一点；以上是{theirs}的规定，同样适用于{here}。")
        return notes

    def _title_of(self, doc_id: str | None) -> str:
        for hit in self.context.hits:
            if hit.doc.doc_id == doc_id:
                return hit.doc.short_title
        return "新文件"

    def _titles(self) -> str:
        return "、".join(sorted({h.doc.short_title for h in self.context.hits}))


def _province_of_the_city(asked: list[Jurisdiction], where: Jurisdiction | None) -> Jurisdiction | None:
    """The province asked about (as a whole) whose city the document is for; None otherwise."""
    if where is None or where.city is None:
        return None
    return next((p for p in asked if p.city is None and p.province == where.province), None)


def _not_the_askers(used: list[Retrieved], asker: Jurisdiction) -> list[str]:
    """Cited documents that are not the asker's place's: another place's policy, or, for an
    asker who named only their province, one of its cities' (南通's notice is 江苏's too, but
    holds only in 南通)."""
    foreign: dict[str, str] = {}
    one_city: dict[str, list[str]] = {}
    for hit in used:
        where = hit.doc.jurisdiction
        if where is None or where.covers(asker):
            continue
        if asker.city is None and where.city is not None and where.province == asker.province:
            one_city.setdefault(short_name(where), []).append(hit.doc.short_title)
        else:
            foreign[hit.doc.short_title] = hit.doc.short_title
    notes = []
    if foreign:
        here = short_name(asker)
        notes.append(f"以上{'、'.join(sorted(foreign))}不是{here}的政策，不适用于{here}。")
    if len(one_city) > 1:
        notes.append(f"以上分别是{'、'.join(one_city)}的规定，只适用于各自的城市。")
    for city, titles in one_city.items() if len(one_city) == 1 else ():
        notes.append(f"以上{'、'.join(dict.fromkeys(titles))}是{city}的规定，只适用于{city}。")
    return notes


def _deadlines_passed(lines: list[str], today: dt.date) -> list[str]:
    """A note on the days to apply the quoted sentences give, when every one has passed
    ("…应于2026年6月30日前提出申请"): a worker reading it today cannot meet it."""
    text = "\n".join(lines)
    if "今天是" in text:
        return []  # the answer already says the window closed
    days = sorted({d for sentence in re.split(r"[。；\n]", text) for d in deadlines(sentence)})
    if not days or days[-1] >= today:
        return []
    said = "、".join(chinese_date(d) for d in days)
    return [f"注意：以上申请截止日期（{said}）已过（今天是{chinese_date(today)}）。"]


def verdict(kind: AnswerKind, text: str, said: Sequence[str] = ()) -> str:
    """A short 能/有 first for a yes-or-no question the documents answer; none when a sentence
    `said` in answer forbids or excludes something (its yes or no is not ours to guess)."""
    checked = figure_checked(text, said)
    if checked:
        return checked  # "奖励是5万元吗" of a rule paying 1万元: 不是, whatever else is asked
    if kind.main != "yesno" and not (kind.wants("yesno") and kind.main in ("general", "list")):
        return ""
    if any(_FORBIDS.search(sentence) for sentence in said):
        return ""
    if asks_judgement(text):
        # "这样行吗" is answered by what the rule says of the act told, which a quoted rule
        # may not say at all: no verdict is guessed from the question's wording.
        return ""
    if _YES.search(text):
        return YES
    asked = asked_object(text)
    if asked and not _names_all(said, asked):
        # "能领失业金吗" answered by a rule on 失业青年's training: a 可以 would be about
        # something else. The rule is still quoted, without the verdict.
        return ""
    if said and all(_TO_LOCALITIES.search(sentence) for sentence in said):
        # "支持各地将高技能人才纳入城市直接落户范围" asks places to do something: whether this
        # asker can is for the local rule to say, not a 可以 of ours.
        return ""
    act = asked_act(text)
    if act and not _names_head(said, act):
        # "可以直接落户吗" answered by a rule on 破格录取: no 可以 for an act the rule never names.
        return ""
    if _WILL.search(text):
        return "会。"
    # 可以 answers a 能/可以 question only ("算不算…", "是不是…" are not answered 可以).
    return "可以。" if MODAL.search(text) else ""


# A rule asking places to do something ("支持各地将…纳入", "推动将…纳入"): no entitlement.
_TO_LOCALITIES = re.compile(
    r"(支持|鼓励|指导|推动|引导|督促|要求)(各(地|市|县|级))?将|(支持|鼓励|指导|督促|要求)各(地|市|县)|各地(要|应|可)"
)


def _names_head(said: Sequence[str], act: str) -> bool:
    """The head of the act's last word (Chinese compounds end in it: 直接落户 → 落户, 技能等级
    证书 → 证书) is in the sentences said."""
    words = [word for word in segment(act) if len(word) >= 2]
    return not words or words[-1][-2:] in "".join(said)


_YEAR_EFFECTIVE = re.compile(r"(\d{4})年[^，。？?]{0,4}(开始)?(施行|生效|实施)的?(吗|么|嘛|[？?])")
_YEAR_PUT_FORWARD = re.compile(r"(\d{4})年[^，。？?]{0,4}(印发|发布|出台|下发|发)的?(吗|吧|么|嘛|[？?])")
# "技术能手奖励是5万元吗": a figure the question puts forward for the answer to confirm.
# "中级工培训券1800元对不对": the same, asked after the figure.
_PUT_FORWARD = re.compile(
    rf"(是|为|有|给|发)(?P<figure>{FIGURE.pattern})(吗|吧|么|嘛|不|[？?])|"
    rf"(?P<figure2>{FIGURE.pattern})[，,]?(对不对|对吗|对吧|是吗|是不是|没错吧|没错吗)"
)


# Taking a benefit again, asked ("能领两次吗", "可以重复享受吗", "还能再申请一次吗") and refused
# ("只能享受一次", "不得重复享受", "不重复发放").
_TAKE = r"(领取|申领|领|享受|申请|拿|补贴|发放|奖励)"
_AGAIN_ASKED = re.compile(
    rf"((重复|再次|再|第二次|多次|两次|二次)[^，。？?]{{0,2}}{_TAKE}|{_TAKE}(两|二|多|好几)次)"
    r"[^，。？?]{0,8}(吗|么|嘛|不|[？?]|$)"
)
_ONCE_ONLY = re.compile(rf"只(能|可)?{_TAKE}?一次|不(得|予|再)?重复{_TAKE}")
_SAME = re.compile(r"同一|同个|一样的|相同")
# A count of claims put forward ("一年能领4次吗") and the most a rule allows ("每年最多享受3次",
# "每人每年享受…不超过3次").
# A number of people a firm tells it has trained or taken on ("培养了8个高级工", "招用12名")
# and the least a rule asks ("技能人才10人以上的").
_HEADS_TOLD = re.compile(
    r"(培养|新增|招用|吸纳|培训|带出)了?(?P<n>\d{1,4}|[两二三四五六七八九十]{1,3})(个|名|位)"
)
_AT_LEAST_HEADS = re.compile(r"(?P<n>\d{1,4})(人|名)([（(]含\d{1,4}(人|名)[）)])?(以上|及以上)")
_AT_MOST_TIMES = re.compile(r"(最多|不超过|不得超过)[^，。；\d]{0,6}?(?P<n>\d{1,2}|[两二三四五六七八九十])次")


# Who files, and to whom money goes, put forward ("是个人自己申报吗", "是给学徒本人的吗",
# "能发给个人吗") and stated ("由所在企业向县人社部门申报", "补贴资金拨付给企业").
_PARTY = r"(?P<who>个人|本人|自己|职工|学徒|申请人|企业|单位|公司|用人单位)"
_FILER_ASKED = re.compile(rf"{_PARTY}(自己)?(去|来)?(申报|申请|提交|报)[^，。？?]{{0,3}}(吗|么|嘛|[？?]|$)")
_RECIPIENT_ASKED = re.compile(rf"(给|发给|发放给|发到|打给){_PARTY}[^，。？?]{{0,4}}(吗|么|嘛|[？?]|$)")
# "不发放给个人" names 个人 as whom it is not paid to: no recipient.
_RECIPIENT_STATED = re.compile(r"(?<![不得])(拨付|发放|支付|发)(给|至|到)(?P<who>[^，。；]{1,8})")
_NOT_TO_PERSONS = re.compile(r"不得?(发放|发|支付|拨付)(给|至)个人")


def _party(who: str) -> str | None:
    """A person or a firm, as a filer or a recipient is named; None for anyone else."""
    if re.search(r"企业|单位|公司", who):
        return "企业"
    if re.search(r"个人|本人|自己|职工|学徒|申请人", who):
        return "个人"
    return None


# Who pays, put forward ("是市里出钱吗", "县财政承担吗", "是企业出的钱吗") and stated ("所需
# 资金由县级就业补助资金列支", "由市、县两级财政按1:1比例分担").
_PAYERS = r"中央|国家|省|市|县|区|企业|单位|个人|自己"
_PAYER_ASKED = re.compile(
    rf"(?P<who>{_PAYERS})(里|级|财政|级财政)?(出钱|出的钱|出资|承担|负担|掏钱|掏的钱|买单|拿钱|列支)"
    r"[^，。？?]{0,3}(吗|么|嘛|[？?]|$)"
)
_FUNDED = re.compile(
    r"(资金|经费|补贴|奖励|津贴)[^。；]{0,12}由(?P<who>[^。；]{1,24}?)(列支|承担|分担|负担|支付|安排|出资)"
)
_TIERS = {
    "中央": "国家",
    "国家": "国家",
    "省": "省",
    "市": "市",
    "县": "县",
    "区": "县",
    "企业": "企业",
    "单位": "企业",
}


def _tier(who: str) -> str:
    return _TIERS.get(who, "个人")


def _payer_checked(asked: str, said: Sequence[str]) -> str:
    """ "是。" when the sentences said fund it from the payer put forward alone, "不全是。"
    when from it and others, "不是。" when from others; "" when none says who funds it."""
    stated: set[str] = set()
    for sentence in said:
        for funded in _FUNDED.finditer(sentence):
            stated |= {tier for word, tier in _TIERS.items() if word in funded.group("who")}
    if not stated:
        return ""
    if asked not in stated:
        return "不是。"
    return "是。" if stated == {asked} else "不全是。"


# How often money is paid, put forward ("是按季度发放的吗", "每月发吗") and stated ("按月发放",
# "按季度将补贴拨付至…").
_CYCLE_ASKED = re.compile(
    r"(按|每)(?P<cycle>月|季度?|半年度?|年度?)[^，。？?\d]{0,4}(发|拨|给|打)[^，。？?]{0,3}(吗|么|嘛|[？?]|$)"
)
_CYCLE_STATED = re.compile(r"按(?P<cycle>月|季度?|半年度?|年度?)[^，。；]{0,12}(发放|拨付|发|支付)")


def _cycle(word: str) -> str:
    return {"季": "季度", "年度": "年", "半年度": "半年"}.get(word, word)


def _difference(sides: list[tuple[str, list[Evidence]]]) -> tuple[str, str] | None:
    """ "高级技师比技师多2000元。" and the gap as written, when two sides are read from one
    clause (a table of levels, whose amounts are paid alike) and each states one amount in the
    same unit (its own part of a shared line: "技师（二级）4000元"); None otherwise: a monthly
    allowance and a one-off award in two notices are not told apart by subtraction."""
    if len({items[0].clause_id for _, items in sides if items}) != 1:
        return None
    values = []
    for label, items in sides:
        if not items:
            return None
        stated = [
            v for f in figures(_naming(items[0].text, label) or items[0].text) if (v := figure_value(f.text))
        ]
        if len(stated) != 1:
            return None
        values.append((label, *stated[0]))
    if len(values) != 2 or values[0][2] != values[1][2] or values[0][1] == values[1][1]:
        return None
    (more, high, unit), (less, low, _) = sorted(values, key=lambda v: -v[1])
    gap = f"{high - low:g}"
    return f"{more}比{less}多{gap}{unit}。", gap


def _naming(sentence: str, label: str) -> str:
    """The part of a sentence (between its commas) naming a side: "技师（二级）4000元" of a
    level table for 技师 (not "高级技师（一级）6000元"); "" when none does."""

    def names(piece: str) -> bool:
        return label in piece and (label not in skill_levels() or label in levels_in(piece))

    # "新取得技师证书的，给予一次性奖励3000元；…" keeps its condition with its amount; a
    # list run together with commas ("高级工2000元，技师4000元") is cut at them.
    for pattern in (r"[；;]", r"[，,；;：:]"):
        pieces = [p for p in re.split(pattern, sentence.rstrip("。")) if names(p)]
        if len(pieces) == 1 and len(levels_in(pieces[0])) <= 1:
            return pieces[0].strip()
    return ""


def figure_checked(text: str, said: Sequence[str]) -> str:
    """The verdict a question putting something forward gets from the sentences said: a year,
    a count of claims, a time against a term or a floor, a head count, a second claim, who
    files or is paid, who pays, how often, a figure. "" when none is put forward or the
    sentences do not settle it."""
    for check in _CHECKS:
        verdict = check(text, said)
        if verdict is not None:
            return verdict
    return ""


def _year_checked(text: str, said: Sequence[str]) -> str | None:
    """ "是2023年发的吗" answered by "印发日期：2021年11月26日"."""
    year = _YEAR_PUT_FORWARD.search(text)
    if year is None:
        return None
    stated_years = re.findall(r"(\d{4})年", "".join(said))
    return ("是。" if year.group(1) == stated_years[0] else "不是。") if stated_years else ""


def _count_checked(text: str, said: Sequence[str]) -> str | None:
    """ "一年能领4次吗" against "每人每年最多享受3次": 不能; "2次" 可以."""
    count = COUNT_ASKED.search(text)
    most = [m for s in said for m in _AT_MOST_TIMES.finditer(s)]
    if count is None or not most:
        return None
    asked, allowed = cn_number(count.group("n")), min(cn_number(m.group("n")) for m in most)
    return "可以。" if asked <= allowed else "不能。"


def _term_checked(text: str, said: Sequence[str]) -> str | None:
    """ "工作第4年还有生活补贴吗" against "最长发放3年": the fourth year begins past it, no.
    "跨省务工2个月有交通补贴吗" against "…稳定就业3个月以上的": short of the least asked, no."""
    past = ordinal_start(text)
    terms = [t for s in said if (t := longest(s)) is not None]
    if past is not None and terms and answer_kind(text).wants("yesno"):
        return negative_of(text) if past >= min(terms) else ""
    worked = told_months(text)
    floors = [f for s in said if (f := floor_of(s)) is not None]
    if past is None and worked is not None and floors and worked < min(floors):
        return negative_of(text)
    return None


def _heads_checked(text: str, said: Sequence[str]) -> str | None:
    """ "企业今年培养了8个高级工，有奖励吗" against "…技能人才10人以上的": 不能 below the head
    count, 可以 at or above it."""
    told = _HEADS_TOLD.search(text)
    least = [m for s in said for m in _AT_LEAST_HEADS.finditer(s)]
    if told is None or not least or not answer_kind(text).wants("yesno"):
        return None
    heads, needed = cn_number(told.group("n")), max(cn_number(m.group("n")) for m in least)
    return "可以。" if heads >= needed else "不能。"


def _again_checked(text: str, said: Sequence[str]) -> str | None:
    """ "同一个等级能领两次吗" against "同一职业同一等级只能享受一次": no. A rule scoped to the
    same thing ("同一…只能") does not answer a question that does not say it is the same
    (a count of claims may: "一年能领两次吗" of "每年不超过2次")."""
    once = [s for s in said if _ONCE_ONLY.search(s)]
    if not _AGAIN_ASKED.search(text) or not once:
        return None
    scoped = all(_SAME.search(s) for s in once)
    return "不能。" if not scoped or _SAME.search(text) else None


def _party_checked(text: str, said: Sequence[str]) -> str | None:
    """ "是个人自己申报吗" against "由所在企业向…申报"; "是给个人的吗" against "…拨付至工作室
    所在单位，不发放给个人". "发给企业还是个人" asks which, not whether: no verdict."""
    if "还是" in text:
        return None
    for asked_re, stated_re in (_FILER_ASKED, FILER_STATED), (_RECIPIENT_ASKED, _RECIPIENT_STATED):
        asked_party = asked_re.search(text)
        if asked_party is None:
            continue
        asked = _party(asked_party.group("who"))
        if asked_re is _RECIPIENT_ASKED and asked == "个人" and any(_NOT_TO_PERSONS.search(s) for s in said):
            return "不能。"
        stated_parties = {_party(m.group("who")) for s in said for m in stated_re.finditer(s)} - {None}
        if stated_parties:
            return "是。" if asked in stated_parties else "不是。"
    return None


def _payer_asked_checked(text: str, said: Sequence[str]) -> str | None:
    payer = _PAYER_ASKED.search(text)
    return _payer_checked(_tier(payer.group("who")), said) if payer is not None else None


def _cycle_checked(text: str, said: Sequence[str]) -> str | None:
    """ "是按季度发放的吗" answered by "津贴实行按月发放" ("按月发还是按季度发" asks which)."""
    cycle = _CYCLE_ASKED.search(text)
    if cycle is None or "还是" in text:
        return None
    stated = [_cycle(m.group("cycle")) for s in said for m in _CYCLE_STATED.finditer(s)]
    return ("是。" if _cycle(cycle.group("cycle")) in stated else "不是。") if stated else ""


def _figure_checked(text: str, said: Sequence[str]) -> str | None:
    """ "奖励是5万元吗", "是不是5000元", "1800元对不对" against the figures said in its unit."""
    match = _PUT_FORWARD.search(re.sub(r"是不是([^，。？?]*)", r"是\1吗", text))
    asked = figure_value(match.group("figure") or match.group("figure2")) if match else None
    if asked is None:
        return None
    stated = [v for s in said for f in figures(s) if (v := figure_value(f.text)) and v[1] == asked[1]]
    if not stated:
        return ""
    return "是。" if asked in stated else "不是。"


_CHECKS = (
    _year_checked,
    _again_checked,  # "同一个工种能领两次吗" is a second claim before it is a count
    _count_checked,
    _term_checked,
    _heads_checked,
    _party_checked,
    _payer_asked_checked,
    _cycle_checked,
    _figure_checked,
)


def _names_all(said: Sequence[str], asked: str) -> bool:
    """Every word of what was asked (of two characters or more) is in the sentences said. A
    subsidy asked by its everyday name ("每个月有补贴吗") is named by a 补助 or 津贴 paid to
    the asker; a 奖励 is not a 补贴."""
    joined = "".join(said)
    return all(
        word in joined or (word in EVERYDAY_PAY and any(w in joined for w in EVERYDAY_PAY))
        for word in tokenize(asked)
        if len(word) >= 2
    )


# What people call any payment to them: one is named by another.
EVERYDAY_PAY = frozenset({"补贴", "补助", "津贴"})


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


def place_tag(doc: DocumentMeta) -> str:
    """ "【宿迁市】" before a document's line; nothing when the document names no place (an
    uploaded notice whose issuer was not recognised), rather than a label that explains nothing."""
    if doc.jurisdiction is None:
        return ""
    return f"【{doc.jurisdiction.city or doc.jurisdiction.province}】"


def with_mark(sentence: str, n: int) -> str:
    """'…1万元。' → '…1万元[1]。' so the mark reads with its sentence."""
    return f"{_end(sentence)[:-1]}[{n}]。"


def _end(sentence: str) -> str:
    return sentence.strip().rstrip("。；;！!？? \n，,：:") + "。"


def _said_key(text: str) -> str:
    """Two printings of one sentence compare equal: punctuation, spaces and width aside."""
    return re.sub(r"[\W_]+", "", to_halfwidth(text))


class Quoted(Protocol):
    """A sentence an answer quotes, with the clause it comes from."""

    @property
    def text(self) -> str: ...

    @property
    def hit(self) -> Retrieved: ...


Q = TypeVar("Q", bound=Quoted)


def clause_runs(items: Sequence[Q]) -> list[list[Q]]:
    """Sentences of one clause together, as the clause has them, where its first chosen one
    stands: a condition chosen after its amount is not printed before the clause's title."""
    by_clause: dict[str, list[Q]] = {}
    for item in items:
        by_clause.setdefault(item.hit.clause.clause_id, []).append(item)
    runs = []
    for same in by_clause.values():
        text = same[0].hit.clause.text
        runs.append(sorted(same, key=lambda e: text.find(e.text.strip()) % (len(text) + 1)))
    return runs


def _by_document(items: list[Evidence]) -> list[list[Evidence]]:
    groups: dict[str, list[Evidence]] = {}
    for item in items:
        groups.setdefault(item.doc.doc_id, []).append(item)
    return list(groups.values())


def _fit_said(said: list[tuple[str, list[Retrieved]]], budget: int) -> tuple[list[str], list[Retrieved]]:
    """Keep an answer readable aloud: later lines go once the budget is spent (the first
    stays), and with them their clauses, so no note or warning speaks of a document the
    answer no longer quotes."""
    lines: list[str] = []
    used: list[Retrieved] = []
    total = 0
    for line, hits in said:
        if lines and total + len(line) > budget:
            continue
        lines.append(line)
        used += hits
        total += len(line)
    return lines, used
