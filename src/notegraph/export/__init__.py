"""Stage 5, export: one module per format, each a pair of plain functions over the graph."""
from .graphml import read_graphml, write_graphml
from .html import write_html

__all__ = ["write_graphml", "read_graphml", "write_html"]
