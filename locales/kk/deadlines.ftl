# /deadlines және мерзімдер туралы еске салғыштар (services/duties.py, handlers/official/deadlines.py).
cmd-deadlines = Міндеттер мен мерзімдер
deadlines-title = 🗓 <b>Мерзімдер</b> · { $scope }
deadlines-scope-all = барлық әкімдіктер
deadlines-none = ✅ Алдағы да, мерзімі өткен де міндет жоқ.
deadlines-kind-announcement = 📢 { $when } кездесуі туралы хабарландыру жариялау
deadlines-kind-action_plan = 📝 { $when } кездесуінің қорытындыларын және іс-қимыл жоспарын жариялау
deadlines-kind-progress = 📊 { $when } кездесуінің іс-қимыл жоспары бойынша { $year } жылғы { $quarter }-тоқсандағы шешу барысын жариялау
deadlines-kind-calendar_approve = 🗓 { $year } жылға арналған кездесулердің жылдық күнтізбесін мәслихатпен келісіп бекіту
deadlines-kind-calendar_submit = 🗓 { $year } жылға бекітілген кездесулер күнтізбесін ұсыну
deadlines-left = { $days } күн қалды
deadlines-today = соңғы күн — бүгін
deadlines-overdue = мерзімі { $days } күнге өтті
deadlines-source = Негізі: { $act }, { $clause }-тармақ.
deadlines-item-title = { $n }. <b>{ $duty }</b>
deadlines-item-when = { $akimat } · мерзімі { $due } · { $timing }
deadlines-item-source = <i>{ $source }</i>
deadlines-read-only = 👁 тек қарау
deadlines-page = { $pages } беттің { $page }-беті
deadlines-prev = ◀️
deadlines-next = ▶️
deadlines-filter-button = 🔎 { $akimat }
deadlines-all-button = ⬅️ Барлық әкімдіктер
deadlines-unknown-akimat = { $code } коды бар әкімдік табылмады. Өз әкімдіктеріңіздің бәрін көру үшін /deadlines командасын кодсыз жіберіңіз.
deadlines-mark-approve-button = ✅ { $year } күнтізбесі бекітілді
deadlines-mark-submit-button = ✅ { $year } күнтізбесі ұсынылды
deadlines-mark-confirm-approve = { $year } жылға арналған кездесулер күнтізбесі бекітілді деп белгілейік пе ({ $akimat })? Бұл туралы еске салу тоқтайды.
deadlines-mark-confirm-submit = { $year } жылға бекітілген кездесулер күнтізбесі ұсынылды деп белгілейік пе ({ $akimat })? Бұл туралы еске салу тоқтайды.
deadlines-mark-yes = ✅ Иә, белгілеу
deadlines-marked = ✅ Белгіленді.
deadlines-mark-already = Бұл { $date } күні белгіленген.
deadlines-mark-not-applicable = Жылдық күнтізбені облыстардың, республикалық маңызы бар қалалардың және астананың әкімдіктері ғана жүргізеді.
deadlines-mark-bad-year = Бұл батырма ескірген: { $year } жылғы күнтізбе енді белгіленбейді.
deadlines-reminder =
    ⏰ <b>Еске салу</b> · { $akimat }
    { $duty }
    Мерзімі: <b>{ $due }</b>, { $timing }.
    { $source }
deadlines-escalation =
    ⚠️ <b>Мерзімі { $days } күнге өтті</b> · { $akimat }
    { $duty }
    Мерзімі: { $due }.
    { $source }
    Бұл хабар сізге әкімші немесе жоғары тұрған әкімдіктің қызметкері ретінде жіберілді.
deadlines-open-button = 📋 Мерзімдер
deadlines-meeting-button = 📄 Кездесу
deadlines-plan-button = 📝 Іс-қимыл жоспары
deadlines-progress-button = 📊 Тоқсандық есеп
deadlines-mark-button-of = { $button } · { $akimat }
