"""Resolve a follow-up question against the conversation, offline and by rule.

Hotline callers and workers ask elliptically: "那江苏呢？", "那2021年当年呢？",
"它是根据哪个文件制定的？", "其中脱贫人口有多少？", "那怎么申请？". Each is rewritten into a
standalone question by carrying the previous turn's region, year, topic and document
forward. A follow-up that asks something new of the same topic ("那怎么申请？" after
"…有什么补贴？") carries the previous turn's subject without its question, so the new
aspect is what gets answered. (With an LLM configured, the chain asks the model to
rewrite instead; see answer/llm.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.jurisdiction import find_places
from assistant.models import DocumentMeta
from assistant.question.answer_type import (
    asks_aspect,
    asks_comparison,
    asks_metadata,
    asks_validity,
    names_money,
)
from assistant.question.schemes import asked_schemes
from assistant.question.understand import (
    find_groups,
    group_words,
    levels_in,
    named_documents,
    place_roles,
    without_document_names,
)
from assistant.text.question_words import alternation
from assistant.text.segment import normalise_query
from assistant.text.years import YEAR

_LEAD = re.compile(r"^(那么|那个|那|还有|另外|再问一下|再问|请问|然后)[，,\s]*")
_TAIL = re.compile(r"[呢吗嘛啊呀吧]?[？?。！!\s]*$")
_YES_NO = re.compile(r"[吗么嘛][？?。！!\s]*$")  # "高级技师能领吗？" asks its own yes or no
_PRONOUN = re.compile(r"^(它|其|该文件|该方案|这个文件|这份文件|这个方案|这份方案|这个政策|此文件)")
_SUBSET = re.compile(r"^(其中|里面|这里面|这当中|那里面)")  # a part of the earlier group, not a new one
_CONTINUATION = re.compile(r"^(其中|里面|这里面|这当中|那里面|另外|还有|那|它|该|这|此)")
_YEAR = re.compile(rf"(?:到|至)?({YEAR})年?(?:当年|一年|全年|度)?")
_SHORT = 14
MAX_TURNS = 10  # earlier user turns a follow-up is resolved against
_SPAN = re.compile(r"(三年|两年|五年|这几年|几年来|每年)(里|内|间)?(一共|总共|累计)?")
# What a question asks, as opposed to what it is about: dropped when its subject is carried.
_ASKING = alternation("drop", "[？?。！!]")
# A document's fields asked of it ("…的文号是多少"): what was asked, not what it is about.
_FIELDS = re.compile(r"的?(文号|发文字号|印发日期|发文机关|有效期|实施期限)")
_LEFT_OVER = re.compile(r"(?:[，,]?(?:是|的|了|能|可以|要|需要|给|在))+$")


@dataclass
class Resolved:
    text: str
    doc_ids: list[str] = field(default_factory=list)
    followup: bool = False
    # What the conversation is about at this turn, without what any turn asked: the next
    # follow-up asking a new aspect is added to this, so aspects never pile up over turns.
    subject: str = ""

    def __post_init__(self) -> None:
        self.subject = self.subject or subject_of(self.text)


def resolve_followup(
    question: str, history: list[str], documents: list[DocumentMeta], answered: list[str] | None = None
) -> Resolved:
    """A standalone version of `question`, given earlier user turns (oldest first).

    `answered` is the documents the last answer cited, when the caller kept them: "钱从哪来"
    after an answer quoting one city's notice asks that notice, though the question before
    named no place. Only the last MAX_TURNS turns are used: each is resolved against the
    ones before it, so a long history would otherwise mean deep recursion.
    """
    question = question.strip()
    history = history[-MAX_TURNS:]
    if not history:
        return Resolved(question, named_documents(question, documents))
    previous = resolve_followup(history[-1], history[:-1], documents)
    own_docs = named_documents(question, documents)
    if own_docs and _asks_again(question):
        # "江苏工匠那个文件呢？" after "…的文号是什么？": what was last asked, of this document.
        asked = without_document_names(_last_asked(history), documents)
        for place in reversed(find_places(asked)):
            # "宁夏技术能手奖励多少钱？" then "江苏工匠那个文件呢？": the document is the place now.
            asked = asked[: place.start] + asked[place.end :]
        return Resolved(f"{_TAIL.sub('', normalise_query(question))}，{asked}", own_docs, followup=True)
    if not _is_followup(question, own_docs) or _new_subject(question, previous.text):
        return Resolved(question, own_docs)
    core = _TAIL.sub("", _LEAD.sub("", normalise_query(question)))
    compared = _compared_places(core, history)
    if compared:
        # "两个地方哪个多？" after "绵阳高级工补贴多少？" and "九江的呢？": both places, of the
        # subject the turns share.
        subject = _without_places(previous.subject)
        return Resolved(f"{'和'.join(compared)}的{subject}，{core}", followup=True, subject=previous.subject)
    carried = (
        own_docs or previous.doc_ids or [d for d in answered or [] if d in {m.doc_id for m in documents}]
    )
    if _PRONOUN.match(core) and carried:
        # "它" is the document of the previous turn: carried as a document, not as its
        # title's words, which would outweigh what the follow-up actually asks.
        return Resolved(_PRONOUN.sub("", core), carried, followup=True)
    if _names_its_payment(core) and not _goes_on(normalise_query(question)):
        # "中级工补贴多少钱？" after "…生活费补贴怎么发？" names what it asks about: only the
        # earlier place and documents carry over, not the earlier subject.
        return Resolved(_with_places(previous.text, core), carried if not _places(core) else own_docs,
                        followup=True)  # fmt: skip
    if len(core) <= _SHORT and _substitutable(core):
        # "中级工呢？" keeps what was asked; "初级工多少钱？" asks its own, of the earlier subject.
        asks = _asks_own(core) or _YES_NO.search(question) is not None
        earlier = previous.subject if asks else previous.text
        if previous.doc_ids and _places(core):
            # "无锡那个呢？" after a question naming 江苏's document: its name goes with it.
            earlier = without_document_names(earlier, documents)
        return Resolved(_substitute(earlier, core), own_docs or _docs_if_same_place(
            previous, core), followup=True)  # fmt: skip
    # A new aspect ("需要什么材料？") leaves the subject as it was; anything else said of it
    # ("里面说三年培育多少名领军人才？") narrows it.
    subject = previous.subject if asks_aspect(core) or asks_metadata(core) or asks_validity(core) else ""
    return Resolved(f"{previous.subject}，{core}", carried if not _places(core) else own_docs,
                    followup=True, subject=subject)  # fmt: skip


def subject_of(question: str) -> str:
    """What a question is about, without what it asks: "我是宿迁的退役军人，有什么培训补贴？"
    → "我是宿迁的退役军人，培训补贴"."""
    text = _ASKING.sub(" ", _FIELDS.sub(" ", normalise_query(question)))
    text = re.sub(r"[\s，,]+", lambda m: "，" if "，" in m.group(0) or "," in m.group(0) else "", text)
    # What an asking word leaves at the end ("…补贴是给谁的" → "…补贴是的") is not the subject.
    return _LEFT_OVER.sub("", text.strip("，")).strip("，")


def _is_followup(question: str, own_docs: list[str]) -> bool:
    """Elliptical or referring questions; a full question naming its own place is not."""
    text = normalise_query(question)
    if own_docs and not _PRONOUN.match(_LEAD.sub("", text)):
        return False
    core = _TAIL.sub("", _LEAD.sub("", text))
    if _goes_on(text) or _PRONOUN.match(core):
        return True
    return not _places(core) and len(core) <= 20


def _goes_on(text: str) -> bool:
    """The (normalised) question says it continues the last one: "那…", "其中…", "…呢"."""
    core = _TAIL.sub("", _LEAD.sub("", text))
    return bool(_LEAD.match(text) or _CONTINUATION.match(core)) or text.rstrip("？? ").endswith("呢")


def _last_asked(history: list[str]) -> str:
    """The last turn that asked something of its own ("有效期到哪年？"), as the user put it."""
    return next((turn for turn in reversed(history) if not _asks_again(turn)), history[-1])


def _asks_own(core: str) -> bool:
    return _ASKING.sub("", core) != core


def _asks_again(question: str) -> bool:
    """ "X呢？" and "那X呢？": the question goes on and asks nothing of its own."""
    text = normalise_query(question)
    core = _TAIL.sub("", _LEAD.sub("", text))
    return _goes_on(text) and not _asks_own(core)


def _new_subject(question: str, previous: str) -> bool:
    """A question naming a social-security scheme the earlier turn did not ("公租房怎么申请？"
    after a question on training), or a group after a scheme's question, is a question of its
    own, not an aspect of the earlier subject. One that says it goes on ("那…", "…呢", "它…")
    is a follow-up whatever it names. (A group alone after a training question is not: "残疾人
    能参加吗？" asks about the training just named.)"""
    text = normalise_query(question)
    if _goes_on(text):
        return False
    core = _TAIL.sub("", _LEAD.sub("", text))
    named, earlier = asked_schemes(core), asked_schemes(previous)
    if any(scheme not in earlier for scheme in named):
        return True
    # After a scheme's question, one naming a group of its own asks about that group.
    return bool(earlier) and not named and bool(find_groups(core))


def _places(text: str) -> list[str]:
    """The places a turn names, but not one the asker is leaving for: "我要是跳槽去南宁了呢"
    goes on about the conversation's place (does its allowance go on?), not about 南宁's."""
    going = place_roles(text).leaving_for
    return [m.name for m in find_places(text) if m.jurisdiction not in going]


def _compared_places(core: str, history: list[str]) -> list[str]:
    """The last two places the earlier turns named, when the follow-up compares and names no
    place of its own; [] otherwise."""
    if not asks_comparison(core) or _places(core):
        return []
    named = list(dict.fromkeys(place for turn in history for place in _places(turn)))
    return named[-2:] if len(named) >= 2 else []


def _without_places(text: str) -> str:
    for place in reversed(find_places(text)):
        text = text[: place.start] + text[place.end :]
    return text.strip("，的 ")


def _names_its_payment(core: str) -> bool:
    """Something paid, and whom it is paid to: "中级工补贴多少钱", "退役军人有什么补贴". A
    payment alone ("补贴标准是多少") is the earlier subject's."""
    return names_money(core) and bool(levels_in(core) or find_groups(core))


def _with_places(previous: str, core: str) -> str:
    """The question with the earlier turn's place(s) when it names none of its own."""
    return core if _places(core) else "".join(dict.fromkeys(_places(previous))) + core


def _substitutable(core: str) -> bool:
    return bool(_places(core) or _YEAR.search(core) or find_groups(core) or levels_in(core))


def _substitute(previous: str, core: str) -> str:
    """Put the follow-up's place, year, group or skill level into the previous question."""
    text = previous
    new_places = _places(core)
    if new_places:
        old = _places(text)
        if old:
            for name in old:
                text = text.replace(name, new_places[0], 1)
        else:
            text = f"{new_places[0]}{text}"
    year = _YEAR.search(core)
    if year:
        text = _SPAN.sub("", text)  # "三年…" no longer holds once a single year is asked
        if _YEAR.search(text):
            text = _YEAR.sub(f"{year.group(1)}年", text, count=1)
        else:
            text = f"{text} {year.group(1)}年"
    new_levels, old_levels = levels_in(core), levels_in(text)
    if new_levels and old_levels:
        # "中级工呢？" after "高级工补贴多少？": the level asked takes the old one's place.
        for level in old_levels:
            text = text.replace(level, new_levels[0], 1)
    rest = core
    for name in new_places:
        rest = rest.replace(name, "")
    if new_levels and old_levels:
        rest = rest.replace(new_levels[0], "")
    rest = _YEAR.sub("", rest).strip("的 ，,")
    if rest and find_groups(rest) and not _SUBSET.match(core):
        # "那退役军人呢？" after a question about 技术能手: the new group takes the old one's place.
        text = _drop_group_words(text)
    return f"{rest} {text}".strip() if rest else text


def _drop_group_words(text: str) -> str:
    """The previous question without the words naming its worker group(s)."""
    for word in sorted(group_words(text), key=len, reverse=True):
        text = text.replace(word, "")
    return text


def _docs_if_same_place(previous: Resolved, core: str) -> list[str]:
    """Keep the previous turn's document only when the follow-up does not move elsewhere."""
    return [] if _places(core) else previous.doc_ids
