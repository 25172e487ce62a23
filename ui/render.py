"""The conversation as HTML: each answer with clickable [n], its own sources, 猜你想问 and
feedback buttons. Plain functions of plain values (no gradio), so tests read the HTML.

Everything from a user, a document or the browser's storage goes through present.esc;
the only markup here is the project's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant import present
from assistant.feedback import RATING_NAMES
from assistant.models import Citation, WorkerProfile
from assistant.present import esc
from ui.conversation import Conversation, TurnRecord
from ui.profile import RegionReading

LOST = "□"  # what ingest puts where a character was lost in the source's conversion
LOST_NOTE = "□ 表示原文件中无法识别、已丢失的字符，请以正式发布的文件为准。"
_REF = re.compile(r"\[(\d{1,3})\]")
# Drawn, not emoji: a machine without an emoji font shows 👍 as an empty box.
_THUMB = (
    '<svg class="pa-icon" viewBox="0 0 24 24" aria-hidden="true"{flip}><path fill="currentColor" '
    'd="M2 10h4v11H2zM8 21h9.3a2 2 0 0 0 2-1.6l1.6-7.6A2 2 0 0 0 19 9.4h-5.3'
    'l.8-4.1a1.6 1.6 0 0 0-2.9-1.2L8 10z"/></svg>'
)
THUMB_UP = _THUMB.format(flip="")
THUMB_DOWN = _THUMB.format(flip=' style="transform: scale(1, -1)"')
WAITING = "正在查找相关条款…"
LOADING = "正在准备政策索引（仅启动后第一次需要一些时间），准备好后马上回答…"


def profile_text(profile: WorkerProfile | None) -> str:
    """地区 · 人员类别 · 技能等级 · 状态, for the chip and under each answer."""
    if profile is None:
        return ""
    parts = [profile.region or "", "、".join(profile.groups), profile.skill_level or "", profile.status or ""]
    return " · ".join(p for p in parts if p)


NO_PROFILE = "未填写“我的情况”：回答不按您的地区和人员类别筛选。"


def profile_chip(profile: WorkerProfile | None, region: RegionReading | None = None) -> str:
    """Says plainly whether answers are matched to the profile, and to what: the place the
    所在地区 box was read as, or that what was typed there is not a place."""
    problem = (
        f'<div class="pa-chip-state pa-bad" role="alert">{esc(region.problem)}</div>'
        if region and region.problem
        else ""
    )
    if profile is None:
        return f'{problem}<div class="pa-chip-state pa-off">{NO_PROFILE}</div>'
    place = f"（识别为 {esc(region.place.label)}）" if region and region.place else ""
    return (
        f'{problem}<div class="pa-chip-state pa-on"><b>✓ 正在按您的情况回答：</b>'
        f"{esc(profile_text(profile))}{place}</div>"
    )


def profile_label(profile: WorkerProfile | None) -> str:
    """The one line that folds the profile form on the chat tab (plain text: an accordion label)."""
    if profile is None:
        return "我的情况：未填写（点此填写，回答更准）"
    return f"我的情况：{profile_text(profile)}（点此修改）"


def conversation_html(
    conv: Conversation,
    examples: Iterable[str] = (),
    pending: str | None = None,
    partial: str | None = None,
    notice: str = "",
    waiting: str = WAITING,
) -> str:
    """The whole chat: welcome and examples when empty, then every turn, then the one being answered."""
    busy = pending is not None
    parts = [] if conv.turns or busy else [_welcome(examples)]
    last = len(conv.turns) - 1
    parts += [_turn(turn, is_last=i == last and not busy, busy=busy) for i, turn in enumerate(conv.turns)]
    if busy:
        parts.append(_pending_turn(pending or "", partial, waiting))
    if notice:
        parts.append(f'<div class="pa-notice" role="status">{esc(notice)}</div>')
    return (
        f'<div class="pa-conv" data-turns="{len(conv.turns)}" data-busy="{int(busy)}">{"".join(parts)}</div>'
    )


def _welcome(examples: Iterable[str]) -> str:
    chips = "".join(_ask_chip(q) for q in examples)
    return (
        '<div class="pa-welcome"><p>您好！请用日常语言提问，例如能领什么补贴、能参加什么培训。'
        "每个回答都注明出处，点击回答中的 <b>[1]</b> 即可查看条款原文。</p>"
        '<div class="pa-examples"><span class="pa-label">试试这样问（点击即发送）：</span>'
        f"{chips}</div></div>"
    )


def _ask_chip(question: str, disabled: bool = False) -> str:
    off = " disabled" if disabled else ""
    return (
        f'<button type="button" class="pa-chip" data-action="ask" data-text="{esc(question)}"{off}>'
        f"{esc(question)}</button>"
    )


def _question(text: str) -> str:
    return f'<div class="pa-q"><span class="pa-who">问</span><div class="pa-q-text">{esc(text)}</div></div>'


def _pending_turn(question: str, partial: str | None, waiting: str) -> str:
    body = (
        f'<div class="pa-answer-text">{_text_with_refs(partial, set())}</div>'
        if partial
        else f'<div class="pa-waiting">{esc(waiting)}</div>'
    )
    return (
        f'<article class="pa-turn pa-pending" data-turn="" aria-live="polite">{_question(question)}'
        f'<div class="pa-a"><span class="pa-who">答</span><div class="pa-a-body">{body}</div></div></article>'
    )


def _turn(turn: TurnRecord, is_last: bool, busy: bool) -> str:
    numbers = {c.n for c in turn.citations}
    text, warnings = present.shown_answer(turn.answer, turn.citations, turn.warnings)
    body = [f'<div class="pa-answer-text">{_text_with_refs(text, numbers)}</div>']
    if turn.profile is not None:
        body.append(f'<div class="pa-used">已按您的情况回答：{esc(profile_text(turn.profile))}</div>')
    body += [f'<div class="pa-warning">⚠ {esc(w)}</div>' for w in warnings]
    if turn.citations:
        body.append(_sources(turn))
    if turn.suggestions:
        chips = "".join(_ask_chip(q, disabled=busy) for q in turn.suggestions)
        body.append(f'<div class="pa-suggest"><span class="pa-label">猜你想问：</span>{chips}</div>')
    body.append(_actions(turn, is_last, busy))
    copy = present.copy_text("\n".join([text, *(f"注意：{w}" for w in warnings)]), turn.citations)
    body.append(f'<textarea class="pa-copy-text" hidden aria-hidden="true">{esc(copy)}</textarea>')
    rating = f' data-rating="{turn.rating}"' if turn.rating else ""
    return (
        f'<article class="pa-turn" id="pa-turn-{esc(turn.id)}" data-turn="{esc(turn.id)}"{rating}>'
        f'{_question(turn.question)}<div class="pa-a"><span class="pa-who">答</span>'
        f'<div class="pa-a-body">{"".join(body)}</div></div></article>'
    )


def _text_with_refs(text: str, numbers: set[int]) -> str:
    """Escaped answer text; each [n] of a real citation becomes a button that opens it."""
    out: list[str] = []
    pos = 0
    for match in _REF.finditer(text):
        n = int(match.group(1))
        if n not in numbers:
            continue
        out.append(esc(text[pos : match.start()]))
        out.append(
            f'<button type="button" class="pa-ref" data-n="{n}" title="查看出处 [{n}] 的条款原文">'
            f"[{n}]</button>"
        )
        pos = match.end()
    out.append(esc(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def _sources(turn: TurnRecord) -> str:
    # In-force documents lead; an expired one follows, marked (its [n] stays as in the text).
    items = "".join(_citation(turn.id, c) for c in present.sources_in_order(turn.citations))
    return (
        f'<div class="pa-sources"><div class="pa-label">出处（点击查看条款原文，'
        f'<mark class="pa-swatch">黄色</mark>为回答引用的句子）：</div>{items}</div>'
    )


def _citation(turn_id: str, c: Citation) -> str:
    status = present.status_of(c)
    meta = [
        f"《{esc(c.title)}》",
        f"文号 {esc(c.doc_number)}" if c.doc_number else "文号未载明",
        f"发文 {esc(c.issuer)}" if c.issuer else "",
        f"适用 {esc(c.jurisdiction)}" if c.jurisdiction else "",
        f"有效期至 {c.valid_to.isoformat()}" if c.valid_to else "",
        f"状态 {present.badge(status)}",
    ]
    clause = present.highlight(c.text, c.quote)
    lost = f'<div class="pa-hint">{esc(LOST_NOTE)}</div>' if LOST in c.text else ""
    return (
        f'<details class="pa-cite" id="pa-cite-{esc(turn_id)}-{c.n}" data-n="{c.n}" data-status="{status}">'
        f'<summary><span class="pa-n">[{c.n}]</span> {esc(c.label)} {present.badge(status)}</summary>'
        f'<div class="pa-meta">{" · ".join(m for m in meta if m)}</div>'
        f'<blockquote class="pa-clause">{mark_lost(clause)}</blockquote>{lost}</details>'
    )


def mark_lost(html: str) -> str:
    """Explain □ where it is shown (a tooltip; the note under the clause says it in full)."""
    return html.replace(LOST, f'<span class="pa-lost" title="{esc(LOST_NOTE)}">{LOST}</span>')


def _actions(turn: TurnRecord, is_last: bool, busy: bool) -> str:
    off = " disabled" if busy else ""
    buttons = [
        _rate_button(turn, "up", f"{THUMB_UP}有帮助", off),
        _rate_button(turn, "down", f"{THUMB_DOWN}没帮助", off),
        '<button type="button" class="pa-act" data-action="copy">复制回答</button>',
    ]
    if is_last:
        buttons.append(
            f'<button type="button" class="pa-act" data-action="regenerate"{off} '
            f'title="按当前“我的情况”重新回答这个问题">重新回答</button>'
        )
    feedback = ""
    if turn.rating:
        said = f"已记录：{RATING_NAMES[turn.rating]}" + ("，意见已保存" if turn.comment else "")
        feedback = (
            f'<div class="pa-feedback"><span class="pa-saved" role="status">{said}。谢谢反馈！</span>'
            f'<textarea class="pa-comment" rows="2" maxlength="500" '
            f'placeholder="可选：补充意见，例如哪里不对、还缺什么">{esc(turn.comment)}</textarea>'
            f'<button type="button" class="pa-act" data-action="comment"{off}>提交意见</button></div>'
        )
    return f'<div class="pa-actions">{"".join(buttons)}</div>{feedback}'


def _rate_button(turn: TurnRecord, rating: str, label: str, off: str) -> str:
    pressed = "true" if turn.rating == rating else "false"
    return (
        f'<button type="button" class="pa-act pa-rate" data-action="rate" data-rating="{rating}" '
        f'aria-pressed="{pressed}"{off}>{label}</button>'
    )
