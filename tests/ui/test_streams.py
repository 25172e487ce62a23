"""停止 and a streaming answer: once 停止 has answered, no piece of the answer comes after it."""

from __future__ import annotations

import threading

from ui.streams import Streams


def pieces(streams: Streams, page: str, slow_piece: int, making: threading.Event, release: threading.Event):
    """An answer of three pieces, sent as ChatHandlers._answer sends them; one is slow to make."""
    with streams.running(page) as stream:
        for i in range(3):
            if i == slow_piece:
                making.set()
                release.wait(10)
            if not stream.may_send():
                return
            yield i
            stream.resumed()


def test_stop_waits_for_the_piece_being_made_and_nothing_comes_after_it():
    streams, making, release = Streams(), threading.Event(), threading.Event()
    sent: list[int] = []
    answer = threading.Thread(target=lambda: sent.extend(pieces(streams, "page-1", 1, making, release)))
    answer.start()
    assert making.wait(10)
    stopper = threading.Thread(target=streams.stop, args=("page-1",))
    stopper.start()
    stopper.join(0.2)
    assert stopper.is_alive(), "停止 answers only once the piece being made is dropped"
    release.set()
    stopper.join(10)
    answer.join(10)
    assert not stopper.is_alive() and not answer.is_alive()
    assert sent == [0]


def test_stop_between_pieces_answers_at_once_and_the_next_piece_is_never_made():
    streams, making, release = Streams(), threading.Event(), threading.Event()
    release.set()
    answer = pieces(streams, "page-2", 5, making, release)
    assert next(answer) == 0  # suspended between two pieces, as Gradio holds a stream
    streams.stop("page-2", wait_s=10)  # returns at once: nothing is being made
    assert list(answer) == []


def test_stop_on_another_page_leaves_this_answer_alone():
    streams, making, release = Streams(), threading.Event(), threading.Event()
    release.set()
    answer = pieces(streams, "page-3", 5, making, release)
    assert next(answer) == 0
    streams.stop("page-4")
    assert list(answer) == [1, 2]
