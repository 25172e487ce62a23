"""The answer each page is streaming, so that 停止 ends it before saying it has stopped.

Gradio cancels the streaming event when 停止 is pressed, but a piece the stream was already
producing could reach the page after 停止's own update: the half answer came back without
the 已停止回答 notice (seen with both cores busy). So a stream checks its page's stop flag
before every update, and 停止 waits until the stream is between updates or has ended
before it answers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

# How long 停止 waits for a stream to reach a pause: one streamed piece or one step of an
# LLM's answer takes far less; a stream stuck longer is left to Gradio's cancellation.
STOP_WAIT_S = 5.0


@dataclass
class Stream:
    stopped: threading.Event = field(default_factory=threading.Event)
    # Set while the stream waits between two updates (or has ended): nothing of it is on the
    # way to the page then, and no further piece is made once `stopped` is set.
    paused: threading.Event = field(default_factory=threading.Event)

    def may_send(self) -> bool:
        """Called right before an update: False once 停止 was pressed. From here until
        `resumed`, the stream makes nothing new."""
        if self.stopped.is_set():
            return False
        self.paused.set()
        return True

    def resumed(self) -> None:
        """Called right after an update was taken: the stream is making the next one."""
        self.paused.clear()


class Streams:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[str, Stream] = {}

    @contextmanager
    def running(self, page: str) -> Iterator[Stream]:
        """The stream of one page's answer; a new answer on the same page replaces the old."""
        stream = Stream()
        with self._lock:
            self._running[page] = stream
        try:
            yield stream
        finally:
            stream.paused.set()
            with self._lock:
                if self._running.get(page) is stream:
                    del self._running[page]

    def stop(self, page: str, wait_s: float = STOP_WAIT_S) -> None:
        """Tell the page's stream to stop, and wait until it sends nothing more."""
        with self._lock:
            stream = self._running.get(page)
        if stream is None:
            return
        stream.stopped.set()
        stream.paused.wait(wait_s)
