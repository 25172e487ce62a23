"""What the UI handlers share: settings, the assistant (built lazily), the feedback store,
the start-up progress, the answers given through the API (so they can be rated by id), and
who may do what (the accounts, and which session logged in as whom).

Conversations are kept in each browser (gr.BrowserState); only logins are kept here, on the
server, so that a role is never taken from what a browser sends.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.accounts import Access, Sessions, access_for
from assistant.feedback import FeedbackStore
from assistant.models import Answer
from assistant.ratelimit import RateLimiter
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.service import PolicyAssistant

log = logging.getLogger(__name__)
ANSWERS_KEPT = 10_000  # answers rateable by id through the API; older ones age out


@dataclass(frozen=True)
class Startup:
    """Where the index warm-up is, for the banner on the page."""

    step: int  # 1..TOTAL_STEPS while preparing
    message: str
    seconds: float
    ready: bool = False
    failed: bool = False


TOTAL_STEPS = 3
_STEPS = {
    1: "正在加载检索程序",
    2: "正在打开政策索引",
    3: "正在建立政策索引（首次启动或文件有变动时需要，约需十几秒到几分钟）",
}


class _BuildWatcher(logging.Handler):
    """Notices the index store saying it is building, so the page can say so."""

    def __init__(self, on_build: Callable[[], None]) -> None:
        super().__init__(logging.INFO)
        self.on_build = on_build

    def emit(self, record: logging.LogRecord) -> None:
        if "building" in record.getMessage():
            self.on_build()


class AnswerLog:
    """Recent answers by id: the question and the Answer, for feedback by answer id."""

    def __init__(self, capacity: int = ANSWERS_KEPT) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, tuple[str, Answer]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, answer_id: str, question: str, answer: Answer) -> None:
        kept = answer.model_copy(update={"retrieved": []})  # feedback needs the answer and its citations
        with self._lock:
            self._items[answer_id] = (question, kept)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def get(self, answer_id: str) -> tuple[str, Answer] | None:
        with self._lock:
            return self._items.get(answer_id)


class Services:
    """Shared, thread-safe back end of the app. The index is built on first use or by warm_up()."""

    def __init__(
        self,
        settings: Settings,
        assistant: PolicyAssistant | None = None,
        host: str | None = None,
        access: Access | None = None,
    ) -> None:
        """`host` is the address the app listens on: it decides whether a local curator is implied."""
        self.settings = settings
        self.access = access or access_for(settings, host or settings.app.host)
        self.sessions = Sessions(idle_s=settings.accounts.session_hours * 3600)
        self.feedback = FeedbackStore.from_settings(settings)
        self.answers = AnswerLog()
        self.rate_limiter = RateLimiter(settings.app.rate_limit)  # one for the API and the chat alike
        self._assistant = assistant
        self._lock = threading.Lock()
        self.ready = threading.Event()
        if assistant is not None:
            self.ready.set()
        # Uploads rebuild the index; one at a time keeps the sources folder consistent.
        self.ingest_lock = threading.Lock()
        self._started = time.monotonic()
        self._step = 1
        self._failed = ""

    @property
    def assistant(self) -> PolicyAssistant:
        if self._assistant is None:
            with self._lock:
                if self._assistant is None:
                    # Imported here: the retrieval stack is heavy and the app should come up at once.
                    from assistant.service import PolicyAssistant

                    self._assistant = PolicyAssistant(self.settings)
        return self._assistant

    def startup(self) -> Startup:
        seconds = time.monotonic() - self._started
        if self.ready.is_set():
            return Startup(TOTAL_STEPS, "政策索引已就绪", seconds, ready=True)
        if self._failed:
            message = f"政策索引加载失败（{self._failed}），提问时会再试一次。"
            return Startup(self._step, message, seconds, failed=True)
        return Startup(self._step, _STEPS[self._step], seconds)

    def warm_up(self) -> float:
        """Open (or build) the index now; returns the seconds it took."""
        started = time.perf_counter()
        self._step = 1
        assistant = self.assistant
        from assistant.store.index_store import current_build

        self._step = 2 if current_build(self.settings) is not None else 3
        watcher = _BuildWatcher(lambda: setattr(self, "_step", 3))
        store_log = logging.getLogger("assistant.store.index_store")
        store_log.addHandler(watcher)
        try:
            _ = assistant.engine
        finally:
            store_log.removeHandler(watcher)
        self.ready.set()
        return time.perf_counter() - started

    def warm_up_in_background(self, on_ready: Callable[[float], None] | None = None) -> threading.Thread:
        """Build the index in a daemon thread so the server can start answering requests at once."""

        def run() -> None:
            try:
                seconds = self.warm_up()
            except Exception as exc:
                self._failed = type(exc).__name__
                log.exception("could not open the index; the first question will try again")
                return
            if on_ready is not None:
                on_ready(seconds)

        thread = threading.Thread(target=run, name="index-warm-up", daemon=True)
        thread.start()
        return thread
