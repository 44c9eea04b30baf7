"""What every pack model shares: strict, frozen models and printable ids."""

from __future__ import annotations

from typing import Annotated

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
