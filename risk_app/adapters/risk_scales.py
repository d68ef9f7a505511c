"""The organisation's risk scale from a file (RISK_APP_RISK_SCALE): bounded, checked, cached."""

from __future__ import annotations

import json
from functools import lru_cache

import yaml

from framework.limits import LimitExceeded, check_json, check_yaml
from risk_app.adapters.files import FileRefused, read_bounded
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.risk import RiskScale

MAX_SCALE_BYTES = 2**20
"""A risk scale is a few kilobytes."""


@lru_cache(maxsize=4)
def load_scale(path: str) -> RiskScale:
    """The scale in a YAML or JSON file, read once per process; InvalidInput, in words, when the
    file is unusable."""
    try:
        raw = read_bounded(path, MAX_SCALE_BYTES, what="a risk scale file").decode("utf-8")
        (check_json if path.endswith(".json") else check_yaml)(raw)
        data = yaml.safe_load(raw) if not path.endswith(".json") else json.loads(raw)
    except (FileRefused, LimitExceeded) as exc:
        raise InvalidInput(f"The risk scale file {path} cannot be used: {exc}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"The risk scale file {path} cannot be read: {exc}") from None
    except (ValueError, RecursionError) as exc:  # impossible dates, huge numbers, deep nesting
        raise InvalidInput(
            f"The risk scale file {path} cannot be read ({exc.__class__.__name__})."
        ) from None
    if not isinstance(data, dict):
        raise InvalidInput(f"The risk scale file {path} must describe one scale (a mapping).")
    return RiskScale.from_mapping(data)
