"""coprod-check: check, honestly, how well a service co-produces with the people it is for."""

__version__ = "0.1.0"
