"""scholarld: publish a scholar's academic profile as first-class linked data."""

__version__ = "0.1.0"
