"""The book's own tooling (run from the repository root: ``python -m tools.pdf``)."""
