"""What the UI handlers share: settings, the assistant (built lazily) and the feedback store.

Nothing per-user lives here; conversations are kept in each session's gr.State.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.feedback import FeedbackStore
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.service import PolicyAssistant

log = logging.getLogger(__name__)


class Services:
    """Shared, thread-safe back end of the app. The index is built on first use or by warm_up()."""

    def __init__(self, settings: Settings, assistant: PolicyAssistant | None = None) -> None:
        self.settings = settings
        self.feedback = FeedbackStore(settings.paths.resolve(settings.paths.feedback_db))
        self._assistant = assistant
        self._lock = threading.Lock()
        self.ready = threading.Event()
        # Uploads rebuild the index; one at a time keeps the sources folder consistent.
        self.ingest_lock = threading.Lock()

    @property
    def assistant(self) -> PolicyAssistant:
        if self._assistant is None:
            with self._lock:
                if self._assistant is None:
                    # Imported here: the retrieval stack is heavy and the app should come up at once.
                    from assistant.service import PolicyAssistant

                    self._assistant = PolicyAssistant(self.settings)
        return self._assistant

    def warm_up(self) -> float:
        """Open (or build) the index now; returns the seconds it took."""
        started = time.perf_counter()
        _ = self.assistant.engine
        self.ready.set()
        return time.perf_counter() - started

    def warm_up_in_background(self, on_ready: Callable[[float], None] | None = None) -> threading.Thread:
        """Build the index in a daemon thread so the server can start answering requests at once."""

        def run() -> None:
            try:
                seconds = self.warm_up()
            except Exception:
                log.exception("could not open the index; the first question will try again")
                return
            if on_ready is not None:
                on_ready(seconds)

        thread = threading.Thread(target=run, name="index-warm-up", daemon=True)
        thread.start()
        return thread
