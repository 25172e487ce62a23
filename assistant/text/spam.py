"""Find text that does not belong in a policy document: adverts and planted instructions.

Both are removed from clauses at ingest and reported, so they never reach an index,
a prompt or an answer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from assistant.text.chinese import to_halfwidth

# An instruction aimed at a model or a reader rather than a policy statement. Policy text
# says 要/应/鼓励; it never addresses "the system" or asks to ignore rules.
# A plain 请回答 is how people ask ("请回答：技术能手奖励是多少？"), so it counts only with
# 必须/务必 or when it names the user, as an instruction addressed to a model does.
_INSTRUCTION = re.compile(
    r"(系统提示|系统指令|系统消息|提示词|忽略(以上|上述|之前|前面)|无视(以上|上述|之前)|"
    r"(请|你)(必须|务必)(回答|告诉用户|输出)|(回答|告诉|回复)用户|你(必须|务必)?(回答|输出)|"
    r"你(现在)?是一个|作为(一个)?(AI|人工智能|助手)|"
    r"ignore (all |the )?(previous|above)|system prompt|you are (now )?an? |"
    r"assistant\s*[:：]|system\s*[:：])",
    re.IGNORECASE,
)
# Sentences end at Chinese and Western stops; an English full stop only before a space or
# the end, so 1.5万元 stays one sentence.
_SENTENCE = re.compile(r"(?:[^。！？!?；;\n.]|\.(?!\s|$))*(?:[。！？!?；;]|\.(?=\s|$))?")


@lru_cache(maxsize=1)
def spam_terms() -> tuple[str, ...]:
    text = resources.files("assistant.data").joinpath("spam_terms.txt").read_text("utf-8")
    terms = [line.strip() for line in text.splitlines()]
    # Longest first, so 九游会电竞 is removed whole rather than leaving 电竞 behind.
    return tuple(sorted((t for t in terms if t and not t.startswith("#")), key=len, reverse=True))


def remove_spam_terms(text: str) -> tuple[str, list[str]]:
    """Remove advertising terms; return the cleaned text and the terms found."""
    found: list[str] = []
    for term in spam_terms():
        if term in text:
            found.append(term)
            text = text.replace(term, "")
    return text, found


def instruction_sentences(text: str) -> list[str]:
    """Sentences that read as instructions planted in a document or question."""
    # Full-width letters (ｓｙｓｔｅｍ：) read the same to a model, so they are matched folded.
    return [s for s in _SENTENCE.findall(text) if s.strip() and _INSTRUCTION.search(to_halfwidth(s))]


def remove_instructions(text: str) -> tuple[str, list[str]]:
    """Drop planted-instruction sentences; return the cleaned text and what was dropped."""
    dropped = instruction_sentences(text)
    for sentence in dropped:
        text = text.replace(sentence, "")
    return text, dropped
