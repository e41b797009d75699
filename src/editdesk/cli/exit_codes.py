from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1  # something at or above --fail-on (or a refused sign-off, a stale status)
    USAGE = 2
    INPUT = 3  # some input could not be read; the rest was still handled
    ENGINE = 4  # LanguageTool unavailable
