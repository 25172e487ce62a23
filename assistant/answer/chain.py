"""The answering chain, composed in LangChain (LCEL):
understand → retrieve → generate → validate.

Each step is a small typed function; LangChain is the composition layer, so the chain
can be traced, batched or streamed like any Runnable (`AnswerChain.runnable`). A plain
`invoke` runs the same four steps in the same order without it: importing langchain-core's
runnables (and langsmith with them) costs about 0.5 s of a cold `ask`.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from assistant.answer.base import AnswerContext, Draft, Generator
from assistant.answer.inputs import clean_question
from assistant.answer.validate import guard_numbers, to_citations
from assistant.answer.wording import HOTLINE_ADVICE, NOTHING_FOUND
from assistant.jurisdiction import correct_place_names, find_places, place_named, short_name, without_places
from assistant.models import Answer, DocumentMeta, Jurisdiction, QueryInfo, Question, Retrieved
from assistant.question.answer_type import answer_kind, asks_aspect, asks_benefits, asks_nothing, bare_aspect
from assistant.question.decompose import Part, Plan, plan_question
from assistant.question.resolve_followup import MAX_TURNS, resolve_followup
from assistant.question.understand import (
    find_groups,
    names_whose_level,
    skill_levels,
    strip_document_names,
    understand,
)
from assistant.retrieval.hybrid import HybridRetriever
from assistant.text.segment import expand, normalise_query, tokenize

if TYPE_CHECKING:
    from langchain_core.runnables import Runnable

# A question holds at least one word character; "😀🎉👍" asks nothing that can be looked up.
# The asker speaking of themselves: "我能领什么", "俺这种情况".
_ABOUT_ME = re.compile(r"我|俺|本人|咱")
_SHORT_SELF = 12  # "我能领什么？", "俺能享受啥政策": a whole question about the asker, briefly
_WORDS = re.compile(r"\w")
# A search word that can stand for a topic: any with a Chinese character, or two or more
# letters or digits ("x", "s" of a format string name nothing).
_TOPIC_WORD = re.compile(r"[\u4e00-\u9fff]|\w{2,}")
_MARK = re.compile(r"\[\d+\]")
NO_WORDS = "没有看懂您的问题，请用文字描述您想咨询的政策。"
EMPTY_QUESTION = "请输入您想咨询的问题，例如：“我是高校毕业生，在无锡创业有什么补贴？”"
VAGUE_ASPECT = "请说明您想办理的是哪项补贴或培训，例如：“技能提升补贴怎么申请？”"
VAGUE_QUESTION = (
    "您的问题没有说明想了解哪项培训、补贴或政策。请补充完整，例如：“退役军人参加技能培训有补贴吗？”"
)
Rewriter = Callable[[str, list[str]], str]


class _State(BaseModel):
    """What flows between the steps of one question."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    question: Question
    started: float
    text: str = ""
    own: str = ""  # a follow-up's own words, before the earlier turns were folded in
    notices: list[str] = []
    resolved: str = ""
    query: QueryInfo | None = None
    plan: Plan | None = None
    hits: list[Retrieved] = []
    # None of the question's search words is in any retrieved clause: what was found, was
    # found by the meaning of the vectors alone, which for text in another script, a run of
    # one letter or code says nothing.
    unmatched: bool = False
    draft: Draft | None = None


def shares_a_topic_word(query: QueryInfo, hits: list[Retrieved]) -> bool:
    """Whether any retrieved clause holds one of the question's topic words (read from the
    query's normalised text, whose colloquial words understanding already expanded). A place
    is no topic, nor any character of its name: "九江今天天气怎么样" shares only 九江 with 九江's
    notice, and "岳阳今天天气怎么样" (岳阳 cut by the segmenter into 岳 and 阳) only those."""
    words = topic_words(query)
    texts = [normalise_query(hit.clause.text) for hit in hits]
    return any(word in text for word in words for text in texts)


# A follow-up that leans on the earlier turns: "那技师呢", "它废止了什么", "这个要交材料吗",
# "我女的56岁，能申请吗" (asks of what was said), "还有别的吗".
_LEANS_ON_EARLIER = re.compile(
    r"^(那|那么|还有|另外|再问)|呢[？?。！!]*$|它|这|那|上面|刚才|前面|申请|领|补|办|交|报"
)


def topic_words(query: QueryInfo) -> set[str]:
    """The question's topic words: its search words, without places or their characters."""
    return {
        w for w in tokenize(without_places(query.normalised)) if _TOPIC_WORD.search(w) and not find_places(w)
    }


def _for_part(query: QueryInfo, part: Part) -> QueryInfo:
    """The question as one of its parts asks it: one place of a comparison, one question
    of several. Who is asking, and the documents named, stay."""
    update: dict[str, object] = {"text": part.text, "normalised": expand(part.text)}
    if part.side is not None and part.side.place is not None:
        update["places"] = [part.side.place]
    return query.model_copy(update=update)


class AnswerChain:
    def __init__(
        self,
        retriever: HybridRetriever,
        generator: Generator,
        documents: list[DocumentMeta],
        today: dt.date,
        max_question_chars: int = 2000,
        rewriter: Rewriter | None = None,
        top_k: int = 10,
    ) -> None:
        self.retriever = retriever
        self.generator = generator
        self.documents = documents
        self.titles = frozenset(d.short_title for d in documents)
        self.today = today
        self.max_question_chars = max_question_chars
        self.rewriter = rewriter
        self.top_k = top_k

    @cached_property
    def runnable(self) -> Runnable[_State, Answer]:
        """The four steps as one LangChain Runnable, for tracing, batching or streaming."""
        from langchain_core.runnables import RunnableLambda

        return (
            RunnableLambda(self._understand, name="understand")
            | RunnableLambda(self._retrieve, name="retrieve")
            | RunnableLambda(self._generate, name="generate")
            | RunnableLambda(self._validate, name="validate")
        )

    def invoke(self, question: Question) -> Answer:
        state = _State(question=question, started=time.perf_counter())
        return self._validate(self._generate(self._retrieve(self._understand(state))))

    def stream(self, question: Question) -> Iterator[str | Answer]:
        """Text as the generator writes it (an LLM's tokens), then the validated Answer.

        The streamed text is provisional: the Answer that follows has its citations
        renumbered and checked, and is what a client keeps.
        """
        state = self._retrieve(self._understand(_State(question=question, started=time.perf_counter())))
        context = self._context(state)
        streamer = getattr(self.generator, "stream", None)
        if context is not None and callable(streamer):
            for item in streamer(context):
                if isinstance(item, Draft):
                    state.draft = item
                else:
                    yield item
        else:
            state = self._generate(state)
        yield self._validate(state)

    def prepare(self, question: Question) -> AnswerContext | None:
        """What the generator would receive for this question (understood, planned and
        retrieved), without generating: for evaluation and fitting."""
        state = self._retrieve(self._understand(_State(question=question, started=time.perf_counter())))
        return self._context(state)

    def retrieved(self, question: Question) -> _State:
        """The question understood and retrieved, not yet answered: for fitting, which
        answers the same questions under many thresholds (retrieval does not depend on them)."""
        return self._retrieve(self._understand(_State(question=question, started=time.perf_counter())))

    def answer_retrieved(self, state: _State) -> Answer:
        """Answer a state from `retrieved`, leaving it as it was (it is answered again)."""
        copy = state.model_copy(update={"draft": None, "notices": list(state.notices)})
        return self._validate(self._generate(copy))

    def _covered_places(self) -> frozenset[Jurisdiction]:
        """The places the library has rules of: each document's, and its province."""
        places = {meta.jurisdiction for meta in self.documents if meta.jurisdiction is not None}
        return frozenset(places | {Jurisdiction(province=p.province) for p in places})

    # -- steps ---------------------------------------------------------------------
    def _understand(self, state: _State) -> _State:
        limit = self.max_question_chars
        cleaned = clean_question(state.question.text, limit)
        covered = self._covered_places()
        state.text, fixed = correct_place_names(cleaned.text, covered)
        state.notices = cleaned.notices + [f"已将“{wrong}”按“{right}”理解。" for wrong, right in fixed]
        # Only the latest turns can be what a follow-up refers to; older ones cost time only.
        history = [clean_question(h, limit).text for h in state.question.history[-MAX_TURNS:]]
        history = [correct_place_names(h, covered)[0] for h in history if h]
        if not _WORDS.search(state.text):
            return state  # nothing to look up (emoji, punctuation): answered in _generate
        profile = state.question.profile
        region = place_named(profile.region) if profile and profile.region else None
        if region is not None:
            # "我这边呢？" with a profile: the asker's own place, as if they had named it.
            state.text = _HERE.sub(short_name(region), state.text)
        if self.rewriter is not None and history:
            resolved_text, doc_ids = self.rewriter(state.text, history), []
        else:
            resolved = resolve_followup(state.text, history, self.documents, state.question.answered_from)
            resolved_text, doc_ids = resolved.text, resolved.doc_ids
        followed_up = resolved_text != state.text
        if (
            profile is not None
            and followed_up
            and _ABOUT_ME.search(state.text)
            and not find_places(state.text)
        ):
            carried = [m.jurisdiction for m in find_places(resolved_text)]
            if asks_benefits(state.text) and len(state.text) <= _SHORT_SELF:
                # "我能领什么？" with a profile asks what the profile's asker may have, whatever
                # the turns before were about (another place's 中级工 subsidy).
                resolved_text, doc_ids, followed_up = state.text, [], False
            elif (
                region is not None
                and carried
                and not any(region.covers(c) or c.covers(region) for c in carried)
            ):
                # "那我呢？" with a 襄阳 profile after turns about 岳阳: the asker's own place.
                resolved_text, doc_ids = without_places(resolved_text), []
        traits = [*profile.groups, profile.skill_level or ""] if profile else []
        if any(traits):
            # The profile is user input too: cleaned and bounded like the question (what it
            # hides is reported whether or not it is used). Who the asker is (退役军人, 高级工)
            # shapes retrieval and eligibility like words they typed.
            cleaned = clean_question(" ".join(t for t in traits if t)[:limit], limit)
            state.notices += [n for n in cleaned.notices if n not in state.notices]
            kept = _profile_traits(cleaned.text, resolved_text)
            if kept:
                resolved_text = f"{resolved_text} {kept}"
        # A follow-up carries earlier turns forward; the whole stays within a bounded size.
        state.resolved = resolved_text[: 2 * limit]
        state.query = understand(state.resolved, self.documents, profile_region=region)
        state.query.doc_ids = doc_ids or state.query.doc_ids
        # "连云港高技能人才生活津贴…" names the document by its subject: its title's group is
        # what the document is about, not who asks.
        titles = [d.title for d in self.documents if d.doc_id in state.query.doc_ids]
        state.query.groups = [g for g in state.query.groups if not any(g in find_groups(t) for t in titles)]
        own = state.text if followed_up else ""
        state.own = own
        state.plan = plan_question(state.resolved, state.query, own, has_profile=bool(profile))
        # What is asked of the documents the question names, without their titles: a title's
        # "若干" or "工匠" is neither the answer type nor the asker's group. (Documents compared
        # are the sides of the comparison: their names stay.)
        asked = strip_document_names(state.resolved, self.documents)
        if asked != state.resolved and state.plan.mode != "comparison":
            state.query.groups = [g for g in state.query.groups if g in find_groups(asked)]
            own = strip_document_names(own, self.documents)
            state.plan = plan_question(asked, state.query, own, has_profile=bool(profile))
        return state

    def _retrieve(self, state: _State) -> _State:
        if state.query is None:
            return state
        state.hits = self._hits(state.query, state.plan)
        # "明天天气怎么样？" after a question on an allowance: a turn asking something of its
        # own, sharing no topic word with what was found, is not about the earlier subject.
        state.unmatched = not shares_a_topic_word(state.query, state.hits) or self._off_topic_turn(state)
        return state

    def _off_topic_turn(self, state: _State) -> bool:
        """A follow-up that asks something of its own ("明天天气怎么样？" after a question on an
        allowance): its words lean on no earlier turn, and searched alone they find nothing
        sharing a topic word with them. "需要什么材料？" finds the materials clauses."""
        if not state.own or state.query is None or _LEANS_ON_EARLIER.search(state.own):
            return False
        if answer_kind(state.own).main != "general" or asks_aspect(state.own) is not None:
            return False  # "能拿几年？", "需要什么材料？": an aspect of the earlier subject
        own = state.query.model_copy(update={"text": state.own, "normalised": expand(state.own)})
        if not topic_words(own):
            return False
        return not shares_a_topic_word(own, self.retriever.retrieve(own, self.top_k))

    def _hits(self, query: QueryInfo, plan: Plan | None) -> list[Retrieved]:
        if plan is None or len(plan.parts) < 2:
            return self.retriever.retrieve(query, self.top_k)
        # "江苏和宁夏…一样吗", "组长和副组长分别是谁": one retrieval per part, interleaved,
        # so the part the rest of the question favours cannot crowd the others out.
        per_part = [self.retriever.retrieve(_for_part(query, part), self.top_k) for part in plan.parts]
        merged: dict[str, Retrieved] = {}
        for rank in range(self.top_k):
            for hits in per_part:
                if rank < len(hits) and hits[rank].clause.clause_id not in merged:
                    merged[hits[rank].clause.clause_id] = hits[rank]
        return list(merged.values())[: max(self.top_k, 4 * len(per_part))]

    def _context(self, state: _State) -> AnswerContext | None:
        if state.query is None or state.unmatched:
            return None
        return AnswerContext(
            question=state.text,
            resolved=state.resolved,
            query=state.query,
            hits=state.hits,
            today=self.today,
            has_profile=bool(state.question.profile),
            plan=state.plan,
        )

    def _generate(self, state: _State) -> _State:
        if not state.question.history and asks_nothing(without_places(state.text)):
            state.draft = Draft(text=VAGUE_QUESTION, answerable=False)
            return state
        if _asks_only_how(state):
            state.draft = Draft(text=VAGUE_ASPECT, answerable=False)
            return state
        context = self._context(state)
        if context is None:
            if state.unmatched:
                text = f"{NOTHING_FOUND}{HOTLINE_ADVICE}"
            else:
                text = f"{NO_WORDS}{HOTLINE_ADVICE}" if state.text else EMPTY_QUESTION
            state.draft = Draft(text=text, answerable=False)
            return state
        state.draft = self.generator.generate(context)
        return state

    def _validate(self, state: _State) -> Answer:
        draft = state.draft or Draft(text=EMPTY_QUESTION, answerable=False)
        citations, dropped = to_citations(draft, [*state.hits, *draft.read])
        warnings = [*state.notices, *draft.warnings]
        if dropped:
            warnings.append(f"已删除指向未检索条款的引用：{'、'.join(dropped)}")
        today = self.today
        allowed = {str(today.year), str(today.month), str(today.day), f"{today.month:02d}",
                   f"{today.day:02d}"}  # fmt: skip
        if not draft.answerable and state.query is not None:
            # A refusal may name the years it was asked about ("没有写明2018年的…"): echoed, not claimed.
            allowed |= {str(y) for y in state.query.years}
        allowed |= set(draft.worked_out)
        text, removed = guard_numbers(draft.text, citations, allowed, self.titles)
        warnings += [f"已删除无出处数字的句子：{r}" for r in removed]
        answerable = draft.answerable
        if not text or (answerable and citations and not _MARK.search(text)):
            # Every cited statement was removed by the number guard: notes alone answer nothing.
            text, answerable = f"未能生成有出处的回答。{HOTLINE_ADVICE}", False
        notice = "".join(state.notices)
        return Answer(
            question=state.question.text,
            resolved_question=state.resolved,
            answer=f"{notice}\n{text}".strip() if notice else text,
            answerable=answerable,
            citations=citations,
            retrieved=state.hits,
            warnings=warnings,
            latency_ms=(time.perf_counter() - state.started) * 1000,
        )


_HERE = re.compile(r"我(们)?(这边|这里|这儿|那边|那里|当地)|咱(们)?(这边|这里|这儿)|我们?本地")


def _asks_only_how(state: _State) -> bool:
    """A first question asking only how, where or until when ("怎么办理？"), with no place,
    profile or document to say of what: the library holds several, and "not stated" would be
    untrue of all of them."""
    query = state.query
    if state.question.history or query is None or query.places or query.asker_region or query.doc_ids:
        return False
    return bare_aspect(state.text) is not None


def _profile_traits(traits: str, question: str) -> str:
    """Who the (cleaned) profile says the asker is, except what the question says itself: a
    question naming a group ("江苏的高技能人才培养目标") or a level asks about that one, not
    the profile's (a veteran's profile made it the veterans' item)."""
    own_group = bool(find_groups(question))
    own_level = names_whose_level(question)  # the same reading as profile_used, which the app shows
    kept = [
        word
        for word in traits.split()
        if not (own_group and find_groups(word)) and not (own_level and word in skill_levels())
    ]
    return " ".join(kept)
