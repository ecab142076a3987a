"""Learn everyday → statutory words from real consultation questions and the articles a lawyer
judged relevant to them (STARD's training split), and write them as a synonyms table.

    python -m ingest.learn_synonyms ../shared/eval/stard_train.jsonl ../shared/corpus-scale/lawrefbook-national.tar.gz

Only the development part of the file is read (`bot eval --split dev`; the held-back 30 % is
never seen here), so `bot eval --split held` measures what the table buys. For each question word,
the statute words that its questions' gold articles contain far more often than gold articles in
general are kept (at least MIN_PAIRS questions, lift ≥ MIN_LIFT), at most PER_WORD of them.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import tarfile
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from ingest.chunking import chunk_document
from ingest.errors import LoadError
from ingest.loaders import discover, load_document
from ingest.splits import development, read_rows
from ingest.tokenize import tokenize, words

_NUMERAL = re.compile(r"[零一二三四五六七八九十百千]{2,}|条$|^第|\d")
MIN_PAIRS = 3
MIN_LIFT = 4.0
PER_WORD = 3
MAX_QUESTION_SHARE = 0.03  # a word in more questions than this says nothing about their topic
MAX_ARTICLE_SHARE = 0.10  # nor does a statute word in more gold articles than this


def _articles(library: Path) -> dict[tuple[str, str], str]:
    """(title, 第X条) → article text, over the library (newest version of a title wins)."""
    texts: dict[tuple[str, str], tuple[str, str]] = {}
    for path in discover(library):
        try:
            document = load_document(path, library)
        except LoadError:
            continue
        for chunk in chunk_document(document, 100_000):
            if chunk.article:
                key = (document.meta.title, chunk.article)
                if key not in texts or document.meta.version > texts[key][0]:
                    texts[key] = (document.meta.version, chunk.text)
    return {key: text for key, (_version, text) in texts.items()}


def learn(rows: list[dict[str, object]], articles: dict[tuple[str, str], str]) -> dict[str, list[str]]:
    asked: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    together: dict[str, Counter[str]] = defaultdict(Counter)
    n = 0
    for row in rows:
        gold = row["gold"]
        assert isinstance(gold, list)
        texts = [articles.get((g["law"], g["article"]), "") for g in gold]
        if not any(texts):
            continue
        n += 1
        question = set(tokenize(str(row["query"])))
        statute = {w for w in words(" ".join(texts)) if len(w) >= 2 and not _NUMERAL.search(w)}
        asked.update(question)
        shown.update(statute)
        for word in question:
            together[word].update(statute - question)
    table: dict[str, list[str]] = {}
    for word, counts in together.items():
        if len(word) < 2 or asked[word] > MAX_QUESTION_SHARE * n:
            continue
        scored = []
        for statute_word, both in counts.items():
            if both < MIN_PAIRS or len(statute_word) < 2 or shown[statute_word] > MAX_ARTICLE_SHARE * n:
                continue
            lift = both * n / (asked[word] * shown[statute_word])
            if lift >= MIN_LIFT:
                scored.append((both * math.log(lift), statute_word))
        if scored:
            table[word] = [w for _, w in sorted(scored, reverse=True)[:PER_WORD]]
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.learn_synonyms")
    parser.add_argument("questions", type=Path, help="STARD-style JSONL (query, gold)")
    parser.add_argument("library", type=Path, help="the national library: its tar.gz or an unpacked folder")
    parser.add_argument("--out", type=Path, default=Path("knowledge/learned_synonyms.toml"))
    args = parser.parse_args(argv)
    if (rows := read_rows(args.questions)) is None:
        return 2
    train = development(rows)
    with tempfile.TemporaryDirectory() as tmp:
        library = args.library
        if library.is_file():
            with tarfile.open(library) as archive:
                archive.extractall(tmp, filter="data")
            library = Path(tmp)
        table = learn(train, _articles(library))
    header = (
        "# Learned by `python -m ingest.learn_synonyms` from the development part of STARD's training\n"
        f"# split ({len(train)} of {len(rows)} questions; the held-back part never read). Question word →\n"
        "# statute words its questions' gold articles use far more often than gold articles in general.\n"
        "# Added to BM25 terms like knowledge/synonyms.toml; do not edit by hand, rebuild instead.\n"
    )
    body = "\n".join(
        f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(table.items())
    )
    args.out.write_text(header + body + "\n", encoding="utf-8")
    print(f"{len(table)} 个问句词 → 法条词，写入 {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
