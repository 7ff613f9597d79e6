"""luocdo: a knowledge graph of Vietnamese legal documents and directives."""

__version__ = "0.1.0"
