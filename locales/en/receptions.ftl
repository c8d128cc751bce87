# Personal receptions of citizens around a meeting (seed 000, clause 7-3; seed 001, clause 3.5):
# the notice to the audience, the citizen's card, the official's card.
reception-notice =
    🤝 <b>Personal reception of citizens</b>
    👤 The akim of { $host } receives citizens in person on <b>{ $day }</b>.
    The meeting with the population: { $when }, { $venue }, { $place }.
reception-card-planned = 🤝 Personal reception of citizens: { $days }
reception-official-held = 🤝 Personal reception of citizens held: { $days }
reception-official-planned = 🗓 Personal reception planned: { $days } (it counts for the action plan's deadline only once held; residents are told the day before)
reception-added-planned = 🗓 { $day } is still ahead: the action plan's deadline will count from this reception once it has taken place.
