## The meeting card, /meetings and the calendar file.

meet-card-title = <b>🗓 Әкімнің халықпен кездесуі № { $id }</b>
meet-card-draft = 📝 <i>Жоба: кездесу әлі жарияланған жоқ.</i>
meet-card-cancelled = ✖️ <b>Кездесу болдырылмады.</b>
meet-card-host = 👤 { $host } әкімі
meet-card-when = 🕒 { $when }
meet-card-place = 📍 { $venue }, { $place }
meet-card-audience = 👥 Кімдерге арналған: { $audience } тұрғындары
meet-card-over = ✅ Кездесу өтіп кетті.
meet-card-questions-until = ❓ Сұрақтар мен ұсыныстар қабылданатын соңғы мерзім: { $until }
meet-card-questions-closed = 🔒 Бұл кездесуге сұрақтар мен ұсыныстар қабылдау аяқталды.

meet-btn-ask = ❓ Сұрақ қою
meet-btn-propose = 💡 Ұсыныс енгізу
meet-btn-questions = 🗳 Басқалардың сұрақтары
meet-btn-calendar = 📅 Күнтізбеге қосу
meet-btn-broadcast = 📺 Трансляцияны ашу
meet-btn-open = 📄 { $number }
meet-btn-prev = ◀️ Алдыңғы
meet-btn-next = Келесі ▶️
meet-btn-browse = 📋 Тізімнен таңдау
meet-btn-search = 🔎 Атауы бойынша іздеу

meet-announcement-header = 📣 <b>Жаңа кездесу жарияланды</b>

meet-list-title = <b>Алдағы кездесулер: { $count }</b>
    Кездесудің толық ақпаратын көру үшін оның нөмірін басыңыз.
meet-list-line =
    <b>{ $number }.</b> { $when }
    { $host }
meet-list-page = { $page }-бет, барлығы { $pages } бет

meet-none =
    Сіз бақылайтын елді мекендерде алдағы кездесулер әзірге жоқ. Жаңа кездесу жарияланғанда бірден хабарлаймыз.
    Елді мекендеріңізді басқару: /subscriptions
meet-none-short = Алдағы кездесулер әзірге жоқ.
meet-no-subscriptions =
    Сіз әлі бірде-бір елді мекенді бақыламайсыз.
    Әкімінің кездесулері туралы білгіңіз келетін ауылды, қаланы немесе ауданды таңдаңыз:
meet-not-found = Бұл кездесу табылмады: сілтеме қате немесе ескірген. Алдағы кездесулер: /meetings
meet-cancelled = Бұл кездесу болдырылмады. Алдағы кездесулер: /meetings

meet-calendar-over = Бұл кездесу өтіп кетті, оны күнтізбеге қосудың қажеті жоқ.
meet-calendar-caption = 📅 Файлды ашыңыз, кездесу телефоныңыздың күнтізбесіне қосылады.
meet-ics-summary = Әкімнің халықпен кездесуі: { $host }
meet-ics-description = { $host } әкімінің халықпен кездесуі. Кімдерге арналған: { $audience } тұрғындары.
meet-ics-broadcast = Тікелей трансляция: { $url }
meet-ics-questions = Сұрақ қою және басқалардың сұрақтарын қолдау: { $link }
