"""The bot's slash commands typed in the terminal (`ask`, `chat`): 「/law 复议法 20」 and 「/summary
复议法 第四章」 run the same core functions as in Telegram, not read as questions (「/law 复议法 20」
was answered with 复议法第九十条), and an unknown command is said to be one."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.core.answer import InvalidQuestionError
from bot.core.commands import lookup_article
from bot.interfaces.render import to_terminal

if TYPE_CHECKING:
    from bot.app import Assistant

# The commands that have a terminal subcommand of the same name; /law and /help are answered here.
SUBCOMMANDS = ("summary", "toc", "diff", "deadline", "timeline", "docs", "stats")


def is_command(text: str) -> bool:
    return text.startswith("/")


def run_command(
    assistant: Assistant,
    text: str,
    parser: argparse.ArgumentParser,
    commands: dict[str, Callable[[Assistant, argparse.Namespace], int]],
) -> int:
    """Run one command typed in the terminal; the exit code of the subcommand it stands for."""
    services = assistant.services
    name, rest = [*text[1:].split(maxsplit=1), "", ""][:2]
    name = name.split("@")[0].lower()
    if name in ("help", "start"):
        print(services.templates.message("help"))
        return 0
    if name in ("ask", "law"):
        try:
            answer = services.answerer.ask(rest) if name == "ask" else lookup_article(services, rest)
        except InvalidQuestionError as exc:  # an empty question, a law the base lacks, no article number
            print(exc)
            return 1
        print(to_terminal(answer))
        return 0
    if name not in SUBCOMMANDS:
        print(services.templates.message("unknown_command", command=f"/{name}"))
        return 1
    try:
        args = parser.parse_args([name, *rest.split()])
    except SystemExit:  # argparse said what is wrong with the arguments
        return 1
    return commands[name](assistant, args)
