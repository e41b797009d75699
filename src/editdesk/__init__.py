"""EditDesk: editorial review for articles."""

__version__ = "0.1.0"
