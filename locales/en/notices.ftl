## What citizens are told around a meeting: reminders, the broadcast, the rating request.
## $host, $venue, $place and $url arrive escaped; $when is the local date and time.

notice-remind-day =
    🔔 <b>Reminder: the akim meets the population</b>
    👤 Akim of { $host }
    🕒 { $when }
    📍 { $venue }, { $place }
notice-remind-hour =
    ⏰ <b>The meeting starts soon, at { $time }</b>
    👤 Akim of { $host }
    🕒 { $when }
    📍 { $venue }, { $place }
notice-broadcast-line = 📺 <a href="{ $url }">Live broadcast</a>
notice-live =
    📺 <b>The meeting has started</b>
    Watch the akim of { $host } meet the population live: <a href="{ $url }">broadcast</a>
notice-broadcast-button = 📺 Open the broadcast
notice-settings-hint = <i>Notification settings: /settings</i>

notice-rate =
    ⭐ <b>How did the meeting go?</b>
    How satisfied are you with the meeting of the akim of { $host } with the population on { $when }?
    1 — not at all, 5 — fully. Tap one number.
notice-rate-button = { $score }
notice-rate-button-chosen = ✅ { $score }
notice-rate-chosen = Your rating: <b>{ $score } of 5</b>. Thank you! To change it, tap another number.
notice-rate-thanks = Thank you! Your rating: { $score } of 5
notice-rate-stale = This meeting cannot be rated: the button is out of date or the meeting was cancelled.
