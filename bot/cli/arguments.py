"""Argument types shared by the commands, each failing with one line that says what is wanted."""

from __future__ import annotations

import argparse
import math
import re

_HOURS = re.compile(r"\s*(\d+(?:\.\d+)?|\.\d+)\s*(h|hours?|d|days?)?\s*", re.IGNORECASE)


def hours(text: str) -> float:
    """``--since``: a positive number of hours, or of days with ``d`` (``24``, ``36h``, ``2d``)."""
    match = _HOURS.fullmatch(text)
    value = float(match.group(1)) if match else math.nan
    if match and (match.group(2) or "h")[0].lower() == "d":
        value *= 24
    if not value > 0 or math.isinf(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of hours (e.g. 24, 36h or 2d)")
    return value
