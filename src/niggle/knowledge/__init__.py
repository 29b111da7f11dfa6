"""Knowledge the domain reads: YAML data files (plan templates, red flags, advice, exercises)
and small loaders for them. Every clinical or training fact names its source; product
defaults that are not from a study say so.
"""
