"""Cost of building one generation's BM25 index (each re-ingest builds it from the chunk store's
tokens), at the shipped size and at the national library's, from the shipped index's passages
repeated under new ids. Prints numbers.

python -m ingest run && python benchmarks/bench_bm25.py            # 1,549 and 70,000 passages
python benchmarks/bench_bm25.py 1549 20000 70000
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import lexical  # noqa: E402
from ingest.chunk_store import ChunkStore  # noqa: E402
from ingest.manifest import Manifest  # noqa: E402
from ingest.settings import load_settings  # noqa: E402


def main() -> None:
    sizes = [int(n) for n in sys.argv[1:]] or [1549, 70_000]
    settings = load_settings()
    manifest = Manifest.load(settings.data_dir)
    if manifest is None:
        sys.exit("no index: run python -m ingest run first")
    shipped = ChunkStore.open(settings.data_dir, manifest.prefix)
    named = [cid for record in manifest.documents.values() for cid in record.chunk_ids]
    rows = list(shipped.rows(named))
    shipped.close()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            store = ChunkStore.open(Path(tmp) / f"store-{size}", "bench")
            copies = [r._replace(id=f"{n}-{r.id}") for n in range(size // len(rows) + 1) for r in rows]
            copies = copies[:size]
            store.put_many(copies)
            ids = [r.id for r in copies]
            start = time.perf_counter()
            tokens = store.tokens(ids)
            read = time.perf_counter() - start
            lexical.build(Path(tmp) / f"bm25-{size}", ((cid, tokens[cid]) for cid in ids))
            results[f"{size} passages: read tokens (s)"] = round(read, 2)
            results[f"{size} passages: read and build (s)"] = round(time.perf_counter() - start, 2)
            store.close()
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
