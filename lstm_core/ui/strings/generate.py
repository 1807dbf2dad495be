"""UI strings of the generate page: key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {}
