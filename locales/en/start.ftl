start-choose-language = Choose your language · Тілді таңдаңыз · Выберите язык
start-language-set = Language changed: English.
start-intro =
    <b>Kezdesu</b> connects you with your akim.

    • hear of upcoming akim meetings with the population in your locality;
    • send questions and proposals before the meeting and support your neighbours' ones;
    • see what came of it: the action plan and its progress every quarter.

    <b>Your data.</b> To send you notices and keep your questions, we store your Telegram id, your language, the localities you follow and what you write. Nothing else. You can download it with /mydata and delete it with /forget at any time. Details: /privacy.

    Do you agree to the processing of these personal data?
consent-accept = ✅ I agree
consent-decline = ✖️ I do not agree
consent-show = Read and agree
consent-thanks = Thank you! Your consent is recorded.
consent-already = Your consent is already recorded.
consent-declined =
    Understood. We keep nothing but your Telegram id and language.
    Without consent the bot cannot send you notices or accept questions. If you change your mind, send /start.
consent-withdraw-hint = To withdraw your consent and delete your data, send /forget.
consent-required = To do this, please agree to the processing of personal data first.
consent-required-short = Please agree to the processing of personal data first: send /start.
start-choose-locality =
    Choose the locality whose akim meetings you want to follow.
    Browse the list from the oblast down, or type the name of your village or town.
start-browse-localities = 📋 Browse the list
start-search-locality = 🔎 Search by name
start-bad-link = This link is damaged or out of date, so here is the start page.
