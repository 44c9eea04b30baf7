"""Who did what: clauses read from the dependency parse, in any tense or register.

Each verb of a reply becomes a `Clause` with its actor (the speaker, "we", someone else, a
thing, or nobody), whether it is negated or hedged, and what kind of act it is (work, a message
or request, getting someone else to act, a state). The actor comes from the grammar, not from
word order, so present tense ("I export the data"), broken grammar ("nobody ask me"), bullet
fragments ("Fixed it myself"), passives ("it was merged by their lead") and causatives ("I had
him rewrite it": the rewriting is his) are all read the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

# Verb classes are matched on a crude stem (see `stem`), the same for the word lists and the
# reply, so "escalated", "escalates" and "escalate" all match "escalate".
_IRREGULAR = {
    "wrote": "write", "written": "write", "built": "build", "made": "make", "had": "have",
    "has": "have", "got": "get", "gotten": "get", "took": "take", "taken": "take",
    "ran": "run", "sent": "send", "told": "tell", "found": "find", "brought": "bring",
    "did": "do", "done": "do", "does": "do", "went": "go", "gone": "go", "gave": "give",
    "given": "give", "kept": "keep", "led": "lead", "left": "leave", "met": "meet",
    "spent": "spend", "taught": "teach", "thought": "think", "understood": "understand",
    "was": "be", "were": "be", "is": "be", "are": "be", "am": "be", "been": "be",
    "being": "be", "'m": "be", "'re": "be", "saw": "see", "seen": "see", "felt": "feel",
    "knew": "know", "known": "know", "began": "begin", "begun": "begin", "caught": "catch",
    "chose": "choose", "chosen": "choose", "drove": "drive", "driven": "drive",
    "held": "hold", "paid": "pay", "said": "say", "sold": "sell", "rewrote": "rewrite",
    "rewritten": "rewrite", "became": "become", "came": "come", "sat": "sit", "stood": "stand",
    "fought": "fight", "bought": "buy", "dug": "dig", "forgot": "forget", "lent": "lend",
    "let": "let", "put": "put", "set": "set", "cut": "cut", "shut": "shut", "read": "read",
}  # fmt: skip


def stem(word: str) -> str:
    """A crude verb stem: irregular forms mapped, then -ing/-ed/-es/-s/-e and a doubled final
    consonant dropped. Only ever compared with other stems."""
    w = _IRREGULAR.get(word, word)
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2]:
        w = w[:-1]
    return w


def stems(words: str) -> frozenset[str]:
    """The stems of a space-separated word list."""
    return frozenset(stem(w) for w in words.split())


#: Telling, asking, reporting and routing: the speaker passing something on, not doing it.
COMMUNICATE = stems(
    "ask tell report email mail message ping flag escalate raise notify inform mention request "
    "suggest post send forward cc loop remind chase complain warn alert file call text contact "
    "reach page submit say write_to share present explain update brief let inform nudge "
    "propose recommend pitch"
)
#: Writing verbs, and what written to someone else is a message rather than work.
_WRITE = stems("write draft type compose prepare put")
_MESSAGES = stems(
    "report email mail message note ticket summary memo letter post update writeup write-up "
    "complaint request proposal"
)
#: Verbs that can make someone else the doer of the verb they govern.
CAUSATIVE = stems(
    "have get make let ask tell convince persuade push pressure urge want need assign "
    "allow encourage help"
)
#: Changing something (a system, a process, a rota, a drawing): whoever does these in a story
#: made the change, whoever else only found, reported or asked for it.
CHANGE = stems(
    "fix change replace update rewrite patch repair add introduce install configure amend adjust "
    "correct build deploy roll swap reset reorganise reorganize redesign rebuild rework set move "
    "create implement ship release launch merge edit alter modify recalibrate retrain remove "
    "migrate automate program code write"
)
#: States and attitudes: "I was", "I felt", "I knew" say nothing about who did the work.
STATIVE = stems(
    "be have seem feel know think believe want like love hate hope need wish mean guess "
    "suppose belong remember understand realise realize care worry happen become appear "
    "sound look stay remain keep tend"
)
#: Modal or attitude verbs that make what they govern hypothetical.
_HEDGE_HEADS = stems("hope plan intend wish expect would could might")
_HEDGE_AUX = frozenset(["might", "may", "could", "would", "should", "can"])
_HEDGE_ADV = frozenset(
    ["maybe", "perhaps", "probably", "possibly", "hopefully", "likely", "presumably"]
)
_NOBODY = frozenset(["nobody", "noone", "none", "no-one", "neither"])
_ME = frozenset(["i", "me", "myself"])
_WE = frozenset(["we", "us", "ourselves"])
_THEM = frozenset(
    [
        "he",
        "she",
        "they",
        "him",
        "her",
        "them",
        "someone",
        "somebody",
        "everyone",
        "everybody",
        "anyone",
        "people",
        "who",
        "whoever",
    ]
)
_THING = frozenset(
    ["it", "this", "that", "which", "what", "these", "those", "there", "something", "everything"]
)
#: Nouns that name people or groups: as a subject they are someone other than the speaker.
PEOPLE = stems(
    "team lead manager engineer colleague coworker co-worker nurse teacher doctor vendor "
    "developer owner group department staff people folk person admin administrator "
    "analyst director boss supervisor head chief principal intern contractor partner "
    "supplier client customer student parent driver operator technician officer clerk "
    "volunteer member on-call oncall platform ops sre qa designer pm architect specialist "
    "coordinator agent rep representative consultant company firm office unit crew squad "
    "committee board council ward shift charge colleague peer senior junior everyone"
)


@dataclass(frozen=True)
class Clause:
    """One verb and who did it."""

    sent: int  # index of the sentence (the critic's own split) it belongs to
    start: int  # character span of the verb in the reply
    end: int
    verb: str  # the verb as written, lower-cased
    actor: str  # "i", "we", "other", "thing", "nobody" or "unknown"
    kind: str  # "work", "communicate", "delegate" or "state"
    negated: bool
    hedged: bool
    has_object: bool  # a noun object or complement: "fixed the parser", not "helped"
    emphatic: bool = False  # "I fixed it myself"


def _is_verb(tok) -> bool:
    return tok.tag_.startswith("VB") and tok.dep_ not in ("aux", "auxpass")


def _subject(verb, depth: int = 0):
    """(subject token or None, passive?) for a verb, inheriting through coordination,
    control ("decided to fix") and object control ("asked him to fix": him)."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj", "expl"):
            return c, False
        if c.dep_ in ("nsubjpass", "csubjpass"):
            agent = next((a for a in c.head.children if a.dep_ == "agent"), None)
            by = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent else None
            return by, True
    if depth > 5:
        return None, False
    left = _left_subject(verb)
    if left is not None:
        return left, False
    if verb.head is verb:
        return None, False
    head = verb.head
    if verb.dep_ == "conj":
        return _subject(head, depth + 1)
    if verb.dep_ in ("xcomp", "ccomp") and stem(head.lower_) in CAUSATIVE:
        obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            return obj, False
    if verb.dep_ in ("xcomp", "advcl", "pcomp", "acl", "prep", "dep") and _is_verb(head):
        return _subject(head, depth + 1)
    return None, False


def _left_subject(verb):
    """In non-native grammar the parser can miss a subject ("nobody ask me", "he don't
    answer"): a pronoun or "nobody" right before the verb, not governed as an object, is it."""
    doc = verb.doc
    for k in (verb.i - 1, verb.i - 2):
        if k < 0:
            return None
        t = doc[k]
        if t.dep_ in ("aux", "neg", "advmod") and k == verb.i - 1:
            continue
        if t.lower_ in _NOBODY | _ME | _WE | _THEM and t.dep_ not in ("dobj", "pobj", "dative"):
            return t
        return None
    return None


def _actor_of(subj) -> str:
    if subj is None:
        return "unknown"
    word = subj.lower_
    if word in _ME:
        return "i"
    if word in _WE:
        return "we"
    if word in _NOBODY or any(c.lower_ == "no" for c in subj.children if c.dep_ == "det"):
        return "nobody"
    if word in _THEM:
        if word == "who" and subj.head.dep_ == "relcl":
            return _actor_of(subj.head.head)
        return "other"
    if word in _THING:
        return "thing"
    owners = {c.lower_ for c in subj.children if c.dep_ == "poss"}
    if subj.tag_ in ("NNP", "NNPS") or stem(word) in PEOPLE:
        return "we" if owners & {"our"} else "other"
    return "thing"


def _negated(verb) -> bool:
    tok = verb
    for _ in range(3):
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        if tok.dep_ != "xcomp":
            return False
        tok = tok.head
    return False


def _hedged(verb) -> bool:
    for c in verb.children:
        w = c.lower_
        if (c.dep_ in ("aux", "auxpass") and w in _HEDGE_AUX) or (
            c.dep_ == "advmod" and w in _HEDGE_ADV
        ):
            return True
        if c.dep_ == "mark" and w in ("if", "unless"):
            return True
    return verb.dep_ == "xcomp" and stem(verb.head.lower_) in _HEDGE_HEADS


def _kind(verb, actor: str) -> str:
    s = stem(verb.lower_)
    if s in CAUSATIVE:
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp") and _is_verb(c):
                sub, _ = _subject(c)
                if sub is not None and _actor_of(sub) in ("other", "we"):
                    return "delegate"
    if s in COMMUNICATE:
        return "communicate"
    # "I wrote a bug report", "I drafted an email to their lead": writing a message is telling.
    if s in _WRITE and any(
        c.dep_ in ("dobj", "obj") and stem(c.lower_) in _MESSAGES for c in verb.children
    ):
        return "communicate"
    if s in STATIVE:
        return "state"
    return "work"


def _fragment_start(verb, sent_start: int) -> bool:
    """A bullet or note that starts with its verb ("Fixed it myself", "- wrote the patch"):
    the speaker is the actor."""
    # Not only the parse's ROOT: a note line that ends without a full stop is often parsed
    # as part of the line before it, its verb then a conjunct; where it starts is what counts.
    if verb.dep_ in ("aux", "auxpass") or verb.tag_ not in ("VBD", "VBN", "VB", "VBP", "VBG"):
        return False
    before = [t for t in verb.doc[max(0, verb.i - 3) : verb.i] if t.idx >= sent_start]
    return all(t.is_punct or t.is_space or not t.text.isalpha() for t in before)


def clauses(doc, sentences: list[tuple[int, int]]) -> list[Clause]:
    """Every verb of `doc` as a Clause, assigned to the critic's sentence it falls in."""
    from bisect import bisect_right

    starts = [s for s, _ in sentences]
    out = []
    for tok in doc:
        if not _is_verb(tok):
            continue
        idx = bisect_right(starts, tok.idx) - 1
        if idx < 0 or tok.idx >= sentences[idx][1]:
            continue
        subj, passive = _subject(tok)
        actor = _actor_of(subj)
        if subj is None and not passive and _fragment_start(tok, sentences[idx][0]):
            actor = "i"
        emphatic = any(c.lower_ == "myself" for c in tok.children)
        if emphatic and actor in ("unknown", "i", "thing"):
            actor = "i"
        negated = _negated(tok) or actor == "nobody"
        has_object = any(
            c.dep_ in ("dobj", "attr", "oprd", "dative", "ccomp", "xcomp")
            or (c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children))
            for c in tok.children
        )
        out.append(
            Clause(
                sent=idx,
                start=tok.idx,
                end=tok.idx + len(tok.text),
                verb=tok.lower_,
                actor=actor,
                kind=_kind(tok, actor),
                negated=negated,
                hedged=_hedged(tok),
                has_object=has_object,
                emphatic=emphatic,
            )
        )
    return out
