"""Certificates an asker holds or takes, and those a rule is for.

"考驾照有补贴吗", "拿了专项职业能力证书能申请吗": the asker names a certificate. A rule grants
to holders of the ones it names ("取得职业资格证书或职业技能等级证书的，可以申请"). When the
rule names certificates and none of them is the asker's, the rule does not say the asker's
counts: a yes would be a guess. A skill level's certificate ("技师证") is a level, read by
question understanding; papers one shows (身份证, 社保卡) and the ones naming a group (残疾人证)
are not what a rule pays for.
"""

from __future__ import annotations

import re

from assistant.question.understand import find_skill_level, levels_in

# "驾照", "专项职业能力证书", "电工证", "职业资格证": a name ending in 证书/证/执照/驾照.
_ASKED = re.compile(
    r"(?:考|拿|取得|获得|持有|有|考了|拿了|考的|拿到|考到|领了)(?:了|到|个|张|本|的)?"
    r"(?P<name>[\u4e00-\u9fff]{0,10}?(?:证书|证|执照|驾照))"
)
_NAMED = re.compile(
    r"(?:取得|获得|持有|具有|考取)(?P<list>[^，。；;：:]{2,60}?(?:证书|证))(?:的|后|，|。|；|者)"
)
_ONE = re.compile(r"[\u4e00-\u9fff]{2,16}?(?:证书|证)")
_NOT_QUALIFICATIONS = re.compile(
    r"身份证|居住证|户口|社保卡|社会保障卡|残疾人证|退役证|军官证|结婚证|营业执照|准考证|学生证"
)
_SUFFIX = re.compile(r"(证书|证|执照)$")
_MEASURE = re.compile(r"^(了|到|个|张|本|的)+")


def asked_certificate(question: str) -> str | None:
    """The certificate the asker says they have or take, unless a skill level's or a paper."""
    for match in _ASKED.finditer(question):
        # "考了个初级证": the measure word is not part of the name.
        name = _MEASURE.sub("", match.group("name"))
        if (
            levels_in(name)
            or find_skill_level(name)
            or _NOT_QUALIFICATIONS.search(name)
            or len(_core(name)) < 2
        ):
            continue
        return name
    return None


def named_certificates(sentence: str) -> list[str]:
    """The certificates a rule's sentence names its holders by ("取得职业资格证书或职业技能等
    级证书的" → 职业资格证书, 职业技能等级证书)."""
    names: list[str] = []
    for match in _NAMED.finditer(sentence):
        for piece in re.split(r"或者|或|和|及|以及|、", match.group("list")):
            one = _ONE.search(piece)
            if one and not levels_in(one.group(0)):
                names.append(one.group(0))
    return names


def covers(named: list[str], asked: str) -> bool:
    """One of the rule's certificates is the asker's: "技能等级证" is a 职业技能等级证书."""
    core = _core(asked)
    return any(core in _core(n) or _core(n) in core for n in named)


def _core(name: str) -> str:
    return _SUFFIX.sub("", name)
