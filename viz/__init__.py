"""Architecture diagrams: networkx builds the views, Graphviz `dot` lays them out."""
