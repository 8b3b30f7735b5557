"""The bodies of the larger commands; ``cli.py`` parses options and calls them."""
