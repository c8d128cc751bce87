# Personal receptions of citizens around a meeting (seed 000, clause 7-3; seed 001, clause 3.5):
# the notice to the audience, the citizen's card, the official's card.
reception-notice =
    🤝 <b>Личный приём граждан</b>
    👤 Аким ({ $host }) проводит личный приём граждан <b>{ $day }</b>.
    Встреча с населением: { $when }, { $venue }, { $place }.
reception-card-planned = 🤝 Личный приём граждан: { $days }
reception-official-held = 🤝 Личный приём граждан проведён: { $days }
reception-official-planned = 🗓 Запланирован личный приём: { $days } (срок плана действий считается от него, только когда он прошёл; жителям сообщается накануне)
reception-added-planned = 🗓 { $day } ещё впереди: срок плана действий будет считаться от этого приёма, когда он пройдёт.
