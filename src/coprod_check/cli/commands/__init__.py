"""The commands, one module each: its options, and a few lines that call the core and return
the exit code.

Every command module is imported when the app starts, to build the command line and its help,
so each imports the core inside its function, when it runs. Loading frameworks, reading results
files, scoring and rendering each cost 30 to 60 ms to import; at the top of these modules they
would all load for every command, and for ``--help``, doubling the start-up time.
"""
