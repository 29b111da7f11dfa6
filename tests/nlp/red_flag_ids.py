"""Triage question ids that are red flags, shared by the nlp tests."""

from __future__ import annotations

# Red-flag question ids from CONTRACTS.md (triage), plus `limping`, which the triage
# knowledge asks separately (red_flags.yaml).
RED_FLAG_IDS = (
    "saddle_numbness",
    "bladder_change",
    "bowel_change",
    "sexual_function_change",
    "bilateral_leg_numbness_or_weakness",
    "bilateral_leg_pain",
    "progressive_leg_weakness",
    "leg_pain_below_knee",
    "leg_numbness_or_tingling",
    "trauma_onset",
    "osteoporosis_or_long_term_steroids",
    "hop_pain",
    "focal_bone_tenderness",
    "groin_pain_weight_bearing",
    "unable_to_bear_weight",
    "recent_mileage_jump",
    "energy_deficiency_risk",
    "cancer_history",
    "unexplained_weight_loss",
    "constant_night_pain",
    "fever_or_unwell",
    "infection_risk",
    "pulsating_abdomen_or_faint",
    "urinary_symptoms_or_loin_pain",
    "extension_pain",
    "limping",
)
