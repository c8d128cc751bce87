# Personal receptions of citizens around a meeting (seed 000, clause 7-3; seed 001, clause 3.5):
# the notice to the audience, the citizen's card, the official's card.
reception-notice =
    🤝 <b>Азаматтарды жеке қабылдау</b>
    👤 { $host } әкімі азаматтарды <b>{ $day }</b> күні жеке қабылдайды.
    Халықпен кездесу: { $when }, { $venue }, { $place }.
reception-card-planned = 🤝 Азаматтарды жеке қабылдау: { $days }
reception-official-held = 🤝 Азаматтарды жеке қабылдау өтті: { $days }
reception-official-planned = 🗓 Жоспарланған жеке қабылдау: { $days } (өткен күні ғана іс-қимыл жоспарының мерзіміне есептеледі; тұрғындарға алдыңғы күні хабарланады)
reception-added-planned = 🗓 { $day } — әлі алда: қабылдау өткен күннен бастап іс-қимыл жоспарының мерзіміне есептеледі.
