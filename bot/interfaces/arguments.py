"""argparse that speaks as the bot does: a wrong option or value typed in the terminal (or as a
command in `chat`) is said in Chinese, with where to read the usage, not in argparse's English."""

from __future__ import annotations

import argparse
import re
from typing import NoReturn

from bot.core.prompts import Templates
from ingest.errors import FazhiError

# argparse's own phrases (Python 3.11), each → the message template that says it.
_CHOICE = r"argument (?P<argument>\S+): invalid choice: '?(?P<value>.*?)'? \(choose from (?P<choices>.*)\)"
_PHRASES = (
    (_CHOICE, "argument_invalid_choice"),
    (r"argument (?P<argument>\S+): invalid \w+ value: '?(?P<value>.*?)'?", "argument_invalid_value"),
    (r"argument (?P<argument>\S+): expected one argument", "argument_missing_value"),
    (r"the following arguments are required: (?P<arguments>.*)", "argument_required"),
    (r"unrecognized arguments: (?P<arguments>.*)", "argument_unrecognized"),
)


def in_chinese(message: str, templates: Templates) -> str:
    """argparse's message said by our templates; as it is when no phrase of ours fits it."""
    for pattern, template in _PHRASES:
        if found := re.fullmatch(pattern, message):
            return templates.message(template, **found.groupdict())
    return message


class ChineseArgumentParser(argparse.ArgumentParser):
    """Subcommand parsers are made of the same class (add_subparsers takes the parent's)."""

    def error(self, message: str) -> NoReturn:
        try:
            templates = Templates.load()
        except FazhiError:  # no templates to say it with: argparse's words, without its usage block
            self.exit(2, f"{self.prog}: {message}\n")
        self.exit(2, templates.message("argument_error", detail=in_chinese(message, templates), prog=self.prog) + "\n")
