"""Who may do what. Workers chat; hotline staff also look up clauses; curators also change the
library and read all feedback.

Accounts live in a users file (JSON, one record per user, the password kept only as a salted
scrypt hash). `Access` answers "what role does this caller have" from what the server knows:
the user a login on this server established, or nobody. A local curator is implied only when
the app listens on a loopback address and no account exists at all, so `make run` works
without setup but a public bind never hands out the library.

No gradio here: ui/ asks this module and shows its answers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import os
import re
import secrets
import threading
import time
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.settings import Settings


class Role(StrEnum):
    worker = "worker"
    hotline = "hotline"
    curator = "curator"


ROLE_NAMES = {Role.worker: "访客", Role.hotline: "热线人员", Role.curator: "馆员"}
_RANK = {Role.worker: 0, Role.hotline: 1, Role.curator: 2}

# What a caller without the needed role is told; the action itself is not attempted.
REFUSALS = {
    Role.hotline: "条款查询仅供热线人员和馆员使用，请先登录。",
    Role.curator: "只有登录的馆员才能修改文件库或查看反馈，本次操作未执行。",
}

# scrypt with n=2**14, r=8 (16 MiB, about 50 ms) is the cost the standard library's
# documentation and OWASP name as a floor for interactive logins.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD = 8
NAME_PATTERN = re.compile(r"^[\w.@-]{1,32}$")


class AccountError(ValueError):
    """A request the account store refuses; the message is for the user, in Chinese."""


class Account(BaseModel):
    name: str
    role: Role
    salt: str = Field(description="hex, 16 random bytes per user")
    hash: str = Field(description="hex scrypt digest of the password")
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P
    created: dt.datetime

    def matches(self, password: str) -> bool:
        digest = _scrypt(password, bytes.fromhex(self.salt), self.n, self.r, self.p)
        return hmac.compare_digest(digest.hex(), self.hash)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32
    )


def is_loopback(host: str) -> bool:
    """127.0.0.1, ::1 and localhost: only this machine can connect."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class AccountStore:
    """The users file. Read again whenever it changed on disk, so `users add/remove` takes
    effect in a running app without a restart."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[float, int] | None = None
        self._accounts: dict[str, Account] = {}

    def accounts(self) -> list[Account]:
        with self._lock:
            return sorted(self._load().values(), key=lambda a: a.name)

    def get(self, name: str) -> Account | None:
        with self._lock:
            return self._load().get(name)

    def add(self, name: str, role: Role, password: str) -> Account:
        """Create the account, or give an existing one this role and password."""
        name = name.strip()
        if not NAME_PATTERN.match(name):
            raise AccountError("用户名只能由字母、数字、汉字和 . _ @ - 组成，最长 32 个字符。")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"密码至少 {MIN_PASSWORD} 个字符。")
        salt = secrets.token_bytes(16)
        account = Account(
            name=name,
            role=Role(role),
            salt=salt.hex(),
            hash=_scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P).hex(),
            created=dt.datetime.now(dt.UTC).replace(microsecond=0),
        )
        with self._lock:
            accounts = dict(self._load())
            accounts[name] = account
            self._save(accounts)
        return account

    def remove(self, name: str) -> bool:
        with self._lock:
            accounts = dict(self._load())
            if accounts.pop(name, None) is None:
                return False
            self._save(accounts)
            return True

    def verify(self, name: str, password: str) -> Account | None:
        """The account if the password is right. An unknown name costs the same hash, so the
        time taken does not tell which names exist."""
        account = self.get(name.strip())
        if account is None:
            _scrypt(password, b"\0" * 16, SCRYPT_N, SCRYPT_R, SCRYPT_P)
            return None
        return account if account.matches(password) else None

    def _load(self) -> dict[str, Account]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._stamp, self._accounts = None, {}
            return self._accounts
        stamp = (stat.st_mtime, stat.st_size)
        if stamp != self._stamp:
            try:
                raw = json.loads(self.path.read_text("utf-8") or "{}")
                users = raw.get("users", []) if isinstance(raw, dict) else []
                self._accounts = {a.name: a for a in (Account.model_validate(u) for u in users)}
            except (OSError, ValueError) as exc:
                # A damaged file must not open the library: no account means no login,
                # and (with accounts expected) no local curator either; see Access.
                raise AccountError(f"账号文件无法读取（{type(exc).__name__}）：{self.path.name}") from exc
            self._stamp = stamp
        return self._accounts

    def _save(self, accounts: dict[str, Account]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = {"users": [a.model_dump(mode="json") for a in sorted(accounts.values(), key=lambda a: a.name)]}
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        # Created owner-only: the hashes are slow to attack, not impossible.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(body, out, ensure_ascii=False, indent=1)
        os.replace(tmp, self.path)
        self._stamp = None  # read back on next use


class LoginResult(BaseModel):
    ok: bool
    message: str
    account: Account | None = None


class Throttle:
    """Slows password guessing: after `limit` failures for one name within `window_s`, that
    name is refused until the window has passed."""

    def __init__(self, limit: int = 5, window_s: float = 900.0) -> None:
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, name: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            recent = [t for t in self._failures.get(name, []) if now - t < self.window_s]
            self._failures[name] = recent
            return len(recent) >= self.limit

    def failed(self, name: str, now: float | None = None) -> None:
        with self._lock:
            self._failures.setdefault(name, []).append(time.monotonic() if now is None else now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name, None)


class Access:
    """The role of each caller, decided here on the server for every request."""

    def __init__(self, store: AccountStore, host: str, local_curator: bool = True) -> None:
        self.store = store
        self.host = host
        self.allow_local_curator = local_curator
        self.throttle = Throttle()

    def _accounts(self) -> list[Account] | None:
        try:
            return self.store.accounts()
        except AccountError:
            return None  # unreadable: treated as "accounts expected, none usable"

    @property
    def local_curator(self) -> bool:
        """Every visitor is a curator: only on a loopback address with no account at all."""
        return self.allow_local_curator and is_loopback(self.host) and self._accounts() == []

    @property
    def library_served(self) -> bool:
        accounts = self._accounts() or []
        return self.local_curator or any(a.role is Role.curator for a in accounts)

    def closed_reason(self) -> str:
        """Why the 文件库 is not offered (empty when it is)."""
        if self.library_served:
            return ""
        if self._accounts() is None:
            return f"文件库暂不开放：账号文件 {self.store.path.name} 无法读取，请检查后重启。"
        return (
            f"文件库暂不开放：本服务监听 {self.host}，可被其他电脑访问，但还没有馆员账号。"
            "请管理员先用“python -m assistant users add 用户名 --role curator”创建馆员账号，再重启服务。"
        )

    def role(self, user: str | None, proxied: bool = False) -> Role:
        """`user` is the name a login on this server established for the session (never a
        name the browser supplied); `proxied` is true when a reverse proxy forwarded the
        request, whose visitors are not this machine's user even on a loopback address."""
        if user:
            try:
                account = self.store.get(user)
            except AccountError:
                account = None
            if account is not None:
                return account.role  # read each time: a removed account loses its rights at once
        if not proxied and self.local_curator:
            return Role.curator
        return Role.worker

    @staticmethod
    def allows(role: Role, need: Role) -> bool:
        return _RANK[role] >= _RANK[need]

    def login(self, name: str, password: str) -> LoginResult:
        name = (name or "").strip()
        if not name or not password:
            return LoginResult(ok=False, message="请输入用户名和密码。")
        if self.throttle.blocked(name):
            return LoginResult(ok=False, message="登录失败次数过多，请 15 分钟后再试。")
        try:
            account = self.store.verify(name, password)
        except AccountError as exc:
            return LoginResult(ok=False, message=str(exc))
        if account is None:
            self.throttle.failed(name)
            return LoginResult(ok=False, message="用户名或密码不正确。")
        self.throttle.succeeded(name)
        return LoginResult(
            ok=True, message=f"已登录：{account.name}（{ROLE_NAMES[account.role]}）", account=account
        )


class Sessions:
    """Which user each browser session logged in as. Kept in the server's memory only, keyed by
    the session's own id and bound to the address it logged in from (the id travels with every
    request; the address makes a copied id useless elsewhere). A session idle for longer than
    `idle_s` is logged out."""

    def __init__(self, idle_s: float = 8 * 3600) -> None:
        self.idle_s = idle_s
        self._users: dict[str, tuple[str, str, float]] = {}
        self._lock = threading.Lock()

    def start(self, key: str, user: str, origin: str = "") -> None:
        with self._lock:
            self._users[key] = (user, origin, time.monotonic())

    def user(self, key: str | None, origin: str = "") -> str | None:
        if not key:
            return None
        now = time.monotonic()
        with self._lock:
            found = self._users.get(key)
            if found is None or found[1] != origin:
                return None
            if now - found[2] > self.idle_s:
                del self._users[key]
                return None
            self._users[key] = (found[0], found[1], now)
            return found[0]

    def end(self, key: str | None) -> None:
        with self._lock:
            self._users.pop(key or "", None)


def access_for(settings: Settings, host: str) -> Access:
    """The access rules for an app listening on `host`."""
    return Access(AccountStore(settings.users_file), host, local_curator=settings.accounts.local_curator)
