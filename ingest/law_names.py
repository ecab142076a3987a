"""Names of the laws the national library holds, as a data file
(`python -m ingest.law_names ../shared/corpus-scale/lawrefbook-national.tar.gz --out knowledge/law_names.toml`).

The bot reads them to know a law it does not hold when a question names one: 「治安管理处罚法第十条」
is not 行政处罚法第十条 (its short name 处罚法 stands inside the longer name), and the question is
told that the knowledge base lacks the 治安管理处罚法 instead of being answered from another law."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.library import files_in, table_main


def titles_in(archive: Path) -> list[str]:
    """Each Markdown file's title (its first `# ` line), once."""
    return sorted({title for _, title, _ in files_in(archive)})


def render(titles: list[str], source: str) -> str:
    head = (
        "# Titles of the national library (LawRefBook/Laws), for recognising a law the knowledge base\n"
        f"# does not hold. Rebuilt by: python -m ingest.law_names {source} --out <this file>\n"
    )
    return head + "names = [\n" + "".join(f"  {json.dumps(t, ensure_ascii=False)},\n" for t in titles) + "]\n"


def main(argv: list[str] | None = None) -> int:
    return table_main(
        argv, name="law_names", description="国家法律库的法规名称表", build=titles_in, render=render, unit="名称"
    )


if __name__ == "__main__":
    raise SystemExit(main())
