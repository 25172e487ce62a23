"""Questions on real laws: the `real-dev` and `real-test` splits over the LawRefBook corpus.

The corpus (a tarball of markdown laws unpacking to `lawrefbook/`, with `labour.txt`, the
list of its in-domain files, beside it) is never committed: every run unpacks the files it
needs into a temporary folder, copies them into a flat library, builds an index there and
answers the split in process. Each item names its file in `source` (relative to
`lawrefbook/`); the library holds those files, plus, with `library="in-domain"`, every
in-domain file as a distractor, so retrieval has to find the right law among its neighbours.
"""

from __future__ import annotations

import re
import shutil
import tarfile
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from assistant.eval.models import OutputLine, QAItem
from assistant.eval.runner import System, input_lines
from assistant.text.chinese import match_key

if TYPE_CHECKING:  # the pipeline loads only when a real split is run
    from assistant.service import PolicyAssistant

Library = Literal["sources", "in-domain"]
LIBRARIES: tuple[Library, ...] = ("sources", "in-domain")
CORPUS_ROOT = "lawrefbook"
LABOUR_LIST = "labour.txt"


class RealCorpusError(ValueError):
    """The corpus, its in-domain list or a split's `source` fields do not fit together."""


class RealRunInfo(BaseModel):
    """What the library cost: printed next to the metrics, since it decides what is affordable."""

    library: Library
    embedding: str
    documents: int = Field(description="files in the library")
    split_documents: int = Field(description="of which named by the split's `source` fields")
    clauses: int
    not_indexed: list[str] = Field(
        default_factory=list, description="library files ingest could not read (no doc_id in the index)"
    )
    unpack_s: float
    build_s: float = Field(description="index build, embedding included")


def doc_id_for(source: str) -> str:
    """The doc_id ingest gives a file (assistant/ingest/metadata.py): its stem, slugged.

    Written out here so a gold `doc` can be checked without building anything; the harness
    test compares it with what ingest really assigns, so the two cannot drift apart.
    """
    stem = PurePosixPath(source).stem
    slug = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]+", "-", stem).strip("-").lower()
    return slug or "document"


def read_labour(path: Path) -> list[str]:
    """The in-domain files, one path relative to `lawrefbook/` per line."""
    return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]


def split_sources(items: Iterable[QAItem]) -> list[str]:
    """The files a split's questions were written on, in first-seen order."""
    seen: dict[str, None] = {}
    for item in items:
        if not item.source:
            raise RealCorpusError(f"{item.id}: no `source` field; real splits name their file")
        seen.setdefault(item.source, None)
    return list(seen)


def check_items(items: Sequence[QAItem], texts: dict[str, str]) -> list[str]:
    """Every way the items disagree with the texts they were written from; empty when sound.

    `texts` maps a `source` path to the raw file. A quote must be an exact substring of its
    file, a gold `doc` the file's doc_id, and every must_include fact must be stated by the
    item's quotes (after the metrics' own normalisation), so a correct answer can contain it.
    """
    problems: list[str] = []
    for item in items:
        text = texts.get(item.source or "")
        if text is None:
            problems.append(f"{item.id}: source {item.source!r} is not in the corpus")
            continue
        for gold in item.gold:
            if gold.doc != doc_id_for(item.source or ""):
                problems.append(f"{item.id}: gold doc {gold.doc!r} is not {doc_id_for(item.source or '')!r}")
            if gold.quote not in text:
                problems.append(f"{item.id}: quote not in {item.source}: {gold.quote[:40]}")
        quoted = match_key("".join(gold.quote for gold in item.gold))
        problems += [
            f"{item.id}: must_include {fact!r} is not stated by its quotes"
            for fact in item.must_include
            if match_key(fact) not in quoted
        ]
        if item.kind == "multi_turn" and not item.history:
            problems.append(f"{item.id}: a multi_turn item needs its earlier turns in `history`")
    return problems


def unpack(corpus: Path, wanted: Iterable[str], dest: Path) -> Path:
    """The `lawrefbook/` folder holding at least `wanted`: the corpus itself when it is a
    folder, else those members extracted from the tarball into `dest`."""
    wanted = set(wanted)
    if corpus.is_dir():
        root = corpus / CORPUS_ROOT if (corpus / CORPUS_ROOT).is_dir() else corpus
    else:
        names = {f"{CORPUS_ROOT}/{path}" for path in wanted}
        with tarfile.open(corpus) as tar:
            members = [m for m in tar.getmembers() if m.isfile() and m.name in names]
            tar.extractall(dest, members=members, filter="data")
        root = dest / CORPUS_ROOT
    missing = sorted(path for path in wanted if not (root / path).is_file())
    if missing:
        raise RealCorpusError(f"{len(missing)} files are not in {corpus}: {', '.join(missing[:5])}")
    return root


def build_library(root: Path, files: Sequence[str], dest: Path) -> Path:
    """Copy `files` into one flat folder; the file name is what gives each its doc_id."""
    dest.mkdir(parents=True, exist_ok=True)
    placed: dict[str, str] = {}
    for path in files:
        name = PurePosixPath(path).name
        if name in placed and placed[name] != path:
            raise RealCorpusError(f"{path} and {placed[name]} would share the doc_id {doc_id_for(name)}")
        placed[name] = path
        shutil.copyfile(root / path, dest / name)
    return dest


@dataclass(frozen=True)
class RealLibrary:
    """A built library: the System answering from it, and where its files are."""

    sources_dir: Path
    system: System
    info: RealRunInfo
    assistant: PolicyAssistant  # the one behind `system` (the fit reads its evidence)


@contextmanager
def real_library(
    items: Sequence[QAItem],
    corpus: Path,
    labour: Path | None = None,
    *,
    library: Library = "in-domain",
    embedding: str | None = None,
) -> Iterator[RealLibrary]:
    """Unpack, check the items against their texts, build the index; removed on exit.

    Raises RealCorpusError when a quote or fact does not hold: a split that disagrees with
    its documents would measure the questions, not the assistant.
    """
    if not corpus.exists():
        raise RealCorpusError(f"no corpus at {corpus}: name lawrefbook.tar.gz or its unpacked folder")
    sources = split_sources(items)
    distractors: list[str] = []
    if library == "in-domain":
        labour = labour or corpus.parent / LABOUR_LIST
        if not labour.exists():
            raise RealCorpusError(f"no in-domain list at {labour}: put labour.txt beside the corpus")
        distractors = [path for path in read_labour(labour) if path not in sources]
    with tempfile.TemporaryDirectory(prefix="assistant-realdocs-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        root = unpack(corpus, [*sources, *distractors], work / "corpus")
        unpack_s = time.perf_counter() - start
        texts = {path: (root / path).read_bytes().decode("utf-8") for path in sources}
        problems = check_items(items, texts)
        if problems:
            raise RealCorpusError(f"{len(problems)} problems, first: " + "; ".join(problems[:5]))
        library_dir = build_library(root, [*sources, *distractors], work / "library")
        assistant, build_s = _built_assistant(library_dir, work / "index", embedding)
        indexed = set(assistant.engine.index.documents)
        info = RealRunInfo(
            library=library,
            embedding=assistant.settings.embedding.model,
            documents=len(sources) + len(distractors),
            split_documents=len(sources),
            clauses=len(assistant.engine.index.clauses),
            not_indexed=[path for path in [*sources, *distractors] if doc_id_for(path) not in indexed],
            unpack_s=round(unpack_s, 1),
            build_s=round(build_s, 1),
        )
        yield RealLibrary(sources_dir=library_dir, system=_system(assistant), info=info, assistant=assistant)


def _built_assistant(sources_dir: Path, index_dir: Path, embedding: str | None):  # -> (PolicyAssistant, s)
    # Imported here: the pipeline (and its model) loads only when a real split is run.
    from assistant.service import PolicyAssistant
    from assistant.settings import load_settings

    base = load_settings()
    # The index is temporary, the vector cache is not: a second run embeds nothing new.
    embedding_settings = {"model": embedding or base.embedding.model, "cache_path": str(base.embedding_cache)}
    settings = load_settings(
        paths={"sources_dir": str(sources_dir), "index_dir": str(index_dir)},
        embedding=embedding_settings,
    )
    assistant = PolicyAssistant(settings)
    start = time.perf_counter()
    assistant.engine  # noqa: B018 -- builds the index now, so its cost is measured apart
    return assistant, time.perf_counter() - start


def _system(assistant) -> System:  # assistant: PolicyAssistant
    from assistant.batch import answer_lines

    def run(items: Sequence[QAItem]) -> list[OutputLine]:
        return [OutputLine.model_validate(line) for line in answer_lines(input_lines(items), assistant)]

    return run
