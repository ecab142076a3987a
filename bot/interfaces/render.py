"""Render an Answer for a terminal, Telegram (HTML) or machines (JSON)."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from bot.core.types import Answer, Citation

TELEGRAM_LIMIT = 4096


def _quote_lines(quote: str, indent: str = "    ") -> str:
    return "\n".join(indent + line for line in quote.splitlines())


def to_terminal(answer: Answer) -> str:
    parts = [answer.notice] if answer.notice else []
    parts.append(answer.text)
    if answer.citations:
        parts.append("\n引用依据：")
        for c in answer.citations:
            # A summary's bullets are its quotes already; its sources are listed, not repeated.
            quote = "" if answer.mode == "summary" else "\n" + _quote_lines(c.quote)
            parts.append(f"[{c.n}] {c.heading()}{quote}")
    return "\n".join(parts)


def to_json(answer: Answer) -> str:
    return json.dumps(answer.as_dict(), ensure_ascii=False)


def citation_html(c: Citation) -> str:
    return f"<b>[{c.n}] {html.escape(c.heading())}</b>\n<blockquote>{html.escape(c.quote)}</blockquote>"


def to_telegram_html(answer: Answer, with_quotes: bool = True) -> str:
    parts = [f"<i>{html.escape(answer.notice)}</i>"] if answer.notice else []
    parts.append(html.escape(answer.text))
    if answer.citations:
        parts.append("\n<b>引用依据</b>")
        for c in answer.citations:
            quoted = with_quotes and answer.mode != "summary"
            parts.append(citation_html(c) if quoted else f"[{c.n}] {html.escape(c.heading())}")
    return "\n".join(parts)


_TOKEN = re.compile(r"<[^>]*>|&[#\w]+;|[^<&]|[<&]")
_TAG = re.compile(r"<(/?)(\w+)[^>]*>")


@dataclass
class _Cut:
    position: int  # index into the current message's tokens, of the break character
    stack: tuple[str, ...]  # tags open there


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split HTML into messages of at most `limit` characters: at a line break where one is
    near, else after a 。, else anywhere between characters; never inside a tag or an entity.
    Tags open at a cut are closed at its end and reopened in the next message."""
    messages: list[str] = []
    stack: tuple[str, ...] = ()
    current: list[str] = []
    size = 0
    breaks: dict[str, _Cut | None] = {"\n": None, "。": None}
    for token in _TOKEN.findall(text):
        after = _apply(stack, token)
        if current and size + len(token) + _closing_size(after) > limit:
            cut = _best_cut(breaks, len(current))
            head, tail, open_at = (
                (current[: cut.position + 1], current[cut.position + 1 :], cut.stack) if cut else (current, [], stack)
            )
            messages.append(("".join(head) + _closers(open_at)).strip("\n"))
            current = [_opener(tag) for tag in open_at] + tail
            size = sum(len(t) for t in current)
            breaks = {"\n": None, "。": None}
        current.append(token)
        size += len(token)
        stack = after
        if token in breaks:
            breaks[token] = _Cut(len(current) - 1, stack)
    if "".join(current).strip():
        messages.append("".join(current).strip("\n"))
    return messages


def _best_cut(breaks: dict[str, _Cut | None], length: int) -> _Cut | None:
    for mark in ("\n", "。"):
        cut = breaks[mark]
        if cut is not None and cut.position > length // 3:
            return cut
    return None


def _apply(stack: tuple[str, ...], token: str) -> tuple[str, ...]:
    match = _TAG.fullmatch(token)
    if not match:
        return stack
    closing, name = match.group(1), match.group(2)
    if not closing:
        return (*stack, name)
    return stack[:-1] if stack and stack[-1] == name else stack


def _closers(stack: tuple[str, ...]) -> str:
    return "".join(f"</{name}>" for name in reversed(stack))


def _closing_size(stack: tuple[str, ...]) -> int:
    return sum(len(name) + 3 for name in stack)


def _opener(name: str) -> str:
    return f"<{name}>"
