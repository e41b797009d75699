"""Readers turn a file into an Article."""
