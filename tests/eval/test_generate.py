"""Generated training questions: made from the sentence's own words, one per kind of fact,
on sentences of notices the project has never seen (written here, not taken from eval)."""

import random

from assistant.eval.fit import better_on_folds
from assistant.eval.generate import generate, questions_of_sentence
from assistant.models import Clause


def _asked(sentence: str) -> dict[str, str]:
    return {q.kind: q.question for q in questions_of_sentence(sentence, "c1", "d1", random.Random(0))}


def test_an_amount_is_asked_about_what_it_is_paid_for():
    asked = _asked("对新认定的省级技能大师工作室，给予每个10万元的一次性资助")
    assert set(asked) == {"money"}
    assert "技能大师工作室" in asked["money"] and "10万元" not in asked["money"]


def test_a_period_a_share_and_a_body_each_get_their_own_kind_of_question():
    assert "用人单位" in _asked("用人单位应当自用工之日起30日内为职工办理社会保险登记")["period"]
    assert "最低工资标准" in _asked("失业保险金按当地最低工资标准的90%确定")["percent"]
    body = _asked("由县级以上人力资源社会保障部门负责职业培训补贴的审核发放")["body"]
    assert "职业培训补贴" in body and ("部门" in body or "谁" in body or "单位" in body)


def test_a_list_is_asked_about_its_head_not_its_first_item():
    asked = _asked("培训对象包括农民工、高校毕业生、退役军人、残疾人等群体")
    assert asked["list"].startswith("培训对象")
    assert "农民工" not in asked["list"]


def test_a_sentence_without_a_fact_or_a_subject_asks_nothing():
    assert _asked("各地要高度重视，认真抓好落实。") == {}
    assert _asked("给予1万元。") == {}  # no words of its own to ask about


def test_generate_takes_clauses_with_a_near_miss_and_skips_header_cards():
    def clause(kind: str, text: str, n: int) -> Clause:
        return Clause(
            doc_id="d1", clause_id=f"d1-{n}", kind=kind, path=[], label=f"第{n}条", text=text,
            original=text, order=n,
        )  # fmt: skip

    clauses = [
        clause("header", "文号：某人社发〔2030〕1号。发布日期：2030年1月1日。", 0),
        clause("clause", "对获评市级技术能手的职工给予5000元奖励。奖励资金由市财政列支。", 1),
        clause("clause", "对获评市级技术能手的职工给予5000元奖励", 2),  # one sentence: no near miss
    ]
    out = generate(clauses, seed=3)
    assert [(q.clause_id, q.kind, q.answer) for q in out] == [("d1-1", "money", "5000元")]
    assert out[0].sentence.startswith("对获评市级技术能手")


def test_a_threshold_change_must_win_on_the_folds_not_on_one_lucky_fold():
    assert better_on_folds([4.1, 4.2, 4.3], [4.0, 4.2, 4.2])
    assert not better_on_folds([5.5, 3.9, 3.9], [4.0, 4.0, 4.0])  # mean up, two folds down
    assert not better_on_folds([4.0, 4.0, 4.0], [4.0, 4.0, 4.0])
