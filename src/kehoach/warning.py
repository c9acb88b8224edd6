"""What a stage says looked wrong or was inferred: one record, its code checked against the
table of codes (data/warnings.toml) when it is made, so that a typo in a code fails at once
and not in a user's script that filters on it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Warning", "WarningCodeError"]


class WarningCodeError(ValueError):
    """A warning made with a code that data/warnings.toml does not list (a bug)."""


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    message: str
    line: int | None = None

    def __post_init__(self) -> None:
        from .vocab import vocabulary

        if self.code not in vocabulary().warning_codes:
            raise WarningCodeError(f"warning code {self.code!r} is not in data/warnings.toml")
