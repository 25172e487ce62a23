"""The signals evidence selection weighs, measured on sentences of their own."""

from __future__ import annotations

import numpy as np

from assistant.answer.features import (
    FEATURES,
    coverage,
    focus_coverage,
    focus_terms,
    holds,
    relative,
    year_agreement,
)
from assistant.answer.features import _type_coverage as type_coverage

IDF = {"技能": 0.5, "大师": 2.0, "工作室": 2.5, "资助": 3.0, "常州": 4.0, "奖励": 1.0, "首席技师": 3.5}


def idf(token: str) -> float | None:
    return IDF.get(token)


def test_what_a_sentence_holds():
    assert holds("给予每个工作室一次性资助10万元。", "money")
    assert holds("每年培养首席技师20名。", "people")
    assert holds("建成三个公共实训基地。", "count")  # counts written in words
    assert not holds("建成三个公共实训基地。", "money")
    # Laws write their figures in words.
    assert holds("处二万元以上五万元以下的罚款。", "money")
    assert holds("不得低于当地最低工资标准的百分之八十。", "percent")
    assert holds("按日加收千分之二的滞纳金。", "percent")  # a rate per day
    # …and pay in wages: months of wages, or a multiple of them.
    assert holds("工作每满一年，支付一个月工资作为补偿。", "money")
    assert holds("应当向劳动者每月支付二倍的工资。", "money")
    assert not holds("劳动者在本单位连续工作满十年。", "money")
    assert holds("女职工生育享受九十八天产假。", "quantity")
    assert not holds("按照规定享受生育保险待遇。", "quantity")
    assert holds("联系电话：0519-12345678", "contact")
    assert holds("由市人力资源和社会保障局牵头负责。", "organisation")
    assert holds("组长：王明副市长", "person")
    assert holds("2025年6月30日前完成申报。", "date")
    assert holds("根据《江苏省职业技能培训条例》制定。", "document")


def test_coverage_ignores_punctuation_and_weighs_specific_words_more():
    terms = {"大师": 2.0, "工作室": 2.5, "资助": 3.0}
    assert coverage("技能大师（工作室）建设", terms) == (2.0 + 2.5) / 7.5
    assert coverage("与此无关", terms) == 0.0


def test_a_figure_belongs_to_the_condition_it_is_granted_on():
    from assistant.answer.features import _type_coverage

    focus = {"技师": ("技师",)}
    assert _type_coverage("取得技师证书的，每人给予一次性培训补贴3000元。", "money", focus) == 1.0
    assert _type_coverage("开展技师评选，每人给予一次性培训补贴3000元。", "money", focus) == 0.0
    # The grant opens its clause and names no one: the one it is granted to is just before.
    assert _type_coverage("取得技师证书的本市职工，给予每人3000元补贴。", "money", focus) == 1.0


def test_a_run_in_title_says_what_the_figures_after_it_are_of():
    focus = {"租房": ("租房",), "补贴": ("补贴",)}
    titled = "租房补贴标准：取得中级工证书的，每人每月300元；取得技师证书的，每人每月800元"
    untitled = "开展岗位练兵：取得中级工证书的，每人每月300元"
    assert type_coverage(titled, "money", focus) == 1.0
    assert type_coverage(untitled, "money", focus) == 0.0


def test_a_figure_belongs_to_the_words_next_to_it():
    terms = {"首席技师": ("首席技师",)}
    about_masters = "开展首席技师和技术能手评选，将首席技师津贴提高到每月800元"
    about_others = "开展首席技师和技术能手评选，将技术能手奖励资金调高至1万元"
    assert type_coverage(about_masters, "money", terms) == 1.0
    assert type_coverage(about_others, "money", terms) == 0.0


def test_the_focus_of_a_question_is_its_rarest_known_words_but_not_its_places():
    focus = focus_terms("常州技能大师工作室资助标准", idf)
    assert set(focus) == {"资助", "工作室"}
    assert focus_coverage("给予工作室一次性资助", focus) == 1.0
    assert focus_coverage("给予一次性资助", focus) == 0.5
    assert focus_coverage("任何文字", {}) == 1.0  # nothing specific asked, nothing to miss


def test_year_agreement():
    assert year_agreement("2024年底前建成", (2024,)) == 1.0
    assert 0 < year_agreement("2023—2025年期间", (2024,)) < 1
    assert year_agreement("2021年完成", (2024,)) == -1.0
    assert year_agreement("2021年完成", ()) == 0.0


def test_gaps_measure_the_distance_to_the_best_candidate():
    rows = np.zeros((3, len(FEATURES)), dtype=np.float32)
    rows[:, FEATURES.index("sem_part")] = [1.0, 3.0, 2.0]
    gaps = relative(rows)[:, FEATURES.index("sem_gap")]
    assert gaps.tolist() == [2.0, 0.0, 1.0]


def test_a_figures_value_is_read_with_its_scale_and_unit():
    from assistant.answer.features import figure_value

    assert figure_value("调高至1万元") == (10000.0, "元")
    assert figure_value("每人补贴2600元") == (2600.0, "元")
    assert figure_value("培训3000—5000人") is None  # a range is no single value
    assert figure_value("按规定给予补贴") is None
