"""Debian's package index as a catalog source: which packages are programs, which names are words."""
import json

import pytest

from notegraph.catalog import load_catalog
from notegraph.catalog.debian import command_names, is_word_like, program_packages, read_packages
from notegraph.catalog.words import Lexicon

INDEX = """\
Package: rsync
Section: net
Description: fast, versatile, remote (and local) file-copying tool

Package: libpopt0
Section: libs
Description: lib for parsing cmdline parameters

Package: zlib1g-dev
Section: libdevel
Description: compression library - development

Package: python3-requests
Section: python
Description: elegant and simple HTTP library for Python3

Package: rsync-doc
Section: doc
Description: documentation

Package: oldtool
Section: admin
Description: transitional package
 This is a transitional dummy package.

Package: gcc-12-aarch64-linux-gnu
Section: devel
Description: cross compiler

Package: dnsmasq
Section: net
Description: Small caching DNS proxy and DHCP/TFTP server
"""


def test_program_packages_follow_debian_conventions(tmp_path):
    path = tmp_path / "Packages"
    path.write_text(INDEX, encoding="utf-8")
    stanzas = read_packages(path)
    assert len(stanzas) == 8 and "dummy" in stanzas[5]["Description"]  # continuation lines joined
    assert program_packages(stanzas) == ["dnsmasq", "rsync"]


@pytest.fixture(scope="module")
def known():
    lexicon = Lexicon()
    return lambda w: not lexicon.unknown(w)


@pytest.mark.parametrize("name, word", [
    ("rsync", False), ("lsyncd", False), ("openssh-server", False), ("bzip2", False),
    ("less", True),    # Sudachi knows it
    ("when", True),    # an English stop word Sudachi does not know
    ("dict", True),    # a Python builtin
    ("gdb", True),     # too short to be safe
])
def test_names_that_could_be_words_are_left_out(known, name, word):
    from spacy.lang.en.stop_words import STOP_WORDS
    assert is_word_like(name, known, frozenset(STOP_WORDS), frozenset()) is word


def test_shipped_catalog_has_package_tools_behind_other_sources():
    cat = load_catalog()
    assert cat["tool:rsync"].prose_only and cat["tool:rsync"].source == "debian:rsync"
    assert not cat["tool:cmake"].prose_only and cat["tool:cmake"].label == "CMake"  # simple-icons keeps its brand
    assert "tool:when" not in cat.entities and "tool:less" not in cat.entities


CONTENTS = """\
bin/netstat                                             net/net-tools
usr/bin/iostat                                          admin/sysstat
usr/bin/iconv                                           libs/libc-bin
usr/bin/rsync                                           net/rsync
usr/bin/cdfmoy_weighted                                 science/cdftools
usr/bin/Xvfb                                            x11/xvfb
usr/lib/sysstat/sadc                                    admin/sysstat
usr/bin/zcat                                            utils/gzip,utils/gzip-win32
"""


def test_commands_of_program_packages(tmp_path):
    """The commands a program package (or a -bin/-utils suite) installs in bin/sbin, in lower case,
    that are not package names already."""
    path = tmp_path / "Contents"
    path.write_text(CONTENTS, encoding="utf-8")
    programs = {"net-tools", "sysstat", "rsync", "cdftools", "xvfb", "gzip"}
    assert command_names(path, programs) == ["iconv", "iostat", "netstat", "zcat"]


def test_shipped_catalog_has_commands_matched_as_typed():
    cat = load_catalog()
    assert cat["tool:iostat"].prose_only and cat["tool:iostat"].source == "debian-cmd:iostat"
    assert "tool:rsync" in cat.entities and cat["tool:rsync"].source == "debian:rsync"  # the package, not a command


def test_shell_builtins_are_no_programs():
    """bash's builtins (pygments' Bash lexer) are shell words: "printf" names the builtin or the C
    function as often as coreutils' program, so it is left out; "iostat" is no builtin and stays."""
    from notegraph.catalog.build import shell_builtins

    assert {"printf", "echo", "source"} <= shell_builtins() and "iostat" not in shell_builtins()
    cat = load_catalog()
    assert "tool:printf" not in cat.entities and "tool:iostat" in cat.entities
