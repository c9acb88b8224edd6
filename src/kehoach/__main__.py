"""``python -m kehoach`` runs the command line."""

from .cli import main

main(prog_name="kehoach")
