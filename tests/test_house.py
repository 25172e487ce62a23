"""The house drawing: every import inside `assistant/` runs down the pipeline, never back up.

Each top-level unit of the package (a subpackage or a module beside them) sits on one floor,
in the order data flows in DESIGN.md: a question or a document is cleaned (text), placed
(jurisdiction), read (ingest, question), embedded, stored, retrieved, answered, served and
finally shown (CLI, batch, eval, bench). A unit may import units on its own floor or below;
an import up a floor, or a circle between units, fails this test. The same drawing is in the
README ("How it is built"); a new unit must be given a floor here before it can be imported.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"

FLOORS: list[tuple[str, ...]] = [
    ("models", "settings", "parallel", "privacy", "data"),  # types and configuration, no pipeline
    ("text",),  # Chinese text: normalise, segment, sentences, corpus tokens
    ("jurisdiction",),  # the division table, used by documents and questions alike
    ("ingest", "question"),  # a document read into clauses; a question understood
    ("embedding",),  # encoders: build, load, cache
    ("store",),  # the index's engines and persistence (FAISS, bm25s, Milvus), fusion in the store
    ("retrieval",),  # query-side: hybrid shaping, reranker, the LangChain retriever
    ("answer", "lookup", "present", "next_questions"),  # writing an answer, a clause lookup
    # the long-lived service a UI calls, who may change the library, how often one may ask
    ("service", "documents", "feedback", "feedback_db", "accounts", "ratelimit"),
    ("cli", "batch", "eval", "bench", "__main__"),  # ways in: command line, batch, evaluation
]

Edge = tuple[str, str, str]  # (importing unit, imported unit, "file:line" of the import)


def floor_of() -> dict[str, int]:
    return {unit: n for n, floor in enumerate(FLOORS) for unit in floor}


def _unit(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "assistant" and len(parts) > 1 else None


def _imported_modules(node: ast.AST, here: list[str]) -> list[str]:
    """Full names of the `assistant` modules one import statement names (relative ones resolved)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        base = ".".join([*here[: len(here) - node.level], *([base] if base else [])])
    if base == "assistant":  # `from assistant import present`: each name is a unit
        return [f"assistant.{alias.name}" for alias in node.names]
    return [base]


def package_edges(root: Path = PACKAGE) -> list[Edge]:
    """Every import between two different units of the package, lazy ones inside functions too."""
    edges: list[Edge] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).with_suffix("")
        here = list(rel.parts)  # a module's package is its parts without the last
        source = _unit(".".join(here)) if len(here) > 1 else None
        if source is None:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            for module in _imported_modules(node, here):
                target = _unit(module)
                if target is not None and target != source:
                    edges.append((source, target, f"{rel.as_posix()}.py:{node.lineno}"))
    return edges


def upward(edges: list[Edge], floors: dict[str, int]) -> list[str]:
    """Imports from a lower floor to a higher one, and units that have no floor."""
    problems = []
    for source, target, where in edges:
        missing = [u for u in (source, target) if u not in floors]
        if missing:
            problems.append(f"{where}: {', '.join(missing)} has no floor in the drawing")
        elif floors[target] > floors[source]:
            problems.append(
                f"{where}: {source} (floor {floors[source]}) imports {target} (floor {floors[target]})"
            )
    return problems


def cycles(edges: list[Edge]) -> list[list[str]]:
    """Circles between units (Tarjan's strongly connected components of more than one unit)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target, _ in edges:
        graph[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(unit: str) -> None:
        index[unit] = low[unit] = len(index)
        stack.append(unit)
        for nxt in sorted(graph[unit]):
            if nxt not in index:
                visit(nxt)
                low[unit] = min(low[unit], low[nxt])
            elif nxt in stack:
                low[unit] = min(low[unit], index[nxt])
        if low[unit] == index[unit]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == unit:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for unit in sorted(graph):
        if unit not in index:
            visit(unit)
    return found


def test_every_unit_of_the_package_has_a_floor():
    units = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    units = {u for u in units if not u.startswith(("_", ".")) or u == "__main__"} - {"__pycache__"}
    assert sorted(units - set(floor_of())) == []


def test_no_import_runs_back_up_a_floor():
    assert upward(package_edges(), floor_of()) == []


def test_no_circle_between_units():
    assert cycles(package_edges()) == []


def test_the_drawing_sees_an_upward_import_and_a_circle(tmp_path):
    """The checks above can fail: a store module importing retrieval, in a package made here."""
    root = tmp_path / "assistant"
    for name in ("store", "retrieval"):
        (root / name).mkdir(parents=True)
        (root / name / "__init__.py").write_text("")
    (root / "store" / "open.py").write_text("from assistant.retrieval.hybrid import HybridRetriever\n")
    (root / "retrieval" / "hybrid.py").write_text("from ..store import open\n")
    edges = package_edges(root)
    assert upward(edges, floor_of()) == [
        "assistant/store/open.py:1: store (floor 5) imports retrieval (floor 6)"
    ]
    assert cycles(edges) == [["retrieval", "store"]]


@pytest.mark.parametrize("unit", ["sklearn", "gradio"])
def test_answering_never_imports_the_fit_or_the_ui(unit):
    """scikit-learn is for fitting the evidence weights offline, gradio for the UI: neither is
    imported by anything a question goes through."""
    answering = ("answer", "retrieval", "store", "embedding", "question", "text", "service", "lookup")
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent)
        if rel.parts[1].removesuffix(".py") not in answering:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = _imported_modules(node, list(rel.with_suffix("").parts))
            assert not [n for n in names if n.split(".")[0] == unit], f"{rel}:{node.lineno} imports {unit}"


def test_a_cold_ask_loads_neither_the_fit_nor_the_ui():
    """The same, at run time: a whole `ask` in a fresh interpreter, answer printed."""
    code = (
        "import sys; from assistant.cli import main; main(['ask', '宁夏技术能手奖励多少？']);"
        "print('LOADED', sorted(m for m in ('sklearn', 'gradio', 'pymilvus', 'matplotlib')"
        " if m in sys.modules))"
    )

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=PACKAGE.parent,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )

    # On a fresh checkout the first ask builds the index, and building embeds documents through
    # sentence-transformers, which itself imports scikit-learn: the claim is about answering,
    # so the index is built first and the second, cold ask is the one examined.
    run()
    done = run()
    assert "技术能手" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "LOADED []"
