"""Commands added by later features (summary, diff, serve) register here."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.service import Assistant

COMMANDS: dict[str, Callable[[Assistant, argparse.Namespace], int]] = {}


def add_commands(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("serve", help="启动 Telegram 机器人（需设置 TELEGRAM_BOT_TOKEN）")
