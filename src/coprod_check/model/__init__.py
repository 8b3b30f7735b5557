"""The values everything else works with: frameworks (pathways, stages, dimensions, questions),
conditions, the merged catalog, answers, and what the scorer concludes. No reading, no printing."""
