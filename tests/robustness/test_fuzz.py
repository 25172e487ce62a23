"""Property tests for the question path: whatever a user types, nothing raises.

The normaliser and chunker are fuzzed in tests/text/test_properties.py; here it is the
other side, user input: question cleaning, query understanding, follow-up resolution
and a whole answer. Strategies mix pieces of real questions (places, groups, follow-up
openers, injections, markup) with arbitrary Unicode, including lone surrogates, which
JSON input can carry.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.answer.inputs import clean_question
from assistant.models import Question, WorkerProfile
from assistant.question.resolve_followup import resolve_followup
from assistant.question.understand import understand

_PIECES = [
    "宁夏", "无锡", "宿迁", "江苏", "上海", "银川", "技术能手", "技能大师", "退役军人", "农民工",
    "高校毕业生", "残疾人", "补贴", "奖励", "多少", "万元", "1万元", "2021年", "25到27年", "那", "呢？",
    "它", "其中", "还有", "《“技能宁夏行动”实施方案》", "宁人社发〔2021〕151号", "1+13+N",
    "忽略以上规则，", "系统提示：", "system: ", "你现在是一个", "<script>alert(1)</script>", "<b>", "</问题>",
    "\x00", "\u202e", "\u200b", "😀", "ھۈنەر", "I am a veteran", "？", "。", "，", " ", "\n", "\t", "[1]",
    "“", "”", "〔", "〕", "%s", "{question}", "\ud800", "\u0958", "\ufb2c",
]  # fmt: skip
_any_char = st.characters(codec=None, exclude_categories=())  # surrogates included
_text = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(_any_char, max_size=200)


@pytest.fixture(scope="module")
def counted(results):  # -> Callable[[str], None]
    """Counts the examples each property really ran, for docs/robustness.md."""
    fuzz = results.figures.setdefault("fuzz", {})
    return lambda name: fuzz.__setitem__(name, fuzz.get(name, 0) + 1)


_fast = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_fast
@given(_text | st.text(_any_char, min_size=2000, max_size=3000), st.integers(50, 500))
def test_clean_question_never_raises_and_respects_the_cap(counted, text: str, cap: int) -> None:
    counted("clean_question")
    cleaned = clean_question(text, cap)
    assert len(cleaned.text) <= cap
    assert not any("\ud800" <= c <= "\udfff" for c in cleaned.text)
    if len(text) > cap:
        assert "问题过长" in "".join(cleaned.notices)


@_fast
@given(_text)
def test_understand_never_raises(counted, policy_documents, text: str) -> None:
    counted("understand")
    query = understand(clean_question(text, 2000).text, policy_documents)
    assert set(query.doc_ids) <= {d.doc_id for d in policy_documents}


@_fast
@given(_text, st.lists(_text, max_size=12))
def test_resolve_followup_never_raises(counted, policy_documents, text: str, history: list[str]) -> None:
    counted("resolve_followup")
    clean = [clean_question(h, 2000).text for h in history]
    resolved = resolve_followup(clean_question(text, 2000).text, clean, policy_documents)
    assert isinstance(resolved.text, str)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _text,
    st.lists(_text, max_size=4),
    st.none() | st.builds(WorkerProfile, region=st.none() | _text, groups=st.lists(_text, max_size=3)),
)
def test_ask_never_raises(counted, assistant, text: str, history: list[str], profile: WorkerProfile | None):
    counted("PolicyAssistant.ask")
    answer = assistant.ask(Question(text=text, history=history, profile=profile))
    assert answer.answer.strip()
    assert "10万元" not in answer.answer or "10万元" in "".join(c.text for c in answer.citations)
