"""A question names a law as people do: without 中华人民共和国, and by the longest name it reads."""

from __future__ import annotations

import pytest

from assistant.models import DocumentMeta
from assistant.question.understand import named_documents

DOCUMENTS = [
    DocumentMeta(doc_id="law", title="中华人民共和国劳动合同法", source_file="劳动合同法(2012-12-28).md"),
    DocumentMeta(
        doc_id="regulation",
        title="中华人民共和国劳动合同法实施条例",
        source_file="劳动合同法实施条例(2008-09-18).md",
    ),
    DocumentMeta(
        doc_id="shandong", title="山东省劳动合同条例", source_file="山东省劳动合同条例(2013-08-01).md"
    ),
]


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("劳动合同法规定试用期最长多久？", ["law"]),
        ("中华人民共和国劳动合同法第十条怎么说", ["law"]),
        ("劳动合同法实施条例里经济补偿的月工资怎么算", ["regulation"]),
        ("山东省劳动合同条例和劳动合同法有什么不同", ["law", "shandong"]),
        ("公司不给交社保，我辞职能要补偿吗", []),
    ],
)
def test_a_law_is_named_by_its_short_name_and_the_longest_name_wins(question: str, named: list[str]) -> None:
    assert named_documents(question, DOCUMENTS) == named
