"""What we keep about a person: only what is needed, in their own words where possible.

The About Me headings follow the PRSB "About Me" standard's themes (in our words). A
representative's authority is recorded because it decides what they may sign or decide.
"""

from __future__ import annotations

from enum import StrEnum

from framework.law import Authority, UnsupportedJurisdiction, law_book

ABOUT_ME_HEADINGS: tuple[str, ...] = (
    "What matters to me",
    "How I communicate and how to communicate with me",
    "People who are important to me",
    "How and when to support me",
    "Please do and please don't",
    "My hopes and worries",
)


class RepresentativeAuthority(StrEnum):
    """The basis on which someone speaks or acts for the person: the codes the law book uses.

    Which of them a person may have depends on the nation they live in
    (`risk_app.domain.record.representatives`); their labels, plain words and powers come from
    the law book (``framework/data/law.yaml``), the one place those words live.
    """

    NONE = "none"
    """No representative."""
    LPA_HEALTH_WELFARE = "lpa_health_welfare"
    """England and Wales: attorney under a lasting power of attorney for health and welfare."""
    LPA_PROPERTY_FINANCE = "lpa_property_finance"
    """England and Wales: attorney under a lasting power of attorney for property and finance."""
    DEPUTY = "deputy"
    """England and Wales: deputy appointed by the Court of Protection (as far as the order goes)."""
    NOMINATED_PERSON = "nominated_person"
    """England: receives direct payments for a person who has capacity (Care Act 2014 s31)."""
    AUTHORISED_PERSON = "authorised_person"
    """England: receives direct payments for a person who lacks capacity (Care Act 2014 s32)."""
    SUITABLE_PERSON = "suitable_person"
    """Wales: receives direct payments for someone who lacks capacity (SSWB(W)A 2014 s50). Kept on
    older English records, where the Care Act terms are nominated and authorised person."""
    WELFARE_ATTORNEY = "welfare_attorney"
    """Scotland: welfare attorney (AWI(S)A 2000 s16)."""
    CONTINUING_ATTORNEY = "continuing_attorney"
    """Scotland: continuing attorney for property and financial affairs (AWI(S)A 2000 s15)."""
    GUARDIAN = "guardian"
    """Scotland: guardian under a guardianship order (AWI(S)A 2000 s64), as far as it goes."""
    INTERVENTION_ORDER = "intervention_order"
    """Scotland: person authorised under an intervention order (AWI(S)A 2000 s53)."""
    APPOINTEE = "appointee"
    """Appointee for benefits only (Social Security (Claims and Payments) Regulations 1987 reg 33)."""
    ADVOCATE = "advocate"
    """Independent advocate or IMCA: supports, does not decide."""
    FAMILY_OR_FRIEND = "family_or_friend"
    """Family member or friend the person asked to help, without legal authority."""
    OTHER = "other"

    @property
    def label(self) -> str:
        """The law book's label, from the first nation that has the authority; `authority_label`
        gives the label in one nation."""
        return authority_label(self.value, None)


_OUR_LABELS = {
    RepresentativeAuthority.NONE.value: "No representative",
    RepresentativeAuthority.OTHER.value: "Other",
}
"""The two choices that are not authorities in law, in our words."""

OLDER_ENGLISH_TERM = "Suitable person (in England now a nominated or authorised person)"
"""How an English record made before issue 13 that says "suitable person" is labelled: the term
is Welsh (SSWB(W)A 2014 s50); the Care Act 2014 ss31-32 say nominated or authorised person."""


def law_authority(code: str, jurisdiction: str | None) -> Authority | None:
    """The law book's entry for `code` in `jurisdiction`; with no (or an unsupported) nation,
    the first nation in the book that has it. None when no nation has it."""
    book = law_book()
    if jurisdiction is not None:
        try:
            return book.law_for(jurisdiction).authority(code)
        except UnsupportedJurisdiction:
            pass
    for nation in book.jurisdictions():
        found = book.law_for(nation).authority(code)
        if found is not None:
            return found
    return None


def authority_label(code: str, jurisdiction: str | None) -> str:
    """The words for a stored authority code, for a person in `jurisdiction` (None: any nation).

    A code the nation does not have is still labelled (an older record keeps displaying): an
    English "suitable person" by `OLDER_ENGLISH_TERM`, anything else by its label elsewhere.
    """
    if code in _OUR_LABELS:
        return _OUR_LABELS[code]
    if jurisdiction == "england" and code == RepresentativeAuthority.SUITABLE_PERSON.value:
        return OLDER_ENGLISH_TERM
    found = law_authority(code, jurisdiction)
    if found is None and jurisdiction is not None:
        found = law_authority(code, None)
    return found.label if found is not None else code


class TouchpointState(StrEnum):
    """Where a person's journey stands on one safeguarding touchpoint."""

    OUTSTANDING = "outstanding"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"
