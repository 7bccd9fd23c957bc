"""Human views of records: an article with its evidence highlighted."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

STYLES = {"quote": "italic green", "event": "bold yellow", "time": "cyan", "place": "magenta",
          "entity": "underline"}


def render_article(rec: dict[str, Any]) -> Group:
    art = rec["article"]
    text = Text(art["text"])
    for e in rec["entities"]:
        for s, t in e["spans"]:
            text.stylize(STYLES["entity"], s, t)
    for t in rec["times"]:
        text.stylize(STYLES["time"], *t["span"])
    for p in rec["places"]:
        text.stylize(STYLES["place"], *p["span"])
    for q in rec["quotes"]:
        text.stylize(STYLES["quote"], *q["span"])
    for ev in rec["events"]:
        for e in ev["evidence"]:
            if e.get("trigger"):
                text.stylize(STYLES["event"], *e["trigger"])
    head = Text(f"{art.get('title') or '(no title)'}\n", style="bold")
    head.append(f"{art['id']}  {art.get('source') or '-'}  published {art.get('published') or 'unknown'}  "
                f"{art.get('input')}", style="dim")
    legend = Text("  ".join(f"{k}" for k in STYLES))
    for k, style in STYLES.items():
        start = legend.plain.find(k)
        legend.stylize(style, start, start + len(k))
    events = Table(title="events", show_lines=False)
    for col in ("id", "type", "actor", "recipient", "status", "sources"):
        events.add_column(col)
    for ev in rec["events"]:
        def names(x: Any) -> str:
            xs = x if isinstance(x, list) else ([x] if x else [])
            return ", ".join(a.get("name") or "?" for a in xs) or "-"
        events.add_row(ev["id"], ev["type"], names(ev["actor"]), names(ev["recipient"]), ev["status"],
                       ", ".join(f"{s['name']}: {s['stance']}" for s in ev["sources"] if s["name"]) or "-")
    dropped = Text("\n".join(f"[{d['reason']}] {d['text']}" for d in art["dropped"]), style="dim")
    return Group(head, legend, Panel(text), events, Panel(dropped, title="dropped by cleaning"))
