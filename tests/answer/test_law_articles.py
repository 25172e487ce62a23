"""Law articles answered as rules, on a regulation of the tests' own (tests/answer/own_laws):
a rule counting whole years sets its shorter ranges for the time left over, and a rule about
one sex alone is no answer about the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.models import Question
from assistant.question.understand import sex_named
from tests.answer.conftest import TODAY, library_of

OWN_LAWS = Path(__file__).parent / "own_laws"


@pytest.fixture(scope="module")
def own_laws(tmp_path_factory: pytest.TempPathFactory):
    return library_of(OWN_LAWS, TODAY, tmp_path_factory)


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("男职工能休几天", "男"),
        ("我是女的，今年52岁", "女"),
        ("妇女的权益", "女"),
        ("男性不超过55周岁、女性不超过50周岁", None),
        ("职工能休几天", None),
    ],
)
def test_the_one_sex_a_text_names_is_read(text, sex):
    assert sex_named(text) == sex


def test_half_a_year_left_over_counts_as_a_year(own_laws):
    answer = own_laws.ask(Question(text="在厂里干了三年半被辞退了，能拿几个月工资的补偿？")).answer
    assert "每满一年支付一个月工资" in answer, answer
    assert "六个月以上不满一年的，按一年计算" in answer, answer
    assert "不满六个月的" not in answer, answer
    # Exactly three years leave nothing over.
    answer = own_laws.ask(Question(text="干了整整三年被辞退，能拿几个月工资的补偿？")).answer
    assert "每满一年支付一个月工资" in answer, answer
    assert "六个月以上不满一年" not in answer and "不满六个月的" not in answer, answer


def test_a_rule_about_women_alone_is_no_answer_about_men(own_laws):
    answer = own_laws.ask(Question(text="男职工的陪产假有几天？"))
    assert not answer.answerable
    assert "没有写明男职工" in answer.answer, answer.answer
    assert "女职工" in answer.answer, answer.answer
    women = own_laws.ask(Question(text="女职工产假有几天？"))
    assert women.answerable and "一百二十八天" in women.answer, women.answer


def test_a_benefit_asked_about_is_answered_with_its_standard(own_laws):
    # 第七条 lists 伙食补助费 among the costs the employer bears; 第八条 states its standard.
    answer = own_laws.ask(Question(text="出差期间的伙食有补助吗？")).answer
    assert answer.startswith("有。"), answer
    assert "伙食补助费标准为出差地上年度城镇居民人均日消费支出的百分之五十" in answer, answer
