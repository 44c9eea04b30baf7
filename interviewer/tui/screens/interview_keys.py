"""The interview screen's keys, in the footer's order, each with what it does."""

from __future__ import annotations

from textual.binding import Binding

INTERVIEW_KEYS = [
    # The order is the footer's: at 80 columns the keys at the end are left out of it
    # (F1 and the command palette still have them), so the keys shown only when they
    # apply come before Finish and Rewrite, which are always there.
    # priority: no focused widget may swallow it. A priority binding runs as soon as the
    # app reads the key, before the editor has taken the keys typed just before it, so
    # action_submit reads the editor only after those (ReplyEditor.after_input).
    Binding("ctrl+s", "submit", "Submit", id="submit", priority=True,
        tooltip="Send your reply; the critique and the next question follow."),
    Binding("ctrl+n", "skip", "Skip", id="skip", tooltip="Skip this follow-up."),
    Binding("f3", "toggle_exemplars", "Exemplars", id="toggle-exemplars",
        tooltip="Small terminal: the closest exemplars in place of the critique, and back."),
    Binding("f4", "next_exemplar", "Next exemplar", id="next-exemplar", show=False,
        tooltip="The next closest weak answer beside its strong twin (the panel says so)."),
    Binding("escape", "stop_waiting", "Stop waiting", id="stop-waiting",
        tooltip="Keep the question on screen and the offline coaching; drop the model's work."),
    Binding("ctrl+t", "retry_model", "Retry model", id="retry-model",
        tooltip="The model server did not answer, so the app went offline: ask it again."),
    Binding("ctrl+o", "use_story", "Use my story", id="use-story", priority=True,
        tooltip="Drill: the story in the editor becomes the one the follow-ups press on."),
    Binding("ctrl+r", "resume", "Resume", id="resume",
        tooltip="Continue your unfinished session where you left off."),
    Binding("ctrl+f", "finish", "Finish", id="finish",
        tooltip="End now and see the scorecard."),
    # F2, not ctrl+w: ctrl+w deletes the word before the cursor in the editor, as it
    # does in most editors and shells.
    Binding("f2", "rewrite", "Rewrite", id="rewrite", priority=True,
        tooltip="Your last answer retold as a STAR story, with placeholders for the gaps."),
]  # fmt: skip
