"""Both clause stores, filled the same way, for the contract suite.

`small_corpus` is a handful of clauses written for these tests (a national notice, a
province's, a city's, an old and a new regional one), embedded by a small deterministic
encoder: the contract is about what the stores do with the same vectors, not about the
model. `real_stores` holds the five sample documents embedded by the bundled e5, as the
app embeds them (the vectors come from the tests' shared cache).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.models import Clause, DocumentMeta, Jurisdiction
from assistant.store.embedded import EmbeddedStore
from assistant.store.milvus import MilvusStore
from assistant.store.sync import embed_clauses
from assistant.store.types import ClauseStore, StoredClause

DIMENSION = 64


class CharacterEncoder:
    """Character uni- and bigrams hashed into 64 dimensions, L2-normalised: deterministic and
    good enough that a question about 技师 is closest to the clause about 技师."""

    id = "test-character-encoder"
    dimension = DIMENSION

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self._one(t) for t in texts]) if texts else np.zeros((0, DIMENSION), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)

    def _one(self, text: str) -> np.ndarray:
        vector = np.zeros(DIMENSION, dtype=np.float32)
        grams = list(text) + [text[i : i + 2] for i in range(len(text) - 1)]
        for gram in grams:
            if gram.strip():
                vector[int(hashlib.md5(gram.encode()).hexdigest(), 16) % DIMENSION] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector


def _meta(
    doc_id: str, title: str, place: Jurisdiction, start: str | None, end: str | None, **more
) -> DocumentMeta:
    day = dt.date.fromisoformat
    return DocumentMeta(
        doc_id=doc_id,
        title=title,
        jurisdiction=place,
        source_file=f"{doc_id}.txt",
        valid_from=day(start) if start else None,
        valid_to=day(end) if end else None,
        **more,
    )


JIANGSU = Jurisdiction(province="江苏省")
WUXI = Jurisdiction(province="江苏省", city="无锡市")
NINGXIA = Jurisdiction(province="宁夏回族自治区")

DOCUMENTS = [
    _meta("national", "关于推行新型学徒制的通知", Jurisdiction.national(), "2024-01-01", "2026-12-31"),
    _meta("jiangsu-old", "江苏省技能提升行动方案", JIANGSU, "2021-01-01", "2023-12-31"),
    _meta("wuxi", "无锡市技能人才培养办法", WUXI, "2022-05-01", None),
    _meta(
        "ningxia-old",
        "宁夏职业技能培训补贴办法",
        NINGXIA,
        "2020-01-01",
        None,
        repealed_by="ningxia-new",
        repealed_on=dt.date(2025, 1, 1),
    ),
    _meta("ningxia-new", "宁夏职业技能培训补贴管理办法", NINGXIA, "2025-01-01", None),
]

CLAUSES = {
    "national": [
        "企业新招用的学徒，按每人每年5000元的标准给予培训补贴。",
        "学徒培训期满考核合格的，由培训机构颁发职业技能等级证书。",
    ],
    "jiangsu-old": [
        "取得高级工证书的，给予一次性技能提升补贴2000元。",
        "技师和高级技师参加研修，费用由同级财政承担。",
        "退役军人参加职业技能培训的，按规定享受培训补贴。",
    ],
    "wuxi": [
        "新引进的高技能人才，给予最高30万元安家补贴。",
        "技能大师工作室建成后，给予10万元资助；每年考核一次。",
        "企业职工参加岗位技能培训，补贴标准为每人800元。",
    ],
    "ningxia-old": [
        "农民工参加就业技能培训，每人补贴1500元。",
        "培训补贴资金从就业补助资金中列支。",
    ],
    "ningxia-new": [
        "农民工参加就业技能培训，每人补贴1800元；脱贫劳动力再提高10%。",
        "技能大师工作室给予一次性补助5万元。",
    ],
}


def clause(doc_id: str, order: int, text: str) -> Clause:
    return Clause(
        doc_id=doc_id,
        clause_id=f"{doc_id}:{order}",
        kind="clause",
        path=[f"{order}."],
        headings=[],
        label=f"第{order}条",
        text=text,
        original=text,
        order=order,
    )


def small_clauses() -> list[Clause]:
    return [clause(doc, i, text) for doc, texts in CLAUSES.items() for i, text in enumerate(texts, start=1)]


def fill(store: ClauseStore, encoder: CharacterEncoder) -> None:
    store.upsert(DOCUMENTS, embed_clauses(small_clauses(), encoder, None))


def empty_milvus(path: Path, encoder: CharacterEncoder, prefix: str = "contract") -> MilvusStore:
    from pymilvus import MilvusClient

    return MilvusStore(MilvusClient(str(path)), prefix, DIMENSION, encoder.embed_query, encoder.id)


@pytest.fixture(scope="module")
def encoder() -> CharacterEncoder:
    return CharacterEncoder()


@pytest.fixture(scope="module", params=["embedded", "milvus"])
def small_store(request, encoder, tmp_path_factory) -> Iterator[ClauseStore]:
    """Each store, filled through the Protocol's upsert with the small corpus."""
    if request.param == "embedded":
        store: ClauseStore = EmbeddedStore(None, embedder=encoder)
    else:
        store = empty_milvus(tmp_path_factory.mktemp("lite") / "milvus.db", encoder)
    fill(store, encoder)
    yield store
    if isinstance(store, MilvusStore):
        store.close()


@pytest.fixture(scope="module")
def both_small(encoder, tmp_path_factory) -> Iterator[tuple[ClauseStore, ClauseStore]]:
    embedded = EmbeddedStore(None, embedder=encoder)
    milvus = empty_milvus(tmp_path_factory.mktemp("lite") / "milvus.db", encoder)
    for store in (embedded, milvus):
        fill(store, encoder)
    yield embedded, milvus
    milvus.close()


def stored(clauses: list[Clause], encoder: CharacterEncoder) -> list[StoredClause]:
    return embed_clauses(clauses, encoder, None)
