## The meeting card, /meetings and the calendar file.

meet-card-title = <b>🗓 Akim's meeting with the population No. { $id }</b>
meet-card-draft = 📝 <i>Draft: the meeting has not been announced yet.</i>
meet-card-cancelled = ✖️ <b>The meeting is cancelled.</b>
meet-card-host = 👤 Akim of { $host }
meet-card-when = 🕒 { $when }
meet-card-place = 📍 { $venue }, { $place }
meet-card-audience = 👥 For the residents of { $audience }
meet-card-over = ✅ The meeting has taken place.
meet-card-questions-until = ❓ Questions and proposals are accepted until { $until }
meet-card-questions-closed = 🔒 Questions and proposals for this meeting are no longer accepted.

meet-btn-ask = ❓ Ask a question
meet-btn-propose = 💡 Make a proposal
meet-btn-questions = 🗳 Questions of others
meet-btn-calendar = 📅 Add to calendar
meet-btn-broadcast = 📺 Watch the broadcast
meet-btn-open = 📄 { $number }
meet-btn-prev = ◀️ Previous
meet-btn-next = Next ▶️
meet-btn-browse = 📋 Browse the list
meet-btn-search = 🔎 Search by name

meet-announcement-header = 📣 <b>A new meeting has been announced</b>

meet-list-title = <b>{ $count ->
        [one] { $count } upcoming meeting
       *[other] { $count } upcoming meetings
    }</b>
    Press a number to open the meeting.
meet-list-line =
    <b>{ $number }.</b> { $when }
    { $host }
meet-list-page = Page { $page } of { $pages }

meet-none =
    There are no upcoming meetings in the localities you follow yet. We will tell you as soon as one is announced.
    Your localities: /subscriptions
meet-none-short = No upcoming meetings yet.
meet-no-subscriptions =
    You don't follow any locality yet.
    Choose the village, town or district whose akim's meetings you want to hear about:
meet-not-found = This meeting was not found: the link is wrong or out of date. Upcoming meetings: /meetings
meet-cancelled = This meeting has been cancelled. Upcoming meetings: /meetings

meet-calendar-over = This meeting has already taken place; there is no need to add it to a calendar.
meet-calendar-caption = 📅 Open the file to add the meeting to your phone's calendar.
meet-ics-summary = Akim's meeting with the population: { $host }
meet-ics-description = Meeting of the akim of { $host } with the population, for the residents of { $audience }.
meet-ics-broadcast = Live broadcast: { $url }
meet-ics-questions = Ask a question and support others' questions: { $link }
