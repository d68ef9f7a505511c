"""Which representatives a person may have, by the nation they live in, and what is asked of each.

Authorities differ by nation: England and Wales have lasting powers of attorney and Court of
Protection deputies (Mental Capacity Act 2005); Scotland has continuing and welfare attorneys,
guardians and intervention orders (Adults with Incapacity (Scotland) Act 2000); a direct payment
is received for someone by a nominated or authorised person in England (Care Act 2014 ss31-32)
and a suitable person in Wales (SSWB(W)A 2014 s50). The law book lists each nation's
authorities; this module offers only those, refuses any other with a clear message, and says
which further question an authority needs before anyone relies on it. No answer is assumed: both
questions start unanswered.
"""

from __future__ import annotations

from framework.law import UnsupportedJurisdiction, WelfarePower, law_book
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.people import (
    RepresentativeAuthority,
    authority_label,
    law_authority,
)

POWERS_OF_ATTORNEY = frozenset(
    {
        RepresentativeAuthority.LPA_HEALTH_WELFARE,
        RepresentativeAuthority.LPA_PROPERTY_FINANCE,
        RepresentativeAuthority.WELFARE_ATTORNEY,
        RepresentativeAuthority.CONTINUING_ATTORNEY,
    }
)
"""Powers the person granted themselves, which can be used only once registered with the Office
of the Public Guardian (MCA 2005 s9(2)(b); AWI(S)A 2000 s19): so we ask whether it is."""

REGISTERED_QUESTION = "Is the power of attorney registered with the Office of the Public Guardian?"
ORDER_QUESTION = (
    "Does the court order cover welfare decisions, such as agreeing to this risk agreement?"
)


def _nation_name(jurisdiction: str) -> str:
    try:
        return law_book().law_for(jurisdiction).name
    except UnsupportedJurisdiction:
        return jurisdiction.replace("_", " ").title()


def authorities_for(jurisdiction: str) -> tuple[RepresentativeAuthority, ...]:
    """The choices for a person in `jurisdiction`: none, the nation's authorities in the law
    book's order, then other. A nation the book does not hold offers only none and other."""
    try:
        held = law_book().law_for(jurisdiction).authorities
    except UnsupportedJurisdiction:
        held = ()
    codes = [RepresentativeAuthority(a.code) for a in held]
    return (RepresentativeAuthority.NONE, *codes, RepresentativeAuthority.OTHER)


def check_authority(code: str, jurisdiction: str) -> RepresentativeAuthority:
    """`code` as an authority a person in `jurisdiction` may newly be given, or InvalidInput
    saying why not (an English "suitable person" names the Care Act terms instead)."""
    try:
        authority = RepresentativeAuthority(code)
    except ValueError:
        raise InvalidInput("Choose the representative's authority from the list.") from None
    if authority in authorities_for(jurisdiction):
        return authority
    nation = _nation_name(jurisdiction)
    if authority is RepresentativeAuthority.SUITABLE_PERSON and jurisdiction == "england":
        raise InvalidInput(
            "“Suitable person” is the Welsh term. In England, someone who gets a direct payment "
            "for the person is a nominated person (Care Act 2014 s31) or an authorised person "
            "(s32): choose one of those."
        )
    raise InvalidInput(
        f"{authority_label(code, None)} is not an authority in {nation}. Choose one of the "
        f"authorities {nation}'s law provides, or “Other”."
    )


def asks_if_registered(code: str) -> bool:
    """Whether to ask if the power of attorney is registered."""
    return code in {a.value for a in POWERS_OF_ATTORNEY}


def asks_if_order_covers_welfare(code: str, jurisdiction: str) -> bool:
    """Whether to ask if the court order covers welfare decisions: for an authority whose power
    to decide welfare matters depends on what the order says (a deputy, a guardian, an
    intervention order)."""
    found = law_authority(code, jurisdiction)
    return found is not None and found.welfare_power is WelfarePower.IF_THE_ORDER_COVERS_IT
