"""The catalogue: elements, the one document reader, limits, export, reference codes, the check graph."""
