"""The real python-telegram-bot Application, end to end over HTTP, against a Bot API stand-in."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.app import Assistant
from bot.audit import AuditLog
from bot.core.types import Answer, Citation
from bot.interfaces.render import TELEGRAM_LIMIT, split_message, to_telegram_html
from bot.interfaces.telegram_app import _post_init, build_application
from ingest.embedders import Embedder
from ingest.index import StoredChunk
from ingest.manifest import Manifest
from ingest.pipeline import run
from ingest.settings import PROJECT_ROOT, Settings
from tests.conftest import copy_docs, settings_for, stored_chunk
from tests.standins import BotAPIStandIn

ALICE, BOB, ADMIN, STRANGER = 101, 102, 900, 666
GROUP, OTHER_GROUP = -5001, -5002


@asynccontextmanager
async def running_bot(
    settings: Settings, embedder: Embedder, tmp_path: Path, **telegram: Any
) -> AsyncIterator[tuple[BotAPIStandIn, AuditLog]]:
    with BotAPIStandIn() as api:
        configured = settings.with_overrides(
            telegram={
                "allowed_users": [ALICE, BOB],
                "admins": [ADMIN],
                "allowed_chats": [GROUP],
                "base_url": api.base_url,
                "base_file_url": api.base_file_url,
                **telegram,
            }
        )
        audit = AuditLog(tmp_path / "audit.sqlite3", 30)
        application = build_application(Assistant(configured, embedder=embedder), "123:TEST", audit)
        async with application:  # what run_polling does: initialize, post_init, poll, start
            await _post_init(application)
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=1)
            await application.start()
            try:
                yield api, audit
            finally:
                await application.updater.stop()
                await application.stop()
        audit.close()


async def wait(api: BotAPIStandIn, predicate: Callable[[], bool], limit: float = 60) -> None:
    await asyncio.to_thread(api.wait_for, predicate, limit)


def _more_than(api: BotAPIStandIn, before: int) -> Callable[[], bool]:
    return lambda: len(api.sent(chat_id=ALICE)) + len(api.sent("sendDocument", ALICE)) > before


def texts(api: BotAPIStandIn, chat_id: int) -> list[str]:
    return [str(p["text"]) for p in api.sent(chat_id=chat_id)]


async def test_staff_question_gets_a_cited_answer(
    corpus_settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    async with running_bot(corpus_settings, embedder, tmp_path) as (api, audit):
        api.send_text(ALICE, "行政复议申请期限是多久？")
        await wait(api, lambda: bool(api.sent(chat_id=ALICE)))
        reply = api.sent(chat_id=ALICE)[-1]
        assert reply["parse_mode"] == "HTML"
        assert "《中华人民共和国行政复议法》（2023年修订，2024-01-01施行）第二十条" in reply["text"]
        assert "六十日" in reply["text"] and "<blockquote>" in reply["text"]
        buttons = [b["text"] for row in reply["reply_markup"]["inline_keyboard"] for b in row]
        assert buttons == ["查看原文", "有帮助", "没帮助"]
        assert api.sent("sendChatAction", ALICE)[0]["action"] == "typing"
        commands = api.sent("setMyCommands")[0]["commands"]
        assert {c["command"] for c in commands} >= {"ask", "law", "docs", "summary", "toc", "diff", "help"}
        assert audit.stats()["questions"] == 1


async def test_unknown_user_and_group_are_refused(
    corpus_settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    async with running_bot(corpus_settings, embedder, tmp_path) as (api, audit):
        api.send_text(STRANGER, "行政复议申请期限是多久？")
        api.send_text(STRANGER, "@fazhi_test_bot 复议期限", chat_id=OTHER_GROUP)
        await wait(api, lambda: bool(api.sent(chat_id=STRANGER)) and bool(api.sent(chat_id=OTHER_GROUP)))
        for reply in texts(api, STRANGER) + texts(api, OTHER_GROUP):
            assert "没有使用本助手的权限" in reply and "《" not in reply
        assert audit.stats()["questions"] == 0


async def test_group_answers_only_when_addressed(corpus_settings: Settings, embedder: Embedder, tmp_path: Path) -> None:
    async with running_bot(corpus_settings, embedder, tmp_path) as (api, _):
        api.send_text(STRANGER, "大家中午吃什么", chat_id=GROUP)
        api.send_text(STRANGER, "@fazhi_test_bot 复议中止有哪些情形？", chat_id=GROUP)
        api.send_text(STRANGER, "复议决定书要不要向社会公开？", chat_id=GROUP, reply_to_bot=True)
        await wait(api, lambda: len(api.sent(chat_id=GROUP)) >= 2)
        await asyncio.sleep(1)
        replies = texts(api, GROUP)
        assert len(replies) == 2
        assert any("第三十九条" in r for r in replies) and any("第七十九条" in r for r in replies)


async def test_commands(corpus_settings: Settings, embedder: Embedder, tmp_path: Path) -> None:
    async with running_bot(corpus_settings, embedder, tmp_path) as (api, _):
        for command in (
            "/law 复议法 20",
            "/docs",
            "/help",
            "/frobnicate",
            "/law 复议法 第九百条",
            "/ask",
            "/summary 2023年报告",
            "/diff 复议法",
            "概括一下复议法第三章",
            "/toc 复议法",
        ):
            before = len(api.sent(chat_id=ALICE)) + len(api.sent("sendDocument", ALICE))
            api.send_text(ALICE, command)
            await wait(api, _more_than(api, before))
        await wait(api, lambda: len(api.sent("sendDocument", ALICE)) == 1)
        replies = texts(api, ALICE)
        assert "第二十条" in replies[0] and "六十日" in replies[0]
        assert "现行有效" in replies[1] and "已被取代" in replies[1]
        assert "/law" in replies[2]
        assert any("未知命令：/frobnicate" in r for r in replies)
        assert any("没有找到第九百条" in r for r in replies)
        assert any("请输入您的问题" in r for r in replies)
        summary = next(r for r in replies if "摘要</b>" in r)
        assert all(f"【{group}】" in summary for group in ("主要成效", "存在的问题", "下一步工作"))
        assert "13.4:1" in summary and "零败诉" in summary  # results first, figures kept
        assert any("旧第九条 → 新第二十条*" in r and "【新增】" in r for r in replies)
        # A summary asked for in words is the summary, its bullets cited and not quoted twice.
        await wait(api, lambda: any("第三章摘要" in r for r in texts(api, ALICE)))
        asked = next(r for r in texts(api, ALICE) if "第三章摘要" in r)
        assert "第三十条 行政复议机关收到行政复议申请后，应当在五日内进行审查。" in asked
        assert asked.count("应当在五日内进行审查") == 1 and "<blockquote>" not in asked
        await wait(api, lambda: any("目录，共 90 条" in r for r in texts(api, ALICE)))
        toc = next(r for r in texts(api, ALICE) if "目录，共 90 条" in r)
        assert "第五章 行政复议决定（第六十一条至第七十九条）" in toc


async def test_buttons_show_source_and_store_feedback(
    corpus_settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    async with running_bot(corpus_settings, embedder, tmp_path) as (api, audit):
        api.send_text(ALICE, "复议期间被申请人可以自己再去收集证据吗？")
        await wait(api, lambda: bool(api.sent(chat_id=ALICE)))
        keyboard = api.sent(chat_id=ALICE)[-1]["reply_markup"]["inline_keyboard"][0]
        api.press(ALICE, keyboard[0]["callback_data"])
        api.press(ALICE, keyboard[1]["callback_data"])
        await wait(api, lambda: len(api.sent(chat_id=ALICE)) >= 2 and len(api.sent("answerCallbackQuery")) >= 2)
        source = texts(api, ALICE)[1]
        assert source.startswith("<b>《中华人民共和国行政复议法》") and "第四十六条" in source
        assert audit.stats()["helpful"] == 1


async def test_twenty_chats_at_once_all_answered(corpus_settings: Settings, embedder: Embedder, tmp_path: Path) -> None:
    users = list(range(2000, 2020))
    async with running_bot(corpus_settings, embedder, tmp_path, allowed_users=users) as (api, audit):
        for user in users:
            api.send_text(user, "复议中止有哪些情形？" if user % 2 else "请求国家赔偿的时效是多长？")
        await wait(api, lambda: all(api.sent(chat_id=u) for u in users), limit=120)
        for user in users:
            assert ("下落不明" if user % 2 else "两年") in texts(api, user)[0]
        assert audit.stats()["questions"] == 20


async def test_rate_limit_flood_control_and_errors(
    corpus_settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    async with running_bot(corpus_settings, embedder, tmp_path, rate_limit_count=2) as (api, _):
        api.flood_next = 1  # Telegram answers the first reply with 429 retry_after=1
        for _ in range(3):
            api.send_text(ALICE, "复议中止有哪些情形？")
        await wait(api, lambda: len(api.sent(chat_id=ALICE)) >= 4)  # one refused by 429, then retried
        replies = texts(api, ALICE)
        assert sum("第三十九条" in r for r in replies) == 2
        assert any("提问太频繁" in r for r in replies)
        # A handler that fails: the user is told, the bot keeps running.
        api.press(BOB, "src:not-a-number")
        await wait(api, lambda: bool(api.sent(chat_id=BOB)))
        assert "出错" in texts(api, BOB)[0]
        api.send_text(BOB, "复议决定书要不要向社会公开？")
        await wait(api, lambda: len(api.sent(chat_id=BOB)) >= 2)
        assert "第七十九条" in texts(api, BOB)[1]


async def test_admin_reingest_and_upload(small_tree: tuple[Path, Path], embedder: Embedder, tmp_path: Path) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, "laws/renmin-tiaojie-fa-2010.md")
    settings = settings_for(knowledge, data)
    run(settings, embedder=embedder, progress=False)
    async with running_bot(settings, embedder, tmp_path) as (api, _):
        api.send_text(ALICE, "/reingest")
        await wait(api, lambda: bool(api.sent(chat_id=ALICE)))
        assert "仅限管理员" in texts(api, ALICE)[0]

        api.send_document(ADMIN, "bad.pdf", b"%PDF-1.4 broken", "/add laws")
        await wait(api, lambda: bool(api.sent(chat_id=ADMIN)))
        assert "文件未导入" in texts(api, ADMIN)[0] and not (knowledge / "laws" / "bad.pdf").exists()

        policy = (
            "---\ntitle: 余杭区行政复议听证工作规范\nversion: '2024'\nkind: policy\n---\n"
            "# 余杭区行政复议听证工作规范\n\n一、适用范围\n\n（一）听证对象。重大、疑难、复杂的行政复议案件应当组织听证，"
            "听证会由三名以上行政复议人员主持。\n"
        )
        api.send_document(ADMIN, "tingzheng-2024.md", policy.encode(), "/add policies")
        await wait(api, lambda: any("索引已更新" in t for t in texts(api, ADMIN)), limit=120)
        assert (knowledge / "policies" / "tingzheng-2024.md").exists()
        assert any("新增文档（1）：《余杭区行政复议听证工作规范》" in t for t in texts(api, ADMIN))

        api.send_text(ALICE, "听证会由几名复议人员主持？")
        await wait(api, lambda: len(api.sent(chat_id=ALICE)) >= 2)
        assert "余杭区行政复议听证工作规范" in texts(api, ALICE)[1]

        api.send_text(ADMIN, "/stats")
        await wait(api, lambda: any("使用统计" in t for t in texts(api, ADMIN)))
        stats = next(t for t in texts(api, ADMIN) if "使用统计" in t)
        assert "提问：1（Telegram 1，终端 0；拒答 0）" in stats and "2 个文件" in stats


def test_cli_stats_reads_the_audit_log(corpus_settings: Settings, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus_settings.data_dir, data, ignore=shutil.ignore_patterns("audit.sqlite3*"))
    audit = AuditLog(data / "audit.sqlite3", 30)
    question_id = audit.record_answer(Answer("复议期限？", "答", True), "telegram", ALICE, ALICE)
    audit.record_feedback(question_id, ALICE, helpful=False)
    audit.close()
    env = {**os.environ, "FAZHI_INDEX__DATA_DIR": str(data)}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "stats"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "提问：1（Telegram 1，终端 0；拒答 0）" in proc.stdout and "没帮助 1" in proc.stdout
    assert f"{len(Manifest.load(data).documents)} 个文件" in proc.stdout  # type: ignore[union-attr]


def test_long_answers_split_on_paragraphs_with_tags_closed() -> None:
    paragraph = "第一条 <申请人>应当如实陈述。" * 40
    citations = [Citation.from_chunk(i, stored_chunk("\n".join([paragraph] * 3))) for i in range(1, 4)]
    html = to_telegram_html(Answer("问", "答", True, citations))
    parts = split_message(html)
    assert len(parts) > 1 and all(len(p) <= TELEGRAM_LIMIT for p in parts)
    for part in parts:
        assert part.count("<blockquote>") == part.count("</blockquote>")
        assert part.count("<b>") == part.count("</b>")
        assert not re.search(r"&[a-z]*$", part)  # never cut inside an entity
    assert "".join(parts).replace("<blockquote>", "").replace("</blockquote>", "").count("&lt;申请人&gt;") == 360


def test_serve_without_token_says_how_to_set_one() -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "serve"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "TELEGRAM_BOT_TOKEN" in proc.stderr and "BotFather" in proc.stderr


async def test_a_strangers_flood_gets_one_refusal(
    corpus_settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    async with running_bot(corpus_settings, embedder, tmp_path) as (api, audit):
        for _ in range(40):
            api.send_text(STRANGER, "行政复议申请期限是多久？")
        api.send_text(ALICE, "行政复议申请期限是多久？")  # staff are still served during the flood
        await wait(api, lambda: bool(api.sent(chat_id=ALICE)))
        await asyncio.sleep(1)
        assert len(api.sent(chat_id=STRANGER)) == 1 and "没有使用本助手的权限" in texts(api, STRANGER)[0]
        assert audit.stats()["questions"] == 1


async def test_upload_reasons_and_replacement_are_said(
    small_tree: tuple[Path, Path], embedder: Embedder, tmp_path: Path
) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, "laws/renmin-tiaojie-fa-2010.md")
    settings = settings_for(knowledge, data)
    run(settings, embedder=embedder, progress=False)
    policy = (
        "---\ntitle: 听证规范\nversion: '2024'\nkind: policy\n---\n# 听证规范\n\n一、范围\n\n听证由三名人员主持。\n"
    )
    async with running_bot(settings, embedder, tmp_path) as (api, _):
        for name, reason in (
            ("..\\..\\win-2024.md", "路径符号"),
            ("x" * 300 + ".md", "文件名太长"),
            ("renmin-tiaojie-fa-2010.md", "已有同名文件"),
            ("bad-2024.docx", "DOCX"),
        ):
            before = len(api.sent(chat_id=ADMIN))
            api.send_document(ADMIN, name, b"not a docx" if name.endswith("docx") else policy.encode(), "/add policies")
            await wait(api, lambda before=before: len(api.sent(chat_id=ADMIN)) > before)  # type: ignore[misc]
            assert "文件未导入" in texts(api, ADMIN)[-1] and reason in texts(api, ADMIN)[-1]
        assert not (knowledge / "policies").exists()
        for wording in ("三名", "五名"):
            api.send_document(ADMIN, "tingzheng-2024.md", policy.replace("三名", wording).encode(), "/add policies")
            await wait(api, lambda w=wording: any("索引已" in t for t in texts(api, ADMIN)) and w in _saved(knowledge))  # type: ignore[misc]
            await wait(api, lambda: texts(api, ADMIN)[-1].startswith("索引"))
        replaced = next(t for t in texts(api, ADMIN) if "替换了同名旧文件" in t)
        assert "history" in replaced
        api.send_text(ALICE, "听证由几名人员主持？")
        await wait(api, lambda: bool(api.sent(chat_id=ALICE)))
        assert "五名" in texts(api, ALICE)[0]


def _saved(knowledge: Path) -> str:
    path = knowledge / "policies" / "tingzheng-2024.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


async def test_audit_retention_runs_as_a_daily_job(assistant: Assistant, tmp_path: Path) -> None:
    from telegram.ext import CallbackContext

    from bot.interfaces.telegram_app import purge_audit

    audit = AuditLog(tmp_path / "audit.sqlite3", 30)
    application = build_application(assistant, "123:TEST", audit)
    assert application.job_queue is not None
    jobs = application.job_queue.get_jobs_by_name("audit-retention")
    assert len(jobs) == 1 and jobs[0].callback is purge_audit
    assert "hour='3'" in str(jobs[0].job.trigger)  # every day at 03:00, not only at start-up
    audit.record_answer(Answer("复议期限？", "答", True), "telegram", ALICE, ALICE)
    audit.record_answer(Answer("复议期限？", "答", True), "telegram", ALICE, ALICE)
    with audit._db:  # one of them asked long ago
        audit._db.execute("UPDATE questions SET asked_at = '2000-01-01T00:00:00+00:00' WHERE id = 1")
    await purge_audit(CallbackContext(application))
    assert audit.stats()["questions"] == 1
    audit.close()


def test_a_single_line_over_the_limit_keeps_html_balanced() -> None:
    chunk = stored_chunk("第一条 内容。")
    long_title = replace_title(chunk, "很长的标题" * 1000)
    html = to_telegram_html(Answer("问", "答", True, [Citation.from_chunk(1, long_title)]))
    parts = split_message(html)
    assert len(parts) > 1 and all(len(p) <= TELEGRAM_LIMIT for p in parts)
    for part in parts:
        assert part.count("<b>") == part.count("</b>")
        assert part.count("<blockquote>") == part.count("</blockquote>")
    assert re.sub(r"<[^>]+>", "", "".join(parts)).count("很长的标题") == 1000  # nothing lost at the cuts


def replace_title(chunk: StoredChunk, title: str) -> StoredChunk:
    from dataclasses import replace

    return replace(chunk, doc=replace(chunk.doc, title=title))


def test_terminal_questions_are_audited(corpus_settings: Settings, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus_settings.data_dir, data, ignore=shutil.ignore_patterns("audit.sqlite3*"))
    env = {**os.environ, "FAZHI_INDEX__DATA_DIR": str(data)}
    ask = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "行政复议申请期限是多久？"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ask.returncode == 0, ask.stderr
    stats = subprocess.run(
        [sys.executable, "-m", "bot", "stats"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert "提问：1（Telegram 0，终端 1；拒答 0）" in stats.stdout, stats.stdout
    audit = AuditLog(data / "audit.sqlite3", 30)
    asker = audit._db.execute("SELECT asker, channel FROM questions").fetchone()
    audit.close()
    import getpass

    assert asker == (getpass.getuser(), "cli")
