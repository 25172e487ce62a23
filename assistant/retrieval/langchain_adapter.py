"""The one boundary with LangChain's retrieval types.

`PolicyRetriever` lets the hybrid retriever compose with any LangChain chain; `to_document`
and `from_document` convert between LangChain `Document`s and the project's own
`Retrieved`, so nothing else in the project handles LangChain documents.
"""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.models import Clause, DocumentMeta, Jurisdiction, Retrieved
from assistant.question.understand import understand
from assistant.retrieval.hybrid import HybridRetriever


def to_document(hit: Retrieved) -> Document:
    return Document(
        page_content=hit.clause.text,
        metadata={
            "clause": hit.clause.model_dump(mode="json"),
            "doc": hit.doc.model_dump(mode="json"),
            "score": hit.score,
            "dense_rank": hit.dense_rank,
            "sparse_rank": hit.sparse_rank,
            "expired": hit.expired,
            "applies": hit.applies,
            # flat copies for LangChain users who only read simple fields
            "doc_id": hit.clause.doc_id,
            "clause_id": hit.clause.clause_id,
            "label": hit.clause.label,
        },
    )


def from_document(document: Document) -> Retrieved:
    meta = document.metadata
    return Retrieved(
        clause=Clause.model_validate(meta["clause"]),
        doc=DocumentMeta.model_validate(meta["doc"]),
        score=float(meta["score"]),
        dense_rank=meta.get("dense_rank"),
        sparse_rank=meta.get("sparse_rank"),
        expired=bool(meta.get("expired", False)),
        applies=meta.get("applies"),
    )


class PolicyRetriever(BaseRetriever):
    """A LangChain retriever over the policy clauses (hybrid, jurisdiction-aware)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: HybridRetriever
    k: int = 10
    region: Jurisdiction | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        documents = list(self.retriever.index.documents.values())
        info = understand(query, documents, profile_region=self.region)
        return [to_document(hit) for hit in self.retriever.retrieve(info, self.k)]
