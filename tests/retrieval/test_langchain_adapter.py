"""The LangChain boundary: a BaseRetriever that composes, and lossless conversion."""

from __future__ import annotations

from langchain_core.documents import Document
from langchain_core.runnables import RunnableLambda

from assistant.retrieval.langchain_adapter import PolicyRetriever, from_document, to_document


def test_policy_retriever_is_a_langchain_runnable(policy_assistant):
    retriever = PolicyRetriever(retriever=policy_assistant.engine.retriever, k=3)
    chain = retriever | RunnableLambda(lambda docs: [d.metadata["clause_id"] for d in docs])
    ids = chain.invoke("宁夏技术能手奖励资金调高到多少？")
    assert ids[0] == "ningxia-skills-2021:4.4.13"
    assert len(ids) == 3


def test_documents_convert_back_to_the_projects_own_model(policy_assistant):
    retriever = PolicyRetriever(retriever=policy_assistant.engine.retriever, k=2)
    documents = retriever.invoke("无锡每万劳动力高技能人才数")
    assert all(isinstance(d, Document) for d in documents)
    hit = from_document(documents[0])
    assert hit.clause.text == documents[0].page_content
    assert to_document(hit).metadata == documents[0].metadata


def test_the_answer_chain_as_a_runnable_answers_as_invoke_does(policy_assistant):
    """`AnswerChain.invoke` runs its steps without LangChain (a cold ask is 0.5 s faster);
    the Runnable built from the same steps gives the same answer and citations."""
    from assistant.answer.chain import _State
    from assistant.models import Question

    chain = policy_assistant.engine.chain
    question = Question(text="宁夏技术能手奖励多少？")
    direct = chain.invoke(question)
    composed = chain.runnable.invoke(_State(question=question, started=0.0))
    assert "1万元" in direct.answer
    assert composed.answer == direct.answer
    assert [c.clause_id for c in composed.citations] == [c.clause_id for c in direct.citations]
