## Officials and their rights: invitations, /officials, /office, /audit.

cmd-office = Official's office
cmd-officials = Officials of akimats
cmd-audit = Audit log

## The invitation link (/start inv_…)

officials-invite-pending = ✉️ This is an invitation to become an official of the akimat: <b>{ $akimat }</b>. First choose your language and accept the terms; the invitation is applied right after.
officials-accept-done =
    ✅ You are now an official of the akimat: <b>{ $akimat }</b>.
    Your office, with everything you can do: /office
officials-accept-already = You are already an official of the akimat: { $akimat }. The link was not used and still works for someone else. Your office: /office
officials-accept-admin = You are an administrator and already have every right. The link was not used: it still works for the official it was made for.
officials-accept-used = This invitation has already been used by someone else. Ask the administrator for a new link.
officials-accept-used-by-you = You have already used this invitation. If you are still an official, your office is /office; otherwise ask the administrator for a new link.
officials-accept-expired = This invitation expired on { $when }. Ask the administrator for a new link.
officials-accept-revoked = This invitation was revoked by the administrator. Ask them for a new link if you need one.
officials-accept-unknown = This invitation link is not valid: check that it was copied whole, or ask the administrator for a new one.

## Notices

officials-notice-accepted = ✅ { $name } (id { $id }) accepted your invitation and is now an official of the akimat: { $akimat }.
officials-notice-removed = You are no longer an official of the akimat: <b>{ $akimat }</b>. Its meetings and questions are closed to you; everything you do as a citizen stays as it was.

## /officials

officials-title = <b>Officials of akimats</b>
officials-overview-intro = Akimats with officials or open invitations. Choose one to see its officials, remove one or revoke a link.
officials-overview-empty = No akimat has officials or open invitations yet. Press “Invite an official” to make a link.
officials-page = Page { $page } of { $pages }
officials-akimat-button = { $name } · 👤 { $officials } · ✉️ { $invites }
officials-invite-other-button = ➕ Invite an official
officials-all-button = ⬅️ All akimats
officials-own-intro = The officials of your akimat (read only: administrators appoint and remove them).
officials-below-intro = Akimats inside your territory that have officials; you may read them:
officials-akimat-title = 🏛 <b>{ $name }</b>
officials-akimat-officials = Officials: { $count }
officials-official-line = { $n }. { $name } (id { $id }), since { $since }
officials-akimat-no-officials = No officials yet.
officials-akimat-invites = <b>Open invitations</b>: { $count }
officials-invite-line = { $n }. made { $created } by id { $by }, valid until { $until }
officials-akimat-readonly = You can read this list; officials are appointed and removed by administrators.
officials-remove-button = ✖️ Remove: { $name }
officials-revoke-button = 🚫 Revoke invitation { $n }
officials-invite-button = ➕ New invitation link
officials-invite-created =
    ✉️ <b>Invitation to the akimat: { $akimat }</b>
    Send this link to the official. It works once, until { $until }: whoever opens it first becomes an official of this akimat.

    { $link }

    If it went to the wrong person, revoke it.
officials-revoke-link-button = 🚫 Revoke this link
officials-back-to-akimat-button = ⬅️ To the akimat
officials-revoked = 🚫 The invitation is revoked: the link no longer works.
officials-revoke-used = This invitation has already been used, so it cannot be revoked. Remove the official instead.
officials-revoke-expired = This invitation has already expired: the link no longer works.
officials-revoke-revoked = This invitation was already revoked.
officials-remove-confirm = Remove { $name } (id { $id }) from the akimat { $akimat }? They lose access at once and are told.
officials-remove-yes = ✖️ Yes, remove
officials-removed = ✅ { $name } (id { $id }) is no longer an official of this akimat. They have been told.
officials-remove-gone = { $name } (id { $id }) is not an official of this akimat (any more).
officials-ask-locality =
    <b>Invite an official</b>
    Which akimat will they work for? Type the name of the region, district, city, rural okrug or village with its own akim.
    To stop: /cancel
officials-pick-locality = Choose the akimat (only units with an akim of their own are listed):
officials-hit-button = { $name } · { $parent }
officials-locality-none = No unit with an akim has that name. Check the spelling or type a shorter part of the name.
officials-expected-text = Type the name of the locality, or /cancel.
officials-cancelled = Cancelled: no link was made.
officials-stale-step = This button is no longer current. Open /officials again.
officials-error-unknown-locality = This unit is no longer in the classifier. Type the name again.
officials-error-no-akim = This unit has no akim of its own, so it has no akimat. Choose another.
officials-error-unknown-akimat = This akimat no longer exists. Open /officials again.

## /office

office-title-official = 🏛 <b>Your office</b>
office-title-admin = 🏛 <b>Administrator's office</b>
office-acts-for = You act for:
office-reads = You may also read { $count ->
        [one] this akimat inside your territory:
       *[other] these { $count } akimats inside your territory:
    }
office-akimat-line = • { $name }
office-admin-summary =
    Akimats with officials: { $akimats }
    Officials: { $officials }
    Open invitations: { $invites }
    Denied attempts in the last 7 days: { $denied }
office-commands = <b>Commands</b>
office-command-line = /{ $command } — { $description }
office-not-staff = You are not an official of any akimat. An administrator can invite you with a personal link.

## /audit

audit-title = <b>Audit log</b>, newest first
audit-empty = The audit log is empty.
audit-line = { $mark } { $when } · id { $actor } · { $what }
audit-allowed = ✅
audit-denied = ⛔
audit-detail = <i>{ $detail }</i>
audit-akimat-id = akimat { $id }
audit-refresh = 🔄 Newest
