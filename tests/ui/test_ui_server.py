"""Where the app listens, and the rule that the core never imports gradio."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import load_settings
from ui.server import listen_address

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ASSISTANT_APP__HOST", "ASSISTANT_APP__PORT", "GRADIO_SERVER_PORT", "GRADIO_SERVER_NAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSISTANT_CONFIG", str(PROJECT / "no-such-config.yaml"))


def test_default_is_localhost_7860():
    address = listen_address(load_settings(), environ={})
    assert (address.host, address.port, address.url) == ("127.0.0.1", 7860, "http://127.0.0.1:7860")


def test_gradio_server_port_wins_over_the_default(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7999")
    assert listen_address(load_settings()).port == 7999


def test_assistant_settings_win_over_gradio_variables(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7999")
    monkeypatch.setenv("ASSISTANT_APP__PORT", "8123")
    monkeypatch.setenv("ASSISTANT_APP__HOST", "0.0.0.0")
    address = listen_address(load_settings())
    assert (address.host, address.port) == ("0.0.0.0", 8123)


def test_the_core_does_not_import_gradio():
    code = (
        "import sys, assistant.service, assistant.present, assistant.feedback, assistant.cli;"
        "print('gradio' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
    offenders = [
        str(path.relative_to(PROJECT))
        for path in (PROJECT / "assistant").rglob("*.py")
        if "import gradio" in path.read_text("utf-8") or "from gradio" in path.read_text("utf-8")
    ]
    assert offenders == []
