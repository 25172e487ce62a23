"""`python -m assistant.bench [--sizes 1,100,1000] [--json] [--out docs/bench]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.bench.models import BenchResult
from assistant.bench.report import markdown, plot
from assistant.bench.run import Options, run


def _sizes(text: str) -> list[int]:
    sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes are positive integers, e.g. 1,100,1000")
    return sizes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant.bench", description=__doc__)
    parser.add_argument(
        "--sizes", type=_sizes, default=[1, 100, 1000], help="corpus sizes, × the real corpus"
    )
    parser.add_argument("--json", action="store_true", help="print every measurement as one JSON object")
    parser.add_argument(
        "--out", type=Path, default=Path("docs/bench"), help="where results.md and growth.png go"
    )
    parser.add_argument("--no-write", action="store_true", help="write neither results.md nor growth.png")
    parser.add_argument("--sources", type=Path, help="the real documents (default: index/sources)")
    parser.add_argument("--qa", type=Path, help="eval questions (default: eval/dev.jsonl)")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the questions per run")
    parser.add_argument("--repeats", type=int, default=3, help="runs per size (build, serve, baseline)")
    parser.add_argument("--repeat-budget", type=float, default=900.0, help="no new run at a size after this")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-milvus", action="store_true", help="leave out the Milvus Lite store")
    parser.add_argument("--no-hnsw", action="store_true")
    parser.add_argument("--hnsw-configs", default="16x40", help="extra HNSW builds to compare, MxefC,…")
    parser.add_argument("--no-cold", action="store_true")
    parser.add_argument("--no-app", action="store_true")
    parser.add_argument("--workdir", type=Path, help="keep the synthetic corpora and indexes here")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument(
        "--render", type=Path, help="only write results.md and growth.png from a results.json"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.render:
        result = BenchResult.model_validate_json(args.render.read_text("utf-8"))
        _write(result, args.out)
        return 0
    options = Options(
        sizes=args.sizes,
        rounds=args.rounds,
        repeats=args.repeats,
        repeat_budget_s=args.repeat_budget,
        baseline=not args.no_baseline,
        milvus=not args.no_milvus,
        hnsw=not args.no_hnsw,
        hnsw_configs=args.hnsw_configs,
        cold=not args.no_cold,
        app=not args.no_app,
        workdir=args.workdir,
        log=not args.quiet,
    )
    if args.sources:
        options.sources = args.sources
    if args.qa:
        options.qa = args.qa
    result = run(options)
    if not args.no_write:
        _write(result, args.out)
        (args.out / "results.json").write_text(result.model_dump_json(indent=1), encoding="utf-8")
    if args.json:
        print(result.model_dump_json())
    else:
        print(markdown(result))
    return 0 if not any(s.errors for s in result.sizes) else 1


def _write(result: BenchResult, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.md").write_text(markdown(result), encoding="utf-8")
    plot(result, out / "growth.png")


if __name__ == "__main__":
    sys.exit(main())
