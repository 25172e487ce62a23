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
        "import sys, assistant.service, assistant.present, assistant.feedback, assistant.cli,"
        " assistant.lookup, assistant.next_questions;"
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


# -- the starting page -----------------------------------------------------------------------
def test_the_starting_page_answers_at_once_in_chinese_and_frees_the_port_when_stopped():
    import json
    import socket
    import urllib.error
    import urllib.request

    from app_process import free_port

    from ui.starting import HEADER, STATUS_PATH, StartingPage

    port = free_port()
    page = StartingPage("127.0.0.1", port, lambda: (2, 3, "正在建立政策索引"))
    try:
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60)  # generous: a busy machine
        response = raised.value
        assert response.code == 503 and response.headers[HEADER] == "1"
        body = response.read().decode("utf-8")
        assert "技能人才政策助手" in body and "正在启动" in body and 'lang="zh-CN"' in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{STATUS_PATH}", timeout=60) as status:
            assert json.loads(status.read()) == {"step": 2, "total": 3, "message": "正在建立政策索引"}
    finally:
        page.stop()
    with socket.socket() as s:  # the app can take the port over, as Gradio binds it
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))


def test_the_key_for_conversations_kept_in_browsers_survives_a_restart(tmp_path: Path):
    from ui.server import browser_secret

    settings = load_settings(paths={"feedback_db": tmp_path / "var" / "feedback.sqlite3"})
    first = browser_secret(settings)
    assert first and len(first) >= 24
    assert browser_secret(settings) == first
    assert (tmp_path / "var" / "browser-state.key").stat().st_mode & 0o077 == 0, "readable by its owner only"


# -- Gradio's own strings ----------------------------------------------------------------------
def test_gradio_is_given_chinese_for_every_locale_its_frontend_ships():
    import re

    import gradio

    from ui.i18n import BUILT_IN_CHINESE, GRADIO_LOCALES, chinese_everywhere

    assets = Path(gradio.__file__).parent / "templates" / "frontend" / "assets"
    shipped = set()
    for path in assets.glob("core-*.js"):
        shipped |= set(re.findall(r'"\./lang/([A-Za-z-]+)\.json"', path.read_text("utf-8")))
    assert shipped == set(GRADIO_LOCALES)
    translations = chinese_everywhere().translations_dict
    assert set(translations) == shipped
    for table in translations.values():
        assert table == BUILT_IN_CHINESE
    cjk = re.compile(r"[\u4e00-\u9fff]")
    assert all(cjk.search(text) for text in BUILT_IN_CHINESE.values())
    needed = {"common.copy", "common.upload", "upload_text.click_to_upload", "common.remove"}
    assert needed <= set(BUILT_IN_CHINESE)
