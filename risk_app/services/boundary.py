"""The services' boundary check: every argument a page or the command line passes is checked
against the service's signature before the service runs.

`@checked` wraps a service function in pydantic's `validate_call` in strict mode: each argument
must already be of the annotated type (no "3" for 3, no text for a date), the constrained types
of `risk_app.domain.inputs` (record numbers, dates, text that can be stored, team names) are
enforced, and command objects (dataclass arguments such as `RiskInput` and `DecisionInput`, and
the dataclasses they hold) are re-checked field by field. A failure becomes `InvalidInput` naming
the field in words, never a traceback or a database error, the same on SQLite and PostgreSQL. The
value typed is never repeated in the message (it may be a password).

Why this mechanism: it reads the rules from the signatures the services already have, so a
function body does not change; pydantic is already what validates the framework and the domain
models; and strict mode refuses what the database would otherwise convert or reject.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from pydantic import ConfigDict, ValidationError, validate_call
from pydantic_core import ErrorDetails

from risk_app.domain.errors import InvalidInput

P = ParamSpec("P")
R = TypeVar("R")

CHECKED_MARK = "__risk_app_boundary_checked__"
"""Set on every checked function, so a test can find any service function left unchecked."""

_CONFIG = ConfigDict(
    strict=True,
    arbitrary_types_allowed=True,  # Store, SealKey, FrameworkGraph...: checked as instances
    revalidate_instances="always",  # a dataclass argument (RiskInput...) is checked field by field
)

_PROBLEMS = {
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be yes or no",
    "string_type": "must be text",
    "string_unicode": "contains characters that cannot be stored; please retype it",
    "date_type": "must be a date",
    "datetime_type": "must be a date and time",
    "bytes_type": "must be the contents of a file",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "dict_type": "must be a mapping of names to values",
    "is_instance_of": "is of the wrong kind",
    "dataclass_exact_type": "is of the wrong kind",
    "dataclass_type": "is of the wrong kind",
    "float_type": "must be a number",
    "finite_number": "must be a finite number",
    "callable_type": "is of the wrong kind",
    "missing_argument": "is missing",
    "missing_keyword_only_argument": "is missing",
    "missing_positional_only_argument": "is missing",
    "unexpected_keyword_argument": "is not something this action takes",
    "unexpected_positional_argument": "is not something this action takes",
    "multiple_argument_values": "is given twice",
    "recursion_loop": "is nested too deeply",
}


_RANK = {
    kind: rank
    for rank, kind in enumerate(
        (
            "value_error",
            "string_unicode",
            "string_too_long",
            "greater_than_equal",
            "less_than_equal",
            "enum",
            "literal_error",
            "string_type",
            "int_type",
            "date_type",
            "bool_type",
            "list_type",
            "bytes_type",
            "missing_argument",
            "missing_keyword_only_argument",
            "unexpected_keyword_argument",
        )
    )
}


def _problem(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", "is not valid"))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"is out of range: it must be from {ctx.get('ge', 1)} to {ctx.get('le', 'the largest allowed')}"
    if kind == "string_pattern_mismatch":
        return "must use only lower-case letters, digits and _"
    if kind == "string_too_short":
        return "must not be blank"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind in ("enum", "literal_error"):
        return f"must be one of {ctx.get('expected', 'the choices offered')}"
    return _PROBLEMS.get(kind, "is not valid")


def _field(
    loc: tuple[int | str, ...], parameters: list[inspect.Parameter], args: dict[str, Any]
) -> str:
    """The field in words: ("person_id",) is "person id", (0,) the first parameter's name, and a
    field of a dataclass argument ("data", "likelihood") is "likelihood (in data)", however deep
    the command object holds it (("data", "capacity", "impairment") is "impairment (in data)").
    Nothing else from the location is used: it may name union branches or keys the caller chose."""
    first = loc[0] if loc else ""
    if isinstance(first, int):
        first = parameters[first].name if first < len(parameters) else "input"
    name = first.replace("_", " ")
    value, field = args.get(first), None
    for part in loc[1:]:
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            break
        if part not in {f.name for f in dataclasses.fields(value)}:
            break
        field, value = str(part), getattr(value, str(part))
    return f"{field.replace('_', ' ')} (in {name})" if field else name


def refusal(
    error: ValidationError, parameters: list[inspect.Parameter], args: dict[str, Any]
) -> InvalidInput:
    """The first problem found, as a message naming the field (the typed value is not repeated)."""
    errors = error.errors(include_url=False, include_input=False)
    # A union ("text or a choice from the list") reports one error per branch: say the plainest.
    same_field = [e for e in errors if e["loc"][:1] == errors[0]["loc"][:1]]
    first = min(same_field, key=lambda e: _RANK.get(e["type"], len(_RANK)))
    field = _field(tuple(first["loc"]), parameters, args)
    return InvalidInput(f"The {field} {_problem(first)}.")


def _arguments(signature: inspect.Signature, args: Any, kwargs: Any) -> dict[str, Any]:
    try:
        return dict(signature.bind_partial(*args, **kwargs).arguments)
    except TypeError:
        return dict(kwargs)


def checked(func: Callable[P, R]) -> Callable[P, R]:
    """Check the arguments of a service function against its signature (see the module doc)."""
    validated: Callable[..., Any] = validate_call(config=_CONFIG)(func)
    signature = inspect.signature(func)
    parameters = list(signature.parameters.values())

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            result: R = validated(*args, **kwargs)
        except ValidationError as error:
            if error.title != validated.__name__:  # raised inside the function: not its arguments
                raise
            raise refusal(error, parameters, _arguments(signature, args, kwargs)) from None
        return result

    setattr(wrapper, CHECKED_MARK, True)
    return wrapper
