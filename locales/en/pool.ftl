## The question pool of a meeting: what officials see and do, and what citizens are told.

cmd-pool = Questions pool of a meeting
pool-button = 🗳 Questions pool

## /pool

pool-usage =
    <b>🗳 Questions pool</b>
    Send <code>/pool &lt;meeting number&gt;</code>, for example <code>/pool 12</code>, or pick a meeting below.
pool-usage-none =
    <b>🗳 Questions pool</b>
    Send <code>/pool &lt;meeting number&gt;</code>, for example <code>/pool 12</code>. Your akimat has no announced meetings yet.
pool-meeting-button = #{ $id } · { $when } · { $host }{ $open ->
    [0] {""}
   *[other] { " " }· 🆕 { $open }
}
pool-title =
    <b>🗳 Questions pool · meeting #{ $id }</b>
    { $meeting }
pool-collection-open = ⏳ Questions are collected until { $cutoff }.
pool-collection-closed = 🔒 Collection closed on { $cutoff }: no new questions.
pool-counts = 🆕 { $new } · 📥 { $accepted } · ✅ { $answered } · ✖️ { $rejected } · 🔗 { $merged }
pool-read-only = 👁 You can view this pool; only officials of the host akimat act on it.
pool-filter-line = Shown: { $status ->
    [new] new
    [accepted] accepted into the list
    [answered] answered
    [rejected] rejected
    [merged] merged
   *[all] every status
    }, { $kind ->
    [question] questions
    [proposal] proposals
   *[all] questions and proposals
    }; most supported first.
pool-item =
    <b>{ $index }.</b> { $number } · { $kind } · { $status } · 👍 { $count }
    { $text }
pool-empty = Nobody has sent anything for this meeting yet.
pool-empty-filter = Nothing matches this filter.
pool-page = Page { $page } of { $pages }
pool-open-hint = Press a number to open the question.
pool-open-button = { $index }
pool-filter-status = { $current ->
    [yes] ▪️{ " " }
   *[no] {""}
}{ $status ->
    [new] 🆕 New
    [accepted] 📥 Accepted
    [answered] ✅ Answered
    [rejected] ✖️ Rejected
    [merged] 🔗 Merged
   *[all] All
} ({ $count })
pool-filter-kind = { $current ->
    [yes] ▪️{ " " }
   *[no] {""}
}{ $kind ->
    [question] ❓ Questions
    [proposal] 💡 Proposals
   *[all] Both kinds
}
pool-export-button = 📊 Export to Excel
pool-status-icon = { $status ->
    [accepted] 📥
    [answered] ✅
    [rejected] ✖️
    [merged] 🔗
   *[new] 🆕
}
pool-kind-icon = { $kind ->
    [proposal] 💡
   *[question] ❓
}

## One question

pool-card =
    <b>{ $number }</b> · { $kind }
    { $status }
    { $supports } · 🕒 { $created }{ $photo ->
        [yes] { " " }· 📷 with a photo
       *[no] {""}
    }
    { $meeting }

    <i>{ $text }</i>
pool-card-answer = <b>✅ Answer</b> ({ $when }):
    { $resolution }
pool-card-reason = <b>✖️ Reason for rejection</b> ({ $when }):
    { $resolution }
pool-card-merged = <b>🔗 Merged into</b> { $number } ({ $when }).
pool-card-accepted = 📥 Accepted into the list of problem issues on { $when }.
pool-accept-button = 📥 Accept into the list
pool-answer-button = ✅ Answer
pool-reject-button = ✖️ Reject
pool-merge-button = 🔗 Merge as a duplicate
pool-photo-button = 📷 Photo
pool-back-button = ⬅️ Back to the pool
pool-back-to-question-button = ⬅️ Back to the question

## Acting (pop-ups are short)

pool-accepted = 📥 Accepted into the list of problem issues. Told: { $notified }.
pool-answer-prompt =
    <b>✅ Answer to { $number }</b>
    Type the answer in one message: { $min }–{ $max } characters. It goes to the author and to everyone who supports the question. To stop: /cancel
pool-reject-prompt =
    <b>✖️ Rejecting { $number }</b>
    Type the reason in one message: { $min }–{ $max } characters. It goes to the author. To stop: /cancel
pool-preview-answer =
    <b>Check the answer to { $number }</b>

    { $text }

    It goes to the author and { $supporters ->
        [0] nobody else (no supporters yet)
        [one] { $supporters } supporter
       *[other] { $supporters } supporters
    }. Send it? To change it, just send a new text.
pool-preview-reject =
    <b>Check the reason for rejecting { $number }</b>

    { $text }

    It goes to the author. Send it? To change it, just send a new text.
pool-send-button = 📨 Send
pool-answered = ✅ The answer to { $number } is saved and on its way. Told: { $notified }.
pool-rejected = ✖️ { $number } is rejected; the reason is on its way to the author. Told: { $notified }.
pool-too-short = Too short: { $length ->
    [one] { $length } character
   *[other] { $length } characters
    }; please write { $min }–{ $max } characters.
pool-too-long = Too long: { $length } characters, the limit is { $max }. Please shorten it by { $over } and send it again.
pool-expect-text = I'm waiting for the text as a message. To stop: /cancel
pool-draft-lost = This draft was already sent or cancelled.
pool-cancelled = Cancelled. Nothing was sent.

## Merging

pool-merge-pick =
    <b>🔗 { $number } repeats which question?</b>
    <i>{ $text }</i>

    Pick the question it duplicates (most supported first):
pool-merge-candidate =
    <b>{ $index }.</b> { $number } · { $kind } · { $status } · 👍 { $count }
    { $text }
pool-merge-none = There is no other question in this meeting's pool to merge it into.
pool-merge-confirm =
    <b>Merge { $number } (👍 { $count }) into { $target } (👍 { $target_count })?</b>
    <i>{ $target_text }</i>

    Supports move over to { $target } (a person who supported both counts once), the author of { $number } becomes its supporter, and both authors are told. This cannot be undone.
pool-merge-confirm-button = 🔗 Merge
pool-merged = 🔗 { $number } is merged into { $target }, which now has { $count ->
    [one] { $count } supporter
   *[other] { $count } supporters
    }. Told: { $notified }.

## What went wrong (pop-ups, short)

pool-meeting-not-found = Meeting #{ $id } was not found.
pool-question-not-found = This question was not found.
pool-already-done = This question is already { $status ->
    [answered] answered
    [rejected] rejected
    [merged] merged into another one
   *[other] dealt with
    }: nothing was changed.
pool-already-accepted = This question is already in the list of problem issues.
pool-bad-target = It cannot be merged into that question: pick another one from the list.
pool-no-photo = This question has no photo.

## Export

pool-export-preparing = 📊 Preparing the file…
pool-export-caption = 📊 Meeting #{ $id }: { $count ->
    [one] { $count } question or proposal
   *[other] { $count } questions and proposals
    } as of { $when }.
pool-xlsx-sheet = Questions
pool-xlsx-number = Number
pool-xlsx-kind = Kind
pool-xlsx-status = Status
pool-xlsx-text = Text
pool-xlsx-supports = Supporters
pool-xlsx-created = Sent (local time)
pool-xlsx-resolution = Answer or reason
pool-xlsx-merged-into = Merged into
pool-xlsx-kind-name = { $kind ->
    [proposal] proposal
   *[question] question
}
pool-xlsx-status-name = { $status ->
    [accepted] accepted
    [answered] answered
    [rejected] rejected
    [merged] merged
   *[new] new
}

## What citizens are told (notifications)

pool-notice-accepted =
    📥 <b>Your { $kind ->
        [proposal] proposal
       *[question] question
    } { $number } is accepted into the list of problem issues</b>
    { $meeting }

    <i>{ $text }</i>

    The akimat will work on it; you will be told what comes of it. All your questions: /myquestions
pool-notice-accepted-supporter =
    📥 <b>The { $kind ->
        [proposal] proposal
       *[question] question
    } { $number } you support is accepted into the list of problem issues</b>
    { $meeting }

    <i>{ $text }</i>
pool-notice-answered =
    ✅ <b>The akimat answered your { $kind ->
        [proposal] proposal
       *[question] question
    } { $number }</b>
    { $meeting }

    <i>{ $text }</i>

    <b>Answer:</b>
    { $resolution }
pool-notice-answered-supporter =
    ✅ <b>The akimat answered the { $kind ->
        [proposal] proposal
       *[question] question
    } { $number } you support</b>
    { $meeting }

    <i>{ $text }</i>

    <b>Answer:</b>
    { $resolution }
pool-notice-rejected =
    ✖️ <b>Your { $kind ->
        [proposal] proposal
       *[question] question
    } { $number } was not accepted</b>
    { $meeting }

    <i>{ $text }</i>

    <b>Reason:</b>
    { $resolution }
pool-notice-merged =
    🔗 <b>Your { $kind ->
        [proposal] proposal
       *[question] question
    } { $number } is merged with a similar one, { $other_number }</b>
    { $meeting }

    <i>{ $other_text }</i>

    Your voice now supports { $other_number }, and you will be told what comes of it.{ $target_answer }
pool-notice-merged-supporter =
    🔗 <b>The { $kind ->
        [proposal] proposal
       *[question] question
    } { $number } you support is merged with a similar one, { $other_number }</b>
    { $meeting }

    <i>{ $other_text }</i>

    Your support moved to { $other_number }.{ $target_answer }
pool-notice-merged-into-yours =
    🔗 <b>A similar question, { $other_number }, is merged into yours, { $number }</b>
    { $meeting }

    Its author and supporters now support yours: { $supports ->
        [one] { $supports } supporter
       *[other] { $supports } supporters
    } in all.
pool-notice-target-answer = <b>The akimat's answer to it:</b>
    { $resolution }

## /myquestions: what became of a question

pool-mine-answer = <b>Answer:</b> { $resolution }
pool-mine-reason = <b>Reason:</b> { $resolution }
pool-mine-merged = Merged into { $number }.
