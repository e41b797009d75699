"""The non-GUI core of EditDesk. Nothing under this package may import Qt."""
