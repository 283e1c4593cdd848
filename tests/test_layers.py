"""The house is one-way: no module imports a later stage (read → structure → extract → graph → export)."""
import ast
from pathlib import Path

import notegraph

PACKAGE = Path(notegraph.__file__).parent

# stage of each module (by dotted name under notegraph); a module may import its own or earlier stages
STAGES = [
    {"problems", "catalog", "catalog.words", "catalog.debian", "catalog.simpleicons", "catalog.build"},
    {"notes", "markdown"},
    {"structure", "links", "talks"},
    {"extract", "extract.matcher", "extract.fuzzy", "extract.text", "extract.mentions", "extract.relations",
     "extract.companies", "extract.affiliations", "extract.presenters", "extract.senses", "extract.tools", "extract.note", "extract.component"},
    {"schema", "graph", "cache"},
    {"export", "export._files", "export.graphml", "export.gexf", "export.node_link", "export.neo4j_csv",
     "export.html", "query", "report", "report.facts", "report.charts"},
    {"build", "parallel", "watch"},
    {"cli", "__main__", ""},
]
STAGE_OF = {name: i for i, names in enumerate(STAGES) for name in names}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(parts)


def imported(path: Path, name: str) -> set[str]:
    """notegraph modules a file imports at module level or in functions (relative and absolute)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("notegraph"):
                target = node.module.removeprefix("notegraph").lstrip(".")
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}" if target else alias.name
                out.add(sub if sub in STAGE_OF else target)
        elif isinstance(node, ast.Import):
            out |= {a.name.removeprefix("notegraph").lstrip(".") for a in node.names if a.name.startswith("notegraph")}
    return out


def test_every_module_has_a_stage():
    names = {module_name(p) for p in PACKAGE.rglob("*.py")}
    assert names - set(STAGE_OF) == set()


def test_no_module_imports_a_later_stage():
    backwards = []
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        for target in imported(path, name):
            if target in STAGE_OF and STAGE_OF[target] > STAGE_OF[name]:
                backwards.append(f"{name} imports {target}")
    assert backwards == []


def test_the_checker_sees_a_backward_import(tmp_path):
    """Counter-example: a structure-stage file importing graph is caught."""
    fake = PACKAGE / "structure.py"
    src = "from .graph import assemble\nfrom . import notes\n"
    probe = tmp_path / "structure.py"
    probe.write_text(src, encoding="utf-8")
    found = imported(probe, "structure")
    assert {"graph", "notes"} <= found
    assert STAGE_OF["graph"] > STAGE_OF[module_name(fake)]
