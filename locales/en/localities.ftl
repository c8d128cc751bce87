# Choosing a locality to follow: browsing the KATO tree and searching by name.

# A place with the units above it, e.g. "<b>Karaauyl v.</b> (Abai oblast › Abai district)".
# `name` and `chain` arrive escaped.
loc-place = <b>{ $name }</b> ({ $chain })
loc-place-top = <b>{ $name }</b>

loc-top-title =
    <b>Choose your oblast</b> or city of republican significance.
    Then go down to your district, rural okrug and village.
loc-level-title =
    📍 { $path }
    { $count ->
        [one] One unit inside. Choose it, or follow the whole of <b>{ $name }</b>.
       *[other] { $count } units inside. Choose one, or follow the whole of <b>{ $name }</b>.
    }
loc-level-empty =
    📍 { $path }
    There is nothing inside <b>{ $name }</b> to choose from: follow it as a whole.
loc-page = Page { $page } of { $pages }
loc-page-prev = ◀️
loc-page-next = ▶️
loc-page-counter = { $page }/{ $pages }
loc-follow-button = ✅ Follow { $name }
loc-top-button = 🏠 Oblasts
loc-search-button = 🔎 Search by name
loc-browse-button = 📋 Browse the list

loc-search-ask =
    Type the name of your village, town or district.
    Kazakh or Russian spelling both work, and so do Latin letters: <i>Қараауыл</i>, <i>Карааул</i>, <i>Qaraauyl</i>.
loc-search-too-short = Type at least two letters of the name, please.
loc-search-too-long = That is too long for a place name. Type just the name of the village, town or district.
loc-search-not-found =
    Nothing found for «{ $query }».
    Try another spelling (in Kazakh or in Russian, with or without the Kazakh letters), type only the beginning of the name, or browse the list.
loc-search-results =
    { $count ->
        [one] One locality matches «{ $query }»:
       *[other] { $count } localities match «{ $query }»:
    }
loc-search-hit = { $number }. { $place }
loc-search-footer = Press the number of yours. Not there? Type the name differently, or browse the list.
loc-search-hit-button = { $number }. { $name }
loc-search-non-text = I can only search by a typed name. Type the name of your locality as text, or browse the list.
loc-search-cancelled = Search closed.

loc-followed =
    ✅ You follow { $place }.
    You will get notices about the akim's meetings with the population held for it and for every larger unit it belongs to (district, oblast).
loc-followed-inside-hint = Meetings held separately for the villages inside it are not included. To hear of them too, turn on «Everything inside» in /subscriptions.
loc-already-followed = You already follow { $place }.
loc-already-followed-short = You already follow this locality.
loc-followed-short = Done: you follow it.
loc-limit-reached =
    { $limit ->
        [one] You already follow { $limit } locality, the most allowed.
       *[other] You already follow { $limit } localities, the most allowed.
    } Remove one in /subscriptions first.
loc-unknown = This locality is not in the classifier (the button is out of date). Choose again: /subscribe
loc-add-another-button = ➕ Add another locality
loc-meetings-button = 📅 Meetings
