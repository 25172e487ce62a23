"""Start the app: where to listen, the queue, the background index build."""

from __future__ import annotations

import os
from dataclasses import dataclass

from assistant.settings import Settings


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def listen_address(settings: Settings, environ: dict[str, str] | None = None) -> Address:
    """Host and port: ASSISTANT_APP__HOST/PORT when set, else GRADIO_SERVER_NAME/PORT, else the defaults."""
    env = os.environ if environ is None else environ
    explicit = settings.app.model_fields_set  # fields given by env, .env or config.yaml
    host = settings.app.host
    if "host" not in explicit and env.get("GRADIO_SERVER_NAME"):
        host = env["GRADIO_SERVER_NAME"]
    port = settings.app.port
    if "port" not in explicit and env.get("GRADIO_SERVER_PORT"):
        port = int(env["GRADIO_SERVER_PORT"])
    return Address(host, port)


def serve(settings: Settings, *, block: bool = True, stream_delay: float = 0.04):  # -> (Blocks, Address)
    """Build the UI, start the index warm-up in the background and launch the server.

    With block=False the server runs in a background thread and (demo, address) is returned.
    """
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no phoning home; there may be no network
    from ui.layout import THEME, build_app
    from ui.services import Services
    from ui.style import CSS

    services = Services(settings)
    services.warm_up_in_background(lambda s: print(f"索引就绪（{s:.1f} 秒）", flush=True))
    demo = build_app(services, stream_delay=stream_delay)
    demo.queue(default_concurrency_limit=settings.app.concurrency_limit)
    address = listen_address(settings)
    demo.launch(
        server_name=address.host,
        server_port=address.port,
        prevent_thread_lock=True,
        quiet=True,
        show_error=True,
        ssr_mode=False,
        footer_links=["api"],
        theme=THEME,
        css=CSS,
    )
    print(f"政策助手已启动：{address.url}", flush=True)
    if block:
        demo.block_thread()
    return demo, address
