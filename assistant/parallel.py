"""Worker processes for the large builds (tokenizing, loading thousands of files)."""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.context import BaseContext


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def pool_context() -> BaseContext:
    """fork when this is the only thread: the child starts at once and imports nothing.

    With other threads running (an app rebuilding its index) forking is unsafe, so the
    workers are spawned; spawning re-imports the main module, which app.py guards.
    """
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    return multiprocessing.get_context(method)
