"""Checks recorded about the people and providers around a person.

A person employing personal assistants with a direct payment is helped with safer recruitment:
references, employer's liability insurance, and the disclosure check of their nation. In England
and Wales that is a DBS check, available only where the assistant's work is regulated activity
(Safeguarding Vulnerable Groups Act 2006 Sch 4; TP13); in Scotland it is PVG scheme membership
(Disclosure (Scotland) Act 2020; TP-PVG). A care agency used should be registered with the
regulator of the nation where the care is given (TP14): the Care Quality Commission in England,
the Care Inspectorate in Scotland, Care Inspectorate Wales in Wales. So the kinds offered follow
the person's jurisdiction (:func:`kinds_for`). Which touchpoint a check evidences is read from the
framework graph through its record kind. Each check done is one record: what kind, about whom,
when, the outcome and a note, and a result that is not satisfactory needs the note saying what
was found and what was done.
"""

from __future__ import annotations

from enum import StrEnum

from risk_app.domain.errors import InvalidInput

_EVERYWHERE = frozenset({"england", "scotland", "wales"})


class CheckKind(StrEnum):
    """The checks the framework's touchpoints call for. Stored values never change."""

    DBS_ENHANCED_BARRED = "dbs_enhanced_barred"
    """An enhanced DBS check with the relevant barred list, where the role is eligible (TP13)."""
    PVG_MEMBERSHIP = "pvg_membership"
    """A personal assistant's PVG scheme membership, checked with Disclosure Scotland (TP-PVG)."""
    REFERENCES = "references"
    """References for a personal assistant (TP13, TP-PVG)."""
    EMPLOYERS_LIABILITY = "employers_liability"
    """Employer's liability insurance for the person as an employer (TP13, TP-PVG)."""
    CQC_REGISTRATION = "cqc_registration"
    """A care provider's registration with the Care Quality Commission, England (TP14)."""
    CARE_INSPECTORATE_REGISTRATION = "care_inspectorate_registration"
    """A care service's registration with the Care Inspectorate, Scotland (TP14)."""
    CIW_REGISTRATION = "ciw_registration"
    """A service provider's registration with Care Inspectorate Wales (TP14)."""

    @property
    def label(self) -> str:
        return {
            CheckKind.DBS_ENHANCED_BARRED: "Enhanced DBS check with the barred list",
            CheckKind.PVG_MEMBERSHIP: "PVG scheme membership (Disclosure Scotland)",
            CheckKind.REFERENCES: "References",
            CheckKind.EMPLOYERS_LIABILITY: "Employer's liability insurance",
            CheckKind.CQC_REGISTRATION: "Care provider's CQC registration",
            CheckKind.CARE_INSPECTORATE_REGISTRATION: "Care service's Care Inspectorate registration",
            CheckKind.CIW_REGISTRATION: "Service provider's Care Inspectorate Wales registration",
        }[self]

    @property
    def provider_check(self) -> bool:
        """Whether this checks a provider (rather than recruiting a personal assistant)."""
        return self in _PROVIDER_CHECKS

    @property
    def jurisdictions(self) -> frozenset[str]:
        """Where the check exists: the DBS in England and Wales, PVG in Scotland, and each
        regulator in its own nation."""
        return _WHERE.get(self, _EVERYWHERE)


_PROVIDER_CHECKS = frozenset(
    {
        CheckKind.CQC_REGISTRATION,
        CheckKind.CARE_INSPECTORATE_REGISTRATION,
        CheckKind.CIW_REGISTRATION,
    }
)
_WHERE = {
    CheckKind.DBS_ENHANCED_BARRED: frozenset({"england", "wales"}),
    CheckKind.PVG_MEMBERSHIP: frozenset({"scotland"}),
    CheckKind.CQC_REGISTRATION: frozenset({"england"}),
    CheckKind.CARE_INSPECTORATE_REGISTRATION: frozenset({"scotland"}),
    CheckKind.CIW_REGISTRATION: frozenset({"wales"}),
}

REGULATORS = {
    "england": "the Care Quality Commission (Health and Social Care Act 2008)",
    "scotland": "the Care Inspectorate (Public Services Reform (Scotland) Act 2010, Part 5)",
    "wales": "Care Inspectorate Wales (Regulation and Inspection of Social Care (Wales) Act 2016)",
}
"""The care regulator of each nation, with the Act it registers providers under."""

DISCLOSURE_SCHEMES = {
    "england": "an enhanced DBS check, where the role is regulated activity (Disclosure and "
    "Barring Service)",
    "scotland": "PVG scheme membership (Disclosure Scotland)",
    "wales": "an enhanced DBS check, where the role is regulated activity (Disclosure and "
    "Barring Service)",
}
"""Each nation's disclosure check for a personal assistant, in plain words."""


def kinds_for(jurisdiction: str) -> tuple[CheckKind, ...]:
    """The checks that exist for a person in ``jurisdiction``, in the enum's order."""
    return tuple(k for k in CheckKind if jurisdiction in k.jurisdictions)


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


def offered_in(kind: CheckKind, jurisdiction: str) -> None:
    """Refuse a check of another nation for a person in ``jurisdiction`` (a DBS check for a
    person in Scotland, a CQC registration for a person in Wales), naming those that apply."""
    if jurisdiction not in kind.jurisdictions:
        offered = ", ".join(k.label.lower() for k in kinds_for(jurisdiction))
        raise InvalidInput(
            f"{kind.label} is not a check for a person in {jurisdiction.title()}: "
            f"choose one of {offered}."
        )
