"""What a question names that the knowledge base does not hold is said plainly, not answered
from the nearest text."""

from __future__ import annotations

import json
import tarfile
import tomllib
from pathlib import Path

import pytest

from bot.app import Assistant
from bot.core.law_router import LawRouter
from bot.core.litigation import LitigationRouter
from bot.core.query import AliasTable, unknown_titles
from bot.core.scope import LawTerms
from ingest import law_names, law_terms, learn_law_router, learn_litigation
from ingest.errors import ConfigError


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # an article past the end of the law (it answered with the law's history)
        ("复议法第999条", "《中华人民共和国行政复议法》（2023年修订）没有第九百九十九条，该版本共 90 条"),
        # the old text is shorter than the new
        ("旧复议法第九十条", "（2017年修订）没有第九十条，该版本共 43 条"),
        # a chapter the law lacks (it answered with 第八条), asked or summarised
        ("复议法第八章", "没有第八章，共 7 章"),
        ("总结一下复议法第八章", "没有第八章，共 7 章"),
        # a section the chapter lacks (it answered with 第七十九条)
        ("行政诉讼法第七章第九节讲了什么", "（2017年修订）没有第七章第九节"),
        # an article of a law the base does not hold (it quoted 行政处罚法第三条)
        ("《不存在的法》第三条", "知识库中没有名为“《不存在的法》”的文件"),
        # written without 《》 (it quoted 民事诉讼法 articles that mention 民法典)
        ("民法典第三条", "知识库中没有名为“《民法典》”的文件"),
        ("请问刑法第20条是什么", "知识库中没有名为“《刑法》”的文件"),
        # a held law's short name inside another law's name (it quoted 行政处罚法第十条 for it)
        ("治安管理处罚法第十条", "知识库中没有名为“《治安管理处罚法》”的文件"),
        # an article and no document: every law has a 第二十条 (it quoted 移送规定's, 本规定自公布之日起施行)
        ("第二十条规定了什么", "多部文件都有第二十条，请写明是哪部文件的"),
        ("第20条", "多部文件都有第二十条"),
        ("第一百八十条", "只有《民事诉讼法》有第一百八十条"),
        ("第九百条", "现行文件都没有第九百条"),
    ],
)
def test_a_part_the_base_lacks_is_said_to_be_missing(assistant: Assistant, question: str, said: str) -> None:
    answer = assistant.services.answerer.ask(question)
    assert not answer.grounded and not answer.citations and said in answer.text, answer.text


def test_what_the_base_holds_is_answered_as_before(assistant: Assistant) -> None:
    answerer = assistant.services.answerer
    assert answerer.ask("复议法第九十条").citations[0].article == "第九十条"
    assert answerer.ask("旧复议法第四十三条").citations[0].article == "第四十三条"
    assert answerer.ask("复议法第七章讲了什么").mode == "summary"
    # a 《》 that names no law (a form, a certificate) is part of the question, not a missing document
    assert "知识库中没有" not in answerer.ask("拿到《行政复议决定书》后不服，多久内可以起诉？").text
    # a law pointed at, not named: searched, not said missing
    assert "知识库中没有" not in answerer.ask("本条例第三条怎么规定").text
    # an article named with what is asked of it: searched
    assert answerer.ask("第二十条规定的申请期限是多久").grounded


def test_a_topic_asked_of_a_document_the_base_lacks_says_so_first(assistant: Assistant) -> None:
    answer = assistant.services.answerer.ask("《法律援助条例》对申请法律援助的条件怎么规定？")
    assert answer.grounded and answer.notice.startswith("注意：知识库中没有《法律援助条例》")
    assert all(c.title != "法律援助条例" for c in answer.citations)


def test_a_law_the_base_lacks_named_in_passing_is_said_not_held(assistant: Assistant) -> None:
    """A name without 《》 is known from the national library's titles (knowledge/law_names.toml):
    「治安管理处罚法规定的……」 was answered as a question about the 行政处罚法 (its 处罚法), unannounced."""
    answerer = assistant.services.answerer
    answer = answerer.ask("市场监管局按食品安全法要罚二十万元，当事人可以要求听证吗？")
    assert answer.notice.startswith("注意：知识库中没有《食品安全法》")
    assert answer.citations[0].title == "中华人民共和国行政处罚法"
    # 法 going on into another word names no law; a held law named so is answered as before
    for held in (
        "公司法定代表人能代表公司申请复议吗？",
        "行政处罚法规定的听证程序是什么？",
        "行政法规和规章有什么区别？",
    ):
        assert "知识库中没有" not in answerer.ask(held).notice, held


@pytest.mark.parametrize(
    ("question", "law"),
    [
        # it quoted 行政处罚法第三十六条 (追责时效) under a notice
        ("治安管理处罚法规定的拘留最长几天？", "中华人民共和国治安管理处罚法"),
        # the subject alone, no 法: it quoted 行政强制法第四十九条 (划拨的存款……所得的款项)
        ("个人所得税起征点是多少？", "中华人民共和国个人所得税法"),
        # 保护法 names a law (「护法」 alone does not): it quoted 行政处罚法第三十条 (未成年人)
        ("未成年人保护法对网络游戏有什么规定？", "中华人民共和国未成年人保护法"),
        ("食品安全法里罚款最多多少？", "中华人民共和国食品安全法"),
    ],
)
def test_a_question_about_a_law_the_base_lacks_is_refused_naming_it(
    assistant: Assistant, question: str, law: str
) -> None:
    answer = assistant.services.answerer.ask(question)
    assert not answer.grounded and not answer.citations and f"这个问题涉及《{law}》，知识库没有收录该法" in answer.text


def test_a_question_in_the_terms_of_a_law_the_base_lacks_is_refused_naming_the_law(assistant: Assistant) -> None:
    """No law is named, but 肖像权 is the 民法典's word, one no shipped document uses: it is not
    answered from the nearest administrative article."""
    answer = assistant.services.answerer.ask("肖像权人可以随时解除肖像权许可合同吗？")
    assert not answer.grounded and not answer.citations, answer.text
    assert "「肖像权」" in answer.text and "《中华人民共和国民法典》" in answer.text


def test_a_law_term_tells_an_unheld_law_only_when_neither_the_law_nor_the_word_is_held() -> None:
    terms = LawTerms({"肖像权": ["中华人民共和国民法典"], "复议前置": ["中华人民共和国行政复议法"]})
    nowhere = terms.unheld(["肖像权", "复议前置", "还是"], {"中华人民共和国行政复议法"}, lambda word: False)
    assert nowhere == {"肖像权": ["中华人民共和国民法典"]}
    assert terms.unheld(["肖像权"], {"中华人民共和国民法典"}, lambda word: False) == {}  # the library added
    assert terms.unheld(["肖像权"], set(), lambda word: word == "肖像权") == {}  # a held document uses it


@pytest.mark.parametrize(
    ("question", "title"),
    [
        # the subject as the maker of the act asked about, or the rest of the question well grounded
        ("对公安机关作出的治安管理处罚决定不服，可以申请行政复议吗？", "中华人民共和国行政复议法"),
        ("土地管理部门作出的行政处罚，复议机关是谁？", "中华人民共和国行政复议法"),
        ("公务员对单位给的处分不服，能申请行政复议吗？", "中华人民共和国行政复议法"),
        # the subject as the place one goes to (看守所条例 is not held; 律师法第三十三条 says what a lawyer brings)
        ("我弟弟被刑拘了，律师到看守所会见他需要带哪些证明？", "中华人民共和国律师法"),
    ],
)
def test_a_held_procedure_asked_of_an_unheld_subject_is_answered(
    assistant: Assistant, question: str, title: str
) -> None:
    answer = assistant.services.answerer.ask(question)
    assert answer.grounded and answer.citations[0].title == title, answer.text


def test_a_question_that_says_a_held_laws_subject_is_answered_though_it_uses_another_laws_term(
    assistant: Assistant,
) -> None:
    """农民工 is a term of the 保障农民工工资支付条例, which the base lacks, but the question asks what 法律援助
    covers: 法律援助法第三十一条 (请求支付劳动报酬) answers it. It was refused, naming that regulation."""
    answer = assistant.services.answerer.ask("农民工讨工钱能申请法律援助吗？")
    assert answer.grounded, answer.text
    assert ("中华人民共和国法律援助法", "第三十一条") in [(c.title, c.article) for c in answer.citations], answer.text


@pytest.mark.parametrize(
    ("question", "article"),
    [
        # a tort is the 民法典's, but which court hears it is 民事诉讼法第三十条's (the question was refused)
        ("别人开车把我撞伤了，我该去哪个法院起诉？", "第三十条"),
        # 行为能力 is the 民法典's word; where to apply is 民事诉讼法第一百九十八条's (refused as the 民法典's)
        ("我奶奶糊涂了，想让法院宣布她没有行为能力，要去哪个法院？", "第一百九十八条"),
        # 「到哪儿起诉」 asks which court as well (it was refused as the 民法典's)
        ("坐高铁出了事故受了伤，铁路公司不赔，到哪儿起诉？", "第三十条"),
    ],
)
def test_which_court_hears_a_case_is_answered_from_the_procedure_law(
    assistant: Assistant, question: str, article: str
) -> None:
    answer = assistant.services.answerer.ask(question)
    assert answer.grounded and answer.citations, answer.text
    first = answer.citations[0]
    assert (first.title, first.article) == ("中华人民共和国民事诉讼法", article), answer.text


def test_a_period_no_passage_states_is_not_answered_with_a_passage_without_one(assistant: Assistant) -> None:
    """The 仲裁法 is not held: 民事诉讼法's articles on arbitral awards share the words but state no
    period. Quoting one would answer 「多少天」 with a text that has no number of days in it."""
    answer = assistant.services.answerer.ask("仲裁裁决不服，多少天内可以去法院？")
    assert not answer.grounded and not answer.citations
    assert "知识库中没有找到写明这一期限的条文" in answer.text
    # a period the base states is answered as before
    lead = assistant.services.answerer.ask("对复议决定不服，多少天内可以去法院起诉？").citations[0]
    assert (lead.title, lead.article) == ("中华人民共和国行政诉讼法", "第四十五条")
    # so is a term stated as one (「每届任期三年」: it was refused as a period no article states)
    answer = assistant.services.answerer.ask("人民调解委员会委员每届任期几年？")
    assert answer.grounded and "任期三年" in answer.text, answer.text
    assert (answer.citations[0].title, answer.citations[0].article) == ("中华人民共和国人民调解法", "第九条")
    # and hours (「二十四小时内将申请转交」)
    answer = assistant.services.answerer.ask("被羁押的人提出法律援助申请，看守所要在多长时间内转交？")
    assert answer.grounded and "二十四小时内" in answer.text, answer.text
    assert (answer.citations[0].title, answer.citations[0].article) == ("中华人民共和国法律援助法", "第三十九条")
    # and a period counted back from an event (「应当在开庭三日前用传票传唤当事人」)
    answer = assistant.services.answerer.ask("行政诉讼普通程序开庭前几日传唤当事人？")
    assert answer.grounded and "开庭三日前" in answer.text, answer.text
    assert answer.citations[0].article == "第七十一条", answer.citations[0].reference()


def test_a_period_is_stated_by_the_law_the_answer_leads_with(assistant: Assistant) -> None:
    """「工伤认定」 is the 工伤保险条例's, which the base lacks; 法律援助法第四十二条 names 工伤事故 and led,
    while another law's 「公告满一年」 among the cited passages passed for the period asked."""
    answer = assistant.services.answerer.ask("工伤认定申请后多久出结果？")
    assert not answer.grounded and not answer.citations, answer.text
    assert "知识库中没有找到写明这一期限的条文" in answer.text
    # a period written in digits is a period (规章制定程序条例: 「在举行听证会的30日前公布」)
    answer = assistant.services.answerer.ask("起草规章举行听证会，要提前多少天公布听证会的时间地点？")
    assert answer.grounded and "30日前" in answer.text, answer.text
    assert (answer.citations[0].title, answer.citations[0].article) == ("规章制定程序条例", "第十六条")


def test_a_lay_word_the_synonyms_give_a_statute_word_for_is_no_term_of_an_unheld_law(assistant: Assistant) -> None:
    """「银行卡」 is a word of 商业银行法 and others the base lacks; 行政强制法's 「存款」 is what a citizen
    means by 「银行卡里的钱」, and the question was refused naming those laws."""
    answer = assistant.services.answerer.ask("不是法律规定的机关，能直接划走我银行卡里的钱吗？")
    assert answer.grounded, answer.text
    assert (answer.citations[0].title, answer.citations[0].article) == ("中华人民共和国行政强制法", "第四十七条")


@pytest.mark.parametrize("question", ["司法局法律援助中心的联系电话是多少？", "复议机构的办公时间是几点到几点？"])
def test_a_telephone_number_or_office_hours_the_base_lacks_are_not_answered_from_a_text_naming_the_office(
    assistant: Assistant, question: str
) -> None:
    """The bureau's report names the bureau and 法律援助法第二十三条 says 电话; neither gives a number."""
    answer = assistant.services.answerer.ask(question)
    assert not answer.grounded and not answer.citations
    assert "知识库中没有找到写明这一联系方式的条文" in answer.text
    # asking whether a telephone number must be published is a question the statutes answer
    assert assistant.services.answerer.ask("政府信息公开工作机构的联系电话要不要公开？").grounded


def test_a_rate_the_report_does_not_give_is_not_answered_from_a_paragraph_on_its_topic(assistant: Assistant) -> None:
    """The 2023 report gives the 出庭率 and the 持证率, not a 纠错率: its 行政应诉 paragraph is no answer."""
    answer = assistant.services.answerer.ask("2023年复议案件的纠错率是多少？")
    assert not answer.grounded and not answer.citations
    assert "没有找到写明纠错率的内容" in answer.text, answer.text
    given = assistant.services.answerer.ask("行政机关负责人出庭率是多少？")
    assert given.grounded and "100%" in given.text, given.text


def test_a_proportion_no_statute_states_is_not_answered_from_an_article_on_its_topic(assistant: Assistant) -> None:
    """A share asked of the statutes (「比例是多少」) is stated as one (百分之三, 三分之一): 政府信息公开条例第四十六条 on
    its 考核制度 gives none and was quoted for 「考核优秀的比例」."""
    answer = assistant.services.answerer.ask("政府信息公开工作考核优秀的比例是多少？")
    assert not answer.grounded and not answer.citations
    assert "知识库中没有找到写明这一比例的条文" in answer.text, answer.text
    given = assistant.services.answerer.ask("逾期不缴纳罚款，每日按什么比例加处罚款？")
    assert given.grounded and "百分之三" in given.text, given.text
    assert (given.citations[0].title, given.citations[0].article) == ("中华人民共和国行政处罚法", "第七十二条")


def test_a_count_the_report_does_not_give_is_not_answered_from_its_paragraph_on_the_topic(
    assistant: Assistant,
) -> None:
    """「2023年我局办理了多少件行政复议案件」 quoted the report's 复议 paragraph, which gives a ratio (13.4:1)
    and no count of cases."""
    answer = assistant.services.answerer.ask("2023年我局办理了多少件行政复议案件？")
    assert not answer.grounded and not answer.citations
    assert "知识库收录的《余杭区司法局2023年度法治政府建设工作报告》没有写明所问的数量" in answer.text, answer.text
    given = assistant.services.answerer.ask("2023年司法局开展了几次行政执法检查？")  # the report gives 29次
    assert given.grounded and "29次" in given.citations[0].quote, given.text
    # 「分几次交」 asks whether one may pay in instalments, not how many times
    assert assistant.services.answerer.ask("罚款一下子交不起，可以分几次交吗？").grounded


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        # the report says 出庭率: the 出庭应诉率 asked is that rate, named longer
        ("行政机关负责人出庭应诉率是多少？", "100%"),
        # asked without the year or the bureau, the statutes led and the 持证率 was said to be missing
        ("行政执法人员持证率是多少？", "97%"),
    ],
)
def test_a_rate_the_report_gives_is_answered_from_it_however_it_is_asked(
    assistant: Assistant, question: str, figure: str
) -> None:
    answer = assistant.services.answerer.ask(question)
    assert answer.grounded, answer.text
    assert answer.citations[0].title.startswith("余杭区司法局2023年") and figure in answer.citations[0].quote


def test_the_names_table_is_rebuilt_from_the_library_and_a_broken_one_is_named(tmp_path: Path) -> None:
    library = tmp_path / "laws"
    (library / "行政法").mkdir(parents=True)
    (library / "行政法" / "治安管理处罚法(2012-10-26).md").write_text(
        "# 中华人民共和国治安管理处罚法\n\n第一条 …\n", encoding="utf-8"
    )
    (library / "行政法" / "无标题.md").write_text("第一条 没有标题行\n", encoding="utf-8")
    archive = tmp_path / "library.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(library, arcname="laws")
    table = tmp_path / "law_names.toml"
    assert law_names.main([str(archive), "--out", str(table)]) == 0
    assert tomllib.loads(table.read_text(encoding="utf-8"))["names"] == ["中华人民共和国治安管理处罚法"]
    aliases = AliasTable.build([], tmp_path / "none.toml", table)
    assert unknown_titles("治安管理处罚法规定的罚款", aliases) == ["治安管理处罚法"]
    table.write_text("names = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="法规名称表无法读取"):
        AliasTable.build([], tmp_path / "none.toml", table)
    assert AliasTable.build([], tmp_path / "none.toml", tmp_path / "missing.toml").find("治安管理处罚法") == ("", "")


def test_the_terms_table_is_rebuilt_from_the_library_and_a_broken_one_is_named(tmp_path: Path) -> None:
    """A term is a law's own word (used in few laws, several times, not everyday language, naming
    a thing); a count (十五岁) is not, nor a verb (查出), nor a negated verb (不归, 未缴: 「法院说案子不归
    他们管」 is no question about the 公务员法), nor a word a case uses."""
    library = tmp_path / "laws"
    (library / "民法典").mkdir(parents=True)
    (library / "案例").mkdir()
    (library / "民法典" / "民法典(2020-05-28).md").write_text(
        "# 中华人民共和国民法典\n\n"
        + "第一条 肖像权人可以许可他人使用肖像权，还是十五岁，邻居，查出，逾期不归，未缴罚款。\n" * 5,
        encoding="utf-8",
    )
    (library / "案例" / "案例一.md").write_text("# 某案例\n\n" + "宅基地纠纷。\n" * 5, encoding="utf-8")
    archive = tmp_path / "library.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(library, arcname="laws")
    table = tmp_path / "law_terms.toml"
    assert law_terms.main([str(archive), "--out", str(table)]) == 0
    terms = tomllib.loads(table.read_text(encoding="utf-8"))["terms"]
    assert terms["肖像权"] == ["中华人民共和国民法典"]
    # 邻居 is everyday language (「和邻居吵架找调解委员会」 is a question about 人民调解, a held law)
    assert not {"还是", "十五岁", "五岁", "宅基地", "邻居", "查出", "不归", "未缴"} & set(terms)
    table.write_text("[terms]\n肖像权 = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="法律用语表无法读取"):
        LawTerms.load(table)
    assert LawTerms.load(tmp_path / "missing.toml").unheld(["肖像权"], set(), lambda word: False) == {}


def test_a_verb_few_laws_use_does_not_make_a_question_one_about_those_laws(assistant: Assistant) -> None:
    """查出 is said in the 审计法 and the 监督法 and nowhere in the base; the question is still the
    行政处罚法's (追责时效), in a citizen's words."""
    answer = assistant.services.answerer.ask("违法的事过了好几年才被查出来，还能处罚吗？")
    assert answer.grounded
    assert (answer.citations[0].title, answer.citations[0].article) == ("中华人民共和国行政处罚法", "第三十六条")


def test_a_township_government_said_short_is_the_statutes_township_people_s_government(assistant: Assistant) -> None:
    """镇政府 is the 预算法's word and no shipped text's: the statutes say 乡镇人民政府. A question about
    an act a village committee did for it is the 行诉法解释's (第二十四条), not one to refuse."""
    answer = assistant.services.answerer.ask("村委会受镇政府委托作出的行为，当事人起诉的话谁是被告？")
    assert answer.grounded, answer.text
    assert (answer.citations[0].title, answer.citations[0].article) == (
        "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释",
        "第二十四条",
    )
    assert "以委托的行政机关为被告" in answer.text


def test_a_question_real_questions_place_in_a_law_the_base_lacks_is_refused_naming_it(assistant: Assistant) -> None:
    """No law's name or term is in it, but questions in these words were about the 民法典 (the law
    router); a question about what the base holds, in everyday words too, is answered."""
    answer = assistant.services.answerer.ask("父母去世没留遗嘱，房子怎么继承？")
    assert not answer.grounded and not answer.citations
    assert answer.text.startswith("这个问题看来涉及《中华人民共和国民法典》，知识库没有收录；")
    held = assistant.services.answerer.ask("不服工伤认定，可以申请行政复议吗？")
    assert held.grounded and held.citations[0].title == "中华人民共和国行政复议法"


def test_a_well_grounded_question_in_a_held_laws_own_term_is_answered_whatever_the_router_says(
    assistant: Assistant,
) -> None:
    """赔偿义务 is a term of art the 国家赔偿法 uses most (knowledge/law_terms.toml), and the question is well
    grounded (0.6), but real questions saying 赔偿 and 要求 were mostly about the 民法典: it was refused naming
    the 民法典. A term of a law the base holds tells the question is that law's."""
    answer = assistant.services.answerer.ask("几个赔偿义务机关一起造成损害的，赔偿请求人能不能只向其中一个要求赔偿？")
    assert answer.grounded, answer.text
    assert (answer.citations[0].title, answer.citations[0].article) == ("中华人民共和国国家赔偿法", "第十条")


def test_a_fairly_grounded_question_real_questions_place_in_a_law_the_base_lacks_is_refused(
    assistant: Assistant,
) -> None:
    """抚养费 and 离婚 are said in 民事诉讼法's lists (追索……抚养费, 离婚案件), so the question is grounded
    fairly (0.53), but questions in its words were about the 民法典: it was answered with 第一百五十四条
    (终结诉讼). A question about a held law in citizens' words is still answered."""
    answer = assistant.services.answerer.ask("离婚后孩子的抚养费一般给多少？")
    assert not answer.grounded and not answer.citations, answer.text
    assert answer.text.startswith("这个问题看来涉及《中华人民共和国民法典》，知识库没有收录；")
    held = assistant.services.answerer.ask("罚款一下子交不起，能不能分期交？")
    assert held.grounded and held.citations[0].title == "中华人民共和国行政处罚法"


def test_the_law_router_is_rebuilt_from_questions_and_says_nothing_of_laws_held(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "fuyi.md").write_text("---\ntitle: 中华人民共和国行政复议法\n---\n第一条 ……\n", encoding="utf-8")
    rows = []
    for i in range(20):  # ids whose hash puts them in the development part are what is learned from
        rows.append({"id": f"q{i}", "query": f"遗嘱继承房子第{i}个问题", "gold": [{"law": "中华人民共和国民法典"}]})
        rows.append({"id": f"r{i}", "query": f"复议申请期限第{i}个问题", "gold": [{"law": "中华人民共和国行政复议法"}]})
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    table = tmp_path / "router.npz"
    assert learn_law_router.main([str(questions), "--knowledge", str(knowledge), "--out", str(table)]) == 0
    router = LawRouter.load(table)
    assert router is not None and set(router.laws) == {"HELD", "中华人民共和国民法典"}
    unheld = router.route(["遗嘱", "继承", "房子"], {"中华人民共和国行政复议法"})
    assert unheld.unheld_share > 0.5 and unheld.laws == ("中华人民共和国民法典",)
    assert router.route(["复议", "申请", "期限"], {"中华人民共和国行政复议法"}).unheld_share < 0.5
    # with the 民法典 indexed (the national library) nothing is unheld
    assert router.route(["遗嘱", "继承", "房子"], {"中华人民共和国民法典"}).unheld_share == 0.0
    table.write_bytes(b"not a table")
    with pytest.raises(ConfigError, match="法律归属表无法读取"):
        LawRouter.load(table)
    assert LawRouter.load(tmp_path / "missing.npz") is None


def test_the_litigation_table_is_rebuilt_from_questions_and_reads_a_case_by_its_words(tmp_path: Path) -> None:
    rows = []
    for i in range(20):  # ids whose hash puts them in the development part are what is learned from
        rows.append({"id": f"c{i}", "query": f"对方欠钱不还第{i}问", "gold": [{"law": "中华人民共和国民事诉讼法"}]})
        rows.append({"id": f"a{i}", "query": f"告政府的官司第{i}问", "gold": [{"law": "中华人民共和国行政诉讼法"}]})
        rows.append({"id": f"o{i}", "query": f"复议申请第{i}问", "gold": [{"law": "中华人民共和国行政复议法"}]})
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    table = tmp_path / "litigation.npz"
    assert learn_litigation.main([str(questions), "--out", str(table)]) == 0
    router = LitigationRouter.load(table)
    assert router is not None
    civil, administrative = router.civil_share(["对方", "欠钱"]), router.civil_share(["告", "政府"])
    assert civil > 0.5 > administrative
    assert router.civil_share(["复议"]) == 0.5  # a 复议 question was neither, and says neither
    # the likelier procedure's passages go up, the other's down, other laws' stay
    assert (
        router.factor("中华人民共和国民事诉讼法", civil, 0.3)
        > 1
        > router.factor("中华人民共和国行政诉讼法", civil, 0.3)
    )
    assert router.factor("最高人民法院关于适用《中华人民共和国行政诉讼法》的解释", administrative, 0.3) > 1
    assert router.factor("中华人民共和国行政复议法", civil, 0.3) == 1
    table.write_bytes(b"not a table")
    with pytest.raises(ConfigError, match="诉讼类别表无法读取"):
        LitigationRouter.load(table)
    assert LitigationRouter.load(tmp_path / "missing.npz") is None


def test_the_litigation_table_is_not_learned_from_one_kind_of_case_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"id": f"c{i}", "query": f"对方欠钱不还第{i}问", "gold": [{"law": "中华人民共和国民事诉讼法"}]}
        for i in range(20)
    ]
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    table = tmp_path / "litigation.npz"
    assert learn_litigation.main([str(questions), "--out", str(table)]) == 2
    assert "需要民事、行政两类诉讼问题" in capsys.readouterr().out and not table.exists()
    assert learn_litigation.main([str(tmp_path / "none.jsonl"), "--out", str(table)]) == 2  # named on stderr


def test_a_summary_of_a_law_the_base_lacks_is_not_a_topic_summary(assistant: Assistant) -> None:
    from bot.core.answer import InvalidQuestionError
    from bot.core.summary import summarize

    # it summarised the passages that mention 民法典 (民事诉讼法's revision history)
    with pytest.raises(InvalidQuestionError, match="知识库中没有名为“民法典”的文件"):
        summarize(assistant.services, "民法典")
    # a topic that ends like a law's name is still a topic; across laws each heading names its law
    topic = summarize(assistant.services, "复议前置")
    assert topic.bullets and all(
        b.group.startswith(("行政复议法 ", "行政诉讼法 ", "最高人民法院")) for b in topic.bullets
    )
    assert summarize(assistant.services, "行政执法").bullets
    # a 决定 is a law's name only as 「关于……的决定」: 「行政处罚决定」 was told no such document exists
    decision = summarize(assistant.services, "行政处罚决定")
    assert {"第五十七条", "第五十九条"} <= {b.citation.article for b in decision.bullets}
    with pytest.raises(InvalidQuestionError, match="知识库中没有名为“国务院关于加强法治政府建设的决定”的文件"):
        summarize(assistant.services, "国务院关于加强法治政府建设的决定")


def test_a_question_far_from_the_statutes_words_but_about_held_laws_is_answered_with_a_caution(
    assistant: Assistant,
) -> None:
    """「证据是我来拿还是政府来拿」 is 举证责任 in no statute's words (grounding under the refusal line);
    real questions in these words were about laws the base holds, so it is answered from 复议法第四十四条,
    saying first that the articles are the nearest ones and to check they fit. A question as loose
    about a law the base lacks is still refused."""
    answer = assistant.services.answerer.ask("申请复议的话，证据是我来拿还是政府来拿？")
    assert answer.grounded, answer.text
    assert (answer.citations[0].title, answer.citations[0].article) == ("中华人民共和国行政复议法", "第四十四条")
    assert "以下是知识库中最接近的条文，请核对" in answer.notice
    well_worded = assistant.services.answerer.ask("行政复议中由谁承担举证责任？")
    assert well_worded.grounded and "最接近的条文" not in well_worded.notice
    unheld = assistant.services.answerer.ask("网上买到假货，商家要赔几倍？")
    assert not unheld.grounded and not unheld.citations


def test_a_loose_question_about_the_bureaus_own_report_is_not_routed_to_a_law(assistant: Assistant) -> None:
    """「报告里说我们局……存在什么问题」 is about the bureau's report, which the base holds: the law router,
    learned from citizens' questions, placed it in the 民法典 and it was refused naming that law."""
    answer = assistant.services.answerer.ask("报告里说我们局在队伍方面存在什么问题？")
    assert answer.grounded and "民法典" not in answer.text, answer.text
    assert answer.citations[0].title == "余杭区司法局2023年度法治政府建设工作报告"
    assert any(c.section.startswith("三、存在的问题和不足") for c in answer.citations)


def test_an_allowance_standard_asked_is_an_amount_the_answer_must_state(assistant: Assistant) -> None:
    """「出差补贴标准是多少」 asks for a figure; no article states one, so there is no basis to quote."""
    answer = assistant.services.answerer.ask("复议机关工作人员下乡调查的出差补贴标准是多少？")
    assert not answer.grounded and "知识库中没有找到写明这一数额的条文" in answer.text


def test_an_amount_described_is_no_amount_asked(assistant: Assistant) -> None:
    """「借款金额不大的……案子」 describes the case and asks whether one may appeal: it was refused as
    asking for a sum no article states (金额 alone was the cue)."""
    answer = assistant.services.answerer.ask("借款金额不大的民事案子，一审判完还能上诉吗？")
    assert answer.grounded and "数额" not in answer.text, answer.text
    assert answer.citations[0].title == "中华人民共和国民事诉讼法"
