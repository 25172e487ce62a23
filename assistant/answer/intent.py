"""What kind of answer a question wants: a figure (and of what unit), a comparison, a
list of benefits for a person, or a fact about the document itself."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from assistant.models import QueryInfo
from assistant.retrieval.hybrid import asks_metadata

Unit = Literal["money", "people", "percent", "count", "any"]

# Money is asked for in many ways; "多少补贴培训" asks for people trained, not yuan.
# Money counts only when an amount is asked: "能拿多少奖金" yes; "有没有奖金" is a yes or
# no, "能拿多少来发绩效" asks for a share and "多少补贴培训" for people trained.
_MONEY = re.compile(
    r"(多少钱|几块钱|多少元|几元|几万块|金额|补贴标准|工资标准|最低工资|"
    r"(奖金|奖励|补助|补贴|津贴|贷款|贷|保险金|养老金|工资|补)[^，。？?]{0,8}(多少|几|上限|最多)|"
    r"(多少|几)[^，。？?]{0,4}(奖金|津贴|补助|钱))"
)
_PEOPLE = re.compile(r"(多少人|几个人|多少名|几名|人次|多少学徒|带多少|培养多少|培训多少|考下)")
_PERCENT = re.compile(r"(比例|占比|百分之|%|几成|比重|匹配度|百分点)")
_COUNT = re.compile(r"(几个|多少个|几家|多少家|几场|多少场|几项|多少项|几届|几所)")
_COMPARE = re.compile(
    r"(分别|各是|各写|各建|各培养|各有|各多少|一样吗|一样不|相同|不同|区别|差别|对比|比较|"
    r"哪个(多|少|长|短|高|低|大|早|晚)|更(多|少|长|短|高|低|大|早|晚)|相比|还是)"
)
_ELIGIBILITY = re.compile(
    r"(我是|我在|本人|我们|能享受|可以享受|能拿|能领|能参加|可以参加|能报|可以报|有什么(政策|补贴|支持|待遇|培训|好处)|"
    r"有没有|能不能|可不可以|符合|够不够|算不算|怎么对待|按什么)"
)

BENEFIT_WORDS = (
    "补贴", "奖励", "津贴", "待遇", "落户", "贷款", "贴息", "资金", "培训", "认定", "评价",
    "同等", "享受", "支持", "优先", "免于", "直接", "招聘", "学历", "职称", "证书", "疗养",
    "表彰", "年金", "薪酬", "工资",
)  # fmt: skip


class Intent(BaseModel):
    kind: Literal["metadata", "comparison", "figure", "eligibility", "general"]
    unit: Unit | None = None

    @property
    def wants_figure(self) -> bool:
        return self.unit is not None


def expected_unit(text: str) -> Unit | None:
    """The unit of the figure asked for. People, shares and counts are checked before money:
    "补贴性培训做多少人次" asks for people."""
    if _PEOPLE.search(text):
        return "people"
    if _PERCENT.search(text):
        return "percent"
    if _COUNT.search(text):
        return "count"
    if _MONEY.search(text):
        return "money"
    if re.search(r"(多少|几)", text):
        return "any"
    return None


def classify(text: str, query: QueryInfo) -> Intent:
    unit = expected_unit(text)
    if _COMPARE.search(text):
        return Intent(kind="comparison", unit=unit)
    if asks_metadata(text):
        return Intent(kind="metadata", unit=unit)
    if unit is not None:
        return Intent(kind="figure", unit=unit)
    if query.groups or query.asker_region or _ELIGIBILITY.search(text):
        return Intent(kind="eligibility")
    return Intent(kind="general")
