## Кездесулерден кейінгі іс-қимыл жоспарлары және олардың тоқсан сайынғы орындалуы: /plans (тұрғындар), /plan және /progress (қызметкерлер).

cmd-plans = Іс-қимыл жоспарлары және орындалуы
cmd-plan = Кездесу қорытындысы және іс-қимыл жоспары
cmd-progress = Жоспардың тоқсандық орындалуы

## Ортақ бөліктер

plan-quarter = { $year } жылғы { $quarter }-тоқсан
plan-status = { $status ->
    [in_progress] орындалуда
    [done] орындалды
    [overdue] мерзімі өтті
   *[not_started] басталған жоқ
}
plan-meeting-line = 🗓 № { $id } кездесу · { $host } әкімі · { $date }
plan-item-state = { $icon } { $status }, { $percent }%
plan-item-problem = <b>{ $position }. { $text }</b>
plan-item-measure = 🛠 Шара: { $text }
plan-item-executor = 👤 Жауапты орындаушы: { $text }
plan-item-due = 📅 Мерзімі: { $date }
plan-item-questions = 🔗 Тұрғындардың сұрақтары: { $numbers }
plan-items-range = <b>Тармақтар: { $first }–{ $last } (барлығы { $total })</b>
plan-page = { $page }-бет, барлығы { $pages } бет
plan-prev-button = ‹ Артқа
plan-next-button = Келесі ›
plan-more = …және тағы { $count }

## Жоспар тұрғындардың көзімен

plan-title = 📋 <b>Іс-қимыл жоспары: № { $id } кездесу</b>
plan-published-on = Жарияланған күні: { $date }
plan-summary =
    <b>Кездесу қорытындысы</b>
    { $text }
plan-summary-on-first-page = Кездесу қорытындысы бірінші бетте.
plan-history-button = 📜 Тоқсан сайынғы орындалуы ({ $count })
plan-follow-button = 🔔 Орындалуын бақылау
plan-unfollow-button = 🔕 Бақылауды тоқтату
plan-meeting-button = ⬅️ Кездесу
plan-open-button = 📋 Жоспарды ашу
plan-not-published = Бұл кездесудің іс-қимыл жоспары әлі жарияланған жоқ.
plan-followed = 🔔 Осы жоспар бойынша әр тоқсандық есеп сізге жіберіледі.
plan-unfollowed = 🔕 Осы жоспардың орындалуы туралы хабар енді жіберілмейді.
plan-history-title = 📜 <b>Орындалу тарихы: № { $id } кездесу</b>
plan-history-empty = Тоқсандық есеп әлі жарияланған жоқ. Есеп тоқсаннан кейінгі айдың 25-іне дейін жариялануы тиіс.
plan-history-line = <b>{ $quarter }</b>, { $date } күні жарияланды: { $total } тармақтың { $done }-і орындалды
plan-history-report-button = 📈 { $quarter }
plan-history-all-button = 📜 Барлық есептер
plan-back-to-plan-button = 📋 Жоспарға оралу
plan-report-title = 📈 <b>{ $quarter }: № { $id } кездесу жоспарының орындалуы</b>
plan-report-published = Жарияланған күні: { $date }
plan-report-item =
    <b>{ $position }. { $text }</b>
    { $state }
plan-report-no-entry = дерек жоқ
plan-report-not-found = Мұндай есеп жоқ.
plan-list-empty = Сіз бақылайтын елді мекендер бойынша іс-қимыл жоспары әлі жарияланған жоқ. Жоспарлар кездесулерден кейін осында шығады: /meetings
plan-list-title = 📋 Сіз бақылайтын кездесулердің <b>іс-қимыл жоспарлары</b>: { $count }
plan-list-line =
    { $number }. { $meeting }
    { $items } тармақ, { $date } күні жарияланды
plan-list-open-button = { $number }

## Хабарламалар

plan-notice-published = 📋 <b>{ $host } әкімі { $date } күні өткен кездесудің қорытындысын және іс-қимыл жоспарын жариялады</b> ({ $items } тармақ).
plan-notice-your-item = 📌 { $own ->
        [yes] Сіздің { $number } сұрағыңыз
       *[no] Сіз қолдаған { $number } сұрақ
    } — жоспардың { $position }-тармағы, мерзімі: { $due }.
plan-notice-progress = 📈 <b>{ $quarter }: іс-қимыл жоспарының орындалуы</b> ({ $date } күні өткен кездесу, { $host } әкімі).
plan-notice-progress-counts = { $total } тармақтың: орындалғаны — { $done }, орындалуда — { $progress }, мерзімі өткені — { $overdue }.
plan-notice-your-progress = 📌 { $own ->
        [yes] Сіздің { $number } сұрағыңыз
       *[no] Сіз қолдаған { $number } сұрақ
    } ({ $position }-тармақ): { $state }.

## Қызметкерлер: жоспар

plan-official-title = 📝 <b>Қорытынды және іс-қимыл жоспары: № { $id } кездесу</b> { $published ->
        [yes] (жарияланған)
       *[no] (жоба)
    }
plan-due-none = 📅 Таңдалған регламент профилі іс-қимыл жоспарының мерзімін белгілемейді.
plan-due-ahead = 📅 Жариялаудың соңғы күні: <b>{ $due }</b> ({ $days } күн қалды). { $act }, { $clause }-тармақ: кездесулер мен қабылдаулар аяқталғаннан кейін 10 күнтізбелік күн ішінде.
plan-due-overdue = ⚠️ <b>Мерзімі { $days } күнге өтіп кетті</b>: жариялаудың соңғы күні { $due } болатын ({ $act }, { $clause }-тармақ). Мүмкіндігінше тез жариялаңыз; кешігу тіркеледі.
plan-published-on-time = ✅ { $date } күні мерзімінде жарияланды (соңғы күні — { $due }).
plan-published-late = ✅ { $date } күні жарияланды, ⚠️ { $days } күн кешікті (соңғы күні — { $due }).
plan-summary-missing = ✏️ Кездесу қорытындысы әлі жазылған жоқ.
plan-items-count = Тармақтар: { $count } (ең көбі { $max })
plan-read-only = 👁 Бұл жоспарды оқи аласыз; оны тек кездесуді өткізген әкімдік өзгертеді.
plan-summary-button = ✏️ Кездесу қорытындысы
plan-add-button = ➕ Тармақ қосу
plan-template-button = 📄 XLSX үлгісі
plan-upload-button = 📤 XLSX жүктеу
plan-remove-button = 🗑 Тармақты жою
plan-publish-button = 📣 Жариялау
plan-progress-button = 📈 Тоқсандық орындалуы
plan-public-view-button = 👁 Тұрғындар қалай көреді
plan-list-button = ⬅️ Жоспар күтіп тұрған кездесулер
plan-awaiting-empty = Әкімдігіңіздің қорытынды мен іс-қимыл жоспарын күтіп тұрған кездесуі жоқ. Кездесу нөмірі бойынша жоспарды ашу: <code>/plan 12</code>. Тоқсандық орындалуы: /progress
plan-awaiting-title = 📝 <b>Қорытынды мен іс-қимыл жоспарын күтіп тұрған кездесулер</b>: { $count }
plan-awaiting-line =
    { $meeting }
    Соңғы күні: { $due }{ $overdue ->
        [0] {""}
       *[other] , ⚠️ { $overdue } күнге кешікті
    } · жобадағы тармақтар: { $items }
plan-awaiting-button = №{ $id }
plan-usage = Кездесудің нөмірін жазыңыз: <code>/plan 12</code>, ал тізім үшін жай ғана /plan.

plan-ask-summary =
    <b>Кездесу қорытындысы</b>
    Қорытындыны бір хабарламамен жазыңыз ({ $min }–{ $max } таңба): не талқыланды, қанша адам қатысты, қандай негізгі мәселелер көтерілді.
    Тоқтату: /cancel
plan-summary-saved = ✅ Кездесу қорытындысы сақталды.
plan-ask-problem =
    <b>{ $position }-тармақ, 5 қадамның 1-қадамы: мәселе</b>
    Тұрғындар көтерген мәселені сипаттаңыз ({ $max } таңбаға дейін).
    Тоқтату: /cancel
plan-ask-measure =
    <b>5 қадамның 2-қадамы: шара</b>
    Мәселені шешу үшін не істеледі ({ $max } таңбаға дейін)?
plan-ask-executor =
    <b>5 қадамның 3-қадамы: жауапты орындаушы</b>
    Кім жауапты: орган немесе лауазымды тұлға ({ $max } таңбаға дейін)?
plan-ask-deadline =
    <b>5 қадамның 4-қадамы: мерзімі</b>
    Қай күнге дейін орындалады? Күнді былай жазыңыз: <code>30.06.2027</code>; кездесу күнінен ({ $date }) ерте болмауы керек.
plan-bad-date = «{ $value }» — күн емес. Былай жазыңыз: <code>30.06.2027</code> немесе <code>2027-06-30</code>.
plan-ask-questions =
    <b>5 қадамның 5-қадамы: тармақ жауап беретін тұрғындар сұрақтары</b>
    Төмендегі қабылданған сұрақтарды белгілеңіз ({ $accepted }) немесе олардың нөмірлерін жіберіңіз, мысалы: <code>Q-2026-000123, P-2026-000045</code> (ең көбі { $max }). Олардың авторлары мен қолдағандарына қай тармақ жауап беретіні хабарланады.
    Байланыстырылғаны: { $chosen }
    Аяқтағанда (немесе мұндай сұрақ болмаса) «Дайын» батырмасын басыңыз.
plan-link-choice = { $chosen ->
        [yes] ✅
       *[no] ▫️
    } { $number } · 👍{ $supports } · { $text }
plan-link-done-button = ✅ Дайын ({ $count })
plan-item-saved = ✅ { $position }-тармақ сақталды (мерзімі: { $due }).
plan-add-next-button = ➕ Келесі тармақты қосу
plan-review-button = 👁 Тексеру және жариялау
plan-ask-remove = Жойылатын тармақтың нөмірін жіберіңіз (1–{ $count }). Одан кейінгі тармақтар бір орын жоғары жылжиды.
plan-bad-position = Тармақтың нөмірін жіберіңіз, мысалы: <code>2</code>.
plan-item-removed = 🗑 { $position }-тармақ жойылды.
plan-template-caption = 📄 Іс-қимыл жоспарының үлгісі. Бір жол — бір тармақ (ең көбі { $max }): мәселе, шара, жауапты орындаушы, мерзімі (күн немесе 30.06.2027 түріндегі мәтін), сұрақтардың нөмірлері (екінші парақты қараңыз). Тақырып жолын өзгертпеңіз, ұяшықтарды біріктірмеңіз, формула қолданбаңыз. Файлды осында қайта жіберіңіз ({ $megabytes } МБ-қа дейін): ол жобаның тармақтарын алмастырады.
plan-ask-upload = 📤 Толтырылған үлгіні .xlsx файлымен жіберіңіз ({ $megabytes } МБ-қа дейін, ең көбі { $max } тармақ). Ол жобаның тармақтарын алмастырады; файлда қате болса, ештеңе сақталмайды, ал сізге қателер тізімі жіберіледі.
plan-file-accepted = ✅ Файлдан { $count } тармақ жүктелді.
plan-file-download-failed = Файлды Telegram-нан жүктеп алу мүмкін болмады. Қайта жіберіңіз.
plan-file-rejected = ❌ <b>Файл қабылданбады, ештеңе сақталған жоқ.</b>
plan-file-more = …және тағы { $count }.
plan-file-columns-hint = A бағанынан бастап бағандар: { $columns }.

plan-file-too-big = файл { $megabytes } МБ-тан үлкен
plan-file-not-xlsx = бұл .xlsx кітабы емес: оны Excel-де «Excel кітабы (.xlsx)» ретінде сақтап, қайта жіберіңіз
plan-file-unpacked-too-big = кітапта жоспарға қажетінен әлдеқайда көп дерек бар: тек жоспар парағын қалдырыңыз
plan-file-header-missing = { $row }-жол, { $column }: «{ $expected }» тақырыбы жоқ
plan-file-header-wrong = { $row }-жол, { $column }: тақырып «{ $value }», ал «{ $expected }» болуы керек
plan-file-extra-column = { $row }-жол, { $column }: «{ $value }» кестеден тыс (тек A–E бағандары)
plan-file-no-items = файлда тармақ жоқ: тақырыптың астындағы жолдарды толтырыңыз
plan-file-too-many-rows = { $count } жол, ал жоспарда ең көбі { $limit } тармақ болады
plan-file-empty-row = { $row }-жол бос: тармақтардың арасындағы бос жолдарды жойыңыз
plan-file-merged = { $row }-жол, { $column }: { $value } ұяшықтары біріктірілген; оларды ажыратыңыз
plan-file-formula = { $row }-жол, { $column }: формула («{ $value }»); мәннің өзін жазыңыз
plan-file-error-value = { $row }-жол, { $column }: қате мәні «{ $value }»
plan-file-required = { $row }-жол, { $column }: бос, ал бұл баған міндетті
plan-file-too-short = { $row }-жол, { $column }: тым қысқа (кемінде { $limit } таңба)
plan-file-too-long = { $row }-жол, { $column }: { $count } таңба, ең көбі { $limit }
plan-file-not-a-date = { $row }-жол, { $column }: «{ $value }» — күн емес (30.06.2027 түрінде жазыңыз)
plan-file-before-meeting = { $row }-жол, { $column }: { $value } кездесу күнінен ерте
plan-file-too-far = { $row }-жол, { $column }: { $value } кездесуден кейін { $limit } жылдан асады
plan-file-bad-number = { $row }-жол, { $column }: «{ $value }» — сұрақ нөмірі емес (Q-2026-000123 түрінде болады)
plan-file-unknown-question = { $row }-жол, { $column }: { $value } — бұл кездесудің сұрағы емес
plan-file-too-many-questions = { $row }-жол, { $column }: { $count } сұрақ, ең көбі { $limit }

plan-confirm =
    📣 <b>№ { $id } кездесудің қорытындысы мен іс-қимыл жоспары жариялансын ба?</b>
    Тармақтар: { $items }, байланыстырылған сұрақтар: { $linked }. Бұл туралы кездесу жазылушыларына, байланыстырылған сұрақтардың авторлары мен қолдағандарына хабарланады, ал кездесу жабылады. Жарияланған жоспарды өзгертуге болмайды.
plan-confirm-button = ✅ Қазір жариялау
plan-not-yet-button = ✖️ Әзірге жоқ
plan-published = ✅ <b>№ { $id } кездесудің қорытындысы мен іс-қимыл жоспары жарияланды.</b> Кездесу жабылды. Жіберілетін хабарламалар: { $count }.
plan-already-published = № { $id } кездесудің жоспары бұрын жарияланған.
plan-stale-step = Бұл батырма аяқталған қадамға жатады.
plan-flow-lost = Жазылып жатқан мәлімет жоғалды. Жоспарды қайта ашыңыз: /plan
plan-flow-cancelled = Тоқтатылды. Жоспардың жобасы сақталды.
plan-expect-text = Бұл қадамда мәтін керек. Тоқтату: /cancel
plan-expect-file = .xlsx файлын жіберіңіз ({ $megabytes } МБ-қа дейін) немесе «Болдырмау» батырмасын басыңыз.

plan-error-meeting-not-found = Мұндай кездесу жоқ.
plan-error-meeting-not-over = Кездесу әлі өткен жоқ: қорытынды мен жоспар кездесуден кейін жазылады.
plan-error-meeting-cancelled = Кездесу болдырылмады: оның іс-қимыл жоспары болмайды.
plan-error-plan-not-found = Бұл кездесудің іс-қимыл жоспары әлі жоқ.
plan-error-already-published = Жоспар жарияланған, енді өзгертілмейді.
plan-error-no-summary = Алдымен кездесу қорытындысын жазыңыз.
plan-error-no-items = Жоспарда әлі тармақ жоқ.
plan-error-too-many-items = Жоспарда ең көбі { $limit } тармақ болады.
plan-error-item-not-found = Мұндай нөмірлі тармақ жоқ.
plan-error-too-short = Тым қысқа: { $length } таңба, кемінде { $limit } болуы керек.
plan-error-too-long = Тым ұзын: { $length } таңба, ең көбі { $limit }. Қысқартып, қайта жіберіңіз.
plan-error-deadline-before-meeting = Мерзім кездесу күнінен ({ $value }) ерте болмайды.
plan-error-deadline-too-far = Мерзім кездесуден кейін { $limit } жылдан асып кетті: жылын тексеріңіз.
plan-error-bad-question-number = «{ $value }» — сұрақ нөмірі емес. Нөмірлер мынадай болады: Q-2026-000123.
plan-error-unknown-question = { $value } — бұл кездесудің сұрағы емес.
plan-error-too-many-questions = Бір тармақ ең көбі { $limit } сұраққа жауап бере алады.
plan-error-report-not-found = Мұндай есеп жоқ.
plan-error-report-published = Бұл тоқсанның есебі жарияланған.
plan-error-report-incomplete = Барлық тармақ әлі толтырылған жоқ: { $length } тармақ қалды.
plan-error-quarter-not-open = Бұл тоқсан бойынша қазір есеп беруге болмайды: ол әлі аяқталған жоқ немесе жоспар жарияланғанға дейінгі тоқсан.
plan-error-bad-percent = Пайыз 0-ден 99-ға дейін болады (100% — «орындалды» дегенді білдіреді).

## Қызметкерлер: тоқсандық орындалуы

progress-title =
    📈 <b>Тоқсандық орындалуы: № { $id } кездесу</b>
    Тоқсан: <b>{ $quarter }</b> ({ $first } – { $last })
progress-due = 📅 Жариялаудың соңғы күні: <b>{ $due }</b>. { $act }, { $clause }-тармақ: тоқсаннан кейінгі айдың 25-іне дейін.
progress-due-overdue = ⚠️ <b>Мерзімі { $days } күнге өтіп кетті</b>: соңғы күні { $due } болатын ({ $act }, { $clause }-тармақ).
progress-due-none = 📅 Таңдалған регламент профилі тоқсандық есептің мерзімін белгілемейді.
progress-filled = Толтырылғаны: <b>{ $total } тармақтың { $filled }-і</b>
progress-item-line =
    <b>{ $position }.</b> { $text }
    { $state }
progress-item-empty = ⬜ әлі толтырылған жоқ
progress-already-published = ✅ Бұл есеп жарияланған.
progress-ready = Барлық тармақ толтырылды: есепті жариялауға болады.
progress-next-item-button = ✏️ { $position }-тармақты толтыру
progress-item-button = { $filled ->
        [yes] ✅
       *[no] ⬜
    } { $position }
progress-publish-button = 📣 Есепті жариялау
progress-quarters-button = 🗓 Басқа тоқсан
progress-plan-button = 📋 Жоспар
progress-history-button = 📜 Жарияланған есептер
progress-nothing-due = ✅ <b>№ { $id } кездесу: мерзімі келген барлық тоқсандық есеп жарияланған.</b>
progress-next-quarter = Келесі есеп — { $quarter } бойынша: оны { $opens } күнінен { $due } күніне дейін жариялауға болады.
progress-no-plan = № { $id } кездесудің жарияланған іс-қимыл жоспары әлі жоқ: алдымен оны /plan арқылы жариялаңыз.
progress-list-empty = Әкімдігіңізде әзірге жарияланған іс-қимыл жоспары жоқ. Жоспарлар /plan арқылы жарияланады.
progress-list-title = 📈 <b>Тоқсандық орындалуы</b>: { $count } жоспар
progress-list-line =
    { $meeting }
    { $pending ->
        [yes] ⏳ { $quarter } есебі { $due } күніне дейін жариялануы керек
       *[no] ✅ Барлығы тапсырылған; келесісі: { $quarter }
    }
progress-usage = Кездесудің нөмірін жазыңыз: <code>/progress 12</code>, ал тізім үшін жай ғана /progress.
progress-quarter-button = { $quarter } (мерзімі: { $due })
progress-choose-quarter = № { $id } кездесу жоспары бойынша қай тоқсанға есеп бересіз?
progress-status-button = { $status ->
        [in_progress] 🔄 Орындалуда
        [done] ✅ Орындалды
        [overdue] ⚠️ Мерзімі өтті
       *[not_started] ⏳ Басталған жоқ
    }
progress-same-button = ↩️ Бұрынғыдай: { $status }, { $percent }%
progress-percent-button = { $percent }%
progress-no-comment-button = ⏭ Түсініктемесіз
progress-keep-comment-button = ↩️ Бұрынғы түсініктемені қалдыру
progress-item-title = ✏️ <b>{ $position }-тармақ: { $quarter }</b>
progress-item-entered = Енгізілгені: { $state }
progress-ask-status = Бұл тармақтың қазіргі жай-күйі қандай?
progress-ask-percent = { $status }: неше пайызы орындалды? Батырманы басыңыз немесе 0-ден 99-ға дейінгі санды жазыңыз.
progress-bad-percent = 0-ден 99-ға дейінгі бүтін санды жазыңыз (100% үшін «Орындалды» жай-күйін таңдаңыз).
progress-ask-comment = Тұрғындарға арналған түсініктеме: не істелді, не кешігуде және неге ({ $max } таңбаға дейін). Немесе батырманы басыңыз.
progress-last-comment = Өткен жолы: <i>{ $text }</i>
progress-item-saved = ✅ { $position }-тармақ толтырылды.
progress-entry-cancelled = Тармақ өзгертілмеді.
progress-confirm = № { $id } кездесу жоспары бойынша { $quarter } есебі жариялансын ба (тармақтар: { $total })? Бұл туралы жоспарды бақылайтындарға, байланыстырылған сұрақтардың авторлары мен қолдағандарына хабарланады. Жарияланған есепті өзгертуге болмайды.
progress-confirm-button = ✅ Қазір жариялау
progress-published = ✅ <b>№ { $id } кездесу жоспары бойынша { $quarter } есебі жарияланды.</b> Жіберілетін хабарламалар: { $count }.
progress-published-late = ⚠️ Соңғы күннен { $days } күн кейін жарияланды; бұл тіркелді.
progress-already-done = № { $id } кездесу бойынша { $quarter } есебі бұрын жарияланған.

## XLSX үлгісі

plan-xlsx-sheet-plan = Жоспар
plan-xlsx-sheet-reference = Сұрақтар
plan-xlsx-col-problem = Мәселе
plan-xlsx-col-measure = Шара
plan-xlsx-col-executor = Жауапты орындаушы
plan-xlsx-col-deadline = Мерзімі (кк.аа.жжжж)
plan-xlsx-col-questions = Сұрақтардың нөмірлері
plan-xlsx-ref-number = Нөмірі
plan-xlsx-ref-kind = Түрі
plan-xlsx-ref-status = Жай-күйі
plan-xlsx-ref-supports = Қолдағандар
plan-xlsx-ref-text = Мәтіні
plan-xlsx-kind = { $kind ->
        [proposal] Ұсыныс
       *[question] Сұрақ
    }
plan-xlsx-status = { $status ->
        [accepted] қабылданды
        [answered] жауап берілді
        [rejected] қабылданбады
        [merged] біріктірілді
       *[new] жаңа
    }
