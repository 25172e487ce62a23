"""Where the feedback table lives: a SQLite file (one machine) or PostgreSQL (replicas).

The table is defined once, in SQLAlchemy Core, and SQLAlchemy renders it and every query
of assistant/feedback.py for either database. A small version table says which
migrations a database has had; opening a database brings it to the latest version under
a lock, so two replicas opening a new database at once do not both change it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import (
    URL,
    BigInteger,
    CheckConstraint,
    Column,
    Connection,
    Engine,
    Identity,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool
from sqlalchemy.schema import CreateColumn
from sqlalchemy.sql import Executable

metadata = MetaData()

# One row per rated answer. The column order is the order the table has always had, the
# last two having come with migration 2 (ALTER TABLE appends).
FEEDBACK = Table(
    "feedback",
    metadata,
    # INTEGER on SQLite: only an INTEGER PRIMARY KEY is the rowid that AUTOINCREMENT needs.
    Column("id", BigInteger().with_variant(Integer, "sqlite"), Identity(), primary_key=True),
    Column("created_at", Text, nullable=False),
    Column("rating", Text, CheckConstraint("rating IN ('up', 'down')"), nullable=False),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("answerable", Integer, nullable=False),
    Column("citations", Text, nullable=False),
    Column("comment", Text, nullable=False, server_default=""),
    Column("session_id", Text, nullable=False, server_default=""),
    Column("answer_id", Text, nullable=False, server_default=""),
    Column("updated_at", Text, nullable=False, server_default=""),
    # Rows written before answers had ids keep answer_id '' and stay separate rows.
    Index(
        "feedback_answer",
        "answer_id",
        unique=True,
        sqlite_where=text("answer_id != ''"),
        postgresql_where=text("answer_id != ''"),
    ),
    sqlite_autoincrement=True,  # ids are never reused, so an exported id names one rating
)
SCHEMA_VERSION = Table("feedback_schema", metadata, Column("version", Integer, nullable=False))


def _answer_ids(conn: Connection) -> None:
    """Version 2: one row per answer (answer_id, updated_at and the unique index on answer_id).

    Databases written before the version table may already have some of it, so each part
    is added only when missing.
    """
    have = {column["name"] for column in inspect(conn).get_columns("feedback")}
    for column in (FEEDBACK.c.answer_id, FEEDBACK.c.updated_at):
        if column.name not in have:
            spec = CreateColumn(column).compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE feedback ADD COLUMN {spec}"))
    for index in FEEDBACK.indexes:
        index.create(conn, checkfirst=True)


# Ordered (version, step) pairs; version 1 is the first release's table. Append, never edit.
MIGRATIONS: tuple[tuple[int, Callable[[Connection], None]], ...] = ((2, _answer_ids),)
LATEST = MIGRATIONS[-1][0]


def upgrade(conn: Connection) -> int:
    """Bring the database to LATEST inside the caller's transaction (which holds the lock);
    returns the version it was at (0: no feedback table yet)."""
    tables = set(inspect(conn).get_table_names())
    if SCHEMA_VERSION.name in tables:
        found = int(conn.execute(select(SCHEMA_VERSION.c.version)).scalar_one())
    elif FEEDBACK.name in tables:
        found = 1  # written before the version table: the first release, perhaps partly upgraded
    else:
        found = 0
    if found == 0:
        FEEDBACK.create(conn)
    if found < LATEST:
        for version, step in MIGRATIONS:
            if found and version > found:
                step(conn)
        SCHEMA_VERSION.create(conn, checkfirst=True)
        conn.execute(SCHEMA_VERSION.delete())
        conn.execute(SCHEMA_VERSION.insert().values(version=LATEST))
    return found


class FeedbackUnavailable(OSError):
    """The feedback database cannot be reached or refused the statement (an I/O failure for
    callers: the rating is not saved, and the user is asked to try again)."""


class Database(Protocol):
    """The feedback table in some database; a connection per call, so any thread may use it."""

    def rows(self, statement: Executable) -> list[dict[str, Any]]:
        """Run one statement; its rows as dicts (none for a write)."""
        ...

    def upsert(self, values: Mapping[str, object], update: Mapping[str, object]) -> None:
        """Insert a row, or when its answer_id is already rated, set `update` (column →
        value) and the new row's rating and comment on that row instead."""
        ...


class SQLAlchemyDatabase:
    """Either database through one SQLAlchemy engine. No pool: each call opens and closes
    its connection, as replicas and threads share nothing but the database itself."""

    label = "database"
    _insert: Callable[[Table], Any]

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None
        self._ready = False
        self._start = threading.Lock()

    def _make_engine(self) -> Engine:
        return create_engine(self.url, poolclass=NullPool)

    def _lock(self, conn: Connection) -> None:
        """Serialise schema changes between processes; the default is the transaction itself."""

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        try:
            with self._start:
                if self._engine is None:
                    self._engine = self._make_engine()
            if not self._ready:
                with self._engine.begin() as conn:
                    self._lock(conn)
                    upgrade(conn)
                self._ready = True
            with self._engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            cause = exc.orig if getattr(exc, "orig", None) is not None else exc
            message = f"{self.label}: {type(cause).__name__}: {cause}".splitlines()[0]
            raise FeedbackUnavailable(message) from exc

    def rows(self, statement: Executable) -> list[dict[str, Any]]:
        with self._begin() as conn:
            result = conn.execute(statement)
            return [dict(row) for row in result.mappings()] if result.returns_rows else []

    def upsert(self, values: Mapping[str, object], update: Mapping[str, object]) -> None:
        insert = self._insert(FEEDBACK).values(**values)
        statement = insert.on_conflict_do_update(
            index_elements=[FEEDBACK.c.answer_id],
            index_where=FEEDBACK.c.answer_id != "",
            set_={"rating": insert.excluded.rating, "comment": insert.excluded.comment, **update},
        )
        self.rows(statement)


class SQLiteDatabase(SQLAlchemyDatabase):
    label = "SQLite"
    _insert = staticmethod(sqlite.insert)

    def __init__(self, path: Path) -> None:
        # URL.create, not an f-string: a path may hold '?' or '#', which a URL would misread.
        super().__init__(URL.create("sqlite", database=str(path)).render_as_string())
        self.path = path

    def _make_engine(self) -> Engine:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(self.url, poolclass=NullPool, connect_args={"timeout": 10})

        # The write lock at the start of every transaction: two replicas opening a new file
        # at once would otherwise both see a column missing and both add it ("duplicate
        # column name"). pysqlite's own BEGIN handling is switched off to allow it.
        @event.listens_for(engine, "connect")
        def _autocommit(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _immediate(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine


class PostgresDatabase(SQLAlchemyDatabase):
    """PostgreSQL through psycopg 3. Schema changes take an advisory lock, so replicas
    starting together do not race on CREATE TABLE or ALTER TABLE."""

    label = "PostgreSQL"
    _insert = staticmethod(postgresql.insert)
    _LOCK = 1_479_146  # any fixed number: the advisory lock the schema step takes

    def __init__(self, url: str) -> None:
        # postgresql:// means psycopg2 to SQLAlchemy; the project ships psycopg 3.
        scheme, _, rest = url.partition("://")
        super().__init__(f"postgresql+psycopg://{rest}" if scheme in ("postgresql", "postgres") else url)

    def _make_engine(self) -> Engine:
        return create_engine(self.url, poolclass=NullPool, connect_args={"connect_timeout": 10})

    def _lock(self, conn: Connection) -> None:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": self._LOCK})


def open_database(url: str, default_path: Path) -> SQLAlchemyDatabase:
    """'' → SQLite at default_path; 'sqlite:///path' → that file; 'postgresql://…' → PostgreSQL."""
    url = url.strip()
    if not url:
        return SQLiteDatabase(default_path)
    if url.startswith("sqlite:///"):
        return SQLiteDatabase(Path(url.removeprefix("sqlite:///")))
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return PostgresDatabase(url)
    raise ValueError(f"反馈数据库地址无法识别：{url.split('@')[-1]}（应为 sqlite:///路径 或 postgresql://…）")
