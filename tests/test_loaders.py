"""Every supported format loads; every bad file is refused with a reason."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ingest.chunking import chunk_document
from ingest.errors import LoadError
from ingest.loaders import load_document

POLICY = "# 余杭区行政复议工作规范\n\n一、总体要求\n\n（一）坚持便民。申请人可以通过网上平台提交申请。\n\n（二）限时办结。复议机构应当在五日内审查。\n"
LAW = "某某条例\n\n第一条 为了规范工作，制定本条例。\n\n第二条 本条例自2025年1月1日起施行。\n"


def _write_pdf(path: Path, lines: list[str]) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        pdf.drawString(50, 800 - 20 * i, line)
    pdf.save()


def test_markdown_front_matter(tmp_path: Path) -> None:
    (tmp_path / "laws").mkdir()
    path = tmp_path / "laws" / "x-2020.md"
    path.write_text(
        "---\ntitle: 某某法\nversion: '2020'\nkind: law\nstatus: in_force\n"
        "effective: 2020-05-01\nrevised: 2020-01-01\n---\n" + LAW,
        encoding="utf-8",
    )
    doc = load_document(path, tmp_path)
    assert (doc.meta.title, doc.meta.version, doc.meta.effective) == ("某某法", "2020", "2020-05-01")
    assert doc.meta.edition == "2020年修订"
    assert [c.article for c in chunk_document(doc, 480)] == ["第一条", "第二条"]


def test_characters_that_show_as_nothing_are_not_part_of_an_articles_text(tmp_path: Path) -> None:
    # The national library's 民事诉讼法 has lines made only of a zero-width space after articles.
    (tmp_path / "laws").mkdir()
    path = tmp_path / "laws" / "x-2020.md"
    path.write_text(
        "\ufeff某某条例\n\n第一条 为了规范工作，制定\u200b本条例。\n\u200b\n\n第二条 本条例自2025年1月1日起施行。\n\u200b\n",
        encoding="utf-8",
    )
    chunks = chunk_document(load_document(path, tmp_path), 480)
    assert [c.text for c in chunks] == ["第一条 为了规范工作，制定本条例。", "第二条 本条例自2025年1月1日起施行。"]


def test_plain_text_metadata_from_file(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    path = tmp_path / "policies" / "复议规范2024.txt"
    path.write_text(POLICY, encoding="gb18030")  # an older Windows encoding still decodes
    doc = load_document(path, tmp_path)
    assert doc.meta.title == "余杭区行政复议工作规范"
    assert doc.meta.version == "2024" and doc.meta.kind == "policy"
    chunks = chunk_document(doc, 480)
    assert chunks[0].section.startswith("一、总体要求 > （一）坚持便民")


def test_docx(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("复议听证规则", level=1)
    document.add_paragraph("第一条 审理重大、疑难、复杂的案件，应当组织听证。")
    document.add_paragraph("第二条 听证由三名以上复议人员参加。")
    path = tmp_path / "rules-2023.docx"
    document.save(str(path))
    doc = load_document(path, tmp_path)
    assert doc.meta.title == "复议听证规则"
    assert [c.article for c in chunk_document(doc, 480)] == ["第一条", "第二条"]


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "notice-2022.pdf"
    _write_pdf(path, ["第一条 行政复议申请可以书面提出。", "第二条 口头申请的，应当当场记录。"])
    doc = load_document(path, tmp_path)
    assert "口头申请" in doc.body
    assert [c.article for c in chunk_document(doc, 480)] == ["第一条", "第二条"]


def test_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>通知</title><script>x()</script></head><body>"
        "<h1>关于复议的通知</h1><p>第一条 申请人应当如实提交材料。</p>"
        "<p>第二条 本通知自发布之日起施行。</p></body></html>",
        encoding="utf-8",
    )
    doc = load_document(path, tmp_path)
    assert doc.meta.title == "关于复议的通知" and "x()" not in doc.body
    assert len(chunk_document(doc, 480)) == 2


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.md", b"", "没有正文"),
        ("blank.txt", b"   \n\n ", "没有正文"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "PDF"),
        ("broken.docx", b"PK\x03\x04 not a zip", "DOCX"),
        ("binary.txt", b"\xff\xfe\xfa\x00\x81\xff" * 20, "编码"),
        ("bad-front.md", "---\ntitle: [未闭合\n---\n第一条 内容。".encode(), "front matter"),
        ("bad-status.md", "---\ntitle: 某法\nstatus: maybe\n---\n第一条 内容。".encode(), "status"),
    ],
)
def test_bad_documents_are_refused_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError, match=reason) as info:
        load_document(path, tmp_path)
    assert name in str(info.value)


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    canvas.Canvas(str(path)).save()  # a page with no text at all
    with pytest.raises(LoadError, match="文本层"):
        load_document(path, tmp_path)
