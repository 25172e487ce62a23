"""Start the policy assistant's web app: `python app.py` or `make run`.

Listens on 127.0.0.1:7860 unless ASSISTANT_APP__HOST/PORT (or GRADIO_SERVER_PORT) say
otherwise. The UI lives in ui/; the index is opened in the background, so the page is
up within seconds and the first question waits only if the index is still loading.
"""

from __future__ import annotations

import logging

from assistant.settings import load_settings


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from ui.server import serve  # gradio is imported only when the app actually starts

    serve(load_settings())


if __name__ == "__main__":
    main()
