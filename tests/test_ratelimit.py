"""The per-client question allowance: a burst, then a steady pace, each client on its own,
refused in Chinese with when to ask again. A fake clock: no test waits."""

from __future__ import annotations

import threading

import pytest

from assistant.ratelimit import RateLimited, RateLimiter
from assistant.settings import RateLimitSettings, load_settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_a_burst_is_allowed_then_the_client_is_told_how_long_to_wait(clock: Clock) -> None:
    limiter = RateLimiter(RateLimitSettings(burst=3, per_minute=6), clock)  # one question per 10 s
    assert [limiter.take("10.0.0.1").allowed for _ in range(4)] == [True, True, True, False]
    refused = limiter.take("10.0.0.1")
    assert refused.message == "提问太频繁了，请 10 秒后再试。"
    clock.now += 4
    assert limiter.take("10.0.0.1").message == "提问太频繁了，请 6 秒后再试。"
    clock.now += 6
    assert limiter.take("10.0.0.1").allowed
    assert not limiter.take("10.0.0.1").allowed


def test_one_client_spending_its_allowance_leaves_another_untouched(clock: Clock) -> None:
    limiter = RateLimiter(RateLimitSettings(burst=2, per_minute=1), clock)
    assert [limiter.take("a").allowed for _ in range(5)] == [True, True, False, False, False]
    assert [limiter.take("b").allowed for _ in range(2)] == [True, True]


def test_an_idle_client_earns_back_no_more_than_the_burst(clock: Clock) -> None:
    limiter = RateLimiter(RateLimitSettings(burst=2, per_minute=60), clock)
    limiter.take("a")
    clock.now += 3600
    assert [limiter.take("a").allowed for _ in range(3)] == [True, True, False]


def test_check_raises_with_the_chinese_message(clock: Clock) -> None:
    limiter = RateLimiter(RateLimitSettings(burst=1, per_minute=30), clock)
    limiter.check("a")
    with pytest.raises(RateLimited, match="提问太频繁了，请 2 秒后再试。"):
        limiter.check("a")


def test_disabled_allows_everything(clock: Clock) -> None:
    limiter = RateLimiter(RateLimitSettings(enabled=False, burst=1), clock)
    assert all(limiter.take("a").allowed for _ in range(100))


def test_the_clients_remembered_are_bounded_and_the_longest_idle_go_first(clock: Clock) -> None:
    limiter = RateLimiter(RateLimitSettings(burst=1, per_minute=1, max_clients=2), clock)
    for client in ("a", "b"):
        assert limiter.take(client).allowed
    assert not limiter.take("a").allowed  # "a" is now the most recently seen
    assert limiter.take("c").allowed  # "b", the longest idle, is forgotten …
    assert limiter.take("b").allowed  # … so it starts again with a full bucket
    assert limiter.take("a").allowed  # and "a" after it: two clients are remembered, not three


def test_concurrent_takes_never_hand_out_more_than_the_burst(clock: Clock) -> None:
    limiter = RateLimiter(RateLimitSettings(burst=50, per_minute=1), clock)
    allowed: list[bool] = []
    lock = threading.Lock()

    def ask() -> None:
        for _ in range(20):
            verdict = limiter.take("shared")
            with lock:
                allowed.append(verdict.allowed)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(allowed) == 160 and sum(allowed) == 50


def test_the_limit_is_configured_in_the_settings_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_APP__RATE_LIMIT__PER_MINUTE", "5")
    monkeypatch.setenv("ASSISTANT_APP__RATE_LIMIT__BURST", "2")
    settings = load_settings()
    assert (settings.app.rate_limit.per_minute, settings.app.rate_limit.burst) == (5, 2)
