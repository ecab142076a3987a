"""The summary, diff and serve commands of `python -m bot`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.answer import InvalidQuestionError

if TYPE_CHECKING:
    from bot.service import Assistant


def _summary(assistant: Assistant, args: argparse.Namespace) -> int:
    from bot.summary import make_summary, render_summary_text

    try:
        summary = make_summary(assistant.services, " ".join(args.target), bullets=args.bullets, progress=True)
    except InvalidQuestionError as exc:
        print(exc)
        return 1
    print(render_summary_text(summary))
    return 0


def _diff(assistant: Assistant, args: argparse.Namespace) -> int:
    from bot.diff import compare_versions, to_markdown, to_text

    try:
        comparison = compare_versions(assistant.services, args.name)
    except InvalidQuestionError as exc:
        print(exc)
        return 1
    print(to_text(comparison))
    if args.markdown:
        args.markdown.write_text(to_markdown(comparison), encoding="utf-8")
        print(f"\n对照表已写入 {args.markdown}")
    return 0


def _stats(assistant: Assistant, _args: argparse.Namespace) -> int:
    """The same numbers as Telegram's /stats, read from the audit log."""
    from bot.audit import AuditLog

    settings = assistant.settings
    audit = AuditLog(settings.data_dir / "audit.sqlite3", settings.audit.retention_days)
    index = assistant.services.index
    print(
        assistant.templates.message(
            "stats",
            **audit.stats(),
            documents=len(index.manifest.documents),
            chunks=len(index.chunks),
            last_run=index.manifest.last_run.get("finished", "—"),
        )
    )
    audit.close()
    return 0


COMMANDS: dict[str, Callable[[Assistant, argparse.Namespace], int]] = {
    "summary": _summary,
    "diff": _diff,
    "stats": _stats,
}


def add_commands(sub: argparse._SubParsersAction) -> None:
    summary = sub.add_parser("summary", help="摘要：文件（复议法）、章节（复议法 第四章）或主题（复议受理流程）")
    summary.add_argument("target", nargs="+")
    summary.add_argument("--bullets", type=int, choices=range(3, 9), help="要点条数（3–8）")
    diff = sub.add_parser("diff", help="新旧对照：对齐旧版与现行版本，列出新增、删除、修改、条号变动")
    diff.add_argument("name", help="文件名称或简称，如 行政复议法")
    diff.add_argument("--markdown", type=Path, help="同时写出 Markdown 对照表")
    sub.add_parser("stats", help="使用统计（审计日志）：提问、拒答、反馈、知识库规模")
    sub.add_parser("serve", help="启动 Telegram 机器人（需设置 TELEGRAM_BOT_TOKEN）")
