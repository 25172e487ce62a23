"""Rendering pieces: the quoted span highlighted and escaped, the copy block, streaming, the clause tree."""

from __future__ import annotations

import datetime as dt
import itertools

from assistant import present
from assistant.models import Answer, Citation, Clause, DocumentMeta, Jurisdiction

SCRIPT = "<script>alert(1)</script>"
TODAY = dt.date(2026, 6, 1)
CLAUSE = (
    "（一）就业培训强基行动。着力发挥就业培训的基础性作用。聚焦高校毕业生、退役军人、残疾人等重点群体，"
    "开展职业技能培训，按照规定落实职业培训补贴。每年完成城乡劳动者就业技能培训不低于2万人。"
)


def citation(**changes: object) -> Citation:
    fields: dict[str, object] = {
        "n": 1,
        "doc_id": "suqian",
        "title": "“技能宿迁”行动（2022—2024年）实施方案",
        "doc_number": "宿人社发〔2022〕8号",
        "issuer": "宿迁市人力资源和社会保障局",
        "jurisdiction": "江苏省 › 宿迁市",
        "clause_id": "suqian:4.1",
        "label": "《“技能宿迁”行动（2022—2024年）实施方案》四、（一） 就业培训强基行动",
        "text": CLAUSE,
        "quote": "聚焦高校毕业生、退役军人、残疾人等重点群体，开展职业技能培训，按照规定落实职业培训补贴。",
        "expired": True,
        "valid_to": dt.date(2024, 12, 31),
    }
    return Citation(**{**fields, **changes})  # type: ignore[arg-type]


def answer(text: str = "可以参加职业技能培训并享受补贴[1]。", **changes: object) -> Answer:
    return Answer(
        **{"question": "q", "answer": text, "answerable": True, "citations": [citation()], **changes}
    )  # type: ignore[arg-type]


def meta(**changes: object) -> DocumentMeta:
    fields: dict[str, object] = {
        "doc_id": "wuxi",
        "title": "打造技能人才与产业发展深度融合示范城市工作方案",
        "doc_number": "锡人社办〔2021〕12号",
        "issuer": "无锡市人力资源和社会保障局",
        "date": dt.date(2021, 3, 4),
        "jurisdiction": Jurisdiction(province="江苏省", city="无锡市"),
        "valid_from": dt.date(2021, 3, 4),
        "valid_to": dt.date(2023, 12, 31),
        "source_file": "002.txt",
    }
    return DocumentMeta(**{**fields, **changes})  # type: ignore[arg-type]


# -- highlight -----------------------------------------------------------------------
def test_highlight_marks_the_quoted_sentence_inside_the_clause():
    html = present.highlight(CLAUSE, citation().quote)
    assert html.count("<mark>") == 1
    marked = html.split("<mark>")[1].split("</mark>")[0]
    assert marked == citation().quote
    assert html.replace("<mark>", "").replace("</mark>", "") == CLAUSE


def test_highlight_marks_non_adjacent_sentences_of_a_joined_quote():
    quote = "着力发挥就业培训的基础性作用。每年完成城乡劳动者就业技能培训不低于2万人。"
    html = present.highlight(CLAUSE, quote)
    assert html.count("<mark>") == 2
    assert "<mark>每年完成城乡劳动者就业技能培训不低于2万人。</mark>" in html


def test_highlight_escapes_inside_and_outside_the_mark():
    text = f"前文{SCRIPT}。引用<b>这句</b>。"
    html = present.highlight(text, "引用<b>这句</b>。")
    assert "<mark>引用&lt;b&gt;这句&lt;/b&gt;。</mark>" in html
    assert "<script" not in html and "<b>" not in html


def test_highlight_without_a_findable_quote_marks_nothing():
    assert "<mark>" not in present.highlight(CLAUSE, "文件里没有的一句话。")
    assert "<mark>" not in present.highlight(CLAUSE, "")


# -- plain text ----------------------------------------------------------------------
def test_copy_text_puts_the_answer_and_numbered_citations_in_one_block():
    a = answer()
    text = present.copy_text(a.answer, a.citations)
    assert text.splitlines()[0] == a.answer
    assert text.splitlines()[-1] == (
        "[1] 《“技能宿迁”行动（2022—2024年）实施方案》四、（一） 就业培训强基行动"
        "（宿人社发〔2022〕8号）［已过期］"
    )


def test_stream_pieces_are_growing_prefixes_ending_with_the_whole_text():
    pieces = present.stream_pieces(CLAUSE * 2)
    assert 2 <= len(pieces) <= 4
    assert pieces[-1] == CLAUSE * 2
    assert all(b.startswith(a) and len(b) > len(a) for a, b in itertools.pairwise(pieces))
    assert present.stream_pieces("短答案。") == ["短答案。"]


def test_the_clause_tree_escapes_document_text():
    doc = meta(title=f"方案{SCRIPT}", doc_number=SCRIPT)
    clause = Clause(doc_id="wuxi", clause_id=f"wuxi:{SCRIPT}", kind="clause", path=["一、"],
                    label=f"《方案》一、{SCRIPT}", text=f"正文{SCRIPT}", original="", order=1)  # fmt: skip
    html = present.clause_tree_html(doc, [clause], TODAY)
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_a_notice_the_answer_text_already_carries_is_not_boxed_again():
    from assistant import present

    notice = "问题过长，只处理了前2000个字。"
    shown, boxes = present.shown_answer(f"{notice}\n现有文件中没有找到相关规定。", [], [notice, "另一条提醒"])
    assert shown.count(notice) == 1 and boxes == ["另一条提醒"]
