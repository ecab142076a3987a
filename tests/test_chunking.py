"""Chunking the shipped corpus: every article is one retrievable unit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.chunking import chunk_document, split_long, split_sentences
from ingest.loaders import discover, load_document
from ingest.numerals import cn_to_int, int_to_cn
from tests.conftest import KNOWLEDGE

# Article counts as listed in the corpus README.
ARTICLES = {
    "fagui-guizhang-beian-shencha-tiaoli-2024": 26,
    "fagui-guizhang-beian-tiaoli-2001": 22,
    "falv-yuanzhu-fa-2021": 71,
    "guizhang-zhiding-chengxu-tiaoli-2017": 41,
    "guojia-peichang-fa-2012": 42,
    "lvshi-fa-2017": 60,
    "renmin-tiaojie-fa-2010": 35,
    "xingzheng-chufa-fa-2021": 86,
    "xingzheng-fuyi-fa-2017": 43,
    "xingzheng-fuyi-fa-2023": 90,
    "xingzheng-fuyi-fa-shishi-tiaoli-2007": 66,
    "xingzheng-qiangzhi-fa-2011": 71,
    "xingzheng-susong-fa-2017": 103,
    "xingzheng-susong-fa-jieshi-2018": 163,
    "xingzheng-xuke-fa-2019": 83,
    "xingzheng-zhifa-yisong-guiding-2020": 20,
    "zhejiang-falv-yuanzhu-tiaoli-2016": 30,
    "zhejiang-zonghe-xingzheng-zhifa-tiaoli-2021": 38,
    "zhengfu-xinxi-gongkai-tiaoli-2019": 56,
    "zhongda-xingzheng-juece-tiaoli-2019": 44,
}


def _chunks(stem: str, folder: str = "laws", limit: int = 480):  # type: ignore[no-untyped-def]
    doc = load_document(KNOWLEDGE / folder / f"{stem}.md", KNOWLEDGE)
    return doc, chunk_document(doc, limit)


@pytest.mark.parametrize("stem", sorted(ARTICLES))
def test_every_article_is_one_unit(stem: str) -> None:
    _, chunks = _chunks(stem)
    numbers = sorted({c.article_no for c in chunks if c.article})
    assert numbers == list(range(1, ARTICLES[stem] + 1))
    # Parts of a long article keep its id and are numbered 1, 2, …
    for number in numbers:
        parts = [c.part for c in chunks if c.article_no == number]
        assert parts == [0] or parts == list(range(1, len(parts) + 1))


@pytest.mark.parametrize("stem", sorted([*ARTICLES, "minshi-susong-fa-2023"]))
def test_no_line_of_an_article_is_made_of_characters_that_show_as_nothing(stem: str) -> None:
    # 民事诉讼法, from the national library, has a line of a zero-width space after many articles.
    _, chunks = _chunks(stem)
    for chunk in chunks:
        assert all(line.strip("\u200b\ufeff") for line in chunk.text.splitlines()), chunk.text[-60:]


def test_article_keeps_its_paragraphs_and_items_and_place() -> None:
    _, chunks = _chunks("xingzheng-fuyi-fa-2023")
    art11 = next(c for c in chunks if c.article == "第十一条")
    assert "（七）" in art11.text and "工伤认定" in art11.text
    assert art11.chapter == "第二章 行政复议申请" and art11.section == "第一节 行政复议范围"
    art20 = next(c for c in chunks if c.article == "第二十条")
    assert art20.text.count("\n") == 2  # three 款


def test_half_width_items_stay_with_their_article() -> None:
    _, chunks = _chunks("xingzheng-fuyi-fa-shishi-tiaoli-2007")
    art3 = next(c for c in chunks if c.article == "第三条")
    assert "(一)依照行政复议法第十八条" in art3.text and "(六)" in art3.text


def test_long_article_split_at_paragraphs_never_mid_sentence() -> None:
    _, chunks = _chunks("xingzheng-fuyi-fa-2023", limit=150)
    parts = [c for c in chunks if c.article == "第二十条"]
    assert len(parts) >= 2
    assert "\n".join(p.text for p in parts) == next(
        c.text for c in _chunks("xingzheng-fuyi-fa-2023")[1] if c.article == "第二十条"
    )


def test_report_chunks_carry_section_path_and_whole_sentences() -> None:
    _, chunks = _chunks("yuhang-sifaju-fazhi-zhengfu-baogao-2023", folder="reports")
    sections = {c.section.split(" > ")[0] for c in chunks}
    assert {"一、主要举措和成效", "三、存在的问题和不足", "四、2024年工作思路"} <= sections
    for chunk in chunks:
        assert re.search(r"[。；;！？]$", chunk.text), chunk.text[-20:]
    golden = next(c for c in chunks if "黄金20条" in c.text)
    assert golden.section == "一、主要举措和成效 > （四）积极创建,全力提升法治化营商环境水平"


def test_chunk_ids_are_deterministic() -> None:
    _, first = _chunks("renmin-tiaojie-fa-2010")
    _, second = _chunks("renmin-tiaojie-fa-2010")
    assert [c.chunk_id for c in first] == [c.chunk_id for c in second]
    assert len({c.chunk_id for c in first}) == len(first)


def test_whole_corpus_loads() -> None:
    docs = [load_document(p, KNOWLEDGE) for p in discover(KNOWLEDGE)]
    assert len(docs) == 22  # 20 laws and regulations, 民事诉讼法 (2023) for period counting, the report
    superseded = {d.meta.doc_id for d in docs if d.meta.status == "superseded"}
    assert superseded == {"xingzheng-fuyi-fa-2017", "fagui-guizhang-beian-tiaoli-2001"}


def test_sentences_and_packing_lose_nothing() -> None:
    text = "第一句。第二句；第三句！没有句号的结尾"
    assert "".join(split_sentences(text)) == text
    assert split_long("甲。\n乙。", 100) == ["甲。\n乙。"]


@pytest.mark.parametrize("number", [1, 9, 10, 11, 20, 99, 100, 101, 103, 110, 119, 163])
def test_numerals_round_trip(number: int) -> None:
    assert cn_to_int(int_to_cn(number)) == number


def test_numerals_statute_forms() -> None:
    assert int_to_cn(20) == "二十" and int_to_cn(103) == "一百零三" and int_to_cn(110) == "一百一十"
    assert cn_to_int("两") == 2 and cn_to_int("20") == 20


def test_repeated_identical_passages_get_distinct_ids(tmp_path: Path) -> None:
    path = tmp_path / "amend-2020.md"
    path.write_text(
        "# 某决定\n\n第一条 删去第五条。\n\n第二条 本决定自公布之日起施行。\n\n第一条 删去第五条。\n", encoding="utf-8"
    )
    chunks = chunk_document(load_document(path, tmp_path), 480)
    ids = [c.chunk_id for c in chunks]
    assert len(ids) == len(set(ids)) == 3
    assert ids == [c.chunk_id for c in chunk_document(load_document(path, tmp_path), 480)]
