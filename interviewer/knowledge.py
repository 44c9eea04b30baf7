"""Knowledge packs: load and validate the YAML packs the interviewer is built from."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from interviewer.errors import UserError, one_line
from interviewer.pack_base import Id, Strict, load_yaml
from interviewer.pack_examples import Example, check_examples
from interviewer.pack_policy import FirstFollowupModel, first_followup_model

#: A pack larger than this is refused before parsing: YAML parsing is slow and memory-hungry.
MAX_PACK_BYTES = 2_000_000
#: A pack with more values than this once its YAML aliases are expanded is refused before it is
#: validated: a few hundred bytes of nested aliases (`[*a, *a, ...]`) can stand for billions of
#: values, and validating them would hang. The shipped pack has about four hundred.
MAX_PACK_VALUES = 200_000
#: The question asked when none is named: the seed's, when its pack is loaded.
DEFAULT_QUESTION = "leadership-without-title"


class RubricDimension(Strict):
    id: Id
    name: str
    star: Literal["situation", "task", "action", "result", "reflection"]
    guidance: str
    mistake: str
    weight: float = Field(default=1.0, gt=0, le=5)  # its share of a full answer's score
    example: str | None = None  # the strong answer's line that meets it, shown beside a gap


class Exemplar(Strict):
    id: Id
    text: str = Field(min_length=1)
    why: str | None = None
    field: str | None = None  # the candidate's field it comes from (software, healthcare, ...)
    pair: str | None = None  # its twin: the same story told the other way


class Cue(Strict):
    """A first answer shows something in its own words: one of `any` matches and none of
    `none` does (case-insensitive regular expressions)."""

    any: list[str] = Field(min_length=1)
    none: list[str] = []
    # `any` counts only in a sentence where the candidate speaks of themselves ("I was bored
    # that month"), not of the story's things ("the promotions team", "a quiet week for them").
    said_of_self: bool = False

    @field_validator("any", "none")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(
                    f"pattern {p!r} is not a valid regular expression: {exc}"
                ) from None
        return patterns

    def matches(self, text: str) -> bool:
        where = [text]
        if self.said_of_self:
            where = [s for s in _SENTENCES.split(text) if _FIRST_PERSON.search(s)]
        if not any(re.search(p, s, re.IGNORECASE) for p in self.any for s in where):
            return False
        return not any(re.search(p, text, re.IGNORECASE) for p in self.none)


class AsksWhen(Cue):
    """When a first answer shows this follow-up's gap in its own words."""

    priority: int = 0  # when several follow-ups' gaps show, the highest is asked first
    outranks: list[str] = []  # asks_first gaps this is asked before (a hand-off never)


_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself|i'm|i'd|i've|i'll)\b", re.IGNORECASE)


class FollowUp(Strict):
    id: Id
    prompt: str
    probes: str
    presses: list[str] = []
    quote_from: list[str] | None = None  # whose evidence may introduce it (default: presses)
    assumes: list[str] = []  # what it takes for granted: not asked while these are unmet
    # Word stems a model's rewording of it must still use (case-insensitive, matched at the
    # start of a word): a rewording with none of them has drifted to another question.
    topic: list[str] = []
    asks_when: AsksWhen | None = None  # the answer's own words show this gap: ask it early
    # The first answer already tells what this follow-up asks for ("their lead was wary, so I
    # ..." for "how did you get them to accept it?"): the fitted first-follow-up model reads it,
    # and the policy does not bring the follow-up in later as a gap the story shows.
    answered_when: Cue | None = None
    # The prompt in the story's own words: `story_prompt` with {owner}, filled from the first
    # pattern of `owner` (a named group "owner") that matches the candidate's first answer.
    story_prompt: str | None = None
    owner: list[str] = []

    @field_validator("owner")
    @classmethod
    def _owner_groups(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            try:
                compiled = re.compile(p)
            except re.error as exc:
                raise ValueError(f"owner pattern {p!r} is not valid: {exc}") from None
            if "owner" not in compiled.groupindex:
                raise ValueError(f"owner pattern {p!r} has no (?P<owner>...) group")
        return patterns

    def in_story(self, story: str) -> str:
        """The prompt in the story's words when it names the owner, else the pack's prompt."""
        if not self.story_prompt:
            return self.prompt
        for p in self.owner:
            m = re.search(p, story, re.IGNORECASE)
            if m and m.group("owner"):
                return self.story_prompt.format(owner=" ".join(m.group("owner").split()))
        return self.prompt

    strong: list[Exemplar] = Field(min_length=1)
    weak: list[Exemplar] = Field(min_length=1)

    @field_validator("weak")
    @classmethod
    def _weak_needs_why(cls, weak: list[Exemplar]) -> list[Exemplar]:
        for ex in weak:
            if not ex.why:
                raise ValueError(f"weak exemplar {ex.id!r} needs a 'why'")
        return weak


class RedFlag(Strict):
    id: Id
    quote: str | None = None
    why: str


class Answers(Strict):
    strong: list[Exemplar] = []
    weak: list[Exemplar] = []


class Persona(Strict):
    id: Id
    name: str
    instruction: str
    emphasise: str
    de_emphasise: str
    presses: list[str] = []


class Level(Strict):
    id: Id
    name: str
    expectation: str
    presses: list[str] = []
    max_followups: int | None = Field(default=None, ge=1, le=10)


class Question(Strict):
    id: Id
    text: str
    summary: str = ""
    #: One line on what the question tests, for the start screen (else the summary's first
    #: sentence).
    tests: str = ""
    asks_first: list[str] = []  # gaps that fail the answer alone: pressed before all others
    dimensions: list[RubricDimension] = Field(min_length=1)
    followups: list[FollowUp] = []
    red_flags: list[RedFlag] = []
    answers: Answers = Answers()
    personas: list[Persona] = []
    levels: list[Level] = []
    _first_followup: FirstFollowupModel | None = PrivateAttr(default=None)

    @property
    def first_followup_model(self) -> FirstFollowupModel | None:
        """The fitted model of the follow-up asked first, when the pack ships one."""
        return self._first_followup

    @model_validator(mode="after")
    def _check_ids(self) -> Question:
        _unique("dimensions", [d.id for d in self.dimensions])
        _unique("followups", [f.id for f in self.followups])
        _unique("personas", [p.id for p in self.personas])
        _unique("levels", [lv.id for lv in self.levels])
        _unique("exemplars", [e.id for e in self.all_exemplars()])
        dims = {d.id for d in self.dimensions}
        for owner in [*self.followups, *self.personas, *self.levels]:
            unknown = [p for p in owner.presses if p not in dims]
            if unknown:
                raise ValueError(f"{owner.id!r} presses unknown dimensions {unknown}")
        for f in self.followups:
            unknown = [p for p in [*(f.quote_from or []), *f.assumes] if p not in dims]
            if unknown:
                raise ValueError(f"{f.id!r} names unknown dimensions {unknown}")
        unknown = [p for p in self.asks_first if p not in dims]
        if unknown:
            raise ValueError(f"asks_first names unknown dimensions {unknown}")
        return self

    def all_exemplars(self) -> list[Exemplar]:
        out = [*self.answers.strong, *self.answers.weak]
        for f in self.followups:
            out += [*f.strong, *f.weak]
        return out

    def followup(self, followup_id: str) -> FollowUp:
        """The follow-up with this id; UserError naming the known ids otherwise."""
        for f in self.followups:
            if f.id == followup_id:
                return f
        known = ", ".join(f.id for f in self.followups)
        raise UserError(f"unknown follow-up {followup_id!r} (known: {known})")

    def dimension(self, dimension_id: str) -> RubricDimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def persona(self, persona_id: str) -> Persona:
        return _by_id(self.personas, persona_id, "interviewer focus")

    def level(self, level_id: str) -> Level:
        return _by_id(self.levels, level_id, "level")


class Pack(Strict):
    pack: str
    questions: list[Question] = Field(min_length=1)
    examples: list[Example] = []  # labelled answers for `interviewer pack train`

    @model_validator(mode="after")
    def _check_examples(self) -> Pack:
        check_examples(self.examples, self.questions)
        return self


class Knowledge:
    """All loaded packs, with a content hash that keys the exemplar index."""

    def __init__(self, packs: list[Pack], digest: str, sources: list[Path]):
        self.packs = packs
        self.digest = digest
        self.sources = sources
        questions = [q for p in packs for q in p.questions]
        _unique("questions", [q.id for q in questions])
        # The seed's question leads (it is asked when no question is named), then the rest in
        # the packs' file order.
        self.questions = sorted(questions, key=lambda q: q.id != DEFAULT_QUESTION)

    def question(self, question_id: str | None = None) -> Question:
        """The question with this id, or the default (the seed's, else the first) when none."""
        if question_id is None:
            return self.questions[0]
        return _by_id(self.questions, question_id, "question")


def _by_id(items, item_id: str, what: str):
    for item in items:
        if item.id == item_id:
            return item
    known = ", ".join(i.id for i in items)
    raise UserError(f"unknown {what} {item_id!r} (known: {known})")


def _unique(what: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"duplicate id {i!r} in {what}")
        seen.add(i)


def default_pack_dir() -> Path:
    """The packs shipped with the package."""
    return Path(str(resources.files("interviewer.packs")))


def pack_files(directory: Path) -> list[Path]:
    # The directory comes from the config file or the environment: its name may hold a line
    # break, and a name too long (or with a NUL) fails in the glob itself.
    where = one_line(str(directory))
    try:
        files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise UserError(f"{where}: cannot read the packs directory: {reason}") from None
    if not files:
        raise UserError(f"{where}: no knowledge pack (*.yaml) found")
    return files


def load_pack_file(path: Path) -> tuple[Pack, bytes]:
    """Parse and validate one pack file; any problem is a UserError naming file and field."""
    where = one_line(str(path))
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise UserError(f"{where}: pack is {size:,} bytes, over the {MAX_PACK_BYTES:,} limit")
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{where}: cannot read pack: {exc.strerror or exc}") from None
    try:
        data = load_yaml(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"{where}: pack is not valid UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        problem = one_line(getattr(exc, "problem", None) or "invalid YAML")
        raise UserError(f"{where}: invalid YAML{line}: {problem}") from None
    except RecursionError:  # the parser recurses once per level of [[[...]]] or {{{...}}}
        raise UserError(f"{where}: invalid YAML: nested too deeply") from None
    except ValueError as exc:  # a value the YAML tag promises but cannot be built: a date
        # like 2020-13-45, an int over Python's 4300-digit limit
        msg = one_line(str(exc))
        raise UserError(f"{where}: invalid YAML: a value cannot be read: {msg}") from None
    if not isinstance(data, dict):
        raise UserError(f"{where}: a pack must be a YAML mapping, got {type(data).__name__}")
    check_values(data, where)
    try:
        return Pack.model_validate(data), raw
    except ValidationError as exc:
        raise UserError(f"{where}: {_describe(exc)}") from None


def check_values(data, where: str) -> None:
    """Refuse an alias bomb (more than MAX_PACK_VALUES values once aliases are expanded) and
    lone surrogates (a "\\ud800" escape in a quoted string), which no UTF-8 output can print.
    Iterative and bounded: cyclic or shared aliases cost at most MAX_PACK_VALUES steps."""
    stack, seen = [data], 1
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            children = [*node.keys(), *node.values()]
        elif isinstance(node, list):
            children = node
        else:
            if isinstance(node, str) and not node.isascii():
                try:
                    node.encode("utf-8")
                except UnicodeEncodeError:
                    raise UserError(
                        f"{where}: the text '{one_line(node[:40])}' holds a lone surrogate "
                        "escape (\\ud800-\\udfff): write the character itself"
                    ) from None
            continue
        seen += len(children)  # counted before they are stacked: memory stays bounded too
        if seen > MAX_PACK_VALUES:
            raise UserError(
                f"{where}: pack has more than {MAX_PACK_VALUES:,} values once its YAML aliases "
                "are expanded"
            )
        stack.extend(children)


def _describe(exc: ValidationError) -> str:
    err = exc.errors()[0]
    # An unknown key is named in the location, as written in the pack (line breaks too).
    loc = ".".join(str(p) for p in err["loc"]) or "pack"
    msg = err["msg"].removeprefix("Value error, ")
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return one_line(f"field '{loc}': {msg}{more}")


def load_knowledge(directory: Path | None = None) -> Knowledge:
    """Load every pack in `directory` (the shipped packs by default)."""
    directory = directory or default_pack_dir()
    files = pack_files(directory)
    digest = hashlib.sha256()
    packs = []
    for path in files:
        pack, raw = load_pack_file(path)
        packs.append(pack)
        digest.update(path.name.encode() + b"\0" + raw)
        for q in pack.questions:
            q._first_followup = first_followup_model(path.parent / "critic", q)
    try:
        return Knowledge(packs, digest.hexdigest(), files)
    except ValueError as exc:
        raise UserError(f"{one_line(str(directory))}: {exc}") from None
