"""ea-repo: storage, import/export, checks and the service layer over the SPBE metamodel."""

__version__ = "0.1.0"
