"""The LLM answerer: any OpenAI-compatible chat server (vLLM, Ollama, DeepSeek, Qwen …)
through langchain-openai, prompted from the files in prompts/.

The model sees the retrieved clauses numbered [1]..[n] and writes a cited answer; the
answer is parsed back into a Draft here, and the chain's validate step then holds every
citation and every number to the clauses. A server that is down, slow or answers
nonsense never ends a session: the answer says so and, when a fallback generator was
given, carries the extractive answer instead.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate

from assistant.answer.base import AnswerContext, CitedSpan, Draft, Generator
from assistant.answer.compose import renumber
from assistant.answer.wording import EXPIRED_CHECK, HOTLINE_ADVICE, HOTLINE_NUMBER, NOTHING_FOUND
from assistant.models import Retrieved
from assistant.question.resolve_followup import resolve_followup
from assistant.settings import PROJECT_ROOT, LLMSettings
from assistant.text.spam import remove_instructions

log = logging.getLogger(__name__)

PROMPTS_DIR = PROJECT_ROOT / "prompts"
NO_KEY = "not-needed"  # local servers (vLLM, Ollama) ignore the key, but the client wants one
REFUSAL = "【无法回答】"
UNAVAILABLE = "大模型服务暂时不可用"
_SECTION = re.compile(r"^=== (system|human) ===\s*$", re.MULTILINE)
_MARK = re.compile(r"\[(\d+)\]")
# Models write marks as ［1］, 【1】, [1,2] or [1、3]; all become [1][2] / [1][3].
_MARK_VARIANT = re.compile(r"[\[［【]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]］】]")
# "宿人社发[2022]8号" is a document number, not a citation of clause 2022.
_DOC_NUMBER = re.compile(r"[\[［【](\d{4})[\]］】](?=\d+号)")
_MARK_AFTER_STOP = re.compile(r"([。！？；])((?:\[\d+\])+)")
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?\n?")  # the sentences validate.guard_numbers sees
_REFUSAL_START = re.compile(r"^\s*[【\[［]?\s*无法回答\s*[】\]］]?[：:，,。\s]*")
# Tags that delimit data in the prompts; data must not be able to close them.
_DELIMITER = re.compile(r"</?\s*(条款|问题|历史|追问|system|user|assistant)\s*>", re.IGNORECASE)
_QUOTES = "\"'“”‘’「」『』"
_REWRITE_PREFIX = re.compile(r"^(改写后的问题|独立问题|完整问题|问题)[：:]\s*")
MAX_REWRITE_CHARS = 300


class LLMNotConfigured(ValueError):
    """The settings ask for an LLM but do not say which one; the message says what to set."""


@lru_cache(maxsize=8)
def load_prompt(name: str, prompts_dir: Path = PROMPTS_DIR) -> ChatPromptTemplate:
    """A ChatPromptTemplate from prompts/<name>: lines before the first '=== system ===' are
    notes for maintainers; each '=== role ===' line starts that role's message."""
    text = (prompts_dir / name).read_text("utf-8")
    parts = _SECTION.split(text)[1:]
    if not parts:
        raise ValueError(f"prompt file {name} has no '=== system ===' / '=== human ===' sections")
    messages = [(role, body.strip()) for role, body in zip(parts[::2], parts[1::2], strict=True)]
    return ChatPromptTemplate.from_messages(messages)


class LLMGenerator:
    """Answers with an OpenAI-compatible chat model; satisfies the Generator protocol."""

    name = "llm"

    def __init__(
        self,
        chat: BaseChatModel,
        *,
        fallback: Generator | None = None,
        answer_prompt: ChatPromptTemplate | None = None,
        rewrite_prompt: ChatPromptTemplate | None = None,
    ) -> None:
        self.chat = chat
        self.fallback = fallback
        self.answer_prompt = answer_prompt or load_prompt("answer.zh.txt")
        self.rewrite_prompt = rewrite_prompt or load_prompt("rewrite.zh.txt")
        self._answer = self.answer_prompt | chat | StrOutputParser()
        self._rewrite = self.rewrite_prompt | chat | StrOutputParser()

    @classmethod
    def from_settings(
        cls, settings: LLMSettings, *, fallback: Generator | None = None, max_retries: int = 1
    ) -> LLMGenerator:
        """A generator for the configured server; raises LLMNotConfigured if it is not named."""
        missing = [f"ASSISTANT_LLM__{f.upper()}" for f in ("base_url", "model") if not getattr(settings, f)]
        if missing:
            raise LLMNotConfigured(
                f"llm.provider is 'openai' but {' and '.join(missing)} is not set. Set the server's "
                "OpenAI-compatible URL and model name (e.g. http://localhost:11434/v1 and qwen2.5:7b "
                "for Ollama), or set ASSISTANT_LLM__PROVIDER=extractive to answer without a model."
            )
        from langchain_openai import ChatOpenAI

        key = settings.api_key.get_secret_value() if settings.api_key else NO_KEY
        chat = ChatOpenAI(
            base_url=settings.base_url,
            model=settings.model,
            api_key=key,
            timeout=settings.timeout_s,
            max_retries=max_retries,
            temperature=settings.temperature,
            use_responses_api=False,  # compatible servers speak chat completions only
        )
        return cls(chat, fallback=fallback)

    # -- answering -----------------------------------------------------------------
    def generate(self, context: AnswerContext) -> Draft:
        draft = None
        for item in self.stream(context):
            if isinstance(item, Draft):
                draft = item
        assert draft is not None
        return draft

    def stream(self, context: AnswerContext) -> Iterator[str | Draft]:
        """The model's tokens as they come (LCEL `.stream`), then the parsed Draft."""
        if not context.hits:
            yield Draft(text=f"{NOTHING_FOUND}{HOTLINE_ADVICE}", answerable=False)
            return
        raw = ""
        try:
            for chunk in self._answer.stream(answer_variables(context, self._parts(context))):
                raw += chunk
                yield chunk
            if not raw.strip():
                raise ValueError("empty answer")
        except Exception as exc:  # connection, timeout, HTTP status, malformed body: all alike
            log.warning("LLM answer failed: %s: %s", type(exc).__name__, exc)
            yield self._unavailable(context, exc)
            return
        yield parse_answer(raw, context)

    def _parts(self, context: AnswerContext) -> list[tuple[str, list[int]]]:
        """Each part of the question with the clauses its best evidence is in ([n] numbers),
        from the extractive generator's evidence selection, when there is one."""
        from assistant.answer.extractive import ExtractiveGenerator

        if not isinstance(self.fallback, ExtractiveGenerator):
            return []
        plan = self.fallback.plan(context)
        numbers = {h.clause.clause_id: n for n, h in enumerate(context.hits, start=1)}
        out = []
        for part, (_, ranked) in zip(plan.parts, self.fallback.evidence(context, plan), strict=True):
            best = list(dict.fromkeys(numbers[e.clause_id] for e in ranked[:4] if e.clause_id in numbers))[:3]
            label = part.side.label if part.side else ""
            out.append((f"{label}：{part.text}" if label else part.text, best))
        return out

    def _unavailable(self, context: AnswerContext, exc: Exception) -> Draft:
        warning = f"{UNAVAILABLE}（{type(exc).__name__}）"
        if self.fallback is None:
            text = f"{UNAVAILABLE}，请稍后再试。{HOTLINE_ADVICE}"
            return Draft(text=text, answerable=False, warnings=[warning])
        draft = self.fallback.generate(context)
        return draft.model_copy(
            update={
                "text": f"（{UNAVAILABLE}，以下是从文件条款中摘录的回答。）\n{draft.text}",
                "warnings": [warning + "，已改用摘录式回答", *draft.warnings],
            }
        )

    # -- follow-ups ----------------------------------------------------------------
    def rewrite(self, question: str, history: list[str]) -> str:
        """A standalone question from a follow-up and the earlier user turns (oldest first).
        Falls back to the offline rule when the model fails or answers something unusable."""
        variables = {
            "history": "\n".join(f"{i}. {_data(h)}" for i, h in enumerate(history, start=1)),
            "question": _data(question),
        }
        try:
            rewritten = _clean_rewrite(self._rewrite.invoke(variables))
        except Exception as exc:
            log.warning("LLM rewrite failed: %s: %s", type(exc).__name__, exc)
            rewritten = ""
        return rewritten or resolve_followup(question, history, documents=[]).text


def answer_variables(
    context: AnswerContext, parts: list[tuple[str, list[int]]] | None = None
) -> dict[str, str]:
    """What answer.zh.txt is filled with: today, the numbered clauses, the question and its
    parts (each with the clauses most likely to answer it)."""
    question = _data(context.question)
    resolved = _data(context.resolved)
    if resolved and resolved != question:
        question = f"{resolved}\n（用户原话：{question}）"
    clauses = "\n\n".join(render_clause(n, hit, context) for n, hit in enumerate(context.hits, start=1))
    markers = "①②③④⑤⑥"
    listed = [
        f"{markers[i]} {_data(text)}（最相关的条款：{''.join(f'[{n}]' for n in numbers) or '无'}）"
        for i, (text, numbers) in enumerate((parts or [])[: len(markers)])
    ]
    return {
        "today": context.today.isoformat(),
        "clauses": clauses,
        "question": question,
        "parts": "\n".join(listed) if len(listed) > 1 else "（只有一问）",
    }


def render_clause(n: int, hit: Retrieved, context: AnswerContext) -> str:
    """[n] label, then 文号 / issuer / jurisdiction / period and validity, then the text."""
    doc = hit.doc
    status = doc.status_label(context.today) if doc.valid_to or doc.repealed_by else "期限未载明"
    facts = [
        f"文号：{doc.doc_number or '未载明'}",
        f"发文机关：{doc.issuer or '未载明'}",
        f"适用地区：{doc.jurisdiction.label if doc.jurisdiction else '未载明'}"
        + ("（与提问所涉地区不符）" if hit.applies is False else ""),
        f"实施期限：{doc.period_label}（截至{context.today.isoformat()}{status}）",
    ]
    return f"[{n}] {_data(hit.clause.label)}\n{'；'.join(facts)}\n原文：{_data(hit.clause.text)}"


def parse_answer(raw: str, context: AnswerContext) -> Draft:
    """The model's text as a Draft: [n] → the n-th hit, unknown numbers removed and reported,
    citations renumbered 1..k in order of appearance, 【无法回答】 → answerable False."""
    hits = context.hits
    text, refused = _strip_refusal(raw.strip())
    text = _DOC_NUMBER.sub(r"〔\1〕", text)
    text = _MARK_VARIANT.sub(lambda m: "".join(f"[{n}]" for n in re.findall(r"\d+", m.group(1))), text)
    text = _MARK_AFTER_STOP.sub(r"\2\1", text)  # "…1万元。[2]" → "…1万元[2]。"
    warnings: list[str] = []
    unknown = sorted({int(m) for m in _MARK.findall(text)} - set(range(1, len(hits) + 1)))
    if unknown:
        text = _MARK.sub(lambda m: "" if int(m.group(1)) in unknown else m.group(0), text)
        marks = "".join(f"[{n}]" for n in unknown)
        warnings.append(f"模型引用了不存在的条款编号{marks}（只提供了{len(hits)}条），已删除")
    spans: dict[int, CitedSpan] = {}
    for sentence in _SENTENCE.findall(text):
        quote = _MARK.sub("", sentence).strip()
        for n in dict.fromkeys(int(m) for m in _MARK.findall(sentence)):
            span = spans.setdefault(n, CitedSpan(n=n, clause_id=hits[n - 1].clause.clause_id))
            if quote and quote not in span.quote:
                span.quote += quote
    text, cited = renumber(text, list(spans.values()))
    cited_hits = [hits[n - 1] for n in spans]
    text, notes = _expiry_notes(text, cited_hits)
    warnings += notes
    if refused and HOTLINE_NUMBER not in text:
        text = f"{text}\n{HOTLINE_ADVICE}".strip()
    if not refused and not cited:
        warnings.append("模型的回答没有标注所依据的条款")
    return Draft(text=text, answerable=not refused, cited=cited, warnings=warnings)


def _strip_refusal(text: str) -> tuple[str, bool]:
    if REFUSAL in text:
        return text.replace(REFUSAL, "", 1).strip(), True
    stripped = _REFUSAL_START.sub("", text, count=1)
    return stripped.strip(), stripped != text


def _expiry_notes(text: str, cited: list[Retrieved]) -> tuple[str, list[str]]:
    """A hotline answer must say when a cited document is past its period; add it if the
    model did not. Only the end year is written: it is the one figure every citation of the
    document carries, so the number guard keeps the note."""
    expired = {h.doc.doc_id: h.doc for h in cited if h.expired and h.doc.valid_to}
    warnings = [f"{doc.title}已过实施期限（{doc.period_label}）" for doc in expired.values()]
    if expired and "过期" not in text and "实施期限" not in text:
        notes = [
            f"注意：{doc.short_title}的实施期限已于{doc.valid_to.year}年结束，{EXPIRED_CHECK}"  # type: ignore[union-attr]
            for doc in expired.values()
        ]
        text = "\n".join([text, *notes])
    return text, warnings


def _clean_rewrite(raw: str) -> str:
    lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    text = _REWRITE_PREFIX.sub("", lines[0]).strip(_QUOTES + " ")
    text, _ = remove_instructions(text)
    text = text.strip()
    return text if len(text) <= MAX_REWRITE_CHARS else ""


def _data(text: str) -> str:
    """Text placed inside the prompt's tags: it must not be able to close them."""
    return _DELIMITER.sub("", text).strip()
