## What citizens are told around a meeting: reminders, the broadcast, the rating request.
## $host, $venue, $place and $url arrive escaped; $when is the local date and time.

notice-remind-day =
    🔔 <b>Еске салу: әкімнің халықпен кездесуі</b>
    👤 { $host } әкімі
    🕒 { $when }
    📍 { $venue }, { $place }
notice-remind-hour =
    ⏰ <b>Кездесу жақында басталады: сағат { $time }</b>
    👤 { $host } әкімі
    🕒 { $when }
    📍 { $venue }, { $place }
notice-broadcast-line = 📺 <a href="{ $url }">Тікелей трансляция</a>
notice-live =
    📺 <b>Кездесу басталды</b>
    { $host } әкімінің халықпен кездесуін тікелей эфирде көріңіз: <a href="{ $url }">трансляция</a>
notice-broadcast-button = 📺 Трансляцияны ашу
notice-settings-hint = <i>Хабарламаларды баптау: /settings</i>

notice-rate =
    ⭐ <b>Кездесу қалай өтті?</b>
    { $host } әкімінің халықпен кездесуіне ({ $when }) қаншалықты көңіліңіз толды?
    1 — мүлде көңілім толмады, 5 — толығымен көңілім толды. Бір санды басыңыз.
notice-rate-button = { $score }
notice-rate-button-chosen = ✅ { $score }
notice-rate-chosen = Сіздің бағаңыз: <b>{ $score } / 5</b>. Рақмет! Бағаны өзгерту үшін басқа санды басыңыз.
notice-rate-thanks = Рақмет! Бағаңыз: { $score } / 5
notice-rate-stale = Бұл кездесуді бағалау мүмкін емес: батырма ескірген немесе кездесу болдырылмаған.
