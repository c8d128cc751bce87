## What citizens are told around a meeting: reminders, the broadcast, the rating request.
## $host, $venue, $place and $url arrive escaped; $when is the local date and time.

notice-remind-day =
    🔔 <b>Напоминание: встреча акима с населением</b>
    👤 Аким ({ $host })
    🕒 { $when }
    📍 { $venue }, { $place }
notice-remind-hour =
    ⏰ <b>Встреча скоро начнётся, в { $time }</b>
    👤 Аким ({ $host })
    🕒 { $when }
    📍 { $venue }, { $place }
notice-broadcast-line = 📺 <a href="{ $url }">Прямая трансляция</a>
notice-live =
    📺 <b>Встреча началась</b>
    Смотрите встречу акима ({ $host }) с населением в прямом эфире: <a href="{ $url }">трансляция</a>
notice-broadcast-button = 📺 Открыть трансляцию
notice-settings-hint = <i>Настроить уведомления: /settings</i>

notice-rate =
    ⭐ <b>Как прошла встреча?</b>
    Насколько вы довольны встречей акима с населением ({ $host }, { $when })?
    1 — совсем не доволен, 5 — полностью доволен. Нажмите одну цифру.
notice-rate-button = { $score }
notice-rate-button-chosen = ✅ { $score }
notice-rate-chosen = Ваша оценка: <b>{ $score } из 5</b>. Спасибо! Чтобы изменить оценку, нажмите другую цифру.
notice-rate-thanks = Спасибо! Ваша оценка: { $score } из 5
notice-rate-stale = Эту встречу нельзя оценить: кнопка устарела или встреча была отменена.
