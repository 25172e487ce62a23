"""The five sample documents in both stores, embedded by the bundled e5 as the app embeds
them: the same ranked clauses and the same answers for questions of these tests, and the
same aggregate scores on the dev split (only its aggregates are compared)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.batch import answer_lines
from assistant.eval import run_gate
from assistant.eval.dataset import split_path, thresholds_path
from assistant.eval.models import OutputLine
from assistant.eval.runner import input_lines
from assistant.models import Jurisdiction
from assistant.question.understand import understand
from assistant.service import PolicyAssistant
from assistant.store.types import StoreFilter

QUESTIONS = [
    "技能大师工作室建成后给多少钱",
    "我在无锡上班，考了技师证有没有奖励",
    "宁夏对技术能手怎么奖励",
    "退役士兵想学门手艺，政府给报销学费吗",
    "江苏工匠每年评多少个",
    "企业给职工办培训班，钱从哪里出",
    "宿迁的高技能人才培养目标是多少",
    "职业技能等级认定由谁来做",
]
FILTERS = [
    StoreFilter(places=(Jurisdiction(province="江苏省", city="无锡市"),)),
    StoreFilter(places=(Jurisdiction(province="宁夏回族自治区"),)),
    StoreFilter(in_force_on=__import__("datetime").date(2026, 11, 21)),
    StoreFilter(doc_ids=("suqian-skills-2022", "jiangsu-craftsmen-2024")),
]


@pytest.fixture(scope="module")
def milvus_assistant(policy_assistant, tmp_path_factory) -> Iterator[PolicyAssistant]:
    settings = policy_assistant.settings.model_copy(
        update={
            "store": policy_assistant.settings.store.model_copy(
                update={"uri": str(tmp_path_factory.mktemp("lite") / "milvus.db")}
            )
        }
    )
    assistant = PolicyAssistant(settings)
    assert assistant.engine.store.kind == "milvus"
    yield assistant
    assistant.engine.store.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("question", QUESTIONS)
def test_both_stores_rank_the_same_clauses_and_give_the_same_answer(
    policy_assistant, milvus_assistant, question
):
    embedded, milvus = policy_assistant.engine, milvus_assistant.engine
    query = understand(question, policy_assistant.documents())

    for where in [None, *FILTERS]:
        ranked = [h.clause_id for h in milvus.retriever.ranked(query, where=where)]
        assert ranked == [h.clause_id for h in embedded.retriever.ranked(query, where=where)], where
    first, second = policy_assistant.ask(question), milvus_assistant.ask(question)
    assert second.answer == first.answer
    assert [c.clause_id for c in second.citations] == [c.clause_id for c in first.citations]


def _metrics(assistant: PolicyAssistant) -> dict[str, float]:
    def system(items):
        return [OutputLine.model_validate(line) for line in answer_lines(input_lines(items), assistant)]

    result = run_gate(split_path("dev"), thresholds_path("dev"), system=system, with_baseline=False)
    assert result.project is not None
    overall = result.project.overall.model_dump()
    return {k: v for k, v in overall.items() if isinstance(v, float) and "latency" not in k}


@pytest.mark.slow
def test_the_dev_split_scores_the_same_with_either_store(policy_assistant, milvus_assistant, capsys):
    embedded, milvus = _metrics(policy_assistant), _metrics(milvus_assistant)

    with capsys.disabled():
        print(
            "\ndev split, embedded → Milvus Lite:",
            ", ".join(f"{k} {embedded[k]:.3f} → {milvus[k]:.3f}" for k in embedded),
        )
    assert embedded.keys() == milvus.keys() and embedded
    for name, value in embedded.items():
        assert milvus[name] == pytest.approx(value, abs=0.02), name  # the target
