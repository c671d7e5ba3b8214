"""The short answer span the reader takes from one sentence for a question, read as the answer
path reads it (expected type, focus, the question's terms and its verb)."""

from __future__ import annotations

from briefs.answer import question as qn
from briefs.answer.reader import find_span
from briefs.answer.terms import term_set


def span_for(sentence: str, question: str) -> str | None:
    expect = qn.expected_answer(question)
    return find_span(sentence, expect.kind, expect.focus, term_set(question),
                     verb=qn.asked_verb(question))
