"""What we keep about a person: only what is needed, in their own words where possible.

The About Me headings follow the PRSB "About Me" standard's themes (in our words). A
representative's authority is recorded because it decides what they may sign or decide.
"""

from __future__ import annotations

from enum import StrEnum

ABOUT_ME_HEADINGS: tuple[str, ...] = (
    "What matters to me",
    "How I communicate and how to communicate with me",
    "People who are important to me",
    "How and when to support me",
    "Please do and please don't",
    "My hopes and worries",
)


class RepresentativeAuthority(StrEnum):
    """The basis on which someone speaks or acts for the person."""

    NONE = "none"
    """No representative."""
    LPA_HEALTH_WELFARE = "lpa_health_welfare"
    """Attorney under a Lasting Power of Attorney for health and welfare."""
    LPA_PROPERTY_FINANCE = "lpa_property_finance"
    """Attorney under a Lasting Power of Attorney for property and financial affairs."""
    DEPUTY = "deputy"
    """Deputy appointed by the Court of Protection."""
    APPOINTEE = "appointee"
    """Appointee for benefits."""
    SUITABLE_PERSON = "suitable_person"
    """Receives direct payments for someone who lacks capacity to manage them."""
    ADVOCATE = "advocate"
    """Independent advocate (Care Act) or IMCA: supports, does not decide."""
    FAMILY_OR_FRIEND = "family_or_friend"
    """Family member or friend the person asked to help, without legal authority."""
    OTHER = "other"

    @property
    def label(self) -> str:
        return _AUTHORITY_LABELS[self]


_AUTHORITY_LABELS = {
    RepresentativeAuthority.NONE: "No representative",
    RepresentativeAuthority.LPA_HEALTH_WELFARE: "Attorney (health and welfare)",
    RepresentativeAuthority.LPA_PROPERTY_FINANCE: "Attorney (property and finance)",
    RepresentativeAuthority.DEPUTY: "Court-appointed deputy",
    RepresentativeAuthority.APPOINTEE: "Benefits appointee",
    RepresentativeAuthority.SUITABLE_PERSON: "Suitable person for direct payments",
    RepresentativeAuthority.ADVOCATE: "Advocate or IMCA",
    RepresentativeAuthority.FAMILY_OR_FRIEND: "Family member or friend (no legal authority)",
    RepresentativeAuthority.OTHER: "Other",
}


class TouchpointState(StrEnum):
    """Where a person's journey stands on one safeguarding touchpoint."""

    OUTSTANDING = "outstanding"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"
