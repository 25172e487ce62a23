"""A batch line the command cannot read is explained in Chinese: what is wrong with it and
which field, never a Python message."""

from __future__ import annotations

import json
import re

from assistant.batch import answer_lines, run_batch


class _NeverAsked:
    def ask(self, question):  # pragma: no cover - an unreadable line never reaches it
        raise AssertionError("an unreadable line was asked")


def _english_words(text: str) -> list[str]:
    """Latin words other than the field and format names a user writes in the file."""
    return [
        w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in {"JSON", "question", "history", "profile"}
    ]


def test_a_line_without_a_question_is_explained_in_chinese():
    [line] = answer_lines([{"id": "a", "text": "技师补贴多少"}], assistant=_NeverAsked())
    assert line["answer"].startswith("无法读取这一行") and "question" in line["answer"], line
    assert not _english_words(line["answer"]), line["answer"]


def test_a_line_that_is_not_json_is_explained_in_chinese(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "b", question: 1}\n[1, 2]\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_batch(source, out, assistant=_NeverAsked()) == 2
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["line-1", "line-2"]
    for line in lines:
        assert line["answer"].startswith("无法读取这一行") and not line["answerable"], line
        assert not _english_words(line["answer"]), line["answer"]
