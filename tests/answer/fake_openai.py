"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions API.

It records every request body and answers from a script (one reply per request, in
order) or, when the script is empty, from a responder function of the request. The
LangChain client talks to it over real sockets, so timeouts, HTTP errors and dropped
connections are the real thing. A request with "stream": true gets the reply as
server-sent events, a few characters per chunk, as the API streams tokens.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """What the server does with one request."""

    content: str = ""
    status: int = 200
    delay_s: float = 0.0
    close: bool = False  # drop the connection without answering
    raw_body: bytes | None = None  # send these bytes instead of a well-formed completion


Responder = Callable[[dict[str, Any]], Reply | str]


class FakeOpenAI:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.script: deque[Reply | str] = deque()
        self.responder: Responder = lambda body: Reply("根据条款[1]。")
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        self.requests.clear()
        self.headers.clear()
        self.script.clear()
        self.responder = lambda body: Reply("根据条款[1]。")

    def reply(self, *replies: Reply | str) -> None:
        """Queue replies for the next requests, in order."""
        self.script.extend(replies)

    def messages(self, i: int = -1) -> list[dict[str, str]]:
        """The chat messages of the i-th recorded request."""
        return self.requests[i]["messages"]

    def _next(self, body: dict[str, Any]) -> Reply:
        reply = self.script.popleft() if self.script else self.responder(body)
        return Reply(reply) if isinstance(reply, str) else reply

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        return type("Handler", (_Handler,), {"fake": self})


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAI  # set per server by FakeOpenAI._handler
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send(404, json.dumps({"error": {"message": f"no route {self.path}"}}).encode())
            return
        self.fake.requests.append(body)
        self.fake.headers.append({k.lower(): v for k, v in self.headers.items()})
        reply = self.fake._next(body)
        if reply.delay_s:
            time.sleep(reply.delay_s)
        if reply.close:
            self.close_connection = True
            self.connection.close()
            return
        self._answer(body, reply)

    def _answer(self, body: dict[str, Any], reply: Reply) -> None:
        if reply.raw_body is not None:
            self._send(reply.status, reply.raw_body)
        elif reply.status != 200:
            error = {"error": {"message": "server error", "type": "server_error"}}
            self._send(reply.status, json.dumps(error).encode())
        elif body.get("stream"):
            self._stream(body, reply.content)
        else:
            self._send(200, json.dumps(completion(body, reply.content), ensure_ascii=False).encode())

    def _stream(self, body: dict[str, Any], content: str) -> None:
        events = [chunk(body, piece) for piece in pieces(content)] + [chunk(body, None)]
        payload = "".join(f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events)
        payload += "data: [DONE]\n\n"
        data = payload.encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, status: int, payload: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass


def completion(request: dict[str, Any], content: str) -> dict[str, Any]:
    """A chat.completion object as the OpenAI API returns it."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


STREAM_PIECE = 4  # characters per streamed chunk


def pieces(content: str) -> list[str]:
    return [content[i : i + STREAM_PIECE] for i in range(0, len(content), STREAM_PIECE)] or [""]


def chunk(request: dict[str, Any], piece: str | None) -> dict[str, Any]:
    """A chat.completion.chunk: a piece of the content, or (None) the final stop chunk."""
    delta = {"role": "assistant", "content": piece} if piece is not None else {}
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [{"index": 0, "delta": delta, "finish_reason": None if piece is not None else "stop"}],
    }
