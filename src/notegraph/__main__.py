"""``python -m notegraph`` runs the command line."""
from .cli import run

run()
