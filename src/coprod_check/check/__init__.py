"""The plan check: its rules, each with a stable id, and the starter plan `init` writes."""
