"""Find the sentences in retrieved clauses that answer a question, and the figures in them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answer.intent import BENEFIT_WORDS, Intent, Unit
from assistant.models import Retrieved
from assistant.places import find_places
from assistant.text.segment import normalise_query, tokenize
from assistant.text.sentences import split_sentences

# A figure with its unit, as policy text writes them: 1万元, 2.5万人, 35%, 15场次, 2-3个百分点.
FIGURE = re.compile(
    r"(\d+(?:\.\d+)?(?:\s*[-—~至]\s*\d+(?:\.\d+)?)?)\s*(万|亿|千)?\s*"
    r"(元|人次|人|名|个百分点|个|家|场次|场|项|%|所|户|届|期)"
)
_UNIT_KIND: dict[str, Unit] = {
    "元": "money", "人次": "people", "人": "people", "名": "people", "%": "percent",
    "个百分点": "percent", "个": "count", "家": "count", "场次": "count", "场": "count",
    "项": "count", "所": "count", "户": "count", "届": "count", "期": "count",
}  # fmt: skip
# Words every policy question shares; they say what kind of answer is wanted, not about what.
GENERIC = frozenset({
    "政策", "规定", "文件", "方案", "补贴", "奖励", "资金", "奖金", "钱", "津贴", "标准", "金额",
    "多少", "目标", "要求", "支持", "情况", "相关", "具体", "内容", "办法", "措施", "工作", "开展",
    "哪些", "什么", "可以", "能够", "政府", "每年", "一年", "三年", "每人", "一个", "个人", "拿",
    "领", "给", "发", "补", "有", "能", "是", "算", "办", "搞", "干", "做", "呢", "吗", "技能",
    "人才", "培训", "职业",
})  # fmt: skip
_GENERIC_WEIGHT = 0.15
_MIN_SENTENCE = 8


@dataclass
class Figure:
    text: str
    unit: Unit


@dataclass
class Evidence:
    """One sentence of one retrieved clause, scored for the question."""

    n: int  # index in the hit list, 0-based
    hit: Retrieved
    sentence: str
    score: float
    coverage: float
    figures: list[Figure] = field(default_factory=list)


def figures(text: str) -> list[Figure]:
    return [Figure(m.group(0), _UNIT_KIND[m.group(3)]) for m in FIGURE.finditer(text)]


def focus_terms(text: str, idf: Callable[[str], float | None]) -> dict[str, float]:
    """Question words weighted by how specific they are; unknown words weigh the most.

    A word the corpus never uses (养老金) keeps a high weight, so a question about it
    finds little coverage and is recognised as something the documents do not say.
    """
    places = {m.name for m in find_places(text)}
    weights: dict[str, float] = {}
    known = [w for w in (idf(t) for t in tokenize(text)) if w is not None]
    ceiling = max(known, default=5.0)
    for token in tokenize(text):
        if token in places or token.isdigit() or re.fullmatch(r"20\d\d", token):
            continue
        weight = idf(token)
        weight = ceiling if weight is None else weight
        if token in GENERIC:
            weight *= _GENERIC_WEIGHT
        weights[token] = max(weights.get(token, 0.0), weight)
    return weights


def coverage(sentence: str, focus: dict[str, float]) -> float:
    total = sum(focus.values())
    if not total:
        return 0.0
    text = normalise_query(sentence)
    return sum(w for t, w in focus.items() if t in text) / total


def subject_terms(focus: dict[str, float], idf: Callable[[str], float | None], top: int = 2) -> list[str]:
    """The most specific words of the question that the documents use: what it is about."""
    known = [(w, t) for t, w in focus.items() if t not in GENERIC and idf(t) is not None]
    return [t for _, t in sorted(known, reverse=True)[:top]]


def gather(hits: list[Retrieved], focus: dict[str, float], intent: Intent, limit: int = 8) -> list[Evidence]:
    """Score every sentence of the first `limit` hits; best first."""
    out: list[Evidence] = []
    for n, hit in enumerate(hits[:limit]):
        prior = 0.25 / (1 + n)
        for sentence in split_sentences(hit.clause.text):
            sentence = sentence.strip()
            if len(sentence) < _MIN_SENTENCE or _is_heading(sentence, hit):
                continue
            cov = coverage(sentence, focus)
            found = figures(sentence)
            score = cov + prior + _intent_bonus(sentence, found, intent)
            out.append(Evidence(n, hit, sentence, score, cov, found))
    out.sort(key=lambda e: -e.score)
    return out


def _is_heading(sentence: str, hit: Retrieved) -> bool:
    """'13.加大高技能人才表彰奖励。' restates the label; it answers nothing."""
    core = sentence.rstrip("。；：")
    return len(core) <= 30 and any(core.endswith(h) for h in hit.clause.headings if h)


def _intent_bonus(sentence: str, found: list[Figure], intent: Intent) -> float:
    if intent.wants_figure:
        if any(intent.unit in ("any", f.unit) for f in found):
            return 0.3
        return -0.15
    if intent.kind == "eligibility":
        return 0.1 * min(3, sum(word in sentence for word in BENEFIT_WORDS)) / 3
    return 0.0


def figure_about(evidence: Evidence, unit: Unit, subjects: list[str]) -> bool:
    """Does a figure of this unit in the sentence belong to what the question is about?

    '定期开展塞上技能大师、自治区技术能手评选活动，将自治区技术能手奖励资金调高至1万元'
    holds 1万元, but for 技术能手, not for 塞上技能大师: the clause of the sentence that
    holds the figure (or the one just before it) must name a subject of the question.
    """
    parts = re.split(r"[，,；;：:]", evidence.sentence)
    for i, part in enumerate(parts):
        if not any(unit in ("any", f.unit) for f in figures(part)):
            continue
        window = normalise_query(part)
        if i and not _names_anything(window):  # "调高至1万元": the subject is just before
            window = normalise_query(parts[i - 1]) + window
        if not subjects or any(s in window for s in subjects):
            return True
    return False


def _names_anything(text: str) -> bool:
    """Does this clause fragment name a subject, beyond verbs, figures and generic words?"""
    return any(t not in GENERIC and not FIGURE.fullmatch(t) for t in tokenize(FIGURE.sub("", text)))
