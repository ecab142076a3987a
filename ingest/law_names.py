"""Names of the laws the national library holds, as a data file
(`python -m ingest.law_names ../shared/corpus-scale/lawrefbook-national.tar.gz --out knowledge/law_names.toml`).

The bot reads them to know a law it does not hold when a question names one: 「治安管理处罚法第十条」
is not 行政处罚法第十条 (its short name 处罚法 stands inside the longer name), and the question is
told that the knowledge base lacks the 治安管理处罚法 instead of being answered from another law."""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
from pathlib import Path

from ingest.loaders import first_heading


def titles_in(archive: Path) -> list[str]:
    """Each Markdown file's title (its first `# ` line), once."""
    titles: set[str] = set()
    with tarfile.open(archive) as tar:
        for member in tar:
            if not (member.isfile() and member.name.endswith(".md")):
                continue
            handle = tar.extractfile(member)
            if handle is not None and (title := first_heading(handle.read().decode("utf-8", errors="replace"))):
                titles.add(title)
    return sorted(titles)


def render(titles: list[str], source: str) -> str:
    head = (
        "# Titles of the national library (LawRefBook/Laws), for recognising a law the knowledge base\n"
        f"# does not hold. Rebuilt by: python -m ingest.law_names {source} --out <this file>\n"
    )
    return head + "names = [\n" + "".join(f"  {json.dumps(t, ensure_ascii=False)},\n" for t in titles) + "]\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.law_names", description="国家法律库的法规名称表")
    parser.add_argument("archive", type=Path, help="lawrefbook-national.tar.gz")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        titles = titles_in(args.archive)
    except (OSError, tarfile.TarError) as exc:
        print(f"无法读取 {args.archive}：{exc}", file=sys.stderr)
        return 1
    args.out.write_text(render(titles, args.archive.name), encoding="utf-8")
    print(f"{len(titles)} 个名称 → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
