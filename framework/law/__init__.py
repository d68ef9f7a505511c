"""The law book: adult social care law per UK nation, each rule cited to its source."""

from framework.law.book import (
    BUNDLED_LAW,
    NOT_SUPPORTED,
    LawBook,
    UnsupportedJurisdiction,
    check_law,
    law_book,
    load_law,
)
from framework.law.schema import (
    Authority,
    Citation,
    DecisionBasis,
    JurisdictionLaw,
    Rule,
    Scope,
    WelfarePower,
)

__all__ = [
    "BUNDLED_LAW",
    "NOT_SUPPORTED",
    "Authority",
    "Citation",
    "DecisionBasis",
    "JurisdictionLaw",
    "LawBook",
    "Rule",
    "Scope",
    "UnsupportedJurisdiction",
    "WelfarePower",
    "check_law",
    "law_book",
    "load_law",
]
