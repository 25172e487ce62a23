"""Ordinary people's labour-law questions: is the article a lawyer would cite in the top 5?

`python -m assistant.eval.labour --corpus lawrefbook.tar.gz` answers `eval/labour_dev.jsonl`
(everyday questions, each with the `source` law and the `article` a lawyer would cite) from
a library of the in-domain laws, and reports, for the project and for the naive baseline in
the same run:

- article@5: a top-5 retrieved chunk is from the item's law and holds its gold quote (a line
  of the cited article);
- law@5: a top-5 retrieved chunk is from the item's law;
- key facts: the share of must_include facts the answer states.

The baseline is what a user would build first over laws: jieba BM25 over one chunk per
article (第X条 starts a chunk), no synonyms, no metadata.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import jieba
from pydantic import BaseModel
from rank_bm25 import BM25Okapi

from assistant.eval.dataset import REPO_ROOT, load_qa, source_files
from assistant.eval.matching import chunk_matches_quote
from assistant.eval.metrics import evaluate
from assistant.eval.models import OutputChunk, OutputLine, QAItem
from assistant.eval.realdocs import LIBRARIES, doc_id_for, real_library

LABOUR_DEV = REPO_ROOT / "eval" / "labour_dev.jsonl"
DEPTH = 5
# A law's article starts a line: 第一条, 第一百零二条 … (the corpus writes them so).
ARTICLE_START = re.compile(r"^第[零〇一二三四五六七八九十百千]+条")


class LabourScore(BaseModel):
    """One system's run over the labour questions."""

    name: str
    n_items: int
    article_at_5: float
    law_at_5: float
    key_facts: float | None
    missed_articles: list[str]


def article_hit(item: QAItem, retrieved: Sequence[OutputChunk], depth: int = DEPTH) -> bool:
    """A top-`depth` chunk of the item's law holds one of its gold quotes."""
    doc = doc_id_for(item.source or "")
    quotes = [gold.quote for gold in item.gold]
    return any(
        chunk.doc_id == doc and any(chunk_matches_quote(quote, chunk.text) for quote in quotes)
        for chunk in retrieved[:depth]
    )


def law_hit(item: QAItem, retrieved: Sequence[OutputChunk], depth: int = DEPTH) -> bool:
    """A top-`depth` chunk is from the item's law."""
    doc = doc_id_for(item.source or "")
    return any(chunk.doc_id == doc for chunk in retrieved[:depth])


def score(name: str, items: Sequence[QAItem], outputs: Sequence[OutputLine]) -> LabourScore:
    by_id = {output.id: output for output in outputs}
    articles = [article_hit(item, by_id[item.id].retrieved) if item.id in by_id else False for item in items]
    laws = [law_hit(item, by_id[item.id].retrieved) if item.id in by_id else False for item in items]
    report = evaluate(name, items, outputs)
    n = len(items) or 1
    return LabourScore(
        name=name,
        n_items=len(items),
        article_at_5=round(sum(articles) / n, 3),
        law_at_5=round(sum(laws) / n, 3),
        key_facts=report.overall.key_fact_accuracy,
        missed_articles=[item.id for item, hit in zip(items, articles, strict=True) if not hit],
    )


def split_articles(text: str) -> list[str]:
    """One chunk per article; what precedes the first article (title, adoption lines) is one more."""
    chunks: list[list[str]] = [[]]
    for line in text.splitlines():
        if ARTICLE_START.match(line):
            chunks.append([])
        if line.strip():
            chunks[-1].append(line)
    return ["\n".join(lines) for lines in chunks if lines]


class ArticleBM25:
    """The naive baseline: jieba BM25 over one chunk per article of every library file."""

    def __init__(self, sources_dir: Path) -> None:
        jieba.setLogLevel(logging.WARNING)
        self._chunks: list[tuple[str, str]] = [
            # Ingest's doc_id (the slugged stem), so hits are compared on the same names.
            (doc_id_for(path.name), chunk)
            for path in source_files(sources_dir).values()
            for chunk in split_articles(path.read_text(encoding="utf-8"))
        ]
        self._bm25 = BM25Okapi([jieba.lcut(text) for _, text in self._chunks])

    def __call__(self, items: Sequence[QAItem]) -> list[OutputLine]:
        lines = []
        for item in items:
            scores = self._bm25.get_scores(jieba.lcut(item.question))
            top = sorted(range(len(scores)), key=lambda n: -scores[n])[:10]
            retrieved = [
                OutputChunk(
                    doc_id=self._chunks[n][0], clause_id=f"a{n}", text=self._chunks[n][1], score=scores[n]
                )
                for n in top
            ]
            answer = "\n\n".join(chunk.text for chunk in retrieved[:3])
            lines.append(
                OutputLine(id=item.id, answer=answer, answerable=True, retrieved=retrieved, latency_ms=0)
            )
        return lines


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant.eval.labour", description=__doc__)
    parser.add_argument("--qa", type=Path, default=LABOUR_DEV)
    parser.add_argument("--corpus", type=Path, default=os.environ.get("ASSISTANT_EVAL_CORPUS"))
    parser.add_argument(
        "--labour", type=Path, help="the in-domain list (default: labour.txt beside --corpus)"
    )
    parser.add_argument("--library", choices=LIBRARIES, default="in-domain")
    parser.add_argument("--embedding", help="embedding model for the library (default: settings)")
    parser.add_argument("--misses", action="store_true", help="list the project's missed items")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.corpus is None:
        raise SystemExit("--corpus (or $ASSISTANT_EVAL_CORPUS) names lawrefbook.tar.gz")
    items = load_qa(args.qa)
    with real_library(
        items, args.corpus, args.labour, library=args.library, embedding=args.embedding
    ) as built:
        info = built.info
        project_outputs = built.system(items)
        baseline_outputs = ArticleBM25(built.sources_dir)(items)
    print(
        f"library: {info.library}, {info.documents} files, {info.clauses} clauses; "
        f"embedding {info.embedding}; build {info.build_s:.1f} s"
    )
    print(f"{'system':<10} {'items':>5} {'article@5':>10} {'law@5':>7} {'key facts':>10}")
    results = [score("project", items, project_outputs), score("baseline", items, baseline_outputs)]
    for result in results:
        facts = "-" if result.key_facts is None else f"{result.key_facts:.3f}"
        rates = f"{result.article_at_5:>10.3f} {result.law_at_5:>7.3f}"
        print(f"{result.name:<10} {result.n_items:>5} {rates} {facts:>10}")
    if args.misses:
        by_id = {output.id: output for output in project_outputs}
        for item in items:
            if item.id in results[0].missed_articles:
                top = [f"{c.doc_id[:12]}:{c.text[:14]}" for c in by_id[item.id].retrieved[:3]]
                print(f"  {item.id} {item.article} {item.question[:30]} -> {' | '.join(top)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
