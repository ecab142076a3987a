"""`python -m ingest run|status|verify`: build and check the knowledge index."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from ingest import lexical, library, store
from ingest.arguments import ChineseArgumentParser
from ingest.chunk_store import ChunkStore
from ingest.errors import ConfigError, FazhiError, IngestBusyError
from ingest.loaders import discover
from ingest.manifest import Manifest
from ingest.pipeline import RunReport, file_sha256, run
from ingest.settings import Settings, load_settings

EXIT_OK, EXIT_SOME_FAILED, EXIT_ERROR, EXIT_BUSY = 0, 1, 2, 3


def format_report(report: RunReport) -> str:
    lines = []
    if not report.changed:
        lines.append(f"索引已是最新：{report.documents_total} 个文档，{report.chunks_total} 个段落，无需重新嵌入。")
    else:
        lines.append(
            f"索引已更新（第 {report.generation} 代）：{report.documents_total} 个文档，"
            f"{report.chunks_total} 个段落；新增段落 {report.chunks_added}，删除段落 "
            f"{report.chunks_removed}，本次嵌入 {report.embedded}，复用向量 {report.reused_vectors}。"
        )
    for title, items in (
        ("新增文档", report.added),
        ("更新文档", report.updated),
        ("移除文档", report.removed),
        ("新版本取代旧版本", report.superseded),
    ):
        if items:
            lines.append(f"{title}（{len(items)}）：" + "；".join(items))
    if report.duplicates:
        lines.append(f"法律库中与已收录文档相同（标题和版本一致），只索引已收录的一份：{len(report.duplicates)} 个")
    if report.failed:
        lines.append(f"未能导入（{len(report.failed)}），已跳过，其余文档不受影响：")
        lines.extend(f"  - {source}：{reason}" for source, reason in sorted(report.failed.items()))
    lines.append(f"用时 {report.seconds:.1f} 秒。")
    return "\n".join(lines)


def _status(settings: Settings) -> int:
    manifest = Manifest.load(settings.data_dir)
    if manifest is None:
        print(f"尚未建立索引（{settings.data_dir}）。请运行：python -m ingest run")
        return EXIT_ERROR
    embedder = manifest.embedder
    print(f"索引：第 {manifest.generation} 代，集合 {manifest.collection}")
    print(f"嵌入模型：{embedder.get('backend')}:{embedder.get('model')}（{embedder.get('dimension')} 维）")
    print(f"文档 {len(manifest.documents)} 个，段落 {manifest.chunk_count} 个")
    for doc in sorted(manifest.documents.values(), key=lambda d: (d.kind, d.title, d.version)):
        status = "现行有效" if doc.status == "in_force" else "已被取代"
        note = f"（保留旧文本：{doc.stale_reason}）" if doc.stale_reason else ""
        print(
            f"  {doc.label} {doc.kind} {status} 施行 {doc.effective or '—'} "
            f"段落 {len(doc.chunk_ids)} {doc.source}{note}"
        )
    if manifest.failed:
        print("上次未能导入：")
        for source, reason in sorted(manifest.failed.items()):
            print(f"  - {source}：{reason}")
    last = manifest.last_run
    if last:
        print(f"上次运行：{last.get('finished')}，用时 {last.get('seconds')} 秒")
    return EXIT_OK


def _verify(settings: Settings) -> int:
    manifest = Manifest.load(settings.data_dir)
    if manifest is None:
        print("尚未建立索引。请运行：python -m ingest run")
        return EXIT_ERROR
    problems: list[str] = []
    configured = store.embedder_key(settings)
    if manifest.embedder_key != configured:
        problems.append(f"索引由嵌入模型 {manifest.embedder_key} 构建，当前配置为 {configured}")
    knowledge = settings.knowledge_dir
    on_disk = {p.relative_to(knowledge).as_posix(): p for p in discover(knowledge)}
    curated_twins = manifest.last_run.get("duplicates", {})
    for source, path in sorted(on_disk.items()):
        record = manifest.documents.get(source)
        if source in manifest.failed and record is None:
            problems.append(f"未索引（导入失败）：{source}：{manifest.failed[source]}")
        elif record is None and source not in curated_twins:
            problems.append(f"未索引：{source}")
        elif record is None:
            continue
        elif record.sha256 != file_sha256(path):
            problems.append(f"文件已修改，索引是旧的：{source}")
    problems.extend(f"文件已删除，仍在索引中：{s}" for s in sorted(set(manifest.documents) - set(on_disk)))
    client = store.make_client(settings)
    try:
        collection = client.get_collection(manifest.collection)
        count = collection.count()
    except Exception as exc:  # chromadb's not-found error type differs by version
        problems.append(f"向量集合 {manifest.collection} 无法打开：{exc}")
    else:
        built_with = (collection.metadata or {}).get("embedder_key")
        if built_with != manifest.embedder_key:
            problems.append(f"向量集合由 {built_with} 构建，清单记录 {manifest.embedder_key}")
        if count < manifest.chunk_count:  # more is fine: rows of older generations kept for readers
            problems.append(f"向量集合有 {count} 个段落，清单记录 {manifest.chunk_count} 个")
        named = [cid for record in manifest.documents.values() for cid in record.chunk_ids]
        rows = ChunkStore.open(settings.data_dir, manifest.prefix)
        try:
            missing = len(set(named) - rows.present(named))
        finally:
            rows.close()
        if missing:
            problems.append(f"段落库缺少 {missing} 个段落")
        bm25 = lexical.folder_for(settings.data_dir, manifest.generation_name)
        if not lexical.exists(bm25):
            problems.append("BM25 索引缺失")
        elif lost := len(set(named) - lexical.LexicalIndex.open(bm25).ids()):
            problems.append(f"BM25 索引缺少 {lost} 个段落")
    if problems:
        print("索引与 knowledge/ 不一致：")
        print("\n".join(f"  - {p}" for p in problems))
        print("请运行：python -m ingest run")
        return EXIT_SOME_FAILED
    print(f"索引与 knowledge/ 一致：{len(on_disk)} 个文件，{manifest.chunk_count} 个段落。")
    return EXIT_OK


def _change_library(settings: Settings, action: str, path: Path | None) -> None:
    if action == "add":
        if path is None:
            raise ConfigError("请给出法律库压缩包或目录：python -m ingest library add 路径")
        count = library.add(settings.knowledge_dir, path)
        print(f"已将法律库（{count} 个文件）放入 {library.library_dir(settings.knowledge_dir)}，开始导入…")
    else:
        count = library.remove(settings.knowledge_dir)
        print(f"已移除法律库（{count} 个文件），开始导入…" if count else "知识库中没有法律库，无需移除。")


def quiet_broken_pipe(run_main: Callable[[list[str] | None], int], argv: list[str] | None) -> int:
    """Output piped into `head` and the like closing early is not an error."""
    try:
        return run_main(argv)
    except BrokenPipeError:
        sys.stderr.close()
        return 0


def main(argv: list[str] | None = None) -> int:
    return quiet_broken_pipe(_main, argv)


def _main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="python -m ingest", description="知识库索引：导入、状态、校验")
    parser.add_argument("--config", type=Path, help="config.toml 路径（默认：FAZHI_CONFIG 或 ./config.toml）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    run_parser = sub.add_parser("run", help="增量导入 knowledge/ 中新增、修改、删除的文档")
    run_parser.add_argument("--quiet", action="store_true", help="不显示进度条")
    run_parser.add_argument("--wait", action="store_true", help="另一个导入正在进行时排队等待，而不是退出")
    library = sub.add_parser("library", help="加入或移除全国法律库（knowledge/library/）并重新导入")
    library.add_argument("action", choices=["add", "remove"])
    library.add_argument("path", nargs="?", type=Path, help="法律库压缩包（tar.gz）或目录（add 时必填）")
    library.add_argument("--quiet", action="store_true", help="不显示进度条")
    library.add_argument("--wait", action="store_true", help="另一个导入正在进行时排队等待，而不是退出")
    sub.add_parser("status", help="显示索引内容、版本、数量、嵌入模型和上次运行")
    sub.add_parser("verify", help="检查索引是否与 knowledge/ 一致")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.config)
        if args.command == "status":
            return _status(settings)
        if args.command == "verify":
            return _verify(settings)
        if args.command == "library":
            _change_library(settings, args.action, args.path)
        report = run(settings, progress=not args.quiet, wait=args.wait)
    except ConfigError as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return EXIT_ERROR
    except IngestBusyError as exc:
        print(f"{exc}（可加 --wait 排队等待）", file=sys.stderr)
        return EXIT_BUSY
    except PermissionError as exc:
        print(
            f"无法写入 {exc.filename or settings.data_dir}：{exc.strerror or exc}。请检查 index.data_dir 和目录权限。",
            file=sys.stderr,
        )
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("已中断：索引保持上一次完成时的状态。", file=sys.stderr)
        return 130
    except FazhiError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_ERROR
    print(format_report(report))
    return EXIT_SOME_FAILED if report.failed else EXIT_OK
