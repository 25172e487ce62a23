"""`python -m assistant.eval`: run the project and the baseline over a QA split, gate on it.

Exit status 0 when every threshold in eval/thresholds/<split>.toml holds, 1 otherwise
(including when the project cannot be run at all). `--split both` runs dev and test.
`--split real-dev` (or `real-test`) answers the questions on real laws from a library built
in a temporary folder out of `--corpus` (assistant/eval/realdocs.py).

The test split's report holds the aggregate tables only, never its failing items: the
test split judges changes, and reading its failures while changing code would turn it
into a second dev split.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.eval.dataset import (
    DEFAULT_REPORT_DIR,
    DEFAULT_SOURCES,
    REAL_SPLITS,
    SPLITS,
    Split,
    is_held_out,
    load_qa,
    split_path,
    thresholds_path,
)
from assistant.eval.gate import GateResult, run_gate
from assistant.eval.realdocs import LIBRARIES, RealRunInfo, real_library
from assistant.eval.runner import BATCH_COMMAND, System, in_process_system, subprocess_system

CORPUS_ENV = "ASSISTANT_EVAL_CORPUS"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant.eval", description=__doc__)
    parser.add_argument(
        "--split", choices=[*SPLITS, *REAL_SPLITS, "both"], default="dev", help="which QA split (default dev)"
    )
    parser.add_argument("--qa", type=Path, help="another QA jsonl file (overrides --split)")
    parser.add_argument("--thresholds", type=Path, help="another thresholds file")
    parser.add_argument("--json", action="store_true", help="print one JSON object, no table")
    parser.add_argument("--report", action="store_true", help="write latest.md and by_kind.png")
    parser.add_argument("--report-dir", type=Path, default=DEFAULT_REPORT_DIR)
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive baseline")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--in-process", action="store_true", help="call assistant.batch.answer_lines directly")
    how.add_argument(
        "--command",
        help="another program speaking the batch contract, run as `COMMAND IN.jsonl OUT.jsonl`"
        f" (default: {' '.join(BATCH_COMMAND[1:])} with this interpreter)",
    )
    real = parser.add_argument_group("real-dev / real-test (questions on real laws)")
    real.add_argument(
        "--corpus",
        type=Path,
        default=os.environ.get(CORPUS_ENV),
        help=f"lawrefbook.tar.gz or its unpacked folder (default: ${CORPUS_ENV})",
    )
    real.add_argument("--labour", type=Path, help="the in-domain list (default: labour.txt beside --corpus)")
    real.add_argument(
        "--library",
        choices=LIBRARIES,
        default="in-domain",
        help="the split's documents alone, or with every in-domain law as distractors (default)",
    )
    real.add_argument(
        "--embedding", help="embedding model for the library, e.g. corpus-static (default: settings)"
    )
    return parser


@contextmanager
def _prepared(
    split: Split, qa: Path, args: argparse.Namespace, system: System
) -> Iterator[tuple[System, Path, RealRunInfo | None]]:
    """The system to run and the sources the baseline reads: the project's own for dev and
    test, a library built for the occasion for the real splits."""
    if split not in REAL_SPLITS:
        yield system, DEFAULT_SOURCES, None
        return
    if args.corpus is None:
        raise SystemExit(f"--split {split} needs --corpus (or ${CORPUS_ENV})")
    with real_library(
        load_qa(qa), Path(args.corpus), args.labour, library=args.library, embedding=args.embedding
    ) as built:
        yield built.system, built.sources_dir, built.info


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.in_process:
        system = in_process_system()
    else:
        system = subprocess_system(shlex.split(args.command) if args.command else BATCH_COMMAND)
    splits: list[Split] = list(SPLITS) if args.split == "both" else [args.split]
    if args.qa:
        splits = splits[:1]
    results: dict[str, GateResult] = {}
    for split in splits:
        qa = args.qa or split_path(split)
        thresholds = args.thresholds or thresholds_path(split)
        with _prepared(split, qa, args, system) as (run, sources, info):
            result = run_gate(
                qa, thresholds, system=run, with_baseline=not args.no_baseline, sources_dir=sources
            )
        results[split] = result
        if args.report:
            # Imported here: matplotlib is slow to load and only the report needs it.
            from assistant.eval.chart import write_chart
            from assistant.eval.report import write_markdown

            name = "latest" if split == "dev" else f"latest-{split}"
            items = None if is_held_out(split) else load_qa(qa)  # test failures are never listed
            write_markdown(result, items, args.report_dir / f"{name}.md", split=split)
            write_chart(
                result, args.report_dir / ("by_kind.png" if split == "dev" else f"by_kind-{split}.png")
            )
        if not args.json:
            from assistant.eval.report import format_text

            print(f"== {split} ({qa.name}) ==")
            if info is not None:
                print(_cost(info))
            print(format_text(result))
    if args.json:
        payload = {split: r.model_dump(mode="json") for split, r in results.items()}
        print(json.dumps(payload if len(payload) > 1 else next(iter(payload.values())), ensure_ascii=False))
    return 0 if all(r.passed for r in results.values()) else 1


def _cost(info: RealRunInfo) -> str:
    return (
        f"library: {info.library}, {info.documents} files ({info.split_documents} named by the split), "
        f"{info.clauses} clauses; embedding {info.embedding}; "
        f"unpack {info.unpack_s:.1f} s, index build {info.build_s:.1f} s"
        + (f"\nnot indexed (ingest failed): {', '.join(info.not_indexed)}" if info.not_indexed else "")
    )


if __name__ == "__main__":
    sys.exit(main())
