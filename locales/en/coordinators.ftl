## Coordinators: they read every akimat of an oblast, a city of republican significance, the
## capital or the whole republic, and act for none.

cmd-coordinators = Coordinators
coord-republic = The whole republic

## /coordinators (admins)

coord-title = 🧭 <b>Coordinators</b>
coord-none = No coordinators yet.
coord-line = { $n }. { $name } (id { $id }) — { $territory }, since { $since }
coord-invites = <b>Open invitations</b>: { $count }
coord-invite-line = { $n }. { $territory }, valid until { $until }
coord-pick-intro = To invite a new coordinator, choose a territory or type: /coordinators &lt;name or KATO code&gt;
coord-pick-found = Choose the territory:
coord-territory-none = No territory matches “{ $query }”. A coordinator may be given an oblast, a city of republican significance, the capital or the whole republic.
coord-invite-button = ➕ Invite: { $territory }
coord-remove-button = ✖️ Remove: { $name } · { $territory }
coord-revoke-button = 🚫 Revoke invitation { $n }
coord-invite-created =
    ✉️ <b>Coordinator invitation: { $territory }</b>
    Send this link to the coordinator. It works once, until { $until }: whoever opens it first becomes the coordinator of this territory.

    { $link }

    If the link reached the wrong person, revoke it.
coord-revoke-link-button = 🚫 Revoke this link
coord-back-button = ⬅️ Back to coordinators
coord-revoked = 🚫 Invitation revoked: the link no longer works.
coord-revoke-used = This invitation has already been used and cannot be revoked. Remove the coordinator if needed.
coord-revoke-expired = The invitation has already expired: the link does not work.
coord-revoke-revoked = This invitation was already revoked.
coord-remove-confirm = Remove { $name } (id { $id }) as coordinator of “{ $territory }”? Their access ends at once.
coord-remove-yes = ✖️ Yes, remove
coord-removed = ✅ id { $id } is no longer a coordinator of this territory.
coord-remove-gone = id { $id } is not (or no longer) a coordinator of this territory.
coord-error-unknown-territory = This unit is not in the classifier. Open /coordinators and choose again.
coord-error-not-a-territory = A coordinator may only be given an oblast, a city of republican significance, the capital or the whole republic.
access-denied-admin = Only admins may do this. The attempt has been recorded.

## The invitation link (/start crd_…)

coord-invite-pending = ✉️ This is an invitation to become a coordinator: <b>{ $territory }</b>. First choose your language and accept the terms — the invitation applies right after that.
coord-accept-done =
    ✅ You are now a coordinator: <b>{ $territory }</b>.
    You can read the meetings, questions, plans and deadlines of every akimat of the territory; you cannot act for the akimats.
    Your office: /office
coord-accept-already = You already coordinate this territory: { $territory }. The link was not used and still works for someone else. Your office: /office
coord-accept-admin = You are an admin and already have every right. The link was not used: it still works for the coordinator it is meant for.
coord-accept-used = Someone else has already used this invitation. Ask an admin for a new link.
coord-accept-used-by-you = You have already used this invitation. Your office: /office
coord-accept-expired = This invitation expired on { $when }. Ask an admin for a new link.
coord-accept-revoked = An admin revoked this invitation. Ask for a new link if you need one.
coord-accept-unknown = This invitation link is not valid: check that it was copied whole, or ask an admin for a new one.

## Notifications

coord-notice-accepted = ✅ { $name } (id { $id }) accepted your invitation and is now a coordinator: { $territory }.
coord-notice-removed = You are no longer a coordinator of “{ $territory }”: its akimats are no longer open to you. Everything you do as a resident stays as it was.

## /office, /help and the refusal

office-coordinates = You coordinate (read only):
office-coordinator-reads = Akimats in the territory: { $count }
access-denied-coordinator = You are a coordinator: you can read the akimats of your territory but not act for them. The attempt has been recorded.
