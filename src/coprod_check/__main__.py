"""Run coprod-check with ``python -m coprod_check``."""

from coprod_check.cli import main

main()
