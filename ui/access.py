"""The page's side of roles: which role a request has, the login form's handlers, and which
tabs each role sees. The rules themselves are in assistant.accounts.

A login is remembered on the server against the page's session id, never in a value the
browser sends with each event, so a visitor cannot claim a role by editing a request.
Hiding a tab is only for the visitor's convenience: every handler that reads all feedback or
changes the library asks `Guard.refusal` itself.
"""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

from assistant.accounts import REFUSALS, ROLE_NAMES, Access, Role, Sessions
from assistant.present import esc

log = logging.getLogger(__name__)

# Set by a reverse proxy in front of the app: its visitors are not this machine's user.
PROXY_HEADERS = ("x-forwarded-for", "x-real-ip", "forwarded")


class Guard:
    def __init__(self, access: Access, sessions: Sessions | None = None) -> None:
        self.access = access
        self.sessions = sessions or Sessions()

    @staticmethod
    def _key(request: gr.Request | None) -> str | None:
        return getattr(request, "session_hash", None) if request is not None else None

    @staticmethod
    def origin(request: gr.Request | None) -> str:
        """Where the request came from: the first forwarded address behind a proxy, else the peer."""
        if request is None:
            return ""
        headers = getattr(request, "headers", None) or {}
        forwarded = (headers.get("x-forwarded-for") or "").split(",")[0].strip()
        if forwarded:
            return forwarded
        client = getattr(request, "client", None)
        return str(getattr(client, "host", "") or "")

    def user(self, request: gr.Request | None) -> str | None:
        return self.sessions.user(self._key(request), self.origin(request))

    def role(self, request: gr.Request | None) -> Role:
        """A direct call with no request (tests, scripts in this process) is an anonymous local caller."""
        proxied = False
        if request is not None:
            headers = getattr(request, "headers", None) or {}
            proxied = any(headers.get(h) for h in PROXY_HEADERS)
        return self.access.role(self.user(request), proxied=proxied)

    def refusal(self, request: gr.Request | None, need: Role, action: str) -> str:
        """'' when the request's role allows `action`, else the Chinese refusal (and a log line)."""
        role = self.role(request)
        if self.access.allows(role, need):
            return ""
        log.warning("refused %s: needs %s, the session is %s", action, need, role)
        return REFUSALS[need]


class LoginHandlers:
    """The 工作人员登录 panel: log in, log out, and on each page load the tabs for the role."""

    def __init__(self, guard: Guard, library_built: bool = True) -> None:
        """`library_built`: whether this page has the 文件库's controls (decided at start-up)."""
        self.guard = guard
        self.library_built = library_built

    def page(self, request: gr.Request | None = None) -> tuple[Any, ...]:
        """State line, lookup tab, documents tab, logout button and the form, for this session."""
        role = self.guard.role(request)
        user = self.guard.user(request)
        access = self.guard.access
        if user:
            state = f"已登录：{esc(user)}（{ROLE_NAMES[role]}）"
        elif role is Role.curator:
            state = "本机模式：尚未创建任何账号，本机访问者均可管理文件库。创建账号后须登录。"
        else:
            state = "热线人员和馆员请登录后使用条款查询、文件库。"
        closed = access.closed_reason()
        if not closed and not self.library_built:
            closed = "文件库在本次启动时未开放（当时还没有馆员账号），请管理员重启服务。"
        notice = f'<div class="pa-warning" role="status">{esc(closed)}</div>' if closed else ""
        return (
            f'<div class="pa-hint-line" id="pa-login-who">{state}</div>{notice}',
            gr.update(visible=access.allows(role, Role.hotline)),
            gr.update(visible=access.allows(role, Role.curator) and self.library_built),
            gr.update(visible=bool(user)),
            gr.update(visible=not user),
        )

    def login(
        self, name: str | None, password: str | None, request: gr.Request | None = None
    ) -> tuple[Any, ...]:
        """Check the password; on success this session gets the account's role. The password
        box is emptied either way."""
        result = self.guard.access.login(name or "", password or "")
        key = Guard._key(request)
        if result.ok and result.account is not None and key:
            self.guard.sessions.start(key, result.account.name, Guard.origin(request))
            log.info("login: %s (%s)", result.account.name, result.account.role)
            return (*self.page(request), "", gr.skip())
        message = "无法识别本页面的会话，请刷新页面后再登录。" if result.ok else result.message
        who, *tabs = self.page(request)
        return (who + f'<div class="pa-error" role="alert">✗ {esc(message)}</div>', *tabs, "", gr.skip())

    def opened(self, request: gr.Request | None = None) -> tuple[Any, ...]:
        """A staff tab was opened: the tabs again for the role this session has now. Accounts
        created while the page was open (本机模式 ends) hide the tabs, and the page goes back
        to the chat, instead of leaving tabs whose every action is refused."""
        shown = self.page(request)
        allowed = self.guard.access.allows(self.guard.role(request), Role.hotline)
        return (*shown, gr.skip() if allowed else gr.update(selected="chat"))

    def logout(self, request: gr.Request | None = None) -> tuple[Any, ...]:
        """Forget this session's login; back to the chat, the staff tabs hidden again."""
        self.guard.sessions.end(Guard._key(request))
        return (*self.page(request), "", gr.update(selected="chat"))
