"""The mathematics of the graph model: no files, terminals, HTTP or databases."""
