"""`python -m bot ask|chat|eval|summary|diff|docs|stats|serve`: the assistant from a terminal (the bot's
slash commands typed to ask or chat run as commands: bot/interfaces/cli_commands.py)."""

from __future__ import annotations

import argparse
import getpass
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from bot.app import Assistant, open_assistant
from bot.audit import AuditLog
from bot.core.answer import InvalidQuestionError
from bot.core.evaluate import Report, evaluate, format_report, format_summary, split_rows, within_base
from bot.core.prompts import Templates
from bot.core.types import Answer
from bot.interfaces.cli_commands import is_command, run_command
from bot.interfaces.render import to_json, to_terminal
from ingest.arguments import ChineseArgumentParser
from ingest.cli import quiet_broken_pipe
from ingest.errors import (
    ConfigError,
    EmbedderMismatchError,
    EmptyKnowledgeError,
    FazhiError,
    IndexMissingError,
    IngestBusyError,
)
from ingest.settings import Settings, load_settings

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


class TerminalAsker:
    """Asks and records each question in the audit log, with the OS account as the asker, so
    `stats` counts the terminal too. An audit log that cannot be written is said once, and the
    answers still come."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        settings = assistant.settings
        self.user = getpass.getuser()
        self.audit: AuditLog | None = None
        try:
            self.audit = AuditLog(settings.data_dir / "audit.sqlite3", settings.audit.retention_days)
        except (OSError, sqlite3.Error) as exc:
            print(f"注意：审计日志无法写入（{exc}），本次提问不会被记录。", file=sys.stderr)

    def ask(self, question: str) -> Answer:
        answer = self.assistant.services.answerer.ask(question)
        if self.audit is not None:
            try:
                self.audit.record_answer(answer, "cli", None, None, asker=self.user)
            except sqlite3.Error as exc:
                print(f"注意：审计日志写入失败（{exc}）。", file=sys.stderr)
                self.audit = None
        return answer


def _json_answer(asker: TerminalAsker, question: str) -> str:
    """A question's answer as JSON; a command typed where JSON is asked for is no question."""
    if is_command(question):
        raise InvalidQuestionError(asker.assistant.services.templates.message("command_in_json"))
    return to_json(asker.ask(question))


def _ask(assistant: Assistant, args: argparse.Namespace) -> int:
    asker = TerminalAsker(assistant)
    if args.question == "-":
        for line in sys.stdin:
            question = line.strip()
            if not question:
                continue
            try:
                print(_json_answer(asker, question), flush=True)
            except InvalidQuestionError as exc:
                print(json.dumps({"question": question, "error": str(exc)}, ensure_ascii=False), flush=True)
        return EXIT_OK
    if is_command(args.question) and not args.json:
        return run_command(assistant, args.question, build_parser(), _commands())
    try:
        output = _json_answer(asker, args.question) if args.json else to_terminal(asker.ask(args.question))
    except InvalidQuestionError as exc:
        if args.json:
            print(json.dumps({"question": args.question, "error": str(exc)}, ensure_ascii=False))
        else:
            print(exc)
        return EXIT_FAILED
    print(output)
    return EXIT_OK


def _chat(assistant: Assistant, _args: argparse.Namespace) -> int:
    asker = TerminalAsker(assistant)
    print("法治助手：请输入问题，输入“退出”或按 Ctrl-D 结束。")
    while True:
        try:
            question = input("\n问：").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return EXIT_OK
        if question in ("退出", "exit", "quit", "q"):
            return EXIT_OK
        if is_command(question):
            run_command(assistant, question, build_parser(), _commands())
            continue
        try:
            print(to_terminal(asker.ask(question)), flush=True)
        except InvalidQuestionError as exc:
            print(exc, flush=True)


def _eval(assistant: Assistant, args: argparse.Namespace) -> int:
    from ingest.splits import read_rows

    reports: dict[str, Report] = {}
    for path in args.files:
        rows = read_rows(path, "评测文件")
        if rows is None:
            return EXIT_ERROR
        if args.within_base:
            rows = within_base(rows, assistant.services.index.documents)
        rows = split_rows(rows, args.split)
        if rows:
            reports[path.name] = evaluate(assistant.services.answerer, rows)
    if not reports:
        print("评测文件中没有可评的题目" + ("（依据全部收录于知识库的）。" if args.within_base else "。"))
        return EXIT_ERROR
    pooled = Report([item for report in reports.values() for item in report.items])
    if args.json:
        files = {name: report.summary() for name, report in reports.items()} if len(reports) > 1 else {}
        print(json.dumps(pooled.as_dict() | ({"files": files} if files else {}), ensure_ascii=False, indent=1))
    else:
        if len(reports) > 1:
            for name, report in reports.items():
                print(f"{name}：" + format_summary(report.summary()))
            print(f"合计（{len(reports)} 个文件）：")
        print(format_report(pooled))
    return EXIT_OK


def _docs(assistant: Assistant, _args: argparse.Namespace) -> int:
    for doc in assistant.services.index.documents:
        status = "现行有效" if doc.status == "in_force" else "已被取代"
        print(f"{doc.label} {status} 施行 {doc.effective or '—'} {doc.source}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="python -m bot", description="法治助手：有出处的法律问答")
    parser.add_argument("--config", type=Path, help="config.toml 路径（默认：FAZHI_CONFIG 或 ./config.toml）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    ask = sub.add_parser("ask", help="回答一个问题（- 表示从标准输入逐行读取，输出 JSON 行）")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    sub.add_parser("chat", help="终端中连续问答")
    ev = sub.add_parser("eval", help="在评测集上打分（recall@k、MRR、要点、拒答、延迟）")
    ev.add_argument("files", type=Path, nargs="+", help="一个或多个评测文件（多个时另给合计）")
    ev.add_argument("--json", action="store_true")
    ev.add_argument(
        "--split",
        choices=["all", "dev", "held"],
        default="all",
        help="dev：用于调参的 70%%；held：按题号哈希固定留出的 30%%，只用于报告",
    )
    ev.add_argument(
        "--within-base",
        action="store_true",
        help="只评依据（每个标准答案条文的文件与版本）全部收录于知识库的题目，例如在本局知识库上评全国题集",
    )
    sub.add_parser("docs", help="列出知识库中的文件")
    from bot.interfaces import cli_extra

    cli_extra.add_commands(sub)
    return parser


def _commands() -> dict[str, Callable[[Assistant, argparse.Namespace], int]]:
    from bot.interfaces import cli_extra

    return {"ask": _ask, "chat": _chat, "eval": _eval, "docs": _docs, **cli_extra.COMMANDS}


def explain(exc: FazhiError, templates: Templates | None) -> str:
    """A Chinese message for an error that stops a command."""
    if templates is None:
        return f"错误：{exc}"
    if isinstance(exc, IndexMissingError):
        return templates.message("index_missing")
    if isinstance(exc, EmbedderMismatchError):
        return templates.message("index_mismatch", built_with=exc.built_with, configured=exc.configured)
    if isinstance(exc, ConfigError):
        return templates.message("config_error", detail=str(exc))
    if isinstance(exc, IngestBusyError):
        return templates.message("ingest_busy", holder=exc.holder)
    if isinstance(exc, EmptyKnowledgeError):
        return templates.message("knowledge_empty", detail=str(exc))
    return f"错误：{exc}"


def unwritable(exc: OSError, settings: Settings | None) -> str:
    where = exc.filename or (settings.data_dir if settings else "?")
    return f"无法写入 {where}：{exc.strerror or exc}。请检查 config.toml 的 index.data_dir 和目录权限。"


def main(argv: list[str] | None = None) -> int:
    return quiet_broken_pipe(_main, argv)


def _main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    templates: Templates | None = None
    settings: Settings | None = None
    try:
        templates = Templates.load()
        settings = load_settings(args.config)
        if args.command == "serve":
            from bot.interfaces.telegram_app import serve

            return serve(settings)
        assistant = open_assistant(settings, build_if_missing=args.command in ("ask", "chat", "docs"))
        return _commands()[args.command](assistant, args)
    except FazhiError as exc:
        print(explain(exc, templates), file=sys.stderr)
        return EXIT_ERROR
    except PermissionError as exc:
        print(unwritable(exc, settings), file=sys.stderr)
        return EXIT_ERROR
