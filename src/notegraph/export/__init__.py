"""Stage 5, export: one module per format, each a pair of plain functions over the graph."""
from .gexf import read_gexf, write_gexf
from .graphml import read_graphml, write_graphml
from .html import write_html
from .neo4j_csv import read_neo4j_csv, write_neo4j_csv
from .node_link import read_node_link, write_node_link

__all__ = ["write_graphml", "read_graphml", "write_html", "write_gexf", "read_gexf", "write_node_link",
           "read_node_link", "write_neo4j_csv", "read_neo4j_csv"]
