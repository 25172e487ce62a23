"""How often one client may ask: a token bucket per client, shared by the open API and the chat.

A client is the IP address the server sees (behind a reverse proxy that is the proxy's,
unless the proxy is made to pass the caller's on). Each client starts with `burst`
questions and earns `per_minute` more a minute; a question asked with none left is refused
with how long to wait. Buckets that fill up again are as good as new, so the longest idle
ones are forgotten first when there are too many clients to remember.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from pydantic import BaseModel

from assistant.settings import RateLimitSettings


class Verdict(BaseModel):
    allowed: bool
    retry_after_s: float = 0.0

    @property
    def message(self) -> str:
        """What the client is told when refused, in Chinese."""
        if self.allowed:
            return ""
        seconds = max(1, math.ceil(self.retry_after_s))
        return f"提问太频繁了，请 {seconds} 秒后再试。"


class RateLimited(Exception):
    """A question refused by the rate limit; the message says when to ask again."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict.message)
        self.verdict = verdict


class RateLimiter:
    """Thread-safe: the app answers many clients at once."""

    def __init__(self, settings: RateLimitSettings, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # client → (tokens, when)
        self._lock = threading.Lock()

    def take(self, client: str) -> Verdict:
        """Spend one question of `client`'s allowance, if there is one."""
        if not self.settings.enabled:
            return Verdict(allowed=True)
        rate = self.settings.per_minute / 60.0
        burst = float(self.settings.burst)
        with self._lock:
            now = self.clock()
            tokens, when = self._buckets.pop(client, (burst, now))
            tokens = min(burst, tokens + (now - when) * rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self._buckets[client] = (tokens, now)  # most recently seen last
            while len(self._buckets) > self.settings.max_clients:
                self._buckets.popitem(last=False)
        if allowed:
            return Verdict(allowed=True)
        return Verdict(allowed=False, retry_after_s=(1.0 - tokens) / rate)

    def check(self, client: str) -> None:
        """take(), raising RateLimited when refused."""
        verdict = self.take(client)
        if not verdict.allowed:
            raise RateLimited(verdict)
