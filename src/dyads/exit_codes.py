"""The exit status of every `dyads` command, in one place (the README's "Exit status" says what each means)."""

EXIT_OK = 0
EXIT_SKIPPED = 1  # some input was skipped; everything else was coded and written
EXIT_USAGE = 2  # bad option, missing input, unknown format, model not installed
EXIT_OUTPUT_FAILED = 3  # an output or the store could not be opened or written (disk full, locked, gone)
EXIT_INTERRUPTED = 130
