"""UI strings of the forecast page: key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {}
