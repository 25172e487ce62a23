"""Calls the page's own events over HTTP, as the browser does: POST queue/join with the event's
fn_index and a session id, then read the result from the queue's event stream. Private events
are hidden from gradio_client, but not from this, which is why they must check roles themselves."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx


@dataclass
class Result:
    success: bool
    data: list[Any] = field(default_factory=list)
    error: str = ""


class PageSession:
    """One browser session (one session hash) against a running app."""

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.url = url.rstrip("/")
        self.session_hash = secrets.token_hex(6)
        self.http = httpx.Client(timeout=timeout)
        self.config = self.http.get(f"{self.url}/config").json()
        self._elem = {c["id"]: c.get("props", {}).get("elem_id") for c in self.config["components"]}

    def close(self) -> None:
        self.http.close()

    def fn_index(self, elem_id: str | None, event: str = "click") -> int:
        """The event the page fires when `elem_id` gets `event` (None: a component without one,
        such as the start-up timer's tick)."""
        for dep in self.config["dependencies"]:
            if any(self._elem.get(target) == elem_id and name == event for target, name in dep["targets"]):
                return int(dep["id"])
        raise KeyError(f"no {event} event on #{elem_id}")

    def has(self, elem_id: str) -> bool:
        return elem_id in self._elem.values()

    def upload(self, path: Path) -> dict[str, Any]:
        """A file sent as the page sends it before an event that takes it."""
        with path.open("rb") as f:
            response = self.http.post(f"{self.url}/gradio_api/upload", files={"files": (path.name, f)})
        response.raise_for_status()
        server_path = response.json()[0]
        return {"path": server_path, "orig_name": path.name, "meta": {"_type": "gradio.FileData"}}

    def refresh(self) -> Result:
        """What the page's timer does first: fills the library table and the document pickers
        (a picker only accepts a document it has been offered in this session)."""
        return self.call(None, [], event="tick")

    def call(self, elem_id: str | None, data: list[Any], event: str = "click") -> Result:
        fn_index = self.fn_index(elem_id, event)
        body = {
            "data": data,
            "fn_index": fn_index,
            "trigger_id": None,
            "session_hash": self.session_hash,
            "event_data": None,
        }
        joined = self.http.post(f"{self.url}/gradio_api/queue/join", json=body)
        if joined.status_code != 200:
            return Result(False, error=f"HTTP {joined.status_code}: {joined.text[:200]}")
        event_id = joined.json().get("event_id")
        params = {"session_hash": self.session_hash}
        with self.http.stream("GET", f"{self.url}/gradio_api/queue/data", params=params) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("event_id") not in (None, event_id):
                    continue
                if message.get("msg") == "process_completed":
                    output = message.get("output") or {}
                    if message.get("success"):
                        return Result(True, output.get("data", []))
                    return Result(False, error=str(output.get("error") or output))
        return Result(False, error="the event stream ended without a result")

    def login(self, name: str, password: str) -> Result:
        return self.call("pa-login-btn", [name, password])
