"""Chinese segmentation for retrieval: jieba with a policy dictionary, stopwords and a
thesaurus of the words people actually say.

LangChain's BM25Retriever splits on whitespace, so a Chinese sentence is one token; every
sparse index and query here goes through `tokenize` instead.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources

import jieba

from assistant.text.chinese import to_halfwidth, to_simplified
from assistant.text.question_words import question_words

_WORD = re.compile(r"[\w%]", re.UNICODE)  # keep tokens holding a letter, digit or CJK char
# Policy shorthand such as 1+13+N or 6+3+X is one term, not three single characters.
# Matched only from the start of a run and without backtracking: otherwise a long run of
# letters with no "+" costs quadratic time (8,000 letters took seconds per question).
_COMPOUND = re.compile(r"(?<![0-9a-z])[0-9a-z]++(?:\s*+[+＋]\s*+[0-9a-z]++)+")


def _data(name: str) -> str:
    return resources.files("assistant.data").joinpath(name).read_text("utf-8")


@lru_cache(maxsize=1)
def policy_dictionary() -> tuple[tuple[str, int | None], ...]:
    """(word, jieba frequency) of the policy dictionary (userdict.txt), in the file's order."""
    entries = []
    for line in _data("userdict.txt").splitlines():
        parts = line.split()
        if parts and not parts[0].startswith("#"):
            entries.append((parts[0], int(parts[1]) if len(parts) > 1 else None))
    return tuple(entries)


@lru_cache(maxsize=1)
def _jieba() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word, freq in policy_dictionary():
        tokenizer.add_word(word, freq=freq)
    for colloquial in thesaurus():
        tokenizer.add_word(colloquial, freq=20)  # so 补帖 or 退伍 stay whole words
    return tokenizer


def is_word(text: str) -> bool:
    """A word of jieba's dictionary or the policy dictionary."""
    return bool(_jieba().FREQ.get(text))


def jieba_tokenizer() -> jieba.Tokenizer:
    """The project's jieba, with the policy dictionary and the thesaurus words loaded."""
    return _jieba()


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    words = (w.strip() for w in _data("stopwords.txt").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#")) | set(question_words("stop"))


@lru_cache(maxsize=1)
def says_phrase(text: str, phrase: str) -> bool:
    """The text holds the phrase, or every word of it when the phrase is long enough to be
    several ("解除劳动关系" in "与用人单位解除或终止劳动关系的")."""
    if phrase in text:
        return True
    words = [w for w in tokenize(phrase) if len(w) >= 2]
    return len(phrase) >= 4 and len(words) >= 2 and all(w in text for w in words)


def phrases_for(word: str) -> tuple[str, ...]:
    """The thesaurus phrases for a word, each also as notices say it: a notice ends a payment
    on "解除劳动关系" where a law says "解除劳动合同". Only for matching a rule's sentence, never
    for search: in a library of laws the notices' word would pull in the wrong articles."""
    phrases = thesaurus().get(word, ())
    return tuple(dict.fromkeys([*phrases, *(p.replace("劳动合同", "劳动关系") for p in phrases)]))


def thesaurus() -> dict[str, tuple[str, ...]]:
    """colloquial word → the canonical words the documents use."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _data("synonyms.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        colloquial, _, canonical = line.partition("\t")
        table[colloquial.strip()] = tuple(canonical.split())
    return table


@lru_cache(maxsize=1)
def _typos() -> tuple[tuple[str, str], ...]:
    pairs = (
        line.split("\t")
        for line in _data("typos.tsv").splitlines()
        if line.strip() and not line.startswith("#")
    )
    return tuple((wrong.strip(), right.strip()) for wrong, right in pairs)


def correct_typos(text: str) -> str:
    """The question with the misspellings of typos.tsv corrected ("技能补帖" → "技能补贴")."""
    for wrong, right in _typos():
        text = text.replace(wrong, right)
    return text


@lru_cache(maxsize=65536)  # clause sentences recur across questions; conversion is the cost
def normalise_query(text: str) -> str:
    """Traditional → simplified, full-width → half-width, lower-case Latin."""
    return to_halfwidth(to_simplified(text)).lower()


def segment(text: str) -> list[str]:
    """Plain jieba words (no stopword removal), for display and query parsing."""
    return [w for w in _jieba().lcut(text, HMM=False) if w.strip()]


def tokenize(text: str) -> list[str]:
    """Search tokens: fine-grained jieba words, without stopwords and punctuation."""
    text = normalise_query(text)
    stop = stopwords()
    words = [
        w
        for w in _jieba().lcut_for_search(text, HMM=False)
        if w not in stop and _WORD.search(w) and not w.isspace()
    ]
    return words + [re.sub(r"\s+", "", m) for m in _COMPOUND.findall(text)]


@lru_cache(maxsize=1)
def _policy_terms() -> tuple[str, ...]:
    return tuple(word for word, _ in policy_dictionary() if len(word) > 1)


def _inside(text: str, term: str, start: int, end: int) -> bool:
    """Whether an occurrence of `term` in `text` covers the span start..end."""
    at = text.find(term, max(0, end - len(term)))
    return 0 <= at <= start and at + len(term) >= end


def says_word(text: str, word: str) -> bool:
    """Whether `text` says `word` itself somewhere, not only as half of a longer term of the
    policy dictionary: 转业 in 部队转业 is the word, in 转岗转业培训 it is half of 转岗转业.
    The dictionary decides, not jieba's cut of the sentence: jieba cuts 我辞职能要补偿 into
    辞 / 职能, yet the asker said 辞职."""
    longer = [term for term in _policy_terms() if word in term and len(term) > len(word)]
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if not any(_inside(text, term, start, end) for term in longer):
            return True
        start = text.find(word, start + 1)
    return False


def expand(text: str) -> str:
    """The question plus the canonical words for any colloquial word in it (退伍 → 退役军人).

    A colloquial word counts only where it is not half of a longer policy term (转业 → 退役军人
    must not fire on 转岗转业培训)."""
    text = normalise_query(text)
    extra: list[str] = []
    for colloquial, canonical in thesaurus().items():
        if colloquial in text and says_word(text, colloquial):
            extra.extend(w for w in canonical if w not in text and w not in extra)
    return f"{text} {' '.join(extra)}" if extra else text


def warm_up() -> None:
    """Load the dictionaries now rather than on the first question."""
    _jieba().initialize()
    tokenize("职业技能培训补贴")
