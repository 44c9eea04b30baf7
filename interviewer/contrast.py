"""Exemplars read as a candidate's answers: which sentence of a strong exemplar shows each
dimension, and, for a weak exemplar beside its strong twin, the lines where the two differ in
what they show (the strong one's sentences that meet what the weak one misses).

Twins tell the same story in different words, so a word-level diff would mark every line; the
critic's own evidence marks the lines that make the difference."""

from __future__ import annotations

import threading

from interviewer.critic import Critique, critique
from interviewer.knowledge import Answers, Knowledge


class ExemplarReader:
    """Critiques exemplars once each (about 20 ms apiece) and keeps what it found."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._found: dict[tuple, Critique] = {}
        self._lock = threading.Lock()

    def critique(self, question_id: str, followup: str | None, ex_id: str, text: str) -> Critique:
        key = (question_id, followup, ex_id)
        with self._lock:
            found = self._found.get(key)
        if found is None:
            found = critique(text, self._bare(question_id), followup)
            with self._lock:
                self._found[key] = found
        return found

    def _bare(self, question_id: str):
        # Read as a candidate's answer: against the pack's own exemplars, whose text this is,
        # every sentence would be set aside as copied coaching.
        question = self.knowledge.question(question_id)
        return question.model_copy(
            update={
                "answers": Answers(),
                "followups": [f.model_copy(update={"strong": []}) for f in question.followups],
            }
        )

    def lines(self, question_id: str, ex_id: str, text: str) -> dict[str, str]:
        """The sentence of a full-answer exemplar that shows each dimension it meets."""
        found = self.critique(question_id, None, ex_id, text)
        return {k: d.evidence[0] for k, d in found.dimensions.items() if d.met and d.evidence}

    def contrast(self, question_id: str, followup: str | None, weak: dict, strong: dict) -> dict:
        """What `strong` (an exemplar's as_dict) shows that its twin `weak` does not:
        {"weak": id, "strong": id, "missing": [names], "lines": [[sentence, [names]], ...]},
        the lines in the order they come in the strong text."""
        w = self.critique(question_id, followup, weak["id"], weak["text"])
        s = self.critique(question_id, followup, strong["id"], strong["text"])
        missing: list[str] = []
        marks: dict[str, list[str]] = {}
        for dim_id, d in s.dimensions.items():
            other = w.dimensions.get(dim_id)
            if not d.met or (other is not None and other.met):
                continue
            missing.append(d.name)
            for sentence in d.evidence[:1]:
                if sentence in strong["text"]:
                    marks.setdefault(sentence, []).append(d.name)
        lines = sorted(marks.items(), key=lambda kv: strong["text"].find(kv[0]))
        return {
            "weak": weak["id"],
            "strong": strong["id"],
            "missing": missing,
            "lines": [[sentence, names] for sentence, names in lines],
        }
