## /channel: the akimat's Telegram channel (handlers/official/channel.py)

cmd-channel = The akimat's Telegram channel
channel-no-akimat = Give the KATO code of an akimat you may read, e.g. /channel 623600000. Its officials link the channel with /channel.
channel-title = 📢 <b>Telegram channel</b> · { $akimat }
channel-none = 📢 <b>Telegram channel</b> · { $akimat }
    No channel is linked. Once it is, the bot posts there the announcements of meetings, published action plans, quarterly progress reports and the year's results.
channel-how =
    How to link it:
    1. In the channel's settings, add the bot as an administrator with the right to post messages.
    2. Send me the channel's @username or its t.me link here, or forward any post from the channel.
    You must be the channel's owner or one of its administrators.
channel-linked =
    Channel: { $name }
    Language of posts: { $language }
    Last checked: { $checked }
channel-active = ✅ The bot can post there.
channel-broken =
    ⚠️ <b>The bot cannot post there since { $at }</b>: { $reason }
    Nothing is posted until you fix it in the channel and press "Check again".
channel-language-kk = Kazakh
channel-language-ru = Russian
channel-language-both = Kazakh and Russian
channel-pick-language = In which language should the posts be?
channel-check-button = 🔄 Check again
channel-unlink-button = Unlink the channel
channel-unlink-confirm = Unlink { $name }? The bot will stop posting there; posts already made stay.
channel-unlink-yes = Yes, unlink
channel-unlink-no = No
channel-unlinked = The channel is unlinked.
channel-linked-toast = The channel is linked.
channel-check-ok = All is well: the bot can post.
channel-expired = This choice has expired: send /channel again.
channel-refused-reference = That is not a channel. Send its @username (e.g. @akimat_channel), its t.me link, or forward a post from it.
channel-refused-private = The bot cannot open invite links. Forward any post from the channel instead.
channel-refused-not_found = Telegram does not know this channel, or it is private and the bot is not in it. Add the bot as an administrator first.
channel-refused-not_channel = This is not a channel (a group or a person). Only a channel can be linked.
channel-refused-bot_not_admin = The bot is not an administrator of this channel. Add it in the channel's settings → Administrators.
channel-refused-no_post_right = The bot is an administrator but may not post messages. Give it the right "Post messages".
channel-refused-official_not_admin = You are not the owner or an administrator of this channel, so you cannot link it.
channel-reason-left = the bot was removed from the channel
channel-reason-kicked = the bot was banned from the channel
channel-reason-no_post_right = the bot may no longer post messages
channel-reason-not_found = the channel no longer exists
channel-reason-not_channel = the chat is no longer a channel
channel-reason-bot_not_admin = the bot is no longer an administrator
channel-notice-broken =
    ⚠️ <b>The akimat's channel is broken</b>
    The bot can no longer post to «{ $title }» ({ $at }): { $reason }.
    Announcements and results are not posted there until you fix it: /channel
channel-year-title = 📊 <b>{ $akimat }: the results of { $year }</b>
channel-year-index = Feedback index: { $percent } % ({ $band })
channel-year-index-zero = Feedback index: 0 % — results were not made public in time: { $reasons }
channel-zero-plan = an action plan
channel-zero-report = a quarterly progress report
channel-year-counts =
    Proposals: { $proposals }, accepted { $accepted }
    Questions: { $questions }, answered { $answered }
channel-year-on-time =
    Action plans: { $plans } on time, { $plans_late } late, { $plans_missing } missing
    Quarterly reports: { $reports } on time, { $reports_late } late, { $reports_missing } missing
channel-year-source = Final results of the year: { act-004 }, clause 16. Counted by the Kezdesu bot.
audit-action-channel-view = Viewing the akimat's channel
audit-action-channel-link = Linking the akimat's channel
audit-action-channel-check = Checking the akimat's channel
audit-action-channel-unlink = Unlinking the akimat's channel
channel-record-line = 📢 { $title }{ $broken ->
        [yes] {" "}(broken)
       *[no] {""}
    }: plans posted { $plans }, failed { $plans_failed }; reports posted { $reports }, failed { $reports_failed }

report-xlsx-sheet-channel = Channel
report-xlsx-channel-title = Channel
report-xlsx-channel-state = State
report-xlsx-channel-active = linked
report-xlsx-channel-broken = broken: the bot cannot post
report-xlsx-channel-plans-sent = Plans posted
report-xlsx-channel-plans-failed = Plans not posted
report-xlsx-channel-reports-sent = Quarterly reports posted
report-xlsx-channel-reports-failed = Quarterly reports not posted
report-xlsx-channel-pending = Posts on their way
report-xlsx-channel-last = Last post
