"""The interview and drill screen: the interviewer's prompt, the conversation, the reply
editor, and the feedback (score, critique, coaching, exemplars) for the last reply. The screen
holds the interview (the state machine) and runs each turn; its widgets hold what they show
and report back with messages (the coaching panel also phrases the next follow-up)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header

from interviewer.interview import Interview, Next, Turn
from interviewer.interview.recorded import resumed
from interviewer.sessions.loops import LoopRecord
from interviewer.tui import messages as msg
from interviewer.tui.backend import Backend
from interviewer.tui.recorder import SessionRecorder
from interviewer.tui.screens.interview_keys import INTERVIEW_KEYS
from interviewer.tui.turns import run_turn
from interviewer.tui.widgets.coaching import CoachingPanel
from interviewer.tui.widgets.conversation import Conversation
from interviewer.tui.widgets.editor import ReplyEditor
from interviewer.tui.widgets.exemplars import ExemplarPanel
from interviewer.tui.widgets.feedback import feedback_view
from interviewer.tui.widgets.feedback_pane import FeedbackPane
from interviewer.tui.widgets.feedback_tabs import FeedbackTabs
from interviewer.tui.widgets.footer import KeyFooter
from interviewer.tui.widgets.resume import ResumeBanner
from interviewer.tui.widgets.status import StatusLine
from interviewer.tui.widgets.story import DrillStory

NOTHING_TO_REWRITE = "Answer the question first: the rewrite retells your submitted answer."


class InterviewScreen(Screen):
    """One live interview or drill. All slow work runs in workers (see tui.backend)."""

    CSS_PATH = Path(__file__).with_name("interview.tcss")
    BINDINGS = INTERVIEW_KEYS

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
        loop=None,
    ) -> None:
        super().__init__()
        self.backend = backend
        self.interview = interview
        self.loop = loop  # interviewer.interview.loop.Loop: this is one question of a full loop
        self.recorder = SessionRecorder(backend, session_id, pending_turn_id, loop)
        self.offer_resume = offer_resume
        self.originals = originals or {}
        self._save_failed: str | None = None
        self._feedbacks: dict[int, tuple[Turn, Any]] = {}  # turn idx -> (turn, live Feedback)

    # -- what the widgets hold, read by the app, tests, scripts and benchmarks --------------

    @property
    def session_id(self) -> int | None:
        return self.recorder.session_id

    @property
    def _phrasing(self):  # the follow-up the model is rephrasing
        return self.query_one(CoachingPanel).phrasing

    @property
    def _index_text(self) -> str:
        return self.query_one(StatusLine).index

    @property
    def _exemplars_for(self):  # the (turn, view) whose exemplars are still to come
        return self.query_one(FeedbackPane).pending

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="?")
        yield StatusLine(id="status")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield ResumeBanner(id="resume-banner")
                if self.interview.mode == "drill":
                    yield DrillStory(id="story")
                yield Conversation(id="conversation")
                yield ReplyEditor(id="editor", blink=self.app.animations_on)
            yield FeedbackPane(self.backend, self.interview.question.id, id="feedback")
        yield KeyFooter()

    def _set_title(self) -> None:
        iv = self.interview
        kind = "Pushback drill" if iv.mode == "drill" else "Mock interview"
        parts = [p for p in (iv.persona and iv.persona.name, iv.level and iv.level.name) if p]
        self.title = " · ".join([f"interviewer — {kind}", *parts])

    def on_mount(self) -> None:
        iv = self.interview
        self._set_title()
        if iv.mode == "drill":
            self.query_one(DrillStory).load(self.backend, iv.question)
        self._render_all()
        self.query_one(ReplyEditor).area.focus()
        if iv.awaiting_critique:  # resumed with a reply the critic never saw
            self._begin_turn(iv.turns[-1], save=False)
        status = self.query_one(StatusLine)
        self.call_after_refresh(status.warm, self.backend, iv.question.id)
        if self.offer_resume and not iv.turns:  # a new loop offers an unfinished loop
            self.query_one(ResumeBanner).look(self.backend, iv.mode, iv.question.id, self.loop)
        if self.loop is not None:
            status.follow(self.loop)
            if iv.finished:  # resumed after its last critique, before it was closed
                self.call_after_refresh(self._after, Next(None, iv.scorecard))

    def _render_all(self) -> None:
        iv, pane = self.interview, self.query_one(FeedbackPane)
        conversation = self.query_one(Conversation)
        conversation.ask(iv.current_prompt())
        conversation.replay(iv.turns)
        pane.focus_on(iv.persona, iv.level)
        pane.recall(iv, self.originals)

    def on_index_status(self, event: msg.IndexStatus) -> None:  # from the status line's warm-up
        if event.ready:
            self.query_one(FeedbackPane).index_ready()

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
        self.query_one(ResumeBanner).take()  # a new session it is: no more offer
        turn = iv.submit(editor.text)
        self._begin_turn(turn, save=True)

    def _begin_turn(self, turn: Turn, save: bool) -> None:
        editor = self.query_one(ReplyEditor)
        if save:
            self.query_one(CoachingPanel).drop_phrasing()
            self.query_one(Conversation).answered(turn.prompt, turn.reply)
        editor.set_text("")
        editor.set_busy(True)
        self.query_one(StatusLine).turn = "Critiquing your reply…"
        self.post_message(msg.TurnStarted(turn))
        self._turn_worker(turn, save)

    @work(thread=True, exclusive=True, group="turn", exit_on_error=False)
    def _turn_worker(self, turn: Turn, save: bool) -> None:
        run_turn(self.backend, self.recorder, self.interview, turn, save, self.post_message)

    def on_turn_failed(self, event: msg.TurnFailed) -> None:
        iv = self.interview
        self.query_one(ReplyEditor).give_back(
            iv.abandon() if iv.awaiting_critique else event.turn.reply
        )
        self.query_one(Conversation).replay(iv.turns)
        if not event.saved and event.error.startswith("Your reply was not saved"):
            self._save_failed = event.error
            hint = " Press ctrl+s to go on without saving."
        else:
            hint = " Your reply is back in the editor: press ctrl+s to try again."
        self.query_one(StatusLine).turn = f"⚠ {event.error}.{hint}"
        self.notify(event.error + "." + hint, severity="error", timeout=8, markup=False)

    def on_critique_ready(self, event: msg.CritiqueReady) -> None:
        if not self.interview.awaiting_critique:
            return
        with self.app.batch_update():  # one repaint for the whole turn: submit->critique fast
            self._critique_ready(event)

    def _critique_ready(self, event: msg.CritiqueReady) -> None:
        iv, turn = self.interview, event.turn
        nxt = iv.record(event.feedback.critique)
        self.query_one(Conversation).verdict(turn)
        view, pane = feedback_view(event.feedback), self.query_one(FeedbackPane)
        pane.show_turn(turn, view, iv, self.originals)
        pane.expect_exemplars(turn, view)
        timing = f"Critiqued in {event.elapsed_ms:.0f} ms" if self.app.show_timings else "Critiqued"
        self.query_one(StatusLine).turn = timing
        # The model's work starts before the prompt is drawn, which shows it being phrased.
        self._feedbacks[turn.idx] = (turn, event.feedback)
        coach = self.query_one(CoachingPanel)
        phrasing = coach.start(turn, event.feedback, nxt, iv.question.id, iv.persona)
        if phrasing is not None:
            self.query_one(Conversation).rephrasing(phrasing)
        self._after(nxt)

    def _after(self, nxt: Next) -> None:
        editor = self.query_one(ReplyEditor)
        editor.set_busy(False)
        editor.area.read_only = nxt.finished
        if nxt.finished:
            editor.set_finished()
        self.refresh_bindings()
        self.query_one(Conversation).ask(self.interview.current_prompt())
        if nxt.finished:
            self._close_session(self.recorder.session_id, nxt.scorecard.overall)
            loop = self.loop  # a full loop goes on to its next question
            if loop is not None and loop.finish(self.interview.question.id, nxt.scorecard.overall):
                self.app.next_in_loop(self.interview, loop)
                return
            self._show_scorecard()
            return
        if nxt.retry:
            self.query_one(StatusLine).turn = "Not strong yet: try again, or ctrl+n to skip"
        editor.area.focus()

    # -- the model's follow-up and coaching (CoachingPanel) ---------------------------------

    def on_coaching_panel_followup_streamed(self, event: CoachingPanel.FollowupStreamed) -> None:
        self.query_one(Conversation).streamed(event.piece, event.seconds)

    def on_coaching_panel_waiting(self, event: CoachingPanel.Waiting) -> None:
        self.query_one(Conversation).waited(event.seconds)

    def on_coaching_panel_followup_phrased(self, event: CoachingPanel.FollowupPhrased) -> None:
        iv, prompt, conversation = self.interview, event.prompt, self.query_one(Conversation)
        if iv.awaiting_critique or iv.current_prompt() is not prompt:
            conversation.keep(None)
            return  # answered, skipped or finished before the phrasing arrived
        if event.text is not None:
            # Ask it as the next prompt, so the sessions store what was really asked.
            iv.restate(Turn(len(iv.turns), "followup", prompt.followup, event.text, ""))
        note = self.query_one(CoachingPanel).once(event.note)
        conversation.rephrased(event.text or prompt.text, note)
        conversation.ask(iv.current_prompt())

    def on_coach_done(self) -> None:
        """The header says when the model is paused, and ctrl+t appears to try it again."""
        self._show_model_state()

    def _show_model_state(self) -> None:
        self.app.sub_title = f"model: {self.backend.model_label}"
        self.refresh_bindings()

    def action_retry_model(self) -> None:
        self.backend.resume_model()
        self._show_model_state()
        self.notify("The model will be asked again from the next reply.")

    def action_stop_waiting(self) -> None:
        """Esc: keep the question on screen and the offline coaching; whatever the model still
        sends for this turn is dropped."""
        coach = self.query_one(CoachingPanel)
        if coach.phrasing is None and coach.turn is None:
            return
        self.query_one(Conversation).keep(coach.stop_waiting())

    def _stop_phrasing(self) -> None:
        """Skipped or finished: a phrasing still on its way is dropped when it arrives."""
        self.query_one(CoachingPanel).drop_phrasing()
        self.query_one(Conversation).stop_phrasing()

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        iv = self.interview
        if action in ("submit", "skip") and iv.finished:
            return False  # nothing left to answer: the keys leave the footer
        if action == "use_story":
            return iv.mode == "drill"
        if action == "toggle_exemplars":
            return self.has_class("-narrow")
        if action == "next_exemplar":
            return self.query_one(ExemplarPanel).count > 1
        if action == "retry_model":
            return self.backend.model_paused
        if action == "stop_waiting":
            coach = self.query_one(CoachingPanel)
            return coach.phrasing is not None or coach.turn is not None
        if action == "resume":
            return self.query_one(ResumeBanner).offer is not None and not iv.turns
        return True

    def action_use_story(self) -> None:
        editor = self.query_one(ReplyEditor)
        editor.after_input(lambda: self._use_story(editor))  # a paste may still be arriving

    def _use_story(self, editor: ReplyEditor) -> None:
        story = editor.text.strip()
        if not story:
            self.notify("Paste or type your story in the editor first.", severity="warning")
            return
        self.query_one(DrillStory).set(story, "yours")
        editor.set_text("")

    def action_toggle_exemplars(self) -> None:
        self.query_one(FeedbackTabs).show_exemplars(not self.has_class("-show-exemplars"))

    def action_next_exemplar(self) -> None:
        self.query_one(ExemplarPanel).next_story()
        if self.has_class("-narrow"):  # the story turned to is in view
            self.query_one(FeedbackTabs).show_exemplars(True)

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
        if self.interview.finished:
            self._show_scorecard()
            return
        self._stop_phrasing()
        self._after(Next(None, self.interview.finish()))  # closes it and shows the scorecard

    def _show_scorecard(self) -> None:
        from interviewer.tui.screens.scorecard import ScorecardScreen

        iv = self.interview
        self.app.push_screen(ScorecardScreen(iv.scorecard, iv.mode, iv, loop=self.loop))

    # -- sessions ---------------------------------------------------------------------------

    def on_resume_offer(self, event: msg.ResumeOffer) -> None:
        """Offer, without blocking: the question stays on screen and typing goes on."""
        if self.interview.turns or self.interview.awaiting_critique:
            return  # the candidate has already started a new one
        self.query_one(ResumeBanner).offer = event.record

    def action_resume(self) -> None:
        """Continue the unfinished session offered on the banner."""
        rec, iv = self.query_one(ResumeBanner).take(), self.interview
        if rec is None or iv.turns or iv.awaiting_critique:
            return
        if isinstance(rec, LoopRecord):  # a full loop: the question it stopped in, then the rest
            self.app.resume_loop(rec)
            return
        self.interview = resumed(iv, rec)
        self.recorder.session_id = rec.id
        self.query_one(FeedbackPane).view = None
        self._render_all()
        self._set_title()
        if self.interview.awaiting_critique:
            self.recorder.pending_turn_id = rec.last_turn.id
            self._begin_turn(self.interview.turns[-1], save=False)
        elif self.interview.finished:
            self._show_scorecard()

    @work(thread=True, group="finish", exit_on_error=False)
    def _close_session(self, session_id: int | None, score: int | None) -> None:
        if problem := self.recorder.finish(session_id, score):
            self.post_message(msg.SessionProblem(problem))

    def on_session_problem(self, event: msg.SessionProblem) -> None:
        self.notify(event.error, severity="warning", timeout=8, markup=False)

    # -- the rewrite and the palette --------------------------------------------------------

    def action_rewrite(self) -> None:
        """The last full answer as a STAR story (the model's, or the offline template)."""
        from interviewer.tui.screens.rewrite import RewriteScreen, rewrite_source

        found = rewrite_source(self.interview, self._feedbacks)
        if found is None:
            self.notify(NOTHING_TO_REWRITE, severity="warning")
            return
        turn, feedback = found
        self.app.push_screen(
            RewriteScreen(self.backend, turn, feedback, self.interview.question.id)
        )

    def last_reply(self) -> str | None:
        """The latest submitted reply, or the draft in the editor."""
        if self.interview.turns:
            return self.interview.turns[-1].reply
        return self.query_one(ReplyEditor).text or None
