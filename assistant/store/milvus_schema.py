"""The Milvus collections of the clause store, and how the project's types become rows.

Three collections share a prefix (`store.collection_prefix`, default "policy"):
- `<prefix>_documents`: one row per document, its DocumentMeta as JSON;
- `<prefix>_clauses`: one row per clause: its vector, its BM25 terms (a BM25 Function fills
  a sparse vector from them), the clause as JSON and the scalar fields filters run on;
- `<prefix>_sentences`: one row per clause sentence: its vector, its clause and the same
  scalar fields, so the dense search "a clause scores as its own vector or its best
  sentence" is filtered inside Milvus too, and evidence selection reads a clause's vectors.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pymilvus import DataType, Function, FunctionType, MilvusClient

from assistant.models import NATIONAL, Clause, DocumentMeta
from assistant.store.types import StoreFilter, date_key, document_period

MAX_TEXT_BYTES = 65_535  # Milvus's VARCHAR limit
_PLAIN = re.compile(r"[^\W_]+")
BM25_K1, BM25_B = 1.2, 0.75  # as the embedded store's bm25s index (store/sparse.py)
EMPTY_TERM = "∅"  # the BM25 placeholder of a clause with no search words (as sparse.py uses)


@dataclass(frozen=True)
class Names:
    documents: str
    clauses: str
    sentences: str

    @classmethod
    def of(cls, prefix: str) -> Names:
        return cls(f"{prefix}_documents", f"{prefix}_clauses", f"{prefix}_sentences")


def encode_term(token: str) -> str:
    """One search token as one word every Milvus analyzer used here keeps whole.

    The project's own jieba tokens (policy dictionary, stopwords, traditional folding) are
    what BM25 must count, so they are stored space-separated. Milvus Lite splits text on
    `\\w+` and lower-cases it; a server splits on whitespace. A token that either would cut
    or change ("3.5万元", "ABC") is written as "_" + its UTF-8 in hex, which both keep whole.
    """
    if _PLAIN.fullmatch(token) and token == token.lower():
        return token
    return "_" + token.encode("utf-8", "surrogatepass").hex()


def decode_term(word: str) -> str:
    if word.startswith("_"):
        return bytes.fromhex(word[1:]).decode("utf-8", "surrogatepass")
    return word


def terms_text(tokens: list[str]) -> str:
    return " ".join(encode_term(t) for t in (tokens or [EMPTY_TERM]))


def analyzer(lite: bool) -> dict[str, str]:
    # Lite knows only "standard" (\w+) and "jieba"; a server's "standard" cuts Chinese into
    # single characters, so it gets "whitespace". Both then see exactly the stored tokens.
    return {"tokenizer": "standard"} if lite else {"tokenizer": "whitespace"}


def _scalar_fields(schema, *, with_doc: bool = True) -> None:
    if with_doc:
        schema.add_field("doc_id", DataType.VARCHAR, max_length=256)
    schema.add_field("province", DataType.VARCHAR, max_length=64)
    schema.add_field("city", DataType.VARCHAR, max_length=64)
    schema.add_field("in_force_from", DataType.INT64)
    schema.add_field("in_force_to", DataType.INT64)


def create_collections(client: MilvusClient, names: Names, dimension: int, lite: bool) -> None:
    """Create whichever of the three collections is missing, with their indexes."""
    if not client.has_collection(names.documents):
        schema = client.create_schema(auto_id=False)
        schema.add_field("doc_id", DataType.VARCHAR, is_primary=True, max_length=256)
        schema.add_field("meta", DataType.JSON)
        # Milvus wants a vector field in every collection; documents are found by id only.
        schema.add_field("unused", DataType.FLOAT_VECTOR, dim=2)
        index = client.prepare_index_params()
        index.add_index("unused", index_type="FLAT", metric_type="L2")
        client.create_collection(
            names.documents, schema=schema, index_params=index, consistency_level="Strong"
        )
    if not client.has_collection(names.clauses):
        schema = client.create_schema(auto_id=False)
        schema.add_field("clause_id", DataType.VARCHAR, is_primary=True, max_length=512)
        _scalar_fields(schema)
        schema.add_field("row_key", DataType.VARCHAR, max_length=64)
        schema.add_field("clause", DataType.JSON)
        schema.add_field(
            "terms",
            DataType.VARCHAR,
            max_length=MAX_TEXT_BYTES,
            enable_analyzer=True,
            analyzer_params=analyzer(lite),
        )
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
        schema.add_function(
            Function(
                name="terms_bm25",
                function_type=FunctionType.BM25,
                input_field_names=["terms"],
                output_field_names=["sparse"],
            )
        )
        index = client.prepare_index_params()
        # Exact search, as FAISS's flat index: vectors are L2-normalised, so IP is cosine.
        index.add_index("vector", index_type="FLAT", metric_type="IP")
        # k1 and b as bm25s uses them in the embedded store. pymilvus 3 sends index
        # parameters one key each, which a server reads; Lite reads them only from one JSON
        # "params" key (and silently keeps its k1 = 1.5 otherwise).
        tuning = {"bm25_k1": BM25_K1, "bm25_b": BM25_B}
        index.add_index(
            "sparse",
            index_type="SPARSE_INVERTED_INDEX",
            metric_type="BM25",
            params={"params": tuning} if lite else tuning,
        )
        client.create_collection(names.clauses, schema=schema, index_params=index, consistency_level="Strong")
    if not client.has_collection(names.sentences):
        schema = client.create_schema(auto_id=False)
        schema.add_field("sentence_id", DataType.VARCHAR, is_primary=True, max_length=520)
        schema.add_field("clause_id", DataType.VARCHAR, max_length=512)
        schema.add_field("position", DataType.INT64)
        _scalar_fields(schema)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
        index = client.prepare_index_params()
        index.add_index("vector", index_type="FLAT", metric_type="IP")
        client.create_collection(
            names.sentences, schema=schema, index_params=index, consistency_level="Strong"
        )


def scalars(meta: DocumentMeta) -> dict[str, object]:
    """The fields filters run on, the same on a clause's row and on its sentences' rows."""
    start, end = document_period(meta)
    place = meta.jurisdiction
    return {
        "doc_id": meta.doc_id,
        "province": place.province if place else "",
        "city": (place.city or "") if place else "",
        "in_force_from": start,
        "in_force_to": end,
    }


def expression(where: StoreFilter | None) -> str:
    """The filter as a Milvus boolean expression (the same rule as StoreFilter.admits)."""
    if where is None or where.empty:
        return ""
    parts: list[str] = []
    if where.doc_ids:
        parts.append(f"doc_id in {_list(where.doc_ids)}")
    if where.places:
        alternatives = [f"province == {_quote(NATIONAL)}"]
        for place in where.places:
            same = f"province == {_quote(place.province)}"
            if place.city:
                same += f' and (city == "" or city == {_quote(place.city)})'
            alternatives.append(f"({same})")
        parts.append("(" + " or ".join(alternatives) + ")")
    if where.in_force_on is not None:
        day = date_key(where.in_force_on, 0)
        parts.append(f"in_force_from <= {day} and in_force_to >= {day}")
    return " and ".join(parts)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _list(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(_quote(v) for v in values) + "]"


def id_list(values: list[str]) -> str:
    return _list(values)


def clause_json(clause: Clause) -> dict[str, object]:
    data = clause.model_dump(mode="json")
    if len(json.dumps(data, ensure_ascii=False).encode("utf-8")) > MAX_TEXT_BYTES:
        raise ValueError(f"条款 {clause.clause_id} 超过 Milvus 单个 JSON 字段的 64 KB 上限，请拆分该条款")
    return data
