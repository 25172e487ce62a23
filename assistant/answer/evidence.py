"""Find the sentences in retrieved clauses that answer a question, and the figures in them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answer.intent import BENEFIT_WORDS, Intent, Unit
from assistant.jurisdiction import find_places
from assistant.models import Retrieved
from assistant.retrieval.query import find_groups
from assistant.text.segment import normalise_query, segment, thesaurus, tokenize
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
    "哪些", "什么", "可以", "能够", "政府", "一年", "三年", "每人", "一个", "个人", "拿",
    "领", "给", "发", "补", "有", "能", "是", "算", "办", "搞", "干", "做", "呢", "吗", "技能",
    "人才", "培训", "职业",
})  # fmt: skip
_GENERIC_WEIGHT = 0.15
_WEAK_WEIGHT = 0.3
_MIN_SENTENCE = 6
_PUNCTUATION = re.compile(r"[（）()“”‘’、，,。；;：:《》〔〕\s]")
_PRIOR = 0.35  # weight of the clause's retrieval score, relative to the best hit
_YEAR_BONUS = 0.3
_EMPHASIS = 1.5
_SENTENCE_SHARE = 0.7  # the rest of a sentence's coverage comes from its whole clause
_LONG = 120  # sentences longer than this read badly aloud and dilute precision
_LENGTH_PENALTY = 0.25
_ENUMERATION = 4
_ENUMERATION_PENALTY = 0.25
_OTHER_SUBJECT = 0.3
_PROXIMITY = 0.2
_TRIM_ABOVE = 60
_LABEL_CELLS = {"序号", "重点任务", "项目内容", "责任单位", "责任部门", "进度安排"}


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


def focus_terms(text: str, idf: Callable[[str], float | None], emphasis: str = "") -> dict[str, float]:
    """Question words weighted by how specific they are; unknown words weigh the most.

    A word the corpus never uses (养老金) keeps a high weight, so a question about it
    finds little coverage and is recognised as something the documents do not say.
    """
    places = {m.name for m in find_places(text)}
    # Colloquial words in the question, and the pieces jieba cuts them into (老师傅 → 老师, 师傅).
    colloquial = [c for c in thesaurus() if c in text]
    weights: dict[str, float] = {}
    known = sorted(w for w in (idf(t) for t in tokenize(text)) if w is not None)
    # An unknown word weighs like a typical known one: colloquial words (咋领, 手艺) are
    # unknown too, so giving unknown words the top weight would refuse plain questions.
    typical = known[len(known) // 2] if known else 3.0
    for token in tokenize(text):
        if token in places or token.isdigit() or re.fullmatch(r"20\d\d", token):
            continue
        weight = idf(token)
        weight = typical if weight is None else weight
        if token in GENERIC:
            weight *= _GENERIC_WEIGHT
        elif len(token) == 1 or any(token in c for c in colloquial):
            # A single character is mostly grammar; a colloquial word's meaning is carried
            # by the document words the thesaurus added for it (厂里别人 → 本单位职工).
            weight *= _WEAK_WEIGHT
        if emphasis and token in emphasis:  # a follow-up's own words outweigh carried context
            weight *= _EMPHASIS
        weights[token] = max(weights.get(token, 0.0), weight)
    return weights


def coverage(sentence: str, focus: dict[str, float]) -> float:
    """Share of the question's weight whose words appear in the sentence.

    Punctuation is ignored, so 县区 is found in 各县（区）.
    """
    total = sum(focus.values())
    if not total:
        return 0.0
    return sum(focus[t] for t in covered_terms(sentence, focus)) / total


def covered_terms(sentence: str, focus: dict[str, float]) -> set[str]:
    """The question's words that the sentence holds, punctuation ignored."""
    text = sentence.lower()  # clause text is already simplified and half-width at ingest
    bare = _PUNCTUATION.sub("", text)
    return {t for t in focus if t in text or t in bare}


def subject_terms(focus: dict[str, float], idf: Callable[[str], float | None], top: int = 2) -> list[str]:
    """The most specific words of the question that the documents use: what it is about."""
    known = [(w, t) for t, w in focus.items() if t not in GENERIC and idf(t) is not None]
    return [t for _, t in sorted(known, reverse=True)[:top]]


def gather(
    hits: list[Retrieved],
    focus: dict[str, float],
    intent: Intent,
    years: list[int] | None = None,
    limit: int = 8,
    total: bool = False,
    groups: list[str] | None = None,
    phrases: list[str] | None = None,
) -> list[Evidence]:
    """Score every sentence of the first `limit` hits; best first.

    A sentence scores by how much of the question it covers, how well its clause was
    retrieved (which carries the jurisdiction shaping), whether it holds the kind of
    figure asked for, and whether it speaks of the year asked about.
    """
    out: list[Evidence] = []
    top = max((h.score for h in hits[:limit]), default=0.0) or 1.0
    for n, hit in enumerate(hits[:limit]):
        prior = _PRIOR * hit.score / top
        year_bonus = _year_agreement(hit, years or [], total)
        for whole, context in _sentences(hit):
            # A figure is read out from the clause-part that holds it; a benefit is read whole.
            sentence = trim(whole, focus) if intent.wants_figure or intent.kind == "comparison" else whole
            cov = _context_coverage(context, hit.clause.search_text, focus)
            found = figures(sentence)
            score = cov + prior + year_bonus + _intent_bonus(sentence, found, intent)
            score -= _other_subject(sentence, groups or [])
            score += _PROXIMITY * _phrase_share(context, phrases or [])
            score -= _LENGTH_PENALTY * max(0, len(sentence) - _LONG) / _LONG
            out.append(Evidence(n, hit, sentence, score, cov, found))
    out.sort(key=lambda e: -e.score)
    return out


def trim(sentence: str, focus: dict[str, float]) -> str:
    """The part of a long sentence that is about the question: from the first comma-clause
    that names a question word or a figure to the last one.

    "以培养高技能人才…为重点，…，三年行动期间，全市每年新增技能人才3万人以上，其中…" is read
    out from "三年行动期间" when the question is how many are added each year.
    """
    if len(sentence) <= _TRIM_ABOVE:
        return sentence
    parts = re.findall(r"[^，,；;：:]+[，,；;：:]?", sentence)
    useful = [
        i
        for i, part in enumerate(parts)
        if figures(part) or any(t in normalise_query(part) for t, w in focus.items() if t not in GENERIC)
    ]
    if not useful:
        return sentence
    start = max(0, useful[0] - 1) if len(parts[useful[0]]) < 8 else useful[0]
    piece = "".join(parts[start : useful[-1] + 1]).rstrip("，,；;：: ")
    return piece if len(piece) >= _MIN_SENTENCE else sentence


def _sentences(hit: Retrieved) -> list[tuple[str, str]]:
    """(sentence, text to judge it by). A table row is judged by its cells with the row name."""
    clause = hit.clause
    if clause.kind == "table_row":
        cells = re.split(r"[；\n]", clause.text)
        content = [c.strip() for c in cells if c.strip() and c.split("：")[0] not in _LABEL_CELLS]
        values = [c.split("：", 1)[1] if "：" in c[:6] else c for c in content]
        name = " ".join(clause.headings[-1:]) + " " + clause.label
        sentences = [s.strip() for v in values for s in split_sentences(v)]
        return [(s, f"{name} {s}") for s in sentences if len(s) >= _MIN_SENTENCE]
    out = []
    for sentence in split_sentences(clause.text):
        sentence = sentence.strip()
        if len(sentence) >= _MIN_SENTENCE and not _is_heading(sentence, hit):
            out.append((sentence, sentence))
    return out


def _context_coverage(sentence_text: str, clause: str, focus: dict[str, float]) -> float:
    """Mostly the sentence, partly its clause: "年培育数字技能人才不低于5000人" answers a
    question about 大数据 because its clause is about 大数据."""
    own = coverage(sentence_text, focus)
    return max(own, _SENTENCE_SHARE * own + (1 - _SENTENCE_SHARE) * coverage(clause, focus))


def question_phrases(question: str) -> list[str]:
    """Adjacent pairs of the question's words, as they would read together in a clause:
    "每年新增技能人才" asks for 每年新增 and 新增技能人才, which "每年培训高技能人才" lacks."""
    words = [w for w in segment(normalise_query(question)) if len(w) > 1 and w not in GENERIC]
    return [a + b for a, b in itertools.pairwise(words)]


def _phrase_share(text: str, phrases: list[str]) -> float:
    if not phrases:
        return 0.0
    bare = _PUNCTUATION.sub("", text.lower())
    return sum(1 for p in phrases if p in bare) / len(phrases)


def _other_subject(sentence: str, asked: list[str]) -> float:
    """A penalty when the sentence is about another group than the asker's.

    "支持技工院校毕业生同等享受高校毕业生社保…补贴" names 高校毕业生, but its subject is the
    first group it names; a long enumeration ("聚焦高校毕业生、…、退役军人等") has no single one.
    """
    if not asked:
        return 0.0
    named = find_groups(sentence)
    if not named or len(named) >= _ENUMERATION or named[0] in asked:
        return 0.0
    return _OTHER_SUBJECT if any(g in asked for g in named) else 0.0


def _year_agreement(hit: Retrieved, years: list[int], total: bool = False) -> float:
    """Prefer clauses about the year asked (2021 table vs 2023 goal); for "三年一共" prefer
    goals over a span of years; 0 when the question says nothing about time."""
    text = hit.clause.search_text
    if total and not years:
        has_span = re.search(r"20\d{2}\s*[-—–~至到]+\s*20\d{2}|三年|每年", text)
        return _YEAR_BONUS / 2 if has_span else -_YEAR_BONUS / 2
    if not years:
        return 0.0
    spans = [(int(a), int(b)) for a, b in re.findall(r"(20\d{2})\s*[-—–~至到]+\s*(20\d{2})", text)]
    single = {int(y) for y in re.findall(r"20\d{2}", re.sub(r"20\d{2}\s*[-—–~至到]+\s*20\d{2}", "", text))}
    if any(y in single for y in years):
        return _YEAR_BONUS
    if any(a <= y <= b for y in years for a, b in spans):
        return _YEAR_BONUS / 3  # a multi-year goal only includes the year asked
    return -_YEAR_BONUS if single or spans else 0.0


_MARKER = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、]|——)")


def _is_heading(sentence: str, hit: Retrieved) -> bool:
    """'13.加大高技能人才表彰奖励。' restates the label; it answers nothing."""
    core = _MARKER.sub("", sentence.rstrip("。；：")).strip()
    if len(core) > 30:
        return False
    return core in hit.clause.label or any(core.endswith(h) for h in hit.clause.headings if h)


def _intent_bonus(sentence: str, found: list[Figure], intent: Intent) -> float:
    if intent.wants_figure:
        if any(intent.unit in ("any", f.unit) for f in found):
            return 0.3
        return -0.15
    if intent.kind == "eligibility":
        bonus = 0.1 * min(3, sum(word in sentence for word in BENEFIT_WORDS)) / 3
        if len(find_groups(sentence)) >= _ENUMERATION:
            bonus -= _ENUMERATION_PENALTY  # "聚焦…等九类群体" names everyone, promises no one anything
        return bonus
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
