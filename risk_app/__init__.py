"""risk-app: person-centred risk and safeguarding decision support for Self-Directed Support."""

__version__ = "0.1.0"
