"""Files written by one authoring command, restored exactly if any later step fails.

    tx = Transaction(root)
    try:
        tx.write("sources/005_norrvik.txt", data)     # remembers what stood there (or that nothing did)
        ...
    except BaseException:
        tx.rollback()                                 # every file back byte for byte, new folders gone
        raise
"""

from __future__ import annotations

from pathlib import Path


class Transaction:
    def __init__(self, root: Path):
        self.root, self.saved = Path(root), {}

    def write(self, rel: str, content: str | bytes):
        path = self.root / rel
        if rel not in self.saved:
            self.saved[rel] = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    def rollback(self):
        for rel, old in self.saved.items():
            path = self.root / rel
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        for rel in self.saved:  # empty folders the command made
            parent = (self.root / rel).parent
            while parent != self.root and parent.exists() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
