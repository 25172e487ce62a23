"""Start the policy assistant's web app: `python app.py` or `make run`.

Listens on 127.0.0.1:7860 unless ASSISTANT_APP__HOST/PORT (or GRADIO_SERVER_PORT) say
otherwise. A starting page answers on that address at once, while the UI loads; then the
index is opened (or, on a first start, built) in the background and the page shows how far
it is. (Started together, the two loads slow each other down: the UI came after 9 s, not 3.)
"""

from __future__ import annotations

import logging

from assistant.settings import load_settings


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from ui.server import listen_address, serve, starting_page

    settings = load_settings()
    starting = starting_page(listen_address(settings))
    serve(settings, starting=starting)  # gradio is imported only here


if __name__ == "__main__":
    main()
