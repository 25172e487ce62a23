"""A page for the seconds before the app is up. Standard library only.

Importing gradio alone takes over two seconds on a small machine, and a first start also
builds the index. This server answers on the app's address at once with a Chinese page
that says what is happening and reloads itself when the app answers; it is closed just
before the app takes over the port.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATUS_PATH = "/__starting__"
HEADER = "X-Policy-Assistant-Starting"

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>技能人才政策助手 · 正在启动</title>
<noscript><meta http-equiv="refresh" content="2"></noscript>
<style>
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0;
       padding: 2em 1em; color: #1f1f1f; background: #f7f8fa; }
main { max-width: 36em; margin: 0 auto; background: #fff; border-radius: 10px; padding: 1.2em 1.4em;
       box-shadow: 0 1px 4px rgba(0,0,0,.08); }
h1 { font-size: 1.3em; margin: 0 0 .4em; }
progress { width: 100%; height: 8px; }
#step { margin: .6em 0 .2em; } #time { color: #8c8c8c; font-size: .9em; }
</style></head>
<body><main>
<h1>技能人才政策助手</h1>
<p>正在启动，页面准备好后会自动打开，无需刷新。</p>
<div id="step">正在加载界面程序…</div>
<progress id="bar" max="1" value="0"></progress>
<div id="time"></div>
</main>
<script>
const started = Date.now();
async function poll() {
  try {
    const page = await fetch(location.href, { cache: "no-store" });
    if (page.ok && !page.headers.get("HEADER")) { location.reload(); return; }
    const status = await (await fetch("STATUS_PATH", { cache: "no-store" })).json();
    document.getElementById("step").textContent = status.message + "…";
    document.getElementById("bar").max = status.total;
    document.getElementById("bar").value = status.step - 1;
  } catch (e) { /* the app is taking over the port: try again */ }
  document.getElementById("time").textContent = "已用 " + Math.round((Date.now() - started) / 1000) + " 秒";
  setTimeout(poll, 400);
}
poll();
</script></body></html>
""".replace("STATUS_PATH", STATUS_PATH).replace("HEADER", HEADER)

Status = Callable[[], tuple[int, int, str]]  # step, total steps, message


class StartingPage:
    """The placeholder server on `host`:`port` until stop() is called."""

    def __init__(self, host: str, port: int, status: Status | None = None) -> None:
        self.started = time.monotonic()
        status = status or (lambda: (1, 1, "正在加载界面程序"))
        self.server = ThreadingHTTPServer((host, port), _handler(status))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="starting-page", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _handler(status: Status) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith(STATUS_PATH):
                step, total, message = status()
                body = json.dumps({"step": step, "total": total, "message": message}, ensure_ascii=False)
                self._send(200, "application/json", body)
            elif self.path == "/" or self.path.startswith("/?"):
                # 503 tells scripts and proxies the app is not up yet; a browser shows the page.
                self._send(503, "text/html", PAGE)
            else:
                self._send(503, "text/plain", "正在启动，请稍后再试。")

        def _send(self, code: int, kind: str, body: str) -> None:
            data = body.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Retry-After", "1")
            self.send_header(HEADER, "1")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the app logs its own start; a line per poll would drown it

    return Handler
