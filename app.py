"""Start the policy assistant's web app: `python app.py` or `make run`.

Listens on 127.0.0.1:7860 unless ASSISTANT_APP__HOST/PORT (or GRADIO_SERVER_PORT) say
otherwise. A starting page answers on that address at once; the index is opened (or, on a
first start, built) in the background while the UI loads, and the page shows how far it is.
"""

from __future__ import annotations

import logging

from assistant.settings import load_settings


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from ui.server import listen_address, serve, starting_page
    from ui.services import Services

    settings = load_settings()
    services = Services(settings)
    starting = starting_page(listen_address(settings), services)
    services.warm_up_in_background(lambda s: print(f"索引就绪（{s:.1f} 秒）", flush=True))
    serve(settings, services=services, starting=starting)  # gradio is imported only here


if __name__ == "__main__":
    main()
