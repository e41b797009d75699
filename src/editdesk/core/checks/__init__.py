"""Checkers turn an Article into Findings."""
