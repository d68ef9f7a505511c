"""Checks recorded about the people and providers around a person.

A person employing personal assistants with a direct payment is helped with safer recruitment: a
DBS check where one is lawful for the role, references, and employer's liability insurance (the
framework's touchpoint TP13). A care agency used should be registered with the regulator (TP14).
Which touchpoint a check evidences is read from the framework graph through its record kind. Each check done is one record: what kind, about whom, when, the outcome and a note, and a
result that is not satisfactory needs the note saying what was found and what was done.
"""

from __future__ import annotations

from enum import StrEnum

from risk_app.domain.errors import InvalidInput


class CheckKind(StrEnum):
    """The checks the framework's touchpoints call for."""

    DBS_ENHANCED_BARRED = "dbs_enhanced_barred"
    """An enhanced DBS check with the relevant barred list (TP13)."""
    REFERENCES = "references"
    """References for a personal assistant (TP13)."""
    EMPLOYERS_LIABILITY = "employers_liability"
    """Employer's liability insurance for the person as an employer (TP13)."""
    CQC_REGISTRATION = "cqc_registration"
    """A care provider's registration with the Care Quality Commission (TP14)."""

    @property
    def label(self) -> str:
        return {
            CheckKind.DBS_ENHANCED_BARRED: "Enhanced DBS check with the barred list",
            CheckKind.REFERENCES: "References",
            CheckKind.EMPLOYERS_LIABILITY: "Employer's liability insurance",
            CheckKind.CQC_REGISTRATION: "Care provider's CQC registration",
        }[self]

    @property
    def provider_check(self) -> bool:
        """Whether this checks a provider (rather than recruiting a personal assistant)."""
        return self is CheckKind.CQC_REGISTRATION


class CheckOutcome(StrEnum):
    """What the check found."""

    SATISFACTORY = "satisfactory"
    """Nothing of concern: the check is met."""
    CONCERNS = "concerns"
    """Something was found that needs a decision (say what in the note)."""
    NOT_SATISFACTORY = "not_satisfactory"
    """The check is not met (say what was done in the note)."""

    @property
    def label(self) -> str:
        return {
            CheckOutcome.SATISFACTORY: "Satisfactory",
            CheckOutcome.CONCERNS: "Concerns found",
            CheckOutcome.NOT_SATISFACTORY: "Not satisfactory",
        }[self]


def checked_outcome(kind: str, outcome: str, note: str) -> tuple[CheckKind, CheckOutcome]:
    """The kind and outcome named, or InvalidInput naming what is missing or unknown."""
    try:
        chosen_kind = CheckKind(kind)
    except ValueError:
        raise InvalidInput(
            "Choose the kind of check: " + ", ".join(k.label.lower() for k in CheckKind) + "."
        ) from None
    try:
        chosen = CheckOutcome(outcome)
    except ValueError:
        raise InvalidInput(
            "Choose the outcome of the check: "
            + ", ".join(o.label.lower() for o in CheckOutcome)
            + "."
        ) from None
    if chosen is not CheckOutcome.SATISFACTORY and not note.strip():
        raise InvalidInput(
            "The check was not satisfactory: write in the note what was found and what was done."
        )
    return chosen_kind, chosen
