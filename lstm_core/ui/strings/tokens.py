"""UI strings of the tokens page: key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {}
