"""The benchmark on real text: the LawRefBook laws (issue 18) beside the synthetic sizes.

The tarball is unpacked into a temporary folder and flattened into libraries (the texts are
never written into the project): the whole corpus, indexed with the corpus-built encoder, and
its in-domain part (`labour.txt`), indexed with the bundled e5 through the vector cache.
Each library is built twice in fresh processes (the second build is the cached rebuild),
served from the embedded store and from Milvus Lite, and read by the naive baseline.
Then the eval splits are answered from the five notices alone and from the notices with the
laws beside them as distractors, and only the aggregates are kept.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import BaseModel

from assistant.bench.cold import bench_env
from assistant.bench.models import (
    BaselineRun,
    BuildRun,
    DistractorRun,
    RealBuild,
    RealResult,
    ServeRun,
    StoreBuildRun,
)
from assistant.settings import PROJECT_ROOT

# Project-relative, as the issue names it: the corpora sit beside the project, never in it.
DEFAULT_CORPUS = Path("../shared/corpora/lawrefbook.tar.gz")
LABOUR_LIST = "labour.txt"
CORPUS_ROOT = "lawrefbook"
WHOLE, IN_DOMAIN = "whole corpus", "in-domain"
FIVE_NOTICES = "five notices"
CORPUS_STATIC, BUNDLED_E5 = "corpus-static", "bundled-e5"


@dataclass
class RealOptions:
    corpus: Path = DEFAULT_CORPUS
    labour: Path | None = None  # default: labour.txt beside the corpus
    notices: Path = PROJECT_ROOT / "index" / "sources"
    qa: Path = PROJECT_ROOT / "eval" / "dev.jsonl"
    whole: bool = True
    in_domain: bool = True
    milvus: bool = True
    baseline: bool = True
    rebuild: bool = True
    distractor_splits: list[str] = field(default_factory=lambda: ["dev"])
    whole_distractors: bool = True
    whole_milvus: bool = False  # Milvus Lite over the whole corpus: off, its writes would take the run
    whole_embedding: str = CORPUS_STATIC
    in_domain_embedding: str = BUNDLED_E5
    cache_path: Path | None = None  # the vector cache shared by every e5 build; default: the project's
    e5_sample: int = 96  # clauses e5 embeds to measure its speed when the in-domain part is built without it
    checkpoint: Path | None = None  # the result so far is written here after every step
    rounds: int = 1
    loop_budget_s: float = 60.0
    timeout_s: float = 4 * 3600


Say = Callable[[str], None]


def resolve(path: Path) -> Path:
    return path if path.is_absolute() else (PROJECT_ROOT / path).resolve()


def flat_name(member: str, taken: set[str]) -> str:
    """A file's name in the flat library (the name gives its doc_id); a name two folders share
    gets its folder's name added, so no law hides another."""
    path = PurePosixPath(member)
    name = path.name
    if name in taken:
        name = f"{path.stem}_{path.parent.name}{path.suffix}"
    taken.add(name)
    return name


def unpack_libraries(corpus: Path, labour: Path, dest: Path) -> tuple[Path, Path, int, int]:
    """(whole library, in-domain library, files, in-domain files): every markdown file of the
    tarball (or unpacked folder) copied flat into `dest/whole`, the in-domain ones also into
    `dest/in-domain`."""
    wanted = {line.strip() for line in labour.read_text("utf-8").splitlines() if line.strip()}
    if corpus.is_dir():
        root = corpus / CORPUS_ROOT if (corpus / CORPUS_ROOT).is_dir() else corpus
    else:
        with tarfile.open(corpus) as tar:
            tar.extractall(dest / "unpacked", filter="data")
        root = dest / "unpacked" / CORPUS_ROOT
    whole, in_domain = dest / "whole", dest / IN_DOMAIN
    whole.mkdir(parents=True)
    in_domain.mkdir(parents=True)
    taken: set[str] = set()
    files = found = 0
    for path in sorted(root.rglob("*.md")):
        member = path.relative_to(root).as_posix()
        name = flat_name(member, taken)
        shutil.copyfile(path, whole / name)
        files += 1
        if member in wanted:
            shutil.copyfile(path, in_domain / name)
            found += 1
    return whole, in_domain, files, found


def with_notices(library: Path, notices: Path, dest: Path) -> Path:
    """The five notices (and their overrides.yaml) with a library's laws beside them."""
    shutil.copytree(notices, dest)
    for path in library.iterdir():
        shutil.copyfile(path, dest / path.name)
    return dest


def child_env(sources: Path, index_dir: Path, scratch: Path, embedding: str, cache: Path) -> dict[str, str]:
    env = bench_env(sources, index_dir, scratch)
    env["ASSISTANT_EMBEDDING__MODEL"] = embedding
    env["ASSISTANT_EMBEDDING__CACHE_PATH"] = str(cache)
    return env


def load() -> str:
    return " ".join(f"{v:.1f}" for v in os.getloadavg())


def _worker(command: str, env: dict[str, str], timeout_s: float, **args: object) -> dict:
    from assistant.bench.run import _worker as run_worker

    return run_worker(command, env, timeout_s, **args)


def measure_library(
    name: str, library: Path, embedding: str, root: Path, options: RealOptions, say: Say, milvus: bool = True
) -> RealBuild:
    """Build (twice), serve, Milvus Lite and the baseline over one library, each in its own process."""
    from assistant.bench.run import WorkerFailed

    index_dir = root / "index"
    env = child_env(library, index_dir, root, embedding, _cache(options))
    result = RealBuild(name=name, embedding=embedding)
    serve_args = {"sources": library, "scale": 1, "qa": resolve(options.qa), "rounds": options.rounds,
                  "budget": options.loop_budget_s}  # fmt: skip
    steps: list[tuple[str, str, type[BaseModel], dict]] = [
        ("build", "build", BuildRun, {"sources": library, "index": index_dir, "scale": 1}),
    ]
    if options.rebuild:
        steps.append(("rebuild", "build", BuildRun, {"sources": library, "index": index_dir, "scale": 1}))
    steps.append(("serve", "serve", ServeRun, {**serve_args, "index": index_dir}))
    if milvus:
        steps.append(("milvus_build", "build-milvus", StoreBuildRun,
                      {"sources": library, "index": index_dir, "scale": 1}))  # fmt: skip
        steps.append(("milvus_serve", "serve-milvus", ServeRun, {**serve_args, "index": index_dir}))
    if options.baseline:
        steps.append(("baseline", "baseline", BaselineRun, serve_args))
    for attribute, command, model, args in steps:
        result.load[attribute] = load()
        say(f"{name} ({embedding}) {attribute}, load {result.load[attribute]}")
        try:
            setattr(result, attribute, model.model_validate(_worker(command, env, options.timeout_s, **args)))
        except (WorkerFailed, subprocess.TimeoutExpired) as exc:
            result.errors.append(f"{attribute}: {exc}")
            say(f"{name} {attribute} failed: {exc}")
            if attribute == "build":
                break  # nothing to serve
    if result.build is not None:
        result.ingest = result.build.ingest
        embed_s = result.build.stages_s.get("embed clauses")
        if embed_s and result.build.vectors_embedded:
            result.vectors_per_s = round(result.build.vectors_embedded / embed_s, 1)
    return result


def _cache(options: RealOptions) -> Path:
    if options.cache_path is not None:
        return options.cache_path
    from assistant.settings import load_settings

    return load_settings().embedding_cache


def measure_distractors(
    split: str, library: str, sources: Path, embedding: str, root: Path, options: RealOptions
) -> DistractorRun:
    """One eval split answered in a fresh process from `sources`: the aggregates, nothing per item."""
    env = child_env(sources, root / "index", root, embedding, _cache(options))
    documents = sum(1 for p in sources.iterdir() if p.suffix in {".md", ".txt", ".docx", ".pdf", ".html"})
    run = DistractorRun(split=split, library=library, embedding=embedding, documents=documents, load=load())
    argv = [sys.executable, "-m", "assistant.eval", "--split", split, "--json", "--no-baseline"]
    argv.append("--in-process")  # one process: the library's index is built once, at the first question
    start = time.perf_counter()
    try:
        done = subprocess.run(argv, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True,
                              timeout=options.timeout_s)  # fmt: skip
        lines = done.stdout.strip().splitlines()
        if not lines:  # the gate's exit status is 1 when a threshold fails: a result all the same
            raise ValueError(" | ".join(done.stderr.strip().splitlines()[-2:]))
        overall = json.loads(lines[-1])["project"]["overall"]
        for key in ("recall_at_5", "key_fact_accuracy", "citation_recall", "refusal_accuracy"):
            setattr(run, key, overall.get(key))
    except (ValueError, KeyError, TypeError, subprocess.TimeoutExpired) as exc:
        run.error = str(exc)[:300]
    run.seconds = round(time.perf_counter() - start, 1)
    return run


def measure_real(options: RealOptions, workdir: Path, say: Say) -> RealResult:
    """Unpack the corpus, measure both libraries, then the distractor runs."""
    corpus = resolve(options.corpus)
    labour = resolve(options.labour) if options.labour else corpus.parent / LABOUR_LIST
    if options.labour is None and corpus.is_dir() and (corpus / LABOUR_LIST).is_file():
        labour = corpus / LABOUR_LIST  # an unpacked corpus may keep its list inside
    start = time.perf_counter()
    whole, in_domain, files, found = unpack_libraries(corpus, labour, workdir / "libraries")
    unpack_s = round(time.perf_counter() - start, 1)
    result = RealResult(corpus_files=files, in_domain_files=found, unpack_s=unpack_s)
    say(f"real text: {files} files, {found} in-domain, unpacked in {result.unpack_s} s")
    # In-domain first, with its distractor runs: they are the targets, and the whole
    # corpus (hours of e5, so the corpus-built encoder) is the longest part of the run.
    libraries = [
        (IN_DOMAIN, in_domain, options.in_domain_embedding, options.in_domain, True),
        (WHOLE, whole, options.whole_embedding, options.whole, options.whole_distractors),
    ]
    for name, library, embedding, wanted, distract in libraries:
        if not wanted:
            continue
        root = workdir / name.replace(" ", "-")
        root.mkdir()
        milvus = options.milvus and (name == IN_DOMAIN or options.whole_milvus)
        result.builds.append(measure_library(name, library, embedding, root, options, say, milvus=milvus))
        _checkpoint(options, result)
        if name == IN_DOMAIN and embedding != BUNDLED_E5 and options.e5_sample:
            result.e5_rate = _e5_rate(library, root, options, say)
            _checkpoint(options, result)
        if distract:
            _distract(name, library, embedding, workdir, options, result, say)
    return result


def _e5_rate(library: Path, root: Path, options: RealOptions, say: Say):  # -> EmbedRate | None
    from assistant.bench.models import EmbedRate
    from assistant.bench.run import WorkerFailed

    say(f"e5 speed on {options.e5_sample} in-domain clauses, load {load()}")
    env = child_env(library, root / "e5-index", root, BUNDLED_E5, _cache(options))
    try:
        data = _worker("embed-rate", env, options.timeout_s, sources=library, sample=options.e5_sample)
        return EmbedRate.model_validate(data)
    except (WorkerFailed, subprocess.TimeoutExpired) as exc:
        say(f"e5 speed failed: {exc}")
        return None


def _distract(
    name: str,
    library: Path,
    embedding: str,
    workdir: Path,
    options: RealOptions,
    result: RealResult,
    say: Say,
) -> None:
    """Each split from the notices alone and with `library` beside them; one index per library,
    built by the first split and reused by the next."""
    for split in options.distractor_splits:
        for label, sources in ((FIVE_NOTICES, None), (f"{FIVE_NOTICES} + {name}", library)):
            if any(r.split == split and r.library == label and r.embedding == embedding
                   for r in result.distractors):  # fmt: skip
                continue
            root = workdir / f"eval-{label}-{embedding}".replace(" ", "-").replace("+", "with")
            folder = resolve(options.notices)
            if not root.exists():
                root.mkdir()
                if sources is not None:
                    with_notices(sources, folder, root / "sources")
            if sources is not None:
                folder = root / "sources"
            say(f"{split} split from {label} ({embedding}), load {load()}")
            run = measure_distractors(split, label, folder, embedding, root, options)
            result.distractors.append(run)
            _checkpoint(options, result)
            say(f"  recall@5 {run.recall_at_5}, key facts {run.key_fact_accuracy}, {run.seconds} s")


def _checkpoint(options: RealOptions, result: RealResult) -> None:
    if options.checkpoint is not None:
        options.checkpoint.write_text(result.model_dump_json(indent=1), encoding="utf-8")


def distractor_pairs(runs: Sequence[DistractorRun]) -> list[tuple[DistractorRun, DistractorRun]]:
    """(notices alone, notices with laws) pairs of one split and one encoder."""
    alone = {(r.split, r.embedding): r for r in runs if r.library == FIVE_NOTICES}
    return [(alone[(r.split, r.embedding)], r) for r in runs
            if r.library != FIVE_NOTICES and (r.split, r.embedding) in alone]  # fmt: skip
