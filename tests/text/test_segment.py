"""The thesaurus adds the documents' words for a colloquial word only where the question
says that word, not where it is half of a longer term."""

from assistant.text.segment import expand, says_word


def test_a_colloquial_word_said_alone_brings_the_document_word():
    assert "退役军人" in expand("我从部队转业回来，能领什么补助？")
    assert "退役军人" in expand("我退伍三年了，还能参加技能培训吗")


def test_a_colloquial_word_inside_a_longer_term_does_not():
    # 转岗转业 is changing job or trade: nothing to do with leaving the army.
    assert "退役军人" not in expand("企业职工参加转岗转业培训有补贴吗")
    assert "退役军人" not in expand("转岗转业培训由哪个部门组织")


def test_says_word_follows_the_policy_dictionary_not_jiebas_cut():
    assert says_word("我是部队转业的", "转业")
    assert not says_word("组织转岗转业培训", "转业")
    assert not says_word("组织转岗转业培训", "退伍")
    # jieba cuts 辞职能 into 辞 / 职能; no policy term contains 辞职, so it was said.
    assert says_word("我辞职能要补偿吗", "辞职")
    # Said once inside the term and once alone: said.
    assert says_word("参加转岗转业培训后我又转业了", "转业")


def test_a_keyboard_misspelling_is_corrected_in_the_question_itself():
    from assistant.answer.inputs import clean_question

    assert clean_question("考证有补帖吗？", 2000).text == "考证有补贴吗？"
    assert clean_question("技师津帖多少", 2000).text == "技师津贴多少"


def test_a_long_phrase_is_said_when_each_of_its_words_is():
    from assistant.text.segment import says_phrase

    assert says_phrase("与用人单位解除或终止劳动关系的", "解除劳动关系")
    assert not says_phrase("与用人单位签订劳动合同", "解除劳动关系")
    assert says_phrase("劳动者参加培训", "培训")
    assert not says_phrase("参加职业培训", "技能培训")  # one of its words is not there


def test_a_phrase_for_leaving_a_job_is_also_matched_as_notices_say_it():
    from assistant.text.segment import expand, phrases_for

    assert "解除劳动关系" in phrases_for("辞职") and "解除劳动合同" in phrases_for("辞职")
    # Search keeps the laws' word only: the notices' would pull in the wrong articles.
    assert "解除劳动关系" not in expand("我想辞职")
