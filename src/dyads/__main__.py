"""`python -m dyads` runs the command line, as the `dyads` script does."""

from dyads.cli import app

app()
