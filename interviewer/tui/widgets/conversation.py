"""The exchange so far: the interviewer's box with the question being asked, over the
conversation of earlier prompts, replies and verdicts.

With a model, the next follow-up is rephrased in the candidate's words: the box keeps the
question as the state machine asked it (with how long the model has taken) while the
rephrasing streams into a pending line of the conversation, which the answer then adopts.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from interviewer.interview import Prompt, Turn
from interviewer.tui.widgets.prompt import PromptBox
from interviewer.tui.widgets.transcript import Transcript


class Conversation(Vertical):
    """The prompt box and the transcript, kept in step."""

    DEFAULT_CSS = """
    Conversation { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield PromptBox(id="prompt")
        yield Transcript(id="transcript")

    @property
    def box(self) -> PromptBox:
        return self.query_one(PromptBox)

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    def ask(self, prompt: Prompt | None) -> None:
        """The question now asked (None: the interview is over)."""
        self.box.prompt = prompt

    def replay(self, turns: list[Turn]) -> None:
        """The conversation rebuilt from every turn so far."""
        tr = self.transcript
        tr.clear()
        for t in turns:
            tr.add_prompt(t.prompt)
            tr.add_reply(t.reply)
            if t.critique:
                tr.add_verdict(t.critique.verdict, t.critique.score)

    def answered(self, prompt: str, reply: str) -> None:
        """The candidate answered `prompt` (adopting its rephrased line, if one is pending)."""
        if not self.stop_phrasing(asked=prompt):  # else already in the transcript
            self.transcript.add_prompt(prompt)
        self.transcript.add_reply(reply)

    def rephrasing(self, prompt: Prompt) -> None:
        """The model is rephrasing `prompt`: a pending line for it, and the box says so."""
        self.transcript.begin_pending()
        self.box.phrasing, self.box.waited = prompt, 0

    def streamed(self, piece: str, seconds: int) -> None:
        self.transcript.append_pending(piece)
        self.box.waited = seconds

    def waited(self, seconds: int) -> None:
        self.box.waited = seconds

    def rephrased(self, text: str, note: str | None) -> None:
        """The follow-up is asked as `text` (the model's, or the canonical); `note` says why
        the model was not used, under the follow-up it concerns."""
        self.box.phrasing = None
        self.transcript.settle_pending(text)
        if note:
            self.transcript.add_note(note)

    def keep(self, prompt: Prompt | None) -> None:
        """The model is no longer rephrasing; `prompt`, if given, stays asked as it is (esc)."""
        self.box.phrasing = None
        if prompt is not None:
            self.transcript.settle_pending(prompt.text)

    def verdict(self, turn: Turn) -> None:
        """`turn` was critiqued: its verdict under its reply."""
        self.transcript.add_verdict(turn.critique.verdict, turn.critique.score)

    def stop_phrasing(self, asked: str | None = None) -> bool:
        """Stop showing the follow-up being phrased: the candidate answered `asked` (the line
        becomes that prompt; True), or skipped or finished (the line goes)."""
        self.box.phrasing = None
        if asked is not None:
            return self.transcript.adopt_pending(asked)
        self.transcript.drop_pending()
        return False
