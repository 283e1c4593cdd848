"""Brands that simple-icons once listed and has since removed: Microsoft's and Adobe's products
(Internet Explorer, Microsoft Excel, Visual Studio, Adobe Photoshop), retired services (HipChat,
Google Hangouts), renamed products. simple-icons removes a brand when its owner asks or its icon
changes, not because the name stopped being a product's name, and notes written years ago name
exactly those products.

``python -m notegraph.catalog.simpleicons ARCHIVE... --current simple-icons.json`` reads the npm
archives of earlier releases (``npm pack simple-icons@15.22.0``; one per major version is enough)
and writes :data:`SNAPSHOT`: each brand of an archive whose slug and title the current list no
longer has, in the current list's layout (title, slug, aliases), the newest release's record first,
with the releases read in its header. :func:`notegraph.catalog.build.simple_icons_records` reads it
beside the current list, so the retired brands go through the same rules (common words left out or
guarded, tool or company by :func:`~notegraph.catalog.build.brand_kind`).
"""
from __future__ import annotations

import argparse
import json
import re
import tarfile
from pathlib import Path

__all__ = ["SNAPSHOT", "archive_brands", "retired_brands", "write_snapshot", "read_snapshot"]

SNAPSHOT = Path(__file__).resolve().parent / "sources" / "simple-icons-retired.json"
_DATA = re.compile(r"^package/_?data/simple-icons\.json$")


def archive_brands(archive: Path) -> tuple[str, list[dict]]:
    """The release version and the brands of one npm archive of simple-icons."""
    with tarfile.open(archive) as tar:
        version = json.load(tar.extractfile("package/package.json"))["version"]
        member = next(m for m in tar.getmembers() if _DATA.match(m.name))
        data = json.load(tar.extractfile(member))
    return version, data["icons"] if isinstance(data, dict) else data


def _key(release: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", release))


def retired_brands(releases: dict[str, list[dict]], current: list[dict]) -> list[dict]:
    """Brands of earlier ``releases`` ({version: brands}) whose slug and names the ``current`` list
    does not have; each as its newest release recorded it, sorted by slug."""
    names = {n.casefold() for b in current for n in [b["title"], *(b.get("aliases") or {}).get("aka", [])]}
    slugs = {b.get("slug") for b in current}
    out: dict[str, dict] = {}
    for version in sorted(releases, key=_key, reverse=True):
        for brand in releases[version]:
            slug = brand.get("slug") or re.sub(r"[^a-z0-9]", "", brand["title"].casefold())
            if slug in slugs or slug in out or brand["title"].casefold() in names:
                continue
            aliases = {k: v for k, v in (brand.get("aliases") or {}).items() if k in ("aka", "dup", "loc")}
            out[slug] = {"title": brand["title"], "slug": slug, **({"aliases": aliases} if aliases else {})}
    return [out[s] for s in sorted(out)]


def write_snapshot(brands: list[dict], releases: list[str], current: str, out: Path = SNAPSHOT) -> None:
    """Write the snapshot with the releases it was read from."""
    out.write_text(json.dumps({"releases": sorted(releases, key=_key), "current": current, "brands": brands},
                              ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_snapshot(path: Path = SNAPSHOT) -> tuple[list[dict], str]:
    """The retired brands and a provenance string ("1.20.0..15.22.0"); ``([], "")`` if absent."""
    if not path.exists():
        return [], ""
    data = json.loads(path.read_text(encoding="utf-8"))
    releases = data.get("releases") or []
    return data.get("brands") or [], f"{releases[0]}..{releases[-1]}" if releases else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archives", type=Path, nargs="+", help="npm archives of earlier simple-icons releases")
    ap.add_argument("--current", type=Path, required=True, help="the current simple-icons.json")
    ap.add_argument("--current-version", default="", help="its release, for the header")
    ap.add_argument("--out", type=Path, default=SNAPSHOT)
    args = ap.parse_args(argv)
    releases = dict(archive_brands(a) for a in args.archives)
    brands = retired_brands(releases, json.loads(args.current.read_text(encoding="utf-8")))
    write_snapshot(brands, list(releases), args.current_version, args.out)
    print(f"wrote {args.out}: {len(brands)} brands retired since {min(releases, key=_key)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
