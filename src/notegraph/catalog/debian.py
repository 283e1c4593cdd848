"""Command-line programs and daemons from Debian's package index: the unix tools (``rsync``,
``lsyncd``, ``colordiff``, ``dnsmasq``) that no brand list or CNCF landscape names.

Two steps, so that the catalog build needs no 50 MB index:

* ``python -m notegraph.catalog.debian PACKAGES [--release NAME]`` reads a Debian ``Packages``
  index (plain, ``.gz`` or ``.xz``; e.g. ``bookworm/main/binary-amd64/Packages.xz`` from
  deb.debian.org) and writes the names of its *program* packages to :data:`SNAPSHOT` with the
  release in its header (:func:`program_packages`): libraries, headers, documentation, data,
  fonts, language bindings (``python3-…``, ``ruby-…``, ``node-…``), cross compilers, versioned
  packages, dummy and transitional packages are left out by Debian's own naming conventions and
  sections.
* :func:`debian_records` (called by :mod:`notegraph.catalog.build`) reads the snapshot and keeps the
  names that cannot be a word: at least four characters, unknown to Sudachi's dictionary (which
  knows ``less``, ``tree``, ``screen``, ``hello``), not an English stop word (spaCy's list: ``when``,
  ``most``, ``since``), not a Python keyword or builtin (``dict``), not a common or brand word of
  :mod:`notegraph.catalog.words`.

A second snapshot, :data:`COMMANDS`, holds the commands those packages install that are not package
names themselves (``iostat`` of sysstat, ``vmstat`` and ``sysctl`` of procps, ``envsubst`` of
gettext-base): ``python -m notegraph.catalog.debian PACKAGES --contents Contents-amd64.gz`` reads
Debian's ``Contents`` index (which file each package installs) and keeps the lower-case names in
``bin``/``sbin`` of program packages and of ``-bin``/``-utils``/``-tools``/``-progs`` packages
(:func:`command_names`). Commands are typed in lower case, so their entities match only so written.

Package names are lower-case words a programmer also writes as identifiers (``dict``, ``hostname``),
so their entities are ``prose_only``: the matcher takes them only inside Japanese prose or alone on
a line, never in English text or code (see :mod:`notegraph.extract.matcher`).
"""
from __future__ import annotations

import argparse
import builtins
import gzip
import keyword
import lzma
import re
from pathlib import Path

__all__ = ["SNAPSHOT", "COMMANDS", "read_packages", "program_packages", "command_names", "write_snapshot",
           "snapshot_names", "is_word_like"]

SNAPSHOT = Path(__file__).resolve().parent / "sources" / "debian-programs.txt"
COMMANDS = Path(__file__).resolve().parent / "sources" / "debian-commands.txt"
_COMMAND_FILE = re.compile(r"^(?:usr/)?s?bin/([a-z][a-z0-9]*(?:[-.+][a-z0-9]+)*\+*)\s+(\S+)$")
# (lower case, no underscore: "cdfmoy_weighted", "getc_putc" are identifiers more than commands)
_SUITE = re.compile(r"-(?:bin|utils|tools|progs)$")  # packages of several commands: libc-bin, bind9-dnsutils
MIN_LENGTH = 4

# Sections whose packages are libraries, data, documentation or desktop/science suites, not tools.
NON_PROGRAM_SECTIONS = frozenset("""
libs libdevel doc fonts oldlibs localization debug introspection metapackages tasks x11 gnome kde xfce
games science math electronics hamradio gnu-r haskell ocaml lisp java perl ruby javascript php golang
rust zope tex sound video graphics education news otherosfs
""".split())
# Debian's naming conventions for libraries, bindings, add-ons, data and cross toolchains.
NON_PROGRAM_NAME = re.compile(
    r"^(?:lib|python3?-|ruby-|node-|golang-|r-cran-|r-bioc-|r-other-|fonts-|texlive-|php-|elpa-|gir1|gnome-|kde|"
    r"xfonts|xserver-|linux-|firmware-|qml|qt[56]|gstreamer|haskell-|ocaml-|erlang-|emacs-|vim-|hunspell-|"
    r"myspell-|aspell-|hyphen-|mythes-|task-|tryton-|trytond-|octave-|coq-|puppet-module-|llvm-|gcc-|g\+\+-|"
    r"cpp-|openjdk-)|"
    r"(?:-dev|-doc|-docs|-data|-common|-dbg|-dbgsym|-perl|-java|-el|-plugins?|-examples|-tests|-l10n|-locales?|"
    r"-themes?|-icons)$|"
    r"\d\.\d|-linux-gnu|-mingw|-multilib")
# Python's keywords and builtins ("dict", "print", "property"): identifiers in any note about code.
PYTHON_NAMES = frozenset(keyword.kwlist) | frozenset(n.casefold() for n in dir(builtins))
NOT_A_PROGRAM = re.compile(r"\b(?:transitional|dummy)\b", re.I)


def open_index(path: Path):
    """A text stream over a plain, gzip or xz Packages file."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    if path.suffix == ".xz":
        return lzma.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def read_packages(path: Path) -> list[dict[str, str]]:
    """The stanzas of a Debian ``Packages`` index as dicts (continuation lines joined)."""
    out: list[dict[str, str]] = []
    cur: dict[str, str] = {}
    key = None
    with open_index(path) as f:
        for line in f:
            if not line.strip():
                if cur:
                    out.append(cur)
                cur, key = {}, None
            elif line[0] in " \t" and key:
                cur[key] += " " + line.strip()
            else:
                key, _, value = line.partition(":")
                cur[key] = value.strip()
    if cur:
        out.append(cur)
    return out


def program_packages(stanzas: list[dict[str, str]]) -> list[str]:
    """Names of the packages that are programs (see the module docstring), sorted, unique."""
    names = set()
    for s in stanzas:
        name, section = s.get("Package", ""), s.get("Section", "").rsplit("/", 1)[-1]
        if not name or section in NON_PROGRAM_SECTIONS or NON_PROGRAM_NAME.search(name):
            continue
        if NOT_A_PROGRAM.search(s.get("Description", "")):
            continue
        names.add(name)
    return sorted(names)


def command_names(contents: Path, programs: set[str]) -> list[str]:
    """Commands in ``bin``/``sbin`` that a ``Contents`` index lists for a program package or a suite of
    commands (``-bin``, ``-utils``, ``-tools``, ``-progs``), minus the program names themselves;
    sorted, unique."""
    names = set()
    with open_index(contents) as f:
        for line in f:
            m = _COMMAND_FILE.match(line)
            if m is None or m.group(1) in programs:
                continue
            packages = [loc.rsplit("/", 1)[-1] for loc in m.group(2).split(",")]
            if any(p in programs or _SUITE.search(p) for p in packages):
                names.add(m.group(1))
    return sorted(names)


def write_snapshot(names: list[str], release: str, out: Path = SNAPSHOT, what: str = "program packages") -> None:
    """Write the snapshot: a header naming the release, then one name per line."""
    out.parent.mkdir(parents=True, exist_ok=True)
    header = (f"# Debian {release}: {what}, written by `python -m notegraph.catalog.debian`\n"
              f"# {len(names)} names; see notegraph/catalog/debian.py for which packages count as programs\n")
    out.write_text(header + "\n".join(names) + "\n", encoding="utf-8")


def snapshot_names(path: Path = SNAPSHOT) -> tuple[list[str], str]:
    """The snapshot's package names and its release (from the header); ``([], "")`` if absent."""
    if not path.exists():
        return [], ""
    lines = path.read_text(encoding="utf-8").splitlines()
    release = next((m[1] for m in (re.match(r"# Debian (.+?):", ln) for ln in lines) if m), "")
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")], release


def is_word_like(name: str, known, stop_words: frozenset[str], common: frozenset[str]) -> bool:
    """True when a package name could be an ordinary word: short, a stop or common word, or — for a
    name of letters only — a word Sudachi's dictionary knows (``known(name)``)."""
    folded = name.casefold()
    if len(name) < MIN_LENGTH or folded in stop_words or folded in common or folded in PYTHON_NAMES:
        return True
    return name.isalpha() and known(name)  # "openssh-server", "bzip2", "netplan.io" are no words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("packages", type=Path, help="a Debian Packages index (plain, .gz or .xz)")
    ap.add_argument("--release", default="bookworm main amd64", help="release named in the snapshot's header")
    ap.add_argument("--out", type=Path, default=SNAPSHOT)
    ap.add_argument("--contents", type=Path, help="a Debian Contents index: also write the commands snapshot")
    ap.add_argument("--commands-out", type=Path, default=COMMANDS)
    a = ap.parse_args(argv)
    names = program_packages(read_packages(a.packages))
    write_snapshot(names, a.release, a.out)
    print(f"wrote {len(names)} program packages to {a.out}")
    if a.contents:
        commands = command_names(a.contents, set(names))
        write_snapshot(commands, a.release, a.commands_out, "commands of program packages")
        print(f"wrote {len(commands)} commands to {a.commands_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
