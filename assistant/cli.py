"""Command line: corpus, ingest, documents, users, ask, batch. `python -m assistant --help` lists them."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.ingest.corpus import FileReport, ingest_files, load_corpus
from assistant.models import Corpus, Document
from assistant.privacy import mask_logs
from assistant.settings import Settings, load_settings

if TYPE_CHECKING:
    from assistant.documents import DocumentStore


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
        if report.ok and report.unchanged:
            print(f"= {report.file} → {report.doc_id}: {report.note}")
        elif report.ok:
            note = f"；{report.note}" if report.note else ""
            print(f"✓ {report.file} → {report.doc_id}: {report.title}（{report.clauses} 条）{note}")
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
    reports = ingest_files([Path(p) for p in args.files], settings.sources_dir, settings.uploads)
    if args.json:
        print(json.dumps([r.model_dump() for r in reports], ensure_ascii=False, indent=1))
    else:
        _print_reports(reports)
    added = [r.doc_id for r in reports if r.ok and not r.unchanged and r.doc_id]
    if added and settings.store.milvus:
        _print_sync(_write_to_milvus(settings, added, []), quiet=args.json)
    return 0 if all(r.ok for r in reports) else 1


def _write_to_milvus(settings: Settings, write: list[str], delete: list[str]):  # -> SyncReport
    from assistant.store.open import write_to_milvus

    return write_to_milvus(settings, write, delete)


def _print_sync(report, quiet: bool = False) -> None:  # report: SyncReport
    if quiet:
        return
    print(
        f"✓ 已写入条款库（Milvus）：{len(report.documents_written)} 份文件、{report.clauses_written} 条条款，"
        f"删除 {len(report.documents_deleted)} 份文件、{report.clauses_deleted} 条条款；"
        f"新计算向量 {report.vectors_computed} 个，用时 {report.seconds} 秒"
    )


def cmd_store(args: argparse.Namespace, settings: Settings) -> int:
    """The Milvus clause store: what it holds, or make it hold exactly the sources folder."""
    if not settings.store.milvus:
        print("✗ 未配置 Milvus（ASSISTANT_STORE__URI 为空），使用的是内置索引", file=sys.stderr)
        return 2
    from assistant.store.open import mirror_to_milvus, open_milvus

    if args.action == "sync":
        _print_sync(mirror_to_milvus(settings))
        return 0
    store, _ = open_milvus(settings)
    try:
        catalog = store.catalog
        print(
            f"条款库 {settings.store.collection_prefix}：{len(catalog.documents)} 份文件，"
            f"{len(catalog.clauses)} 条条款（{'Milvus Lite' if store.lite else 'Milvus'}）"
        )
        for meta in catalog.documents.values():
            print(f"  {meta.doc_id}  {meta.short_title}")
    finally:
        store.close()
    return 0


def cmd_documents(args: argparse.Namespace, settings: Settings) -> int:
    """List, add, remove, replace a document, or correct its metadata (curator overrides)."""
    from assistant.documents import DocumentError, DocumentStore, rebuild_index

    store = DocumentStore(settings.sources_dir, settings.uploads)
    changed = False
    reports: list[FileReport] = []
    try:
        if args.action == "list":
            _print_entries(store, settings, args.json)
            return 0
        if args.action in ("add", "add-folder"):
            reports = store.add(_files_to_add(args))
            _print_reports(reports)
            changed = any(r.ok and not r.unchanged for r in reports)
            ok = all(r.ok for r in reports)
        elif args.action == "replace":
            report = store.replace(args.doc_id, Path(args.file))
            _print_reports([report])
            changed, ok = report.ok and not report.unchanged, report.ok
        else:
            if args.action == "remove":
                change = store.remove(args.doc_id)
            else:
                change = store.edit(args.doc_id, _assignments(args.set))
            print(f"✓ {change.message}")
            changed, ok = change.changed, True
    except DocumentError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    if changed and settings.store.milvus:
        # Milvus is the corpus every replica reads: a change is written there at once.
        target = getattr(args, "doc_id", None)
        added = (
            [r.doc_id for r in reports if r.ok and not r.unchanged and r.doc_id]
            if args.action in ("add", "add-folder")
            else []
        )
        removed = [target] if args.action == "remove" else []
        written = added or ([target] if target and args.action != "remove" else [])
        _print_sync(_write_to_milvus(settings, written, removed))
    elif changed and args.rebuild:
        done = rebuild_index(settings)
        print(f"✓ 索引已重建：{done.clauses} 条，新计算向量 {done.embedded} 个（其余取自缓存）")
        print(f"  用时 {done.seconds} 秒")
    elif changed:
        print("  索引将在下次提问或启动时重建（加 --rebuild 可立即重建）")
    return 0 if ok else 1


def _assignments(pairs: list[str] | None) -> dict[str, str | None]:
    from assistant.documents import DocumentError

    fields: dict[str, str | None] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep:
            raise DocumentError(f"请写成 字段=值（值留空即恢复为正文中的值）：{pair}")
        fields[name.strip()] = value.strip() or None
    if not fields:
        raise DocumentError("请用 --set 字段=值 指定要修改的元数据")
    return fields


def _print_entries(store: DocumentStore, settings: Settings, as_json: bool) -> None:
    from assistant.documents import EDITABLE

    entries = store.entries(settings.as_of())
    if as_json:
        print(json.dumps([e.model_dump(mode="json") for e in entries], ensure_ascii=False, indent=1))
        return
    for e in entries:
        print(f"{e.doc_id}  《{e.title}》  [{e.status}]")
        unknown = "（未载明）"
        print(f"    文号 {e.doc_number or unknown} · 发文 {e.issuer or unknown} · 日期 {e.date or unknown}")
        print(f"    地区 {e.jurisdiction or '（未知）'} · 期限 {e.period} · {e.clauses} 条 · 文件 {e.file}")
        if e.repealed_by:
            print(f"    已被 {e.repealed_by} 废止")
        if e.overridden:
            print(f"    馆员修订：{'、'.join(EDITABLE.get(name, name) for name in e.overridden)}")


def cmd_users(args: argparse.Namespace, settings: Settings) -> int:
    """Curator and hotline accounts: add (or reset a password), list, remove."""
    from assistant.accounts import ROLE_NAMES, AccountError, AccountStore, Role

    store = AccountStore(settings.users_file)
    try:
        if args.action == "list":
            for account in store.accounts():
                role = f"{ROLE_NAMES[account.role]}（{account.role}）"
                print(f"{account.name}  {role}  创建于 {account.created:%Y-%m-%d}")
            return 0
        if args.action == "remove":
            if not store.remove(args.name):
                print(f"✗ 没有这个账号：{args.name}", file=sys.stderr)
                return 1
            print(f"✓ 已删除账号 {args.name}（正在运行的服务立即生效）")
            return 0
        password = _read_password()
        account = store.add(args.name, Role(args.role), password)
    except AccountError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    print(f"✓ 账号 {account.name} 已保存，角色：{ROLE_NAMES[account.role]}")
    return 0


def _read_password() -> str:
    """Asked twice without echo on a terminal; one line from stdin for scripts."""
    from assistant.accounts import AccountError

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("密码：")
    if getpass.getpass("再输入一次：") != first:
        raise AccountError("两次输入的密码不一致。")
    return first


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
        print(f"✗ 找不到输入文件：{in_path}", file=sys.stderr)
        return 2
    count = run_batch(in_path, out_path, PolicyAssistant(settings))
    print(f"✓ {count} answers written to {out_path}", file=sys.stderr)
    return 0


def _files_to_add(args: argparse.Namespace) -> list[Path]:
    """The files named, or every supported file under a folder (only those a list names)."""
    if args.action == "add":
        return [Path(p) for p in args.files]
    from assistant.documents import DocumentError
    from assistant.ingest.survey import folder_files, read_list

    folder = Path(args.folder)
    if not folder.is_dir():
        raise DocumentError(f"找不到文件目录：{folder}")
    only = read_list(Path(args.list)) if args.list else None
    files = folder_files(folder, only)
    if not files:
        raise DocumentError(f"{folder} 中没有可加入的文件（.txt .md .html .docx .pdf）")
    return files


def cmd_survey(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.ingest.survey import read_list, survey_folder, survey_text

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"✗ 找不到文件目录：{folder}", file=sys.stderr)
        return 2
    only = read_list(Path(args.list)) if args.list else None
    report = survey_folder(folder, only, progress=not args.json)
    print(report.model_dump_json(indent=1) if args.json else survey_text(report))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    corpus = sub.add_parser("corpus", help="show the documents, their metadata and clauses")
    corpus.add_argument("--json", action="store_true")
    ingest = sub.add_parser("ingest", help="add documents (.txt .md .html .docx .pdf) to the corpus")
    ingest.add_argument("files", nargs="+")
    ingest.add_argument("--json", action="store_true")
    survey = sub.add_parser(
        "survey", help="读入整个文件目录（含子目录，不计算向量）：拒收原因、用时、内存、条款与句子"
    )
    survey.add_argument("folder")
    survey.add_argument("--list", help="只读入清单中的文件（每行一个相对路径，如 labour.txt）")
    survey.add_argument("--json", action="store_true")
    _documents_parser(sub)
    _users_parser(sub)
    ask = sub.add_parser("ask", help="answer one question, with citations")
    ask.add_argument("question")
    ask.add_argument("--region", help="where the asker lives or works, e.g. 无锡")
    ask.add_argument("--group", action="append", help="worker group, e.g. 退役军人 (repeatable)")
    ask.add_argument("--level", help="skill level, e.g. 高级工")
    ask.add_argument("--json", action="store_true")
    batch = sub.add_parser("batch", help="answer a JSONL file of questions (see README)")
    batch.add_argument("input")
    batch.add_argument("output")
    store = sub.add_parser("store", help="Milvus 条款库：查看（status）或与本机文件目录一致（sync）")
    store.add_argument("action", choices=["status", "sync"])
    return parser


def _documents_parser(sub: argparse._SubParsersAction) -> None:
    documents = sub.add_parser("documents", help="管理文件：列出、加入、删除、替换、修订元数据")
    actions = documents.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="列出文件及其元数据和状态")
    listing.add_argument("--json", action="store_true")
    add = actions.add_parser("add", help="加入文件（.txt .md .html .docx .pdf）")
    add.add_argument("files", nargs="+")
    folder = actions.add_parser(
        "add-folder", help="加入一个文件目录（含子目录）中的全部文件，如法律法规库；可只加入清单中的文件"
    )
    folder.add_argument("folder")
    folder.add_argument("--list", help="只加入清单中的文件（每行一个相对于该目录的路径，如 labour.txt）")
    remove = actions.add_parser("remove", help="删除一个文件")
    remove.add_argument("doc_id")
    replace = actions.add_parser("replace", help="用新版本替换一个文件，保留其编号和修订")
    replace.add_argument("doc_id")
    replace.add_argument("file")
    edit = actions.add_parser("edit", help="修订元数据（存为 overrides.yaml 中的馆员修订）")
    edit.add_argument("doc_id")
    edit.add_argument(
        "--set", action="append", metavar="字段=值", help="如 issuer=江苏省人民政府办公厅；值留空即撤销"
    )
    for parser in (add, folder, remove, replace, edit):
        parser.add_argument("--rebuild", action="store_true", help="立即重建索引（只计算变化条款的向量）")


def _users_parser(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="账号：馆员（可改文件库）与热线人员（可用条款查询）")
    actions = users.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="新建账号或重设密码（终端中输入密码；脚本可从标准输入传入）")
    add.add_argument("name")
    add.add_argument("--role", choices=["curator", "hotline"], default="curator")
    actions.add_parser("list", help="列出账号及角色")
    remove = actions.add_parser("remove", help="删除账号")
    remove.add_argument("name")


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "corpus": cmd_corpus,
    "survey": cmd_survey,
    "ingest": cmd_ingest,
    "documents": cmd_documents,
    "users": cmd_users,
    "ask": cmd_ask,
    "batch": cmd_batch,
    "store": cmd_store,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    mask_logs()  # a log line quoting a question or an error must not carry a phone or ID number
    settings = load_settings()
    return COMMANDS[args.command](args, settings)


if __name__ == "__main__":
    sys.exit(main())
