"""猜你想问: suggestions come from the cited clauses and are answerable, alone or in the conversation."""

from __future__ import annotations

import pytest

from assistant.jurisdiction import find_places
from assistant.models import Question
from assistant.next_questions import suggest_followups

SEEDS = [
    "我是宿迁的退役军人，可以参加哪些培训？",
    "无锡对新生代农民工技能培训有什么目标？",
    "江苏的高技能人才可以享受哪些待遇？",
    "宁夏技术能手奖励多少？",
    "残疾人可以参加什么培训？",
    "江苏对技能大师工作室有什么支持？",
]


def what_it_asks_about(suggestion: str) -> str:
    """宿迁的高校毕业生有哪些培训？ → 高校毕业生: the words before 有哪些, without the place."""
    subject = suggestion.split("有哪些")[0]
    for place in find_places(subject):
        subject = subject.replace(place.name, "", 1)
    return subject.removeprefix("的")


@pytest.fixture(scope="module")
def documents(policy_assistant):
    return {d.doc_id: d for d in policy_assistant.documents()}


@pytest.mark.parametrize("seed", SEEDS)
def test_suggestions_name_what_the_cited_clauses_say_and_are_answerable(policy_assistant, documents, seed):
    answer = policy_assistant.ask(Question(text=seed))
    suggestions = suggest_followups(answer, documents, [seed])
    assert 2 <= len(suggestions) <= 3, suggestions
    cited = " ".join(c.text for c in answer.citations)
    for suggestion in suggestions:
        subject = what_it_asks_about(suggestion)
        assert subject in cited and subject not in seed, suggestion
        for history in ([], [seed]):  # in a fresh chat and as the next turn
            followed = policy_assistant.ask(Question(text=suggestion, history=history))
            assert followed.answerable and followed.citations, (suggestion, history, followed.answer)


def test_nothing_already_asked_is_suggested_again(policy_assistant, documents):
    answer = policy_assistant.ask(Question(text=SEEDS[0]))
    first = suggest_followups(answer, documents, [SEEDS[0]])
    again = suggest_followups(answer, documents, [SEEDS[0], first[0]])
    assert first[0] not in again


def test_a_refusal_citing_nothing_gets_no_suggestions(policy_assistant, documents):
    answer = policy_assistant.ask(Question(text="上海的外卖骑手有什么培训补贴？"))
    assert not answer.answerable and not answer.citations
    assert suggest_followups(answer, documents, []) == []


def test_a_fact_not_stated_gets_suggestions_from_the_nearest_rule_it_cites(policy_assistant, documents):
    answer = policy_assistant.ask(Question(text="宿迁企业新型学徒制的补贴标准每人多少钱？"))
    assert not answer.answerable and "没有写明" in answer.answer and answer.citations
    suggestions = suggest_followups(answer, documents, [answer.question])
    assert suggestions
    cited = " ".join(c.text for c in answer.citations)
    for suggestion in suggestions:
        subject = what_it_asks_about(suggestion)
        assert subject in cited, suggestion
        followed = policy_assistant.ask(Question(text=suggestion))
        assert followed.answerable and followed.citations, (suggestion, followed.answer)
