"""Combining many respondents' results: a quick reader, the tally, and the combined result."""
