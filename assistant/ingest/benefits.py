"""The benefit catalogue: every sentence of the library that grants something, with whom
it targets, built once per index from its clauses.

A notice grants money (a subsidy or reward with its amount), training, a title or award,
a service, priority, or a loan or interest subsidy. Each such sentence is recorded with the
worker groups and skill levels it names (assistant/data/groups.yaml), the places it names
and its document's place and period, so an eligibility question ("我是…的退役军人，能享受
什么") is answered from what the documents grant this asker, not from whichever sentence
shares most words with the question. The rules read the wording every notice uses (给予,
补贴, 优先, 贷款 …), never one document's layout: they hold on notices never seen.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.jurisdiction import find_places
from assistant.models import Clause, DocumentMeta, Jurisdiction, date_key, document_period
from assistant.question.answer_type import LEAVES_OUT, SANCTION, STOPS
from assistant.question.understand import find_groups, levels_in
from assistant.text.sentences import MIN_SENTENCE, clause_sentences, split_sentences, whole_sentences

BenefitKind = Literal["money", "loan", "title", "priority", "training", "service"]

# Checked in order; the first that matches is the benefit's kind. A loan is money too, but
# a worker asks for it by its own name (创业担保贷款), so it is its own kind.
_KINDS: tuple[tuple[BenefitKind, re.Pattern[str]], ...] = (
    ("loan", re.compile(r"贷款|贴息|担保")),
    # "给予支持资金", "给予一定经费": money granted without the word 补贴.
    (
        "money",
        re.compile(
            r"补贴|补助|资助|奖励|奖金|津贴|奖补|经费支持|资金支持|支持资金|给予[^，。；]{0,8}(资金|经费)|一次性"
        ),
    ),
    ("title", re.compile(r"称号|授予|评为|表彰|荣誉|命名为|评选|晋升")),
    ("priority", re.compile(r"优先")),
    ("training", re.compile(r"培训|培养|研修|学徒|技能提升|职业教育|免费")),
    ("service", re.compile(r"服务|指导|推荐|介绍|落户|咨询|安置|岗位|就业|绿色通道")),
)
# A sentence grants when it says what is given or enjoyed; a target ("新增技能人才3万人")
# or a duty of a department ("加强组织领导") grants nothing.
_GRANTS = re.compile(
    r"给予|享受|予以|补贴|补助|津贴|奖金|资助|奖励|奖补|免费|优先|贴息|贷款|授予|发放|按规定|纳入|"
    r"提供|支持|落户|可申请|可以申请|可按|可享|免收|减免|"
    # "面向自主就业退役军人，…重点开展…技能培训": a programme run for a group grants its training.
    r"面向[^。；]{0,80}(培训|服务)|(开展|组织|实施).{0,20}培训"
)
# Who does the work is not what anyone gets: "责任单位：…", "…等部门要…".
_DUTY = re.compile(r"^(责任单位|牵头单位|配合单位|责任部门)|(部门|单位)(要|应当|负责)")
# A sanction names the money it takes back, not money anyone gets: "…骗取套取补贴资金…，应追回
# 补贴资金并依法查处".
_TARGET_ONLY = re.compile(
    r"^(到|至)\d{4}年|目标|(力争|累计|每年|全年)?(新增|培养|培育|培训|输送)[^，。；]{0,12}\d"
)
_AMOUNT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:万|千|百)?元(?:/人)?|(?:最高|不超过|不低于)\s*\d+(?:\.\d+)?\s*(?:万|千)?元"
)
# A named programme or measure: a quoted name, or a name ending in 计划/工程/行动/项目.
_PROGRAMME = re.compile(r"“[^”]{2,24}”|[\u4e00-\u9fff]{2,12}(?:计划|工程|专项行动|项目|制度)")
# Wording that grants nothing concrete: a promise of measures to come.
_VAGUE = re.compile(r"配套(举措|措施|政策)|相关政策|有关政策|结合.{0,8}实际|研究制定|另行制定|逐步")
MAX_SENTENCE = 220
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{2,8}(事务厅|事务局|事务部|联合会|残联)")
_HEADING_MARK = re.compile(
    r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]"
)  # a longer "sentence" is a table row or a run-on list, rarely one benefit


class Benefit(BaseModel):
    """One sentence that grants something, and to whom."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    clause_id: str
    text: str = Field(description="The sentence as the clause writes it")
    kind: BenefitKind
    amount: str | None = Field(None, description="The first amount of money it states, e.g. 2000元")
    programme: str | None = Field(None, description="A programme or measure it names")
    groups: tuple[str, ...] = Field((), description="Worker groups it names (groups.yaml), empty if none")
    levels: tuple[str, ...] = Field((), description="Skill levels it names (高级工, 技师 …)")
    places: tuple[Jurisdiction, ...] = Field((), description="Places the sentence itself names")
    jurisdiction: Jurisdiction | None = Field(None, description="Where its document applies")
    period: tuple[int, int] = Field(description="Its document's (first, last) day in force, yyyymmdd")
    vague: bool = Field(False, description="A promise of measures to come rather than a benefit")
    order: int = Field(0, description="Position in the library: document order, then sentence")

    def in_force(self, today: dt.date) -> bool:
        start, end = self.period
        return start <= date_key(today, 0) <= end

    @property
    def concreteness(self) -> int:
        return concreteness(self.text)

    def covers(self, place: Jurisdiction) -> bool:
        """Its document applies in the place (a national one everywhere)."""
        return self.jurisdiction is not None and self.jurisdiction.covers(place)


class BenefitCatalog(BaseModel):
    """Every benefit of a library, in library order."""

    benefits: list[Benefit] = Field(default_factory=list)

    def __len__(self) -> int:
        return len(self.benefits)

    def for_asker(
        self,
        groups: Iterable[str] = (),
        place: Jurisdiction | None = None,
        doc_ids: Iterable[str] | None = None,
    ) -> list[Benefit]:
        """The benefits granted to one of `groups` (every benefit when no group is given) by
        documents that apply in `place` (or are among `doc_ids`). A benefit naming only
        other groups is never the asker's: 残疾人 asked, a 退役军人 benefit is left out."""
        wanted = set(groups)
        allowed = set(doc_ids) if doc_ids is not None else None
        out = []
        for benefit in self.benefits:
            if allowed is not None and benefit.doc_id not in allowed:
                continue
            if place is not None and not benefit.covers(place):
                continue
            if wanted and not wanted & set(benefit.groups):
                continue
            out.append(benefit)
        return out


def build_catalog(documents: dict[str, DocumentMeta], clauses: Iterable[Clause]) -> BenefitCatalog:
    """The catalogue of a library: each clause's granting sentences."""
    benefits: list[Benefit] = []
    for clause in clauses:
        meta = documents.get(clause.doc_id)
        if meta is None or clause.kind == "header":
            continue
        for benefit in clause_benefits(clause, meta):
            benefits.append(benefit.model_copy(update={"order": len(benefits)}))
    return BenefitCatalog(benefits=benefits)


# A sentence saying someone may apply for what the clause grants, without naming it.
_MAY_APPLY = re.compile(r"可(以)?(按规定)?(申领|申请|享受)")


def clause_benefits(clause: Clause, meta: DocumentMeta) -> list[Benefit]:
    """The sentences of one clause that grant something."""
    heading_groups = _groups(" ".join(clause.headings))
    # The lists a clause leaves people out by, or stops a payment by, read whole: their items
    # ("（三）已享受市级及以上其他人才生活补贴的人员；") grant nothing, whatever words they hold.
    withheld = [w for w in whole_sentences(clause.text) if LEAVES_OUT.search(w) or STOPS.search(w)]
    out: list[Benefit] = []
    for text in _sentences(clause):
        if any(text.strip("；;。 ") in w for w in withheld):
            continue
        kind = benefit_kind(text)
        lead = out[0] if out and out[0].kind == "money" else None
        if kind is None and lead is not None and _AMOUNT.search(text) and _may_grant(f"{lead.text}{text}"):
            # "生活补助标准：取得高级工证书的，每人每月400元；取得技师证书的，每人每月700元"
            # — the lines after the first state the same grant's amounts without its words.
            kind = "money"
        if kind is None and lead is not None and _MAY_APPLY.search(text):
            # "领取失业保险金人员在领取期间取得上述证书的，可按规定申领": the same grant, to
            # another group.
            kind = lead.kind
        if kind is None:
            continue
        # A sentence names its own group or is under a heading that does ("（三）支持退役军人
        # 技能提升" › "给予培训补贴"), or continues the clause's grant: it is that group's.
        groups = _groups(text) or heading_groups or (lead.groups if lead and not benefit_kind(text) else ())
        out.append(
            Benefit(
                doc_id=meta.doc_id,
                clause_id=clause.clause_id,
                text=text,
                kind=kind,
                amount=_first(_AMOUNT, text),
                programme=_first(_PROGRAMME, text),
                groups=groups,
                levels=tuple(levels_in(text)),
                places=tuple(dict.fromkeys(m.jurisdiction for m in find_places(text))),
                jurisdiction=meta.jurisdiction,
                period=document_period(meta),
                vague=bool(_VAGUE.search(text)),
            )
        )
    return out


def _sentences(clause: Clause) -> list[str]:
    """The clause's statements. Unlike clause_sentences, a short sentence that merely ends
    with its heading's words ("…给予每人1500元培训补贴。" under "培训补贴") is kept: only a
    sentence that is its heading again states nothing."""
    if clause.kind == "table_row":
        return [s.text for s in clause_sentences(clause)]
    headings = {h.strip("。；： ") for h in clause.headings if h}
    out = []
    for sentence in split_sentences(clause.text):
        sentence = sentence.strip()
        if len(sentence) >= MIN_SENTENCE and _HEADING_MARK.sub("", sentence).strip("。；： ") not in headings:
            out.append(sentence)
    return out


def is_duty(sentence: str) -> bool:
    """ "责任单位：…", "…等部门要…": who does the work, which no worker gets."""
    return bool(_DUTY.search(sentence))


# An amount paid to a firm ("给予企业奖励", "补贴资金拨付给企业", "奖励资金拨付至企业基本账户"),
# and a question asking of a firm ("企业能拿多少", "我们厂…奖励"): a worker is not paid it.
_PAYS_A_FIRM = re.compile(r"给予企业|企业奖励|(拨付|发放|支付)(给|至)(用人)?企业|企业[^，。；]{0,6}补贴资金")
FIRM_ASKS = re.compile(r"企业|单位|公司|厂")


def pays_a_firm(sentence: str) -> bool:
    return bool(_PAYS_A_FIRM.search(sentence))


def is_sanction(sentence: str) -> bool:
    """ "…骗取套取补贴资金的，应追回补贴资金并依法查处": what befalls those who cheat."""
    return bool(SANCTION.search(sentence))


def benefit_kind(sentence: str) -> BenefitKind | None:
    """What the sentence grants, or None when it grants nothing."""
    if not _may_grant(sentence):
        return None
    return next((kind for kind, pattern in _KINDS if pattern.search(sentence)), None)


def grants_kind(sentence: str, kinds: set[str]) -> bool:
    """The sentence grants one of these kinds of benefit ("money", "training" …), whichever
    kind it names first: "有补贴吗" is answered yes by "…培训合格的给予培训补贴"."""
    if not _may_grant(sentence):
        return False
    return any(kind in kinds and pattern.search(sentence) for kind, pattern in _KINDS)


def _may_grant(sentence: str) -> bool:
    """The sentence is short enough to be one rule and speaks of granting, and is not who does
    the work, a sanction, a target ("开展补贴性培训200万人次以上"), a rule leaving people out
    ("已在其他城市领取…的，不再享受本办法生活补助") or one stopping a payment: none of those
    is anyone's benefit."""
    if len(sentence) > MAX_SENTENCE or not _GRANTS.search(sentence):
        return False
    if (
        _DUTY.search(sentence)
        or SANCTION.search(sentence)
        or LEAVES_OUT.search(sentence)
        or STOPS.search(sentence)
    ):
        return False
    return not (_TARGET_ONLY.search(sentence) and not _AMOUNT.search(sentence))


# A grant to someone: "对在竞赛中取得优异成绩的人员，按规定晋升…并授予…", "为…的职工发放…".
# "进一步改革创新…奖励措施" speaks of rewards and gives none.
_TO_SOMEONE = re.compile(
    r"(对|为|向|给)[^。；]{0,40}(人员|者|职工|员工|人才|个人|学生|毕业生|军人|农民工|团队)"
    r"[^。；]{0,4}[，,]?[^。；]{0,16}(给予|授予|晋升|发放|奖励|补贴|补助|享受)"
)


def grants_to_someone(sentence: str) -> bool:
    """The sentence grants something to those it names, not only the kind of benefit."""
    return benefit_kind(sentence) is not None and _TO_SOMEONE.search(sentence) is not None


def concreteness(text: str) -> int:
    """An amount (3) before a named programme (2) before a kind of benefit (1) before a
    promise of measures to come (0)."""
    if _AMOUNT.search(text):
        return 3
    if _VAGUE.search(text):
        return 0
    return 2 if _PROGRAMME.search(text) else 1


def _groups(text: str) -> tuple[str, ...]:
    # "省退役军人事务厅" is a department, not the veterans it serves.
    return _named_groups(_DEPARTMENT.sub("", text)) if text else ()


@lru_cache(maxsize=65_536)
def _named_groups(text: str) -> tuple[str, ...]:
    # Headings repeat over every clause below them: each is read once.
    return tuple(find_groups(text))


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0).strip() if match else None
