"""The national library (LawRefBook layout: no front matter, title in the heading, date in the
file name) added and removed the way an admin does it, with `python -m ingest library`."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

import frontmatter
import pytest

from bot.app import Assistant
from bot.core.answer import InvalidQuestionError
from bot.core.law_prior import LawPrior
from bot.core.summary import summarize
from ingest import learn_law_prior
from ingest.cli import main as ingest_main
from ingest.embedders import Embedder
from ingest.errors import ConfigError
from ingest.manifest import Manifest
from ingest.numerals import int_to_cn
from ingest.settings import PROJECT_ROOT, load_settings
from ingest.splits import held_back
from tests.conftest import KNOWLEDGE, copy_docs

CURATED = "laws/renmin-tiaojie-fa-2010.md"
REGULATION = "示例物业管理条例"
RULES = "示例业主委员会备案办法"  # made in 2012 under the 2011 text of REGULATION


def _law(title: str, history: str, articles: list[str], book: str = "", first: int = 1) -> str:
    heading = f"# {title}\n\n" + (f"# {book}\n\n" if book else "")
    body = "\n\n".join(f"第{int_to_cn(n)}条 {text}" for n, text in enumerate(articles, start=first))
    return f"{heading}{history}\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n{body}\n"


def _library(root: Path) -> Path:
    """A small library in LawRefBook's layout, packed as the bureau receives it."""
    files = {
        # the curated file's own text, as the library has it: indexed once, from the curated file
        "laws/诉讼与非诉讼程序法/人民调解法(2010-08-28).md": frontmatter.loads(
            (KNOWLEDGE / CURATED).read_text(encoding="utf-8")
        ).content,
        f"laws/行政法规/{REGULATION}(2011-01-08).md": _law(
            f"{REGULATION}",
            "2011年1月8日 国务院令第588号公布",
            ["业主大会会议每年召开一次。", "物业服务费用由业主按月交纳。"],
        ),
        f"laws/行政法规/{REGULATION}(2019-03-02).md": _law(
            f"{REGULATION}",
            "2011年1月8日 国务院令第588号公布\n\n2019年3月2日 国务院令第710号修订",
            ["业主大会会议每年至少召开两次。", "物业服务费用由业主按季度交纳。"],
        ),
        "laws/宪法/宪法.md": _law(
            "中华人民共和国宪法",
            "1982年12月4日 第五届全国人民代表大会第五次会议通过\n\n2018年3月11日 第十三届全国人民代表大会第一次会议修正",
            ["中华人民共和国的一切权力属于人民。"],
        ),
        f"laws/行政法规/{RULES}(2012-05-01).md": _law(
            RULES,
            "2012年5月1日 国务院令第600号公布",
            [
                f"根据《中华人民共和国宪法》和《{REGULATION}》，制定本办法。",
                "业主委员会应当在选举产生之日起三十日内备案。",
            ],
        ),
        "laws/司法解释/最高人民法院关于审理示例纠纷案件的解释(2020-12-29).md": _law(
            "最高人民法院关于审理示例纠纷案件的解释",
            "2020年12月29日 最高人民法院审判委员会通过",
            ["示例纠纷案件由被告住所地人民法院管辖。"],
        ),
        "laws/民法典/总则.md": _law(
            "中华人民共和国民法典",
            "2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n2021年1月1日 施行",
            [
                "为了保护民事主体的合法权益，制定本法。",
                "民事主体从事民事活动，应当遵循诚信原则，秉持诚实，恪守承诺。",
                "失踪人的财产代管人应当自受托之日起三十日内报告财产状况。",
            ],
            book="总则",
        ),
        "laws/民法典/合同编.md": _law(
            "中华人民共和国民法典",
            "2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n2021年1月1日 施行",
            [
                "本编调整因合同产生的民事关系。",
                "当事人订立合同，可以采用下列形式:（一）书面形式；（二）口头形式；（三）其他形式。",
            ],
            book="合同编",
            first=463,  # a code's books number their articles on: 合同编 opens with 第四百六十三条
        ),
    }
    tree = root / "unpacked"
    for name, text in files.items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text(text, encoding="utf-8")
    archive = root / "lawrefbook.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tree / "laws", arcname="laws")
    return archive


@pytest.fixture
def library_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    knowledge, data = tmp_path / "knowledge", tmp_path / "data"
    copy_docs(knowledge, CURATED)
    monkeypatch.setenv("FAZHI_INDEX__KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("FAZHI_INDEX__DATA_DIR", str(data))
    return knowledge, data


def test_library_add_reads_titles_versions_kinds_and_indexes_curated_laws_once(
    library_env: tuple[Path, Path], tmp_path: Path, embedder: Embedder, capsys: pytest.CaptureFixture[str]
) -> None:
    knowledge, data = library_env
    assert ingest_main(["library", "add", str(_library(tmp_path)), "--quiet"]) == 0
    said = capsys.readouterr().out
    assert "只索引已收录的一份：1 个" in said
    manifest = Manifest.load(data)
    assert manifest is not None
    docs = {record.source: record for record in manifest.documents.values()}
    old, new = (docs[f"library/laws/行政法规/{REGULATION}({d}).md"] for d in ("2011-01-08", "2019-03-02"))
    assert (new.title, new.version, new.kind, new.status) == (REGULATION, "2019", "regulation", "in_force")
    assert (old.version, old.status, old.superseded_by) == ("2011", "superseded", new.doc_id)
    interpretation = docs["library/laws/司法解释/最高人民法院关于审理示例纠纷案件的解释(2020-12-29).md"]
    assert interpretation.kind == "judicial_interpretation"
    books = [docs["library/laws/民法典/总则.md"], docs["library/laws/民法典/合同编.md"]]
    assert {(b.title, b.version, b.status, b.effective) for b in books} == {
        ("中华人民共和国民法典", "2020", "in_force", "2021-01-01")
    }
    same_law = [r for r in docs.values() if r.title == "中华人民共和国人民调解法"]
    assert [r.source for r in same_law] == [CURATED]  # the library's copy is not indexed twice

    assistant = Assistant(load_settings(), embedder=embedder)
    answer = assistant.services.answerer.ask("人民调解委员会调解民间纠纷收费吗？")
    sources = [c.source for c in answer.citations if c.title == "中华人民共和国人民调解法"]
    assert sources and set(sources) == {CURATED}
    fee = assistant.services.answerer.ask(f"{REGULATION}规定物业服务费用怎么交纳？")
    assert "按季度" in fee.text and "2019" in fee.citations[0].version  # the version in force leads

    # A code in books is summarised whole, in the order of its articles, or book by book.
    code = summarize(assistant.services, "民法典")
    assert [(b.citation.source.split("/")[-1], b.citation.article) for b in code.bullets] == [
        ("总则.md", "第二条"),
        ("总则.md", "第三条"),
        ("合同编.md", "第四百六十四条"),
    ]
    book = assistant.services.answerer.ask("民法典合同编讲了什么？")
    assert book.mode == "summary" and book.text.startswith("《中华人民共和国民法典》合同编摘要")
    assert [c.article for c in book.citations] == ["第四百六十四条"]
    # a list whose lead-in ends in an ASCII colon is marked as continuing, not cut after its first item
    assert "可以采用下列形式:……" in book.text and "（一）" not in book.text
    assert summarize(assistant.services, "民法典 第二编").title == "《中华人民共和国民法典》合同编"
    with pytest.raises(InvalidQuestionError, match="请写明哪一编"):
        summarize(assistant.services, "民法典 第一章")
    toc = assistant.services.answerer.ask("民法典分哪几编？")
    assert toc.mode == "outline" and toc.text.splitlines()[1:5] == [
        "总则（第一条至第三条）",
        "　第一章 总则（第一条至第三条）",
        "合同编（第四百六十三条至第四百六十四条）",
        "　第一章 总则（第四百六十三条至第四百六十四条）",
    ]
    # the periods of every book are listed (it listed the first book in the manifest, 合同编: none)
    listed = subprocess.run(
        [sys.executable, "-m", "bot", "deadlines", "民法典"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0 and "第三条 期限 30日 起算：自受托之日起" in listed.stdout, listed

    # A rule made under a regulation revised since says so; the 宪法, every law's basis, does not count.
    basis = assistant.services.answerer.revised_basis
    flagged = {d.title: [law.title + law.version for law in basis.of(d)] for d in assistant.services.index.documents}
    assert {title: laws for title, laws in flagged.items() if laws} == {RULES: [f"{REGULATION}2019"]}
    rules = assistant.services.answerer.ask(f"{RULES}规定业主委员会选举产生后多少日内备案？")
    assert rules.citations[0].title == RULES and f"所依据的《{REGULATION}》此后已修订" in rules.notice

    assert ingest_main(["library", "remove", "--quiet"]) == 0
    after = Manifest.load(data)
    assert after is not None and {r.source for r in after.documents.values()} == {CURATED}
    assert not (knowledge / "library").exists()


def test_a_question_naming_no_law_prefers_the_laws_people_ask_about(
    library_env: tuple[Path, Path], tmp_path: Path, embedder: Embedder
) -> None:
    """Two library regulations say the same; the learned law prior decides which one answers a
    question that names neither, and gives way when the question names one."""
    knowledge, _data = library_env
    same = ["养犬人应当在取得犬只后三十日内办理养犬登记。", "养犬登记证有效期为一年。"]
    first, second = "示例甲市养犬管理条例", "示例乙市养犬管理条例"
    for title in (first, second):
        path = knowledge / "library" / "laws" / "地方性法规" / f"{title}(2020-01-01).md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_law(title, "2020年1月1日 通过", same), encoding="utf-8")
    assert ingest_main(["run", "--quiet"]) == 0

    def lead(question: str, asked_about: str) -> str:
        table = tmp_path / f"prior-{asked_about}.toml"
        learned = learn_law_prior.learn([{"id": "dev-row", "gold": [{"law": asked_about, "article": "第一条"}]}])
        assert learned, "the row id must fall in the development part"
        table.write_text(learn_law_prior.render(learned, "test", 1), encoding="utf-8")
        settings = load_settings().with_overrides(
            index={"law_prior_file": str(table)}, retrieval={"law_prior_weight": 1.0}
        )
        retriever = Assistant(settings, embedder=embedder).services.retriever
        assert retriever.law_prior is not None and retriever.law_prior.share("中华人民共和国人民调解法") == 1.0
        return retriever.retrieve(question).evidence[0].chunk.title

    assert lead("养狗多久之内要去登记？", first) == first
    assert lead("养狗多久之内要去登记？", second) == second
    assert lead(f"{first}规定养狗多久之内要去登记？", second) == first  # a named law is the one asked about


def test_the_law_prior_learns_from_the_development_part_only_and_refuses_a_bad_table(tmp_path: Path) -> None:
    rows = [{"id": f"q{n}", "gold": [{"law": f"法{n}", "article": "第一条"}]} for n in range(40)]
    learned = learn_law_prior.learn(rows)
    assert set(learned) == {f"法{n}" for n in range(40) if not held_back(f"q{n}")} and len(learned) < 40
    table = tmp_path / "prior.toml"
    table.write_text('[laws]\n"法1" = "many"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="正整数"):
        LawPrior.load(table)
    with pytest.raises(ConfigError, match="无法读取"):
        LawPrior.load(tmp_path / "missing.toml")


def test_a_learner_given_a_broken_question_file_names_the_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text('{"id": "q1", "query": "？", "gold": []}\n{"id": "q2", "query": \n', encoding="utf-8")
    out = tmp_path / "prior.toml"
    assert learn_law_prior.main([str(questions), "--out", str(out)]) == 2
    assert "questions.jsonl:2" in capsys.readouterr().err and not out.exists()
    assert learn_law_prior.main([str(tmp_path / "missing.jsonl"), "--out", str(out)]) == 2
    assert "无法读取问题文件" in capsys.readouterr().err and not out.exists()
