"""A question none of whose words any retrieved clause holds is refused, whatever the vectors
found: text in a script the documents never use, a run of one letter, a line of code."""

from __future__ import annotations

import pytest

from assistant.answer.wording import NOTHING_FOUND
from assistant.models import Question


@pytest.mark.parametrize(
    "text",
    [
        "직업 훈련 보조금은 얼마입니까?",  # Korean: no word the notices use
        "q" * 3000,
        "SELECT * FROM users WHERE 1=1; {name} %d",
    ],
)
def test_a_question_sharing_no_word_with_the_documents_is_refused(policy_assistant, text: str) -> None:
    answer = policy_assistant.ask(Question(text=text))
    assert not answer.answerable
    assert NOTHING_FOUND in answer.answer and "12333" in answer.answer
    assert answer.citations == []


def test_one_shared_word_among_foreign_ones_is_enough_to_answer(policy_assistant) -> None:
    answer = policy_assistant.ask(Question(text="Hello, 技能大师工作室 funding 有多少?"))
    assert NOTHING_FOUND not in answer.answer
    assert answer.citations


def test_no_character_of_a_place_name_is_a_topic_word_shared():
    """The segmenter cuts some place names into characters (岳阳 → 岳, 阳): a question sharing
    only those with a notice of that place shares no topic with it."""
    from assistant.answer.chain import shares_a_topic_word
    from assistant.models import Jurisdiction, QueryInfo

    from .evidence_fixtures import hit, meta

    notice = hit(
        meta("yueyang", Jurisdiction(province="湖南省", city="岳阳市")), "1", "岳阳市每人每天补贴60元。"
    )

    def query(text: str) -> QueryInfo:
        return QueryInfo(text=text, normalised=text)

    assert not shares_a_topic_word(query("岳阳今天天气怎么样"), [notice])
    assert shares_a_topic_word(query("岳阳每天补贴多少"), [notice])
