"""The house-style engine: rules are data (resources/house-style/default.toml), each of a
kind implemented by one small module here."""

from editdesk.core.checks.house.checker import HouseStyleChecker
from editdesk.core.checks.house.spec import RuleSpec

__all__ = ["HouseStyleChecker", "RuleSpec"]
