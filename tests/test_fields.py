"""Which field a reply comes from: the model that puts the candidate's own field's exemplars
first, fitted on the packs' exemplars and the workplace sketches."""

from __future__ import annotations

import json
import re

import pytest

from interviewer.config import load_settings
from interviewer.fields import FIELDS, digest, field_model, sketches, training_texts
from interviewer.knowledge import load_knowledge
from interviewer.store import ExemplarStore

# Jobs no exemplar in the packs comes from: a brewery and a magistrates' court.
BREWERY = (
    "I ran the night shift on the canning line at a brewery. The seamer kept throwing cans "
    "with loose lids and the line lead had already logged it for the fitters, who were a "
    "fortnight out. I stripped the seaming chuck with the shift fitter's okay, found a worn "
    "roller and swapped it from spares. Rejects went from about 3% to under half a percent, "
    "and the next morning's kegging run started on time."
)
COURT = (
    "I was a legal adviser's assistant at a magistrates' court. Defendants kept turning up on "
    "the wrong day because listing letters went out with the old hearing dates after an "
    "adjournment. That was the listing office's job, not mine, but I built a check against "
    "the court register every afternoon, and wrong-day attendances dropped from eight a week "
    "to one."
)


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def test_the_shipped_model_was_fitted_on_the_packs_and_sketches_as_they_are(knowledge):
    from importlib import resources

    raw = json.loads(
        resources.files("interviewer").joinpath("data", "field_model.json").read_text()
    )
    assert raw["trained_on"] == digest(training_texts(knowledge)), (
        "the exemplars or sketches changed: run python scripts/train_fields.py"
    )
    assert sorted(raw["classes"]) == sorted(FIELDS)


def test_the_sketches_cover_every_field_without_naming_it():
    found = sketches()
    assert sorted(found) == sorted(FIELDS)
    for name, texts in found.items():
        assert len(texts) >= 20
        word = re.compile(rf"\b{name.replace('-', '[- ]')}", re.IGNORECASE)
        assert not [t for t in texts if word.search(t)], name


@pytest.mark.parametrize(("text", "field"), [(BREWERY, "manufacturing"), (COURT, "public-sector")])
def test_a_job_no_exemplar_comes_from_gets_its_fields_exemplars(text, field, warm_home, knowledge):
    store = ExemplarStore(knowledge, load_settings())
    for question in ("leadership-without-title", "tight-deadline"):
        found = store.query(text, question=question, kind="answer", k=1)
        assert found.strong[0].field == field and found.weak[0].field == field


def test_without_a_model_the_nearest_exemplars_vote(warm_home, knowledge, monkeypatch):
    monkeypatch.setattr("interviewer.store.field_model", lambda: None)
    store = ExemplarStore(knowledge, load_settings())
    nurse = (
        "I'm a nurse on a medical ward. Insulin doses on nights were being missed because the "
        "round sheet listed patients who had moved beds; I rebuilt it from the bed board."
    )
    found = store.query(nurse, question="leadership-without-title", kind="answer", k=1)
    assert found.strong[0].field == "healthcare"
    assert field_model() is not None  # the shipped one loads
