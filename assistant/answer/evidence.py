"""Score every sentence of the retrieved clauses against each part of a question.

A candidate is one sentence of one retrieved clause (text/sentences.py decides what a
sentence is, and the index holds a vector for each). For each question part, every
candidate gets the feature vector of answer/features.py and a probability from the
fitted weights (answer/weights.py); selection (answer/select.py) then chooses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assistant.answer.features import (
    FEATURES,
    PartSignals,
    features,
    focus_terms,
    relative,
    weighted_terms,
)
from assistant.answer.weights import EvidenceWeights, load_weights
from assistant.models import DocumentMeta, QueryInfo, Retrieved
from assistant.question.decompose import Part
from assistant.text.sentences import ClauseSentence, clause_sentences

# The vectors of a clause's sentences (as clause_sentences lists them), or None if unknown.
SentenceVectors = Callable[[str], np.ndarray | None]
QueryEmbedder = Callable[[str], np.ndarray]
DEPTH = 8  # retrieved clauses whose sentences are read


@dataclass(frozen=True)
class Candidate:
    hit: Retrieved
    rank: int  # 1-based rank of the clause among the hits
    sentence: ClauseSentence
    vector: np.ndarray


@dataclass(frozen=True)
class Evidence:
    """A candidate scored for one part of the question."""

    candidate: Candidate
    part: int
    probability: float
    row: np.ndarray

    @property
    def hit(self) -> Retrieved:
        return self.candidate.hit

    @property
    def text(self) -> str:
        return self.candidate.sentence.text

    @property
    def clause_id(self) -> str:
        return self.candidate.hit.clause.clause_id

    @property
    def doc(self) -> DocumentMeta:
        return self.candidate.hit.doc

    def feature(self, name: str) -> float:
        return float(self.row[FEATURES.index(name)])


def beside(like: Evidence, sentence: str, hit: Retrieved) -> Evidence:
    """A sentence of the library retrieval left out, to be quoted beside `like` and scored as
    it is: a table's other lines ("（三）取得高级工证书的，每人补贴2000元。") are the answer
    together, however few of them were retrieved."""
    candidate = Candidate(hit, like.candidate.rank, ClauseSentence(sentence, sentence), like.candidate.vector)
    return Evidence(candidate, like.part, like.probability, like.row)


class EvidenceFinder:
    def __init__(
        self,
        idf: Callable[[str], float | None],
        sentence_vectors: SentenceVectors,
        embed: QueryEmbedder,
        weights: EvidenceWeights | None = None,
        depth: int = DEPTH,
    ) -> None:
        self.idf = idf
        self.sentence_vectors = sentence_vectors
        self.embed = _cached(embed)
        self.weights = weights
        self.depth = depth

    @property
    def model(self) -> EvidenceWeights:
        return self.weights or load_weights()

    def candidates(self, hits: list[Retrieved]) -> list[Candidate]:
        out = []
        for rank, hit in enumerate(hits[: self.depth], start=1):
            sentences = clause_sentences(hit.clause)
            vectors = self.sentence_vectors(hit.clause.clause_id)
            if vectors is None or len(vectors) != len(sentences):
                # The index was built with another sentence splitter: meaning is measured
                # on the fly for this clause (rare; a rebuild fixes it).
                vectors = self.embed_many([s.context for s in sentences])
            out += [Candidate(hit, rank, s, v) for s, v in zip(sentences, vectors, strict=True)]
        return out

    def embed_many(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.vstack([self.embed(t) for t in texts])

    def signals(self, part: Part, question: str, query: QueryInfo) -> PartSignals:
        own = weighted_terms(part.own, self.idf)
        every = weighted_terms(part.text, self.idf)
        for term, weight in own.items():
            every[term] = max(every.get(term, 0.0), weight)
        return PartSignals(
            kind=part.kind,
            own_terms=own,
            all_terms=every,
            focus_terms=focus_terms(part.text, self.idf, figure=part.kind.wants_figure),
            vector=self.embed(part.text),
            question_vector=self.embed(question),
            years=tuple(query.years),
            groups=tuple(query.groups),
        )

    def rank(self, signals: PartSignals, candidates: list[Candidate], part: int = 0) -> list[Evidence]:
        """The candidates scored for one part, most probable first."""
        if not candidates:
            return []
        top = max(c.hit.score for c in candidates) or 1.0
        rows = relative(
            np.vstack([features(signals, c.hit, c.rank, top, c.sentence, c.vector) for c in candidates])
        )
        articles = np.array([c.hit.clause.is_article for c in candidates])
        probabilities = self.model.probability(rows, articles)
        scored = [
            Evidence(c, part, float(p), row)
            for c, p, row in zip(candidates, probabilities, rows, strict=True)
        ]
        return sorted(scored, key=lambda e: -e.probability)


def _cached(embed: QueryEmbedder) -> QueryEmbedder:
    """The same text (the question, a part equal to it) is embedded once per process."""

    @lru_cache(maxsize=1024)
    def cached(text: str) -> np.ndarray:
        vector = np.asarray(embed(text), dtype=np.float32)
        vector.setflags(write=False)
        return vector

    return cached
