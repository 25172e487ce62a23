"""`python -m assistant.bench [--sizes 1,100,1000] [--json] [--out docs/bench]`: the synthetic
sizes and the real laws (`--corpus`) in one run; `--no-synthetic` or `--no-real` leave a part out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.bench.models import BenchResult
from assistant.bench.real import DEFAULT_CORPUS, RealOptions, resolve
from assistant.bench.real_report import plot_real, real_markdown
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
    parser.add_argument("--no-synthetic", action="store_true", help="leave out the synthetic sizes")
    real = parser.add_argument_group("real text (the LawRefBook laws, unpacked into a temporary folder)")
    real.add_argument("--no-real", action="store_true", help="leave out the real text")
    real.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="lawrefbook.tar.gz or its folder")
    real.add_argument("--labour", type=Path, help="the in-domain list (default: labour.txt beside --corpus)")
    real.add_argument("--no-whole", action="store_true", help="leave out the whole corpus")
    real.add_argument("--no-in-domain", action="store_true", help="leave out the in-domain part")
    real.add_argument(
        "--distractor-splits", type=_splits, default=["dev"],
        help="eval splits answered with and without the laws as distractors, e.g. dev,test ('' for none)",
    )  # fmt: skip
    real.add_argument("--no-whole-distractors", action="store_true", help="distractors: in-domain part only")
    real.add_argument("--no-rebuild", action="store_true", help="build each library once, no cached rebuild")
    real.add_argument("--whole-milvus", action="store_true", help="also the whole corpus in Milvus Lite")
    real.add_argument("--in-domain-embedding", default="bundled-e5", help="encoder of the in-domain part")
    real.add_argument("--whole-embedding", default="corpus-static", help="encoder of the whole corpus")
    real.add_argument("--checkpoint", type=Path, help="write the real-text result here after every step")
    real.add_argument("--embedding-cache", type=Path, help="the vector cache of the e5 builds")
    return parser


def _splits(text: str) -> list[str]:
    splits = [part.strip() for part in text.split(",") if part.strip()]
    if any(split not in ("dev", "test") for split in splits):
        raise argparse.ArgumentTypeError("splits are dev and test, e.g. dev,test")
    return splits


def _real_options(args: argparse.Namespace) -> RealOptions | None:
    if args.no_real:
        return None
    if not resolve(args.corpus).exists():  # a checkout without the corpora beside it: synthetic only
        print(f"no real text: {args.corpus} is not there (--corpus, or --no-real)", file=sys.stderr)
        return None
    return RealOptions(
        corpus=args.corpus,
        labour=args.labour,
        whole=not args.no_whole,
        in_domain=not args.no_in_domain,
        milvus=not args.no_milvus,
        baseline=not args.no_baseline,
        distractor_splits=args.distractor_splits,
        whole_distractors=not args.no_whole_distractors,
        whole_milvus=args.whole_milvus,
        rebuild=not args.no_rebuild,
        in_domain_embedding=args.in_domain_embedding,
        whole_embedding=args.whole_embedding,
        checkpoint=args.checkpoint,
        cache_path=args.embedding_cache,
        qa=args.qa or RealOptions.qa,
    )


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
        synthetic=not args.no_synthetic,
        real=_real_options(args),
    )
    if args.sources:
        options.sources = args.sources
    if args.qa:
        options.qa = args.qa
    result = run(options)
    if not args.no_write:
        args.out.mkdir(parents=True, exist_ok=True)
        # Saved first: a report that fails to render can be rendered again with --render.
        name = (
            "real.json" if result.real is not None else "results.json"
        )  # results.json: the full synthetic run
        (args.out / name).write_text(result.model_dump_json(indent=1), encoding="utf-8")
        _write(result, args.out)
    if args.json:
        print(result.model_dump_json())
    else:
        print(markdown(result))
    real_errors = result.real is not None and any(b.errors for b in result.real.builds)
    return 0 if not any(s.errors for s in result.sizes) and not real_errors else 1


def _write(result: BenchResult, out: Path) -> None:
    """results.md and growth.png for the synthetic sizes, real.md and real.png for the real text."""
    out.mkdir(parents=True, exist_ok=True)
    if result.sizes:
        (out / "results.md").write_text(markdown(result), encoding="utf-8")
        plot(result, out / "growth.png")
    if result.real is not None:
        reference = _reference(out, result)
        (out / "real.md").write_text(real_markdown(result, reference), encoding="utf-8")
        plot_real(result, out / "real.png", reference)


def _reference(out: Path, result: BenchResult) -> BenchResult | None:
    """The last full synthetic run (results.json) when it is another run with a larger size:
    the whole corpus is compared with its largest synthetic corpus."""
    path = out / "results.json"
    if not path.is_file():
        return None
    reference = BenchResult.model_validate_json(path.read_text("utf-8"))
    largest = max((s.scale for s in result.sizes), default=0)
    if reference.started == result.started or max((s.scale for s in reference.sizes), default=0) <= largest:
        return None
    return reference


if __name__ == "__main__":
    sys.exit(main())
