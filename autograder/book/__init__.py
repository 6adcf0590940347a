"""The course site: building the Jupyter Book from ``book/``."""
