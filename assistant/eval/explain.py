"""`python -m assistant.eval.explain "问题" [--history "…"]`: why an answer says what it says.

Prints the question's plan (mode, parts, answer types), then for each part the best
candidate sentences with their probability and the signals that weigh most, so a
maintainer can see which signal misleads. For development on the dev split and on
questions of one's own; it reads no eval file.
"""

from __future__ import annotations

import argparse
import sys

from assistant.answer.extractive import ExtractiveGenerator
from assistant.answer.features import FEATURES
from assistant.models import Question
from assistant.service import PolicyAssistant


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.eval.explain", description=__doc__)
    parser.add_argument("question")
    parser.add_argument("--history", action="append", default=[])
    parser.add_argument("--top", type=int, default=6)
    args = parser.parse_args(argv)
    assistant = PolicyAssistant()
    chain = assistant.engine.chain
    generator = chain.generator
    if not isinstance(generator, ExtractiveGenerator):
        print("explain needs the extractive generator")
        return 1
    question = Question(text=args.question, history=args.history)
    context = chain.prepare(question)
    if context is None or context.plan is None:
        print("empty question")
        return 1
    weights = generator.finder.model.vector()
    print(f"resolved: {context.resolved}")
    print(f"places: {[p.label for p in context.query.places]} asker: {context.query.asker_region}")
    print(f"mode: {context.plan.mode}")
    for i, (_, ranked) in enumerate(generator.evidence(context, context.plan)):
        part = context.plan.parts[i]
        print(f"\n-- part {i + 1}: {part.text} [{', '.join(part.kind.types)}]")
        for evidence in ranked[: args.top]:
            contributions = sorted(
                ((name, float(v * w)) for name, v, w in zip(FEATURES, evidence.row, weights, strict=True)),
                key=lambda item: -abs(item[1]),
            )[:5]
            shown = " ".join(f"{n}={c:+.2f}" for n, c in contributions)
            print(f"{evidence.probability:.3f} {evidence.clause_id} {evidence.text[:70]}")
            print(f"      {shown}")
    answer = assistant.ask(question)
    print(f"\nanswer ({'answerable' if answer.answerable else 'refused'}):\n{answer.answer}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
