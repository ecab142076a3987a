"""Render an Answer for a terminal, Telegram (HTML) or machines (JSON)."""

from __future__ import annotations

import html
import json

from bot.types import Answer, Citation

TELEGRAM_LIMIT = 4096


def _quote_lines(quote: str, indent: str = "    ") -> str:
    return "\n".join(indent + line for line in quote.splitlines())


def to_terminal(answer: Answer) -> str:
    parts = [answer.notice] if answer.notice else []
    parts.append(answer.text)
    if answer.citations:
        parts.append("\n引用依据：")
        for c in answer.citations:
            parts.append(f"[{c.n}] {c.reference()}\n{_quote_lines(c.quote)}")
    return "\n".join(parts)


def to_json(answer: Answer) -> str:
    return json.dumps(answer.as_dict(), ensure_ascii=False)


def citation_html(c: Citation) -> str:
    return f"<b>[{c.n}] {html.escape(c.reference())}</b>\n<blockquote>{html.escape(c.quote)}</blockquote>"


def to_telegram_html(answer: Answer, with_quotes: bool = True) -> str:
    parts = [f"<i>{html.escape(answer.notice)}</i>"] if answer.notice else []
    parts.append(html.escape(answer.text))
    if answer.citations:
        parts.append("\n<b>引用依据</b>")
        for c in answer.citations:
            parts.append(citation_html(c) if with_quotes else f"[{c.n}] {html.escape(c.reference())}")
    return "\n".join(parts)


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split HTML into messages under the limit at paragraph boundaries. Our HTML never spans
    paragraphs with a tag except <blockquote>, which is closed and reopened at a cut."""
    messages: list[str] = []
    current = ""
    for paragraph in _paragraphs(text, limit):
        candidate = f"{current}\n{paragraph}" if current else paragraph
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        current = paragraph
    if current:
        messages.append(current)
    return messages


def _paragraphs(text: str, limit: int) -> list[str]:
    """Lines, with blockquotes kept whole when they fit and cut into closed pieces when not."""
    out: list[str] = []
    buffer: list[str] = []
    in_quote = False
    for line in text.split("\n"):
        if not in_quote:
            if "<blockquote>" in line and "</blockquote>" not in line:
                in_quote, buffer = True, [line]
            else:
                out.extend(_hard_wrap(line, limit))
            continue
        buffer.append(line)
        if "</blockquote>" in line:
            in_quote = False
            out.extend(_split_quote("\n".join(buffer), limit))
    if in_quote:
        out.extend(_split_quote("\n".join(buffer), limit))
    return out


def _split_quote(block: str, limit: int) -> list[str]:
    if len(block) <= limit:
        return [block]
    inner = block.removeprefix("<blockquote>").removesuffix("</blockquote>")
    room = limit - len("<blockquote></blockquote>")
    pieces: list[str] = []
    current = ""
    for line in inner.split("\n"):
        for part in _hard_wrap(line, room):
            candidate = f"{current}\n{part}" if current else part
            if len(candidate) > room:
                pieces.append(current)
                current = part
            else:
                current = candidate
    if current:
        pieces.append(current)
    return [f"<blockquote>{p}</blockquote>" for p in pieces]


def _hard_wrap(line: str, limit: int) -> list[str]:
    """A single line longer than the limit (no tags inside: our lines hold escaped text)."""
    if len(line) <= limit:
        return [line]
    pieces: list[str] = []
    while len(line) > limit:
        cut = line.rfind("。", 0, limit)
        cut = cut + 1 if cut > limit // 2 else limit
        while "&" in line[max(0, cut - 8) : cut] and ";" not in line[line.rfind("&", 0, cut) : cut]:
            cut -= 1  # never inside an HTML entity such as &lt;
        pieces.append(line[:cut])
        line = line[cut:]
    return [*pieces, line] if line else pieces
