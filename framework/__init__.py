"""The Safeguarding and Personalisation Framework as data and as a queryable graph.

Pure: depends only on the standard library, pydantic, PyYAML and networkx.

    >>> from framework import load_framework
    >>> fw = load_framework()
    >>> [s.id for s in fw.stages()][:3]
    ['ST0', 'ST1', 'ST2']
"""

from framework.errors import FrameworkError, Problem
from framework.graph import FrameworkGraph, StageDetail
from framework.loader import (
    BUNDLED_FRAMEWORK,
    load_framework,
    load_framework_bytes,
    load_framework_text,
)
from framework.schema import (
    AnswerType,
    FrameworkDocument,
    Jurisdiction,
    Link,
    LinkType,
    Node,
    NodeType,
    Origin,
    PrincipleFamily,
    PromptKind,
    Provenance,
    ProvenanceStatus,
    Reference,
    ReferenceKind,
)

__all__ = [
    "BUNDLED_FRAMEWORK",
    "AnswerType",
    "FrameworkDocument",
    "FrameworkError",
    "FrameworkGraph",
    "Jurisdiction",
    "Link",
    "LinkType",
    "Node",
    "NodeType",
    "Origin",
    "PrincipleFamily",
    "Problem",
    "PromptKind",
    "Provenance",
    "ProvenanceStatus",
    "Reference",
    "ReferenceKind",
    "StageDetail",
    "load_framework",
    "load_framework_bytes",
    "load_framework_text",
]
