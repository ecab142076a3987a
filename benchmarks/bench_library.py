"""The national library at full size (1,564 documents, ~70,000 passages). Prints numbers; asserts nothing.

python benchmarks/bench_library.py ingest --work /work/scale   # bare embedder speed, then the full ingest
python benchmarks/bench_library.py serve --work /work/scale    # cold start, RSS, ask p50/p95, STARD, one-file re-ingest

`ingest` copies the shipped knowledge/ to WORK/knowledge and adds the library the way an admin
does (`python -m ingest library add`), so curated duplicates are dropped exactly as in use. A run
that is killed resumes from the vector cache: run the same command again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.chunking import chunk_document  # noqa: E402
from ingest.embedders import make_embedder  # noqa: E402
from ingest.loaders import discover, load_document  # noqa: E402

TARBALL = ROOT.parent / "shared" / "corpus-scale" / "lawrefbook-national.tar.gz"


def environment(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "FAZHI_INDEX__KNOWLEDGE_DIR": str(work / "knowledge"),
        "FAZHI_INDEX__DATA_DIR": str(work / "data"),
    }


def bare_embedder_speed(knowledge: Path, sample: int) -> float:
    """Passages per second of the embedder alone, on library passages as ingest embeds them."""
    texts: list[str] = []
    for path in discover(knowledge / "library")[::7]:
        for chunk in chunk_document(load_document(path, knowledge), 480):
            texts.append(f"{chunk.context}\n{chunk.text}")
        if len(texts) >= sample:
            break
    embedder = make_embedder(_settings().embedding)
    embedder.embed_documents(texts[:32])  # warm-up
    started = time.perf_counter()
    embedder.embed_documents(texts[:sample])
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["ingest", "serve"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/fazhi-library"))
    parser.add_argument("--sample", type=int, default=256)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.step == "ingest":
        ingest(args.work, args.sample)


if __name__ == "__main__":
    main()
