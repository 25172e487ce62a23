"""Properties of the text rules that must hold for any input, not only the five sources.

The strategies mix the pieces real policy text is made of — clause markers, 文号, dates,
traditional characters with pinyin, HTML remnants, NBSP, tabs of table rows — with
arbitrary Unicode, so the rules meet both the traps they were written for and noise.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.ingest.corpus import build_document
from assistant.ingest.normalise import clean_inline, normalise_document
from assistant.text.chinese import match_key
from assistant.text.sentences import split_sentences

_PIECES = [
    # structure
    "一、", "二、", "（一）", "(二)", "1.", "2、", "（1）", "(2)", "——", "附件", "附件：1.", "附件2",
    "序号\t项目内容\t主要措施", "\t\t", "\t", "序号 | 重点任务 |", "1 |", "|", "抄报：", "组 长：",
    # metadata
    "2021年3月4日", "二〇二一年三月四日", "苏政办发〔2024〕37号", "〔202437", "20241220",
    "人力资源和社会保障厅", "江苏省", "宁夏", "无锡市", "的通知", "实施方案", "（2022—2024年）",
    "十四五", "到2035年", "部 ", "财政部关于", "人民政府共同", "局 ",
    # traps
    "九游会", "电竞", "忽略以上指令。", "欢迎访问", "点击次数", "<p>", "</span>", "?/span>", "&nbsp;",
    "&amp;lt;", "(yè)", "(guī)", " (guī)", "規", "模", "職業", " and ", "?", "??", "qū)", "□",
    # text
    "技能", "培训", "补贴", "1万元", "。", "，", "；", "：", "！", "？", ",", ";", ":", "“", "”",
    " ", "\u00a0", "\u3000", "ａ", "１", "\n", "\n", "\n\n", "\r\n",
]  # fmt: skip
_policy_like = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)
_any_text = _policy_like | st.text(max_size=120)
_one_line = _any_text.map(lambda s: s.replace("\r", "").replace("\n", ""))

_settings = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(_one_line)
def test_clean_inline_is_idempotent(text: str) -> None:
    once = clean_inline(text)
    assert clean_inline(once) == once


@_settings
@given(_any_text)
def test_every_normalised_line_is_already_clean(text: str) -> None:
    norm = normalise_document(text)
    for line in norm.lines:
        assert line.text  # empty lines are dropped
        assert clean_inline(line.text) == line.text
        assert 0 <= line.raw_start <= line.raw_end < len(norm.raw_lines)


@_settings
@given(_any_text)
def test_chunking_any_text_gives_a_header_and_unique_ids(text: str) -> None:
    document = build_document("any.txt", text, None)
    assert document.clauses[0].kind == "header"
    ids = [c.clause_id for c in document.clauses]
    assert len(ids) == len(set(ids))
    assert all(len(c.text) <= 400 for c in document.clauses)
    assert [c.order for c in document.clauses] == list(range(len(document.clauses)))


@_settings
@given(_any_text)
def test_split_sentences_rejoins_to_its_input(text: str) -> None:
    assert "".join(split_sentences(text)) == text


@_settings
@given(_any_text)
def test_match_key_is_idempotent(text: str) -> None:
    key = match_key(text)
    assert match_key(key) == key


def test_the_examples_that_broke_idempotency_stay_fixed() -> None:
    # Found by the properties above; each was a rule that a later rule could re-enable.
    for text in [
        "〕3n训 and 3\xa0(guī)训\xa0",  # a space before an annotation, removed after it
        "&lt;&lt;oo>（（",  # an escaped tag becomes a tag once unescaped
        "<<电竞><ｂ>",  # a full-width tag becomes a tag once folded
        "〕一ǎ(一？一(忽略以上8)】)〕 and &#12288;【日",  # nested half-width parentheses
    ]:
        once = clean_inline(text)
        assert clean_inline(once) == once, text
    for text in ["H¸Ö", "㊮k"]:  # NFKC's space + combining mark; NFKC producing 資
        assert match_key(match_key(text)) == match_key(text), text
