"""The files people own: answers, results and plans. One struct and one reader each; results are
held against the loaded frameworks in ``matching``."""
