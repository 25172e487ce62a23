"""Ten notices in the shapes curators load (管理办法 with 第X条, joint and national notices,
saved web pages, markdown, a 政策清单, a 申报指南, 附件 tables), in every format, each
read as a curator reading it would write it down (expected.yaml)."""

from __future__ import annotations

import pytest

from assistant.ingest.loaders import load_file
from assistant.ingest.structure import read_marker
from assistant.jurisdiction import place_named
from assistant.text.chinese import cjk_count, match_key
from assistant.text.sentences import split_sentences
from tests.notices.build import SOURCES
from tests.notices.score import TODAY, actual_labels, actual_meta, expected

NAMES = sorted(expected())
FIELDS = ["doc_id", "title", "doc_number", "issuers", "date", "jurisdiction", "valid_from", "valid_to",
          "repeals", "repealed_by", "status"]  # fmt: skip


def test_every_notice_loads_in_its_own_format(notices_corpus) -> None:
    assert notices_corpus.errors == []
    formats = {name.rsplit(".", 1)[1] for name in NAMES}
    assert formats == {"txt", "md", "html", "docx", "pdf"}
    assert sorted(d.meta.source_file for d in notices_corpus.documents) == NAMES


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("field", FIELDS)
def test_metadata_field_is_what_the_notice_says(notices, spec, name: str, field: str) -> None:
    assert actual_meta(notices[name])[field] == spec[name]["meta"][field]


@pytest.mark.parametrize("name", NAMES)
def test_clauses_are_numbered_as_the_notice_numbers_them(notices, spec, name: str) -> None:
    assert actual_labels(notices[name]) == spec[name]["labels"]


# -- what a hotline worker reads ---------------------------------------------------------------


def test_an_article_is_cited_by_its_own_number_and_holds_its_items(notices) -> None:
    doc = notices["gd-rending-banfa-2023.docx"]
    [article] = [c for c in doc.clauses if c.path[-1:] == ["第四条"]]
    assert article.label == "《广东省职业技能等级认定管理办法》第四条"
    assert article.path == ["第二章", "第四条"] and article.headings == ["评价机构"]
    assert article.text.startswith("第四条 申请开展职业技能等级认定")
    assert "（四）近三年内无违法违规记录。" in article.text


def test_a_title_never_carries_its_issuers_or_its_number(notices) -> None:
    for doc in notices.values():
        meta = doc.meta
        assert not any(issuer in meta.title for issuer in meta.issuers), meta.title
        assert not meta.doc_number or meta.doc_number not in meta.title


def test_joint_issuers_are_listed_and_named_together(notices) -> None:
    meta = notices["rsb-czb-jineng-huhang-2024.txt"].meta
    assert meta.issuer == "人力资源社会保障部、财政部"
    assert meta.field_sources["date"] == "text"  # the 落款 date at the end of the notice


def test_a_national_notice_covers_every_province_whatever_its_addressees_name(notices) -> None:
    for name in ("rsb-jigong-zhaosheng-2025.pdf", "rsb-czb-jineng-huhang-2024.txt"):
        jurisdiction = notices[name].meta.jurisdiction
        assert jurisdiction.level == "national"
        for place in ("宿迁", "新疆", "广州", "宁夏"):
            assert jurisdiction.covers(place_named(place)), place


def test_a_city_notice_covers_its_city_only(notices) -> None:
    guangzhou = notices["gz-butie-shenling-2024.html"].meta.jurisdiction
    assert guangzhou.covers(place_named("广州")) and not guangzhou.covers(place_named("深圳"))


def test_a_repealed_notice_says_by_which_and_from_when(notices) -> None:
    old = notices["gd-jianding-banfa-2018.txt"].meta
    new = notices["gd-rending-banfa-2023.docx"].meta
    assert (old.repealed_by, old.repealed_on) == (new.doc_id, new.valid_from)
    assert old.status(new.valid_from) == "repealed"
    assert old.status_label(TODAY) == "已废止"
    assert new.status_label(TODAY) == "现行有效"


def test_a_notice_past_its_stated_end_is_expired(notices) -> None:
    meta = notices["gz-butie-shenling-2024.html"].meta
    assert meta.field_sources["valid_to"] == "text"
    assert meta.status(meta.valid_to) == "in_force"
    assert meta.status_label(TODAY) == "已过期"


# -- web pages ---------------------------------------------------------------------------------

CHROME = ["网站标识码", "ICP备", "主办单位", "版权所有", "当前位置", "您的位置", "搜索", "上一篇", "分享到",
          "相关链接", "打印", "招生热线", "浏览次数", "点击", "首页", "无障碍"]  # fmt: skip


@pytest.mark.parametrize("name", ["gz-butie-shenling-2024.html", "fs-jidi-shenbao-zhinan-2024.html"])
def test_a_web_pages_navigation_and_footer_stay_out_of_its_clauses(notices, name: str) -> None:
    text = "\n".join(c.text for c in notices[name].clauses)
    assert [word for word in CHROME if word in text] == []


def test_a_page_that_repeats_its_body_gives_each_clause_once(notices) -> None:
    texts = [c.text for c in notices["gz-butie-shenling-2024.html"].clauses]
    assert len(texts) == len(set(texts))


def test_a_web_page_takes_its_title_and_number_from_its_own_metadata(notices) -> None:
    meta = notices["gz-butie-shenling-2024.html"].meta
    assert meta.field_sources["title"] == "page"  # <meta name="ArticleTitle">
    assert meta.doc_number == "穗人社规字〔2024〕2号"  # the page's header table


# -- nothing lost ------------------------------------------------------------------------------


def _pieces(raw: str) -> list[tuple[str, bool]]:
    """The sentences of a loaded text, numbering markers off, and each table cell on its own
    (flagged: a row repeats its table's column names by design)."""
    pieces = []
    for line in raw.splitlines():
        if "\t" in line:
            pieces += [(cell, True) for cell in line.split("\t") if cjk_count(cell) >= 2]
            continue
        marker = read_marker(line.strip())
        text = marker.rest if marker is not None else line
        pieces += [(s, False) for s in split_sentences(text) if cjk_count(s) >= 6]
    return pieces


@pytest.mark.parametrize("name", NAMES)
def test_every_sentence_of_a_notice_lands_in_exactly_one_clause(notices, notices_dir, name: str) -> None:
    """Each sentence of the loaded text is in one clause's text, or is a heading or a
    metadata line the clauses carry in their paths, headings and header chunk."""
    doc = notices[name]
    body = [match_key(c.text) for c in doc.clauses if c.kind != "header"]
    carried = match_key(" ".join(" ".join([c.label, *c.path, *c.headings, c.text]) for c in doc.clauses))
    raw = load_file(notices_dir / name).text
    lost, doubled = [], []
    for piece, cell in _pieces(raw):
        key = match_key(piece)
        holders = sum(key in text for text in body)
        # A title line names the issuers and the title; the header chunk names them apart.
        for issuer in doc.meta.issuers:
            key = key.replace(match_key(issuer), "")
        if holders == 0 and key not in carried:
            lost.append(piece)
        if holders > 1 and not cell and raw.count(piece.strip()) == 1:
            doubled.append(piece)
    assert (lost, doubled) == ([], [])


def test_the_notice_sources_are_all_in_the_test_corpus() -> None:
    stems = {p.name.removesuffix(".src") for p in SOURCES.iterdir()}
    assert stems == set(NAMES)
