"""猜你想问: two or three next questions taken from the clauses an answer cites.

A cited clause usually says more than the answer used: other worker groups it covers,
other measures it names (技能大师工作室, 以工代训, 职业技能等级认定 …). Each suggestion
names one of those, together with the place the clause's document applies to, so it is a
standalone question the same documents answer, in a new chat as well as in this one.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.jurisdiction import short_name
from assistant.models import Answer, DocumentMeta
from assistant.question.understand import find_groups, worker_groups
from assistant.text.segment import normalise_query, policy_dictionary

MAX_SUGGESTIONS = 3
PER_CLAUSE = 2  # of each kind, so one long clause does not supply every suggestion
# Words of the policy dictionary too broad to make a question of their own.
_BROAD = frozenset({"技能人才", "高技能人才", "职业技能培训", "职业技能", "技工院校", "职业院校", "职业学校"})
_TOPICS = ("补贴", "奖励", "待遇", "培训", "政策")  # what the asker wanted, in the question's words


@lru_cache(maxsize=1)
def _policy_terms() -> tuple[str, ...]:
    """Named measures and titles from the policy dictionary, longest first."""
    words = {word for word, _ in policy_dictionary()}
    group_names = set(worker_groups())
    return tuple(sorted((w for w in words - _BROAD - group_names if len(w) >= 3), key=len, reverse=True))


def _topic(question: str) -> str:
    return next((t for t in _TOPICS if t in question), "政策")


def suggest_followups(
    answer: Answer, documents: dict[str, DocumentMeta], asked: list[str] | None = None
) -> list[str]:
    """Up to three questions about what the cited clauses say beyond this answer.

    `asked` holds the conversation's earlier questions: nothing already asked is suggested.
    An answer saying the documents do not state what was asked still cites the nearest rule,
    and what that rule names is where the asker can go next; an answer citing nothing
    (another province, nothing found) gets no suggestions.
    """
    if not answer.citations:
        return []
    question = normalise_query(answer.resolved_question or answer.question)
    earlier = [normalise_query(q) for q in asked or []]
    asked_groups = set(find_groups(question))
    topic = _topic(question)
    suggestions: list[str] = []
    for citation in answer.citations:
        meta = documents.get(citation.doc_id)
        place = short_name(meta.jurisdiction) if meta and meta.jurisdiction else ""
        text = citation.text
        terms = [t for t in _policy_terms() if t in text and t not in question]
        groups = [g for g in worker_groups() if g in text and g not in asked_groups]
        for term in terms[:PER_CLAUSE]:
            if not _covered(term, suggestions):
                suggestions.append(f"{'' if place in term else place}{term}有哪些规定？")
        for group in groups[:PER_CLAUSE]:
            if not _covered(group, suggestions):
                suggestions.append(f"{place}的{group}有哪些{topic}？" if place else f"{group}有哪些{topic}？")
    fresh = [s for s in dict.fromkeys(suggestions) if normalise_query(s) not in earlier]
    return _interleave(fresh)[:MAX_SUGGESTIONS]


def _covered(word: str, suggestions: list[str]) -> bool:
    return any(word in s for s in suggestions)


def _interleave(suggestions: list[str]) -> list[str]:
    """Measures and groups alternate, so three suggestions are not all about groups."""
    measures = [s for s in suggestions if s.endswith("有哪些规定？")]
    groups = [s for s in suggestions if not s.endswith("有哪些规定？")]
    out: list[str] = []
    for pair in zip(measures, groups, strict=False):
        out.extend(pair)
    longer = measures if len(measures) > len(groups) else groups
    return out + longer[min(len(measures), len(groups)) :]
