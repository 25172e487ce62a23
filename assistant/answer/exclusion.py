"""Who a notice says it is not for: "下列人员不属于本通知的补贴对象：…退休人员；全日制在校学生",
"灵活就业人员不在本通知补贴范围内". Asked "退休人员能申请吗？", such a sentence is the answer,
and no "可以" drawn from the sentence saying who may apply stands before it. So is "已享受
本市其他…补贴的，不再重复享受" for an asker who says they already get another one."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.answer.eligibility import best_documents, document_hits
from assistant.answer.evidence import DEPTH, Evidence
from assistant.answer.features import holds
from assistant.answer.tenure import months
from assistant.jurisdiction import find_places
from assistant.models import Jurisdiction, Retrieved
from assistant.question.answer_type import LEAVES_OUT, STOPS, answer_kind, negative_of
from assistant.question.schemes import PAID_IN, PAID_INTO
from assistant.question.understand import find_groups, levels_in, names_level, place_roles, sex_named
from assistant.store.types import Catalog
from assistant.text.segment import phrases_for, says_phrase, tokenize
from assistant.text.sentences import whole_sentences

# A sentence leaving people out of a scheme.
# A law's "…的除外" too: read only in notices (see `excluded`).
_EXCLUDES = re.compile(f"{LEAVES_OUT.pattern}|{STOPS.pattern}|除外")
# An asker who already gets something ("我已经领了别的生活补贴"), and the sentence that
# says such people get no more ("已享受本市其他人才补贴的，不再重复享受").
_ALREADY = re.compile(
    r"(已经|已|之前|以前|正在)[^，。？?]{0,10}(领|享受|拿)(了|过|着)?|(领|享受|拿)(过|了)(其他|别的)"
)
_NO_TWICE = re.compile(
    r"已[^。；]{0,30}(?:(?:不再|不得|不予|不)重复|不再|不得再?)(享受|申领|领取|发放)|"
    r"(不享受|不属于|不适用)[^。]{0,80}已[^。；]{0,20}(领取|享受)"  # a list leaving them out
)
# A count or a span ("一年", "12个月"): how much, never who.
_AMOUNT = re.compile(r"^[\d一二两三四五六七八九十百半]+(年|个月|月|天|日|次|级|元)?$")
# Words of a question that say what is asked, not who asks: they name no one.
_ASKING = frozenset(
    {"人员", "申请", "领取", "享受", "还能", "能否", "是否", "可以", "已经", "怎么", "补贴", "政策"}
    # the other acts of applying, and when: "今年还能申报吗" names no one
    | {"申报", "申领", "报名", "受理", "今年", "现在", "目前", "明年", "去年", "如今"}
    # and whether a rule reaches someone: "适用于社会组织吗" names only 社会组织
    | {"适用", "适用于", "包括", "包含", "覆盖"}
)
# "我要是跳槽去南宁了呢", "如果退休了怎么办": what becomes of what the asker gets, if…
_WHAT_IF = re.compile(
    r"(要是|如果|假如|万一)[^。？?]{1,20}(呢|咋办|怎么办|咋弄|怎么弄)|(以后|之后|了)呢[？?。！!]*$"
)
_APPLIES = re.compile(r"申请|申领|报名|申报")
# Changing employer, said ("换了单位", "跳槽", "去别的厂") and a rule's words for it ("离开申报
# 企业", "调离原单位", "解除劳动合同").
_CHANGES_JOB = re.compile(
    r"换(了|个|到|一个|家){0,2}(新)?(单位|工作|厂|公司|企业|东家)|跳槽|去别的(单位|厂|公司|企业)"
)
_LEAVING_JOB = re.compile(r"离开[^，。；]{0,4}(企业|单位|公司)|调离|解除劳动(合同|关系)")
# Whether something already had goes on: "辞职了还能领吗", "离开以后还发不发", "能继续领吗".
_GOES_ON = re.compile(r"还(能|可以|会|发|给|领|有|享受)|继续|以后|之后|要是|如果|假如|万一")
# A rule's words for leaving its place: "迁出本市", "离开本市到外地工作的".
_LEAVING_HERE = re.compile(
    r"迁出本(市|省|区|县)|离开本(市|省)|调离本(市|省)|(到|去)(外地|市外|省外|外省|外市)"
)
# An asker saying they draw something now ("在领失业金"); the benefits and schemes a question
# names, which name the asker only when they have them.
_DRAWING = re.compile(r"在领|领着|正领")
_BENEFIT_NAMED = re.compile(r"([\u4e00-\u9fff]{1,4})(补贴|津贴|补助|奖励|奖金|资助)")
# Words any worker says of themselves ("我在黄冈工作"): they name no one a rule leaves out, and
# "离开本市到外地工作的" does not stop the pay of everyone who works.
_EVERYONE = frozenset({"工作", "上班", "企业", "单位", "职工", "员工", "技能", "人才", "现在"})


@dataclass(frozen=True)
class Exclusion:
    sentence: str
    hit: Retrieved
    verdict: str


def excluded(
    question: str,
    ranked: list[Evidence],
    library: Catalog | None,
    today: dt.date,
    asker: Jurisdiction | None = None,
    level: str | None = None,
    whether: bool = False,
) -> Exclusion | None:
    """The sentence of the best-ranked documents (and of the documents of the `asker`'s own
    city) that leaves out whom the question asks about, when the question is a yes-or-no
    one (or `whether` the conversation asks it); None otherwise. `level` is the asker's skill
    level, told earlier or in a profile."""
    if not (whether or answer_kind(question).wants("yesno") or _WHAT_IF.search(question)):
        return None
    verdict = negative_of(question)
    sentences = _sentences(ranked, library, today, _local_documents(library, asker))
    if _ALREADY.search(question):
        twice = next(((s, hit) for s, hit in sentences if _NO_TWICE.search(s)), None)
        if twice is not None:
            return Exclusion(twice[0], twice[1], "不能。")
    aged = _age_rule(question, sentences, level)
    if aged is not None and aged[2] is False:
        return Exclusion(aged[0], aged[1], "不能。")
    left_out = _leaving_out(question, sentences, ranked, level)
    if left_out is None and (kept := _kept_in_by_exception(question, sentences, ranked)) is not None:
        # "我是应届毕业生，能领吗" of "全日制在校学生（毕业年度学生除外）以外的…均可申请".
        return Exclusion(kept[0], kept[1], "有。" if verdict == "没有。" else "可以。")
    if left_out is not None:
        # "还发吗", "那退休以后呢" of a rule stopping the payment: it stops, said so ("辞职了还能
        # 申请吗" is still a 不能).
        stops = STOPS.search(left_out[0]) and not _APPLIES.search(question)
        return Exclusion(left_out[0], left_out[1], "不再发放。" if stops else verdict)
    # No rule leaves the asker out or stops their pay: a condition they do not meet may.
    short = _paid_in_too_short(question, sentences, ranked)
    if short is not None:
        return Exclusion(short[0], short[1], verdict)
    below = _level_outside(question, sentences, ranked)
    if below is not None:
        return Exclusion(below[0], below[1], verdict)
    unmet = _needs_a_job(question, sentences, ranked)
    return Exclusion(unmet[0], unmet[1], "不能。") if unmet is not None else None


def _leaving_out(
    question: str, sentences: list[tuple[str, Retrieved]], ranked: list[Evidence], level: str | None
) -> tuple[str, Retrieved] | None:
    """The rule of a notice that leaves out or stops paying whom the question names ("退休人员
    不纳入补贴范围", "工作单位或者户籍迁出本市的…停止发放" for "搬去长沙工作了，还发吗")."""
    asker = _asker_words(question, ranked)
    leaving = bool(place_roles(question).leaving_for)
    changing = bool(_CHANGES_JOB.search(question))
    asked_level = next(iter(levels_in(question)), None) or level
    for sentence, hit in sentences if asker or leaving or changing else []:
        if hit.law_article:
            continue  # a law's article weighs its exceptions ("…的除外") case by case: notices only
        apart = _left_out_by_apart(sentence)
        if apart is not None:
            # "A、B（C除外）以外的D，均可申请": A and B are left out, C and D are not.
            named, exceptions = apart
            if any(_says(named, w) for w in asker) and not _in_the_exception(named, exceptions, asker):
                return sentence, hit
            continue
        if not _EXCLUDES.search(sentence) or holds(sentence, "money"):
            continue
        if STOPS.search(sentence) and not _GOES_ON.search(question):
            continue  # a rule stopping a payment answers whether it goes on, not who may apply
        if asked_level and levels_in(sentence) and not names_level(sentence, asked_level):
            continue  # "取得高级技师证书的，…不适用本通知" leaves out no 高级工
        if _excepted(sentence, asker):
            continue  # "全日制在校学生（毕业学年学生除外）不得申领" leaves out no 毕业学年 student
        if (
            any(_says(_whom(sentence), w) for w in asker)
            or (leaving and _LEAVING_HERE.search(sentence))
            or (changing and _LEAVING_JOB.search(sentence))
        ):
            return sentence, hit
    return None


# An age the asker gives ("我今年60岁了"), and the bounds a rule sets on it ("年龄不超过55周岁",
# "16周岁以上").
_ASKERS_AGE = re.compile(r"(\d{2})\s*周?岁|(?:我|俺|本人|今年)(?:今年|都|已经)?(\d{2})了")
_AT_MOST = re.compile(r"(不超过|不满|未满|不高于|低于)\s*(\d{2})\s*周?岁|(\d{2})\s*周?岁(以下|以内|及以下)")
_WIDENED = re.compile(r"放宽(?:至|到)\s*(\d{2})\s*周?岁")
_AT_LEAST = re.compile(r"(\d{2})\s*周?岁(以上|及以上)|(年满|满)\s*(\d{2})\s*周?岁")
# An age bound by the statutory retirement age: "申请时未达到法定退休年龄". That age differs by
# sex, post and birth date, but under the 2024 decision on raising it gradually it is never
# below 50 (women workers, before the rise) nor above 63 (men, once risen): an asker's age
# outside that band is judged, one inside it is not.
_RETIREMENT = re.compile(r"(未达到|未到|未达|不超过|低于)法定退休年龄|法定退休年龄(以下|以内|之前|前)")
_NO_RETIREMENT_AGE_BELOW, _NO_RETIREMENT_AGE_ABOVE = 50, 63
# Bounds by sex: "申报时男性不超过55周岁、女性不超过50周岁"; and the asker's sex, said.
_SEXED_MOST = re.compile(
    r"(?P<sex>男|女)(性|职工|同志)?(年满\d{2}\s*周?岁)?[^，。；、\d]{0,4}?(不超过|不满|未满|不高于|低于)\s*(?P<n>\d{2})\s*周?岁"
)
SEX_DEPENDS = "能否申请，要看您的性别：文件对男性、女性的年龄要求不同。文件的规定是："
RETIREMENT_DEPENDS = (
    "能否申请，要看您申请时是否已到法定退休年龄（因性别、岗位和出生年月而不同）。文件的规定是："
)


# An asker who has left work or never had it ("我要是辞职了", "失业了", "退休以后"), and the
# condition of a rule that needs a job ("企业在职职工…可申请", "在本市企业就业，并与用人单位
# 签订1年以上劳动合同"). 就业困难人员 and 灵活就业 name no job held.
_OUT_OF_WORK = re.compile(
    r"辞职|离职|辞工|失业|下岗|被辞退|被裁|被开除|解除(了)?劳动(合同|关系)|没(有)?(工作|上班)|不干了|退休"
)
_NEEDS_A_JOB = re.compile(
    r"在职|在岗|(?<!灵活)就业(?!困难)|签订[^。；，]{0,12}劳动合同|(?<!解除)(?<!终止)劳动关系"
)
# A sentence saying whom a scheme is for and on what conditions.
_WHO_MAY = re.compile(
    r"(补助|补贴|资助|奖励|发放|适用|享受)对象|(申请|享受|申领)条件|(具备|符合)(以下|下列)?条件|"
    r"可(以)?(申请|申领|享受)|适用于|"
    # "晋升奖励申领人须在南充连续缴纳社会保险满6个月": a condition put on who applies.
    r"(申请|申领|享受)(人|者|人员|对象)(须|应|必须|应当)"
)

# What the clauses read for an exclusion say: who is left out, who cannot have it twice, ages,
# whom it is for.
_RULES_ON_WHO = (_EXCLUDES, _NO_TWICE, _AT_MOST, _AT_LEAST, _RETIREMENT, _WHO_MAY)


def age_within(
    question: str,
    ranked: list[Evidence],
    library: Catalog | None,
    today: dt.date,
    level: str | None = None,
    whether: bool = False,
) -> Exclusion | None:
    """ "俺54了，还中不" of a rule for those "不超过50周岁，取得高级技师证书的放宽至55周岁",
    from a 高级技师: the age rule the asker meets, with 可以; None when no rule sets an age,
    or the asker's is outside it (see `excluded`)."""
    if not (whether or answer_kind(question).wants("yesno")):
        return None
    aged = _age_rule(question, _sentences(ranked, library, today, []), level)
    if aged is None:
        return None
    if aged[2]:
        return Exclusion(aged[0], aged[1], "可以。")
    return Exclusion(aged[0], aged[1], RETIREMENT_DEPENDS if _RETIREMENT.search(aged[0]) else SEX_DEPENDS)


def tells_age(text: str) -> bool:
    """ "我今年53了", "他52岁": the text gives someone's age."""
    return _ASKERS_AGE.search(text) is not None


def _age_rule(
    question: str, sentences: list[tuple[str, Retrieved]], level: str | None
) -> tuple[str, Retrieved, bool | None] | None:
    """The first sentence bounding the age the asker gives ("我今年60岁了，能领吗"), and
    whether that age is within it (None: it depends on the asker's retirement age, or on
    their sex where the bounds differ by it); a sentence the age falls outside is found
    first."""
    told = _ASKERS_AGE.search(question)
    if told is None:
        return None
    age = int(told.group(1) or told.group(2))
    sex = sex_named(question)
    within: tuple[str, Retrieved, bool | None] | None = None
    for sentence, hit in sentences:
        if hit.law_article:
            continue  # a law's ages are its own business, case by case: notices only
        sexed = {m.group("sex"): int(m.group("n")) for m in _SEXED_MOST.finditer(sentence)}
        if sexed:
            # "男性不超过55周岁、女性不超过50周岁": the asker's own bound, or both when unsaid.
            bound = sexed.get(sex) if sex else None
            if (bound is not None and age > bound) or age > max(sexed.values()):
                return sentence, hit, False
            if within is None:
                within = (sentence, hit, True if bound is not None or age <= min(sexed.values()) else None)
            continue
        most = _AT_MOST.search(sentence)
        least = _AT_LEAST.search(sentence)
        retiring = _RETIREMENT.search(sentence)
        if most and age > max(int(most.group(2) or most.group(3)), _widened(sentence, level)):
            return sentence, hit, False
        if least and age < int(least.group(1) or least.group(4)):
            return sentence, hit, False
        if retiring and not (most or least) and age > _NO_RETIREMENT_AGE_ABOVE:
            return sentence, hit, False
        if (most or least) and within is None:
            within = (sentence, hit, True)
        elif retiring and within is None:
            within = (sentence, hit, True if age < _NO_RETIREMENT_AGE_BELOW else None)
    return within


def _widened(sentence: str, level: str | None) -> int:
    """The widest bound the sentence widens to for the asker ("取得高级技师证书的放宽至55周
    岁"): one widened for levels that are not the asker's is not theirs; with no level known,
    the asker may be one it is widened for."""
    widest = 0
    for found in _WIDENED.finditer(sentence):
        named = sentence[: found.start()].rsplit("，", 1)[-1]
        if level and levels_in(named) and not names_level(named, level):
            continue
        widest = max(widest, int(found.group(1)))
    return widest


def _needs_a_job(
    question: str, sentences: list[tuple[str, Retrieved]], ranked: list[Evidence]
) -> tuple[str, Retrieved] | None:
    """The condition the asker, out of work, does not meet: "我要是辞职了还能申请不" of a
    subsidy for "企业在职职工". None when a rule read names the asker's situation itself
    ("对失业人员…给予培训补贴" is theirs to have; a rule stopping the payment is read first),
    or when the best documents set no such condition."""
    left = _OUT_OF_WORK.search(question)
    if left is None:
        return None
    situation = left.group()[-2:] if left.group().startswith("被") else left.group()[:2]
    if any(situation in e.text for e in ranked[:DEPTH]):
        return None
    for sentence, hit in _conditions(sentences, ranked):
        if _NEEDS_A_JOB.search(sentence) and situation not in sentence:
            return sentence, hit
    return None


# How long the asker has paid in ("失业保险才交了8个月", "社保交了两年"), and how long a rule
# requires ("累计缴纳失业保险费满12个月（含）以上").
_REQUIRED = re.compile(
    r"(缴纳|缴费|缴|参加|参保)[^。；，]{0,12}满(?P<n>\d+|[一二两三四五六七八九十]+)(个)?(?P<unit>月|年)"
)
_WAIVED = re.compile(r"不受[^。；]{0,6}(年限|期限|时间)限制")


def _paid_in_too_short(
    question: str, sentences: list[tuple[str, Retrieved]], ranked: list[Evidence]
) -> tuple[str, Retrieved] | None:
    """The condition on how long one has paid in that the asker falls short of: "失业保险才
    交了8个月" of a rule for those "累计缴纳失业保险费满12个月（含）以上". Not for an asker
    the rule waives it for ("领取失业保险金人员…不受缴费年限限制")."""
    told = PAID_IN.search(question)
    if told is None:
        return None
    paid = months(told.group("n"), told.group("unit"))
    for sentence, hit in _conditions(sentences, ranked):
        required = _REQUIRED.search(sentence)
        if required and paid < months(required.group("n"), required.group("unit")):
            asker = set(find_groups(question))
            if any(
                _WAIVED.search(w) and asker & set(find_groups(w)) for w in whole_sentences(hit.clause.text)
            ):
                return None
            return sentence, hit
    return None


def _conditions(
    sentences: list[tuple[str, Retrieved]], ranked: list[Evidence]
) -> Iterator[tuple[str, Retrieved]]:
    """The sentences of the best-ranked notices that say whom a scheme is for (a law's
    article weighs its conditions case by case: notices only)."""
    best = set(best_documents(ranked))
    for sentence, hit in sentences:
        if not hit.law_article and hit.doc.doc_id in best and _says_for_whom(sentence, hit):
            yield sentence, hit


def _says_for_whom(sentence: str, hit: Retrieved) -> bool:
    """The sentence says whom a scheme is for: by its own words, or by the title it stands
    under ("一、奖励对象" › "…的企业在职职工。", "（一）补贴对象。在我市参加失业保险满1年…")."""
    label = re.sub(r"^《[^》]*》", "", hit.clause.label)
    return any(_WHO_MAY.search(t) for t in (sentence, label, *hit.clause.headings))


_RANGE = re.compile(r"以上|以下")


def _level_outside(
    question: str, sentences: list[tuple[str, Retrieved]], ranked: list[Evidence]
) -> tuple[str, Retrieved] | None:
    """The condition whose range of skill levels leaves out the asker's: "我是高级工，能领津贴
    不" of a rule for those "取得技师（二级）及以上职业资格证书"."""
    level = next(iter(levels_in(question)), None)
    if level is None:
        return None
    for sentence, hit in _conditions(sentences, ranked):
        if _RANGE.search(sentence) and levels_in(sentence) and not names_level(sentence, level):
            return sentence, hit
    return None


# "…以外的", "…之外的": whom a rule for the rest leaves out, named just before it; "（毕业年度
# 学生除外）" inside that names an exception to the leaving out.
_APART = re.compile(r"(以外|之外)的")
_EXCEPTED = re.compile(r"[（(]([^（）()]*?)除外[）)]")


def _left_out_by_apart(sentence: str) -> tuple[str, list[str]] | None:
    """For "机关事业单位在编人员、全日制在校学生（毕业年度学生除外）以外的城乡劳动者，均可…":
    the phrase naming those left out ("机关事业单位在编人员、全日制在校学生", from the last
    comma or 以及 before 以外) and the exceptions inside it ("毕业年度学生"). None when the
    sentence sets no one apart so."""
    found = _APART.search(sentence)
    if found is None:
        return None
    before = sentence[: found.start()]
    named = re.split(r"[，,；;：:]|以及", before)[-1]
    return _EXCEPTED.sub("", named), [m.group(1) for m in _EXCEPTED.finditer(named)]


def _kept_in_by_exception(
    question: str, sentences: list[tuple[str, Retrieved]], ranked: list[Evidence]
) -> tuple[str, Retrieved] | None:
    """The rule "A（B除外）以外的C，均可申请" of a notice when the asker is B: left out of
    those left out, so they may apply."""
    asker = _asker_words(question, ranked)
    for sentence, hit in sentences if asker else []:
        apart = None if hit.law_article else _left_out_by_apart(sentence)
        if apart is not None and _in_the_exception(*apart, asker):
            return sentence, hit
        if (
            apart is None
            and not hit.law_article
            and LEAVES_OUT.search(sentence)
            and _excepted(sentence, asker)
        ):
            return sentence, hit  # "A（B除外）不得申领" of an asker who is B
    return None


def _whom(sentence: str) -> str:
    """The part of a sentence leaving people out that names them: before what it refuses
    ("全日制在校学生不得申领职业培训券": not the 培训券 someone asks about), or all of it when
    it names them after ("下列人员不属于补贴范围：…")."""
    refused = _EXCLUDES.search(sentence)
    if refused is None or re.search(r"下列|以下|如下", sentence[: refused.start()]) or "：" in sentence:
        return sentence
    return sentence[: refused.start()] or sentence


def _excepted(sentence: str, asker: set[str]) -> bool:
    """The asker is named only in an exception of a sentence leaving people out: "全日制在校
    学生（毕业学年学生除外）不得申领" of "大四学生，正在毕业学年"."""
    exceptions = [m.group(1) for m in _EXCEPTED.finditer(sentence)]
    return bool(exceptions) and _in_the_exception(_EXCEPTED.sub("", sentence), exceptions, asker)


def _in_the_exception(named: str, exceptions: list[str], asker: set[str]) -> bool:
    """The asker says a word of an exception ("毕业年度学生") that the phrase it is an exception
    to ("全日制在校学生") does not say: "应届毕业生" is in it, "在校学生" is not."""
    return any(_says(x, w) and not _says(named, w) for x in exceptions for w in asker)


def _says(sentence: str, word: str) -> bool:
    """The sentence names the asker's word, or a phrase the thesaurus gives for it, all of its
    words there ("辞职" → 解除劳动关系, in "与用人单位解除或终止劳动关系的")."""
    return word in sentence or any(says_phrase(sentence, p) for p in phrases_for(word) if len(p) >= 4)


def _without_what_is_paid(question: str) -> str:
    """The question without the schemes paid into and the benefits asked for ("能领安家补
    贴吗" → "吗"), but with the group or level a benefit is named by ("退役军人补贴")."""
    question = PAID_INTO.sub("，", question)

    def drop(match: re.Match[str]) -> str:
        named = match.group(1)
        return match.group(0) if find_groups(named) or levels_in(named) else "，"

    return _BENEFIT_NAMED.sub(drop, question)


def _asker_words(question: str, ranked: list[Evidence]) -> set[str]:
    """The question's words that may name who asks: not its places, not the words of the
    documents' titles, not the words of asking. What is paid or paid into ("安家补贴",
    "交失业保险") names the asker only when they say they already have it: paying into 失业
    保险 is not drawing 失业保险金, and asking for a 安家补贴 is not having had one."""
    titles = "".join(e.doc.title for e in ranked[:3])
    places = "".join(m.name for m in find_places(question))
    has_it = bool(_ALREADY.search(question) or _DRAWING.search(question))
    return {
        w
        for w in tokenize(question if has_it else _without_what_is_paid(question))
        if len(w) >= 2
        and w not in _ASKING | _EVERYONE
        and w not in titles
        and w not in places
        and not _AMOUNT.match(w)
    }


def _local_documents(library: Catalog | None, asker: Jurisdiction | None) -> list[str]:
    """The documents of the asker's own city: "我已经在南京领过…，还能领吗" from a 连云港
    worker asks about 连云港's rule, whatever the search ranked first."""
    if library is None or asker is None or asker.city is None:
        return []
    return [d.doc_id for d in library.documents.values() if d.jurisdiction == asker]


def _sentences(
    ranked: list[Evidence], library: Catalog | None, today: dt.date, also: list[str]
) -> list[tuple[str, Retrieved]]:
    """Whole sentences (to the 。: a list after "下列人员不属于…：" runs on past its ；) of the
    evidence's clauses, then of every clause of the best-ranked documents that excludes."""
    hits = list({e.hit.clause.clause_id: e.hit for e in ranked}.values())
    seen = {h.clause.clause_id for h in hits}
    hits += document_hits(
        list(dict.fromkeys([*best_documents(ranked), *also])),
        library,
        today,
        lambda c: c.clause_id not in seen and any(p.search(c.search_text) for p in _RULES_ON_WHO),
    )
    return [(s.strip(), hit) for hit in hits for s in whole_sentences(hit.clause.text)]
