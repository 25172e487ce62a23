"""The naive LangChain baseline: sensible on a plain question, and speaks the contract."""

from __future__ import annotations

import pytest

from assistant.eval.baseline import ANSWER_CHUNKS, TOP_K, NaiveBaseline
from assistant.eval.dataset import source_files
from assistant.eval.models import OutputLine, QAItem
from assistant.eval.runner import parse_output_lines


@pytest.fixture(scope="module")
def baseline() -> NaiveBaseline:
    return NaiveBaseline()


@pytest.fixture(scope="module")
def line(baseline: NaiveBaseline) -> OutputLine:
    question = QAItem(id="b1", question="宁夏评上自治区技术能手奖励多少钱？", kind="numeric", answerable=True)
    return baseline.answer(question)


def test_top_chunk_holds_the_ningxia_reward_clause(line: OutputLine) -> None:
    top = line.retrieved[0]
    assert top.doc_id == "ningxia-skills-2021"
    assert "将自治区技术能手奖励资金调高至1万元" in top.text


def test_output_follows_the_batch_contract(line: OutputLine) -> None:
    assert parse_output_lines(line.model_dump_json()) == [line]
    assert line.id == "b1" and line.answerable is True
    assert len(line.retrieved) == TOP_K
    assert {chunk.doc_id for chunk in line.retrieved} <= set(source_files())
    scores = [chunk.score for chunk in line.retrieved]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    top = line.retrieved[:ANSWER_CHUNKS]
    assert [c.text for c in line.citations] == [c.text for c in top]
    assert line.answer == "\n\n".join(c.text for c in top)
    assert line.latency_ms > 0


def test_chunks_are_at_most_500_characters(line: OutputLine) -> None:
    assert all(0 < len(chunk.text) <= 500 for chunk in line.retrieved)


def test_history_is_ignored(baseline: NaiveBaseline) -> None:
    # A plain retriever sees only the last turn, so a follow-up loses its subject.
    follow_up = QAItem(id="b2", question="那宁夏呢？", kind="multi_turn", answerable=True)
    with_history = follow_up.model_copy(update={"history": ["宿迁每年新增多少高技能人才？"]})
    plain, replayed = baseline.answer(follow_up), baseline.answer(with_history)
    assert [c.clause_id for c in plain.retrieved] == [c.clause_id for c in replayed.retrieved]
