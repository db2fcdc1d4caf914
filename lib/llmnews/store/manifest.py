"""What a store was made from: the manifest, and which partitions a new prepare must redo.

``manifest.json`` records the store format, the fingerprint of the code that makes the tables and
of the linguistic resources, the articles folder, every input file's content hash (with its
``metadata.csv`` row), the partitions (which files each holds) and the row counts of every table.
It is written last, atomically: a table part that no manifest names is never trusted, so an
interrupted prepare leaves nothing a later run would read.

Partitions are contiguous runs of files in file-name order. A new file joins the partition whose
range it falls in, a partition that grows past twice the target size is split, and one that
empties is dropped; so a changed or added article re-prepares one partition, not the corpus, and
the concatenated tables are always in file-name order whatever the history of the store.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from llmnews import __version__

__all__ = [
    "FORMAT",
    "PARTITION_ARTICLES",
    "Manifest",
    "InputFile",
    "code_fingerprint",
    "scan_inputs",
    "read_manifest",
    "write_manifest",
    "plan_partitions",
]

FORMAT = 1  # bumped when the layout of the store changes
# Articles per partition: about 0.3 M characters of typical news, under a second of work, small
# enough that re-preparing one after an edit costs little beside the fixed start-up and global
# steps; large enough that the per-partition files and tasks (100 at 10,000 articles) stay cheap.
PARTITION_ARTICLES = 100
MANIFEST_NAME = "manifest.json"

# The modules whose code decides the tables (the figures and the build do not).
_STAGE_MODULES = ("corpus", "dates", "facts", "lexicon", "resources", "sentences", "terms", "text", "timeline",
                  "errors", "store")


def code_fingerprint() -> str:
    """Hash of the package code that makes the tables: a different version means another store."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(__version__.encode())
    for name in _STAGE_MODULES:
        target = package / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [package / f"{name}.py"]
        for path in files:
            if path.exists():
                digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class InputFile:
    name: str
    digest: str  # sha256 of the bytes and of the file's metadata.csv row


def _file_digest(path: Path, meta: dict) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    digest.update(b"\0" + json.dumps(meta, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:20]


def scan_inputs(seeds_dir: Path, metadata: dict[str, dict]) -> list[InputFile]:
    """Every ``.txt`` file of the folder, in file-name order, with its content hash."""
    files = sorted((p for p in seeds_dir.iterdir() if p.suffix.lower() == ".txt" and p.is_file()),
                   key=lambda p: p.name)
    out = []
    for path in files:
        try:
            digest = _file_digest(path, metadata.get(path.stem, {}))
        except OSError as err:  # unreadable: the load step reports it with the file and reason
            digest = f"unreadable:{type(err).__name__}"
        out.append(InputFile(path.name, digest))
    return out


@dataclass
class Manifest:
    format: int
    code: str
    resources: str
    seeds_dir: str
    files: dict[str, str]  # file name -> digest
    partitions: dict[str, list[str]]  # partition id -> file names, in order
    rows: dict[str, dict[str, int]] = field(default_factory=dict)  # table -> partition -> rows
    global_rows: dict[str, int] = field(default_factory=dict)
    skipped: list[dict] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    next_partition: int = 0

    def ordered_partitions(self) -> list[str]:
        """Partitions in file-name order of their first file (so tables read in file-name order)."""
        return sorted(self.partitions, key=lambda p: self.partitions[p][0] if self.partitions[p] else "")

    def digest(self) -> str:
        """One hash for the whole store's content, for the build's cache key."""
        text = json.dumps({"code": self.code, "resources": self.resources, "files": self.files,
                           "seeds_dir": self.seeds_dir}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def read_manifest(store_dir: Path) -> tuple[Manifest | None, str]:
    """The store's manifest, or None with the reason it cannot be used."""
    path = store_dir / MANIFEST_NAME
    if not path.exists():
        return None, "no store yet" if not store_dir.exists() else "the store has no manifest"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(**data)
    except (OSError, ValueError, TypeError) as err:
        return None, f"its manifest is unreadable ({type(err).__name__}: {err})"
    if manifest.format != FORMAT:
        return None, f"it was written in store format {manifest.format}, this package writes {FORMAT}"
    return manifest, ""


def write_manifest(store_dir: Path, manifest: Manifest) -> None:
    path = store_dir / MANIFEST_NAME
    temporary = path.with_name(f".{MANIFEST_NAME}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(manifest.__dict__, ensure_ascii=False, indent=1, sort_keys=True),
                         encoding="utf-8")
    os.replace(temporary, path)


def plan_partitions(inputs: list[InputFile], old: Manifest | None,
                    target: int = PARTITION_ARTICLES) -> tuple[dict[str, list[str]], set[str], int]:
    """(partitions, the ones to prepare, next partition number) for ``inputs``.

    Without a usable old manifest every partition is new. With one, each old partition keeps the
    files it had that still exist, new files join the partition whose range they fall in, and a
    partition is redone when its files or any of their digests changed.
    """
    next_id = old.next_partition if old is not None else 0

    def new_id() -> str:
        nonlocal next_id
        next_id += 1
        return f"p{next_id - 1:06d}"

    names = [f.name for f in inputs]
    if old is None or not old.partitions:
        partitions = {new_id(): names[i:i + target] for i in range(0, len(names), target)}
        return partitions, set(partitions), next_id

    digests = {f.name: f.digest for f in inputs}
    order = old.ordered_partitions()
    firsts = [old.partitions[p][0] for p in order]
    members: dict[str, list[str]] = {p: [] for p in order}
    for name in names:
        slot = max(0, bisect.bisect_right(firsts, name) - 1)
        members[order[slot]].append(name)
    partitions: dict[str, list[str]] = {}
    dirty: set[str] = set()
    for p in order:
        files = members[p]
        if not files:
            continue  # every file of it is gone: the partition goes
        changed = files != old.partitions[p] or any(old.files.get(n) != digests[n] for n in files)
        if len(files) > 2 * target:
            for i in range(0, len(files), target):
                piece = new_id()
                partitions[piece] = files[i:i + target]
                dirty.add(piece)
            continue
        partitions[p] = files
        if changed:
            dirty.add(p)
    return partitions, dirty, next_id
