"""A library of the tests' own notices with rules by time (tests/answer/own_rules): ranges of
years paid in, windows to apply that close on a day, standards by level. Built once for the
modules using it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from assistant.service import PolicyAssistant
from assistant.settings import load_settings

OWN_RULES = Path(__file__).parent / "own_rules"
TODAY = dt.date(2026, 6, 1)


def library_of(folder: Path, today: dt.date, factory: pytest.TempPathFactory) -> PolicyAssistant:
    """An assistant over the notices of one folder of the tests' own, read on `today`."""
    sources = factory.mktemp(f"{folder.name}_sources")
    for notice in folder.glob("*.txt"):
        shutil.copy(notice, sources / notice.name)
    settings = load_settings(
        paths={"sources_dir": sources, "index_dir": factory.mktemp(f"{folder.name}_index")}, today=today
    )
    return PolicyAssistant(settings)


@pytest.fixture(scope="session")
def own_rules(tmp_path_factory: pytest.TempPathFactory) -> PolicyAssistant:
    return library_of(OWN_RULES, TODAY, tmp_path_factory)
