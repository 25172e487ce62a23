"""One browser session's conversation. Lives in gr.State, so sessions never share it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from assistant.models import Answer
from assistant.present import chat_message, chat_text


@dataclass
class Turn:
    question: str
    answer: Answer


@dataclass
class ChatSession:
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    turns: list[Turn] = field(default_factory=list)

    def history(self) -> list[str]:
        """Earlier user turns, oldest first: what Question.history expects."""
        return [turn.question for turn in self.turns]

    def messages(self) -> list[dict[str, str]]:
        """The conversation in Chatbot message format; two messages per turn, escaped."""
        out: list[dict[str, str]] = []
        for turn in self.turns:
            out.append({"role": "user", "content": chat_text(turn.question)})
            out.append({"role": "assistant", "content": chat_message(turn.answer)})
        return out

    def turn_for_message(self, index: int) -> Turn | None:
        """The turn a chatbot message index (as in gr.LikeData.index) belongs to."""
        if 0 <= index < 2 * len(self.turns):
            return self.turns[index // 2]
        return None
