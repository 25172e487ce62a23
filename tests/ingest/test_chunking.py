"""Clauses: what a citation shows — a clause's label, its text and where it sits."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from assistant.ingest.chunking import MAX_CLAUSE_CHARS
from assistant.ingest.corpus import build_document, load_corpus
from assistant.ingest.normalise import clean_inline
from assistant.text.chinese import cjk_count, match_key
from assistant.text.spam import remove_spam_terms

SOURCES_DIR = Path(__file__).resolve().parents[2] / "index" / "sources"


# -- labels: 一、 › （一） › 1. › （1）, bullets, attachments ----------------------------------


def test_004_clause_13_holds_the_reward_under_its_full_path(docs, clause_with) -> None:
    clause = clause_with(docs["004"], "将自治区技术能手奖励资金调高至1万元")
    assert clause.label == "《“技能宁夏行动”实施方案》四、（四）13. 加大高技能人才表彰奖励"
    assert clause.path == ["四、", "（四）", "13."]
    assert clause.headings[:2] == ["主要任务", "实施“技能激励”行动"]
    assert clause.text.startswith("13.加大高技能人才表彰奖励。")


@pytest.mark.parametrize(
    ("number", "fragment", "label"),
    [
        ("001", "合理设定职业学校", "一、（一） 完善职业教育招生机制"),
        ("001", "强化每万名劳动者中高技能人才数等关键指标考核", "五、（十九） 加强保障体系建设"),
        ("002", "工作措施：（1）建立健全五项机制", "二、（一）（1） 塑造高技能人才培养新引擎 · 工作措施"),
        (
            "002",
            "工作措施：（2）确认并公布高技能领军人才名录",
            "二、（一）（2） 塑造高技能人才培养新引擎 · 工作措施",
        ),
        (
            "002",
            "责任部门：职建处、高训中心、职鉴中心、信息中心",
            "二、（一） 塑造高技能人才培养新引擎 · 责任部门",
        ),
        ("002", "每双月5日前报送各项工作进展情况", "三、（三） 跟踪检查制度"),
        ("002", "王伟任办公室主任", "附件1 技能人才与产业发展深度融合示范城市工作专班"),
        ("003", "每年培养省级工匠100名左右", "一、 目标任务"),
        ("003", "对工作进度慢、效果不明显的地区", "三、 工作要求（2/2）"),
        ("004", "建立地级市创建高技能人才培训基地", "四、（一）1. 健全技能人才发展政策体系"),
        ("004", "技能是强国之基、立业之本", "前言"),
        (
            "002",
            "副组长：沈挺副局长、李博副局长",
            "附件1 技能人才与产业发展深度融合示范城市工作专班 · 组长、副组长",
        ),
        ("002", "抄报：省人力资源和社会保障厅", "版记"),
        ("000", "每年完成城乡劳动者就业技能培训不低于2万人", "四、（一） 就业培训强基行动"),
    ],
)
def test_clause_labels_cite_the_numbering_of_the_source(
    docs, clause_with, number: str, fragment: str, label: str
) -> None:
    clause = clause_with(docs[number], fragment)
    assert clause.label == docs[number].meta.short_title + label


def test_002_body_and_table_figures_are_told_apart_by_their_labels(docs, clause_with) -> None:
    # The 2021 table repeats the body's target with a different figure: 1180 vs 1320.
    body = clause_with(docs["002"], "1320人")
    table = clause_with(docs["002"], "1180人")
    assert body.path == ["二、", "（一）"]
    assert table.path == ["附件2", "第1项"]
    assert table.label.startswith(
        "《打造技能人才与产业发展深度融合示范城市工作方案》附件2第1项 塑造高技能人才培育新引擎"
    )


def test_000_dash_bullets_become_clauses(docs) -> None:
    bullets = [c for c in docs["000"].clauses if c.kind == "bullet"]
    assert [c.text[:12] for c in bullets] == [
        "——拓展职业技能培训体系",
        "——提升技能等级评价体系",
        "——优化职业技能竞赛体系",
        "——完善人才补贴政策体系",
    ]
    assert {tuple(c.path) for c in bullets} == {("三、", "——")}
    assert bullets[0].label == "《“技能宿迁”行动（2022—2024年）实施方案》三、—— 拓展职业技能培训体系"
    assert all(c.headings == ["主要任务"] for c in bullets)


def test_000_warns_that_its_four_attachments_are_listed_but_absent(docs) -> None:
    warnings = [w for w in docs["000"].warnings if "附件" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith("列出附件4个，但正文只收录了0个：")
    assert "“技能宿迁”三年行动2022年度任务分解表三" in warnings[0]


@pytest.mark.parametrize("number", ["001", "002", "003", "004"])
def test_documents_with_their_attachments_do_not_warn(docs, number: str) -> None:
    assert not any("附件" in w for w in docs[number].warnings)


# -- tables ---------------------------------------------------------------------------------


def test_002_table_row_keeps_its_header_and_section(docs, clause_with) -> None:
    row = clause_with(docs["002"], "1180人")
    assert row.kind == "table_row"
    assert row.text.startswith(
        "序号：1；项目内容：塑造高技能人才培育新引擎；目标任务：持续壮大高技能人才队伍"
    )
    assert "每万劳动力高技能人才数达到1180人" in row.text
    assert "技能人才与产业发展深度融合示范城市重点举措（2021年）" in row.headings


def test_002_tab_continuation_lines_belong_to_the_row_above(docs, source_text) -> None:
    doc = docs["002"]
    row_number = None
    checked = 0
    for line in source_text(doc).splitlines():
        cells = line.split("\t")
        if len(cells) < 2 or cells[0] == "序号":
            continue
        if cells[0].strip():
            row_number = cells[0].strip()
            continue
        measure = clean_inline(cells[3])
        pieces = [c for c in doc.clauses if c.path == ["附件2", f"第{row_number}项"]]
        assert any(f"主要措施：{measure}" in c.text for c in pieces), measure
        checked += 1
    assert checked == 29


def test_002_every_piece_of_a_split_row_repeats_the_row_key(docs) -> None:
    pieces = [c for c in docs["002"].clauses if c.kind == "table_row"]
    assert len({tuple(c.path) for c in pieces}) == 9
    for clause in pieces:
        number = clause.path[1].removeprefix("第").removesuffix("项")
        assert clause.text.startswith(f"序号：{number}；项目内容："), clause.label


def test_003_table_row_is_one_chunk_with_its_header(docs, clause_with) -> None:
    row = clause_with(docs["003"], "退役军人专项培训行动")
    assert row.kind == "table_row"
    assert (
        row.label == "《开展大规模职业技能提升培训的行动方案（2025—2027年）》附件第11项 退役军人专项培训行动"
    )
    assert row.text == (
        "序号：11；重点任务：退役军人专项培训行动；主要内容：面向自主就业退役军人，以政校企合作培训为抓手，"
        "重点开展无人机操控、新媒体制作、电商运营、乡村振兴等技能培训。支持退役军人参加高等学历教育和职业教育。；"
        "责任单位：省退役军人事务厅、省人力资源社会保障厅、省教育厅等按职责分工负责。"
    )


def test_003_table_has_its_fifteen_rows_and_no_repeated_header_rows(docs) -> None:
    rows = [c for c in docs["003"].clauses if c.kind == "table_row"]
    assert [c.path[1] for c in rows] == [f"第{n}项" for n in range(1, 16)]
    assert all("#" not in c.clause_id for c in rows)
    assert not any("序号：序号" in c.text for c in rows)


# -- identity and the header chunk ---------------------------------------------------------


def test_clause_ids_are_unique_across_the_corpus(corpus) -> None:
    ids = [c.clause_id for c in corpus.clauses()]
    assert len(ids) == len(set(ids))


def test_clause_ids_are_stable_across_loads(corpus) -> None:
    again, _ = load_corpus(SOURCES_DIR)
    assert [(c.clause_id, c.text) for c in again.clauses()] == [
        (c.clause_id, c.text) for c in corpus.clauses()
    ]


def test_a_repeated_number_still_gets_its_own_id() -> None:
    # A typo in a source (two （二）) must not make two clauses share an id.
    doc = build_document(
        "typo.txt",
        "技能提升实施方案\n一、主要任务\n（一）开展培训。每年培训1万人。\n（二）开展评价。每年评价1万人。\n"
        "（二）开展竞赛。每年举办10场。\n",
        None,
    )
    ids = [c.clause_id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    assert [c.label for c in doc.clauses if c.text.startswith("（二）")] == [
        "《技能提升实施方案》一、（二） 开展评价",
        "《技能提升实施方案》一、（二） 开展竞赛",
    ]


@pytest.mark.parametrize(
    ("number", "facts"),
    [
        ("000", ["宿人社发〔2022〕8号", "宿迁市人力资源和社会保障局", "2022年3月25日", "2022—2024年"]),
        ("001", ["苏政办发〔2024〕37号", "江苏省人民政府办公厅", "2024年12月20日", "期限未载明"]),
        ("002", ["锡人社办〔2021〕12号", "无锡市人力资源和社会保障局", "2021年3月4日", "2021—2023年"]),
        ("003", ["江苏省人民政府办公厅", "2025—2027年"]),
        (
            "004",
            ["宁人社发〔2021〕151号", "宁夏回族自治区人力资源和社会保障厅", "2021年11月26日", "2021—2025年"],
        ),
    ],
)
def test_every_document_starts_with_a_header_chunk(docs, number: str, facts: list[str]) -> None:
    doc = docs[number]
    header = doc.clauses[0]
    assert header.kind == "header"
    assert header.label == f"{doc.meta.short_title}文件信息"
    assert header.text.startswith(doc.meta.short_title)
    for fact in facts:
        assert fact in header.text
    assert ("文号" in header.text) is (doc.meta.doc_number is not None)


# -- size ---------------------------------------------------------------------------------------


def test_no_clause_is_over_the_size_cap(corpus) -> None:
    too_long = [(c.label, len(c.text)) for c in corpus.clauses() if len(c.text) > MAX_CLAUSE_CHARS]
    assert too_long == []


def test_long_clauses_are_split_at_sentence_ends(corpus) -> None:
    clauses = corpus.clauses()
    split = [(a, b) for a, b in itertools.pairwise(clauses) if "#" in b.clause_id]
    assert len(split) >= 10
    for first, _ in split:
        assert first.text[-1] in "。；！？", first.label
    for _, rest in split:
        assert re.search(r"（\d+/\d+）$", rest.label)


def test_a_long_paragraph_splits_into_whole_sentences() -> None:
    sentences = [
        f"第{n}项措施是开展职业技能培训并按规定给予每人{n}百元补贴，由人社部门负责落实。"
        for n in range(1, 31)
    ]
    doc = build_document("long.txt", "技能提升实施方案\n一、主要任务\n" + "".join(sentences) + "\n", None)
    pieces = [c for c in doc.clauses if c.path == ["一、"]]
    assert len(pieces) > 1
    assert all(len(c.text) <= MAX_CLAUSE_CHARS for c in pieces)
    assert all(c.text.endswith("。") for c in pieces)
    assert "".join(c.text for c in pieces) == "".join(sentences)
    assert [c.label for c in pieces][
        -1
    ] == f"《技能提升实施方案》一、 主要任务（{len(pieces)}/{len(pieces)}）"


# -- coverage: nothing substantive is lost between the source and the chunks ---------------

# The first five lines of 001 are the web site's header (site name, breadcrumb, click counter).
_NOT_POLICY_TEXT = {"001": range(5)}
# A heading's marker (一、 （一） 1.) is kept in the clause path, not in its text.
_MARKER = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、])")


def _substantive_pieces(raw: str, skip: range) -> list[str]:
    pieces = []
    for n, line in enumerate(raw.splitlines()):
        if n in skip:
            continue
        cleaned, _ = remove_spam_terms(clean_inline(line))
        pieces += [p for p in re.split(r"[。；！？;!?\t|]", cleaned) if cjk_count(p) >= 8]
    return pieces


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_every_substantive_sentence_of_the_source_is_in_a_chunk(docs, source_text, number: str) -> None:
    doc = docs[number]
    # A heading is covered by the clauses under it: their label and headings carry it.
    chunks = [match_key(" ".join([c.label, *c.headings, c.text])) for c in doc.clauses]
    pieces = _substantive_pieces(source_text(doc), _NOT_POLICY_TEXT.get(number, range(0)))
    assert len(pieces) > 20
    lost = [p for p in pieces if not any(match_key(_MARKER.sub("", p)) in chunk for chunk in chunks)]
    assert lost == []


def test_a_last_item_stating_an_amount_keeps_it_and_a_closing_paragraph_speaks_for_the_part() -> None:
    text = (
        "扬州市人力资源和社会保障局\n\n关于职工技能等级补贴的通知\n\n二、补贴标准\n\n"
        "（一）取得中级工证书的，每人补贴800元。\n\n（二）取得高级工证书的，每人补贴1200元。\n\n"
        "同一等级只能享受一次补贴。\n\n三、申请方式\n\n（一）网上申请。通过人社网上办事大厅提交。\n"
    )
    clauses = {c.text: c for c in build_document("yangzhou.txt", text, None).clauses}
    last = clauses["（二）取得高级工证书的，每人补贴1200元。"]  # its own clause, never a heading
    assert last.path == ["二、", "（二）"]
    closing = clauses["同一等级只能享受一次补贴。"]
    assert closing.path == ["二、"] and closing.headings == ["补贴标准"]


def test_a_list_item_ending_with_a_semicolon_is_a_clause_even_when_a_paragraph_follows() -> None:
    text = (
        "淮安市人力资源和社会保障局\n\n关于技能补贴的通知\n\n二、补贴标准\n\n"
        "（一）高级工（三级）2000元；\n（二）技师（二级）参照高级工标准执行；\n"
        "每人每年最多享受一次。\n（三）高级技师（一级）3000元。\n"
    )
    clauses = {c.text: c for c in build_document("huaian.txt", text, None).clauses}
    assert clauses["（二）技师（二级）参照高级工标准执行；"].path == ["二、", "（二）"]
    assert clauses["每人每年最多享受一次。"].path == ["二、"]


def test_a_numbered_sentence_followed_by_a_paragraph_is_a_clause_and_the_paragraph_is_the_parts():
    from assistant.ingest.corpus import build_document

    text = (
        "某市就业补贴办法\n\n一、适用人员\n\n（一）在本市企业就业并缴纳社会保险满6个月的职工。\n"
        "（二）在本市办理就业登记的灵活就业人员。\n"
        "退休人员和在校学生不在本办法适用范围内。\n\n二、补贴标准\n\n每人每年补贴500元。\n"
    )
    clauses = build_document("rule.txt", text, None).clauses
    item = next(c for c in clauses if "灵活就业人员。" in c.text)
    assert item.text.startswith("（二）")  # its words are a clause's, not only a heading's
    after = next(c for c in clauses if c.text.startswith("退休人员"))
    assert "灵活就业人员" not in after.label and after.headings == ["适用人员"], after.label
