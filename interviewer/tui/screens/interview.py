"""The interview and drill screen: the interviewer's prompt, the conversation, the reply
editor, and the feedback (score, critique, coaching, exemplars) for the last reply."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from interviewer.interview import Interview, Next, Turn
from interviewer.names import labels
from interviewer.tui import messages as msg
from interviewer.tui.backend import EXEMPLARS_PENDING, SESSION_ERRORS, Backend
from interviewer.tui.screens.coach_mixin import CoachMixin
from interviewer.tui.screens.sessions_mixin import SessionsMixin
from interviewer.tui.text import literal
from interviewer.tui.widgets.coaching import CoachingPanel
from interviewer.tui.widgets.editor import ReplyEditor
from interviewer.tui.widgets.feedback import CritiquePanel, ExemplarPanel, ScoreLine, feedback_view
from interviewer.tui.widgets.story import DrillStory
from interviewer.tui.widgets.transcript import Transcript


class InterviewScreen(CoachMixin, SessionsMixin, Screen):
    """One live interview or drill. All slow work runs in workers (see tui.backend)."""

    CSS_PATH = Path(__file__).with_name("interview.tcss")
    BINDINGS = [
        # priority: no focused widget may swallow it. A priority binding runs as soon as the
        # app reads the key, before the editor has taken the keys typed just before it, so
        # action_submit reads the editor only after those (ReplyEditor.after_input).
        Binding(
            "ctrl+s",
            "submit",
            "Submit",
            id="submit",
            tooltip="Send your reply; the critique and the next question follow.",
            priority=True,
        ),
        Binding("ctrl+n", "skip", "Skip", id="skip", tooltip="Skip this follow-up."),
        Binding(
            "f3",
            "toggle_exemplars",
            "Exemplars",
            id="toggle-exemplars",
            tooltip="Small terminal: the closest exemplars in place of the critique, and back.",
        ),
        Binding(
            "escape",
            "stop_waiting",
            "Stop waiting",
            id="stop-waiting",
            tooltip="Keep the question on screen and the offline coaching; drop the model's work.",
        ),
        Binding(
            "ctrl+t",
            "retry_model",
            "Try the model again",
            id="retry-model",
            tooltip="The model server did not answer, so the app went offline: ask it again.",
        ),
        Binding(
            "ctrl+o",
            "use_story",
            "Use my story",
            id="use-story",
            tooltip="Drill: the story in the editor becomes the one the follow-ups press on.",
            priority=True,
        ),
        Binding(
            "ctrl+f",
            "finish",
            "Finish",
            id="finish",
            tooltip="End now and see the scorecard.",
        ),
        Binding(
            "ctrl+r",
            "resume",
            "Resume",
            id="resume",
            tooltip="Continue your unfinished session where you left off.",
        ),
        # F2, not ctrl+w: ctrl+w deletes the word before the cursor in the editor, as it
        # does in most editors and shells.
        Binding(
            "f2",
            "rewrite",
            "Rewrite my story",
            id="rewrite",
            tooltip="Your last answer retold as a STAR story, with placeholders for the gaps.",
            priority=True,
        ),
    ]

    # Below these sizes the layout turns compact (see interview.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]

    def __init__(
        self,
        backend: Backend,
        interview: Interview,
        *,
        session_id: int | None = None,
        offer_resume: bool = True,
        originals: dict[int, tuple[str | None, int]] | None = None,
        pending_turn_id: int | None = None,
    ) -> None:
        super().__init__()
        self.backend = backend
        self.interview = interview
        self.session_id = session_id
        self.offer_resume = offer_resume
        self.originals = originals or {}
        self._pending_turn_id = pending_turn_id
        self._save_failed: str | None = None
        self._index_text = ""
        self._turn_text = ""
        self.last_view: dict | None = None
        self._exemplars_for: tuple[Turn, dict] | None = None
        self._resume_offer = None  # a sessions.SessionRecord the candidate may continue
        self._init_coach()

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="?")
        yield Static("", id="status", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Static("", id="resume-banner")
                if self.interview.mode == "drill":
                    yield DrillStory(id="story")
                yield Static("", id="prompt")
                yield Transcript(id="transcript")
                yield ReplyEditor(id="editor", blink=self.app.animations_on)
            with Vertical(id="feedback"):
                yield ScoreLine("", id="score")
                with VerticalScroll(id="critique-scroll"):
                    yield Static("", id="focus-hint")
                    yield CritiquePanel(
                        "Your feedback appears here after you submit.", id="critique"
                    )
                # Only with a model: the model's coaching, under the critique it cites.
                yield CoachingPanel(id="coaching")
                # Below the critique, not inside its scroll: the exemplars stay in view.
                yield ExemplarPanel(id="exemplars")
        yield Footer()

    def _set_title(self) -> None:
        iv = self.interview
        kind = "Pushback drill" if iv.mode == "drill" else "Mock interview"
        parts = [p for p in (iv.persona and iv.persona.name, iv.level and iv.level.name) if p]
        self.title = " · ".join([f"interviewer — {kind}", *parts])

    def on_mount(self) -> None:
        iv = self.interview
        self._set_title()
        self.query_one("#prompt", Static).border_title = "Interviewer"
        self.query_one("#feedback").border_title = "Feedback"
        self.query_one("#resume-banner").display = False
        if iv.mode == "drill":
            self.query_one(DrillStory).load(self.backend, iv.question)
        self._render_all()
        self.query_one(ReplyEditor).area.focus()
        if iv.awaiting_critique:  # resumed with a reply the critic never saw
            self._begin_turn(iv.turns[-1], save=False)
        self.call_after_refresh(self._warm)
        if self.offer_resume and not iv.turns:
            self._check_resume()

    def _render_all(self) -> None:
        self._render_prompt()
        self._render_transcript()
        self._render_focus_hint()
        last = next((t for t in reversed(self.interview.turns) if t.critique), None)
        if last is not None and self.last_view is None:
            self._show_feedback(last, {"dimensions": {}, **last.critique.as_dict()})

    def _render_prompt(self) -> None:
        p = self.interview.current_prompt()
        box = self.query_one("#prompt", Static)
        if p is None:
            box.update(Text("The interview is over: see the scorecard (ctrl+f)."))
            return
        phrasing = self._phrasing_shown(p)
        if phrasing is not None:  # the model is still phrasing this follow-up
            box.update(phrasing)
            return
        text = literal(p.text, style="bold")
        if p.kind == "followup" and p.attempt > 1:
            text.append(f"\n(attempt {p.attempt}; ctrl+n skips)", style="dim")
        box.update(text)

    def _render_transcript(self) -> None:
        tr = self.query_one(Transcript)
        tr.clear()
        for t in self.interview.turns:
            tr.add_prompt(t.prompt)
            tr.add_reply(t.reply)
            if t.critique:
                tr.add_verdict(t.critique.verdict, t.critique.score)

    def _render_focus_hint(self) -> None:
        iv, hint = self.interview, Text()
        if iv.persona:
            hint.append(f"{iv.persona.name}: ", style="bold")
            hint.append_text(literal(f"emphasises {_lower(iv.persona.emphasise)}; "))
            hint.append_text(literal(f"cares less about {_lower(iv.persona.de_emphasise)}."))
        if iv.level:
            hint.append(f"\n{iv.level.name} bar: ", style="bold")
            hint.append_text(literal(iv.level.expectation))
        widget = self.query_one("#focus-hint", Static)
        widget.update(hint)
        widget.set_class(not hint.plain, "-empty")

    def _status(self, index: str | None = None, turn: str | None = None) -> None:
        self._index_text = self._index_text if index is None else index
        self._turn_text = self._turn_text if turn is None else turn
        parts = [p for p in (self._index_text, self._turn_text) if p]
        self.query_one("#status", Static).update(literal("   ·   ".join(parts)))

    # -- warm-up and resume -----------------------------------------------------------------

    def _warm(self) -> None:
        self._status(index="Preparing the exemplar index…")
        self._warm_worker(self.interview.question.id)

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def _warm_worker(self, question_id: str) -> None:
        self.backend.on_progress = lambda m: self.post_message(msg.IndexStatus(m))
        try:
            error = self.backend.warm(question_id)
        except Exception as exc:  # a broken index must not stop the interview
            error = f"{type(exc).__name__}: {exc}"
        if error:
            self.post_message(msg.IndexStatus("Exemplars unavailable", True, error))
        else:
            self.post_message(msg.IndexStatus("Exemplar index ready", True))

    def on_index_status(self, event: msg.IndexStatus) -> None:
        text = event.text if not event.error else f"{event.text}: {event.error}"
        self._status(index=text)
        if event.ready and self._exemplars_for is not None:
            self._fetch_exemplars(self._exemplars_for[0])

    @work(thread=True, exclusive=True, group="exemplars", exit_on_error=False)
    def _fetch_exemplars(self, turn: Turn) -> None:
        ex = self.backend.exemplars(turn.reply, self.interview.question.id, turn.followup)
        self.post_message(msg.ExemplarsReady(turn, ex))

    def on_exemplars_ready(self, event: msg.ExemplarsReady) -> None:
        if self._exemplars_for is None or self._exemplars_for[0] is not event.turn:
            return
        _, view = self._exemplars_for
        self._exemplars_for = None
        view["exemplars"] = event.exemplars.as_dict()
        notes = [n for n in view.get("notes", []) if n != EXEMPLARS_PENDING]
        notes += [event.exemplars.note] if event.exemplars.note else []
        view["notes"] = notes
        if self.last_view is view:
            self._show_feedback(event.turn, view, scroll=False)

    # -- submitting -------------------------------------------------------------------------

    def action_submit(self) -> None:
        """Submit exactly what was typed before ctrl+s (or the click on Submit): the editor
        is read once it has handled every key queued for it, and keys typed after that stay
        in the editor as the start of the next reply."""
        self.query_one(ReplyEditor).after_input(self._submit_now)

    def _submit_now(self) -> None:
        iv, editor = self.interview, self.query_one(ReplyEditor)
        if iv.finished:
            self.notify("The interview is over.", severity="warning")
            return
        if iv.awaiting_critique:
            self.notify("Still critiquing your last reply…")
            return
        if not editor.text.strip():
            self.notify("Write your reply first.", severity="warning")
            return
        if self._save_failed:
            self.backend.disable_sessions()  # the user chose to go on without saving
        if self._resume_offer is not None:  # a new session it is: withdraw the offer
            self._resume_offer = None
            self.query_one("#resume-banner").display = False
            self.refresh_bindings()
        turn = iv.submit(editor.text)
        self._begin_turn(turn, save=True)

    def _begin_turn(self, turn: Turn, save: bool) -> None:
        editor = self.query_one(ReplyEditor)
        tr = self.query_one(Transcript)
        if save:
            if not self._stop_phrasing(asked=turn.prompt):  # else already in the transcript
                tr.add_prompt(turn.prompt)
            tr.add_reply(turn.reply)
        editor.set_text("")
        editor.set_busy(True)
        self._status(turn="Critiquing your reply…")
        self.post_message(msg.TurnStarted(turn))
        self._turn_worker(turn, save)

    @work(thread=True, exclusive=True, group="turn", exit_on_error=False)
    def _turn_worker(self, turn: Turn, save: bool) -> None:
        """Save the reply first (nothing typed is lost), then critique, then save feedback."""
        turn_id = self._pending_turn_id if not save else None
        if save:
            try:
                turn_id = self._save_reply(turn)
            except SESSION_ERRORS as exc:
                self.post_message(msg.TurnFailed(turn, f"Your reply was not saved: {exc}"))
                return
        iv = self.interview
        focus = iv.persona.id if iv.persona else None
        level = iv.level.id if iv.level else None
        try:
            fb, ms = self.backend.review(turn.reply, iv.question.id, turn.followup, focus, level)
        except Exception as exc:  # the reply must come back to the editor, never be lost
            error = f"The critic failed on this reply ({type(exc).__name__}: {exc})"
            self.post_message(msg.TurnFailed(turn, error, saved=turn_id is not None))
            return
        self.post_message(msg.CritiqueReady(turn, fb, ms))
        self._save_feedback(turn_id, fb, ms)

    def on_turn_failed(self, event: msg.TurnFailed) -> None:
        reply = self.interview.abandon() if self.interview.awaiting_critique else event.turn.reply
        editor = self.query_one(ReplyEditor)
        draft = editor.text.strip()  # typed while the critic ran: keep it too
        editor.set_text(f"{reply}\n\n{draft}" if draft else reply)
        editor.set_busy(False)
        editor.area.focus()
        self._render_transcript()
        if not event.saved and event.error.startswith("Your reply was not saved"):
            self._save_failed = event.error
            hint = " Press ctrl+s to go on without saving."
        else:
            hint = " Your reply is back in the editor: press ctrl+s to try again."
        self._status(turn=f"⚠ {event.error}.{hint}")
        self.notify(event.error + "." + hint, severity="error", timeout=8, markup=False)

    def on_critique_ready(self, event: msg.CritiqueReady) -> None:
        if not self.interview.awaiting_critique:
            return
        with self.app.batch_update():  # one repaint for the whole turn: submit->critique fast
            self._critique_ready(event)

    def _critique_ready(self, event: msg.CritiqueReady) -> None:
        nxt = self.interview.record(event.feedback.critique)
        self.query_one(Transcript).add_verdict(
            event.turn.critique.verdict, event.turn.critique.score
        )
        view = feedback_view(event.feedback)
        self._show_feedback(event.turn, view)
        if EXEMPLARS_PENDING in view.get("notes", []):
            self._exemplars_for = (event.turn, view)
            if self.backend.ready.is_set():  # the index became ready meanwhile
                self._fetch_exemplars(event.turn)
        timing = f"Critiqued in {event.elapsed_ms:.0f} ms" if self.app.show_timings else "Critiqued"
        self._status(turn=timing)
        self._start_coach(event.turn, event.feedback, nxt)  # before the prompt is drawn
        self._after(nxt)

    def _show_feedback(self, turn: Turn, view: dict, scroll: bool = True) -> None:
        self.last_view = view
        iv = self.interview
        names = labels(self.backend.knowledge, iv.question.id)
        followup, original = self.originals.get(turn.idx, (None, None))
        same = original is not None and followup == turn.followup
        self.query_one(ScoreLine).show(view, original if same else None)
        self.query_one(CritiquePanel).show(view, names, iv.priorities(), iv.emphasised())
        self.query_one(ExemplarPanel).show(view)
        if scroll:
            self.query_one("#critique-scroll", VerticalScroll).scroll_home(animate=False)

    def _after(self, nxt: Next) -> None:
        editor = self.query_one(ReplyEditor)
        editor.set_busy(False)
        editor.area.read_only = nxt.finished
        if nxt.finished:
            editor.set_finished()
        self.refresh_bindings()
        self._render_prompt()
        if nxt.finished:
            self._close_session(self.session_id, nxt.scorecard.overall)
            self._show_scorecard()
            return
        if nxt.retry:
            self._status(turn="Not strong yet: try again, or ctrl+n to skip")
        editor.area.focus()

    # -- skip and finish --------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("submit", "skip") and self.interview.finished:
            return False  # nothing left to answer: the keys leave the footer
        if action == "use_story":
            return self.interview.mode == "drill"
        if action == "toggle_exemplars":
            return self.has_class("-narrow")
        if action == "retry_model":
            return self.backend.model_paused
        if action == "stop_waiting":
            return self._phrasing is not None or self._coach_turn is not None
        return super().check_action(action, parameters)

    def action_use_story(self) -> None:
        editor = self.query_one(ReplyEditor)
        editor.after_input(lambda: self._use_story(editor))  # a paste may still be arriving

    def action_toggle_exemplars(self) -> None:
        self.toggle_class("-show-exemplars")

    def _use_story(self, editor: ReplyEditor) -> None:
        story = editor.text.strip()
        if not story:
            self.notify("Paste or type your story in the editor first.", severity="warning")
            return
        self.query_one(DrillStory).set(story, "yours")
        editor.set_text("")

    def action_skip(self) -> None:
        p = self.interview.current_prompt()
        if p is None or p.kind != "followup" or self.interview.awaiting_critique:
            self.notify("Only a follow-up can be skipped.", severity="warning")
            return
        self._stop_phrasing()
        self._after(self.interview.skip())

    def action_finish(self) -> None:
        if self.interview.awaiting_critique:
            self.notify("Still critiquing your last reply…")
            return
        if not self.interview.finished:
            self._stop_phrasing()
            card = self.interview.finish()
            self._close_session(self.session_id, card.overall)
            self._render_prompt()
            editor = self.query_one(ReplyEditor)
            editor.area.read_only = True
            editor.set_finished()
            self.refresh_bindings()
        self._show_scorecard()

    def _show_scorecard(self) -> None:
        from interviewer.tui.screens.scorecard import ScorecardScreen

        iv = self.interview
        self.app.push_screen(ScorecardScreen(iv.scorecard, iv.mode, iv))

    @on(Button.Pressed, "#submit")
    def _submit_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#skip")
    def _skip_pressed(self) -> None:
        self.action_skip()

    @on(Button.Pressed, "#finish")
    def _finish_pressed(self) -> None:
        self.action_finish()

    # -- palette helpers --------------------------------------------------------------------

    def last_reply(self) -> str | None:
        """The latest submitted reply, or the draft in the editor."""
        if self.interview.turns:
            return self.interview.turns[-1].reply
        return self.query_one(ReplyEditor).text or None


def _lower(phrase: str) -> str:
    """'Technical depth.' -> 'technical depth', to run on inside a sentence."""
    phrase = phrase.strip().rstrip(".")
    return phrase[:1].lower() + phrase[1:]
