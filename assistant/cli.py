"""Command line: corpus, ingest, ask, batch. `python -m assistant --help` lists them."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.ingest.corpus import FileReport, ingest_files, load_corpus
from assistant.models import Corpus, Document
from assistant.privacy import mask_logs
from assistant.settings import Settings, load_settings


def corpus_json(corpus: Corpus) -> dict[str, object]:
    return {
        "documents": [_document_json(doc) for doc in corpus.documents],
        "errors": [e.model_dump() for e in corpus.errors],
    }


def _document_json(doc: Document) -> dict[str, object]:
    meta = doc.meta
    return {
        "doc_id": meta.doc_id,
        "title": meta.title,
        "doc_number": meta.doc_number,
        "issuer": meta.issuer,
        "date": meta.date.isoformat() if meta.date else None,
        "jurisdiction": meta.jurisdiction.label if meta.jurisdiction else None,
        "valid_from": meta.valid_from.isoformat() if meta.valid_from else None,
        "valid_to": meta.valid_to.isoformat() if meta.valid_to else None,
        "source_file": meta.source_file,
        "field_sources": meta.field_sources,
        "fixes": doc.fixes,
        "warnings": doc.warnings,
        "chunks": [
            {"clause_id": c.clause_id, "label": c.label, "path": c.path, "text": c.text} for c in doc.clauses
        ],
    }


def corpus_outline(corpus: Corpus, settings: Settings) -> str:
    today = settings.as_of()
    out: list[str] = []
    for doc in corpus.documents:
        meta = doc.meta
        status = "已过期" if meta.expired(today) else "有效"
        out.append(f"{meta.short_title}  [{meta.doc_id}]")
        out.append(f"  文号 {meta.doc_number or '（未载明）'} · 发文 {meta.issuer or '（未载明）'}"
                   f" · 日期 {meta.date or '（未载明）'}")  # fmt: skip
        jurisdiction = meta.jurisdiction.label if meta.jurisdiction else "（未知）"
        out.append(f"  地区 {jurisdiction} · 期限 {meta.period_label}（{status}）")
        if doc.fixes:
            out.append("  清洗 " + ", ".join(f"{k} {v}" for k, v in sorted(doc.fixes.items())))
        out.extend(f"  ! {w}" for w in doc.warnings)
        for clause in doc.clauses:
            depth = max(0, len(clause.path) - 1)
            out.append(f"    {'  ' * depth}{clause.label.removeprefix(meta.short_title)}"
                       f"  ({len(clause.text)}字)")  # fmt: skip
        out.append("")
    for error in corpus.errors:
        out.append(f"✗ {error.file}: {error.message}")
    return "\n".join(out)


def _print_reports(reports: Sequence[FileReport]) -> None:
    for report in reports:
        if report.ok:
            print(f"✓ {report.file} → {report.doc_id}: {report.title}（{report.clauses} 条）")
            for warning in report.warnings:
                print(f"    ! {warning}")
        else:
            print(f"✗ {report.file}: {report.error}")


def cmd_corpus(args: argparse.Namespace, settings: Settings) -> int:
    corpus, _ = load_corpus(settings.sources_dir)
    if args.json:
        print(json.dumps(corpus_json(corpus), ensure_ascii=False, indent=1))
    else:
        print(corpus_outline(corpus, settings))
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    reports = ingest_files([Path(p) for p in args.files], settings.sources_dir)
    if args.json:
        print(json.dumps([r.model_dump() for r in reports], ensure_ascii=False, indent=1))
    else:
        _print_reports(reports)
    return 0 if all(r.ok for r in reports) else 1


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.models import Question, WorkerProfile
    from assistant.service import PolicyAssistant

    profile = None
    if args.region or args.group or args.level:
        profile = WorkerProfile(region=args.region, groups=args.group or [], skill_level=args.level)
    answer = PolicyAssistant(settings).ask(Question(text=args.question, profile=profile))
    if args.json:
        print(json.dumps(answer.contract("ask"), ensure_ascii=False, indent=1))
        return 0
    print(answer.answer)
    if answer.citations:
        print("\n出处：")
        for c in answer.citations:
            number = f"（{c.doc_number}）" if c.doc_number else ""
            status = "［已过期］" if c.expired else ""
            print(f"[{c.n}] {c.label}{number}{status}")
    for warning in answer.warnings:
        print(f"! {warning}", file=sys.stderr)
    return 0


def cmd_batch(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.batch import run_batch
    from assistant.service import PolicyAssistant

    in_path, out_path = Path(args.input), Path(args.output)
    if not in_path.is_file():
        print(f"✗ input file not found: {in_path}", file=sys.stderr)
        return 2
    count = run_batch(in_path, out_path, PolicyAssistant(settings))
    print(f"✓ {count} answers written to {out_path}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    corpus = sub.add_parser("corpus", help="show the documents, their metadata and clauses")
    corpus.add_argument("--json", action="store_true")
    ingest = sub.add_parser("ingest", help="add documents (.txt .html .docx .pdf) to the corpus")
    ingest.add_argument("files", nargs="+")
    ingest.add_argument("--json", action="store_true")
    ask = sub.add_parser("ask", help="answer one question, with citations")
    ask.add_argument("question")
    ask.add_argument("--region", help="where the asker lives or works, e.g. 无锡")
    ask.add_argument("--group", action="append", help="worker group, e.g. 退役军人 (repeatable)")
    ask.add_argument("--level", help="skill level, e.g. 高级工")
    ask.add_argument("--json", action="store_true")
    batch = sub.add_parser("batch", help="answer a JSONL file of questions (see README)")
    batch.add_argument("input")
    batch.add_argument("output")
    return parser


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "corpus": cmd_corpus,
    "ingest": cmd_ingest,
    "ask": cmd_ask,
    "batch": cmd_batch,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    mask_logs()  # a log line quoting a question or an error must not carry a phone or ID number
    settings = load_settings()
    return COMMANDS[args.command](args, settings)


if __name__ == "__main__":
    sys.exit(main())
