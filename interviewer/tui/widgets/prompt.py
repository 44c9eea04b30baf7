"""The interviewer's box: the question being asked, its attempt, or that the interview is over;
while a model rephrases a follow-up, the question itself with how long that has taken."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from interviewer.interview import Prompt
from interviewer.tui.text import literal


class PromptBox(Static):
    """Shows `prompt` (None: the interview is over). While `phrasing` is that same prompt, the
    model is rephrasing it: the question stays as it is, so what the candidate answers is what
    they saw, and `waited` says for how many seconds."""

    prompt: reactive[Prompt | None] = reactive(None, always_update=True, layout=True, init=False)
    phrasing: reactive[Prompt | None] = reactive(None, always_update=True, layout=True, init=False)
    waited: reactive[int] = reactive(0, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.border_title = "Interviewer"

    def watch_prompt(self) -> None:
        self._show()

    def watch_phrasing(self) -> None:
        self._show()

    def watch_waited(self) -> None:
        if self.phrasing is not None:
            self._show()

    def _show(self) -> None:
        p = self.prompt
        if p is None:
            self.update(Text("The interview is over: see the scorecard (ctrl+f)."))
            return
        text = literal(p.text, style="bold")
        if self.phrasing is not None and p is self.phrasing:  # the model is still phrasing it
            text.append(
                f"\n(the interviewer is rephrasing this for your story… {self.waited} s; "
                "esc keeps this question)",
                style="dim italic",
            )
        elif p.kind == "followup" and p.attempt > 1:
            text.append(f"\n(attempt {p.attempt}; ctrl+n skips)", style="dim")
        self.update(text)
