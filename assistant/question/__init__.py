"""Question understanding, in one place: what is asked (parts, answer types, comparison
sides), about where and whom (places and their roles, groups, skill level, years,
documents named), and what a follow-up means given the earlier turns."""
