"""The view as data for other tools: GraphML (yEd, Gephi) or node-link JSON."""

from __future__ import annotations

import io
import json

import networkx as nx

FORMATS = ("graphml", "json")


def graph_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    plain = nx.MultiDiGraph(**{k: str(v) for k, v in graph.graph.items()})
    for node, attrs in graph.nodes(data=True):  # GraphML holds scalars only
        plain.add_node(
            node, **{k: " ".join(v) if isinstance(v, tuple) else ("" if v is None else v) for k, v in attrs.items()}
        )
    plain.add_edges_from(graph.edges(data=True))
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(plain, buffer)
        return buffer.getvalue()
    return (json.dumps(nx.node_link_data(plain, edges="links"), ensure_ascii=False, indent=1) + "\n").encode()
