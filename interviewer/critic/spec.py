"""What the critic knows about one question, read from its pack: cues, which features each
verdict reads, follow-up criteria and advice (`critic/<question id>.yaml` beside the pack), and
the trained weights (`critic/<question id>.model.json`). The five dimensions every question
shares are modelled once (`interviewer/critic/data/shared_model.json`).

A question whose pack declares a dimension or follow-up with no trained model is refused when
the packs are loaded, in one line that names what is missing, never judged silently without it.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from interviewer.critic import lexicon as lx
from interviewer.critic.cues import SHARED_CUES
from interviewer.errors import UserError
from interviewer.knowledge import one_line
from interviewer.pack_base import load_yaml

#: The dimensions every question is judged on (RUBRIC.md, "Every question").
SHARED_DIMENSIONS = (
    "situation_concise",
    "ownership_language",
    "metric_delta",
    "business_impact",
    "specific_reflection",
)
#: Which cues and who-did-what counts each shared dimension's model reads.
SHARED_FEATURES: dict[str, dict[str, list[str]]] = {
    "situation_concise": {
        "cues": ["problem", "arch", "preamble", "buzz"],
        "structure": [
            "pre_words",
            "pre_frac",
            "pre_sents",
            "problem_found",
            "para1",
            "density",
            "preamble_early",
            "long",
            "story",
        ],
    },
    "ownership_language": {
        "cues": [],
        "structure": [
            "i_work",
            "i_work_obj",
            "i_comm",
            "i_deleg",
            "i_neg",
            "we_work",
            "other_work",
            "thing_work",
            "i_share",
            "story",
        ],
    },  # fmt: skip
    "metric_delta": {
        "cues": [
            "from_to",
            "arrow",
            "by_delta",
            "factor",
            "compare",
            "period_pair",
            "number",
            "qualitative",
        ],
        "structure": [],
    },
    "business_impact": {
        "cues": ["money", "customer", "time_saved", "risk", "happy", "buzz"],
        "structure": ["story"],
    },
    "specific_reflection": {
        "cues": ["reflection", "generic", "systemic"],
        "structure": ["refl_overlap"],
    },
}
SHARED_MODEL = "shared_model.json"
#: What trains a question's critic: `interviewer pack train` on its pack file (the loader names
#: the file in place of PACK_FILE; the shipped packs are trained by scripts/train_critic.py).
PACK_FILE = "<its pack file>"
TRAIN_HINT = f"`interviewer pack train {PACK_FILE}`"


@dataclass(frozen=True)
class Criterion:
    """A follow-up criterion: the part of the follow-up's model its cues account for."""

    id: str
    name: str
    cues: list[str]
    structure: list[str]
    negative: bool
    met: str
    unmet: str
    quote: str | None = None


@dataclass(frozen=True)
class QuestionSpec:
    """Everything question-specific the critic reads, from the pack and its model file."""

    question: str
    cues: dict[str, lx.Pattern]
    reads: dict[str, dict[str, list[str]]]  # verdict key -> {"cues": [...], "structure": [...]}
    advice: dict[str, dict[str, str]]
    criteria: dict[str, list[Criterion]]
    models: dict[str, dict] = field(default_factory=dict)  # verdict key -> trained spec


def followup_key(followup: str) -> str:
    """The key of a follow-up's verdict among a question's models."""
    return f"followup:{followup}"


_dirs: dict[str, Path] = {}
_lock = threading.Lock()


def default_dir() -> Path:
    return Path(str(resources.files("interviewer.packs"))) / "critic"


def register(question_id: str, pack_dir: Path) -> None:
    """Say where a question's critic files are (the `critic/` folder beside its pack)."""
    with _lock:
        _dirs[question_id] = Path(pack_dir) / "critic"
    load_spec.cache_clear()
    _declared.cache_clear()


def _dir_for(question_id: str) -> Path:
    with _lock:
        return _dirs.get(question_id) or default_dir()


def _read_yaml(path: Path) -> dict:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except OSError:
        raise UserError(f"no critic spec for this question at {path}: run {TRAIN_HINT}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise UserError(f"{path}: invalid YAML{where}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: the critic spec is not valid UTF-8") from None
    except (ValueError, RecursionError):
        # A value its tag cannot build (a date like 2020-13-45, an int over Python's 4300-digit
        # limit) or nesting deeper than the parser's recursion.
        raise UserError(
            f"{path}: invalid YAML: a value cannot be read or is nested too deeply"
        ) from None
    if not isinstance(data, dict):
        raise UserError(f"{path}: a critic spec must be a YAML mapping")
    return data


def _read_json(path: Path, what: str) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise UserError(f"no trained {what} at {path}: run {TRAIN_HINT}") from None
    except ValueError:
        raise UserError(f"{path}: the trained {what} is not valid JSON; retrain it") from None


@cache
def shared_models() -> dict:
    """The trained models of the five shared dimensions."""
    path = Path(str(resources.files("interviewer.critic"))) / "data" / SHARED_MODEL
    return _read_json(path, "model of the shared dimensions")


def _compile(path: Path, name: str, source) -> lx.Pattern:
    if not isinstance(source, str):
        raise UserError(f"{path}: cue {name!r} must be a regular expression string")
    try:
        re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise UserError(f"{path}: cue {name!r} is not a valid regular expression: {exc}") from None
    return lx.compile(source, lx.I)


def _criteria(path: Path, where: str, raw: list) -> list[Criterion]:
    if not isinstance(raw, list):
        raise UserError(f"{path}: {one_line(where)} must be a list")
    out = []
    for n, c in enumerate(raw):
        at = f"{where}.{n}"
        if not isinstance(c, dict):
            raise UserError(f"{path}: {one_line(at)} must be a mapping")
        out.append(
            Criterion(
                id=_text(path, f"{at}.id", c["id"]),
                name=_text(path, f"{at}.name", c["name"]),
                cues=_names(path, f"{at}.cues", c.get("cues")),
                structure=_names(path, f"{at}.structure", c.get("structure")),
                negative=c.get("sign") == "negative",
                met=_text(path, f"{at}.met", c["met"]),
                unmet=_text(path, f"{at}.unmet", c["unmet"]),
                quote=_template(path, f"{at}.quote", c.get("quote")),
            )
        )
    return out


# The critic spec is a file beside the user's own pack: what the critic reads from it is checked
# here, so a malformed one is one line naming the field when the packs load, not a TypeError or
# a KeyError in the middle of a critique.


def _names(path: Path, where: str, value) -> list[str]:
    """A list of cue or feature names (missing: none)."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError(f"{path}: {one_line(where)} must be a list of names")
    return list(value)


def _text(path: Path, where: str, value) -> str:
    if not isinstance(value, str):
        raise UserError(f"{path}: {one_line(where)} must be text")
    return value


def _template(path: Path, where: str, value) -> str | None:
    """Advice that quotes the reply: text whose only field is {quote}."""
    if value is None:
        return None
    _text(path, where, value)
    try:
        value.format(quote="")
    except (KeyError, IndexError, ValueError, AttributeError):
        raise UserError(
            f"{path}: {one_line(where)} may only fill in {{quote}} (write {{{{ for a brace)"
        ) from None
    return value


def _advice(path: Path, where: str, value) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise UserError(f"{path}: {one_line(where)} must be a mapping")
    return {
        k: _template(path, f"{where}.{k}", v) if k == "quote" else _text(path, f"{where}.{k}", v)
        for k, v in value.items()
    }


def _mapping(path: Path, where: str, value) -> dict:
    """A mapping with names for keys (missing: empty)."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise UserError(f"{path}: {where} must be a mapping of names")
    return value


@cache
def load_spec(question_id: str, with_models: bool = True) -> QuestionSpec:
    """The critic spec (and, unless `with_models` is false, the trained models) of a question."""
    base = _dir_for(question_id)
    path = base / f"{question_id}.yaml"
    data = _read_yaml(path)
    cues = {n: _compile(path, n, s) for n, s in _mapping(path, "cues", data.get("cues")).items()}
    reads = {d: dict(v) for d, v in SHARED_FEATURES.items()}
    advice: dict[str, dict[str, str]] = {}
    try:
        for dim, d in _mapping(path, "dimensions", data.get("dimensions")).items():
            at = f"dimensions.{dim}"
            reads[dim] = {
                "cues": _names(path, f"{at}.cues", d.get("cues")),
                "structure": _names(path, f"{at}.structure", d.get("structure")),
            }
            advice[dim] = _advice(path, f"{at}.advice", d.get("advice"))
        criteria = {}
        for fu, f in _mapping(path, "followups", data.get("followups")).items():
            at = f"followups.{fu}"
            reads[followup_key(fu)] = {
                "cues": _names(path, f"{at}.cues", f.get("cues")),
                "structure": _names(path, f"{at}.structure", f.get("structure")),
            }
            criteria[fu] = _criteria(path, f"{at}.criteria", f.get("criteria") or [])
    except (KeyError, TypeError, AttributeError) as exc:
        raise UserError(f"{path}: malformed critic spec ({exc})") from None
    unknown = sorted({c for r in reads.values() for c in r["cues"]} - set(cues) - set(SHARED_CUES))
    if unknown:
        raise UserError(f"{path}: unknown cues {one_line(', '.join(unknown))}")
    spec = QuestionSpec(question_id, cues, reads, advice, criteria)
    if not with_models:
        return spec
    model = _read_json(base / f"{question_id}.model.json", "critic model")
    shared = shared_models()
    models = {**shared.get("models", {}), **model.get("models", {})}
    return QuestionSpec(question_id, cues, reads, advice, criteria, models)


@cache
def _declared(question_id: str) -> tuple[frozenset, frozenset]:
    """(verdict keys with a trained model, follow-ups with criteria) of a question, read
    without compiling its cues: start-up checks every loaded question, a critique compiles
    only the question it judges."""
    base = _dir_for(question_id)
    path = base / f"{question_id}.yaml"
    data = _read_yaml(path)
    followups = _mapping(path, "followups", data.get("followups"))
    criteria = frozenset(
        k for k, f in followups.items() if isinstance(f, dict) and f.get("criteria")
    )
    model = _read_json(base / f"{question_id}.model.json", "critic model")
    models = {**shared_models().get("models", {}), **(model.get("models") or {})}
    return frozenset(models), criteria


def check_question(question) -> None:
    """Refuse a question whose pack declares a dimension or follow-up the critic has no
    trained model for (one line naming them and the command that fixes it)."""
    models, criteria = _declared(question.id)
    want = [d.id for d in question.dimensions] + [
        followup_key(f.id) for f in getattr(question, "followups", [])
    ]
    missing = [k for k in want if k not in models]
    missing += [
        followup_key(f.id) + " criteria"
        for f in getattr(question, "followups", [])
        if f.id not in criteria
    ]
    if missing:
        names = ", ".join(m.removeprefix("followup:") for m in missing)
        raise UserError(
            f"question {question.id!r}: no trained critic model for {names}: run {TRAIN_HINT}"
        )


def check_knowledge(knowledge) -> None:
    """Find each loaded question's critic files beside its pack and refuse any question whose
    dimensions or follow-ups have no trained model, naming the command that trains them."""
    for pack, source in zip(knowledge.packs, knowledge.sources, strict=True):
        for question in pack.questions:
            register(question.id, Path(source).parent)
            try:
                check_question(question)
            except UserError as exc:
                raise UserError(str(exc).replace(PACK_FILE, one_line(str(source)))) from None


def cue_patterns(spec: QuestionSpec) -> dict[str, lx.Pattern]:
    """Every cue a question's verdicts read: the shared ones and its own."""
    return {**SHARED_CUES, **spec.cues}
