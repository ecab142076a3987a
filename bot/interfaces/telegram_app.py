"""The Telegram bot: thin handlers that parse an update, call the plain functions the CLI uses,
and render. One error handler. Access control, rate limit, audit log."""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging
import os
import re
import sys
import time
from collections import defaultdict, deque
from collections.abc import Hashable
from dataclasses import dataclass, field

from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
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

from bot.app import Assistant, open_assistant
from bot.audit import AuditLog
from bot.core import commands
from bot.core.answer import InvalidQuestionError
from bot.core.types import Answer
from bot.interfaces.render import split_message, to_telegram_html
from ingest.cli import format_report
from ingest.errors import FazhiError, IngestBusyError, LoadError
from ingest.pipeline import RunReport
from ingest.settings import Settings
from ingest.uploads import FOLDERS, save_upload

log = logging.getLogger(__name__)
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
BOT_COMMANDS = [
    ("ask", "提问"),
    ("law", "查看条文原文，如 /law 复议法 第二十条"),
    ("docs", "知识库中的文件"),
    ("summary", "摘要：文件、章节或主题"),
    ("toc", "目录：一部法律的章节及条文范围"),
    ("diff", "新旧版本对照"),
    ("deadline", "期限推算，如 /deadline 处罚决定书3月5日送达，最晚哪天申请复议"),
    ("timeline", "程序时间线，如 /timeline 复议 2024-09-20"),
    ("help", "使用说明"),
]


@dataclass(frozen=True)
class Verdict:
    wait: float  # 0: go ahead (the message is counted); else seconds until the user may
    tell: bool = False  # the first refusal in a window is said; the rest of a flood is dropped


class RateLimiter:
    """At most `count` messages per user in a sliding window of `window` seconds."""

    def __init__(self, count: int, window: float) -> None:
        self.count, self.window = count, window
        self._seen: dict[Hashable, deque[float]] = defaultdict(deque)
        self._told: dict[Hashable, float] = {}

    def check(self, key: Hashable) -> Verdict:
        """`key`: a user id, or (user, chat) where each chat is counted apart."""
        now = time.monotonic()
        seen = self._seen[key]
        while seen and now - seen[0] > self.window:
            seen.popleft()
        if len(seen) < self.count:
            seen.append(now)
            return Verdict(0.0)
        told = self._told.get(key)
        tell = told is None or now - told > self.window
        if tell:
            self._told[key] = now
        return Verdict(self.window - (now - seen[0]), tell)


@dataclass
class BotServices:
    assistant: Assistant
    audit: AuditLog
    limiter: RateLimiter
    settings: Settings = field(init=False)
    # Users not on the allow-list: one refusal per window, then silence (a flood costs nothing).
    strangers: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.settings = self.assistant.settings
        self.strangers = RateLimiter(1, self.settings.telegram.rate_limit_window_s)

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
    if services.strangers.check((user_id, chat.id if chat else 0)).wait > 0:
        return False
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
    verdict = services.limiter.check(user_id)
    if verdict.wait > 0:
        if verdict.tell:
            await _reply(update, html.escape(services.message("rate_limited", seconds=int(verdict.wait) + 1)))
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
    from bot.core.summary import make_summary, render_summary_html

    services = _services(context)
    target = " ".join(context.args or [])
    try:
        summary = await asyncio.to_thread(make_summary, services.assistant.services, target)
    except InvalidQuestionError as exc:
        await _reply(update, html.escape(str(exc)))
        return
    await _reply(update, render_summary_html(summary))


async def on_toc(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context):
        return
    from bot.core.outline import outline

    try:
        text = outline(_services(context).assistant.services, " ".join(context.args or []))
    except InvalidQuestionError as exc:
        await _reply(update, html.escape(str(exc)))
        return
    await _reply(update, html.escape(text))


async def on_diff(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context):
        return
    from bot.core.diff import compare_versions, to_compact_text, to_markdown

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


async def on_deadline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context):
        return
    from bot.core.deadlines import answer_deadline

    services = _services(context)
    try:
        answer = await asyncio.to_thread(answer_deadline, services.assistant.services, " ".join(context.args or []))
    except (InvalidQuestionError, FazhiError) as exc:
        await _reply(update, html.escape(str(exc)))
        return
    await _reply(update, to_telegram_html(answer))


async def on_timeline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context):
        return
    from bot.core.deadlines import find_date, render_timeline, timeline

    services = _services(context)
    args = context.args or []
    try:
        start = find_date(" ".join(args[1:]), dt.date.today()) if len(args) >= 2 else None
        if start is None:
            await _reply(update, html.escape(services.message("timeline_usage")))
            return
        line = await asyncio.to_thread(timeline, services.assistant.services, args[0], start.day)
    except (InvalidQuestionError, FazhiError) as exc:
        await _reply(update, html.escape(str(exc)))
        return
    await _reply(update, html.escape(render_timeline(line)))


async def on_reingest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context, admin=True):
        return
    services = _services(context)
    await _reply(update, html.escape(services.message("reingest_started")))
    await _reingest(update, services, "reingest", "")


async def _reingest(update: Update, services: BotServices, kind: str, detail: str) -> None:
    """Re-ingest off the event loop (questions keep being answered) and report; another
    process's re-ingest in progress is said plainly."""
    user_id = update.effective_user.id if update.effective_user else None
    try:
        report: RunReport = await asyncio.to_thread(services.assistant.reingest)
    except IngestBusyError as exc:
        await _reply(update, html.escape(services.message("ingest_busy", holder=exc.holder)))
        return
    services.audit.record_event(user_id, kind, f"{detail} generation {report.generation}".strip())
    await _reply(update, html.escape(format_report(report)))


async def on_upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _allowed(update, context, admin=True):
        return
    services = _services(context)
    message = update.effective_message
    if message is None or message.document is None:
        return
    match = re.match(r"^/add(?:@\w+)?\s+(\w+)", message.caption or "")
    if not match or match.group(1) not in FOLDERS:
        await _reply(update, html.escape(services.message("upload_usage")))
        return
    document = message.document
    if (document.file_size or 0) > services.settings.ingest.max_file_mb * 1024 * 1024:
        reason = f"文件超过 {services.settings.ingest.max_file_mb:g} MB"
        await _reply(update, html.escape(services.message("upload_rejected", reason=reason)))
        return
    data = bytes(await (await context.bot.get_file(document.file_id)).download_as_bytearray())
    name = document.file_name or ""
    try:
        saved = await asyncio.to_thread(save_upload, services.settings, match.group(1), name, data)
    except LoadError as exc:
        await _reply(update, html.escape(services.message("upload_rejected", reason=str(exc))))
        return
    replaced = services.message("upload_replaced", history=saved.replaced) if saved.replaced else ""
    await _reply(update, html.escape(services.message("upload_saved", path=saved.path) + replaced))
    await _reingest(update, services, "upload", saved.path)


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


async def purge_audit(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Daily: drop audit rows older than the retention period."""
    removed = _services(context).audit.purge()
    log.info("audit retention: %d old questions removed", removed)


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
    application.add_handler(CommandHandler("toc", on_toc))
    application.add_handler(CommandHandler("diff", on_diff))
    application.add_handler(CommandHandler("deadline", on_deadline))
    application.add_handler(CommandHandler("timeline", on_timeline))
    application.add_handler(CommandHandler("reingest", on_reingest))
    application.add_handler(CommandHandler("stats", on_stats))
    application.add_handler(MessageHandler(filters.Document.ALL, on_upload))
    application.add_handler(CallbackQueryHandler(on_callback))
    application.add_handler(MessageHandler(filters.COMMAND, on_unknown))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    application.add_error_handler(on_error)
    if application.job_queue is not None:
        application.job_queue.run_daily(purge_audit, time=dt.time(3, 0), name="audit-retention")
    return application


async def _reach_bot_api(token: str, base_url: str, base_file_url: str) -> str:
    """One call (getMe) before starting: a bad token or an unreachable Bot API is one clear
    line, not the tracebacks the polling loop would log."""
    try:
        async with Bot(token, base_url=base_url, base_file_url=base_file_url) as bot:
            await bot.get_me()
    except InvalidToken:
        return f"Telegram 拒绝了这个令牌：请检查 {TOKEN_ENV}（在 @BotFather 中可重新生成）。"
    except NetworkError as exc:
        return f"无法连接 Telegram Bot API（{base_url}）：{exc}。请检查网络或 telegram.base_url。"
    except TelegramError as exc:
        return f"Telegram 启动失败：{exc}"
    return ""


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
    telegram = settings.telegram
    problem = asyncio.run(_reach_bot_api(token, telegram.base_url, telegram.base_file_url))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    assistant = open_assistant(settings, build_if_missing=True)
    audit = AuditLog(settings.data_dir / "audit.sqlite3", settings.audit.retention_days)
    application = build_application(assistant, token, audit)
    try:
        if telegram.webhook_url:
            application.run_webhook(
                listen=telegram.webhook_listen,
                port=telegram.webhook_port,
                url_path="telegram",
                webhook_url=telegram.webhook_url.rstrip("/") + "/telegram",
            )
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        print(f"Telegram 拒绝了这个令牌：请检查 {TOKEN_ENV}（在 @BotFather 中可重新生成）。", file=sys.stderr)
        return 2
    except NetworkError as exc:
        print(
            f"无法连接 Telegram Bot API（{telegram.base_url}）：{exc}。请检查网络或 telegram.base_url。",
            file=sys.stderr,
        )
        return 2
    except TelegramError as exc:
        print(f"Telegram 启动失败：{exc}", file=sys.stderr)
        return 2
    finally:
        audit.close()
    return 0
