"""The page's side of roles, without a server: which tabs a session sees, the login form, and
that a public address with no curator account sends no library controls at all."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.accounts import REFUSALS, AccountStore, Role
from assistant.settings import PathSettings, load_settings
from ui.access import Guard, LoginHandlers
from ui.documents import DocumentHandlers
from ui.layout import build_app
from ui.services import Services


def services_on(tmp_path: Path, host: str) -> Services:
    paths = PathSettings(
        sources_dir=tmp_path / "sources",
        index_dir=tmp_path / "index",
        feedback_db=tmp_path / "f.db",
        users_file=tmp_path / "users.json",
    )
    return Services(load_settings(paths=paths), host=host)


def request(session: str, client: str = "127.0.0.1", **headers: str) -> SimpleNamespace:
    """What a handler reads from gr.Request: the session id, the peer's address, the headers."""
    return SimpleNamespace(session_hash=session, client=SimpleNamespace(host=client), headers=headers)


def elem_ids(demo) -> set[str]:
    return {c.get("props", {}).get("elem_id") for c in demo.get_config_file()["components"]} - {None}


def visible(update) -> bool:
    return update["visible"]


def test_a_public_address_without_a_curator_sends_no_library_controls_and_says_why(tmp_path: Path):
    services = services_on(tmp_path, "0.0.0.0")
    ids = elem_ids(build_app(services))
    assert "pa-upload-btn" not in ids and "pa-docs-save" not in ids and "pa-feedback-export" not in ids
    assert "pa-question" in ids and "pa-login-btn" in ids
    who, lookup, documents, logout, form = LoginHandlers(Guard(services.access, services.sessions)).page(None)
    assert "文件库暂不开放" in who and "还没有馆员账号" in who
    assert not visible(lookup) and not visible(documents) and not visible(logout) and visible(form)


def test_a_curator_created_after_a_public_start_is_told_to_restart(tmp_path: Path):
    services = services_on(tmp_path, "0.0.0.0")
    login = LoginHandlers(Guard(services.access, services.sessions), library_built=False)
    AccountStore(services.settings.users_file).add("馆员甲", Role.curator, "curator-secret")
    who, lookup, documents, *_ = login.login("馆员甲", "curator-secret", request("s1"))
    assert "已登录：馆员甲（馆员）" in who and "请管理员重启服务" in who
    assert visible(lookup) and not visible(documents)  # no empty library tab


def test_on_this_machine_with_no_account_the_tabs_are_there_and_the_page_says_why(tmp_path: Path):
    services = services_on(tmp_path, "127.0.0.1")
    assert "pa-upload-btn" in elem_ids(build_app(services))
    who, lookup, documents, *_ = LoginHandlers(Guard(services.access, services.sessions)).page(None)
    assert "本机模式" in who and visible(lookup) and visible(documents)
    # The same page reached through a reverse proxy is a stranger's.
    _, lookup, documents, *_ = LoginHandlers(Guard(services.access, services.sessions)).page(
        request("p1", **{"x-forwarded-for": "203.0.113.9"})
    )
    assert not visible(lookup) and not visible(documents)


def test_accounts_created_while_the_page_is_open_hide_the_staff_tabs_when_one_is_opened(tmp_path: Path):
    services = services_on(tmp_path, "127.0.0.1")
    login = LoginHandlers(Guard(services.access, services.sessions))
    *_, still = login.opened(request("s1"))
    assert "selected" not in still, "in 本机模式 the tab stays open"
    AccountStore(services.settings.users_file).add("馆员甲", Role.curator, "curator-secret")
    who, lookup, documents, _, form, tabs = login.opened(request("s1"))
    assert "请登录" in who and not visible(lookup) and not visible(documents) and visible(form)
    assert tabs["selected"] == "chat", "back to the chat, not left on a tab whose actions are refused"


def test_a_login_shows_the_tabs_of_its_role_and_a_logout_hides_them(tmp_path: Path):
    services = services_on(tmp_path, "0.0.0.0")
    store = AccountStore(services.settings.users_file)
    store.add("热线乙", Role.hotline, "hotline-secret")
    store.add("馆员甲", Role.curator, "curator-secret")
    login = LoginHandlers(Guard(services.access, services.sessions))
    hotline, curator = request("s-hotline"), request("s-curator")

    who, lookup, documents, logout, form, password, _ = login.login("热线乙", "hotline-secret", hotline)
    assert "已登录：热线乙（热线人员）" in who and password == ""
    assert visible(lookup) and not visible(documents) and visible(logout) and not visible(form)

    who, lookup, documents, *_ = login.login("馆员甲", "wrong", curator)
    assert "用户名或密码不正确" in who and not visible(lookup) and not visible(documents)
    who, lookup, documents, *_ = login.login("馆员甲", "curator-secret", curator)
    assert "已登录：馆员甲（馆员）" in who and visible(lookup) and visible(documents)

    # The curator's session id sent from another address is nobody's.
    assert login.guard.role(request("s-curator", client="198.51.100.7")) is Role.worker
    *_, tabs = login.logout(curator)
    assert tabs["selected"] == "chat"
    assert login.guard.role(curator) is Role.worker and login.guard.role(hotline) is Role.hotline


@pytest.mark.parametrize("session", ["anonymous", "hotline"])
def test_document_handlers_called_directly_refuse_and_change_nothing(tmp_path: Path, session: str):
    services = services_on(tmp_path, "127.0.0.1")
    AccountStore(services.settings.users_file).add("热线乙", Role.hotline, "hotline-secret")
    if session == "hotline":
        services.sessions.start("s1", "热线乙", "127.0.0.1")
    docs = DocumentHandlers(services)
    note = tmp_path / "通知.txt"
    note.write_text("关于开展电工培训的通知\n一、培训对象为本市电工。\n", "utf-8")
    refused = REFUSALS[Role.curator]
    asked = request("s1")
    assert refused in docs.upload([str(note)], request=asked)[0]
    assert refused in docs.replace("any", str(note), request=asked)[0]
    assert refused in docs.remove("any", request=asked)[0]
    assert refused in docs.save("any", "新标题", request=asked)[0]
    assert refused in docs.feedback(request=asked)
    assert docs.export_feedback(request=asked)["value"] is None
    assert not (tmp_path / "sources").exists()  # nothing was written
