"""argparse that speaks as the bot does: a wrong option or value typed in the terminal (`python -m
bot`, a command in its `chat`, `python -m ingest`) is said in Chinese, with where to read the usage,
not in argparse's English. The words are prompts/messages.toml's, where every message lives."""

from __future__ import annotations

import argparse
import re
import tomllib
from typing import NoReturn

from ingest.settings import PROJECT_ROOT

MESSAGES = PROJECT_ROOT / "prompts" / "messages.toml"

# argparse's own phrases (Python 3.11), each → the message template that says it.
_CHOICE = r"argument (?P<argument>\S+): invalid choice: '?(?P<value>.*?)'? \(choose from (?P<choices>.*)\)"
_PHRASES = (
    (_CHOICE, "argument_invalid_choice"),
    (r"argument (?P<argument>\S+): invalid \w+ value: '?(?P<value>.*?)'?", "argument_invalid_value"),
    (r"argument (?P<argument>\S+): expected one argument", "argument_missing_value"),
    (r"the following arguments are required: (?P<arguments>.*)", "argument_required"),
    (r"unrecognized arguments: (?P<arguments>.*)", "argument_unrecognized"),
)


def in_chinese(message: str, messages: dict[str, str]) -> str:
    """argparse's message said by our templates; as it is when no phrase of ours fits it."""
    for pattern, template in _PHRASES:
        if (found := re.fullmatch(pattern, message)) and template in messages:
            return messages[template].format(**found.groupdict())
    return message


class ChineseArgumentParser(argparse.ArgumentParser):
    """Subcommand parsers are made of the same class (add_subparsers takes the parent's)."""

    def error(self, message: str) -> NoReturn:
        try:
            messages = tomllib.loads(MESSAGES.read_text(encoding="utf-8"))
            said = messages["argument_error"].format(detail=in_chinese(message, messages), prog=self.prog)
        except (OSError, tomllib.TOMLDecodeError, KeyError):  # no templates: argparse's words, without its usage
            said = f"{self.prog}: {message}"
        self.exit(2, said + "\n")
