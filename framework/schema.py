"""Frozen models for the framework document (``framework/data/framework.yaml``).

The models check the *shape* of each item: required fields, enum values and which optional
fields belong to which node or link type. Rules that need the whole document (dangling links,
endpoint types, cycles, reachability) live in :mod:`framework.validation`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

ID_PATTERN = r"^[A-Z][A-Z0-9]*(?:[.\-][A-Z0-9]+)*$"
"""Node and reference IDs: upper-case letters and digits joined by ``-`` or ``.``."""

VERSION_PATTERN = r"^\d+\.\d+\.\d+$"
"""Framework versions are YEAR.MONTH.PATCH, e.g. ``2026.11.0``."""

ItemId = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=40)]
Text = Annotated[str, Field(min_length=1)]


class FrozenModel(BaseModel):
    """Base for every framework model: immutable, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ProvenanceStatus(StrEnum):
    """How far a node or link is backed by a source.

    - ``stated``: the cited source says it (we paraphrase).
    - ``secondary``: a secondary source reports it (for example a council page quoting
      statutory guidance); check the primary before treating it as canonical.
    - ``source_topic_our_wording``: the topic comes from the source; wording or placement is ours.
    - ``inferred``: our design proposal; no source states it.
    """

    STATED = "stated"
    SECONDARY = "secondary"
    SOURCE_TOPIC_OUR_WORDING = "source_topic_our_wording"
    INFERRED = "inferred"


class Origin(StrEnum):
    """Whose words or placement a node or link is: a second axis beside ``ProvenanceStatus``.

    - ``framework_text``: the framework's own text, quoted or paraphrased (cites a reference of
      kind ``framework``).
    - ``synthesis``: ours, built from the cited sources (the default: nothing is the framework's
      own unless it says so).
    - ``local_policy``: a council's local arrangement, not national law or the framework.
    """

    FRAMEWORK_TEXT = "framework_text"
    SYNTHESIS = "synthesis"
    LOCAL_POLICY = "local_policy"

    @property
    def described(self) -> str:
        """Whose it is, as a reader is told mid-sentence ("our synthesis, not the framework's
        text")."""
        return _ORIGIN_WORDS[self]


_ORIGIN_WORDS = {
    Origin.FRAMEWORK_TEXT: "the framework's own text",
    Origin.SYNTHESIS: "our synthesis, not the framework's text",
    Origin.LOCAL_POLICY: "local policy",
}

SYNTHESIS_CAVEAT = (
    "Placements marked as our synthesis are ours: risk-app placed those touchpoints at those "
    "stages from the sources it cites, because the framework's own stage-by-stage safeguarding "
    "links could not be found. They are not the framework's own text."
)
"""Said wherever placements are reported: screens, exports, the audits and the board report."""


class ReferenceKind(StrEnum):
    """What sort of publication a reference is, so primary law can be told from commentary."""

    FRAMEWORK = "framework"
    """The Safeguarding and Personalisation Framework itself, or a text describing it."""
    LEGISLATION = "legislation"
    """An Act or statutory instrument: primary text."""
    CASE_LAW = "case_law"
    """A judgment of a court that states or interprets the law: primary."""
    STATUTORY_GUIDANCE = "statutory_guidance"
    """Guidance issued under an Act that councils must follow or have regard to."""
    GUIDANCE = "guidance"
    """Other national guidance or research (Department of Health, SCIE, LGA)."""
    LOCAL = "local"
    """A council's, board's or trust's own page or policy: local practice, not law."""
    SECONDARY = "secondary"
    """Commentary, training material or a law firm's page: check the primary text."""

    @property
    def is_primary(self) -> bool:
        """Legislation, a judgment or statutory guidance: the text the law itself is in."""
        return self in _PRIMARY_KINDS


_PRIMARY_KINDS = frozenset(
    {ReferenceKind.LEGISLATION, ReferenceKind.CASE_LAW, ReferenceKind.STATUTORY_GUIDANCE}
)


class NodeType(StrEnum):
    """Kinds of node in the framework graph.

    - ``stage``: a step of the Self-Directed Support journey (the spine; has ``order``).
    - ``touchpoint``: a point where safeguarding connects to a stage.
    - ``assessment_prompt``: a question asked while assessing risk (self-directed assessment).
    - ``management_prompt``: a question asked while planning how risk is managed.
    - ``route``: an escalation or decision route for an identified risk.
    - ``safeguarding_step``: a step of the adult safeguarding process (has ``order``).
    - ``principle``: a statutory or guidance principle.
    - ``level``: corporate, practitioner or individual level.
    - ``abuse_type``: a statutory category of abuse or neglect.
    - ``budget_option``: a way of managing a personal budget (has ``jurisdiction``).
    - ``role``: someone who can own, sign or decide.
    - ``record_type``: a record the tool produces.
    """

    STAGE = "stage"
    TOUCHPOINT = "touchpoint"
    ASSESSMENT_PROMPT = "assessment_prompt"
    MANAGEMENT_PROMPT = "management_prompt"
    ROUTE = "route"
    SAFEGUARDING_STEP = "safeguarding_step"
    PRINCIPLE = "principle"
    LEVEL = "level"
    ABUSE_TYPE = "abuse_type"
    BUDGET_OPTION = "budget_option"
    ROLE = "role"
    RECORD_TYPE = "record_type"


PROMPT_TYPES = frozenset({NodeType.ASSESSMENT_PROMPT, NodeType.MANAGEMENT_PROMPT})
ORDERED_TYPES = frozenset({NodeType.STAGE, NodeType.SAFEGUARDING_STEP})


class PromptKind(StrEnum):
    """Which prompt set a prompt belongs to (the framework's two issue lists)."""

    ASSESSMENT = "assessment"
    MANAGEMENT = "management"

    @property
    def node_type(self) -> NodeType:
        """The node type used for prompts of this kind."""
        if self is PromptKind.ASSESSMENT:
            return NodeType.ASSESSMENT_PROMPT
        return NodeType.MANAGEMENT_PROMPT


class LinkType(StrEnum):
    """Kinds of link between nodes (source → target).

    - ``next``: process order, stage → stage or safeguarding step → safeguarding step.
    - ``has_touchpoint``: stage (or safeguarding step) → touchpoint.
    - ``asks``: stage → prompt.
    - ``may_trigger``: prompt → touchpoint; ``when`` names the answer, ``required`` makes it
      mandatory.
    - ``escalates_to``: touchpoint or route → route.
    - ``enters``: route → safeguarding step.
    - ``returns_to``: safeguarding step → stage.
    - ``upholds``: → principle.
    - ``concerns``: → abuse type screened for.
    - ``applies_at``: → level.
    - ``specific_to``: prompt or touchpoint → the only budget option(s) it applies to.
    - ``offers``: stage → budget option.
    - ``recorded_as``: → record type.
    - ``grounded_in``: → reference id (not a node).
    - ``owned_by``, ``signed_by``, ``decided_by``: → role.
    """

    NEXT = "next"
    HAS_TOUCHPOINT = "has_touchpoint"
    ASKS = "asks"
    MAY_TRIGGER = "may_trigger"
    ESCALATES_TO = "escalates_to"
    ENTERS = "enters"
    RETURNS_TO = "returns_to"
    UPHOLDS = "upholds"
    CONCERNS = "concerns"
    APPLIES_AT = "applies_at"
    SPECIFIC_TO = "specific_to"
    OFFERS = "offers"
    RECORDED_AS = "recorded_as"
    GROUNDED_IN = "grounded_in"
    OWNED_BY = "owned_by"
    SIGNED_BY = "signed_by"
    DECIDED_BY = "decided_by"


PROCESS_LINK_TYPES = frozenset({LinkType.NEXT, LinkType.ESCALATES_TO, LinkType.ENTERS})
"""Links that make up the process flow, which must not contain cycles (except review loops)."""


class AnswerType(StrEnum):
    """How a prompt is answered: ``yes_no``, free ``text`` or one of its ``options``."""

    YES_NO = "yes_no"
    TEXT = "text"
    CHOICE = "choice"


YES_NO_ANSWERS = ("yes", "no")


class Jurisdiction(StrEnum):
    """A UK nation whose adult social care law risk-app holds.

    England (Care Act 2014), Scotland (Social Care (Self-directed Support) (Scotland) Act 2013 and
    Adult Support and Protection (Scotland) Act 2007) and Wales (Social Services and Well-being
    (Wales) Act 2014). Northern Ireland is not supported yet and is refused where a person is
    recorded.
    """

    ENGLAND = "england"
    SCOTLAND = "scotland"
    WALES = "wales"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class PrincipleFamily(StrEnum):
    """The body of law or guidance a principle comes from."""

    CARE_ACT = "care_act"
    MENTAL_CAPACITY_ACT = "mental_capacity_act"
    INDEPENDENCE_CHOICE_RISK = "independence_choice_risk"
    MAKING_SAFEGUARDING_PERSONAL = "making_safeguarding_personal"
    SDS_SCOTLAND = "sds_scotland"


class Provenance(FrozenModel):
    """Where a node or link comes from, and how strongly a source backs it."""

    status: ProvenanceStatus
    refs: tuple[ItemId, ...] = ()
    note: Text | None = None
    origin: Origin = Origin.SYNTHESIS
    """Whose it is: the framework's own text, our synthesis, or a local policy."""

    @model_validator(mode="after")
    def _sourced_statuses_cite_a_source(self) -> Self:
        if self.status is not ProvenanceStatus.INFERRED and not self.refs:
            raise ValueError(f"status '{self.status.value}' needs at least one reference in refs")
        return self


class Reference(FrozenModel):
    """A cited publication: legislation, guidance, report or web page."""

    id: ItemId
    title: Text
    publisher: Text
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    note: Text | None = None
    kind: ReferenceKind | None = None
    """What sort of publication it is (legislation, statutory guidance, the framework...)."""


class Node(FrozenModel):
    """One node of the framework graph. Optional fields belong to particular node types."""

    id: ItemId
    type: NodeType
    label: Text
    summary: Text
    provenance: Provenance
    order: int | None = Field(default=None, ge=0)
    """Position in the process; stages and safeguarding steps only."""
    plain_label: Text | None = None
    """The stage's name in plain words, as the person sees it; stages only."""
    plain_summary: Text | None = None
    """What happens at the stage, in short plain sentences for the person; stages only."""
    text: Text | None = None
    """The question as put to people (provisional wording); prompts only."""
    answer_type: AnswerType | None = None
    """Prompts only."""
    options: tuple[Text, ...] | None = None
    """Allowed answers; prompts with ``answer_type: choice`` only."""
    jurisdiction: Jurisdiction | None = None
    """Budget options only."""
    jurisdictions: tuple[Jurisdiction, ...] | None = None
    """Where the item applies, when it is not everywhere (e.g. a DBS check: England and Wales);
    absent means every jurisdiction. Not on budget options, which have ``jurisdiction``."""
    family: PrincipleFamily | None = None
    """Principles only."""
    fhir_resource: Text | None = None
    """Suggested HL7 FHIR R4 resource; record types only."""

    @model_validator(mode="after")
    def _type_specific_fields(self) -> Self:
        problems: list[str] = []
        t = self.type
        _require_iff(problems, "order", self.order is not None, t in ORDERED_TYPES)
        _require_iff(problems, "plain_label", self.plain_label is not None, t is NodeType.STAGE)
        _require_iff(problems, "plain_summary", self.plain_summary is not None, t is NodeType.STAGE)
        _require_iff(problems, "text", self.text is not None, t in PROMPT_TYPES)
        _require_iff(problems, "answer_type", self.answer_type is not None, t in PROMPT_TYPES)
        _require_iff(
            problems, "options", self.options is not None, self.answer_type is AnswerType.CHOICE
        )
        _require_iff(
            problems, "jurisdiction", self.jurisdiction is not None, t is NodeType.BUDGET_OPTION
        )
        _require_iff(problems, "family", self.family is not None, t is NodeType.PRINCIPLE)
        if self.jurisdictions is not None:
            if t is NodeType.BUDGET_OPTION:
                problems.append(
                    "'jurisdictions' is not allowed on budget options (use 'jurisdiction')"
                )
            elif not self.jurisdictions or len(set(self.jurisdictions)) != len(self.jurisdictions):
                problems.append(
                    "'jurisdictions' must list each jurisdiction once, and at least one"
                )
        if self.fhir_resource is not None and t is not NodeType.RECORD_TYPE:
            problems.append("'fhir_resource' is only allowed on record_type nodes")
        if self.options is not None and len(set(self.options)) != len(self.options):
            problems.append("'options' contains duplicates")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def applies_in(self, jurisdiction: Jurisdiction | str) -> bool:
        """Whether the item applies to a person in ``jurisdiction``."""
        if self.jurisdiction is not None:
            return self.jurisdiction == jurisdiction
        return self.jurisdictions is None or jurisdiction in self.jurisdictions

    @property
    def is_prompt(self) -> bool:
        """True for assessment and management prompts."""
        return self.type in PROMPT_TYPES

    def accepts_answer(self, answer: str) -> bool:
        """Whether ``answer`` is a possible answer to this prompt (any text for free text)."""
        if self.answer_type is AnswerType.YES_NO:
            return answer.strip().lower() in YES_NO_ANSWERS
        if self.answer_type is AnswerType.CHOICE:
            return answer in (self.options or ())
        return self.answer_type is AnswerType.TEXT


def _require_iff(problems: list[str], field: str, present: bool, expected: bool) -> None:
    if present and not expected:
        problems.append(f"'{field}' is not allowed on this node")
    elif expected and not present:
        problems.append(f"'{field}' is required on this node")


class Link(FrozenModel):
    """A typed, directed link between two nodes (or from a node to a reference)."""

    source: ItemId
    target: ItemId
    type: LinkType
    provenance: Provenance
    when: Text | None = None
    """For ``may_trigger``: the answer that triggers the touchpoint (absent: any answer)."""
    required: bool | None = None
    """For ``may_trigger``: the triggered touchpoint becomes mandatory."""
    loop: Literal["review"] | None = None
    """For ``next``: marks the review loop back to an earlier stage."""

    @model_validator(mode="after")
    def _type_specific_fields(self) -> Self:
        problems: list[str] = []
        if self.type is not LinkType.MAY_TRIGGER:
            if self.when is not None:
                problems.append("'when' is only allowed on may_trigger links")
            if self.required is not None:
                problems.append("'required' is only allowed on may_trigger links")
        if self.loop is not None and self.type is not LinkType.NEXT:
            problems.append("'loop' is only allowed on next links")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def label(self) -> str:
        """A short human description, e.g. ``ST0 -next-> ST1``."""
        return f"{self.source} -{self.type.value}-> {self.target}"


class FrameworkHeader(FrozenModel):
    """The document's top-level fields other than its lists."""

    version: Annotated[str, Field(pattern=VERSION_PATTERN)]
    title: Text
    published: dt.date
    description: Text


class FrameworkDocument(FrameworkHeader):
    """The whole framework file after each item has passed its own checks."""

    references: tuple[Reference, ...]
    nodes: tuple[Node, ...]
    links: tuple[Link, ...]


TOP_LEVEL_KEYS = frozenset({*FrameworkDocument.model_fields})
