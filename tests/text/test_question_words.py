"""Question words live in one data file; BM25, decomposition and follow-ups all read it."""

from __future__ import annotations

from assistant.question.decompose import plan_question
from assistant.question.resolve_followup import resolve_followup
from assistant.question.understand import understand
from assistant.text.question_words import question_words
from assistant.text.segment import stopwords, tokenize


def test_question_words_are_not_search_words():
    tokens = tokenize("宿迁退役军人的培训补贴是多少？怎么申请？")
    assert "退役军人" in tokens and "补贴" in tokens
    assert not {"多少", "怎么"} & set(tokens)
    assert set(question_words("stop")) <= stopwords()


def test_a_longer_asking_word_comes_before_the_word_it_holds():
    drop = question_words("drop")
    for short in drop:
        for longer in drop:
            if short != longer and short in longer:
                assert drop.index(longer) < drop.index(short), (longer, short)


def test_each_asking_piece_becomes_a_part_and_a_follow_up_drops_what_it_asked():
    text = "每年输送多少毕业生？三年培育多少个品牌专业？"
    plan = plan_question(text, understand(text))
    assert len(plan.parts) == 2
    resolved = resolve_followup("那怎么申请？", ["我是宿迁的退役军人，有什么培训补贴？"], [])
    assert "有什么" not in resolved.text and "退役军人" in resolved.text
