"""Corpus tokens: the same tokens as tokenize(), stored as ids, counted, and split over workers."""

from __future__ import annotations

from collections import Counter

from assistant.text.corpus_tokens import tokenize_corpus
from assistant.text.segment import tokenize

TEXTS = [
    "对参加培训的退役军人给予职业培训补贴。",
    "将自治区技术能手奖励资金调高至1万元。",
    "。",  # no token at all
    "每年开展社会化培训2.3万人次以上，评价认定高技能人才占比不低于20%。",
] * 5


def test_each_text_keeps_its_tokens_in_order():
    tokens = tokenize_corpus(TEXTS)
    assert len(tokens) == len(TEXTS)
    assert [tokens.tokens(i) for i in range(len(TEXTS))] == [tokenize(t) for t in TEXTS]
    assert list(tokens)[2] == []


def test_counts_are_the_occurrences_in_all_texts():
    expected = Counter(token for text in TEXTS for token in tokenize(text))
    assert tokenize_corpus(TEXTS).counts() == dict(expected)


def test_worker_processes_give_the_same_tokens_as_one_process():
    serial = tokenize_corpus(TEXTS, workers=1)
    parallel = tokenize_corpus(TEXTS, workers=2, parallel_min=1)
    assert [parallel.tokens(i) for i in range(len(TEXTS))] == [serial.tokens(i) for i in range(len(TEXTS))]
    assert parallel.counts() == serial.counts()
