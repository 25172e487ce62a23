"""Everyday labour-law words reach the words the laws use (assistant/data/synonyms.tsv)."""

from __future__ import annotations

import pytest

from assistant.text.segment import expand, tokenize


@pytest.mark.parametrize(
    ("question", "law_words"),
    [
        ("公司没给我交社保，我辞职能要补偿吗", ["社会保险", "解除劳动合同", "经济补偿"]),
        ("干了三年被炒鱿鱼了，老板要赔多少", ["用人单位", "解除劳动合同", "赔偿金"]),
        ("我爸的退休工资每年涨多少", ["基本养老金"]),
        ("被裁员以后失业金怎么领", ["裁减人员", "失业保险金"]),
        ("在超市做小时工要签合同吗", ["非全日制用工", "劳动合同"]),
        ("去年的年假没休完能折钱吗", ["带薪年休假"]),
    ],
)
def test_everyday_words_bring_the_laws_words_into_the_search(question: str, law_words: list[str]) -> None:
    tokens = set(tokenize(expand(question)))
    missing = [word for word in law_words if not set(tokenize(word)) <= tokens]
    assert not missing, f"{question}: {missing} not searched for; tokens {sorted(tokens)}"


def test_a_question_already_in_the_laws_words_is_left_alone() -> None:
    assert expand("用人单位未依法缴纳社会保险费的，劳动者可以解除劳动合同吗") == (
        "用人单位未依法缴纳社会保险费的，劳动者可以解除劳动合同吗"
    )
