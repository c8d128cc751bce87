## Citizens' questions and proposals, "me too" supports, /myquestions.

q-kind = { $kind ->
    [proposal] 💡 Proposal
   *[question] ❓ Question
}
q-status = { $status ->
    [accepted] 📥 accepted into the pool of issues
    [answered] ✅ answered
    [rejected] ✖️ rejected
    [merged] 🔗 merged with a similar one
   *[new] 🆕 new, awaiting review
}
q-supports = 👍 { $count ->
    [0] no supporters yet
    [one] { $count } supporter
   *[other] { $count } supporters
}
q-meeting-line = 🗓 { $when } · Akim of { $host }

## Writing

q-write =
    { $kind ->
        [proposal] <b>💡 Your proposal to the akim</b>
       *[question] <b>❓ Your question to the akim</b>
    }
    { $meeting }

    { $kind ->
        [proposal] Write your proposal in one message
       *[question] Write your question in one message
    }: { $min }–{ $max } characters, at least two words. You can send a photo with a caption, too.
    { $kind ->
        [proposal] Proposals
       *[question] Questions
    } are accepted until { $cutoff }.
q-photo-prompt = 📷 Attach a photo if it helps (a pothole, a broken streetlight), or press “Skip”.
q-photo-attached = 📷 The photo is attached. Now write the text: { $min }–{ $max } characters, at least two words.
q-caption-not-used = The photo is attached, but its caption was not used as the text.
q-preview =
    <b>Check before sending</b>
    { $kind_label } · { $meeting_line }

    { $text }

    { $photo ->
        [yes] 📷 With a photo
       *[no] Without a photo
    }

    Send it? To change the text, just send a new one.
q-skip-button = ⏭ Skip
q-send-button = 📨 Send
q-sent =
    ✅ Your { $kind ->
        [proposal] proposal
       *[question] question
    } is received, number <b>{ $number }</b>.
    The akimat will see it before the meeting. Follow what becomes of it in /myquestions.
q-sent-duplicate =
    You have already sent exactly this text for this meeting: its number is <b>{ $number }</b>.
    Nothing new was stored.
q-open-meeting-button = 📄 Meeting card
q-others-button = 🗳 Questions of others
q-cancelled = Cancelled. Nothing was sent.
q-nothing-to-cancel = There is nothing to cancel.
q-send-stale = This draft has already been sent or cancelled.
q-button-stale = This button is out of date: look at the latest message.
q-draft-lost = The draft was not found. Open the meeting again: /meetings
q-draft-pending = ✍️ You have an unsent draft: send its text or photo to continue, or /cancel.

## Bad input

q-too-short = Too short: { $length ->
    [one] { $length } character
   *[other] { $length } characters
    }. { $kind ->
        [proposal] A proposal
       *[question] A question
    } needs { $min }–{ $max } characters and at least two words.
q-too-few-words = Please put it in words: at least two words and { $min }–{ $max } characters, so the akimat can understand what it is about.
q-too-long = Too long: { $length } characters, the limit is { $max }. Please shorten it by { $over ->
    [one] { $over } character
   *[other] { $over } characters
    } and send it again.
q-expect-text = I'm waiting for the text as a message (a photo with a caption works too). Stickers, voice messages, videos, files and locations can't be attached. Your draft is kept; to stop, press “Cancel” or send /cancel.
q-expect-photo = I'm waiting for a photo (sent as a photo, not as a file), or press “Skip”. Your draft is kept.
q-expect-confirm = Press “Send” or “Cancel”. To change the text, send a new one; to change the photo, send another photo.
q-closed-while-writing =
    { $reason }

    Your text, in case you want to keep it:

    { $text }

## Meetings that take no questions (short: also shown as pop-ups)

q-meeting-not-found = This meeting was not found. Current meetings: /meetings
q-meeting-not-open = This meeting is not taking questions: it was cancelled, moved or is not announced yet.
q-meeting-closed = The collection of questions for this meeting has closed.
q-list-unavailable = This meeting was cancelled or is not published, so its questions are not shown.

## /myquestions

q-mine-title = <b>Your questions and proposals: { $total }</b>
q-mine-item =
    <b>{ $number }</b> · { $kind }
    { $status } · { $supports }
    { $meeting }
    <i>{ $text }</i>
q-mine-empty =
    You haven't sent any questions or proposals yet.
    Open /meetings, choose a meeting and press “Ask a question” or “Make a proposal”.
q-meetings-button = 🗓 Meetings
q-page = Page { $page } of { $pages }
q-prev-button = ◀️
q-next-button = ▶️

## A meeting's questions

q-list-title =
    <b>🗳 Questions and proposals: { $total }</b>
    { $meeting }
    { $sort ->
        [newest] Newest first.
       *[support] Most supported first.
    }
q-list-item =
    <b>{ $index }.</b> { $number } · { $kind } · 👍 { $count }{ $own ->
        [yes] { " " }· <i>yours</i>
       *[no] {""}
    }{ $photo ->
        [yes] { " " }· 📷 with a photo
       *[no] {""}
    }
    { $text }
q-list-empty = Nobody has asked anything yet. Be the first!
q-list-supports-closed = 🔒 The meeting has begun: supports are closed.
q-list-supports-hint = Press “👍 Me too” with the number of a question that matters to you: the most supported ones come first.
q-support-button = { $supported ->
    [yes] ✅ { $index }. You support it ({ $count })
   *[no] 👍 { $index }. Me too ({ $count })
}
q-sort-newest-button = 🕒 Newest first
q-sort-support-button = 👍 By support
q-ask-button = ❓ Ask a question
q-propose-button = 💡 Make a proposal
q-back-to-meeting-button = ⬅️ Meeting card

## Answers to "me too" (pop-ups, short)

q-supported = 👍 Supported. Thank you!
q-already-supported = You already support this question.
q-support-own = This is your own question: your voice is already in it.
q-support-not-found = This question is no longer in the list.
q-support-closed = Supports are closed: the meeting has begun.
