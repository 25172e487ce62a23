"""The signals evidence selection weighs, one number each, for a sentence against a
question part: how close in meaning (e5 vectors), how much of the question's wording it
holds, whether it holds the kind of thing asked for (a name, a department, a phone
number, an amount with its unit …), where it sits (its clause's heading, its rank in
retrieval, its document's place and years).

The weights are not here: they live in one typed model fitted on the dev split
(answer/weights.py). This module only measures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from assistant.jurisdiction import find_places
from assistant.models import Retrieved
from assistant.question.answer_type import AnswerKind, AnswerType, speaks_of_self
from assistant.question.schemes import without_paying_in
from assistant.question.understand import find_groups, levels_in
from assistant.text.segment import expand, normalise_query, thesaurus, tokenize
from assistant.text.sentences import ClauseSentence
from assistant.text.years import year_spans

# A figure with its unit, as policy text writes them: 1万元, 2.5万人, 35%, 15场次.
FIGURE = re.compile(
    r"(\d+(?:\.\d+)?(?:\s*[-—~至]\s*\d+(?:\.\d+)?)?)\s*(万|亿|千)?\s*"
    r"(元|人次|人|名|个百分点|个|家|场次|场|项|%|‰|所|户|届|期|条|家次|批)"
)
_UNIT_TYPE: dict[str, AnswerType] = {
    "元": "money", "人次": "people", "人": "people", "名": "people",
    "%": "percent", "‰": "percent", "个百分点": "percent",
    "个": "count", "家": "count", "场次": "count", "场": "count", "项": "count", "所": "count", "户": "count",
    "届": "count", "期": "count", "条": "count", "家次": "count", "批": "count",
}  # fmt: skip
# What a sentence holds, by answer type. Titles and offices are how the documents name
# people (组长：李平局长); organisations end in their kind (厅, 局, 处, 中心 …).
_HOLDS: dict[AnswerType, re.Pattern[str]] = {
    "person": re.compile(r"(组长|副组长|负责人|召集人|主任|局长|厅长|处长|书记|领导)"),
    "organisation": re.compile(
        r"[\u4e00-\u9fff]{1,14}(厅|局|处|委|办|部|中心|联|院|署|政府|办公室|委员会|总工会|团委|妇联)(?![\u4e00-\u9fff]{0,1}长)"
    ),
    "contact": re.compile(r"(\d{3,4}[-－—]\d{7,8}|12333|电话|联系单位|联系人)"),
    "date": re.compile(
        r"(\d{4}年\d{1,2}月(\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d{1,2}\s*[-—至到]+\s*\d{1,2}月|\d{1,2}月(底|前|份)|"
        r"每(季度|月|年|半年)|季度|年底|年初|月底)"
    ),
    "period": re.compile(
        r"(20\d{2}\s*[—–\-至到~]\s*20\d{2}|20\d{2}年(底|前|以前|以后|起)|十[三四五六]五|期间|有效期|实施期限|施行)"
    ),
    "document": re.compile(r"(《[^》]{2,60}》|〔\d{4}〕\s*\d+\s*号|[（(]\d{4}[)）]\s*\d+\s*号)"),
    "basis": re.compile(r"(根据|依据|按照|贯彻落实|为贯彻)[^。；]{0,60}《"),
    "procedure": re.compile(r"(申请|申报|办理|报名|经办|审核|审批|发放|提出|登录|平台|窗口|备案|认定|评审)"),
    "condition": re.compile(r"(符合|条件|具备|取得|满足|年满|以上|以内|不低于|不少于|须|应当)"),
    "list": re.compile(r"[、；].+[、；]"),
}
_BENEFIT = re.compile(
    r"(补贴|奖励|津贴|待遇|落户|贷款|贴息|资金|培训|认定|评价|同等|享受|支持|优先|免于|直接|招聘|学历|"
    r"职称|证书|疗养|表彰|年金|薪酬|工资)"
)
_ENUMERATION = 4  # a sentence naming this many groups names everyone, promises no one anything
_PUNCTUATION = re.compile(r"[（）()“”‘’、，,。；;：:《》〔〕\s]")
_LONG = 120
_META: tuple[AnswerType, ...] = ("date", "period", "document", "organisation")
# e5 similarities of related Chinese sentences sit between about 0.75 and 0.95: centred and
# scaled, a difference of 0.05 weighs like a change of 0.5 in the other signals.
_SEM_CENTRE = 0.8
_SEM_SCALE = 10.0
# Columns filled in by `relative`, once every candidate of a part is measured.
RELATIVE = {"sem_gap": "sem_part", "lex_gap": "lex_all"}

FEATURES: tuple[str, ...] = (
    "sem_part",
    "sem_gap",
    "sem_question",
    "lex_own",
    "lex_all",
    "lex_gap",
    "lex_clause",
    "lex_heading",
    "focus",
    "type_main",
    "type_any",
    "type_cov",
    "figure_missing",
    "rank",
    "fused",
    "year",
    "header_meta",
    "header_other",
    "long",
    "own_group",
    "other_group",
    "benefit",
    "enumeration",
)


@dataclass(frozen=True)
class Figure:
    text: str
    kind: AnswerType


def figures(text: str) -> list[Figure]:
    return [Figure(m.group(0), _UNIT_TYPE[m.group(3)]) for m in FIGURE.finditer(text)]


_SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3}


def figure_value(text: str) -> tuple[float, str] | None:
    """A single figure's value and unit ("1万元" → (10000.0, "元")); None for a range or no
    figure."""
    match = FIGURE.search(text)
    if match is None or not re.fullmatch(r"\d+(?:\.\d+)?", match.group(1)):
        return None
    return float(match.group(1)) * _SCALE.get(match.group(2) or "", 1.0), match.group(3)


# Figures written in words, as laws write them: 六大领域, 十个专业, 两类人员, 十万元,
# 百分之八十 (and a rate per day: 千分之二, 万分之五), 十五日, 三个月, 二倍.
_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_WORD_COUNT = re.compile(r"[一二两三四五六七八九十百千]+(个|项|大|家|所|条|类|批|种|支|次(?!性))")
_WORD_PEOPLE = re.compile(r"[一二两三四五六七八九十百千万]+(名|人|人次)")
# Laws pay in wages, not yuan: "每满一年支付一个月工资", "支付二倍的工资", "三个月的本人工资".
_WORD_MONEY = re.compile(
    rf"[{_NUMERAL}]+(点[{_NUMERAL}]+)?(元|块钱)|[{_NUMERAL}\d]+(个月|倍)的?(本人|月平均)?(月)?工资"
)
_WORD_PERCENT = re.compile(rf"[百千万]分之[{_NUMERAL}点]+")
_WORD_DURATION = re.compile(rf"[{_NUMERAL}]+个?(天|日|周|星期|月|年|小时|倍|周岁|岁)")
_WORDS: dict[AnswerType, re.Pattern[str]] = {
    "count": _WORD_COUNT,
    "people": _WORD_PEOPLE,
    "money": _WORD_MONEY,
    "percent": _WORD_PERCENT,
}


# How often an amount is paid, as a question asks it ("每个月能领多少", "一年给多少") and as a
# sentence states it ("每人每月500元", "按月发放", "元/月", "一次性奖励3000元").
_PAY_PERIODS: dict[str, re.Pattern[str]] = {
    "日": re.compile(r"每一?天|一天|每日|按天|按日|/天|/日"),
    "月": re.compile(r"每个?月|一个月|按月|/月|月均|月人均"),
    "年": re.compile(r"每一?年|一年|按年|/年|年均"),
    "一次": re.compile(r"一次性"),
}


def pay_periods(text: str) -> set[str]:
    """The payment periods a text names: 日, 月, 年, 一次."""
    return {period for period, pattern in _PAY_PERIODS.items() if pattern.search(text)}


def holds(sentence: str, kind: AnswerType) -> bool:
    """Does the sentence hold a thing of this answer type?"""
    if kind in ("money", "people", "percent", "count"):
        if any(f.kind == kind for f in figures(sentence)):
            return True
        return bool(_WORDS[kind].search(sentence))
    if kind == "quantity":
        return bool(
            figures(sentence)
            or re.search(r"\d", sentence)
            or any(words.search(sentence) for words in (*_WORDS.values(), _WORD_DURATION))
        )
    pattern = _HOLDS.get(kind)
    return bool(pattern.search(sentence)) if pattern else False


def weighted_terms(text: str, idf: Callable[[str], float | None]) -> dict[str, float]:
    """The question's search words, weighted by how specific they are in the corpus.

    A word the corpus never uses keeps a typical weight, so a question about 养老金 finds
    little coverage anywhere, which is how the documents' silence shows. Colloquial words
    bring the document words the thesaurus gives for them (退伍 → 退役军人).
    """
    tokens = tokenize(expand(text))
    known = sorted(w for w in (idf(t) for t in tokens) if w is not None)
    typical = known[len(known) // 2] if known else 3.0
    weights: dict[str, float] = {}
    for token in tokens:
        if token.isdigit() or (len(token) == 1 and not token.isdigit()):
            continue
        weight = idf(token)
        weights[token] = max(weights.get(token, 0.0), typical if weight is None else weight)
    return weights


def coverage(text: str, terms: dict[str, float]) -> float:
    """Share of the terms' weight whose words appear in the text, punctuation ignored."""
    total = sum(terms.values())
    if not total:
        return 0.0
    plain = normalise_query(text)
    bare = _PUNCTUATION.sub("", plain)
    return sum(w for t, w in terms.items() if t in plain or t in bare) / total


@dataclass(frozen=True)
class PartSignals:
    """What the features of one question part need, computed once per part."""

    kind: AnswerKind
    own_terms: dict[str, float]
    all_terms: dict[str, float]
    focus_terms: dict[str, tuple[str, ...]]  # the part's most specific own words → their synonyms
    vector: np.ndarray
    question_vector: np.ndarray
    years: tuple[int, ...]
    groups: tuple[str, ...]


def year_agreement(text: str, years: tuple[int, ...]) -> float:
    """+1 when the clause names a year asked about, a little when its span holds it, −1
    when it names only other years, 0 when the question names none."""
    if not years:
        return 0.0
    spans, outside = year_spans(text)
    single = set(outside)
    if any(y in single for y in years):
        return 1.0
    if any(a <= y <= b for y in years for a, b in spans):
        return 0.3
    return -1.0 if single or spans else 0.0


def features(
    part: PartSignals,
    hit: Retrieved,
    rank: int,
    top_score: float,
    sentence: ClauseSentence,
    vector: np.ndarray,
) -> np.ndarray:
    """The feature vector (in FEATURES order) of one sentence for one part."""
    clause = hit.clause
    text = sentence.text
    kind = part.kind
    named = find_groups(text)
    listed = len(named) >= _ENUMERATION
    own_group = bool(part.groups) and any(g in part.groups for g in named) and not listed
    other_group = bool(part.groups) and bool(named) and not any(g in part.groups for g in named)
    values = {
        "sem_part": (float(vector @ part.vector) - _SEM_CENTRE) * _SEM_SCALE,
        "sem_gap": 0.0,
        "sem_question": (float(vector @ part.question_vector) - _SEM_CENTRE) * _SEM_SCALE,
        "lex_own": coverage(sentence.context, part.own_terms),
        "lex_all": coverage(sentence.context, part.all_terms),
        "lex_gap": 0.0,
        "lex_clause": coverage(clause.search_text, part.all_terms),
        "lex_heading": coverage(" ".join([clause.label, *clause.headings]), part.all_terms),
        "focus": focus_coverage(sentence.context, part.focus_terms),
        "type_main": float(holds(text, kind.main)),
        "type_any": sum(holds(text, t) for t in kind.types) / len(kind.types),
        "type_cov": _type_coverage(text, kind.main, part.focus_terms),
        "figure_missing": float(kind.wants_figure and not holds(text, kind.main)),
        "rank": 1.0 / rank,
        "fused": hit.score / top_score if top_score > 0 else 0.0,
        "year": year_agreement(clause.search_text, part.years),
        # A document's header answers "which number, when, who issued", little else.
        "header_meta": float(clause.kind == "header" and any(kind.wants(t) for t in _META)),
        "header_other": float(clause.kind == "header" and not any(kind.wants(t) for t in _META)),
        "long": max(0, len(text) - _LONG) / _LONG,
        "own_group": float(own_group),
        "other_group": float(other_group and not listed),
        "benefit": min(3, len(set(_BENEFIT.findall(text)))) / 3,
        "enumeration": float(listed),
    }
    return np.array([values[name] for name in FEATURES], dtype=np.float32)


_CLAUSE_PART = re.compile(r"[^，,；;：:]+")
_RUN_IN_TITLE = re.compile(r"^([^，,；;。：:]{2,20})[：:](?=.)")
_SELF_CONTAINED = 8  # characters besides the figure: enough to name what the figure is of
_GRANT_FIRST = re.compile(r"\s*(给予|发给|发放|奖励|补贴|补助|资助|一次性)")


def _type_coverage(sentence: str, kind: AnswerType, focus: dict[str, tuple[str, ...]]) -> float:
    """How much of what the question is about sits next to the thing asked for: in the
    comma-clause that holds it, or, when that clause is only a figure and a verb ("达到
    1000人"), together with the clause before it.

    In "开展塞上技能大师、自治区技术能手评选活动，将自治区技术能手奖励资金调高至1万元" the
    amount's own clause names 技术能手: a question about 塞上技能大师's reward finds its
    words away from the figure.
    """
    parts = _CLAUSE_PART.findall(sentence)
    # A run-in title ("生活补助标准：取得高级工证书的，每人每月400元") says what every figure
    # after it is of, as a heading above an item does.
    titled = _RUN_IN_TITLE.match(sentence)
    title = titled.group(1) if titled else ""
    best = 0.0
    for i, part in enumerate(parts):
        if holds(part, kind):
            bare = FIGURE.sub("", part)
            # The clause before counts when the figure's own is too short to say what it is
            # of, when it is the condition the figure is granted on ("取得技师证书的，每人给予
            # 补贴3000元": the amount is the 技师's), or when the figure's clause opens with
            # the grant itself and names no one ("…高级工证书的参保职工，给予每人1500元").
            joined = i > 0 and (
                len(bare) < _SELF_CONTAINED or parts[i - 1].endswith("的") or bool(_GRANT_FIRST.match(part))
            )
            window = parts[i - 1] + part if joined else part
            best = max(best, focus_coverage(title + window, focus))
    return best


def focus_terms(
    text: str, idf: Callable[[str], float | None], top: int = 2, figure: bool = False
) -> dict[str, tuple[str, ...]]:
    """The question's most specific words, as the asker wrote them, that the corpus uses
    (places aside): what it is about. Each comes with the thesaurus words that say the same
    (证书 → 职业技能等级证书), any of which counts as the word being there."""
    text = without_paying_in(text)  # "交了3年失业保险" is a condition met, not the subject
    # "我是绵阳的企业职工，刚拿到技师证，能领多少": who asks is not what the amount is of
    # (asking what there is for them, it is).
    mine = figure and speaks_of_self(text)
    known = [
        (idf(t), t)
        for t in tokenize(text)
        if len(t) > 1 and idf(t) is not None and not find_places(t) and not (mine and _who(t))
    ]
    table = thesaurus()
    chosen = [t for _, t in sorted(set(known), reverse=True)[:top]]  # type: ignore[type-var]
    return {t: (t, *table.get(t, ())) for t in chosen}


def _who(word: str) -> bool:
    """A word naming a group of people and no skill level (a level is what an amount is of)."""
    return bool(find_groups(word)) and not levels_in(word)


def focus_coverage(text: str, focus: dict[str, tuple[str, ...]]) -> float:
    """Share of the focus words (or a synonym of each) that the text holds; 1 with no focus."""
    if not focus:
        return 1.0
    plain = _PUNCTUATION.sub("", normalise_query(text))
    return sum(any(_holds_word(plain, word) for word in words) for words in focus.values()) / len(focus)


def _holds_word(plain: str, word: str) -> bool:
    """The word is in the text; a certificate people call "技师证" or "电工证" is there when the
    text names its "技师（二级）证书"."""
    if word in plain:
        return True
    return len(word) >= 3 and word.endswith("证") and word[:-1] in plain and "证书" in plain


def relative(rows: np.ndarray) -> np.ndarray:
    """Fill each gap column: how far a candidate is below the part's best on that signal.

    Whether a sentence is the closest in meaning among those retrieved says more than its
    similarity alone, which varies with how the question is phrased.
    """
    for gap, source in RELATIVE.items():
        column = rows[:, FEATURES.index(source)]
        rows[:, FEATURES.index(gap)] = column.max() - column
    return rows
