"""The HTML the app shows: escaped, with buttons that say what they do, □ explained, the
documents table readable on a phone, and each uploaded file's outcome."""

from __future__ import annotations

import datetime as dt
import re

from assistant.documents import DocumentEntry
from assistant.ingest.corpus import FileReport
from assistant.lookup import LookupHit, LookupResult
from assistant.models import Citation, Clause, DocumentMeta, Jurisdiction, WorkerProfile
from ui.conversation import Conversation, TurnRecord
from ui.listings import documents_table_html, lookup_html, replace_report_html, upload_report_html
from ui.render import LOST_NOTE, conversation_html, profile_chip

SCRIPT = "<script>alert(1)</script>"
TODAY = dt.date(2026, 6, 1)


def citation(**changes: object) -> Citation:
    fields: dict[str, object] = {
        "n": 1, "doc_id": "suqian", "title": "“技能宿迁”行动（2022—2024年）实施方案",
        "doc_number": "宿人社发〔2022〕8号", "issuer": "宿迁市人力资源和社会保障局",
        "jurisdiction": "江苏省 › 宿迁市", "clause_id": "suqian:4.1",
        "label": "《“技能宿迁”行动（2022—2024年）实施方案》四、（一） 就业培训强基行动",
        "text": "着力发挥就业培训的基础性作用。开展职业技能培训，按照规定落实职业培训补贴。",
        "quote": "开展职业技能培训，按照规定落实职业培训补贴。", "expired": True,
        "valid_to": dt.date(2024, 12, 31),
    }  # fmt: skip
    return Citation(**{**fields, **changes})  # type: ignore[arg-type]


def turn(**changes: object) -> TurnRecord:
    fields: dict[str, object] = {
        "id": "t1", "question": "有补贴吗？", "answer": "按照规定落实职业培训补贴[1]。另见[9]。",
        "citations": [citation()], "suggestions": ["宿迁的农民工有哪些培训？"],
    }  # fmt: skip
    return TurnRecord(**{**fields, **changes})  # type: ignore[arg-type]


def meta(**changes: object) -> DocumentMeta:
    fields: dict[str, object] = {
        "doc_id": "wuxi", "title": "打造技能人才与产业发展深度融合示范城市工作方案",
        "doc_number": "锡人社办〔2021〕12号", "issuer": "无锡市人力资源和社会保障局",
        "date": dt.date(2021, 3, 4), "jurisdiction": Jurisdiction(province="江苏省", city="无锡市"),
        "valid_from": dt.date(2021, 3, 4), "valid_to": dt.date(2023, 12, 31), "source_file": "002.txt",
    }  # fmt: skip
    return DocumentMeta(**{**fields, **changes})  # type: ignore[arg-type]


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


# -- the conversation --------------------------------------------------------------------
def test_only_real_citation_numbers_become_buttons():
    html = conversation_html(Conversation(turns=[turn()]))
    assert html.count('class="pa-ref"') == 1 and 'data-n="1"' in html
    assert "另见[9]" in visible_text(html), "a number with no citation stays plain text"


def test_the_source_shows_label_document_number_status_and_the_quoted_span():
    html = conversation_html(Conversation(turns=[turn()]))
    source = html.split('<details class="pa-cite"')[1].split("</details>")[0]
    for shown in (
        "四、（一） 就业培训强基行动",
        "宿人社发〔2022〕8号",
        "江苏省 › 宿迁市",
        "2024-12-31",
        "已过期",
    ):
        assert shown in source
    assert "<mark>开展职业技能培训，按照规定落实职业培训补贴。</mark>" in source
    current = conversation_html(Conversation(turns=[turn(citations=[citation(expired=False)])]))
    assert "已过期" not in current and "有效" in current


def test_everything_from_users_documents_and_storage_is_escaped():
    source = citation(label=SCRIPT, title=SCRIPT, text=f"正文{SCRIPT}", issuer=SCRIPT)
    bad = turn(id=f'x"{SCRIPT}', question=SCRIPT, answer=f"答{SCRIPT}[1]", warnings=[SCRIPT],
               suggestions=[f'问"{SCRIPT}'], comment=SCRIPT, rating="up",
               profile=WorkerProfile(region=SCRIPT, groups=[SCRIPT]), citations=[source])  # fmt: skip
    html = conversation_html(Conversation(turns=[bad]), examples=[SCRIPT], pending=SCRIPT, partial=SCRIPT)
    html += profile_chip(WorkerProfile(region=SCRIPT))
    assert "<script" not in html and 'x"<' not in html
    assert "&lt;script&gt;" in html


def test_buttons_carry_text_and_no_emoji():
    html = conversation_html(Conversation(turns=[turn(rating="down")]), examples=["问一"])
    buttons = re.findall(r"<button[^>]*>(.*?)</button>", html, flags=re.S)
    assert buttons
    for label in buttons:
        text = visible_text(label).strip()
        assert text, f"a button without text: {label}"
        assert not re.search("[\U0001f300-\U0001faff]", text), f"emoji in {text}"
    texts = {visible_text(b).strip() for b in buttons}
    assert {"有帮助", "没帮助", "复制回答", "重新回答", "提交意见"} <= texts


def test_only_the_last_answer_can_be_regenerated_and_nothing_is_clickable_while_answering():
    conv = Conversation(turns=[turn(id="a"), turn(id="b")])
    html = conversation_html(conv)
    assert html.count('data-action="regenerate"') == 1
    assert 'data-action="regenerate"' in html.split('id="pa-turn-b"')[1]
    busy = conversation_html(conv, pending="下一个问题")
    assert 'data-action="regenerate"' not in busy
    assert all(" disabled" in b for b in re.findall(r'<button[^>]*data-action="(?:ask|rate)"[^>]*>', busy))


def test_lost_characters_are_explained_where_they_are_shown():
    html = conversation_html(Conversation(turns=[turn(citations=[citation(text="规模□□培训。")])]))
    assert '<span class="pa-lost"' in html and LOST_NOTE in html


# -- lookup, documents, uploads ----------------------------------------------------------
def _hit(text: str) -> LookupHit:
    clause = Clause(doc_id="wuxi", clause_id="wuxi:1", kind="clause", path=["一、"],
                    label="《方案》一、 技术能手", text=text, original=text, order=1)  # fmt: skip
    return LookupHit(clause=clause, doc=meta(), expired=True, text_spans=[(2, 6)], label_spans=[(8, 12)])


def test_lookup_states_the_true_count_and_marks_the_matches():
    result = LookupResult(
        query="技术能手", mode="keyword", terms=["技术能手"], total=120, hits=[_hit("评选技术能手活动")]
    )
    html = lookup_html(result, TODAY)
    assert "共 <b>120</b> 条匹配（精确查找），显示前 1 条" in html
    assert "<mark>技术能手</mark>活动" in html and "技术能手</mark>" in html.split("pa-hit-head")[1]
    assert "已过期" in html


def test_lookup_with_no_match_says_so_and_escapes_the_query():
    result = LookupResult(query=SCRIPT, mode="semantic", terms=[], total=0, hits=[])
    html = lookup_html(result, TODAY)
    assert "没有找到与“&lt;script&gt;" in html and "<script" not in html


def entry(meta: DocumentMeta, clauses: int = 12) -> DocumentEntry:
    return DocumentEntry.of(meta, clauses, TODAY)


def test_the_documents_table_labels_every_cell_for_the_phone_layout():
    html = documents_table_html(
        [entry(meta(title=SCRIPT)), entry(meta(doc_id="js", valid_to=dt.date(2035, 12, 31)))]
    )
    rows = html.split("<tr data-doc=")[1:]
    assert "已过期" in rows[0] and "现行有效" in rows[1]
    cells = re.findall(r'<td data-label="([^"]+)">', rows[0])
    assert cells == [
        "标题",
        "状态",
        "文号",
        "适用地区",
        "期限",
        "发文机关",
        "日期",
        "条款",
        "馆员修订",
        "文件",
    ]
    assert "<script" not in html


def test_the_table_says_which_fields_a_curator_corrected_and_who_repealed_a_document():
    old = meta(doc_id="old", repealed_by="new", field_sources={"doc_number": "override", "title": "text"})
    new = meta(doc_id="new", title="新办法", valid_to=dt.date(2035, 12, 31))
    html = documents_table_html([entry(old), entry(new)])
    row = html.split('<tr data-doc="old">')[1].split("</tr>")[0]
    assert '<td data-label="馆员修订">文号</td>' in row
    assert "已废止" in row and "（被《新办法》废止）" in row


def test_an_empty_library_says_so():
    assert "文件库是空的" in documents_table_html([])


def test_the_upload_report_shows_each_files_outcome_escaped():
    reports = [
        FileReport(
            file="a.txt", ok=True, doc_id="a", title="关于A的通知", clauses=4, warnings=["正文中未找到文号"]
        ),
        FileReport(
            file="b.txt", ok=True, doc_id="a", unchanged=True, note="与文件库中的 a.txt 内容相同，未重复加入"
        ),
        FileReport(file=f"{SCRIPT}.txt", ok=False, error="文件是空的"),
    ]
    html = upload_report_html(reports)
    text = visible_text(html)
    assert "已加入 1 个文件，未加入 1 个，另有 1 个与文件库中的文件内容相同，未重新索引。" in text
    assert "✓ 已加入 a.txt → 关于A的通知（4 条）" in text and "正文中未找到文号" in text
    assert "编号" not in text  # the internal id is the curator's business only in the table
    assert "＝ b.txt：与文件库中的 a.txt 内容相同，未重复加入" in text
    assert "✗ 未加入 &lt;script&gt;alert(1)&lt;/script&gt;.txt：文件是空的" in text and "<script" not in html
    assert "请先选择要上传的文件" in upload_report_html([])


def test_a_replacement_is_reported_as_one_line():
    refused = replace_report_html(FileReport(file="v2.pdf", ok=False, error="PDF 文件已加密，无法读取"))
    assert visible_text(refused) == "✗ 未替换 v2.pdf：PDF 文件已加密，无法读取"
    done = FileReport(
        file="v2.txt", ok=True, doc_id="a", title="关于A的通知", clauses=5, note="已用 v2.txt 替换 a.txt"
    )
    said = visible_text(replace_report_html(done))
    assert "✓ 已替换 关于A的通知（新版本 5 条）；已用 v2.txt 替换 a.txt" in said
    assert "编号" not in said and "已加入" not in said, "a replacement adds nothing and names no internal id"


# -- the policy in force first, each expiry said once (issue 19, items 2 and 4) ----------------------
NINGXIA = "“技能宁夏行动”实施方案"
EXPIRY_NOTE = f"注意：《{NINGXIA}》实施期限为2021—2025年，已过期，现行规定请向当地人社部门核实。"
EXPIRY_WARNING = f"{NINGXIA}已过实施期限（2021—2025年）"


def ningxia(**changes: object) -> Citation:
    return citation(
        **{"doc_id": "ningxia", "title": NINGXIA, "label": f"《{NINGXIA}》四、（四）13.", **changes}
    )


def jiangsu(**changes: object) -> Citation:
    title = "开展大规模职业技能提升培训的行动方案（2025—2027年）"
    fields = {"doc_id": "jiangsu", "title": title, "label": f"《{title}》附件第11项 退役军人专项培训行动"}
    return citation(**{**fields, "expired": False, "valid_to": dt.date(2027, 12, 31), **changes})


def test_yes_is_never_the_verdict_when_every_source_has_expired():
    answer = f"有。\n《{NINGXIA}》：自治区技术能手奖励资金调高至1万元[1]。\n{EXPIRY_NOTE}"
    html = conversation_html(
        Conversation(turns=[turn(answer=answer, citations=[ningxia()], warnings=[EXPIRY_WARNING])])
    )
    shown = visible_text(html.split('<div class="pa-sources">')[0])
    first_line = shown.split("问有补贴吗？答")[1].split("[1]")[0]
    assert first_line.startswith("有，但该文件已过期，现行规定请向当地人社部门核实。"), first_line
    assert "有。" not in shown
    assert shown.count("已过期") == 1, "the expiry is said once, in the verdict line"
    assert 'class="pa-warning"' not in html
    assert "1万元" in shown, "the amount is still given"


def test_an_expired_document_named_in_the_text_gets_no_second_warning_box():
    answer = f"《{NINGXIA}》：技术能手奖励资金调高至1万元[1]。按规定给予补贴[2]。\n{EXPIRY_NOTE}"
    other = "某文件未载明实施期限"
    html = conversation_html(
        Conversation(
            turns=[turn(answer=answer, citations=[ningxia(), jiangsu(n=2)], warnings=[EXPIRY_WARNING, other])]
        )
    )
    text = visible_text(html.split('<div class="pa-sources">')[0])
    assert text.count("已过期") == 1 and "注意：" in text
    assert f"⚠ {other}" in text and NINGXIA + "已过实施期限" not in text, "only the unsaid warning stays"


def test_the_in_force_source_leads_and_the_expired_one_is_marked():
    answer = "支持退役军人参加培训[1]。退役军人专项培训行动[2]。"
    html = conversation_html(Conversation(turns=[turn(answer=answer, citations=[ningxia(), jiangsu(n=2)])]))
    order = re.findall(r'<details class="pa-cite"[^>]*data-n="(\d)" data-status="([^"]+)"', html)
    assert order == [("2", "有效"), ("1", "已过期")]
    expired = html.split('data-status="已过期"')[1].split("</summary>")[0]
    assert "pa-expired" in expired and "已过期" in visible_text(expired)
    assert visible_text(html).index("[1]") < visible_text(html).index("[2]"), "the text keeps its numbers"


def test_a_lookup_with_no_match_offers_the_documents_spelling():
    from assistant.lookup import LookupResult

    empty = LookupResult(query="补帖", mode="keyword", terms=["补帖"], total=0, hits=[], suggestion="补贴")
    said = visible_text(lookup_html(empty, dt.date(2026, 11, 21)))
    assert "没有找到与“补帖”匹配的条款" in said and "文件中的写法是“补贴”" in said
