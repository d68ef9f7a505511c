"""A risk agreement in plain words, for the person and whoever signs with them.

The agreement's content becomes a list of short screens (one thing per screen). Each line pairs
our own words (`text`, kept to plain language and checked by tests with
`risk_app.domain.agreements.plain_language`) with words someone else said (`quote`: the person's choice,
an owner's action, a dissent), which are shown exactly as written and never rewritten.
Each screen names a picture, so the easy-read view can show a picture beside the words; every
picture has a text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from risk_app.domain import words
from risk_app.domain.agreements.content import (
    AgreedAction,
    AgreedRisk,
    AgreementContent,
    Representative,
    outcome_label,
    owner_kind_label,
)
from risk_app.domain.record.people import law_authority


class Picture(StrEnum):
    """The pictures beside easy-read screens. Each has a text alternative."""

    AGREEMENT = "agreement"
    HEART = "heart"
    CHOICE = "choice"
    HELPERS = "helpers"
    DECISION = "decision"
    BACKUP = "backup"
    CALENDAR = "calendar"
    TALK = "talk"
    SIGN = "sign"
    WARNING = "warning"
    PHONE = "phone"

    @property
    def alt(self) -> str:
        return {
            Picture.AGREEMENT: "A sheet of paper with a tick on it.",
            Picture.HEART: "A heart.",
            Picture.CHOICE: "A signpost pointing two ways.",
            Picture.HELPERS: "Two people holding hands.",
            Picture.DECISION: "A person thinking.",
            Picture.BACKUP: "A life ring.",
            Picture.CALENDAR: "A calendar page.",
            Picture.TALK: "Two speech bubbles.",
            Picture.SIGN: "A pen writing a name.",
            Picture.WARNING: "A warning sign.",
            Picture.PHONE: "A telephone.",
        }[self]


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    """Our words, in plain language."""
    quote: str = ""
    """Someone's own words, shown exactly as written after `text`."""
    picture: Picture | None = None
    """The picture beside this point in easy read; the screen's picture when None."""


@dataclass(frozen=True, slots=True)
class Screen:
    title: str
    picture: Picture
    lines: tuple[Line, ...]

    def points(self) -> list[tuple[Picture, Line]]:
        """Each point with the picture beside it in easy read (one picture per point)."""
        return [(line.picture or self.picture, line) for line in self.lines]


def _when(due: date | None) -> str:
    return f"by {words.day_or(due, 'no date set')}" if due else "with no date set yet"


def _helper_line(action: AgreedAction) -> Line:
    who = f"{action.owner_name} ({owner_kind_label(action.owner_kind).lower()})"
    return Line(f"{who} will do this {_when(action.due)}:", action.what, Picture.HELPERS)


def _risk_screen(number: int, count: int, risk: AgreedRisk) -> Screen:
    lines = [Line("What you want to do:", risk.choice, Picture.CHOICE)]
    if risk.benefits:
        lines.append(Line("What it gives you:", risk.benefits, Picture.HEART))
    for label, answer in (
        ("What could go wrong for you:", risk.harm_to_self),
        ("What could go wrong for other people:", risk.harm_to_others),
        ("What harm could come from other people:", risk.harm_from_others),
    ):
        if answer:
            lines.append(Line(label, answer, Picture.WARNING))
    if risk.person_view:
        lines.append(Line("What you said about it:", risk.person_view, Picture.TALK))
    if risk.strengths:
        lines.append(Line("What already helps:", risk.strengths, Picture.HELPERS))
    if risk.level_before:
        lines.append(
            Line(f"How risky it is now: {risk.level_before.lower()}.", picture=Picture.WARNING)
        )
    if risk.level_after:
        lines.append(
            Line(
                f"How risky it is with the help: {risk.level_after.lower()}.",
                picture=Picture.BACKUP,
            )
        )
    if risk.mitigations:
        lines.append(Line("Who will help, and how:", picture=Picture.HELPERS))
        lines.extend(_helper_line(a) for a in risk.mitigations)
    else:
        lines.append(Line("Nobody has taken on a job for this yet.", picture=Picture.HELPERS))
    return Screen(f"Your choice {number} of {count}", Picture.CHOICE, tuple(lines))


def representative_lines(rep: Representative, jurisdiction: str | None) -> tuple[Line, ...]:
    """Who the representative is to the person and what their role lets them do, in the law
    book's plain words (row 6 of the law review): a role without welfare powers says so, so nobody
    is told that a benefits appointee or a money attorney "speaks for" them."""
    authority = law_authority(rep.authority, jurisdiction)
    if authority is None or authority.plain_role is None:
        return (
            Line(f"{rep.name} helps you.", picture=Picture.HELPERS),
            Line("Ask your worker what they can and cannot do for you.", picture=Picture.TALK),
        )
    return (
        Line(f"{rep.name} is {authority.plain_role}.", picture=Picture.HELPERS),
        Line(authority.plain, picture=Picture.HELPERS),
    )


AWI_RULES = (
    "They must follow the law's rules: it must help you, limit your freedom as little as "
    "possible, take account of your wishes and feelings, and help you use your own skills."
)
"""The s1 principles of the Adults with Incapacity (Scotland) Act 2000, in the person's words."""


def decided_for_you(who: str, capacity_law: str | None) -> str:
    """Who decided for the person, by the law the capacity record followed: best interests under
    the Mental Capacity Act 2005, never under the AWI Act (Scots law has no such test)."""
    if capacity_law == "awi":
        return f"{who} decided this for you. {AWI_RULES} What they decided:"
    return f"{who} decided this for you, in your best interests:"


def safety_lines(safeguarding_phone: str | None = None) -> tuple[Line, ...]:
    """What the person is told about staying safe, wherever they read their agreement.

    A person who takes a risk keeps the right to change their mind, and the council keeps its
    duty of care: it still has to help keep them safe. The emergency number is 999, and 18000 is
    Relay UK's emergency text relay for people who cannot speak on the phone. The council's own
    number (`safeguarding_phone`, from RISK_APP_SAFEGUARDING_PHONE) is shown only when it is set,
    so no number is ever made up.
    """
    lines = [
        Line("You can change your mind.", picture=Picture.CHOICE),
        Line("We still have to help keep you safe.", picture=Picture.BACKUP),
        Line("If you feel unsafe, tell your worker.", picture=Picture.TALK),
    ]
    if safeguarding_phone:
        lines.append(
            Line(f"You can also call the council on {safeguarding_phone}.", picture=Picture.PHONE)
        )
    lines += [
        Line("If you are in danger now, call 999.", picture=Picture.PHONE),
        Line(
            "If you cannot speak on the phone, you can use Relay UK: 18000.", picture=Picture.PHONE
        ),
    ]
    return tuple(lines)


def screens(
    content: AgreementContent,
    *,
    version: int,
    jurisdiction: str | None = None,
    safeguarding_phone: str | None = None,
) -> list[Screen]:
    """The agreement as short screens, in the order the person reads them. `jurisdiction` (the
    person's nation) chooses the law book's words for their representative's role; the last
    screen ends with how to stay safe (`safety_lines`), with the council's number when it is
    configured."""
    name = content.person.preferred_name or content.person.name
    out = [
        Screen(
            "About this agreement",
            Picture.AGREEMENT,
            (
                Line(f"This is version {version} of the risk agreement for:", name),
                Line("It says what you want to do and what it gives you.", picture=Picture.CHOICE),
                Line("It says what could go wrong.", picture=Picture.WARNING),
                Line("It says who will help, and by when.", picture=Picture.HELPERS),
                Line("You can say if you do not agree with any part.", picture=Picture.TALK),
            ),
        )
    ]
    if content.person.representative is not None:
        out[0] = Screen(
            out[0].title,
            out[0].picture,
            (*out[0].lines, *representative_lines(content.person.representative, jurisdiction)),
        )
    if content.what_matters:
        out.append(
            Screen(
                "What matters to you",
                Picture.HEART,
                tuple(Line(f"{w.heading}:", w.text) for w in content.what_matters),
            )
        )
    count = len(content.risks)
    out.extend(_risk_screen(n, count, r) for n, r in enumerate(content.risks, start=1))
    if content.other_actions:
        out.append(
            Screen(
                "Other help",
                Picture.HELPERS,
                tuple(_helper_line(a) for a in content.other_actions),
            )
        )
    if content.decisions:
        lines = []
        for d in content.decisions:
            if d.person_decides:
                lines.append(Line("You decided:", d.decision))
            else:
                who = d.decider_name or "The person named in your records"
                lines.append(Line(decided_for_you(who, d.capacity_law), d.decision))
            # The council's answer is its own, kept apart from whose decision it was.
            lines.append(
                Line(
                    f"What the council said: {outcome_label(d.outcome).lower()}.",
                    picture=Picture.AGREEMENT,
                )
            )
            if d.conditions:
                lines.append(Line("This was agreed if:", d.conditions, Picture.AGREEMENT))
        out.append(Screen("Decisions", Picture.DECISION, tuple(lines)))
    if content.contingency:
        out.append(
            Screen(
                "If things go wrong",
                Picture.BACKUP,
                (Line("This is the back-up plan:", content.contingency),),
            )
        )
    if content.dissent:
        out.append(
            Screen(
                "People who see it differently",
                Picture.TALK,
                tuple(
                    Line(f"{d.party} said this about {d.about}:", d.words) for d in content.dissent
                ),
            )
        )
    review = (
        Line(
            f"We will look at this agreement again by {words.day_or(content.review.due, 'no date set')}."
            + (f" {content.review.source}" if content.review.source else "")
        )
        if content.review.due
        else Line("We will agree a date to look at this again.")
    )
    out.append(
        Screen(
            "What happens next",
            Picture.CALENDAR,
            (
                Line("Everyone named in this agreement is asked to sign it.", picture=Picture.SIGN),
                Line("You can sign, or ask to talk about it first.", picture=Picture.TALK),
                Line("You will get a copy of what you signed.", picture=Picture.AGREEMENT),
                review,
                Line(
                    "If anything in it changes, we will ask you to sign again.",
                    picture=Picture.SIGN,
                ),
                *safety_lines(safeguarding_phone),
            ),
        )
    )
    return out


SIGNING_COPY: dict[str, str] = {
    "choose": "Do you agree with this agreement?",
    "agree": "Yes, I agree.",
    "agree_except": "I agree, except for some things.",
    "talk": "I want to talk about it first.",
    "step": "Step {n} of {total}",
    "choose_missing": "Choose one answer to go on.",
    "except_missing": "Write what you do not agree with. Or press Back to choose another answer.",
    "confirm_missing": "Tick the box to say you have read it.",
    "except_label": "What do you not agree with?",
    "except_hint": "Write it in your own words. We will keep it with your signature.",
    "talk_done": "That is OK. Your worker will get in touch to talk it through.",
    "talk_next": "Nothing has been signed.",
    "check": "Check your answer before you sign.",
    "sign_button": "Sign the agreement",
    "confirm": "I have read this agreement, or had it read to me.",
    "signed": "Thank you. You have signed the agreement.",
    "copy": "You can download a copy of what you signed.",
    "changed": "The agreement has changed since you read it. Please read the new version.",
    "easy_read": "Show pictures and bigger words",
    "kept_for_next_code": "What you have done so far is kept here. A new code lets you carry on.",
    "grant_ends": "your time to sign ends",
    "grant_ended": "Your time to sign has run out.",
    "copy_intro": "This is your copy of version {version} of your risk agreement.",
    "copy_made": "It was made on {day}.",
    "copy_record": "Your worker keeps the full record. It shows that nobody has changed it.",
    "copy_signed": "{name} signed it on {day}.",
    "copy_comment": "They wrote:",
    "easy_read_recorded": "This is on because your record says you like it. You can turn it off.",
    "next": "Next",
    "back": "Back",
    "nothing": "There is no agreement for you to sign yet.",
    "nothing_next": "Your worker will let you know when there is.",
    "already": "You have already signed this version. Thank you.",
}
"""Our words on the signing screens, kept here so tests can check they are plain language."""
