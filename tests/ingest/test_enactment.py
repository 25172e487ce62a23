"""Metadata of laws, regulations, rules and interpretations from their history lines, on
small texts written for these tests (the shapes of LawRefBook files and official gazettes)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.ingest.corpus import build_document
from assistant.ingest.enactment import read_event, read_history
from assistant.ingest.markdown import markdown_text
from assistant.models import DocumentMeta

_BODY = (
    "\n\n## 第一章 总则\n\n第一条 为了保障劳动者的合法权益，制定本条例。\n\n第二条 本条例适用于{where}。\n"
)


def _law(head: str, body: str = "", where: str = "中华人民共和国境内的用人单位") -> DocumentMeta:
    text = markdown_text(head + "\n\n<!-- INFO END -->" + _BODY.format(where=where) + body)
    return build_document("law.md", text, None).meta


def test_a_provincial_regulation_is_placed_by_its_standing_committee() -> None:
    meta = _law(
        "# 某某省职工权益保障条例\n\n"
        "2010年3月26日 广东省第十一届人民代表大会常务委员会第十七次会议通过\n\n"
        "2019年11月29日 广东省第十三届人民代表大会常务委员会第十五次会议"
        "《关于修改〈广东省某条例〉的决定》修正\n\n"
        "2020年1月1日 施行",
        where="本省行政区域内的用人单位",
    )
    assert meta.title == "某某省职工权益保障条例"
    assert meta.issuers == ["广东省人民代表大会常务委员会"]
    assert (meta.adopted_on, meta.amended_on) == (dt.date(2010, 3, 26), [dt.date(2019, 11, 29)])
    assert (meta.date, meta.valid_from, meta.valid_to) == (dt.date(2019, 11, 29), dt.date(2020, 1, 1), None)
    assert meta.jurisdiction is not None and meta.jurisdiction.label == "广东省"


def test_a_city_regulation_approved_by_its_province_is_the_citys() -> None:
    meta = _law(
        "# 某市就业促进条例\n\n"
        "2016年2月19日 嘉兴市第七届人民代表大会常务委员会第三十七次会议通过\n\n"
        "2016年3月31日 浙江省第十二届人民代表大会常务委员会第二十八次会议批准\n\n"
        "2016年4月11日 嘉兴市第七届人民代表大会常务委员会公告第1号公布\n\n"
        "2016年5月1日 施行"
    )
    assert meta.issuers == ["嘉兴市人民代表大会常务委员会"]
    assert meta.doc_number == "嘉兴市第七届人民代表大会常务委员会公告第1号"
    assert meta.date == dt.date(2016, 4, 11)
    assert meta.jurisdiction is not None and meta.jurisdiction.label == "浙江省 › 嘉兴市"


def test_a_state_council_decree_gives_issuer_number_and_national_reach() -> None:
    # The body names a province; a 国务院 regulation is national all the same.
    meta = _law(
        "# 某某保障条例\n\n2007年12月7日 国务院第198次常务会议通过\n\n"
        "2007年12月14日 中华人民共和国国务院令第514号公布",
        body="第三条 新疆维吾尔自治区、西藏自治区的用人单位，本条例自2008年1月1日起施行。\n",
    )
    assert (meta.issuers, meta.doc_number) == (["国务院"], "中华人民共和国国务院令第514号")
    assert (meta.adopted_on, meta.date, meta.valid_from) == (
        dt.date(2007, 12, 7),
        dt.date(2007, 12, 14),
        dt.date(2008, 1, 1),
    )
    assert meta.jurisdiction is not None and meta.jurisdiction.label == "全国"


def test_a_joint_decree_names_both_bodies_and_a_later_decree_replaces_the_number() -> None:
    joint = _law("# 某办法\n\n2004年12月9日 中华人民共和国国务院、中华人民共和国中央军事委员会令第425号公布")
    assert joint.issuers == ["国务院", "中央军事委员会"]
    revised = _law(
        "# 某专营办法\n\n1996年5月27日 中华人民共和国国务院令第197号发布\n\n"
        "2017年12月26日 中华人民共和国国务院令第696号修订",
        body="第三条 本办法自公布之日起施行。\n",
    )
    assert revised.doc_number == "中华人民共和国国务院令第696号"
    assert revised.amended_on == [dt.date(2017, 12, 26)]
    # 自公布之日起施行 is the first publication, not the latest revision.
    assert revised.valid_from == dt.date(1996, 5, 27)


def test_a_joint_judicial_interpretation_is_published_by_both_courts() -> None:
    meta = _law(
        "# 最高人民法院、最高人民检察院关于办理某类案件适用法律若干问题的解释\n\n"
        "2013年9月30日 最高人民法院审判委员会第1592次会议、"
        "2013年10月22日最高人民检察院第十二届检察委员会第12次会议通过\n\n"
        "2013年11月11日 最高人民法院、最高人民检察院公告公布\n\n2013年11月18日 施行"
    )
    assert meta.title.startswith("最高人民法院、最高人民检察院关于")  # a rule keeps its body in its title
    assert meta.issuers == ["最高人民法院", "最高人民检察院"]
    assert (meta.adopted_on, meta.date, meta.valid_from) == (
        dt.date(2013, 9, 30),
        dt.date(2013, 11, 11),
        dt.date(2013, 11, 18),
    )
    assert meta.jurisdiction is not None and meta.jurisdiction.label == "全国"


def test_a_law_that_states_no_start_or_period_gets_none_invented() -> None:
    meta = _law(
        "# 最高人民法院关于审理某类纠纷案件若干问题的规定\n\n"
        "2008年4月28日 最高人民法院审判委员会第1446次会议通过",
        body="第三条 到2035年，基本建成公正高效的审判体系。\n",
    )
    assert (meta.date, meta.valid_from, meta.valid_to) == (dt.date(2008, 4, 28), None, None)


def test_a_licences_term_is_not_the_rules_period() -> None:
    meta = _law(
        "# 某许可管理办法\n\n2021年8月2日 国家市场监督管理总局令第46号公布\n\n2022年1月1日 施行",
        body="第三条 许可证有效期为5年。\n",
    )
    assert (meta.valid_from, meta.valid_to) == (dt.date(2022, 1, 1), None)


def test_two_title_lines_make_one_title() -> None:
    meta = _law("# 中华人民共和国某法典\n\n# 总则\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过")
    assert meta.title == "中华人民共和国某法典 总则"
    assert meta.issuers == ["全国人民代表大会"]


def test_a_ministry_rule_adopted_at_its_meeting() -> None:
    meta = _law("# 某实施办法\n\n2008年7月17日 经人力资源和社会保障部第6次部务会议通过")
    assert meta.issuers == ["人力资源和社会保障部"]
    assert meta.jurisdiction is not None and meta.jurisdiction.label == "全国"


def test_history_lines_stay_in_the_header_clause() -> None:
    text = markdown_text(
        "# 某条例\n\n2002年7月25日 某省第九届人民代表大会常务委员会第三十五次会议通过\n\n"
        "<!-- INFO END -->\n\n为了规范某项工作，制定本条例。\n"
    )
    document = build_document("law.md", text, None)
    header = document.clauses[0]
    assert "2002年7月25日" in header.text and "会议通过" in header.text
    # The preamble under the history is its own clause, not glued to the last history line.
    assert any(c.text == "为了规范某项工作，制定本条例。" for c in document.clauses[1:])


@pytest.mark.parametrize(
    ("line", "act"),
    [
        ("2021年11月1日 施行", "施行"),
        ("1990年1月8日 青岛市人民代表大会常务委员会公告公布", "公布"),
        ("2011年1月8日 《国务院关于废止和修改部分行政法规的决定》第一次修订", "修正"),
        ("1987年1月19日 国务院批准", "批准"),
    ],
)
def test_each_history_line_is_read_as_its_act(line: str, act: str) -> None:
    event = read_event(line)
    assert event is not None and event.act == act


def test_a_dated_sentence_of_the_body_is_no_history_line() -> None:
    assert read_event("2024年3月1日起，各地要做好补贴发放工作。") is None
    history = read_history([(0, "2024年3月15日"), (1, "人力资源社会保障部办公厅")])
    assert history.events == []


def test_an_undated_line_says_it_takes_effect_on_publication() -> None:
    history = read_history([(0, "1981年4月6日 国务院发布"), (1, "发布之日施行")])
    assert history.effective_from == dt.date(1981, 4, 6)
    assert history.issuers == ["国务院"]


def test_of_two_loaded_versions_the_newer_is_in_force(tmp_path) -> None:
    from assistant.ingest.corpus import load_corpus

    def version(made: str, act: str) -> str:
        return (
            f"# 某市社会救助条例\n\n{made} 某市第十五届人民代表大会常务委员会第七次会议{act}\n\n"
            "<!-- INFO END -->\n\n第一条 为了保障困难群众的基本生活，制定本条例。\n\n"
            f"第二条 本市行政区域内的社会救助适用本条例（{made}版）。\n"
        )

    (tmp_path / "救助条例(2018-11-22).md").write_text(version("2018年11月22日", "通过"), "utf-8")
    (tmp_path / "救助条例(2024-12-31).md").write_text(version("2024年12月31日", "修正"), "utf-8")
    corpus, _ = load_corpus(tmp_path)
    old, new = sorted(corpus.documents, key=lambda d: d.meta.date)
    assert (old.meta.repealed_by, old.meta.superseded) == (new.meta.doc_id, True)
    assert old.meta.status(dt.date(2025, 1, 1)) == "repealed"
    assert old.meta.status(dt.date(2024, 6, 1)) == "in_force"  # before the new version was made
    assert new.meta.status(dt.date(2025, 1, 1)) == "in_force" and new.meta.repealed_by is None
