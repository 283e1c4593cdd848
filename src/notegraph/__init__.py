"""notegraph: turn a folder of technical Markdown notes into a knowledge graph.

>>> import notegraph
>>> result = notegraph.build("data/sample-notes")  # doctest: +SKIP
>>> notegraph.write_graphml(result.graph, "out/graph.graphml")  # doctest: +SKIP
"""
from .build import BuildResult, build
from .catalog import Catalog, Entity, load_catalog
from . import query
from .export import (read_gexf, read_graphml, read_neo4j_csv, read_node_link, write_gexf, write_graphml, write_html,
                     write_neo4j_csv, write_node_link)
from .query import companies_using, co_occurring, entities, evidence, show, talks_mentioning
from .report import generate_report, write_report
from .notes import Note, read_notes
from .structure import structure_of

__version__ = "0.1.0"
__all__ = ["build", "BuildResult", "read_notes", "Note", "structure_of", "load_catalog", "Catalog", "Entity",
           "write_graphml", "read_graphml", "write_html", "write_gexf", "read_gexf", "write_node_link",
           "read_node_link", "write_neo4j_csv", "read_neo4j_csv", "query", "entities", "talks_mentioning",
           "companies_using", "co_occurring", "evidence", "show", "write_report", "generate_report", "__version__"]
