"""The command line: the Typer app, its options, the one error handler, and the commands."""
