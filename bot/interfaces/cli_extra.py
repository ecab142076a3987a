"""The summary, diff, why and serve commands of `python -m bot`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.answer import InvalidQuestionError
from ingest.errors import FazhiError
from ingest.splits import PARTS, read_rows

PART_HELP = "开发部分的哪一部分：all 全部；fit 除去调参的四分之一；tune 只用那四分之一"

if TYPE_CHECKING:
    from bot.app import Assistant


def _summary(assistant: Assistant, args: argparse.Namespace) -> int:
    from bot.core.summary import make_summary, render_summary_text

    try:
        summary = make_summary(assistant.services, " ".join(args.target), bullets=args.bullets, progress=True)
    except InvalidQuestionError as exc:
        print(exc)
        return 1
    print(render_summary_text(summary))
    return 0


def _diff(assistant: Assistant, args: argparse.Namespace) -> int:
    from bot.core.diff import compare_versions, to_markdown, to_text

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


def _deadline(assistant: Assistant, args: argparse.Namespace) -> int:
    from bot.core.deadlines import answer_deadline
    from bot.interfaces.render import to_terminal

    try:
        answer = answer_deadline(assistant.services, " ".join(args.question))
    except (InvalidQuestionError, FazhiError) as exc:
        print(exc)
        return 1
    print(to_terminal(answer))
    return 0 if answer.grounded else 1


def _deadlines(assistant: Assistant, args: argparse.Namespace) -> int:
    from bot.core.periods import periods_of

    services = assistant.services
    # 「旧复议法」 names the superseded text; a title the base holds only superseded is listed as such.
    title, _written, docs = services.retriever.named_edition(args.name)
    if not docs:
        print(services.templates.message("document_not_found", name=args.name))
        return 1
    doc = docs[0]
    status = "" if doc.status == "in_force" else "，已被新版本取代"
    print(f"《{title}》（{doc.edition or doc.version}{status}）的期限：")
    periods = [p for d in docs for p in periods_of(services.index, d.doc_id)]  # every book of a code
    if not periods:
        print(f"《{title}》的条文中没有读到期限。")
    for period in periods:
        unit = "工作日" if period.working_days else period.unit
        rule = f"（{period.working_rule.article}：工作日）" if period.working_rule is not None else ""
        print(
            f"{period.chunk.article} {period.kind} {period.length}{unit}{rule} "
            f"起算：{period.trigger or '—'} 主体：{period.actor or '—'} 事项：{period.action or '—'}"
        )
    return 0


def _timeline(assistant: Assistant, args: argparse.Namespace) -> int:
    from bot.core.deadlines import find_date, render_timeline, timeline

    if not (args.procedure and args.start):  # 「/timeline」 alone: say how it is used, as the bot does
        print(assistant.services.templates.message("timeline_usage"))
        return 1
    try:
        start = find_date(args.start, dt.date.today())
        if start is None:
            print(f"无法识别日期“{args.start}”，请写成 2024-09-20 或 2024年9月20日")
            return 1
        print(render_timeline(timeline(assistant.services, args.procedure, start.day)))
    except (InvalidQuestionError, FazhiError) as exc:
        print(exc)
        return 1
    return 0


def _eval_summary(assistant: Assistant, args: argparse.Namespace) -> int:
    """Coverage of key points (figures, article numbers) per summary target of a gold file."""
    from bot.core.evaluate import score_summary
    from bot.core.summary import make_summary, render_summary_text

    rows = read_rows(args.file, "评测文件")
    if rows is None:
        return 2
    scores = []
    for row in rows:
        summary = make_summary(assistant.services, row["target"])
        scores.append(score_summary(row["target"], row["points"], render_summary_text(summary), len(summary.bullets)))
    for score in scores:
        missing = f"  缺：{'、'.join(score.missing)}" if score.missing else ""
        print(
            f"{score.target}：覆盖 {score.coverage:.2f}（{len(score.points) - len(score.missing)}/{len(score.points)}，"
            f"{score.bullets} 条要点）{missing}"
        )
    print(f"最低覆盖 {min(s.coverage for s in scores):.2f}，平均 {sum(s.coverage for s in scores) / len(scores):.2f}")
    return 0


def _fit_fusion(assistant: Assistant, args: argparse.Namespace) -> int:
    """Fit the fusion weights on question files' development parts and write them as a table."""
    from bot.core import fusion_fit

    retriever = assistant.services.retriever
    sets = []
    for path in args.files:
        rows = read_rows(path, "评测文件")
        if rows is None:
            return 2
        print(f"取候选段落：{path.name}（每题一次）……", file=sys.stderr, flush=True)
        questions = fusion_fit.prepare(retriever, rows, part=args.part)
        if not questions:
            print(f"{path.name} 的开发部分没有可用的题目（需要 gold 条文）。", file=sys.stderr)
            return 2
        sets.append(questions)
    weights, log = fusion_fit.fit(retriever, sets, no_loss=args.no_loss)
    print("\n".join(log))
    index = assistant.services.index
    learned = index.settings.index.learned_synonyms_file or "none"
    adapter = retriever.adapter.about if retriever.adapter else "none"
    over = f"{len(index.documents)} documents, {len(index.chunks)} passages, learned_synonyms_file {learned}"
    over += f", query adapter: {adapter}"
    names = ", ".join(f"{p.name} ({len(q)})" for p, q in zip(args.files, sets, strict=True))
    names += "; --no-loss: no set's MRR@10 lowered" if args.no_loss else ""
    names += f"; part {args.part}" if args.part != "all" else ""
    fusion_fit.write(args.out, weights, log, names, sum(len(q) for q in sets), over)
    print(f"已写出 {args.out}：在 config.toml 的 [index] fusion_weights_file 中指定它即可使用。")
    return 0


def _fit_adapter(assistant: Assistant, args: argparse.Namespace) -> int:
    """Fit the query adapter on question files' development parts and write it."""
    from bot.core import adapter_fit

    rows = []
    for path in args.files:
        if (read := read_rows(path, "评测文件")) is None:
            return 2
        rows += read
    print("嵌入问题、读取全部段落向量并拟合……", file=sys.stderr, flush=True)
    source = ", ".join(p.name for p in args.files)
    adapter, _used = adapter_fit.learn(assistant.services.retriever, rows, source, args.part)
    if adapter is None:
        print("问题文件的开发部分没有 gold 条文在索引中的题目，未写出。", file=sys.stderr)
        return 2
    adapter.save(args.out)
    print(f"已写出 {args.out}（{adapter.about}）：在 config.toml 的 [index] query_adapter_file 中指定它即可使用。")
    return 0


def _why(assistant: Assistant, args: argparse.Namespace) -> int:
    from bot.core.answer import clean_question
    from bot.core.explain import explain, render_explanation

    services = assistant.services
    try:
        question = clean_question(" ".join(args.question), services.templates)
    except InvalidQuestionError as exc:
        print(exc)
        return 1
    print(render_explanation(explain(services.answerer.retriever, question, k=args.n)))
    return 0


def _toc(assistant: Assistant, args: argparse.Namespace) -> int:
    from bot.core.outline import outline

    try:
        print(outline(assistant.services, " ".join(args.name)))
    except InvalidQuestionError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


COMMANDS: dict[str, Callable[[Assistant, argparse.Namespace], int]] = {
    "summary": _summary,
    "toc": _toc,
    "why": _why,
    "eval-summary": _eval_summary,
    "fit-fusion": _fit_fusion,
    "fit-adapter": _fit_adapter,
    "diff": _diff,
    "stats": _stats,
    "deadline": _deadline,
    "deadlines": _deadlines,
    "timeline": _timeline,
}


def add_commands(sub: argparse._SubParsersAction) -> None:
    summary = sub.add_parser("summary", help="摘要：文件（复议法）、章节（复议法 第四章）或主题（复议受理流程）")
    summary.add_argument("target", nargs="*")
    summary.add_argument("--bullets", type=int, metavar="1–30", help="要点条数（默认随内容而定）")
    toc = sub.add_parser("toc", help="目录：一部法律的编、章、节及各自的条文范围（如 toc 复议法）")
    toc.add_argument("name", nargs="*")
    why = sub.add_parser("why", help="排序说明：各段落的融合分、向量与 BM25 名次，去掉哪项先验会换首条")
    why.add_argument("question", nargs="*")
    why.add_argument("-n", type=int, default=10, choices=range(1, 31), metavar="1–30", help="列出的段落数（默认 10）")
    graded = sub.add_parser("eval-summary", help="按要点清单给摘要打分（每行 {target, points}）")
    graded.add_argument("file", type=Path)
    fusion = sub.add_parser("fit-fusion", help="用问题集的开发部分拟合融合权重（只读开发部分，留出部分不读）")
    fusion.add_argument("files", type=Path, nargs="+", help="问题文件（jsonl，含 gold 条文），每个文件同等计分")
    fusion.add_argument("--out", type=Path, required=True, help="写出的权重表（toml）")
    fusion.add_argument("--no-loss", action="store_true", help="任何一个问题集的 MRR@10 都不得低于起点")
    fusion.add_argument("--part", choices=PARTS, default="all", help=PART_HELP)
    adapter = sub.add_parser("fit-adapter", help="用问题集的开发部分拟合查询适配器（问题向量的线性映射）")
    adapter.add_argument("files", type=Path, nargs="+", help="问题文件（jsonl，含 gold 条文）")
    adapter.add_argument("--out", type=Path, required=True, help="写出的适配器（npz）")
    adapter.add_argument("--part", choices=PARTS, default="all", help=PART_HELP)
    diff = sub.add_parser("diff", help="新旧对照：对齐旧版与现行版本，列出新增、删除、修改、条号变动")
    diff.add_argument("name", nargs="?", default="", help="文件名称或简称，如 行政复议法")
    diff.add_argument("--markdown", type=Path, help="同时写出 Markdown 对照表")
    sub.add_parser("stats", help="使用统计（审计日志）：提问、拒答、反馈、知识库规模")
    sub.add_parser("serve", help="启动 Telegram 机器人（需设置 TELEGRAM_BOT_TOKEN）")
    deadline = sub.add_parser("deadline", help="期限推算：如 “处罚决定书3月5日送达，最晚哪天申请复议？”")
    deadline.add_argument("question", nargs="*")
    deadlines = sub.add_parser("deadlines", help="列出一部法律中的全部期限（从条文中提取）")
    deadlines.add_argument("name", help="文件名称或简称，如 复议法")
    line = sub.add_parser("timeline", help="程序时间线：如 timeline 复议 2024-09-20")
    line.add_argument("procedure", nargs="?", default="", help="程序名，如 复议")
    line.add_argument("start", nargs="?", default="", help="起点日期（知道或者应当知道行政行为之日）")
