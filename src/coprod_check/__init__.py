"""coprod-check: check, honestly, how well a service co-produces with the people it is for."""

__version__ = "0.1.0"

HOME = "https://github.com/coprod-check/coprod-check"
"""Where the project is published. The links to its docs (the rule pages that SARIF points at)
and the ids of its schemas are made from this, so that a move changes one line."""
