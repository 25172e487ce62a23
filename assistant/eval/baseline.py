"""The naive LangChain RAG a user would try first, measured on the same set as the project.

Raw files, `RecursiveCharacterTextSplitter`, `BM25Retriever` with jieba as the tokenizer
(without it LangChain's BM25 splits on whitespace and a Chinese sentence is one token), no
history, no refusal. It writes the batch output contract so the same metrics apply.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

import jieba
from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.eval.dataset import DEFAULT_SOURCES, source_files
from assistant.eval.models import OutputChunk, OutputCitation, OutputLine, QAItem

with warnings.catch_warnings():
    # langchain-community warns on import that it is being sunset; the baseline uses it on
    # purpose, because it is what the tutorials still show.
    warnings.simplefilter("ignore", DeprecationWarning)
    from langchain_community.retrievers import BM25Retriever

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
TOP_K = 10
ANSWER_CHUNKS = 3
# Paragraphs, lines, then Chinese sentence and clause ends before falling back to characters.
SEPARATORS = ["\n\n", "\n", "。", "！", "？", "；", "，", " ", ""]


def _tokenize(text: str) -> list[str]:
    return jieba.lcut(text)


class NaiveBaseline:
    """Callable over QA items, returning one contract output line per item."""

    def __init__(self, sources_dir: Path = DEFAULT_SOURCES) -> None:
        jieba.setLogLevel(logging.WARNING)
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, separators=SEPARATORS
        )
        documents: list[Document] = []
        for doc_id, path in source_files(sources_dir).items():
            chunks = splitter.split_text(path.read_text(encoding="utf-8"))
            documents += [
                Document(page_content=chunk, metadata={"doc_id": doc_id, "clause_id": f"c{n:03d}"})
                for n, chunk in enumerate(chunks)
            ]
        self._retriever = BM25Retriever.from_documents(documents, k=TOP_K, preprocess_func=_tokenize)
        self._position = {id(doc): n for n, doc in enumerate(self._retriever.docs)}

    def answer(self, item: QAItem) -> OutputLine:
        """Answer one item; history is ignored, as a plain retriever would."""
        start = time.perf_counter()
        documents = self._retriever.invoke(item.question)
        scores = self._retriever.vectorizer.get_scores(_tokenize(item.question))
        retrieved = [
            OutputChunk(
                doc_id=doc.metadata["doc_id"],
                clause_id=doc.metadata["clause_id"],
                text=doc.page_content,
                score=float(scores[self._position[id(doc)]]),
            )
            for doc in documents
        ]
        top = retrieved[:ANSWER_CHUNKS]
        latency_ms = (time.perf_counter() - start) * 1000
        return OutputLine(
            id=item.id,
            answer="\n\n".join(chunk.text for chunk in top),
            answerable=True,
            citations=[
                OutputCitation(doc_id=chunk.doc_id, clause_id=chunk.clause_id, text=chunk.text)
                for chunk in top
            ],
            retrieved=retrieved,
            latency_ms=latency_ms,
        )

    def __call__(self, items: Sequence[QAItem]) -> list[OutputLine]:
        return [self.answer(item) for item in items]
