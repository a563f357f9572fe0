"""Python-Markdown extension: each task list checkbox named by its item's text.

pymdownx.tasklist renders ``- [ ] Läs strategin`` as::

    <li class="task-list-item"><label class="task-list-control"><input type="checkbox" .../>
      <span class="task-list-indicator"></span></label> Läs strategin</li>

The label holds only the tick graphic, so the checkbox has no accessible name (axe: label).
This adds ``aria-label="Läs strategin"`` to the input. pymdownx stashes the checkbox as raw
HTML, so this runs as a postprocessor, on the page's own HTML, after the stash is restored.
"""

from __future__ import annotations

import html
import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

_TASK = re.compile(r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
                   r'(/?>.*?</label>)(.*?)(?=</li>|<ul|<ol)', re.S)


def label_tasks(text: str) -> str:
    def labelled(m: re.Match) -> str:
        name = " ".join(html.unescape(re.sub(r"<[^>]+>", "", m.group(3))).split())
        return f'{m.group(1)} aria-label="{html.escape(name, quote=True)}"{m.group(2)}{m.group(3)}'

    return _TASK.sub(labelled, text)


class _Labels(Postprocessor):
    def run(self, text: str) -> str:
        return label_tasks(text)


class TaskLabelExtension(Extension):
    def extendMarkdown(self, md):
        # After raw HTML is put back (priority 30), before anything that reads the final HTML.
        md.postprocessors.register(_Labels(md), "policy_task_labels", 5)
