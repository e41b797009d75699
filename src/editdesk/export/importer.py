"""Placeholder replaced below."""


def import_review(docx_path):
    raise NotImplementedError
