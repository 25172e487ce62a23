"""Sentences answers share, in one place: where to ask, and how "the documents do not say
this" is worded. Each generator (extractive, LLM) and the chain use these, so a change of
wording reaches every answer at once."""

from __future__ import annotations

HOTLINE_NUMBER = "12333"  # the HR and social-security hotline: a number of the frame, never a claim
_BUREAU = "当地人力资源社会保障部门"
_HOTLINE = f"拨打{HOTLINE_NUMBER}人社服务热线"
ASK_HOTLINE = f"请咨询{_BUREAU}或{_HOTLINE}。"
HOTLINE_ADVICE = f"如需确认，{ASK_HOTLINE}"
CHECK_CURRENT_RULES = f"现行规定请向{_BUREAU}核实或{_HOTLINE}。"  # after an expired document's status
EXPIRED_CHECK = "现行规定请向当地人社部门核实。"  # the short form, inside an expiry note

NOTHING_FOUND = "现有文件中没有找到与您的问题相关的规定。"
# "有…吗" answered where only expired documents grant what was asked.
YES_BUT_EXPIRED = f"有，但写明这项待遇的文件已过期，{EXPIRED_CHECK}"


def yes_but_expired(titles: list[str], yes: str = "有") -> str:
    """YES_BUT_EXPIRED naming the expired documents, whose lines then need no flag of their own."""
    if not titles:
        return YES_BUT_EXPIRED
    what = "这项待遇" if yes == "有" else "这一规定"
    return f"{yes}，但写明{what}的{'、'.join(titles)}已过期，{EXPIRED_CHECK}"


# What a figure question asked for, as "现有文件没有写明{…}" says it.
MISSING_FIGURE = {
    "money": "具体金额",
    "people": "具体人数",
    "percent": "具体比例",
    "count": "具体数量",
    "quantity": "具体数字",
    "date": "具体日期",
    "contact": "联系方式",
    "person": "具体人员",
}


def not_stated(what: str) -> str:
    """ "现有文件没有写明…": the opening of every answer that refuses for lack of a statement."""
    return f"现有文件没有写明{what}"
