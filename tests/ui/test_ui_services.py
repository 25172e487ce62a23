"""What the handlers share: the answers kept for rating by id, and the start-up progress."""

from __future__ import annotations

from pathlib import Path

from assistant.models import Retrieved
from assistant.settings import load_settings
from ui.services import TOTAL_STEPS, AnswerLog, Services


def test_the_answer_log_keeps_the_newest_answers_without_their_retrieval_lists(shared_assistant):
    answer = shared_assistant.ask("宁夏技术能手奖励多少？")
    assert answer.retrieved and all(isinstance(r, Retrieved) for r in answer.retrieved)
    log = AnswerLog(capacity=2)
    for n in range(3):
        log.add(f"a{n}", f"问{n}", answer)
    assert log.get("a0") is None, "the oldest answer ages out"
    question, kept = log.get("a2")
    assert question == "问2" and kept.answer == answer.answer and kept.citations == answer.citations
    assert kept.retrieved == [] and answer.retrieved, (
        "the stored copy drops the ranked list, not the original"
    )


def test_before_the_index_is_opened_the_start_up_says_so(tmp_path: Path):
    services = Services(
        load_settings(paths={"feedback_db": tmp_path / "f.db", "index_dir": tmp_path / "index"})
    )
    state = services.startup()
    assert not state.ready and not state.failed and 1 <= state.step <= TOTAL_STEPS and state.message


def test_an_assistant_given_ready_made_is_ready(shared_assistant, tmp_path: Path):
    services = Services(load_settings(paths={"feedback_db": tmp_path / "f.db"}), assistant=shared_assistant)
    assert services.startup().ready


def test_a_failed_warm_up_is_reported_on_the_page(tmp_path: Path):
    class Broken:
        @property
        def engine(self):
            raise OSError("disk full")

    class WithBrokenIndex(Services):
        @property
        def assistant(self):
            return Broken()

    services = WithBrokenIndex(load_settings(paths={"feedback_db": tmp_path / "f.db"}))
    services.warm_up_in_background().join(timeout=300)  # generous: a busy machine
    state = services.startup()
    assert state.failed and "政策索引加载失败（OSError）" in state.message and not state.ready
