calendar-title = 🗓 <b>Кездесулер күнтізбесі, { $year }</b> · { $akimat }
calendar-status-draft = Күйі: жоба (мәслихатпен әлі келісілмеген).
calendar-status-agreed = Күйі: мәслихатпен келісілді ({ $date }, № { $number }).
calendar-status-approved = Күйі: бекітілді { $approved } (мәслихатпен келісу: { $date }, № { $number }).
calendar-status-submitted = Күйі: бекітілді { $approved }, Үкіметке ұсынылды { $submitted } (мәслихатпен келісу: { $date }, № { $number }).
calendar-deadlines = Бекіту мерзімі: { $approve }; Үкіметке ұсыну: { $submit } ({ act-001 }, 2.1–2.2-тармақтар).
calendar-deadline-submit = Ұсыну мерзімі: { $submit }.
calendar-empty = Күнтізбеде әлі кездесу жоқ. «➕ Қосу» басыңыз немесе XLSX үлгісін жүктеп алыңыз.
calendar-entry = { $number }. { $icon } { $when } — { $venue } ({ $kind }){ $draft }
calendar-entry-draft = , жоба № { $id }
calendar-kind-reporting = есепті
calendar-kind-visiting = көшпелі
calendar-month = { $month ->
    [1] қаңтар
    [2] ақпан
    [3] наурыз
    [4] сәуір
    [5] мамыр
    [6] маусым
    [7] шілде
    [8] тамыз
    [9] қыркүйек
    [10] қазан
    [11] қараша
   *[12] желтоқсан
}
calendar-corrections = <b>Түзетулер:</b>
calendar-correction-agreed = № { $number }, келісілді { $date }, № { $decision }: { $changes }
calendar-correction-open = № { $number }, мәслихатпен келісуді күтуде: { $changes }
calendar-more-entries = …және тағы { $count } кездесу (XLSX файлында толығымен).
calendar-btn-add = ➕ Қосу
calendar-btn-template = ⬇️ XLSX үлгісі
calendar-btn-upload = ⬆️ XLSX жүктеу
calendar-btn-agree = 🤝 Мәслихат келісімі
calendar-btn-approve = ✅ Бекітілді
calendar-btn-submit = 📤 Үкіметке ұсынылды
calendar-btn-draft = 📝 { $number } → жоба
calendar-btn-remove = 🗑 { $number }
calendar-btn-mine = 👁 Менің елді мекендерім
calendar-btn-cancel = ✖️ Болдырмау
calendar-btn-back = ⬅️ Күнтізбе
calendar-ask-when = { $year } жылғы кездесудің айын (1–12) немесе күнін (кк.аа.жжжж) жазыңыз.
calendar-ask-venue = Өтетін жерін жазыңыз (аумағыңыздағы елді мекен атауы) немесе төменнен таңдаңыз.
calendar-venue-none = «{ $query }» бойынша аумағыңыздан ештеңе табылмады. Басқаша жазып көріңіз.
calendar-venue-found = Өтетін жерді таңдаңыз:
calendar-ask-kind = { $venue }: кездесу түрі қандай?
calendar-ask-agreement = Мәслихат шешімінің күні мен нөмірін жазыңыз, мысалы: 04.01.{ $year } 12/3
calendar-ask-upload = Толтырылған XLSX файлын жіберіңіз (ең көбі { $max } жол). Файлда қате болса, ештеңе сақталмайды.
calendar-template-caption = { $year } жылғы күнтізбе үлгісі. A бағаны — ай (1–12) немесе күн, B — елді мекеннің ҚАТО коды («Елді мекендер» парағынан), C — түрі (есепті / көшпелі).
calendar-added = ✅ Күнтізбеге қосылды.
calendar-removed = 🗑 Күнтізбеден алынды.
calendar-agreed = 🤝 Мәслихат келісімі жазылды.
calendar-approved = ✅ Күнтізбе бекітілді деп белгіленді.
calendar-submitted = 📤 Күнтізбе Үкіметке ұсынылды деп белгіленді.
calendar-draft-made = 📝 Жоба кездесу № { $id } жасалды: { $when }, { $venue }. Уақыты мен орнын тексеріп, жариялаңыз: /mymeetings
calendar-draft-failed = Жоба жасалмады: кездесу деректерін тексеріңіз (/newmeeting).
calendar-file-accepted = ✅ Файл қабылданды: күнтізбеде { $count } кездесу.
calendar-file-rejected = ❌ Файл қабылданбады, ештеңе сақталмады:
calendar-file-download-failed = Файлды жүктеу мүмкін болмады. Қайта жіберіп көріңіз.
calendar-file-more = …және тағы { $count } қате.
calendar-text-expected = Мәтін жазыңыз немесе «✖️ Болдырмау» басыңыз.
calendar-file-expected = XLSX файлын жіберіңіз немесе «✖️ Болдырмау» басыңыз.
calendar-no-akimat = Күнтізбені ашу үшін әкімдік қызметкері болу керек немесе ҚАТО кодын көрсетіңіз: /calendar 623600000
calendar-unknown-akimat = «{ $code }» кодымен әкімдік табылмады.
calendar-row = { $row }-жол, { $column }: { $problem }
calendar-file-too-big = файл тым үлкен (ең көбі { $megabytes } МБ)
calendar-file-not-xlsx = бұл XLSX файлы емес
calendar-file-unpacked-too-big = файлдың ішкі көлемі тым үлкен
calendar-file-header-wrong = тақырып «{ $value }» күтілгендей емес (бот жіберген үлгіні пайдаланыңыз)
calendar-file-too-many-rows = жол тым көп (ең көбі { $max })
calendar-file-no-entries = файлда бірде-бір кездесу жоқ
calendar-file-merged = біріктірілген ұяшықтар ({ $value })
calendar-file-formula = «{ $value }» — формула, мән жазыңыз
calendar-file-required = ұяшық бос
calendar-file-bad-when = «{ $value }» ай (1–12) да, күн (кк.аа.жжжж) де емес
calendar-file-wrong-year = «{ $value }» { $year } жылға жатпайды
calendar-file-bad-venue = «{ $value }» сіздің аумағыңыздағы елді мекеннің ҚАТО коды емес
calendar-file-bad-kind = «{ $value }» — түрі «есепті» немесе «көшпелі» болуы керек
calendar-error-bad-year = Күнтізбені тек өткен, биылғы немесе келесі жылға жүргізуге болады.
calendar-error-bad-month = Айды 1–12 сан түрінде немесе күнді кк.аа.жжжж түрінде жазыңыз.
calendar-error-date-not-in-year = Бұл күн күнтізбе жылына жатпайды.
calendar-error-unknown-venue = Мұндай елді мекен жоқ.
calendar-error-venue-outside = Бұл елді мекен әкімдіктің аумағынан тыс.
calendar-error-too-many = Күнтізбеде кездесу тым көп.
calendar-error-no-entry = Бұл жазба енді жоқ.
calendar-error-not-agreed = Алдымен мәслихат келісімін жазыңыз.
calendar-error-not-approved = Алдымен күнтізбені бекітіңіз.
calendar-error-already = Бұл қадам бұрын жазылған.
calendar-error-bad-number = Шешімнің нөмірін жазыңыз (100 таңбаға дейін).
calendar-error-bad-date = Шешімнің күнін кк.аа.жжжж түрінде жазыңыз (болашақ күн емес).
calendar-error-nothing-to-agree = Келісетін түзету жоқ: күнтізбе өзгерген жоқ.
calendar-error-has-draft = Бұл жазбадан жоба бұрын жасалған (№ { $detail }).
calendar-error-passed = Бұл кездесудің уақыты өтіп кетті: /newmeeting арқылы жаңа кездесу жасаңыз.
calendar-error-no-akimat = Әкімдік табылмады.
calendar-citizen-title = 🗓 <b>Сіздің елді мекендеріңізге әкімдердің жоспарланған сапарлары</b>
calendar-citizen-entry = { $icon } { $when } — { $venue } · { $host } ({ $kind })
calendar-citizen-empty = Сіздің елді мекендеріңізде әзірге жоспарланған кездесу жоқ. Елді мекендерді /subscriptions арқылы таңдаңыз.
calendar-citizen-hint = Нақты күні жарияланғанда хабарлаймыз.
calendar-xlsx-col-when = Ай немесе күн
calendar-xlsx-col-venue = ҚАТО коды
calendar-xlsx-col-kind = Түрі
calendar-xlsx-col-name = Атауы
calendar-xlsx-sheet = Күнтізбе { $year }
calendar-xlsx-sheet-units = Елді мекендер
cmd-calendar = Әкімдердің жоспарланған сапарлары
