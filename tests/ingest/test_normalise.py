"""Cleaning: what a reader sees in the clauses of the five real documents.

Each trap named in DESIGN.md's corpus table is checked on the document that has it, and
the rule behind it on a real sentence from that document.
"""

from __future__ import annotations

import re

import pytest

from assistant.ingest.normalise import clean_inline, normalise_document
from assistant.text.chinese import to_simplified

_PINYIN_RUN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


def _everything(doc) -> list[str]:
    """Every string of every clause a user or a model could be shown."""
    return [s for c in doc.clauses for s in (c.text, c.label, c.original, c.search_text, *c.headings)]


# -- the rules, on sentences taken from the sources -------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # 003: traditional characters, pinyin annotations and a space inside 大规模
        ("關于開展大 規(guī)模職業(yè)技能提升培訓行動", "关于开展大规模职业技能提升培训行动"),
        # 003: a character lost to "?" together with the "<" of its </span>
        ("先進制造 業(yè)領域?qū)?/span> 項培訓行 動", "先进制造业领域□项培训行动"),
        # 003: spaces around quotes and inside a number list
        ("支持建立“ 市場化收費+政府 補貼” 相結(jié)合", "支持建立“市场化收费+政府补贴”相结合"),
        # 001: NBSP indentation before the signature
        ("\u00a0 \u00a0 \u00a0 \u00a0江苏省人民政府办公厅", "江苏省人民政府办公厅"),
        # 001: half-width punctuation of a scraped page
        ("各市、县(市、区)人民政府,省各委办厅局,", "各市、县（市、区）人民政府，省各委办厅局，"),
        # 002: an English conjunction between Chinese words
        ("支持龙头企业、社会组织 and 技职院校参与", "支持龙头企业、社会组织和技职院校参与"),
        # 002: <p> tags inside a table cell
        (
            "<p>打造具有无锡特色的现代技工教育示范区。</p> <p>重点培育10个产业急需</p>",
            "打造具有无锡特色的现代技工教育示范区。重点培育10个产业急需",
        ),
        # 002: a space left where a title was wrapped
        ("打造技能人才与产业发展深度融合 示范城市工作方案", "打造技能人才与产业发展深度融合示范城市工作方案"),
        # 003 and 004: the space between joint issuers is the one space official text has
        (
            "人力資源社會保障部 財政部關于實施“技能照亮前程” 培訓行動",
            "人力资源社会保障部 财政部关于实施“技能照亮前程”培训行动",
        ),
        (
            "人力资源社会保障部 宁夏回族自治区人民政府共同推进",
            "人力资源社会保障部 宁夏回族自治区人民政府共同推进",
        ),
        (
            "中國民用航空 江蘇安全監督管理局 等按職責分工負責",
            "中国民用航空江苏安全监督管理局等按职责分工负责",
        ),
        # 000: a space inside a document number
        ("宿人社发〔2022〕 8号", "宿人社发〔2022〕8号"),
        # 002: the markdown dash a converter put before 附件
        (
            "- 附件：1.技能人才与产业发展深度融合示范城市工作专班",
            "附件：1.技能人才与产业发展深度融合示范城市工作专班",
        ),
    ],
)
def test_clean_inline_on_real_sentences(raw: str, clean: str) -> None:
    assert clean_inline(raw) == clean


@pytest.mark.parametrize(
    "kept",
    [
        "苏政办发〔2024〕37号",  # CJK brackets of a document number are not folded to [ ]
        "（一）完善职业教育招生机制",
        "人工智能(AI)应用",  # Latin in parentheses without tone marks is not pinyin
        "每年培养省级工匠100名左右。",
        "\t\t\t确认并公布高技能领军人才名录。\t5月",  # leading tabs are empty table cells
    ],
)
def test_clean_inline_leaves_clean_text_alone(kept: str) -> None:
    assert clean_inline(kept) == kept


def test_a_paragraph_cut_by_a_page_break_is_rejoined() -> None:
    norm = normalise_document(
        "工作措施：（1）建立健全五项机制：一是目标考核机制，加强计划跟踪指导及调度通报；二是评价衔接机制，为技能人才\n"
        "\n"
        "评价提供新平台；三是竞赛及荣誉晋升机制。\n"
    )
    assert [line.text for line in norm.lines] == [
        "工作措施：（1）建立健全五项机制：一是目标考核机制，加强计划跟踪指导及调度通报；二是评价衔接机制，"
        "为技能人才评价提供新平台；三是竞赛及荣誉晋升机制。"
    ]
    assert norm.fixes["broken_paragraphs_joined"] == 1


def test_a_heading_or_a_title_is_never_glued_to_the_line_above() -> None:
    norm = normalise_document(
        "关于印发打造技能人才与产业发展深度融合示范城市工作方案的通知\n"
        "为充分发挥高技能人才引领作用，不断加强创新型、应用型技能型人才培养\n"
        "一、总体思路\n"
    )
    assert len(norm.lines) == 3


def test_a_list_of_label_entries_is_not_glued_to_the_paragraph_after_it() -> None:
    # 002 attachment 1: 成员 ends without punctuation, yet the next line is a new paragraph.
    norm = normalise_document(
        "组 长：李平局长\n\n副组长：沈挺副局长、李博副局长\n\n"
        "成 员：局职业能力建设处全体人员，市高训中心、职鉴中心、技师学院领导班子、业务部门负责人\n\n"
        "专班办公室设在市局职业能力建设处，承担专班日常事务工作。\n"
    )
    assert [line.text[:3] for line in norm.lines] == ["组长：", "副组长", "成员：", "专班办"]


# -- 003: traditional characters, pinyin, spaces, </span>, lost characters --------------


def test_003_reads_as_simplified_chinese_without_pinyin(docs) -> None:
    doc = docs["003"]
    for clause in doc.clauses:
        assert to_simplified(clause.text) == clause.text, clause.label
        assert not _PINYIN_RUN.search(clause.text), clause.label
        assert not _PINYIN_RUN.search(clause.label), clause.label
    assert any("关于开展大规模职业技能提升培训行动的指导意见" in c.text for c in doc.clauses)


def test_003_has_no_html_remnants_and_no_question_marks(docs) -> None:
    for clause in docs["003"].clauses:
        assert "span>" not in clause.text
        assert "?" not in clause.text and "?" not in clause.label
    assert docs["003"].fixes["html_remnants"] == 6


def test_003_every_lost_character_is_marked_and_reported(docs, source_text) -> None:
    doc = docs["003"]
    raw_lines = source_text(doc).splitlines()
    lost_on = [n for n, line in enumerate(raw_lines, start=1) if "?" in line]
    assert lost_on, "the source has characters lost to ?"
    reported = " ".join(w for w in doc.warnings if w.startswith("原文转换时丢失了字符"))
    for n in lost_on:
        assert re.search(rf"原文第(\d+–)?{n}行", reported), f"source line {n} not reported"
    assert "□" in " ".join(c.text for c in doc.clauses)


def test_003_keeps_the_original_traditional_text(docs, clause_with) -> None:
    clause = clause_with(docs["003"], "（一）充分发挥各类培训载体作用")
    assert "(一)充分發(fā)揮各類培訓載體作用" in clause.original
    preamble = clause_with(docs["003"], "制定以下行动方案")
    assert "大 規(guī)模" in preamble.original


# -- 001: a scraped web page ------------------------------------------------------------


@pytest.mark.parametrize(
    "chrome", ["欢迎访问", "点击次数", "【打印此页】", "您当前所在位置", "更新时间", "【关闭"]
)
def test_001_web_page_chrome_is_gone(docs, chrome: str) -> None:
    assert not any(chrome in s for s in _everything(docs["001"]))


def test_001_page_header_removal_is_reported(docs) -> None:
    doc = docs["001"]
    assert doc.fixes["web_page_chrome_lines"] == 5
    assert "已删除网页页眉5行（网站名称、点击次数等）" in doc.warnings
    # The page repeated the notice's title in its header; the notice keeps it once.
    title = "省政府办公厅印发关于深化“江苏工匠”培育工程加强高技能人才队伍建设若干措施的通知"
    assert sum(c.text.count(title) for c in doc.clauses) == 1


def test_001_has_no_nbsp(docs) -> None:
    doc = docs["001"]
    assert doc.fixes["nbsp_and_odd_spaces"] > 0
    assert not any("\u00a0" in c.text or "\u00a0" in c.label for c in doc.clauses)


# -- 002: page breaks, <p>, an English "and" -----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "二是评价衔接机制，为技能人才评价提供新平台；",
        "支持市应急、市场监管、住建、交通、卫健、工信、邮政等部门开展安全技能、职业技能培训",
        "健全以准入类职业资格评价为示范、水平评价类职业技能等级认定为主体",
        "扩大专项资金支持力度，支持技工院校提档升级",
        "按苏锡常一体化思维打造创业大学，建立创客学院和工匠学院。",
    ],
)
def test_002_sentences_broken_by_page_breaks_read_whole(docs, clause_with, sentence: str) -> None:
    # Each appears twice in the source: once in the body and once in attachment 2's table,
    # where it was never broken; the body clause must hold it whole too.
    body = [c for c in docs["002"].clauses if sentence in c.text and c.kind != "table_row"]
    assert len(body) == 1


def test_002_counts_its_rejoined_paragraphs(docs) -> None:
    assert docs["002"].fixes["broken_paragraphs_joined"] == 6


def test_002_members_list_and_office_paragraph_stay_apart(docs, clause_with) -> None:
    members = clause_with(docs["002"], "成员：局职业能力建设处全体人员")
    assert members.text.endswith("各市（县）、区人力资源社会保障局分管领导及业务部门负责人")
    office = clause_with(docs["002"], "专班办公室设在市局职业能力建设处")
    assert office.text.startswith("专班办公室设在市局职业能力建设处")


def test_002_has_no_p_tags(docs, clause_with) -> None:
    doc = docs["002"]
    assert not any(re.search(r"</?p>", s) for s in (c.text for c in doc.clauses))
    row = clause_with(doc, "重点培育10个产业急需")
    assert "现代技工教育示范区。重点培育10个产业急需" in row.text
    assert doc.fixes["html_remnants"] == 4


def test_002_english_and_becomes_he(docs, clause_with) -> None:
    doc = docs["002"]
    assert "支持龙头企业、社会组织和技职院校参与" in clause_with(doc, "技职院校参与").text
    assert not any(re.search(r"\band\b", c.text) for c in doc.clauses)
    assert doc.fixes["english_conjunctions"] == 1


# -- 004: an injected gambling advert -----------------------------------------------------


def test_004_advert_is_nowhere_in_any_clause(docs) -> None:
    for text in _everything(docs["004"]):
        assert "九游会" not in text
        assert "电竞" not in text


def test_004_clause_11_reads_as_the_policy_sentence(docs, clause_with) -> None:
    clause = clause_with(docs["004"], "11.开展大规模岗位练兵技能比武活动")
    assert clause.text.endswith("提升职工技能水平，发现优秀技能人才，传播优秀的文化。")


def test_004_reports_the_removed_advert(docs) -> None:
    doc = docs["004"]
    assert "已删除广告文字«九游会电竞»（原文第34行）" in doc.warnings
    assert doc.fixes["advert_terms_removed"] == 1


# -- fix counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "fixes"),
    [
        ("000", ["spaces_inside_words"]),
        ("001", ["nbsp_and_odd_spaces", "web_page_chrome_lines", "half_width_punctuation"]),
        (
            "002",
            ["broken_paragraphs_joined", "html_remnants", "english_conjunctions", "table_rows_assembled"],
        ),
        (
            "003",
            [
                "traditional_characters",
                "pinyin_annotations",
                "spaces_inside_words",
                "html_remnants",
                "lost_characters_marked",
                "table_rows_assembled",
            ],
        ),
        ("004", ["advert_terms_removed", "half_width_punctuation"]),
    ],
)
def test_each_document_reports_what_was_fixed(docs, number: str, fixes: list[str]) -> None:
    counts = docs[number].fixes
    assert {name: counts.get(name, 0) > 0 for name in fixes} == dict.fromkeys(fixes, True)


@pytest.mark.parametrize(
    ("number", "absent"),
    [
        ("000", ["web_page_chrome_lines", "advert_terms_removed", "traditional_characters", "html_remnants"]),
        ("004", ["web_page_chrome_lines", "traditional_characters", "pinyin_annotations"]),
        ("001", ["traditional_characters", "advert_terms_removed", "broken_paragraphs_joined"]),
    ],
)
def test_rules_do_not_fire_on_text_without_the_trap(docs, number: str, absent: list[str]) -> None:
    assert {name: docs[number].fixes.get(name, 0) for name in absent} == dict.fromkeys(absent, 0)


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_cleaning_a_real_document_twice_changes_nothing(docs, source_text, number: str) -> None:
    norm = normalise_document(source_text(docs[number]))
    assert [clean_inline(line.text) for line in norm.lines] == [line.text for line in norm.lines]
