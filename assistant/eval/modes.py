"""Retrieval alone, three ways: BM25 only, dense only, and the hybrid fusion.

`python -m assistant.eval.modes` scores recall@5 and MRR@10 of each mode on the gold QA
set, with the same follow-up resolution and query understanding the chain uses, so the
README's comparison (and the choice of the default) can be reproduced.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from assistant.eval.dataset import DEFAULT_QA, load_qa
from assistant.eval.matching import chunk_matches_quote
from assistant.eval.models import QAItem
from assistant.question.resolve_followup import resolve_followup
from assistant.question.understand import understand
from assistant.service import PolicyAssistant

MODES = ("sparse", "dense", "hybrid")


def first_hit(item: QAItem, texts: list[str]) -> int | None:
    for rank, text in enumerate(texts, start=1):
        if any(chunk_matches_quote(gold.quote, text) for gold in item.gold):
            return rank
    return None


def score_modes(assistant: PolicyAssistant, items: list[QAItem]) -> dict[str, dict[str, dict[str, float]]]:
    """{mode: {"overall" | kind: {"recall_at_5": …, "mrr_at_10": …}}}."""
    engine = assistant.engine
    documents = list(engine.index.documents.values())
    scored = [i for i in items if i.answerable and i.gold]
    results: dict[str, dict[str, dict[str, float]]] = {}
    for mode in MODES:
        ranks: dict[str, list[int | None]] = defaultdict(list)
        for item in scored:
            resolved = resolve_followup(item.question, item.history, documents)
            query = understand(resolved.text, documents)
            query.doc_ids = resolved.doc_ids or query.doc_ids
            hits = engine.retriever.retrieve(query, 10, mode=mode)
            rank = first_hit(item, [h.clause.text for h in hits])
            ranks["overall"].append(rank)
            ranks[item.kind].append(rank)
        results[mode] = {group: _metrics(values) for group, values in ranks.items()}
    return results


def _metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {
        "recall_at_5": round(sum(1 for r in ranks if r is not None and r <= 5) / n, 3),
        "mrr_at_10": round(sum(1 / r for r in ranks if r is not None) / n, 3),
    }


def markdown(results: dict[str, dict[str, dict[str, float]]]) -> str:
    groups = ["overall", *sorted(k for k in results["hybrid"] if k != "overall")]
    lines = ["| | " + " | ".join(f"{m} R@5 / MRR@10" for m in MODES) + " |"]
    lines.append("|---|" + "---|" * len(MODES))
    for group in groups:
        cells = [
            f"{results[m][group]['recall_at_5']:.3f} / {results[m][group]['mrr_at_10']:.3f}" for m in MODES
        ]
        lines.append(f"| {group} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.eval.modes", description=__doc__)
    parser.add_argument("--qa", default=str(DEFAULT_QA))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = score_modes(PolicyAssistant(), load_qa(Path(args.qa)))
    print(json.dumps(results, ensure_ascii=False, indent=1) if args.json else markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
