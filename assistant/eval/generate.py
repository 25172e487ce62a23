"""Training questions the project writes itself, from any corpus.

A sentence that states an amount, a share, a count, a date, a period, a responsible body
or a list answers a question of that type about its own subject. The question is made
from the sentence's own words (the content words next to the answer) and one of a few
everyday templates per answer type; the sentence is the answer, the other sentences of its
clause are the near misses the reader must learn to pass over.

Nothing here knows any document: it works on any clause text, and the templates are
generic ways of asking for a type of fact (多少钱, 什么时候, 哪个部门 …).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from assistant.models import Clause
from assistant.text.segment import jieba_tokenizer, stopwords
from assistant.text.sentences import clause_sentences

Kind = Literal["money", "percent", "count", "date", "period", "body", "list"]

# What marks a sentence as stating each kind of fact; group 0 is the answer.
_ANSWERS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("money", re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿|千)?元")),
    ("percent", re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|个百分点)|百分之[一二三四五六七八九十百]+")),
    ("count", re.compile(r"\d+(?:\.\d+)?\s*(?:万|千)?\s*(?:人次|人|名|个|家|所|项|户|场)")),
    ("date", re.compile(r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|底|前)?")),
    (
        "period",
        re.compile(
            r"(?:\d+|[一二两三四五六七八九十]+)\s*(?:个)?(?:工作日|日|天|周|个月|月|年)(?:内|以内|之内)"
        ),
    ),
    (
        "body",
        re.compile(
            r"由[^，。；、]{2,24}?(?:部门|局|厅|委|办|政府|机构|单位|委员会|中心)(?=负责|牵头|组织|审核|认定|发放|办理|统筹|实施)"
        ),
    ),
    ("list", re.compile(r"[^，。；：、\s]{2,12}(?:、[^，。；：、\s]{2,12}){2,}")),
)

# Everyday ways of asking for each kind of fact, about a subject {t}.
TEMPLATES: dict[Kind, tuple[str, ...]] = {
    "money": ("{t}能给多少钱？", "{t}有多少钱", "{t}给多少？", "{t}是多少钱啊"),
    "percent": ("{t}占多少比例？", "{t}是百分之多少", "{t}比例多高？"),
    "count": ("{t}有多少个？", "{t}的数量是多少", "{t}要达到多少？"),
    "date": ("{t}是什么时候？", "{t}到哪一年？", "{t}什么时间开始"),
    "period": ("{t}要多长时间？", "{t}期限是多久", "{t}多久之内？"),
    "body": ("{t}归哪个部门管？", "谁负责{t}？", "{t}找哪个单位？"),
    "list": ("{t}包括哪些？", "{t}都有什么", "{t}有哪几种？"),
}

MAX_SUBJECT_WORDS = 3


class GeneratedQuestion(BaseModel):
    """One generated question, the sentence that answers it and where that sentence is."""

    question: str
    kind: Kind
    answer: str  # the fact, as the sentence writes it
    sentence: str
    clause_id: str
    doc_id: str


# Parts of speech that name a thing (nouns, verbal nouns, names, idioms, abbreviations):
# a subject made of them reads as "what", without the sentence's verbs (给予, 应当).
_NOUNISH = ("n", "vn", "nz", "nt", "l", "j", "an", "b")
# The policy dictionary's terms (技能大师工作室) come out untagged, as "x": they are nouns.
_CJK = re.compile(r"[\u4e00-\u9fff]+")


def _nouns(text: str) -> list[str]:
    stop = stopwords()
    return [
        p.word
        for p in _pos().cut(text, HMM=False)
        if (p.flag.startswith(_NOUNISH) or (p.flag == "x" and _CJK.fullmatch(p.word)))
        and len(p.word) >= 2
        and p.word not in stop
        and not re.search(r"\d", p.word)
    ]


@lru_cache(maxsize=1)
def _pos():  # -> jieba.posseg.POSTokenizer
    import jieba.posseg

    return jieba.posseg.POSTokenizer(jieba_tokenizer())


def subject(sentence: str, start: int, end: int, kind: Kind) -> str:
    """What the sentence says its answer is about: the nouns just before the answer in the
    sentence (for a list, before its first item; when none come before, those just after),
    at most MAX_SUBJECT_WORDS of them."""
    if kind == "list":  # the first item swallows what comes before it: cut at its last word
        head = [p.word for p in _pos().cut(sentence[start : sentence.index("、", start)], HMM=False)]
        start += len("".join(head[:-1]))
    words = _nouns(sentence[:start])[-MAX_SUBJECT_WORDS:]
    if not words:
        words = _nouns(re.split(r"[，,；;。]", sentence[end:])[0])[:MAX_SUBJECT_WORDS]
    return "".join(words)


def questions_of_sentence(
    sentence: str, clause_id: str, doc_id: str, rng: random.Random
) -> Iterator[GeneratedQuestion]:
    """At most one question per kind of fact the sentence states."""
    for kind, pattern in _ANSWERS:
        match = pattern.search(sentence)
        if match is None:
            continue
        topic = subject(sentence, match.start(), match.end(), kind)
        if len(topic) < 4:  # too little of the sentence's own subject to ask about it
            continue
        template = rng.choice(TEMPLATES[kind])
        yield GeneratedQuestion(
            question=template.format(t=topic),
            kind=kind,
            answer=match.group(0),
            sentence=sentence,
            clause_id=clause_id,
            doc_id=doc_id,
        )


def generate(clauses: Iterable[Clause], seed: int = 0, limit: int | None = None) -> list[GeneratedQuestion]:
    """Questions from every clause with at least two sentences (one answer, one near miss),
    header cards aside; shuffled with `seed`, at most `limit`."""
    rng = random.Random(seed)
    out: list[GeneratedQuestion] = []
    for clause in clauses:
        if clause.kind == "header":
            continue
        sentences = [s.text for s in clause_sentences(clause)]
        if len(sentences) < 2:
            continue
        for sentence in sentences:
            out.extend(questions_of_sentence(sentence, clause.clause_id, clause.doc_id, rng))
    rng.shuffle(out)
    return out[:limit] if limit is not None else out
