"""Neo4j CSV: ``nodes.csv`` and ``relationships.csv`` in the header format of ``neo4j-admin`` import.

``nodes.csv`` starts ``id:ID,label,kind,:LABEL`` and has one typed column per other node attribute
(``date:string``, ``notes:long``, ``event:boolean``…); ``:LABEL`` is the kind in CamelCase (``Note``,
``Talk``, ``Tag``; entities also get ``Entity``: ``AwsService;Entity``). ``relationships.csv`` starts
``:START_ID,:END_ID,:TYPE`` with the relation upper-cased as type (``MENTIONS``, ``PRESENTED_BY``…)
and one typed column per edge attribute. Attributes are flattened first with
:func:`~notegraph.export.graphml.graphml_safe`; an attribute whose values mix types is a string
column. An empty cell means "no value", so it reads back as a missing attribute.

Bulk import into a new (stopped) database::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \\
        --multiline-fields=true neo4j

Or into a running database with Cypher (files in Neo4j's ``import/`` folder; one relationship
statement per type, or ``CREATE (a)-[:$(row.`:TYPE`)]->(b)`` on Neo4j 5.26+)::

    CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
    LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
    MERGE (n:Node {id: row.`id:ID`}) SET n.label = row.label, n.kind = row.kind;
    LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
    WITH row WHERE row.`:TYPE` = 'MENTIONS'
    MATCH (a:Node {id: row.`:START_ID`}), (b:Node {id: row.`:END_ID`})
    MERGE (a)-[r:MENTIONS]->(b)
    SET r.count = toInteger(row.`count:long`), r.evidence = row.`evidence:string`;

>>> import networkx as nx, tempfile
>>> g = nx.MultiDiGraph()
>>> g.add_node("aws:s3", kind="aws_service", label="Amazon S3"); g.add_node("note:a.md", kind="note", label="A")
>>> g.add_edge("note:a.md", "aws:s3", key="mentions", relation="mentions", count=2)
'mentions'
>>> folder = tempfile.mkdtemp(); write_neo4j_csv(g, folder)
>>> read_neo4j_csv(folder).edges["note:a.md", "aws:s3", "mentions"]["count"]
2
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import networkx as nx

from ..catalog import ENTITY_KINDS
from ._files import atomic_path
from .graphml import graphml_safe

__all__ = ["write_neo4j_csv", "read_neo4j_csv", "NODES_FILE", "RELATIONSHIPS_FILE"]

NODES_FILE = "nodes.csv"
RELATIONSHIPS_FILE = "relationships.csv"
NODE_COLUMNS = ["id:ID", "label", "kind", ":LABEL"]
RELATIONSHIP_COLUMNS = [":START_ID", ":END_ID", ":TYPE"]
PARSE = {"boolean": lambda s: s == "true", "long": int, "int": int, "double": float, "float": float}


def column_type(values: list) -> str:
    """The neo4j-admin type of a column holding ``values``: boolean, long, double or string."""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def typed_columns(items: list[dict], fixed: set[str]) -> dict[str, str]:
    """``{attribute: header}`` (``count`` → ``count:long``) for every attribute not in ``fixed``."""
    values: dict[str, list] = {}
    for d in items:
        for k, v in d.items():
            if k not in fixed:
                values.setdefault(k, []).append(v)
    return {k: f"{k}:{column_type(vs)}" for k, vs in sorted(values.items())}


def cell(value) -> str:
    """A CSV cell for one attribute value (booleans as neo4j's ``true``/``false``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def neo4j_label(kind: str) -> str:
    """The ``:LABEL`` cell of a node: its kind in CamelCase, plus ``Entity`` for entity kinds."""
    name = "".join(part.capitalize() for part in str(kind).split("_")) or "Node"
    return f"{name};Entity" if kind in ENTITY_KINDS else name


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write one CSV file (UTF-8, no BOM), atomically."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with atomic_path(path) as tmp:
        tmp.write_text(buf.getvalue(), encoding="utf-8")


def write_neo4j_csv(g: nx.MultiDiGraph, folder: str | os.PathLike) -> None:
    """Write ``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import`` into ``folder``."""
    safe, folder = graphml_safe(g), Path(folder)
    nodes = list(safe.nodes(data=True))
    ncols = typed_columns([d for _, d in nodes], {"label", "kind"})
    write_csv(folder / NODES_FILE, NODE_COLUMNS + list(ncols.values()),
              [[str(n), cell(d.get("label", n)), cell(d.get("kind")), neo4j_label(d.get("kind", ""))]
               + [cell(d.get(k)) for k in ncols] for n, d in nodes])
    edges = list(safe.edges(keys=True, data=True))
    ecols = typed_columns([d for *_, d in edges], {"relation"})
    write_csv(folder / RELATIONSHIPS_FILE, RELATIONSHIP_COLUMNS + list(ecols.values()),
              [[str(u), str(v), str(d.get("relation") or k).upper()] + [cell(d.get(a)) for a in ecols]
               for u, v, k, d in edges])


def parse_row(row: dict[str, str], skip: set[str]) -> dict:
    """The attributes of one CSV row: typed by the header, empty cells left out."""
    out = {}
    for header, text in row.items():
        if header in skip or text == "" or text is None:
            continue
        name, _, kind = header.rpartition(":") if ":" in header else (header, "", "string")
        out[name] = PARSE.get(kind.lower(), str)(text)
    return out


def read_neo4j_csv(folder: str | os.PathLike) -> nx.MultiDiGraph:
    """Read ``nodes.csv`` and ``relationships.csv`` back into a ``MultiDiGraph`` (key = relation)."""
    folder, g = Path(folder), nx.MultiDiGraph()
    with open(folder / NODES_FILE, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            g.add_node(row["id:ID"], **parse_row(row, {"id:ID", ":LABEL"}))
    with open(folder / RELATIONSHIPS_FILE, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            relation = row[":TYPE"].lower()
            g.add_edge(row[":START_ID"], row[":END_ID"], key=relation, relation=relation,
                       **parse_row(row, set(RELATIONSHIP_COLUMNS)))
    return g
