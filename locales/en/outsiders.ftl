## A staff or admin button pressed by someone who may not press it (handlers/common/outsiders.py).

outsider-staff-button = This button is for akimat officials, and you are not one (or no longer are). The attempt has been recorded.
outsider-admin-button = This button is for the bot's administrators only. The attempt has been recorded.
