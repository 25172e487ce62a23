"""Answer a follow-up that asks a new aspect of the subject already named.

"那怎么申请？" after a question about a subsidy, "去哪报名？" after one about a training:
the subject is carried from the earlier turns (question/resolve_followup.py); what is
answered is the aspect. A sentence answers it only when it states it (a procedure says
who applies to whom or how; a place names a body, window or platform; materials name
documents to hand in; a deadline gives a date). When no retrieved sentence does, the
answer says the documents do not state it, and never repeats the earlier answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.evidence import Evidence
from assistant.ingest.benefits import is_sanction
from assistant.jurisdiction import find_places, lead_document
from assistant.models import Jurisdiction
from assistant.question.answer_type import (
    LEAVES_OUT,
    Aspect,
    asked_requirement,
    heads_aspect,
    states,
    states_outright,
    titles_aspect,
)
from assistant.question.titles import asked_titles
from assistant.question.understand import group_words, levels_in
from assistant.text.segment import phrases_for


def answering(
    ranked: list[Evidence],
    aspect: Aspect,
    depth: int = 12,
    floor: float = 0.0,
    places: Sequence[Jurisdiction] = (),
    years: Sequence[int] = (),
    about: str = "",
) -> list[Evidence]:
    """The sentences that state the aspect, three at most, one clause each (one naming a year
    asked first: "2026年什么时候申报" is "2026年度集中申报时间为…"): those under the
    leading document's own heading for it ("（二）申请材料。本人有效身份证件…", whose
    sentence shares no word with "需要什么材料"); else the best-scored of the top `depth`
    that state it and score at least `floor`, then any other of the leading document's that
    state it; empty when there are none."""
    lead = lead_document(list({e.doc.doc_id: e.doc for e in ranked}.values()), places)
    headed = [
        e
        for e in ranked
        if e.hit.doc.doc_id == lead and titles_aspect(e.hit.clause.label, e.hit.clause.headings, aspect)
    ]
    # An item titled for the aspect itself ("（一）申请方式。") before one under a heading
    # over several ("三、申请程序" over 申请方式, 申请时限, 资金发放).
    headed.sort(key=lambda e: not heads_aspect([e.hit.clause.label], aspect))
    if aspect == "conditions":
        # Under "补贴对象", whom it is for before whom it leaves out.
        headed.sort(key=lambda e: (bool(LEAVES_OUT.search(e.text)), e.hit.clause.order))
    # What befalls those who cheat ("…骗取…的，追回已发放资金，取消其三年内申领资格") states
    # no deadline, payment or procedure of anyone's, only a case that stops the pay.
    # The header card's period is the document's, no window of anyone's to apply in.
    ranked = [
        e
        for e in ranked
        if (aspect in ("stops", "sanction") or not is_sanction(e.text)) and e.hit.clause.kind != "header"
    ]
    best = [e for e in ranked[:depth] if e.probability >= floor and states(e.text, aspect)]
    own = [e for e in ranked if e not in best and e.hit.doc.doc_id == lead and states(e.text, aspect)]
    asked = named_benefits(about)
    # The documents know the benefit asked by its name: a sentence on another benefit is not
    # its answer, even when no sentence on it states the aspect.
    known = any(names_benefit(e.text, a) for e in ranked for a in asked)
    stating = _of_the_benefit([*best, *own], asked, strict=known)
    ages = bool(_AGE.search(about))  # "有年龄限制吗": the condition on age first
    # "有户籍要求吗": the condition on what is asked first, when one states it.
    required = asked_requirement(about) if aspect == "conditions" else None
    titled = asked_titles(about)  # "襄阳工匠的奖励由谁发": the line on that title first
    # "是本人申请还是单位申请": the line naming who files first.
    filer = aspect == "procedure" and bool(_NAMES_A_FILER.search(about))
    # "岗位津贴由谁发": who pays it out ("由聘任企业按月发放") before where its money comes from.
    payer = aspect == "funding" and bool(_WHO_PAYS_OUT.search(about))
    # "企业申报的，另需提供营业执照": what some must add comes after what all must bring,
    # unless the question asks what more ("还要额外交什么").
    more = bool(_MORE.search(about))
    stating.sort(
        key=lambda e: (
            not any(f"{year}年" in e.text for year in years),
            filer and not FILER_STATED.search(e.text),
            payer and not _PAID_OUT_BY.search(e.text),
            bool(_MORE.search(e.text)) != more,
            ages and not _AGE.search(e.text),
            bool(required) and not names_requirement(e.text, required or ""),
            bool(titled) and not any(t in e.text for t in titled),
        )
    )
    if titled and any(t in e.text for e in stating for t in titled):
        # The title's own line answers; another benefit's ("晋升奖励由市级财政全额承担") does not.
        stating = [e for e in stating if any(t in e.text for t in titled) or not named_benefits(e.text)]
    if any(states_outright(e.text, aspect) for e in stating):
        # "每月15日前将上月津贴发放至本人社会保障卡" says when and where the money arrives;
        # "按月发放" beside it says less, and adds nothing.
        stating = [e for e in stating if states_outright(e.text, aspect)]
    out: list[Evidence] = []
    # One sentence a clause, but every sentence of an article leaving people out, punishing
    # those who cheat (what is taken back, then whose licence goes) or listing what to bring
    # (the list, then what a firm adds), and of an
    # item titled for the aspect ("（三）申请材料。申请人需提供…。线上申请的，无需另行提交
    # 纸质材料。": the exception alone says nothing of what to bring).
    every = aspect in ("exclusions", "sanction", "materials", "deadline") or bool(headed)
    if headed:
        # The first titled item's sentences, in the order the notice gives them.
        item = [e for e in headed if e.clause_id == headed[0].clause_id]
        item = _of_the_benefit(item, asked)
        headed = sorted(item, key=lambda e: e.hit.clause.text.find(e.text))
        if (ages and any(_AGE.search(e.text) for e in stating)) or (
            required and any(names_requirement(e.text, required) for e in stating)
        ):
            headed = []  # the item on whom it is for says nothing of age: the line that does
        if (
            payer
            and any(_PAID_OUT_BY.search(e.text) for e in stating)
            and not any(_PAID_OUT_BY.search(e.text) for e in headed)
        ):
            headed = []  # "由谁发": the line naming who pays it out, not the 资金保障 item
        if (
            stating
            and not any(states(e.text, aspect) for e in headed)
            and not any(heads_aspect([e.hit.clause.label], aspect) for e in headed)
        ):
            # Under a chapter "申报与审核", an article on 公示 says nothing of how long the
            # review takes; the article that does is the answer.
            headed = []
    # An item titled for the aspect is the notice's own answer: nothing else is added to it
    # ("12个月内提出申请", not also "审核结束后10个工作日内发放").
    for evidence in headed or stating:
        if all(e.clause_id != evidence.clause_id or (every and e.text != evidence.text) for e in out):
            out.append(evidence)
        if len(out) == _MOST.get(aspect, 3):
            break
    return out


def names_requirement(text: str, required: str) -> bool:
    """The sentence sets a requirement on what was asked: its word or the documents' words
    for it ("户口" → 落户), or, for age, any bound in years of age ("不超过45周岁")."""
    if required in ("年龄", "岁数") and _AGE.search(text):
        return True
    return required in text or any(p in text for p in phrases_for(required))


def waives(text: str, required: str) -> bool:
    """The sentence says there is no such requirement: "不限学历", "户籍不限", "不受户籍限制"."""
    return bool(re.search(rf"不限{required}|{required}不限|不受{required}(的)?限制|不设{required}", text))


# Sentences an aspect's answer quotes: three, but one for whom the money goes to (the
# benefit's own line says it; a next one is another benefit's).
_MOST = {"recipient": 1}
# Who pays it out, asked ("由谁发") and stated ("由聘任企业按月发放").
_WHO_PAYS_OUT = re.compile(r"(由)?谁(来)?(发|颁发|发放)")
_PAID_OUT_BY = re.compile(r"由[^，。；]{1,20}(发放|颁发|给予)")
# What some must add to the list: "另需提供营业执照", asked "还要额外交什么".
_MORE = re.compile(r"另需|还需|另外|额外|另行|此外|还要")
# Who files, named in a question ("是本人申请还是单位申请", "要单位统一报吗") and stated ("由本人
# 向…申请", "由所在企业统一申报"). The yes or no to a filer put forward is compose's.
_NAMES_A_FILER = re.compile(r"(本人|个人|自己|单位|企业|公司)[^，。？?]{0,3}(申请|申报|报)")
FILER_STATED = re.compile(r"由(?P<who>[^，。；]{1,8}?)(向[^，。；]{1,24}?)?(统一)?(申报|提出申请|申请)")
_AGE = re.compile(r"年龄|周岁|岁数|退休年龄")

# A benefit named by what it is for: "安家补贴", "岗位津贴", "提升补贴", a grant of funds
# ("建设经费"), a voucher ("培训券") (two characters before the kind; a verb or a document
# before it is no name: "申请补贴", "本细则补贴对象").
_BENEFIT = re.compile(r"[\u4e00-\u9fff]{2}(补贴|津贴|补助|奖励|奖金|经费|券)")
_NOT_A_NAME = re.compile(
    r"^(申请|申领|领取|发放|享受|给予|获得|相关|有关|上述|本项|此项|各项|该项|这项|相应|以上|的|"
    r"细则|办法|通知|方案|意见|规定|政策|措施)"
)


# Characters of counting, time, asking and granting: "多少补贴", "每人补贴", "上月津贴", "给予
# 补贴" name no benefit.
_NOT_IN_A_NAME = frozenset(
    "多少几每年月季期里的了在给予有能拿发领是要和及与开展这那其各该本此何啥么些个次人名元万按骗"
    "将把向对由从并或"  # "按季度将补贴拨付": a preposition before 补贴 is no name's
)


def named_benefits(text: str) -> set[str]:
    """The benefits a text names: "九江的安家补贴能分几次领" → {安家补贴}. A place is no
    benefit's name ("湖北省奖励" names none)."""
    places = [(p.start, p.end) for p in find_places(text)]
    return {
        m.group(0)
        for m in _BENEFIT.finditer(text)
        if not _NOT_A_NAME.match(m.group(0))
        and not any(ch in _NOT_IN_A_NAME for ch in m.group(0)[:2])
        and m.group(0)[1] != "证"  # "技师证补贴": a certificate's subsidy, named by its level
        and m.group(0)[1] != "取"  # "骗取补贴", "领取补贴": taking it, not its name (取暖补贴 is one)
        and text[m.end() : m.end() + 1] != "性"  # "补贴性培训" is a kind of training
        and not any(start <= m.start() < end for start, end in places)
    }


def asked_benefits(question: str) -> set[str]:
    """The benefits a question names by what they are for ("安家补贴"), not by whom they are
    for ("技师补贴", "退役军人补贴": a level or a group the question names)."""
    whose = [*levels_in(question), *group_words(question)]
    return {name for name in named_benefits(question) if not any(name[:2] in w for w in whose)}


def _of_the_benefit(stating: list[Evidence], asked: set[str], strict: bool = False) -> list[Evidence]:
    """A sentence on another benefit of the same notice ("首席技师津贴按季度发放" when 安家补贴
    is asked) goes when one on the asked benefit, or one naming no benefit, is there, and
    always when `strict` (the documents name the asked benefit, so another's is not it). Those
    on the asked benefit come first ("工作室补助谁出钱": "技能大师工作室建设补助由市级财政全额
    承担" before the article's rule for all its benefits); sentences naming no benefit stay,
    in their order."""
    if not asked:
        return stating

    def about(e: Evidence) -> str:
        return benefit_context(e.text, e.hit.clause.text)

    def on_it(e: Evidence) -> bool:
        return any(names_benefit(about(e), a) for a in asked)

    def on_another(e: Evidence) -> bool:
        return not on_it(e) and bool(named_benefits(about(e)) - asked)

    if not strict and not any(on_it(e) or not on_another(e) for e in stating):
        return stating
    return sorted((e for e in stating if not on_another(e)), key=lambda e: not on_it(e))


def benefit_context(sentence: str, clause: str) -> str:
    """What a sentence speaks of: itself when it names a benefit, else itself with what its
    clause said before it. "建设经费拨付给工作室所在单位，不得发放给个人" speaks of the grant
    the sentence before names, not of 安家补贴; "第二批受理时间为11月16日至12月31日" of the
    benefits its clause listed first. A clause's first sentence ("本通知所需资金由…分担") is
    about all."""
    if named_benefits(sentence):
        return sentence
    return f"{clause[: max(clause.find(sentence), 0)]}{sentence}"


def names_benefit(text: str, benefit: str) -> bool:
    """The text names the benefit, whole or with words between what it is for and its kind:
    "工作室补助" is named by "技能大师工作室建设补助"."""
    return benefit in text or (benefit[:2] in text and benefit[2:] in text[text.find(benefit[:2]) :])
