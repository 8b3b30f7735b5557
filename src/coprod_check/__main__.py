"""Run coprod-check with ``python -m coprod_check``."""

from coprod_check.cli.app import main

main()
