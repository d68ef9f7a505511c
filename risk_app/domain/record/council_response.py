"""The council's response to a decision, kept apart from the decision itself.

A person with capacity makes their own decision, and it is recorded as theirs (Mental Capacity
Act 2005 s1(2), s1(4): https://www.legislation.gov.uk/ukpga/2005/9/section/1). What the council
does about it is a different thing: whether it agrees to fund or support it, on what conditions,
or whether it refers it to a panel or to safeguarding. Writing "agreed with conditions" or
"referred to safeguarding" as if it were the person's choice hides whose decision is whose, so
the two are separate fields and both start unanswered. Wording is our own.
"""

from __future__ import annotations

from enum import StrEnum

from risk_app.domain.errors import InvalidInput


class CouncilResponse(StrEnum):
    """What the council will do about a recorded decision."""

    AGREED = "agreed"
    """The council agrees to support or fund it as it stands."""
    AGREED_WITH_CONDITIONS = "agreed_with_conditions"
    """The council agrees, on conditions written down with it."""
    NOT_FUNDED = "not_funded"
    """The council will not fund or support it; the person's decision still stands as theirs."""
    REFERRED_TO_PANEL = "referred_to_panel"
    """The council takes it to a risk enablement panel before answering."""
    REFERRED_TO_SAFEGUARDING = "referred_to_safeguarding"
    """A safeguarding concern is raised; the council's answer waits on it."""

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def parse(cls, value: object) -> CouncilResponse:
        """The response named by `value`, or InvalidInput listing the choices."""
        try:
            return cls(str(value)) if value else cls("")
        except ValueError:
            raise InvalidInput(
                "Choose the council's response: agreed, agreed with conditions, not funded, "
                "referred to a panel, or referred to safeguarding."
            ) from None


_LABELS: dict[CouncilResponse, str] = {
    CouncilResponse.AGREED: "Agreed",
    CouncilResponse.AGREED_WITH_CONDITIONS: "Agreed with conditions",
    CouncilResponse.NOT_FUNDED: "Not funded",
    CouncilResponse.REFERRED_TO_PANEL: "Referred to a risk enablement panel",
    CouncilResponse.REFERRED_TO_SAFEGUARDING: "Referred to safeguarding",
}
