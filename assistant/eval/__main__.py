"""`python -m assistant.eval`: run the project and the baseline over the QA set, gate on it.

Exit status 0 when every threshold in eval/thresholds.toml holds, 1 otherwise (including
when the project cannot be run at all).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from assistant.eval.dataset import DEFAULT_QA, DEFAULT_REPORT_DIR, DEFAULT_THRESHOLDS, load_qa
from assistant.eval.gate import run_gate
from assistant.eval.runner import BATCH_COMMAND, in_process_system, subprocess_system


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant.eval", description=__doc__)
    parser.add_argument("--qa", type=Path, default=DEFAULT_QA, help="QA jsonl file")
    parser.add_argument("--thresholds", type=Path, default=DEFAULT_THRESHOLDS)
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
    result = run_gate(args.qa, args.thresholds, system=system, with_baseline=not args.no_baseline)
    if args.report:
        # Imported here: matplotlib is slow to load and only the report needs it.
        from assistant.eval.chart import write_chart
        from assistant.eval.report import write_markdown

        write_markdown(result, load_qa(args.qa), args.report_dir / "latest.md")
        write_chart(result, args.report_dir / "by_kind.png")
    if args.json:
        print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
    else:
        from assistant.eval.report import format_text

        print(format_text(result))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
