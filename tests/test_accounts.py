"""Accounts and roles: the users file, password checks, who is a curator where, and the CLI."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest

from assistant import cli
from assistant.accounts import (
    Access,
    AccountError,
    AccountStore,
    Role,
    Sessions,
    Throttle,
    is_loopback,
)


@pytest.fixture
def store(tmp_path: Path) -> AccountStore:
    return AccountStore(tmp_path / "users.json")


def test_a_password_is_kept_only_as_a_salted_hash_in_an_owner_only_file(store: AccountStore):
    store.add("王馆员", Role.curator, "same-password")
    store.add("li", Role.hotline, "same-password")
    text = store.path.read_text("utf-8")
    assert "same-password" not in text
    users = json.loads(text)["users"]
    assert len({u["salt"] for u in users}) == 2 and len({u["hash"] for u in users}) == 2
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_only_the_right_password_logs_in(store: AccountStore):
    store.add("王馆员", Role.curator, "correct horse")
    assert store.verify("王馆员", "correct horse").role is Role.curator
    assert store.verify("王馆员", "correct hors") is None
    assert store.verify("nobody", "correct horse") is None


def test_adding_a_name_again_resets_its_role_and_password(store: AccountStore):
    store.add("li", Role.curator, "first-password")
    store.add("li", Role.hotline, "second-password")
    assert [(a.name, a.role) for a in store.accounts()] == [("li", Role.hotline)]
    assert store.verify("li", "first-password") is None
    assert store.verify("li", "second-password") is not None


def test_bad_names_and_short_passwords_are_refused_in_chinese(store: AccountStore):
    with pytest.raises(AccountError, match="密码至少 8 个字符"):
        store.add("li", Role.curator, "short")
    with pytest.raises(AccountError, match="用户名只能"):
        store.add("li si", Role.curator, "long-enough")
    assert store.accounts() == []


def test_an_account_removed_in_another_process_loses_its_role_at_once(store: AccountStore, tmp_path: Path):
    store.add("li", Role.curator, "long-enough")
    access = Access(store, "0.0.0.0")
    assert access.role("li") is Role.curator
    assert AccountStore(tmp_path / "users.json").remove("li")  # as `users remove li` would
    assert access.role("li") is Role.worker
    assert not AccountStore(tmp_path / "users.json").remove("li")


def test_on_loopback_with_no_account_every_visitor_is_the_local_curator(store: AccountStore):
    access = Access(store, "127.0.0.1")
    assert access.local_curator and access.library_served and access.closed_reason() == ""
    assert access.role(None) is Role.curator
    # Behind a reverse proxy the visitors are not this machine's user.
    assert access.role(None, proxied=True) is Role.worker
    assert Access(store, "127.0.0.1", local_curator=False).role(None) is Role.worker


def test_once_any_account_exists_a_local_visitor_must_log_in(store: AccountStore):
    store.add("li", Role.hotline, "long-enough")
    access = Access(store, "127.0.0.1")
    assert access.role(None) is Role.worker and access.role("li") is Role.hotline
    assert not access.library_served  # a hotline account alone cannot change the library
    assert "还没有馆员账号" in access.closed_reason()


def test_a_public_address_without_a_curator_account_does_not_serve_the_library(store: AccountStore):
    access = Access(store, "0.0.0.0")
    assert access.role(None) is Role.worker and not access.local_curator
    assert not access.library_served
    reason = access.closed_reason()
    assert "文件库暂不开放" in reason and "0.0.0.0" in reason and "users add" in reason
    store.add("王馆员", Role.curator, "long-enough")
    assert access.library_served and access.closed_reason() == ""
    assert access.role(None) is Role.worker and access.role("王馆员") is Role.curator


def test_a_damaged_users_file_opens_nothing(store: AccountStore):
    store.path.write_text("{not json", "utf-8")
    access = Access(store, "127.0.0.1")
    assert access.role(None) is Role.worker and access.role("li") is Role.worker
    assert not access.library_served and "无法读取" in access.closed_reason()
    assert access.login("li", "long-enough").ok is False


def test_roles_are_ordered_worker_hotline_curator():
    allowed = [(r, n) for r in Role for n in Role if Access.allows(r, n)]
    assert sorted(allowed) == sorted(
        [
            (Role.worker, Role.worker),
            (Role.hotline, Role.worker),
            (Role.hotline, Role.hotline),
            (Role.curator, Role.worker),
            (Role.curator, Role.hotline),
            (Role.curator, Role.curator),
        ]
    )


def test_repeated_wrong_passwords_lock_the_name_for_a_while(store: AccountStore):
    store.add("li", Role.curator, "long-enough")
    access = Access(store, "0.0.0.0")
    for _ in range(5):
        assert access.login("li", "guess").message == "用户名或密码不正确。"
    refused = access.login("li", "long-enough")
    assert not refused.ok and "失败次数过多" in refused.message
    throttle = Throttle(limit=2, window_s=60)
    throttle.failed("x", now=0)
    throttle.failed("x", now=1)
    assert throttle.blocked("x", now=59) and not throttle.blocked("x", now=62)


def test_a_login_says_who_and_which_role_and_an_empty_form_asks_for_both(store: AccountStore):
    store.add("li", Role.hotline, "long-enough")
    access = Access(store, "0.0.0.0")
    done = access.login(" li ", "long-enough")
    assert done.ok and done.message == "已登录：li（热线人员）" and done.account.name == "li"
    assert access.login("", "").message == "请输入用户名和密码。"


def test_an_idle_session_is_logged_out():
    sessions = Sessions(idle_s=0.0)
    sessions.start("abc", "li")
    assert sessions.user("abc") is None
    sessions = Sessions()
    sessions.start("abc", "li")
    assert sessions.user("abc") == "li" and sessions.user("other") is None and sessions.user(None) is None
    sessions.end("abc")
    assert sessions.user("abc") is None


def test_a_session_id_copied_to_another_address_is_nobody():
    sessions = Sessions()
    sessions.start("abc", "li", origin="10.0.0.1")
    assert sessions.user("abc", "10.0.0.1") == "li"
    assert sessions.user("abc", "10.0.0.2") is None and sessions.user("abc") is None


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("192.168.1.5", False)],
)
def test_which_addresses_are_this_machine_only(host: str, loopback: bool):
    assert is_loopback(host) is loopback


def test_the_users_command_adds_lists_and_removes(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_PATHS__USERS_FILE", str(tmp_path / "users.json"))
    monkeypatch.setattr("sys.stdin", io.StringIO("hotline-pass\n"))
    assert cli.main(["users", "add", "li", "--role", "hotline"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("curator-pass\n"))
    assert cli.main(["users", "add", "王馆员"]) == 0  # a curator unless told otherwise
    assert cli.main(["users", "list"]) == 0
    out = capsys.readouterr().out
    assert "li  热线人员（hotline）" in out and "王馆员  馆员（curator）" in out
    assert AccountStore(tmp_path / "users.json").verify("li", "hotline-pass") is not None
    assert cli.main(["users", "remove", "li"]) == 0
    assert cli.main(["users", "remove", "li"]) == 1
    assert "没有这个账号：li" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main(["users", "add", "zhao"]) == 1
    assert "密码至少" in capsys.readouterr().err
