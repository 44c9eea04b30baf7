"""`interviewer pack new ID`: a commented pack to fill in, valid as it stands.

Every field the app reads is there with a comment saying what it is for; the question's own
parts are marked TODO. Two labelled examples show the format `interviewer pack train` learns
from (it needs at least a dozen per dimension).
"""

from __future__ import annotations

SCAFFOLD = """\
# Knowledge pack for the question "{qid}". Fill in every TODO, then:
#   interviewer pack check {qid}.yaml     every problem, with its line
#   interviewer pack train {qid}.yaml     fit this question's critic from `examples` below
# Put the file in the folder INTERVIEWER_PACKS_DIR points at (with the shipped packs copied
# beside it if you want them too). The format's JSON Schema: `interviewer pack schema`.
pack: {qid}
questions:
  - id: {qid}
    text: "TODO: Tell me about a time you ..."
    # One line on the start screen: what this question tests.
    tests: "TODO: Whether you ..."
    # One paragraph: what a strong answer to this question shows.
    summary: >-
      TODO: what a strong answer shows.
    # Gaps that fail an answer on their own: the interviewer asks about them first.
    asks_first: [{own_id}]

    # The rubric. The first five are shared by every question (same ids, same meaning: see
    # the README); keep them, and rewrite guidance, example and mistake for this question.
    # weight: a dimension's share of the score. star: where in the story it belongs.
    dimensions:
      - id: situation_concise
        name: Concise situation
        star: situation
        weight: 0.8
        guidance: Reach the problem in a sentence or two.
        example: "TODO: a strong answer's opening line."
        mistake: A long stretch of background before the problem.
      - id: ownership_language
        name: Ownership language
        star: action
        weight: 1.5
        guidance: Tell your own actions in the first person singular.
        example: "TODO: a line with the candidate's own actions."
        mistake: "'We' for the key actions, or 'I' that only reports or asks others."
      - id: metric_delta
        name: Metric delta
        star: result
        weight: 1.0
        guidance: Give a number for the change, before and after.
        example: "TODO: a line with a measured change."
        mistake: A result that is only 'a lot better'.
      - id: business_impact
        name: Business impact
        star: result
        weight: 1.0
        guidance: Say what the result meant for customers, money, time or risk.
        example: "TODO: a line with the effect on people or money."
        mistake: A purely technical result.
      - id: specific_reflection
        name: Specific reflection
        star: reflection
        weight: 0.9
        guidance: A lesson specific to this story, and what you now do differently.
        example: "TODO: a specific lesson."
        mistake: "'Communication is important.'"
      # This question's own dimension(s): an id of your choosing, used in `examples` below.
      - id: {own_id}
        name: "TODO: a short name"
        star: action
        weight: 1.2
        guidance: "TODO: what a strong answer does here."
        example: "TODO: a line of a strong answer that does it."
        mistake: "TODO: the typical mistake."

    # Pushback: what an interviewer asks next. presses: the dimensions it probes.
    followups:
      - id: {fu_id}
        prompt: "TODO: the follow-up question?"
        probes: "TODO: what separates a strong reply from a weak one."
        presses: [{own_id}]
        strong:
          - id: {qid}-{fu_id}-strong-1
            text: "TODO: a strong reply."
        weak:
          - id: {qid}-{fu_id}-weak-1
            text: "TODO: a weak reply."
            why: "TODO: why it is weak."

    # Whole answers shown as contrast (a weak one says why it is weak).
    answers:
      strong:
        - id: {qid}-full-strong-1
          text: "TODO: a strong full answer."
      weak:
        - id: {qid}-full-weak-1
          text: "TODO: a weak full answer."
          why: "TODO: why it is weak."

    # The interviewer focuses and levels the app offers (these ids are its defaults).
    personas:
      - id: outcome
        name: Outcome-focused interviewer
        instruction: Ask what changed because of the candidate's work, with numbers.
        emphasise: the measurable result.
        de_emphasise: technical detail.
        presses: [metric_delta, business_impact]
      - id: customer
        name: Customer-focused interviewer
        instruction: Ask who was affected and how their experience changed.
        emphasise: the people affected.
        de_emphasise: internal process.
        presses: [business_impact]
      - id: technical
        name: Technical interviewer
        instruction: Ask which steps the candidate took themselves and how they checked them.
        emphasise: the candidate's own actions.
        de_emphasise: organisational effects.
        presses: [ownership_language]
    levels:
      - id: mid
        name: Mid-level
        expectation: Owned end to end, with a measured result.
        max_followups: 3
      - id: senior
        name: Senior
        expectation: The same, plus the wider organisation and a lesson about the system.
        max_followups: 4

# Labelled answers to train this question's critic on (`interviewer pack train`): at least
# {min_full} full answers with both true and false for each own dimension, and at least
# {min_fu} replies (strong and weak) for each follow-up. Labels follow the dimensions' meaning
# above; `evidence` (optional) is the sentence that shows a dimension that is met.
examples:
  - id: ex-1
    kind: full
    verdict: strong
    labels: {{situation_concise: true, ownership_language: true, metric_delta: true,
             business_impact: true, specific_reflection: true, {own_id}: true}}
    evidence:
      {own_id}: "TODO: the sentence that shows it"
    text: "TODO: a full answer... TODO: the sentence that shows it."
  - id: ex-2
    kind: followup
    followup: {fu_id}
    label: weak
    text: "TODO: a weak reply to the follow-up."
"""


def scaffold(question_id: str, min_full: int, min_followup: int) -> str:
    return SCAFFOLD.format(
        qid=question_id,
        own_id="own_dimension",
        fu_id="own_followup",
        min_full=min_full,
        min_fu=min_followup,
    )
