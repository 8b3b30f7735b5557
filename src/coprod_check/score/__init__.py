"""The scorer, pure: answers and frameworks in; scores, placements and ranked advice out."""
