"""What every pack model shares: strict, frozen models and printable ids."""

from __future__ import annotations

from typing import Annotated

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict

from interviewer.errors import one_line


def _printable_id(value: str) -> str:
    # Ids name files (critic/<question id>.yaml), appear in error messages and on the command
    # line: a line break, NUL or bidi override in one breaks all three.
    if not value.isprintable():
        raise ValueError(f"id '{one_line(value)}' has a line break or control character")
    return value


Id = Annotated[str, AfterValidator(_printable_id)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: libyaml's parser when PyYAML was built with it (its wheels are): six packs with their
#: exemplar banks take 1.4 s to parse in pure Python, a tenth of that in C.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """yaml.safe_load, in C when available (same safe constructors, same errors)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
