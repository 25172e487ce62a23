"""`python -m assistant.eval`: run the project and the baseline over a QA split, gate on it.

Exit status 0 when every threshold in eval/thresholds/<split>.toml holds, 1 otherwise
(including when the project cannot be run at all). `--split both` runs dev and test.

The test split's report holds the aggregate tables only, never its failing items: the
test split judges changes, and reading its failures while changing code would turn it
into a second dev split.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from assistant.eval.dataset import DEFAULT_REPORT_DIR, SPLITS, Split, load_qa, split_path, thresholds_path
from assistant.eval.gate import GateResult, run_gate
from assistant.eval.runner import BATCH_COMMAND, in_process_system, subprocess_system


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant.eval", description=__doc__)
    parser.add_argument(
        "--split", choices=[*SPLITS, "both"], default="dev", help="which QA split (default dev)"
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
    return parser


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
        result = run_gate(qa, thresholds, system=system, with_baseline=not args.no_baseline)
        results[split] = result
        if args.report:
            # Imported here: matplotlib is slow to load and only the report needs it.
            from assistant.eval.chart import write_chart
            from assistant.eval.report import write_markdown

            name = "latest" if split == "dev" else f"latest-{split}"
            items = load_qa(qa) if split == "dev" else None  # test failures are never listed
            write_markdown(result, items, args.report_dir / f"{name}.md", split=split)
            write_chart(
                result, args.report_dir / ("by_kind.png" if split == "dev" else f"by_kind-{split}.png")
            )
        if not args.json:
            from assistant.eval.report import format_text

            print(f"== {split} ({qa.name}) ==")
            print(format_text(result))
    if args.json:
        payload = {split: r.model_dump(mode="json") for split, r in results.items()}
        print(json.dumps(payload if len(payload) > 1 else next(iter(payload.values())), ensure_ascii=False))
    return 0 if all(r.passed for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
