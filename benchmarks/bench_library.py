"""The national library at full size (1,564 documents, ~70,000 passages). Prints numbers; asserts nothing.

python benchmarks/bench_library.py ingest --work /work/scale   # bare embedder speed, then the full ingest
python benchmarks/bench_library.py serve --work /work/scale    # cold start, RSS, ask p50/p95, STARD, one-file re-ingest
python benchmarks/bench_library.py adapter --work /work/scale  # ask p50/p95 without and with the query adapter

`ingest` copies the shipped knowledge/ to WORK/knowledge and adds the library the way an admin
does (`python -m ingest library add`), so curated duplicates are dropped exactly as in use. A run
that is killed resumes from the vector cache: run the same command again.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.chunking import chunk_document  # noqa: E402
from ingest.embedders import make_embedder  # noqa: E402
from ingest.loaders import discover, load_document  # noqa: E402

TARBALL = ROOT.parent / "shared" / "corpus-scale" / "lawrefbook-national.tar.gz"


def p95(values: list[float]) -> float:
    """Interpolated like `bot eval`'s percentiles, so the two read alike on the same latencies."""
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def environment(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "FAZHI_INDEX__KNOWLEDGE_DIR": str(work / "knowledge"),
        "FAZHI_INDEX__DATA_DIR": str(work / "data"),
    }


def bare_embedder_speed(knowledge: Path, sample: int) -> float:
    """Passages per second of the embedder alone, on a random sample of library passages as ingest
    embeds them (context line + text), in batches of 32 as ingest does."""
    texts = [
        f"{chunk.context}\n{chunk.text}"
        for path in discover(knowledge / "library")
        for chunk in chunk_document(load_document(path, knowledge), 480)
    ]
    texts = random.Random(7).sample(texts, sample)
    embedder = make_embedder(_settings().embedding)
    embedder.embed_documents(texts[:32])  # warm-up
    started = time.perf_counter()
    for start in range(0, sample, 32):
        embedder.embed_documents(texts[start : start + 32])
    return sample / (time.perf_counter() - started)


def _settings():  # type: ignore[no-untyped-def]
    from ingest.settings import load_settings

    return load_settings(ROOT / "config.toml")


def ingest(work: Path, sample: int) -> None:
    knowledge = work / "knowledge"
    if not knowledge.exists():
        shutil.copytree(ROOT / "knowledge", knowledge)
    env = environment(work)
    if not (knowledge / "library").exists():
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from ingest import library, cli; from pathlib import Path;"
                f"library.add(Path({str(knowledge)!r}), Path({str(TARBALL)!r}))",
            ],
            check=True,
            env=env,
        )
    speed = bare_embedder_speed(knowledge, sample)
    print(f"bare embedder: {speed:.1f} passages/s ({sample} library passages, batch 32)", flush=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ingest", "run"], env=env, cwd=ROOT, text=True, capture_output=True)
    seconds = time.perf_counter() - started
    print(done.stdout[-3000:], done.stderr[-1500:])
    print(f"full ingest: {seconds:.0f} s (exit {done.returncode})")


FLAGSHIP = "行政复议申请期限是多久？"
_PROBE = """
import json, resource, sys, time
started = time.perf_counter()
from bot.app import Assistant
from ingest.settings import load_settings
assistant = Assistant(load_settings())
opened = time.perf_counter()
answer = assistant.services.answerer.ask(sys.argv[1])
done = time.perf_counter()
lead = answer.citations[0] if answer.citations else None
print(json.dumps({"open_s": opened - started, "first_answer_s": done - started,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "lead": f"{lead.title} {lead.version} {lead.article}" if lead else "（拒答）"}, ensure_ascii=False))
"""


def probe(env: dict[str, str], question: str = FLAGSHIP) -> dict[str, Any]:
    """A new process, started as a user starts one: open the index, answer one question."""
    done = subprocess.run([sys.executable, "-c", _PROBE, question], env=env, cwd=ROOT, text=True, capture_output=True)
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def timed_run(env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "ingest", "run", "--quiet"], env=env, cwd=ROOT, text=True, capture_output=True
    )
    return time.perf_counter() - started, (done.stdout + done.stderr).strip()


def one_file_change(work: Path, env: dict[str, str], name: str) -> None:
    """Change, add and delete one file of the 70k-passage index; each re-ingest timed, in a process
    of its own (as an admin runs it)."""
    target = work / "knowledge" / name
    original = target.read_text(encoding="utf-8")
    extra = target.with_name("示例新增条例(2026-11-25).md")
    steps = [
        (
            "change one file",
            lambda: target.write_text(original + "\n第九百九十九条 本条为基准测试所加。\n", "utf-8"),
        ),
        ("add one file", lambda: extra.write_text("# 示例新增条例\n\n第一条 本条例自公布之日起施行。\n", "utf-8")),
        ("delete one file", lambda: extra.unlink()),
        ("restore the changed file", lambda: target.write_text(original, "utf-8")),
    ]
    for label, change in steps:
        change()
        seconds, said = timed_run(env)
        lines = said.splitlines()
        took = next((line for line in lines if line.startswith("用时")), "")
        print(f"{label}: {seconds:.1f} s wall incl. process start and model load; in the run: {took} {lines[0][:80]}")


def killed_runs(work: Path, env: dict[str, str], name: str) -> None:
    """kill -9 at several moments of an incremental re-ingest; each time the previous state answers."""
    target = work / "knowledge" / name
    original = target.read_text(encoding="utf-8")
    added = "".join(f"\n第{n}百九十九条 本条为中断测试所加，第{n}次。\n" for n in "一二三四五六七八九")
    target.write_text(original + added, encoding="utf-8")  # each killed run has this to embed and write
    for delay in (0.5, 1.5, 2.5, 3.5, 4.5):
        proc = subprocess.Popen(
            [sys.executable, "-m", "ingest", "run", "--quiet"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = probe(env)
        print(f"kill -9 after {delay} s: next reader leads with {after['lead']}")
    target.write_text(original, encoding="utf-8")
    seconds, said = timed_run(env)
    print(f"after the kills, a normal run: {seconds:.1f} s; {said.splitlines()[0][:90]}")


def serve(work: Path, stard: Path, dev: Path, parts: list[str], target: str, sample: int) -> None:
    env = environment(work)
    speed = bare_embedder_speed(work / "knowledge", sample)
    print(f"bare embedder: {speed:.1f} passages/s ({sample} random library passages, batches of 32)", flush=True)
    seconds, said = timed_run(env)
    print(f"bring the index up to date (vectors from the cache): {seconds:.0f} s\n{said[:600]}")
    cold = [probe(env) for _ in range(3)]
    best = min(cold, key=lambda c: float(c["first_answer_s"]))
    print(
        f"cold start to first answer (min of 3): {float(best['first_answer_s']):.2f} s "
        f"(index open {float(best['open_s']):.2f} s); serving RSS {float(best['rss_mb']):.0f} MB"
    )
    print(f"flagship 「{FLAGSHIP}」 leads with: {best['lead']}")
    from bot.app import Assistant
    from bot.core.evaluate import evaluate, split_rows
    from ingest.settings import load_settings
    from ingest.splits import load_rows

    os.environ.update(env)
    assistant = Assistant(load_settings())
    answerer = assistant.services.answerer
    questions = [r["query"] for r in load_rows(dev)] + [r["query"] for r in load_rows(stard)[:100]]
    latencies = []
    for question in questions:
        started = time.perf_counter()
        answerer.ask(question)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    print(
        f"ask over {len(questions)} questions: p50 {statistics.median(latencies):.0f} ms, p95 {p95(latencies):.0f} ms"
    )
    rows = load_rows(stard)
    for part in parts:
        summary = evaluate(answerer, split_rows(rows, part)).summary()
        print(
            f"STARD {part} ({summary['n']}): "
            + "  ".join(
                f"{k}={summary[k]}"
                for k in (
                    "recall@1",
                    "recall@3",
                    "recall@10",
                    "recall@100",
                    "hit@1",
                    "hit@10",
                    "hit@100",
                    "mrr@10",
                    "lead_accuracy",
                )
            )
        )
    one_file_change(work, env, target)
    killed_runs(work, env, target)


def adapter_cost(work: Path, stard: Path, dev: Path, rounds: int = 3) -> None:
    """ask latency without and with the query adapter, in one process, rounds interleaved (the
    machine is shared: only the ratio measured side by side means much)."""
    from bot.app import Assistant
    from ingest.settings import load_settings
    from ingest.splits import load_rows

    os.environ.update(environment(work))
    settings = load_settings()
    setups = {
        "without": settings.with_overrides(index={"query_adapter_file": ""}),
        "with": settings.with_overrides(index={"query_adapter_file": str(ROOT / "knowledge" / "query_adapter.npz")}),
    }
    answerers = {name: Assistant(s).services.answerer for name, s in setups.items()}
    questions = [r["query"] for r in load_rows(dev)] + [r["query"] for r in load_rows(stard)[:100]]
    for answerer in answerers.values():
        answerer.ask(questions[0])  # warm-up
    latencies: dict[str, list[float]] = {name: [] for name in answerers}
    for _ in range(rounds):
        for name, answerer in answerers.items():
            for question in questions:
                started = time.perf_counter()
                answerer.ask(question)
                latencies[name].append((time.perf_counter() - started) * 1000)
    for name, values in latencies.items():
        values.sort()
        print(
            f"ask {name} the query adapter, {len(questions)} questions × {rounds}: "
            f"p50 {statistics.median(values):.1f} ms, p95 {p95(values):.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["ingest", "serve", "adapter"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/fazhi-library"))
    parser.add_argument("--sample", type=int, default=512)
    parser.add_argument("--stard", type=Path, default=ROOT.parent / "shared" / "eval" / "stard_train.jsonl")
    parser.add_argument("--dev", type=Path, default=ROOT / "eval" / "dev_qa.jsonl")
    parser.add_argument("--stard-parts", nargs="*", default=["held"], help="dev, held (none: skip STARD)")
    parser.add_argument(
        "--change", default="library/laws/行政法规/物业管理条例(2018-03-19).md", help="the file changed"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.step == "ingest":
        ingest(args.work, args.sample)
    elif args.step == "adapter":
        adapter_cost(args.work, args.stard, args.dev)
    else:
        serve(args.work, args.stard, args.dev, args.stard_parts, args.change, args.sample)


if __name__ == "__main__":
    main()
