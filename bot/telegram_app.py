"""The Telegram bot: thin handlers that parse an update, call the plain functions the CLI uses,
and render. One error handler. Access control, rate limit, audit log."""

from __future__ import annotations

import asyncio
import html
import logging
import os
import re
import sys
import tempfile
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import commands
from bot.answer import InvalidQuestionError
from bot.audit import AuditLog
from bot.render import split_message, to_telegram_html
from bot.service import Assistant
from bot.types import Answer
from ingest.cli import format_report
from ingest.errors import FazhiError, LoadError
from ingest.loaders import SUPPORTED_SUFFIXES, load_document
from ingest.settings import Settings

log = logging.getLogger(__name__)
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
UPLOAD_FOLDERS = ("laws", "policies", "reports")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
BOT_COMMANDS = [
    ("ask", "提问"),
    ("law", "查看条文原文，如 /law 复议法 第二十条"),
    ("docs", "知识库中的文件"),
    ("summary", "摘要：文件、章节或主题"),
    ("diff", "新旧版本对照"),
    ("help", "使用说明"),
]


class RateLimiter:
    """At most `count` questions per user in a sliding window of `window` seconds."""

    def __init__(self, count: int, window: float) -> None:
        self.count, self.window = count, window
        self._seen: dict[int, deque[float]] = defaultdict(deque)

    def wait_time(self, user_id: int) -> float:
        """0 when the user may ask now (and counts the question); else seconds to wait."""
        now = time.monotonic()
        seen = self._seen[user_id]
        while seen and now - seen[0] > self.window:
            seen.popleft()
        if len(seen) >= self.count:
            return self.window - (now - seen[0])
        seen.append(now)
        return 0.0


@dataclass
class BotServices:
    assistant: Assistant
    audit: AuditLog
    limiter: RateLimiter
    settings: Settings = field(init=False)

    def __post_init__(self) -> None:
        self.settings = self.assistant.settings

    def message(self, name: str, **values: object) -> str:
        return self.assistant.templates.message(name, **values)


def _services(context: ContextTypes.DEFAULT_TYPE) -> BotServices:
    services: BotServices = context.application.bot_data["fazhi"]
    return services


async def _reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Send HTML in as many messages as it needs; buttons go under the last one."""
    message = update.effective_message
    if message is None:
        return
    parts = split_message(text)
    for i, part in enumerate(parts):
        await message.reply_text(part, parse_mode=ParseMode.HTML, reply_markup=markup if i == len(parts) - 1 else None)


async def _allowed(update: Update, context: ContextTypes.DEFAULT_TYPE, admin: bool = False) -> bool:
    services = _services(context)
    settings = services.settings.telegram
    user = update.effective_user
    chat = update.effective_chat
    user_id = user.id if user else 0
    is_admin = user_id in settings.admins
    if admin:
        if not is_admin:
            await _reply(update, html.escape(services.message("admin_only")))
        return is_admin
    in_allowed_group = chat is not None and chat.type != ChatType.PRIVATE and chat.id in settings.allowed_chats
    if is_admin or user_id in settings.allowed_users or in_allowed_group:
        return True
    services.audit.record_event(user_id, "refused", f"chat {chat.id if chat else '?'}")
    await _reply(update, html.escape(services.message("not_allowed", user_id=user_id)))
    return False


def _buttons(question_id: int, with_source: bool) -> InlineKeyboardMarkup:
    row = [
        InlineKeyboardButton("有帮助", callback_data=f"fb:{question_id}:1"),
        InlineKeyboardButton("没帮助", callback_data=f"fb:{question_id}:0"),
    ]
    if with_source:
        row.insert(0, InlineKeyboardButton("查看原文", callback_data=f"src:{question_id}"))
    return InlineKeyboardMarkup([row])


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    services = _services(context)
    user_id = update.effective_user.id if update.effective_user else 0
    wait = services.limiter.wait_time(user_id)
    if wait > 0:
        await _reply(update, html.escape(services.message("rate_limited", seconds=int(wait) + 1)))
        return
    if update.effective_chat is not None:
        await context.bot.send_chat_action(update.effective_chat.id, ChatAction.TYPING)
    try:
        # Answering is CPU work; off the event loop so other chats are not held up.
        answer: Answer = await asyncio.to_thread(services.assistant.services.answerer.ask, question)
    except InvalidQuestionError as exc:
        await _reply(update, html.escape(str(exc)))
        return
    chat_id = update.effective_chat.id if update.effective_chat else None
    question_id = services.audit.record_answer(answer, "telegram", user_id, chat_id)
    await _reply(update, to_telegram_html(answer), _buttons(question_id, bool(answer.citations)))


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if await _allowed(update, context):
        await _reply(update, html.escape(_services(context).message("help")))


async def on_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if await _allowed(update, context):
        await answer_question(update, context, " ".join(context.args or []))


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    chat = update.effective_chat
    text = message.text
    if chat is not None and chat.type != ChatType.PRIVATE:
        username = context.bot.username
        replied_to_bot = bool(
            message.reply_to_message
            and message.reply_to_message.from_user
            and message.reply_to_message.from_user.id == context.bot.id
        )
        if f"@{username}" not in text and not replied_to_bot:
            return  # group chatter not meant for the bot
        text = text.replace(f"@{username}", " ")
    if await _allowed(update, context):
        await answer_question(update, context, text)


async def on_law(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context):
        return
    services = _services(context)
    try:
        answer = commands.lookup_article(services.assistant.services, " ".join(context.args or []))
    except InvalidQuestionError as exc:
        await _reply(update, html.escape(str(exc)))
        return
    await _reply(update, to_telegram_html(answer))


async def on_docs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if await _allowed(update, context):
        await _reply(update, html.escape(commands.list_documents(_services(context).assistant.services)))


async def on_summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context):
        return
    from bot.summary import make_summary, render_summary_html

    services = _services(context)
    target = " ".join(context.args or [])
    try:
        summary = await asyncio.to_thread(make_summary, services.assistant.services, target)
    except InvalidQuestionError as exc:
        await _reply(update, html.escape(str(exc)))
        return
    await _reply(update, render_summary_html(summary))


async def on_diff(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context):
        return
    from bot.diff import compare_versions, to_compact_text, to_markdown

    services = _services(context)
    try:
        comparison = await asyncio.to_thread(
            compare_versions, services.assistant.services, " ".join(context.args or [])
        )
    except InvalidQuestionError as exc:
        await _reply(update, html.escape(str(exc)))
        return
    await _reply(update, html.escape(to_compact_text(comparison)))
    if update.effective_message is not None:
        await update.effective_message.reply_document(
            to_markdown(comparison).encode("utf-8"), filename=f"新旧对照-{comparison.title}.md"
        )


async def on_reingest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context, admin=True):
        return
    services = _services(context)
    await _reply(update, html.escape(services.message("reingest_started")))
    report = await asyncio.to_thread(services.assistant.reingest)
    services.audit.record_event(
        update.effective_user.id if update.effective_user else None, "reingest", f"generation {report.generation}"
    )
    await _reply(update, html.escape(format_report(report)))


async def on_upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context, admin=True):
        return
    services = _services(context)
    message = update.effective_message
    if message is None or message.document is None:
        return
    match = re.match(r"^/add(?:@\w+)?\s+(\w+)", message.caption or "")
    if not match or match.group(1) not in UPLOAD_FOLDERS:
        await _reply(update, html.escape(services.message("upload_usage")))
        return
    document = message.document
    name = Path(document.file_name or "upload").name
    reason = ""
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        reason = f"不支持的文件类型（支持 {'、'.join(SUPPORTED_SUFFIXES)}）"
    elif (document.file_size or 0) > MAX_UPLOAD_BYTES:
        reason = "文件超过 20 MB"
    if reason:
        await _reply(update, html.escape(services.message("upload_rejected", reason=reason)))
        return
    data = bytes(await (await context.bot.get_file(document.file_id)).download_as_bytearray())
    folder = services.settings.knowledge_dir / match.group(1)
    try:
        _check_upload(name, data, match.group(1))
    except LoadError as exc:
        await _reply(update, html.escape(services.message("upload_rejected", reason=str(exc))))
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    await _reply(update, html.escape(services.message("upload_saved", path=f"{match.group(1)}/{name}")))
    report = await asyncio.to_thread(services.assistant.reingest)
    services.audit.record_event(update.effective_user.id if update.effective_user else None, "upload", name)
    await _reply(update, html.escape(format_report(report)))


def _check_upload(name: str, data: bytes, folder: str) -> None:
    """Parse the file in a scratch folder first: a bad file never enters knowledge/."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / folder).mkdir()
        path = root / folder / name
        path.write_bytes(data)
        load_document(path, root)


async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context, admin=True):
        return
    services = _services(context)
    index = services.assistant.services.index
    stats = services.audit.stats()
    last = index.manifest.last_run.get("finished", "—")
    await _reply(
        update,
        html.escape(
            services.message(
                "stats", **stats, documents=len(index.manifest.documents), chunks=len(index.chunks), last_run=last
            )
        ),
    )


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or not await _allowed(update, context):
        return
    services = _services(context)
    kind, _, rest = (query.data or "").partition(":")
    if kind == "fb":
        question_id, _, helpful = rest.partition(":")
        services.audit.record_feedback(int(question_id), query.from_user.id, helpful == "1")
        await query.answer(services.message("feedback_thanks"))
        return
    await query.answer()
    for cited in services.audit.citations(int(rest or 0)):
        reference, text = commands.full_text(
            services.assistant.services, cited["title"], cited["version"], cited["article"], cited["chunk_id"]
        )
        await _reply(update, f"<b>{html.escape(reference)}</b>\n{html.escape(text)}")


async def on_unknown(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or not await _allowed(update, context):
        return
    command = (message.text or "").split()[0]
    await _reply(update, html.escape(_services(context).message("unknown_command", command=command)))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await update.effective_message.reply_text(_services(context).message("internal_error"))
        except Exception:  # the reply itself failed (network); the error is already logged
            log.exception("could not tell the user about the error")


async def _post_init(application: Application) -> None:
    await application.bot.set_my_commands([BotCommand(name, text) for name, text in BOT_COMMANDS])


def build_application(assistant: Assistant, token: str, audit: AuditLog) -> Application:
    settings = assistant.settings.telegram
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .concurrent_updates(True)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(_post_init)
        .build()
    )
    application.bot_data["fazhi"] = BotServices(
        assistant, audit, RateLimiter(settings.rate_limit_count, settings.rate_limit_window_s)
    )
    application.add_handler(CommandHandler(["start", "help"], on_start))
    application.add_handler(CommandHandler("ask", on_ask))
    application.add_handler(CommandHandler("law", on_law))
    application.add_handler(CommandHandler("docs", on_docs))
    application.add_handler(CommandHandler("summary", on_summary))
    application.add_handler(CommandHandler("diff", on_diff))
    application.add_handler(CommandHandler("reingest", on_reingest))
    application.add_handler(CommandHandler("stats", on_stats))
    application.add_handler(MessageHandler(filters.Document.ALL, on_upload))
    application.add_handler(CallbackQueryHandler(on_callback))
    application.add_handler(MessageHandler(filters.COMMAND, on_unknown))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    application.add_error_handler(on_error)
    return application


def serve(settings: Settings) -> int:
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        print(
            f"未设置 Telegram 机器人令牌。请先在 @BotFather 创建机器人，然后：\n"
            f"  export {TOKEN_ENV}=123456:ABC...\n  python -m bot serve",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry the token in URLs
    from bot.cli import _open_assistant

    try:
        assistant = _open_assistant(settings, build_if_missing=True)
    except FazhiError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    audit = AuditLog(settings.data_dir / "audit.sqlite3", settings.audit.retention_days)
    application = build_application(assistant, token, audit)
    telegram = settings.telegram
    if telegram.webhook_url:
        application.run_webhook(
            listen=telegram.webhook_listen,
            port=telegram.webhook_port,
            url_path="telegram",
            webhook_url=telegram.webhook_url.rstrip("/") + "/telegram",
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    audit.close()
    return 0
