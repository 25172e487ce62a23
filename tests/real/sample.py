"""Draw a reproducible random sample of the real-law corpus, to write expectations for.

`python -m tests.real.sample FOLDER --seed N --count K [--exclude expected_a.yaml]` prints
K paths relative to `lawrefbook/`, drawn with `random.Random(N)` from the sorted list of
every `.md` file, leaving out those already keyed in the given expectation files (so a
second sample never repeats the first).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml


def corpus_paths(root: Path) -> list[str]:
    """Every markdown file under the unpacked `lawrefbook/`, relative to it, sorted."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))


def draw(root: Path, seed: int, count: int, exclude: set[str]) -> list[str]:
    paths = [p for p in corpus_paths(root) if p not in exclude]
    return sorted(random.Random(seed).sample(paths, count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path, help="the unpacked lawrefbook/ folder")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--exclude", type=Path, action="append", default=[])
    args = parser.parse_args()
    exclude: set[str] = set()
    for path in args.exclude:
        exclude |= set(yaml.safe_load(path.read_text("utf-8")) or {})
    for path in draw(args.folder, args.seed, args.count, exclude):
        print(path)


if __name__ == "__main__":
    main()
