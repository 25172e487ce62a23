"""Structure: whatever numbering a notice uses and wherever it starts, every sentence lands
in exactly one clause, and every heading is carried by the clauses under it."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.ingest.corpus import build_document
from assistant.ingest.structure import join_markers, read_marker
from assistant.text.chinese import match_key

_CN = "一二三四五六七八九十"
# Each grammar is a family list from the top level down, as notices really nest them.
GRAMMARS = [
    ["cn", "paren_cn", "num"],
    ["paren_cn", "num"],
    ["num"],
    ["num_dun"],
    ["chapter", "article"],
    ["article"],
    ["md2", "md3", "num"],
]
_TOPICS = ["职业培训补贴", "技能等级认定", "技能竞赛奖励", "企业新型学徒制", "高技能人才表彰", "技工院校招生"]


def _marker(family: str, n: int) -> str:
    return {
        "cn": f"{_CN[n - 1]}、",
        "paren_cn": f"（{_CN[n - 1]}）",
        "num": f"{n}.",
        "num_dun": f"{n}、",
        "chapter": f"第{_CN[n - 1]}章　",
        "article": f"第{_CN[n - 1]}条　",
        "md2": "## ",
        "md3": "### ",
    }[family]


@dataclass
class Generated:
    lines: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    counter: int = 0

    def sentence(self, draw) -> str:
        self.counter += 1
        topic = draw(st.sampled_from(_TOPICS))
        text = f"做好{topic}工作的第{self.counter}项要求，由各地人力资源社会保障部门负责落实。"
        self.sentences.append(text)
        return text


@st.composite
def documents(draw) -> Generated:
    grammar = draw(st.sampled_from(GRAMMARS))
    doc = Generated(lines=["技能人才工作实施办法"])

    def unit(level: int, n: int) -> None:
        family = grammar[level]
        doc.counter += 1
        # "第1项" is no part of "第10项": each item's words are found only where they belong.
        words = f"{draw(st.sampled_from(_TOPICS))}第{doc.counter}项事项"
        deeper = level + 1 < len(grammar) and draw(st.booleans())
        if family == "article":  # an article is its own clause: its text follows on its line
            doc.lines.append(_marker(family, n) + doc.sentence(draw))
            return
        if not deeper and draw(st.booleans()):
            # An item with no body: short, no full stop, followed by its sibling or nothing.
            doc.lines.append(_marker(family, n) + words)
            doc.sentences.append(words)
            return
        doc.lines.append(_marker(family, n) + words)
        doc.headings.append(words)
        if deeper:
            for child in range(1, draw(st.integers(1, 3)) + 1):
                unit(level + 1, child)
        else:
            for _ in range(draw(st.integers(1, 2))):
                doc.lines.append(doc.sentence(draw))

    for n in range(1, draw(st.integers(1, 3)) + 1):
        unit(0, n)
    return doc


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_sentence_lands_in_exactly_one_clause_and_every_heading_is_carried(doc: Generated) -> None:
    suffix = ".md" if any(line.startswith("#") for line in doc.lines) else ".txt"
    built = build_document(f"generated{suffix}", "\n".join(doc.lines) + "\n", None)
    bodies = [match_key(c.text) for c in built.clauses if c.kind != "header"]
    for sentence in doc.sentences:
        assert sum(match_key(sentence) in body for body in bodies) == 1, sentence
    carried = match_key(" ".join(" ".join([c.label, *c.headings, c.text]) for c in built.clauses))
    for heading in doc.headings:
        assert match_key(heading) in carried, heading


# -- the marker families ---------------------------------------------------------------------


def test_each_family_is_read_with_its_own_numbering() -> None:
    lines = [
        "第十六条 申请人应当…",
        "第三章 监督管理",
        "一、总体要求",
        "（二）补贴标准",
        "3、申报时间",
        "3．申报时间",
    ]
    read = {text: read_marker(text) for text in [*lines, "## 一、总则"]}
    assert {t: (m.family, m.marker) for t, m in read.items()} == {
        "第十六条 申请人应当…": ("article", "第十六条"),
        "第三章 监督管理": ("chapter", "第三章"),
        "一、总体要求": ("cn", "一、"),
        "（二）补贴标准": ("paren_cn", "（二）"),
        "3、申报时间": ("num", "3、"),
        "3．申报时间": ("num", "3."),
        "## 一、总则": ("cn", "一、"),  # the # only emphasises a numbered heading
    }
    assert read_marker("## 申请条件").family == "md2"
    assert read_marker("2.5万元以上的项目给予补贴。") is None  # a decimal, not item 2


def test_a_label_cites_an_article_by_its_own_number_across_chapters() -> None:
    assert join_markers(["第三章", "第二节", "第十六条"]) == "第十六条"
    assert join_markers(["四、", "（四）", "13."]) == "四、（四）13."
    assert join_markers(["补贴标准", "职业技能等级证书补贴", "1."]) == "补贴标准 › 职业技能等级证书补贴 1."


def test_a_short_item_followed_by_its_sibling_keeps_its_text() -> None:
    doc = build_document(
        "list.txt",
        "技能人才政策清单\n一、培训补贴\n1.职业培训补贴\n2.职业技能鉴定补贴\n3.生活费补贴\n二、激励政策\n"
        "对获得技师职业资格的人员，给予一次性奖励2000元。\n",
        None,
    )
    items = [(c.path, c.text) for c in doc.clauses if c.path[:1] == ["一、"]]
    assert items == [
        (["一、", "1."], "1.职业培训补贴"),
        (["一、", "2."], "2.职业技能鉴定补贴"),
        (["一、", "3."], "3.生活费补贴"),
    ]


def test_a_numbered_line_with_text_under_it_is_a_heading() -> None:
    doc = build_document(
        "guide.txt",
        "技能提升申报指南\n1、申报对象\n在本市依法登记注册的企业。\n2、申报时间\n每年6月。\n",
        None,
    )
    [target] = [c for c in doc.clauses if "依法登记注册" in c.text]
    assert target.label == "《技能提升申报指南》1、 申报对象"
    assert target.text == "在本市依法登记注册的企业。"


def test_two_lists_restarting_at_one_are_told_apart_by_the_lines_over_them() -> None:
    doc = build_document(
        "qingdan.txt",
        "技能人才政策清单\n培训补贴政策\n1.就业技能培训补贴：每人800元。\n2.企业新型学徒制补贴\n"
        "技能激励政策\n1.技能大师工作室资助：50万元。\n2.“金陵工匠”奖励\n",
        None,
    )
    numbered = [join_markers(c.path) for c in doc.clauses if c.path]
    assert numbered == ["培训补贴政策 1.", "培训补贴政策 2.", "技能激励政策 1.", "技能激励政策 2."]
