"""Social-security schemes (失业保险, 养老保险, 医保, 工伤, 生育, housing) as workers name them:
one home for the words, read by question understanding (a new question about a scheme is
not a follow-up of the last) and by the answer step (a scheme's question is answered only
from clauses that name it)."""

from __future__ import annotations

import re

# Social-security schemes a worker names by everyday words. Each is its own scheme with its
# own rules: a figure stated for training subsidies is never the figure of one of them, so
# a question naming a scheme is answered only from a clause that names it.
SCHEMES: dict[str, tuple[str, ...]] = {
    "失业保险": ("失业保险", "失业金", "失业救济"),
    "养老保险": ("养老保险", "养老金", "退休金", "退休工资"),
    "医疗保险": ("医疗保险", "医保", "医疗费", "报销"),
    "工伤保险": ("工伤保险", "工伤待遇", "伤残津贴", "工伤赔"),
    "生育保险": ("生育保险", "生育津贴", "生育待遇"),
    # Three housing schemes, not one: a city's rent subsidy for skilled workers is not a
    # 公租房, and neither is the 公积金 a worker pays into.
    "住房保障": ("公租房", "廉租房", "保障性住房"),
    "住房公积金": ("住房公积金", "公积金"),
    "住房补贴": ("住房补贴", "租房补贴"),
}


# What a scheme pays, as opposed to the scheme itself: "失业金怎么领" asks the benefit, and a
# clause about those who pay 失业保险 (a skills subsidy's condition) or its fund says nothing
# of it.
BENEFITS: dict[str, tuple[str, ...]] = {
    "失业保险": ("失业保险金", "失业金", "失业救济", "失业保险待遇"),
    "养老保险": ("养老金", "退休金", "退休工资", "养老保险待遇"),
}


# Time paid into a scheme, told: "交了三年社保", "我在绵阳交失业保险两年了", "失业保险才交了8个月".
PAID_IN = re.compile(
    r"(交|缴|缴纳|参保|参加)(了|过)?[^，。？?\d一二两三四五六七八九十半]{0,4}"
    r"(?P<n>\d+|[一二两三四五六七八九十百]+|半)(个)?(多)?(?P<unit>月|年)"
)
# The schemes one pays into, by the words people use: "交失业保险", "社保", "五险一金".
PAID_INTO = re.compile(r"(?:(?:失业|养老|医疗|工伤|生育|社会)保险费?|社保|五险一金|公积金)")
_TOLD_PAYING = re.compile(
    rf"(?:{PAID_INTO.pattern})?(?:才|已经|已|都|一共|总共)*(?:{PAID_IN.pattern})的?(?:{PAID_INTO.pattern})?"
)


def asked_schemes(question: str) -> list[str]:
    """The social-security schemes a question names, by the words people use: not one named
    only where the asker tells how long they have paid into it ("交了3年失业保险，刚拿到技
    师证，能领多少？" asks a skills subsidy, of which paying in is a condition)."""
    asked = without_paying_in(question)
    return [scheme for scheme, words in SCHEMES.items() if any(w in asked for w in words)]


def without_paying_in(question: str) -> str:
    """The question without what the asker tells of how long they have paid in ("交了3年失业
    保险", "失业保险才交了8个月"): a condition met, not what the question is about."""
    return _TOLD_PAYING.sub("", question)


def names_scheme(text: str, scheme: str) -> bool:
    return any(w in text for w in SCHEMES[scheme])


def names_what_is_asked(text: str, scheme: str, question: str) -> bool:
    """The text names the scheme as the question does: its benefit when the question asks
    for the benefit ("失业金"), else the scheme by any of its words."""
    benefit = BENEFITS.get(scheme, ())
    if any(w in question for w in benefit):
        return any(w in text for w in benefit)
    return names_scheme(text, scheme)
