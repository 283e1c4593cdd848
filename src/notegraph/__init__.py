"""notegraph: turn a folder of technical Markdown notes into a knowledge graph.

>>> import notegraph
>>> result = notegraph.build("data/sample-notes")  # doctest: +SKIP
>>> notegraph.write_graphml(result.graph, "out/graph.graphml")  # doctest: +SKIP
"""
from .build import BuildResult, build
from .catalog import Catalog, Entity, load_catalog
from .export import read_graphml, write_graphml, write_html
from .notes import Note, read_notes
from .structure import structure_of

__version__ = "0.1.0"
__all__ = ["build", "BuildResult", "read_notes", "Note", "structure_of", "load_catalog", "Catalog", "Entity",
           "write_graphml", "read_graphml", "write_html", "__version__"]
