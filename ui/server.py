"""Start the app: where to listen, the page shown while starting, the background index
build, the Chinese strings for Gradio's own widgets."""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.settings import Settings

if TYPE_CHECKING:
    from ui.services import Services
    from ui.starting import StartingPage

log = logging.getLogger(__name__)


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


def browser_secret(settings: Settings) -> str | None:
    """The key the conversations kept in browsers are encrypted with, kept beside the feedback
    database so they can still be read after a restart. None (a key per run) if it cannot be kept.
    app.browser_secret, when set, is used instead: replicas behind one address share it."""
    if settings.app.browser_secret is not None:
        return settings.app.browser_secret.get_secret_value()
    path = settings.paths.resolve(settings.paths.feedback_db).parent / "browser-state.key"
    try:
        if path.exists():
            return path.read_text("utf-8").strip() or None
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(24)
        path.write_text(key, "utf-8")
        path.chmod(0o600)
        return key
    except OSError as exc:
        log.warning("cannot keep the browser-state key at %s (%s): conversations end at a restart", path, exc)
        return None


def starting_page(address: Address) -> StartingPage | None:
    """The placeholder page on the app's address, or None if the port is not free (then the
    app's own start reports the problem)."""
    from ui.starting import StartingPage

    try:
        return StartingPage(address.host, address.port)
    except OSError as exc:
        log.warning("no starting page on %s (%s)", address.url, exc)
        return None


def serve(
    settings: Settings,
    *,
    block: bool = True,
    stream_delay: float | None = None,
    services: Services | None = None,
    starting: StartingPage | None = None,
):  # -> (Blocks, Address)
    """Build the UI, launch the server (taking the port over from `starting` if given), then
    open or build the index in the background.

    With block=False the server runs in a background thread and (demo, address) is returned.
    """
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no phoning home; there may be no network
    from ui.assets import CSS, HEAD
    from ui.i18n import chinese_everywhere, label_script
    from ui.layout import THEME, build_app
    from ui.services import Services

    address = listen_address(settings)
    services = services or Services(settings, host=address.host)
    closed = services.access.closed_reason()
    if closed:
        print(closed, flush=True)
    delay = settings.app.stream_delay_s if stream_delay is None else stream_delay
    demo = build_app(services, stream_delay=delay, browser_secret=browser_secret(settings))
    demo.queue(default_concurrency_limit=settings.app.concurrency_limit)
    if starting is not None:
        starting.stop()
    demo.launch(
        server_name=address.host,
        server_port=address.port,
        prevent_thread_lock=True,
        quiet=True,
        show_error=True,
        ssr_mode=False,
        footer_links=[],  # the API is for developers and documented in the README
        # An outer bound only: files up to a whole upload's size reach assistant/, which refuses
        # what is over its own limits with a Chinese message naming the file.
        max_file_size=f"{settings.uploads.max_request_mb:g}mb",
        theme=THEME,
        css=CSS,
        head=HEAD + label_script(),
        i18n=chinese_everywhere(),
    )
    print(f"政策助手已启动：{address.url}", flush=True)
    services.warm_up_in_background(lambda s: print(f"索引就绪（{s:.1f} 秒）", flush=True))
    if block:
        demo.block_thread()
    return demo, address
