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

from assistant.answer.evidence import Evidence
from assistant.question.answer_type import Aspect

# What a sentence that states each aspect says. The words are those notices and 申报指南
# use, not those of any one document.
_STATES: dict[str, re.Pattern[str]] = {
    "procedure": re.compile(
        # 向 / 到 / 由 as "to whom", not inside 双向, 面向, 达到, 理由.
        r"((?<![双导面转走指意倾方])向|(?<![达得受])到|经|(?<![自理缘])由)[^，。；]{1,20}"
        r"(申请|申报|提出|审核|审批|备案|登记|认定)|"
        r"(申请|申报|报名)(流程|程序|方式|办法)[：:如]|(提交|填写|填报)[^，。；]{0,12}(申请|材料|表)|"
        r"(按|按照)[^，。；]{0,12}程序|先[^，。；]{1,12}(再|后)|网上(申请|申报|办理)|审核(通过)?后"
    ),
    "place": re.compile(
        r"(向|到|在|通过)[^，。；]{0,16}(人力资源和?社会保障|人社|部门|窗口|服务中心|服务大厅|"
        r"服务站|机构|平台|网站|小程序|APP|App|公共服务|经办)[^，。；]{0,8}(申请|申报|报名|办理|登记|领取|咨询)"
    ),
    "materials": re.compile(
        r"材料|身份证|复印件|证明(材料)?|证书原件|申请表|登记表|营业执照|银行(账户|卡)|"
        r"(提交|提供|出具|携带)[^，。；]{0,12}(证|表|书|件)"
    ),
    "deadline": re.compile(
        r"(\d{4}年)?\d{1,2}月\d{1,2}日(前|之前|以前|截止|止)|截止(日期|时间)?|(之日起|起|后)\d+(个)?(日|月|工作日)内|"
        r"每年\d{1,2}月"
    ),
}


def states(sentence: str, aspect: Aspect) -> bool:
    """The sentence states this aspect (how, where, what to bring, until when)."""
    return bool(_STATES[aspect].search(sentence))


def answering(ranked: list[Evidence], aspect: Aspect, depth: int = 12) -> list[Evidence]:
    """The best-scored sentences that state the aspect, best first (two at most, one clause
    each); empty when none of the top `depth` does."""
    out: list[Evidence] = []
    for evidence in ranked[:depth]:
        if states(evidence.text, aspect) and all(e.clause_id != evidence.clause_id for e in out):
            out.append(evidence)
        if len(out) == 2:
            break
    return out
