# /subscriptions: the localities a person follows.

subs-title =
    <b>Your localities</b>: { $count } of { $limit }.
    You hear of the akim's meetings held for each of them and for every larger unit they belong to.
subs-page = Page { $page } of { $pages }
subs-item = { $number }. { $place }
subs-item-inside-on = { "   " }Everything inside: <b>on</b>, meetings of the villages inside too
subs-item-inside-off = { "   " }Everything inside: off
subs-empty =
    You don't follow any locality yet.
    Choose your village or town to hear of its akim's meetings with the population.
subs-remove-button = 🗑 { $number }. Remove
subs-inside-on-button = { $number }. Everything inside: on
subs-inside-off-button = { $number }. Everything inside: off
subs-add-button = ➕ Add
subs-removed = Removed: { $name }
subs-already-removed = This locality is no longer in your list.
subs-inside-turned-on = «Everything inside» is on: { $name }. Now you also hear of meetings held inside it.
subs-inside-turned-off = «Everything inside» is off: { $name }.
subs-inside-unchanged = Already set.
