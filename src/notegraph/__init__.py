"""notegraph: turn a folder of technical Markdown notes into a knowledge graph.

>>> import notegraph
>>> result = notegraph.build("data/sample-notes")  # doctest: +SKIP
>>> notegraph.write_graphml(result.graph, "out/graph.graphml")  # doctest: +SKIP
"""
from .build import BuildResult, build
from .catalog import Catalog, Entity, load_catalog
from .export import (read_gexf, read_graphml, read_neo4j_csv, read_node_link, write_gexf, write_graphml, write_html,
                     write_neo4j_csv, write_node_link)
from .notes import Note, read_notes
from .structure import structure_of

__version__ = "0.1.0"

_LAZY = {  # pandas and matplotlib load only when these are used: a cached rebuild stays fast
    "query": ("query", None), "entities": ("query", "entities"), "talks": ("query", "talks"), "relations": ("query", "relations"), "talks_mentioning": ("query", "talks_mentioning"),
    "companies_using": ("query", "companies_using"), "co_occurring": ("query", "co_occurring"),
    "evidence": ("query", "evidence"), "show": ("query", "show"),
    "write_report": ("report", "write_report"), "generate_report": ("report", "generate_report"),
}


def __getattr__(name: str):
    """Import the query helpers and the report on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'notegraph' has no attribute {name!r}")
    import importlib

    module, attr = _LAZY[name]
    mod = importlib.import_module(f".{module}", __name__)
    return mod if attr is None else getattr(mod, attr)
__all__ = ["build", "BuildResult", "read_notes", "Note", "structure_of", "load_catalog", "Catalog", "Entity",
           "write_graphml", "read_graphml", "write_html", "write_gexf", "read_gexf", "write_node_link",
           "read_node_link", "write_neo4j_csv", "read_neo4j_csv", "query", "entities", "talks", "relations", "talks_mentioning",
           "companies_using", "co_occurring", "evidence", "show", "write_report", "generate_report", "__version__"]
